"""The 2025–2026 edition states the 2025 figures of the data, and names a preliminary figure the final one
replaced."""

import json
import re

import nbformat
import papermill as pm
import pytest

from conftest import ROOT, executed_markdown
from ecreport.edition import Edition

YEAR = 2025


def chapter_text(name: str, tmp_path) -> str:
    text = executed_markdown(ROOT / "chapters" / f"{name}.ipynb", tmp_path / f"{name}-{YEAR}.ipynb", YEAR)
    return re.sub(r"\{term\}`([^`<]+?)(?: <[^>]+>)?`", r"\1", text)      # glossary links read as their words


@pytest.fixture(scope="module")
def ed():
    return Edition(YEAR)


@pytest.fixture(scope="module")
def overview(tmp_path_factory):
    return chapter_text("01_overview", tmp_path_factory.mktemp("ch01"))


@pytest.fixture(scope="module")
def rural(tmp_path_factory):
    return chapter_text("04_rural", tmp_path_factory.mktemp("ch04"))


def test_the_2025_edition_states_online_retail_and_its_goods_part(ed, overview):
    retail, goods = ed.value("online_retail", YEAR), ed.value("online_retail_physical", YEAR)
    assert f"{YEAR}年，中国全年网上零售额达到{retail:万亿元}，比{YEAR - 1}年增长{ed.growth('online_retail', YEAR)}" in overview
    assert f"实物商品网上零售额{goods:万亿元}，增长{ed.growth('online_retail_physical', YEAR)}" in overview


def test_the_2025_edition_states_express_volume_revenue_and_split(ed, overview):
    volume, revenue = ed.value("express_volume", YEAR), ed.printed(ed.value("express_revenue", YEAR))
    assert f"业务量累计完成{volume}，同比增长{ed.growth('express_volume', YEAR)}" in overview
    assert f"累计完成{revenue}，同比增长{ed.growth('express_revenue', YEAR)}" in overview
    for scope in ("同城", "异地", "国际/港澳台"):
        assert f"{scope}业务量累计完成{ed.value('express_volume', YEAR, scope=scope)}" in overview


def test_the_final_express_figure_names_the_preliminary_one(ed, overview):
    first = ed.earlier_release("express_volume", YEAR)
    assert first is not None and first["fact"].status == "preliminary"
    assert f"公布的初步数为{first['fact']}、增长{ed.earlier_release('express_volume', YEAR, 'yoy_growth')['fact']}" in overview


def test_the_2025_edition_states_rural_and_agricultural_online_retail(ed, rural):
    assert f"{YEAR}年农村网络零售额达到{ed.printed(ed.value('rural_online_retail', YEAR))}" in rural
    assert f"{YEAR}年全国农产品网络零售额达{ed.value('agri_online_retail', YEAR)}，同比增长" in rural
    assert "保持较高速增长" not in rural                 # 9.9% is not the report's high growth (≥ 40%)


def test_an_unpublished_first_half_gives_the_latest_period_that_is(ed, overview):
    so_far = ed.latest_within("express_volume", YEAR + 1)
    assert so_far is not None and not ed.has("express_volume", f"{YEAR + 1}H1")
    from ecreport.edition import period_words
    assert (f"{YEAR + 1}年上半年快递业务量未见公布；本书数据中最新的是{period_words(so_far.period)}："
            f"全国快递业务量累计完成{so_far}，同比{ed.growth('express_volume', so_far.period):增长}") in overview


def test_the_series_break_is_stated_and_never_joined(ed, tmp_path_factory):
    from ecreport.edition import period_words

    end, successor = ed.series_end("online_retail")
    assert end == str(YEAR) and successor
    now = ed.latest_within(successor, YEAR + 1)
    out = tmp_path_factory.mktemp("break") / "ch01.ipynb"
    pm.execute_notebook(str(ROOT / "chapters" / "01_overview.ipynb"), str(out), parameters={"year": YEAR},
                        kernel_name="python3", progress_bar=False, cwd=str(ROOT / "chapters"))
    cells = {c.get("id"): c for c in nbformat.read(out, as_version=4).cells}
    def said(cell):
        return "".join(o.get("data", {}).get("text/markdown", "") for o in cells[cell].get("outputs", []))
    assert f"网上零售额止于{period_words(end)}，此后改为公布{ed.name_of(successor)}" in said("retail-text")
    # the next first half is published on the successor: its latest period, never set against 网上零售额
    first_half = said("h1-text")
    assert f"{period_words(now.period)}，{ed.name_of(successor)}为{now}，同比{ed.growth(successor, now.period):增长}" in first_half
    assert "增速较上年同期" not in first_half
    figure = json.dumps([c.get("outputs", []) for c in cells.values()], ensure_ascii=False)
    assert ed.name_of(successor) not in json.dumps(cells["cell-12"].get("outputs", []), ensure_ascii=False)
    assert f'"{now.period}"' not in figure                  # no chart has a point for the successor's period


def test_an_unpublished_year_gives_its_latest_quarter(ed, tmp_path):
    """2025 payments are published for the second and third quarters only: chapter 6 states the latest."""
    from ecreport.edition import period_words
    assert not ed.has("bank_epay_amount", YEAR)
    quarter = ed.latest_within("bank_epay_amount", YEAR)
    assert quarter is not None and quarter.period == f"{YEAR}Q3"
    text = chapter_text("06_internet_finance", tmp_path)
    amount = ed.printed(quarter)
    assert (f"{YEAR}年全年银行业金融机构电子支付业务量未见公布；本书数据中最新的一期是{period_words(quarter.period)}："
            f"银行业金融机构共处理电子支付业务{ed.printed(ed.value('bank_epay_count', quarter.period))}，金额{amount}") in text
    nonbank = ed.latest_within("nonbank_netpay_amount", YEAR)
    assert f"本书数据中最新的一期是{period_words(nonbank.period)}：非银行支付机构处理网络支付业务" in text
    assert "单季数据" in text


def test_a_rate_published_after_the_latest_level_is_stated(ed, overview):
    from ecreport.edition import period_words
    successor = ed.series_end("online_retail")[1]
    level, rate = ed.latest_within(successor, YEAR + 1), ed.latest_within(successor, YEAR + 1, "yoy_growth")
    assert rate.period != level.period
    assert f"{period_words(rate.period)}，{ed.name_of(successor)}同比{rate:增长}（总额未见公布）" in overview
