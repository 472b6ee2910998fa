"""Facts as the book states them: units, published vs computed growth, the report's discrepancies."""

import pytest

from ecreport import Edition
from ecreport.errors import MissingDataError, ParameterError
from ecreport.notes import take_notes

from conftest import edit_cell, read_rows, write_rows


@pytest.fixture
def ed():
    take_notes()
    return Edition(2017)


def test_published_growth_is_used_not_recomputed(ed):
    growth = ed.growth("express_volume", 2017)
    assert not growth.derived and growth.text() == "28%"
    # dividing the levels would give another figure: the published one is kept
    assert round((400.6 / 312.8 - 1) * 100, 1) != 28.0


def test_growth_is_computed_only_where_none_was_published(data_copy):
    fields, rows = read_rows(data_copy / "express.csv")
    rows = [r for r in rows if not (r["indicator"] == "express_volume" and r["period"] == "2017"
                                    and r["scope"] == "" and r["measure"] == "yoy_growth")]
    write_rows(data_copy / "express.csv", fields, rows)
    growth = Edition(2017, data_copy).growth("express_volume", 2017)
    assert growth.derived
    assert growth.text() == f"{(400.6 / 312.8 - 1) * 100:.1f}%"
    assert "计算" in growth.notes[0].text


def test_report_figure_with_visible_note(ed):
    stated = ed.fact("online_retail", 2017, "yoy_growth")
    assert stated.text() == "39.1%"                      # the report's figure …
    assert "32.2%" in stated.notes[0].text               # … and the official one in the note
    assert "国家统计局" in stated.notes[0].text
    level = ed.fact("online_retail", 2017)
    assert level.text("万亿元") == "7.18万亿元"
    assert "7.16万亿元" in level.notes[0].text             # the table of contents' typo


def test_other_editions_do_not_inherit_the_report_notes(data_copy):
    edit_cell(data_copy / "discrepancies.csv", {"discrepancy": "online_retail_2017_growth"}, "period", "2016")
    stated = Edition(2017, data_copy).fact("online_retail", 2017, "yoy_growth")
    assert stated.text() == "32.2%" and not stated.notes


def test_series_are_in_the_indicator_unit(ed):
    series = ed.series("ec_transaction", last=2017)
    assert list(series["unit"].unique()) == ["万亿元"]
    assert list(series["period"]) == ["2014", "2015", "2016", "2017"]


def test_missing_value_names_indicator_period_and_file(ed):
    with pytest.raises(MissingDataError) as caught:
        ed.fact("online_retail", 2030)
    message = str(caught.value)
    assert "online_retail" in message and "2030" in message and "online_retail.csv" in message


def test_unknown_year_lists_the_valid_years():
    with pytest.raises(ParameterError) as caught:
        Edition(1999)
    assert "year=1999" in str(caught.value) and "2014" in str(caught.value)


def test_missing_requirements_are_listed(ed, data_copy):
    assert ed.missing(["ec_transaction Y", "online_retail H1 growth"]) == []
    fields, rows = read_rows(data_copy / "express.csv")
    write_rows(data_copy / "express.csv", fields,
               [r for r in rows if not (r["indicator"] == "express_volume" and r["period"] == "2018")])
    lacking = Edition(2018, data_copy).missing(["online_retail Y", "express_volume Y", "express_volume Y growth"])
    assert len(lacking) == 2 and all("express_volume" in x and "2018" in x for x in lacking)


def test_unpublished_core_series_are_listed():
    later = Edition(2023)
    assert any(x.startswith("ec_transaction ") for x in later.unpublished())
    assert not any(x.startswith("online_retail ") for x in later.unpublished())
