"""Chapter 4's judgements are rules on the data: a value beyond a rule's threshold gives the rule's other
words in an edition that applies the rules, and a note under the report's own words in the 2017 edition."""

import os
import re

import nbformat
import papermill as pm
import pytest

from conftest import ROOT, edit_cell
from conftest import republish as republish_in
from ecreport.edition import Edition

CHAPTER = ROOT / "chapters" / "04_rural.ipynb"


def republish(data, match: dict, value: str) -> None:
    """Give a row of rural.csv in a data copy another value (its source's excerpt too)."""
    republish_in(data, "rural.csv", match, value)


def growth_row(indicator, period, **dims):
    return {"indicator": indicator, "period": period, "measure": "yoy_growth", **dims}


def reported_with_note(judgement, words: str, other: str) -> bool:
    """The 2017 edition keeps the report's words and notes what the rule gives on the data."""
    return (judgement.words == words and len(judgement.notes) == 1
            and f"报告原文作“{words}”" in judgement.notes[0].text and f"本书数据应作“{other}”" in judgement.notes[0].text)


def test_the_report_and_the_rules_agree_on_the_books_data():
    ed = Edition(2017)
    said = {("rural_stage", ()): "稳定发展阶段", ("agri_stage", ()): "高速增长期", ("fresh_pace", ()): "高速增长",
            ("poverty_effect", ()): "成效显著", ("rural_east_lead", (("region", "东部"),)): "优势依然明显"}
    said.update({("rural_region_stage", (("region", r),)): w
                 for r, w in [("东部", "稳定发展期"), ("中部", "高速增长期"), ("西部", "高速增长期"), ("东北", "高速增长期")]})
    said.update({("rural_service_pace", (("category", c), ("kind", "服务"))): "较快增速"
                 for c in ("在线旅游", "在线餐饮", "生活服务")})
    for (rule, dims), words in said.items():
        judgement = ed.judge(rule, **dict(dims))
        assert (judgement.words, judgement.notes) == (words, ()), rule
    assert ed.judged_since("rural_stage").year == 2017 and not ed.judged_since("rural_stage").notes


def test_rural_growth_at_40_percent_or_more_is_the_high_growth_stage(data_copy):
    assert Edition(2018, data_copy).judge("rural_stage").words == "稳定发展阶段"          # 30.4%
    republish(data_copy, growth_row("rural_online_retail", "2018"), "45.0")
    assert Edition(2018, data_copy).judge("rural_stage").words == "高速增长阶段"


def test_the_2017_edition_notes_a_rural_growth_the_rule_calls_high(data_copy):
    republish(data_copy, growth_row("rural_online_retail", "2017"), "45.0")
    ed = Edition(2017, data_copy)
    assert reported_with_note(ed.judge("rural_stage"), "稳定发展阶段", "高速增长阶段")
    since = ed.judged_since("rural_stage")
    assert since.year == 2017 and "本书数据2017年不属“稳定发展阶段”" in since.notes[0].text


def test_a_regions_stage_follows_its_growth(data_copy):
    republish(data_copy, growth_row("rural_online_retail", "2017", region="中部"), "35.0")
    republish(data_copy, growth_row("rural_online_retail", "2017", region="东部"), "45.0")
    ed = Edition(2017, data_copy)
    assert reported_with_note(ed.judge("rural_region_stage", region="中部"), "高速增长期", "稳定发展期")
    assert reported_with_note(ed.judge("rural_region_stage", region="东部"), "稳定发展期", "高速增长期")
    assert not ed.judge("rural_region_stage", region="西部").notes


def test_the_east_leads_while_it_holds_half_of_rural_online_retail(data_copy):
    assert Edition(2016, data_copy).judge("rural_east_lead", region="东部").words == "优势依然明显"   # 63.3%
    republish(data_copy, {"indicator": "rural_online_retail", "period": "2016", "region": "东部", "measure": "level"}, "4000")
    republish(data_copy, {"indicator": "rural_online_retail", "period": "2016", "region": "东部", "measure": "share"}, "44.7")
    assert Edition(2016, data_copy).judge("rural_east_lead", region="东部").words == "优势已不明显"
    republish(data_copy, {"indicator": "rural_online_retail", "period": "2017", "region": "东部", "measure": "share"}, "45.0")
    assert reported_with_note(Edition(2017, data_copy).judge("rural_east_lead", region="东部"), "优势依然明显", "优势已不明显")


def test_a_service_growing_less_than_40_percent_is_not_fast(data_copy):
    republish(data_copy, growth_row("rural_online_retail", "2017", kind="服务", category="生活服务"), "30.0")
    ed = Edition(2017, data_copy)
    assert reported_with_note(ed.judge("rural_service_pace", kind="服务", category="生活服务"), "较快增速", "增速不快")
    assert not ed.judge("rural_service_pace", kind="服务", category="在线旅游").notes


def test_agricultural_growth_at_40_percent_or_more_is_the_high_growth_stage(data_copy):
    assert Edition(2018, data_copy).judge("agri_stage").words == "稳定发展期"             # 33.8%
    republish(data_copy, growth_row("agri_online_retail", "2018"), "45.0")
    assert Edition(2018, data_copy).judge("agri_stage").words == "高速增长期"
    republish(data_copy, growth_row("agri_online_retail", "2017"), "30.0")
    assert reported_with_note(Edition(2017, data_copy).judge("agri_stage"), "高速增长期", "稳定发展期")


def test_fresh_food_ecommerce_growing_less_than_40_percent_is_plain_growth(data_copy):
    republish(data_copy, growth_row("fresh_ecommerce_transactions", "2017"), "20.0")
    assert reported_with_note(Edition(2017, data_copy).judge("fresh_pace"), "高速增长", "增长")


def test_poverty_alleviation_shows_where_poor_counties_grow_faster_than_rural_areas(data_copy):
    assert Edition(2019, data_copy).judge("poverty_effect").words == "成效显著"           # 33% against 19.1%
    republish(data_copy, growth_row("poverty_county_online_retail", "2019"), "15")
    assert Edition(2019, data_copy).judge("poverty_effect").words == "成效尚不显著"
    republish(data_copy, growth_row("poverty_county_online_retail", "2017"), "30.0")
    assert reported_with_note(Edition(2017, data_copy).judge("poverty_effect"), "成效显著", "成效尚不显著")


def chapter_text(data, year: int) -> str:
    out = data.parent / f"04_rural_{year}.ipynb"
    pm.execute_notebook(str(CHAPTER), str(out), parameters={"year": year, "data_dir": str(data)},
                        kernel_name="python3", progress_bar=False, cwd=str(CHAPTER.parent))
    nb = nbformat.read(out, as_version=4)
    return "\n".join(o.get("data", {}).get("text/markdown", "") for c in nb.cells for o in c.get("outputs", []))


@pytest.fixture(scope="module")
def book_data(tmp_path_factory):
    import shutil
    data = tmp_path_factory.mktemp("ch04") / "data"
    shutil.copytree(ROOT / "data", data)
    return data


def test_the_chapter_says_what_the_rules_give_for_another_year(book_data, tmp_path):
    import shutil
    data = tmp_path / "data"
    shutil.copytree(book_data, data)
    text = chapter_text(data, 2018)
    assert "同比增长30.4%①。自2017年起一直处于稳定发展阶段**" in text
    assert "2018年全国农产品网络零售额属于稳定发展期(同比增长33.8%" in text
    republish(data, growth_row("rural_online_retail", "2018"), "45.0")
    republish(data, growth_row("agri_online_retail", "2018"), "45.0")
    text = chapter_text(data, 2018)
    assert "同比增长45.0%①。仍处于高速增长阶段**" in text
    assert "2018年全国农产品网络零售额属于高速增长期(同比增长45.0%" in text


def test_the_2017_chapter_keeps_the_reports_words_and_notes_the_data(book_data, tmp_path):
    import shutil
    data = tmp_path / "data"
    shutil.copytree(book_data, data)
    republish(data, growth_row("rural_online_retail", "2017", region="中部"), "35.0")
    republish(data, growth_row("fresh_ecommerce_transactions", "2017"), "20.0")
    republish(data, growth_row("poverty_county_online_retail", "2017"), "30.0")
    text = chapter_text(data, 2017)
    assert re.search(r"其他区域\(中部\(35.0%\)、西部\(55.4%\)、东北\(60.9%\)\)在高速增长期[①-⑳]", text)
    assert "报告原文作“高速增长期”；按本书的规则" in text and "本书数据应作“稳定发展期”" in text
    assert "其中生鲜电商交易较上年高速增长①20.0%" in text and "本书数据应作“增长”" in text
    assert "电商扶贫成效显著①，2017年832个国家级贫困县实现网络零售额1207.9亿元，同比增长30.0%，低于农村网络零售额增速9.1个百分点" in text
    assert "本书数据应作“成效尚不显著”" in text
