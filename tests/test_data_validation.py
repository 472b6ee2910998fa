"""Every kind of bad data input gets one clear error naming file, row and column."""

import json

import pytest

from ecreport.data import load
from ecreport.errors import DataError
from ecreport.valuechecks import host_of

from conftest import edit_cell, read_rows, write_rows


def test_the_book_data_is_valid():
    dataset = load()
    assert len(dataset.observations) > 0
    assert set(dataset.observations["indicator"]) <= set(dataset.indicators["indicator"])


def error_for(data_dir) -> str:
    with pytest.raises(DataError) as caught:
        load(data_dir)
    return str(caught.value)


def test_non_numeric_value(data_copy):
    row = edit_cell(data_copy / "online_retail.csv", {"indicator": "online_retail", "period": "2017", "measure": "level"},
                    "value", "7.18万亿")
    message = error_for(data_copy)
    assert "online_retail.csv" in message and f"row {row}" in message and "column 'value'" in message
    assert "'7.18万亿' is not a number" in message


def test_unknown_unit(data_copy):
    row = edit_cell(data_copy / "express.csv", {"indicator": "express_volume", "period": "2017", "measure": "level", "scope": ""},
                    "unit", "亿包")
    message = error_for(data_copy)
    assert "express.csv" in message and f"row {row}" in message and "column 'unit'" in message
    assert "unknown unit '亿包'" in message and "亿件" in message      # lists the valid units


def test_unit_of_another_quantity(data_copy):
    row = edit_cell(data_copy / "express.csv", {"indicator": "express_volume", "period": "2017", "measure": "level", "scope": ""},
                    "unit", "亿元")
    message = error_for(data_copy)
    assert f"row {row}" in message and "cannot express indicator 'express_volume'" in message


def test_duplicate_key(data_copy):
    path = data_copy / "ecommerce.csv"
    fields, rows = read_rows(path)
    rows.append(dict(rows[0]))
    write_rows(path, fields, rows)
    message = error_for(data_copy)
    assert "ecommerce.csv" in message and f"row {len(rows) + 1}" in message
    assert "duplicate key" in message and "row 2 has the same key" in message


def test_missing_source(data_copy):
    row = edit_cell(data_copy / "ecommerce.csv", {"indicator": "ec_transaction", "period": "2017", "measure": "level", "segment": ""},
                    "source", "")
    message = error_for(data_copy)
    assert "ecommerce.csv" in message and f"row {row}" in message and "column 'source'" in message
    assert "every value needs a source" in message


def test_unknown_source(data_copy):
    row = edit_cell(data_copy / "ecommerce.csv", {"indicator": "ec_transaction", "period": "2017", "measure": "level", "segment": ""},
                    "source", "no_such_source")
    message = error_for(data_copy)
    assert f"row {row}" in message and "unknown source 'no_such_source'" in message and "sources.csv" in message


def test_unknown_indicator(data_copy):
    row = edit_cell(data_copy / "online_retail.csv", {"indicator": "online_retail", "period": "2016", "measure": "level"},
                    "indicator", "online_retial")
    message = error_for(data_copy)
    assert "online_retail.csv" in message and f"row {row}" in message and "column 'indicator'" in message
    assert "unknown indicator 'online_retial'" in message and "indicators.csv" in message


def test_unknown_period_format(data_copy):
    row = edit_cell(data_copy / "express.csv", {"indicator": "express_volume", "period": "2016", "measure": "level", "scope": ""},
                    "period", "2016年")
    message = error_for(data_copy)
    assert "express.csv" in message and f"row {row}" in message and "column 'period'" in message
    assert "'2016年'" in message and "2018H1" in message          # says what is valid


def test_cumulative_months_are_a_period_of_their_own(data_copy):
    """A release for 1–2月 together (2026-01/02) is a period; its months must run forwards."""
    from ecreport.edition import Edition, period_words, year_before

    source_fields, sources = read_rows(data_copy / "sources.csv")
    write_rows(data_copy / "sources.csv", source_fields, sources + [{f: "" for f in source_fields} | dict(
        source="test_months", organisation="本测试", title="测试用的1–2月数据", confidence="report", feeds="第1章")])
    fields, rows = read_rows(data_copy / "express.csv")
    row = {f: "" for f in fields} | dict(indicator="express_volume", period="2019-01/02", measure="level",
                                         value="70.0", unit="亿件", vintage="2019-03", source="test_months")
    write_rows(data_copy / "express.csv", fields, rows + [row])
    ed = Edition(2018, data_copy)
    cumulative = ed.series("express_volume", frequency="cumulative")["period"].tolist()
    assert "2019-01/02" in cumulative and all("/" in p for p in cumulative)
    assert "2019-01/02" not in ed.series("express_volume", frequency="month")["period"].tolist()
    assert (period_words("2019-01/02"), year_before("2019-01/02")) == ("2019年1–2月", "2018-01/02")
    write_rows(data_copy / "express.csv", fields, rows + [row | {"period": "2019-03/02"}])
    message = error_for(data_copy)
    assert "express.csv" in message and f"row {len(rows) + 2}" in message and "column 'period'" in message
    assert "ends before it starts" in message and "2026-01/02" in message


def test_growth_must_be_a_percentage(data_copy):
    row = edit_cell(data_copy / "ecommerce.csv", {"indicator": "ec_transaction", "period": "2017", "measure": "yoy_growth", "segment": ""},
                    "unit", "万亿元")
    message = error_for(data_copy)
    assert f"row {row}" in message and "percentage" in message


def test_header_that_does_not_match_the_schema(data_copy):
    path = data_copy / "express.csv"
    text = path.read_text(encoding="utf-8").replace("indicator,period,scope", "indicator,period,kind", 1)
    path.write_text(text, encoding="utf-8")
    message = error_for(data_copy)
    assert "express.csv" in message and "row 1" in message and "missing scope" in message


def test_missing_table_file(data_copy):
    (data_copy / "express.csv").unlink()
    message = error_for(data_copy)
    assert "express.csv" in message and "file not found" in message


def test_broken_datapackage(data_copy):
    (data_copy / "datapackage.json").write_text("{ not json", encoding="utf-8")
    message = error_for(data_copy)
    assert "datapackage.json" in message and "not valid JSON" in message


def test_every_source_is_cited_and_described():
    """Every source a value cites names its publisher and document, and a page: a URL on a host a reader
    can trust, or — known only from a copy on an unrelated or spam host — that host, with confidence low."""
    dataset = load()
    used = set()
    for text in dataset.observations["source"]:
        used.update(s.strip() for s in text.split(";"))
    sources = dataset.sources.set_index("source")
    hosts = dataset.tables["hosts"].set_index("host")["class"]
    for sid in used:
        row = sources.loc[sid]
        assert row["organisation"] and row["title"], sid
        if row["confidence"] == "report":
            continue
        page = row["read_at"] or row["url"]
        assert page, sid
        spam = hosts[host_of(page)] == "spam"
        assert (row["confidence"] == "low") == spam, (sid, row["confidence"], host_of(page))


def test_schema_describes_every_column():
    package = json.loads((load().data_dir / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        for field in resource["schema"]["fields"]:
            assert field.get("description"), f"{resource['name']}.{field['name']}"
