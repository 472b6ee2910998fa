"""Editions for other years: adding a year, missing series, the multi-edition site, the cache."""

import json
import re

import pytest

from conftest import BUILD_DIR, edit_cell, figure_spec, offline_page, read_rows, run_build, spec_rows, write_rows
from ecreport.data import load
from ecreport.edition import edition_years
from test_build import visible_text

SYNTHETIC_YEAR = "2027"   # clear of the real data, which ends in 2025 (2026 is its planned edition)


def append_rows(path, rows):
    """Append rows given as {column: value}; columns left out are empty."""
    fields, existing = read_rows(path)
    write_rows(path, fields, existing + [{f: row.get(f, "") for f in fields} for row in rows])


def test_adding_a_year_as_the_walkthrough_says(data_copy, tmp_path):
    """README 'Adding a year' / 附录C, on a copy of the data with a synthetic year on the successor headline
    series (网上商品和服务零售额 replaced 网上零售额 from 2026)."""
    data = load(data_copy)
    headline = data.indicators.set_index("indicator").loc["online_retail", "successor"]
    append_rows(data_copy / "sources.csv", [dict(
        source="test_release_2027", organisation="国家统计局", title="测试用合成数据", published="2028-01",
        read_at="https://example.invalid/2027", confidence="secondary", feeds="第1章",
        excerpt="合成数据，仅用于测试加入新年份的流程：全国网上商品和服务零售额180000亿元，同比增长6.4%；"
                "快递业务量1999.9亿件，增长5.5%。")])
    append_rows(data_copy / "hosts.csv", [dict(host="example.invalid", **{"class": "media"}, note="测试用合成网站")])
    release = dict(period=SYNTHETIC_YEAR, vintage="2028-01", source="test_release_2027")
    append_rows(data_copy / "online_retail.csv", [
        dict(release, indicator=headline, measure="level", value="180000", unit="亿元"),
        dict(release, indicator=headline, measure="yoy_growth", value="6.4", unit="%")])
    append_rows(data_copy / "express.csv", [
        dict(release, indicator="express_volume", measure="level", value="1999.9", unit="亿件"),
        dict(release, indicator="express_volume", measure="yoy_growth", value="5.5", unit="%")])

    check = run_build("--check", "--year", SYNTHETIC_YEAR, "--data-dir", str(data_copy))
    assert check.returncode == 0, check.stdout + check.stderr
    assert "2027–2028 edition: can be built" in check.stdout
    assert "ec_transaction (电子商务交易额)" in check.stdout          # listed as lacking, not invented
    assert "online_retail (全国网上零售额)" not in check.stdout       # an ended series is not asked for

    out = tmp_path / "html"
    result = run_build("--year", SYNTHETIC_YEAR, "--chapters", "1", "--data-dir", str(data_copy), "--out", str(out))
    assert result.returncode == 0, result.stderr[-3000:]
    text = re.sub(r"\s+", "", visible_text(out))
    name = data.indicators.set_index("indicator").loc[headline, "name_zh"]
    assert f"2027年，全年{name.removeprefix('全国')}达到18.00万亿元，同比增长6.4%" in text      # the edition leads with the successor
    assert f"2027年，{name}达到18.00万亿元，比2026年增长6.4%" in text
    assert "国家统计局公布的网上零售额止于2025年（15.97万亿元），此后改为公布" in text
    assert "图1-22014–2027年中国网上零售交易规模" in text
    assert "2027年中国快递业发展态势持续向好，全国快递服务企业业务量累计完成1999.9亿件，同比增长5.5%" in text
    assert "2027年全国电子商务交易额未见公布" in text
    assert "中国电子商务发展报告2027–2028" in text
    assert "2027年，中国全年网上零售额" not in text                      # never the ended series' name for it

    spec = figure_spec(out / "chapters" / "01_overview.html", "图1-2")
    rows = spec_rows(spec)
    assert {r["指标"] for r in rows if r["年份"] == SYNTHETIC_YEAR} >= {name.removeprefix("全国")}
    assert not any(r["指标"] == "网上零售额" and r["年份"] > "2025" for r in rows)
    segments = {}
    for r in rows:
        if "线段" in r:
            segments.setdefault(r["线段"], set()).add(r["指标"])
    assert segments and all(len(names) == 1 for names in segments.values())    # no growth segment joins the two


def test_bad_row_of_a_new_year_is_named_by_check(data_copy):
    append_rows(data_copy / "online_retail.csv", [dict(indicator="online_retail", period="2025年", measure="level",
                                                        value="170000", unit="亿元", vintage="2026-01",
                                                        source="nbs_retail_2024")])
    check = run_build("--check", "--data-dir", str(data_copy))
    assert check.returncode == 2
    assert "online_retail.csv" in check.stderr and "column 'period'" in check.stderr and "'2025年'" in check.stderr


def test_every_edition_with_data_is_built(all_editions):
    editions = sorted(p.name for p in all_editions.iterdir() if p.is_dir() and p.name.isdigit())
    assert editions[0] == "2014" and len(editions) >= 10
    landing = (all_editions / "index.html").read_text(encoding="utf-8")
    for year in editions:
        assert f'href="{year}/index.html"' in landing
    newest = max(edition_years(load()))
    assert str(newest) in editions                          # the newest edition is built, and leads the page
    assert landing.index(f'href="{newest}/index.html"') < min(landing.index(f'href="{y}/index.html"')
                                                              for y in editions if y != str(newest))
    # each edition speaks of its own year, with no other year's number in its place
    later = (all_editions / "2023" / "chapters" / "01_overview.html").read_text(encoding="utf-8")
    assert "2023年全国电子商务交易额未见公布" in re.sub(r"<[^>]+>", "", later)
    assert "2023年，中国全年网上零售额达到15.43万亿元" in re.sub(r"<[^>]+>", "", later)


def test_edition_switcher_links_resolve_offline(all_editions, browser):
    page, errors, external = offline_page(browser)
    page.goto((all_editions / "index.html").as_uri())
    page.locator("a", has_text="2019–2020").first.click()
    page.wait_for_url(re.compile(r"/2019/(index|intro)\.html$"))     # index.html forwards to the preface
    page.wait_for_url(re.compile(r"/2019/intro\.html$"))   # let that forward land: a navigation during it hangs
    page.goto((all_editions / "2017" / "chapters" / "01_overview.html").as_uri())
    links = page.locator("nav.ec-edition-switcher a.ec-edition")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert len(hrefs) >= 10
    for href in hrefs:
        assert (all_editions / "2017" / "chapters" / href).resolve().is_file(), href
    links.filter(has_text="2020–2021").first.click()
    page.wait_for_url(re.compile(r"/2020/chapters/01_overview\.html$"))
    assert "2020年，中国全年网上零售额" in page.inner_text("article")
    page.close()
    assert errors == [] and external == []


def test_cache_reexecutes_exactly_the_chapters_that_read_a_changed_table(data_copy, tmp_path):
    out = tmp_path / "html"
    first = run_build("--data-dir", str(data_copy), "--out", str(out))
    assert first.returncode == 0, first.stderr[-3000:]
    unchanged = run_build("--data-dir", str(data_copy), "--out", str(out))
    assert "executed 0 chapter(s)" in unchanged.stdout and "site unchanged" in unchanged.stdout
    edit_cell(data_copy / "blockchain.csv", {"indicator": "blockchain_companies", "period": "2018-03",
                                             "region": "北京", "segment": "", "measure": "level"}, "value", "176")
    readers = sorted(json.loads(p.read_text())["tables"].__contains__("blockchain") and p.stem or ""
                     for p in (BUILD_DIR / "cache" / "book" / "2017").glob("*.json"))
    readers = [r for r in readers if r]
    assert "09_blockchain" in readers and "01_overview" not in readers
    changed = run_build("--data-dir", str(data_copy), "--out", str(out))
    assert changed.returncode == 0, changed.stderr[-3000:]
    executed = re.search(r"executed \d+ chapter\(s\): ([^;]*);", changed.stdout).group(1)
    assert sorted(name.split(" ")[0] for name in executed.split(", ")) == readers
    text = visible_text(out / "chapters")      # 附录D quotes the source's excerpt, which keeps 175
    assert "北京175家公司" not in text and "北京176家公司" in text
