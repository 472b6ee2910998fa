"""Whatever a spreadsheet program can save is refused in clear lines: file, row, column, value, what is valid.

Each test damages a copy of data/ the way a person or a spreadsheet would, and checks both the loader's
message and, for the command line, exit status 2 without a traceback.
"""

import codecs

import pytest

from ecreport.data import load
from ecreport.errors import PROBLEMS_SHOWN, DataError

from conftest import edit_cell, find_row, read_rows, run_build, write_rows

EXPRESS_2017 = {"indicator": "express_volume", "period": "2017", "measure": "level", "scope": ""}


def problems_of(data_dir) -> list[str]:
    with pytest.raises(DataError) as caught:
        load(data_dir)
    return str(caught.value).splitlines()


def refused_by_the_build(data_dir, *args) -> str:
    result = run_build("--check", "--data-dir", str(data_dir), *args)
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr
    return result.stderr


def test_utf8_with_bom_and_any_line_ends_is_accepted(data_copy):
    path = data_copy / "express.csv"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode("utf-8"))
    (data_copy / "rural.csv").write_bytes((data_copy / "rural.csv").read_bytes().replace(b"\n", b"\r"))
    assert len(load(data_copy).observations) == len(load().observations)


def test_windows_chinese_encoding_is_named_with_how_to_resave(data_copy):
    path = data_copy / "express.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    [line] = problems_of(data_copy)
    assert "express.csv" in line and "is not UTF-8" in line and "GBK/GB18030" in line
    assert "CSV UTF-8" in line                           # how to re-save it
    assert "express.csv" in refused_by_the_build(data_copy)


def test_utf16_is_named(data_copy):
    path = data_copy / "rural.csv"
    path.write_bytes(codecs.BOM_UTF16_LE + path.read_text(encoding="utf-8").encode("utf-16-le"))
    [line] = problems_of(data_copy)
    assert "rural.csv" in line and "UTF-16" in line and "CSV UTF-8" in line


@pytest.mark.parametrize("typed, says, valid", [
    ("４００．６", "full-width characters", "400.6"),
    ("400.6%", "has a % sign", "400.6"),
    ("4,006", "thousands separator", "4006"),
    ("400,6", "decimal comma", "400.6"),
    ("−400.6", "not a minus sign", "-400.6"),
    ("4.006E+02", "scientific notation", "in full"),
    ("#VALUE!", "spreadsheet error", "plain decimal"),
    ("400.6亿件", "is not a number", "plain decimal"),
])
def test_a_cell_that_is_not_a_plain_number(data_copy, typed, says, valid):
    row = edit_cell(data_copy / "express.csv", EXPRESS_2017, "value", typed)
    [line] = problems_of(data_copy)
    assert line.startswith(f"{data_copy / 'express.csv'}, row {row}, column 'value': '{typed}'"), line
    assert says in line and valid in line.split("(valid:")[1]


@pytest.mark.parametrize("typed, valid", [
    ("Mar-18", "2018-03"), ("2018/3", "2018-03"), ("3/1/2018", "2018-03"), ("2018-3", "2018-03"),
    ("2018年3月", "2018-03"), ("２０１８-03", "2018-03"),
    ("2018年1–3月", "2018-01/03"), ("2018年一季度", "2018Q1"), ("2018年第一季度", "2018Q1"),
])
def test_a_period_a_spreadsheet_or_an_input_method_rewrote(data_copy, typed, valid):
    match = {"indicator": "p2p_platforms", "period": "2018-03", "state": "正常运营", "measure": "level"}
    row = edit_cell(data_copy / "online_finance.csv", match, "period", typed)
    [line] = problems_of(data_copy)
    assert f"online_finance.csv, row {row}, column 'period': '{typed}'" in line
    assert valid in line.split("(valid:")[1]


def test_a_date_typed_the_local_way(data_copy):
    row = edit_cell(data_copy / "events.csv", {"event": "ecommerce_law_adopted"}, "date", "2018/8/31")
    [line] = problems_of(data_copy)
    assert f"events.csv, row {row}, column 'date': '2018/8/31'" in line and "2018-08-31" in line


def test_ragged_rows_are_each_named(data_copy):
    path = data_copy / "express.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] += ",extra"                                  # a comma typed in a note without quotes
    lines[5] = ",".join(lines[5].split(",")[:-3])         # cells missing
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = problems_of(data_copy)
    assert any("row 4" in p and "has 14 cells, the header has 13" in p for p in problems), problems
    assert any("row 6" in p and "has 10 cells, the header has 13" in p for p in problems), problems


def test_a_misspelt_header_is_named_with_the_right_name(data_copy):
    path = data_copy / "express.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",vintage,", ",vintge,", 1), encoding="utf-8")
    [line] = problems_of(data_copy)
    assert "express.csv, row 1" in line and "'vintge' should be named 'vintage'" in line


def test_every_problem_is_listed_up_to_a_cap(data_copy):
    path = data_copy / "payments.csv"
    fields, rows = read_rows(path)
    for row in rows[:PROBLEMS_SHOWN + 5]:
        row["value"] = row["value"] + "%"
    write_rows(path, fields, rows)
    problems = problems_of(data_copy)
    assert len(problems) == PROBLEMS_SHOWN + 1
    assert [f"row {n}," in p for n, p in zip(range(2, PROBLEMS_SHOWN + 2), problems)] == [True] * PROBLEMS_SHOWN
    assert f"and 5 more problems ({PROBLEMS_SHOWN + 5} in all" in problems[-1]


def test_rows_are_numbered_as_a_spreadsheet_shows_them(data_copy):
    """A note holding a line break is one row in a spreadsheet, two lines in the file."""
    path = data_copy / "express.csv"
    fields, rows = read_rows(path)
    rows[0]["note"] = "第一行\n第二行"
    i = find_row(rows, **EXPRESS_2017)
    rows[i]["value"] = "abc"
    write_rows(path, fields, rows)
    [line] = problems_of(data_copy)
    assert f"row {i + 2}, column 'value'" in line


def test_problems_of_several_kinds_and_files_come_together(data_copy):
    edit_cell(data_copy / "express.csv", EXPRESS_2017, "value", "１２")
    edit_cell(data_copy / "ecommerce.csv", {"indicator": "ec_transaction", "period": "2017", "measure": "level",
                                            "segment": ""}, "source", "no_such_source")
    problems = problems_of(data_copy)
    assert any("express.csv" in p and "full-width" in p for p in problems)
    assert any("ecommerce.csv" in p and "unknown source 'no_such_source'" in p for p in problems)


def test_the_build_refuses_in_lines_without_a_traceback(data_copy):
    edit_cell(data_copy / "express.csv", EXPRESS_2017, "value", "-400.6")
    edit_cell(data_copy / "express.csv", EXPRESS_2017 | {"indicator": "express_revenue"}, "period", "Mar-18")
    stderr = refused_by_the_build(data_copy)
    assert "column 'value'" in stderr and "column 'period'" in stderr


def _encoded(encoding: str, bom: bytes = b""):
    def damage(data_dir):
        path = data_dir / "express.csv"
        path.write_bytes(bom + path.read_text(encoding="utf-8").encode(encoding))
        return "express.csv", None, None
    return damage


def _cell(file: str, match: dict, column: str, typed: str):
    def damage(data_dir):
        return file, edit_cell(data_dir / file, match, column, typed), column
    return damage


def _ragged(data_dir):
    path = data_dir / "express.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] += ",逗号未加引号"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return "express.csv", 4, None


def _misspelt_header(data_dir):
    path = data_dir / "rural.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("indicator,", "indicater,", 1), encoding="utf-8")
    return "rural.csv", 1, None


SHARE_2017 = {"indicator": "online_retail_physical_retail_share", "period": "2017", "measure": "level"}


@pytest.mark.parametrize("damage", [
    _encoded("gb18030"), _encoded("utf-16-le", codecs.BOM_UTF16_LE),
    _cell("express.csv", EXPRESS_2017, "value", "４００．６"),
    _cell("express.csv", EXPRESS_2017, "value", "400.6%"),
    _cell("express.csv", EXPRESS_2017, "value", "4,006"),
    _cell("express.csv", EXPRESS_2017, "value", "-400.6"),
    _cell("online_retail.csv", SHARE_2017, "value", "115"),
    _cell("express.csv", EXPRESS_2017, "period", "Jan-17"),
    _cell("express.csv", EXPRESS_2017, "source", "spb_2071"),
    _cell("express.csv", EXPRESS_2017, "value", "400.9"),
    _cell("events.csv", {"event": "ecommerce_law_adopted"}, "date", "43343"),
    _ragged, _misspelt_header,
], ids=["gbk", "utf16", "full-width", "percent", "thousands", "negative", "share-over-100", "excel-date",
        "unknown-source", "not-in-excerpt", "date-serial", "ragged", "misspelt-header"])
def test_each_class_of_bad_input_is_refused_by_the_command_line(data_copy, damage):
    file, row, column = damage(data_copy)
    stderr = refused_by_the_build(data_copy)
    assert file in stderr, stderr
    if row is not None:
        assert f"row {row}" in stderr, stderr
    if column is not None:
        assert f"column '{column}'" in stderr, stderr
    assert "(valid:" in stderr, stderr
