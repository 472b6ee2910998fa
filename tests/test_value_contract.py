"""The value contract: bounds per indicator, vintages, computed values, values read from words, second sources."""

import pytest

from ecreport.data import load
from ecreport.edition import Edition
from ecreport.errors import DataError
from ecreport.provenance import find_value
from ecreport.valuechecks import host_of, quoted_words

from conftest import edit_cell, find_row, read_rows, write_rows

EXPRESS_2017 = {"indicator": "express_volume", "period": "2017", "measure": "level", "scope": ""}


def problems_of(data_dir) -> list[str]:
    with pytest.raises(DataError) as caught:
        load(data_dir)
    return str(caught.value).splitlines()


def test_a_negative_parcel_count_is_impossible(data_copy):
    row = edit_cell(data_copy / "express.csv", EXPRESS_2017, "value", "-400.6")
    [line] = problems_of(data_copy)
    assert f"express.csv, row {row}, column 'value': -400.6 亿件 is impossible for express_volume" in line
    assert "at least 0 亿件" in line and "indicators.csv" in line


def test_a_share_above_100_percent_is_impossible(data_copy):
    row = edit_cell(data_copy / "online_retail.csv", {"indicator": "online_retail_physical_retail_share",
                                                       "period": "2017", "measure": "level"}, "value", "150")
    [line] = problems_of(data_copy)
    assert f"row {row}, column 'value'" in line and "from 0 to 100 %" in line


def test_a_fall_of_more_than_100_percent_is_impossible(data_copy):
    row = edit_cell(data_copy / "express.csv", EXPRESS_2017 | {"measure": "yoy_growth"}, "value", "-128")
    [line] = problems_of(data_copy)
    assert f"row {row}, column 'value'" in line and "at least -100 %" in line


def test_real_negative_levels_stay_valid():
    changes = load().observations.query("indicator == 'p2p_platforms_mom_change'")
    assert (changes["value"] < 0).any()


def test_bounds_are_declared_for_every_indicator():
    indicators = load().indicators
    assert set(indicators.columns) >= {"level_min", "level_max", "yoy_growth_min"}
    counts = indicators[indicators["unit"].isin(["亿件", "亿元", "万亿元", "亿笔"])]
    assert (counts["level_min"] == "0").all()


def add_final_figure(data_dir, value: str, vintage: str) -> None:
    """A later release of express_volume 2017 (a final figure after the preliminary one)."""
    path = data_dir / "express.csv"
    fields, rows = read_rows(path)
    i = find_row(rows, **EXPRESS_2017)
    rows[i]["status"] = "preliminary"
    rows.insert(i + 1, dict(rows[i], value=value, vintage=vintage, status="", source="spb_2017_final", see_also=""))
    write_rows(path, fields, rows)
    fields, sources = read_rows(data_dir / "sources.csv")
    sources.append(dict(sources[find_row(sources, source="spb_2017")], source="spb_2017_final", published=vintage,
                        excerpt=f"2017年全国快递服务企业业务量完成{value}亿件"))
    write_rows(data_dir / "sources.csv", fields, sources)


def test_both_vintages_stay_and_an_edition_states_the_latest(data_copy):
    add_final_figure(data_copy, "401.0", "2019-05")
    data = load(data_copy)
    both = data.all_vintages.query("indicator == 'express_volume' and period == '2017' and measure == 'level' and scope == ''")
    assert sorted(both["value"]) == [400.6, 401.0]
    assert Edition(2017, data_copy).published("express_volume", 2017).value == 401.0


def test_two_figures_of_one_vintage_are_a_duplicate(data_copy):
    fields, rows = read_rows(data_copy / "express.csv")
    released = rows[find_row(rows, **EXPRESS_2017)]["vintage"]
    add_final_figure(data_copy, "401.0", released)
    [line] = problems_of(data_copy)
    assert "duplicate key" in line and f"vintage={released}" in line


def test_a_figure_cannot_be_released_before_its_period(data_copy):
    row = edit_cell(data_copy / "express.csv", EXPRESS_2017, "vintage", "2016-12")
    problems = problems_of(data_copy)
    assert any(f"row {row}, column 'vintage'" in p and "before the period 2017" in p for p in problems), problems


def add_computed(data_dir, value: str, inputs: str) -> int:
    """A computed share: express revenue per parcel is not a statistic, so use online retail's physical part."""
    path = data_dir / "online_retail.csv"
    fields, rows = read_rows(path)
    template = rows[find_row(rows, indicator="online_retail_physical_retail_share", period="2017", measure="level")]
    rows.append(dict(template, period="2017H2", value=value, status="computed", inputs=inputs, vintage="2018-01",
                     note="本书计算。"))
    write_rows(path, fields, rows)
    return len(rows) + 1


FORMULA = "{online_retail_physical 2017 level} / {online_retail 2017 level} * 100"


def test_a_computed_value_is_recomputed_from_its_inputs(data_copy):
    data = load()
    level = data.observations.query("indicator in ['online_retail_physical', 'online_retail'] and period == '2017' "
                                    "and measure == 'level' and region == '' and category == ''")
    physical, total = (level.set_index("indicator").loc[i, "value"] for i in ("online_retail_physical", "online_retail"))
    right = f"{physical / total * 100:.1f}"
    add_computed(data_copy, right, FORMULA)
    assert load(data_copy).observations.query("period == '2017H2'")["status"].tolist() == ["computed"]


def test_a_computed_value_that_its_inputs_do_not_give_is_refused(data_copy):
    row = add_computed(data_copy, "99.9", FORMULA)
    [line] = problems_of(data_copy)
    assert f"row {row}, column 'value': 99.9 does not agree with its inputs" in line


def test_a_computed_value_without_inputs_or_with_an_unknown_one_is_refused(data_copy):
    row = add_computed(data_copy, "12.3", "")
    assert f"row {row}, column 'inputs'" in problems_of(data_copy)[0]
    data_copy2 = data_copy
    path = data_copy2 / "online_retail.csv"
    fields, rows = read_rows(path)
    rows[-1]["inputs"] = "{online_retail 2099 level} / 2"
    write_rows(path, fields, rows)
    [line] = problems_of(data_copy2)
    assert "'{online_retail 2099 level}': no such value" in line


def test_a_value_read_from_words_quotes_words_its_excerpt_has(data_copy):
    match = {"indicator": "p2p_platforms_monthly", "period": "2018-03", "state": "新上线", "measure": "level"}
    path = data_copy / "online_finance.csv"
    fields, rows = read_rows(path)
    row = rows[find_row(rows, **match)]
    assert row["read_as"] == "words" and "“" in row["note"]
    row_no = edit_cell(path, match, "note", "原文：“没有一家新平台”。")
    [line] = problems_of(data_copy)
    assert f"row {row_no}, column 'note'" in line and "does not contain" in line


def test_an_unknown_second_source_is_refused(data_copy):
    row = edit_cell(data_copy / "express.csv", EXPRESS_2017, "see_also", "no_such_report")
    [line] = problems_of(data_copy)
    assert f"row {row}, column 'see_also': unknown source 'no_such_report'" in line


def test_every_value_not_taken_from_the_report_is_in_its_sources_excerpt():
    data = load()
    sources = data.sources.set_index("source")
    checked = 0
    for row in data.all_vintages.itertuples():
        source = sources.loc[row.source.split(";")[0]]
        if source["confidence"] == "report" or row.status == "computed":
            continue
        if row.read_as:
            assert all(q in source["excerpt"] for q in quoted_words(row.note)) and quoted_words(row.note), row
            continue
        written = data.files[row.table].read_text(encoding="utf-8")   # the value as the file writes it
        text = f"{row.value:.{row.decimals}f}"
        assert text in written
        assert find_value(text, row.unit, row.measure, source["excerpt"]) is not None, (row.table, row.row, text)
        checked += 1
    assert checked > 500


def test_a_value_its_excerpt_does_not_hold_is_refused(data_copy):
    path = data_copy / "sources.csv"
    fields, rows = read_rows(path)
    source = rows[find_row(rows, source="spb_2017")]
    assert "400.6" in source["excerpt"]
    source["excerpt"] = source["excerpt"].replace("400.6", "400.9")
    write_rows(path, fields, rows)
    problems = problems_of(data_copy)
    assert any("express.csv" in p and "400.6 亿件 is not in the excerpt of spb_2017" in p for p in problems), problems


def test_every_host_a_source_links_to_is_classified():
    data = load()
    hosts = set(data.tables["hosts"]["host"])
    for row in data.sources.itertuples():
        for url in (row.url, row.read_at):
            if url:
                assert host_of(url) in hosts, (row.source, url)
        if row.confidence != "report":
            assert row.url or row.read_at, row.source


def test_a_copy_on_a_spam_host_makes_a_source_low(data_copy):
    path = data_copy / "hosts.csv"
    fields, rows = read_rows(path)
    rows[find_row(rows, host="en.people.cn")]["class"] = "spam"
    write_rows(path, fields, rows)
    problems = problems_of(data_copy)
    assert problems and all("column 'confidence'" in p and "en.people.cn (spam)" in p and "(valid: low)" in p
                            for p in problems), problems


def test_a_vintage_is_the_release_date_of_its_source(data_copy):
    row = edit_cell(data_copy / "express.csv", EXPRESS_2017, "vintage", "2018-02")
    [line] = problems_of(data_copy)
    assert f"row {row}, column 'vintage': vintage 2018-02 is not the release date of spb_2017" in line
