"""Pilot zones end when the State Council revokes them: the counts follow, and an end date needs a source."""

import pytest

from conftest import ROOT, executed_markdown, read_rows, write_rows
from ecreport.data import load
from ecreport.edition import Edition
from ecreport.errors import DataError
from ecreport.zones import pilot_zone_batches

YEAR = 2024          # its window (2024–2025) holds the April 2025 batch, which revoked three zones


def policy_text(data, tmp_path) -> str:
    return executed_markdown(ROOT / "chapters" / "11_policy.ipynb", tmp_path / "ch11.ipynb", YEAR, data)


def revoked_in_data(data) -> list[str]:
    _, rows = read_rows(data / "pilot_zones.csv")
    return [r["city"] for r in rows if r["ended"]]


def test_a_batch_lists_the_zones_its_decision_revoked(data_copy):
    batches = pilot_zone_batches(Edition(YEAR, data_copy))
    revoked = [city for cities in batches["revoked"] for city in cities]
    assert revoked and sorted(revoked) == sorted(revoked_in_data(data_copy))
    assert all(not cities for cities in batches["revoked"].iloc[:-1])       # earlier batches revoked none


def test_the_policy_chapter_counts_zones_less_those_revoked(data_copy, tmp_path):
    batches = pilot_zone_batches(Edition(YEAR, data_copy))
    sizes = [int(a.value) if a is not None else n for a, n in zip(batches["announced"], batches["listed"])]
    revoked = revoked_in_data(data_copy)
    text = policy_text(data_copy, tmp_path)
    assert f"共{sum(sizes)}个城市（{len(revoked)}个已撤销，现有{sum(sizes) - len(revoked)}个）" in text
    assert "同时撤销" + "、".join(c.removesuffix("市") for c in revoked[:-1]) in text

    fields, rows = read_rows(data_copy / "pilot_zones.csv")      # the same data without the revocations
    write_rows(data_copy / "pilot_zones.csv", fields, [{**r, "ended": "", "ended_by": ""} for r in rows])
    (tmp_path / "unrevoked").mkdir()
    text = policy_text(data_copy, tmp_path / "unrevoked")
    assert f"共{sum(sizes)}个城市；" in text and "已撤销" not in text and "同时撤销" not in text


def test_an_end_date_needs_its_source(data_copy):
    fields, rows = read_rows(data_copy / "pilot_zones.csv")
    at = next(i for i, r in enumerate(rows) if r["ended"])
    rows[at]["ended_by"] = ""
    write_rows(data_copy / "pilot_zones.csv", fields, rows)
    with pytest.raises(DataError) as caught:
        load(data_copy)
    message = str(caught.value)
    assert "pilot_zones.csv" in message and f"row {at + 2}" in message and "column 'ended_by'" in message
    assert "required where ended is given" in message
