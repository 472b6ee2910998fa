"""The build command refuses bad input before any work, and a failing chapter leaves the last good book."""

import shutil

import pytest

from ecreport.data import load
from ecreport.edition import describe_years, edition_years, headline_of

from conftest import edit_cell, read_rows, run_build, write_rows


def refusal(result) -> str:
    assert result.returncode == 2, (result.returncode, result.stderr)
    lines = [line for line in result.stderr.strip().splitlines() if line]
    return "\n".join(lines)


def test_unknown_year_is_refused_with_the_valid_years():
    message = refusal(run_build("--year", "1999"))
    assert len(message.splitlines()) == 1
    years = describe_years(edition_years(load()))
    assert "--year 1999" in message and f"valid: {years}" in message


def test_non_numeric_year_is_refused():
    message = refusal(run_build("--year", "newest"))
    assert "--year newest" in message and "valid:" in message and "latest" in message


def test_latest_is_the_newest_year_with_an_annual_headline_value(data_copy, tmp_path):
    newest = max(edition_years(load()))
    check = run_build("--check", "--year", "latest")
    assert check.returncode == 0 and f"{newest}–{newest + 1} edition: can be built" in check.stdout
    fields, rows = read_rows(data_copy / "online_retail.csv")        # without the newest year's headline value
    write_rows(data_copy / "online_retail.csv", fields,
               [r for r in rows if not (r["indicator"] == "online_retail" and r["period"] == str(newest))])
    result = run_build("--year", "latest", "--chapters", "1", "--data-dir", str(data_copy), "--out", str(tmp_path / "html"))
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"--year latest is {newest - 1} (the {newest - 1}–{newest} edition)" in result.stdout


def test_the_year_after_the_newest_is_a_planned_edition():
    """--check lists what the planned edition lacks, its headline first; building it is refused in one line."""
    data = load()
    planned = max(edition_years(data)) + 1
    headline = headline_of(data, planned)
    ended = data.indicators.set_index("indicator")["ended"]
    assert ended.get(headline, "") == "" and headline_of(data, planned - 1) != headline   # on the successor series
    check = run_build("--check", "--year", str(planned))
    assert check.returncode == 1, check.stderr
    assert f"{planned}–{planned + 1} edition: planned" in check.stdout
    assert f"required: {headline} (" in check.stdout and "(needed by chapter 1 (01_overview.ipynb))" in check.stdout
    assert f"core: {headline} " in check.stdout and f"core: {headline_of(data, planned - 1)} " not in check.stdout
    message = refusal(run_build("--year", str(planned)))
    assert len(message.splitlines()) == 1 and "is planned" in message and f"{headline} " in message
    assert "unknown year" in refusal(run_build("--year", str(planned + 1)))


def test_missing_data_folder_is_refused(tmp_path):
    message = refusal(run_build("--data-dir", str(tmp_path / "nowhere")))
    assert len(message.splitlines()) == 1
    assert "nowhere" in message and "no such folder" in message


def test_unknown_chapter_is_refused_with_the_valid_chapters():
    message = refusal(run_build("--chapters", "99"))
    assert len(message.splitlines()) == 1
    assert "unknown chapter '99'" in message and "01_overview" in message


def test_bad_data_is_refused_with_file_row_and_column(data_copy):
    row = edit_cell(data_copy / "ecommerce.csv", {"indicator": "ec_transaction", "period": "2017", "measure": "level",
                                                 "segment": ""}, "value", "abc")
    message = refusal(run_build("--data-dir", str(data_copy)))
    assert "ecommerce.csv" in message and f"row {row}" in message and "column 'value'" in message


def test_year_without_its_data_is_refused_naming_what_is_missing(data_copy):
    fields, rows = read_rows(data_copy / "online_retail.csv")
    rows = [r for r in rows if not (r["indicator"] == "online_retail" and r["period"] == "2018")]
    write_rows(data_copy / "online_retail.csv", fields, rows)
    message = refusal(run_build("--year", "2018", "--data-dir", str(data_copy)))
    assert len(message.splitlines()) == 1
    assert "--year 2018" in message and "online_retail (全国网上零售额) value for 2018" in message
    assert "online_retail.csv" in message and "valid: 2014–2017, 2019–" in message


def test_chapter_requirements_are_checked_before_any_work(data_copy, monkeypatch):
    """A chapter that declares a value it cannot do without is refused up front when it is missing."""
    from ecreport.build import BuildError, BuildRequest, request
    fields, rows = read_rows(data_copy / "express.csv")
    write_rows(data_copy / "express.csv", fields,
               [r for r in rows if not (r["indicator"] == "express_volume" and r["period"] == "2018")])
    chapters = request.chapters_available()
    chapters[0].requires = ["express_volume Y"]
    monkeypatch.setattr(request, "chapters_available", lambda: chapters)    # where from_args looks it up
    with pytest.raises(BuildError) as caught:
        BuildRequest.from_args(year="2018", data_dir=data_copy)
    message = str(caught.value)
    assert caught.value.refused and "2018–2019 edition lacks data it needs" in message
    assert "express_volume (快递业务量) 2018: no value in" in message and "express.csv" in message


def test_failing_chapter_stops_the_build_and_keeps_the_last_good_book(built_book, data_copy, tmp_path):
    out = tmp_path / "html"
    shutil.copytree(built_book, out)
    before = (out / "chapters" / "01_overview.html").read_bytes()
    # figure 1-1's record removed: the chapter fails while drawing it, after passing the up-front checks
    fields, rows = read_rows(data_copy / "figures.csv")
    write_rows(data_copy / "figures.csv", fields, [r for r in rows if r["figure"] != "图1-1"])
    result = run_build("--data-dir", str(data_copy), "--out", str(out))
    assert result.returncode == 1, result.stderr
    assert "chapter 1 (01_overview.ipynb) failed at cell" in result.stderr
    assert "MissingDataError" in result.stderr and "图1-1" in result.stderr
    assert "Traceback" not in result.stderr
    assert (out / "chapters" / "01_overview.html").read_bytes() == before
