"""The spreadsheet round trip: --sheet writes what the next edition lacks, --import-sheet adds it all or nothing."""

import csv
import hashlib
import io
import re
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from conftest import BUILD_DIR, ROOT, read_rows, run_build, tree
from ecreport.data import load
from ecreport.edition import Edition, edition_years, headline_of
from ecreport.build.kill_points import IMPORT_STEPS
from ecreport.sheet_import import _period, _value

DATA = load()
PLANNED = max(edition_years(DATA)) + 1
HEADLINE = headline_of(DATA, PLANNED)
NEED_LINE = re.compile(r"^  (required|core): ", re.M)


def write_sheet(data_dir, out):
    result = run_build("--sheet", str(PLANNED), "--data-dir", str(data_dir), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return ROOT / re.search(r"wrote (\S+\.xlsx)", result.stdout).group(1)     # relative to the project, or absolute


class Sheet:
    """A sheet as an analyst edits it in Excel: by indicator, measure and dimensions."""

    def __init__(self, path):
        self.path, self.book = path, load_workbook(path)
        self.ws = self.book["待填数值"]
        self.col = {c.value.split()[-1]: c.column for c in self.ws[1]}

    def row(self, indicator, measure="level", dims=""):
        for r in range(2, self.ws.max_row + 1):
            if ((self.cell(r, "indicator").value, self.cell(r, "measure").value, self.cell(r, "dimensions").value or "")
                    == (indicator, measure, dims)):
                return r
        raise KeyError((indicator, measure, dims))

    def cell(self, r, key):
        return self.ws.cell(r, self.col[key])

    def fill(self, r, **cells):
        for key, value in cells.items():
            self.cell(r, key).value = value

    def save(self, path=None):
        self.book.save(path or self.path)


NBS = dict(organisation="国家统计局", title="测试用合成发布：全年社会消费品零售总额", published="2099-01-18",
           url="https://www.stats.gov.cn/sj/zxfb/test.html", host_class="official",
           excerpt="全国网上商品和服务零售额180000亿元，比上年增长6.4%。")
SPB = dict(organisation="国家邮政局", title="测试用合成发布：邮政行业运行情况", published="2099-01-20",
           url="https://www.spb.gov.cn/test.html", host_class="official", excerpt="快递业务量同比增长5.5%。")


def filled_sheet(data_dir, tmp_path, name="sheet.xlsx"):
    """The planned edition's sheet with two values: one typed as text, one as a percent cell."""
    path = write_sheet(data_dir, tmp_path / name)
    sheet = Sheet(path)
    sheet.fill(sheet.row(HEADLINE), value="180000", **NBS)
    r = sheet.row("express_volume", "yoy_growth")
    sheet.fill(r, value=0.055, **SPB)
    sheet.cell(r, "value").number_format = "0.0%"
    sheet.save()
    return path


def needs_listed(data_dir) -> list[str]:
    check = run_build("--check", "--year", str(PLANNED), "--data-dir", str(data_dir))
    assert check.returncode in (0, 1), check.stderr
    return [line for line in check.stdout.splitlines() if NEED_LINE.match(line + " ")]


def test_the_sheet_has_a_row_for_each_value_the_next_edition_lacks(data_copy, tmp_path):
    path = write_sheet(data_copy, tmp_path / "sheet.xlsx")
    sheet = Sheet(path)
    rows = list(range(2, sheet.ws.max_row + 1))
    assert len(rows) == len(needs_listed(data_copy))
    assert sheet.cell(sheet.row(HEADLINE), "need").value == "必需"
    assert {sheet.cell(r, "need").value for r in rows} == {"必需", "核心"}
    ended = [i for i, e in DATA.indicators.set_index("indicator")["ended"].items() if e and int(e[:4]) < PLANNED]
    assert ended and not any(sheet.cell(r, "indicator").value in ended for r in rows)     # ended series not asked for
    r = sheet.row("express_volume", dims="scope=同城")
    before = Edition(PLANNED - 1).published("express_volume", PLANNED - 1, scope="同城")
    assert (sheet.cell(r, "name_zh").value, sheet.cell(r, "period").value, sheet.cell(r, "unit").value) == (
        "快递业务量", str(PLANNED), "亿件")
    assert sheet.cell(r, "last_value").value == before.text()
    assert sheet.cell(r, "last_source").value.startswith(before.source.split(";")[0])
    for key in ("period", "value", "vintage", "published"):                       # text, so Excel keeps them
        assert sheet.cell(r, key).number_format == "@"
    assert all(sheet.cell(r, key).value in (None, "") for key in ("value", "status", "organisation", "url", "excerpt"))


def test_round_trip_two_values_in_two_fewer_missing(data_copy, tmp_path):
    before = needs_listed(data_copy)
    # a file saved by Excel on Windows: a byte-order mark and CRLF line ends, which the import keeps
    express = data_copy / "express.csv"
    express.write_bytes(b"\xef\xbb\xbf" + express.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    old_express = express.read_bytes()
    result = run_build("--import-sheet", str(filled_sheet(data_copy, tmp_path)), "--data-dir", str(data_copy))
    assert result.returncode == 0, result.stderr
    assert "added 2 value(s)" in result.stdout
    after = needs_listed(data_copy)
    assert len(after) == len(before) - 2
    assert not any(f" {HEADLINE} " in line and "yoy_growth" not in line for line in after)
    new_express = express.read_bytes()
    assert new_express.startswith(old_express) and new_express.endswith(b"\r\n") and b"\n" not in new_express.replace(b"\r\n", b"")
    data = load(data_copy)
    assert data.table_of(HEADLINE)
    rows = list(csv.DictReader(io.StringIO(express.read_bytes().decode("utf-8-sig"))))
    growth = [r for r in rows if (r["indicator"], r["period"], r["measure"], r["scope"]) ==
              ("express_volume", str(PLANNED), "yoy_growth", "")]
    assert [(g["value"], g["unit"]) for g in growth] == [("5.5", "%")]              # 0.055 in a percent cell
    source = data.sources.set_index("source").loc[growth[0]["source"]]
    assert (source["organisation"], source["confidence"]) == ("国家邮政局", "official")
    assert "www.spb.gov.cn" in set(data.tables["hosts"]["host"])
    assert PLANNED in edition_years(data)                       # its headline figure is in: the edition exists


def test_a_sheet_with_one_bad_cell_changes_no_file(data_copy, tmp_path):
    path = filled_sheet(data_copy, tmp_path)
    sheet = Sheet(path)
    r = sheet.row(HEADLINE)
    sheet.fill(r, value="170000")                                   # not the number its excerpt holds
    sheet.save()
    folder = tree(data_copy.parent)
    result = run_build("--import-sheet", str(path), "--data-dir", str(data_copy))
    assert result.returncode == 2
    assert "nothing imported" in result.stderr
    assert f"sheet.xlsx (待填数值), row {r}, column 'value'" in result.stderr
    assert "170000" in result.stderr and "Traceback" not in result.stderr
    assert tree(data_copy.parent) == folder                        # no file changed, nothing left beside it


def test_excel_quirks_are_read_as_excel_stores_them():
    cell = Workbook().active["A1"]
    cell.value = datetime(2026, 3, 1)                        # 2026-03 typed into a cell Excel formats as a date
    assert _period(cell) == "2026-03"
    cell.value, cell.number_format = 0.086, "0.0%"           # 8.6% typed into a cell: Excel stores 0.086
    assert _value(cell, "%")[:2] == ("8.6", "%")
    cell.value, cell.number_format = "８．６％", "@"           # full-width, typed with a Chinese input method
    assert _value(cell, "")[:2] == ("8.6", "%")
    cell.value = "32,546"                                      # a number stored as text, with separators
    assert _value(cell, "亿元")[:2] == ("32546", "亿元")
    cell.value = 2026.0
    assert _period(cell) == "2026"
    cell.value = "约3万"
    assert _value(cell, "亿元")[2]                              # not a number: a problem, not a guess


def test_the_same_value_again_is_refused_unless_replace(data_copy, tmp_path):
    path = filled_sheet(data_copy, tmp_path)
    assert run_build("--import-sheet", str(path), "--data-dir", str(data_copy)).returncode == 0
    again = run_build("--import-sheet", str(path), "--data-dir", str(data_copy))
    assert again.returncode == 2 and "--replace" in again.stderr and "already has" in again.stderr
    replaced = run_build("--import-sheet", str(path), "--data-dir", str(data_copy), "--replace")
    assert replaced.returncode == 0, replaced.stderr
    assert "replaced" in replaced.stdout and "0 source(s)" in replaced.stdout        # the same documents, not new ones
    _, revisions = read_rows(data_copy / "revisions.csv")
    assert {r["table"] for r in revisions} == {"online_retail", "express"}
    assert any(r["row"].startswith(f"{HEADLINE},{PLANNED},") for r in revisions)
    _, rows = read_rows(data_copy / "online_retail.csv")
    assert sum(r["indicator"] == HEADLINE and r["period"] == str(PLANNED) for r in rows) == 1


@pytest.mark.parametrize("step", IMPORT_STEPS)
def test_an_import_killed_midway_leaves_the_folder_whole(data_copy, tmp_path, step):
    path = filled_sheet(data_copy, tmp_path)
    before = tree(data_copy)
    killed = run_build("--import-sheet", str(path), "--data-dir", str(data_copy), env={**__import__("os").environ,
                                                                                       "ECREPORT_KILL_AT": step})
    assert killed.returncode == -9
    if step == "import-staged":
        assert tree(data_copy) == before                       # as it was
    else:
        _, rows = read_rows(data_copy / "online_retail.csv")   # or with every row of the sheet, never some
        assert any(r["indicator"] == HEADLINE and r["period"] == str(PLANNED) for r in rows)
        _, rows = read_rows(data_copy / "express.csv")
        assert any(r["indicator"] == "express_volume" and r["period"] == str(PLANNED) for r in rows)
    load(data_copy)                                            # valid either way


def test_a_filled_sheet_is_never_overwritten(data_copy, tmp_path):
    first = write_sheet(data_copy, tmp_path / "sheet.xlsx")
    assert write_sheet(data_copy, tmp_path / "sheet.xlsx") == first          # an untouched sheet is rewritten
    filled = filled_sheet(data_copy, tmp_path)
    digest = hashlib.sha256(filled.read_bytes()).hexdigest()
    beside = write_sheet(data_copy, tmp_path / "sheet.xlsx")
    assert beside != filled and beside.name == "sheet-2.xlsx"
    assert hashlib.sha256(filled.read_bytes()).hexdigest() == digest


def test_the_default_sheet_goes_to_build():
    result = run_build("--sheet", str(PLANNED))                 # the tests' _build is BUILD_DIR
    assert result.returncode == 0, result.stderr
    written = Path(re.search(r"wrote (\S+\.xlsx)", result.stdout).group(1))
    assert written.parent == BUILD_DIR and re.fullmatch(rf"sheet-{PLANNED}(-\d+)?\.xlsx", written.name)
    assert run_build("--sheet", str(PLANNED + 1)).returncode == 2     # only editions and the planned one
