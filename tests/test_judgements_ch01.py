"""Chapter 1's judgements are rules on the data: a value beyond a rule's threshold gives the rule's other
words in an edition that applies the rules, and a note under the report's own words in the 2017 edition."""

import pytest

from conftest import republish
from ecreport.edition import Edition


def growth(indicator: str, period: str, **dims) -> dict:
    return {"indicator": indicator, "period": period, "measure": "yoy_growth", **dims}


def test_the_report_and_the_rules_agree_on_the_books_data():
    ed = Edition(2017)
    said = {"ec_stage": "稳定发展期", "retail_stage": "稳定发展期", "express_in_step": "基本一致",
            "express_small_batches": "有小批量趋势", "express_trend": "发展态势持续向好"}
    for rule, words in said.items():
        assert (ed.judge(rule).words, ed.judge(rule).notes) == (words, ()), rule
    assert ed.judge("retail_h1_slowing", ed.h1).words == "有所回落"
    assert ed.judge("consumption_pull", ed.h1).words == "对消费的拉动作用进一步增强"


@pytest.mark.parametrize("rule, file, row, value, before, after", [
    ("ec_stage", "ecommerce.csv", growth("ec_transaction", "2018"), "25.0", "稳定发展期", "高速增长期"),
    ("retail_stage", "online_retail.csv", growth("online_retail", "2018"), "45.0", "稳定发展期", "高速增长期"),
    ("express_in_step", "express.csv", growth("express_volume", "2018"), "40.0", "基本一致", "并不一致"),
    ("express_small_batches", "express.csv", growth("express_revenue", "2018"), "30.0",
     "有小批量趋势", "未见小批量趋势"),
    ("express_trend", "express.csv", growth("express_volume", "2018"), "-3.0", "发展态势持续向好", "发展态势转弱"),
])
def test_a_rule_gives_its_other_words_when_the_data_crosses_it(data_copy, rule, file, row, value, before, after):
    assert Edition(2018, data_copy).judge(rule).words == before
    republish(data_copy, file, row, value)
    assert Edition(2018, data_copy).judge(rule).words == after


def test_a_first_half_that_grows_faster_than_the_year_before_is_no_slowdown(data_copy):
    assert Edition(2018, data_copy).judge("retail_h1_slowing", "2019H1").words == "有所回落"        # 17.8 < 30.1
    republish(data_copy, "online_retail.csv", growth("online_retail", "2019H1"), "35.0")
    assert Edition(2018, data_copy).judge("retail_h1_slowing", "2019H1").words == "有所加快"


def test_the_2017_edition_keeps_the_reports_stage_and_notes_what_the_rule_gives(data_copy):
    republish(data_copy, "ecommerce.csv", growth("ec_transaction", "2017"), "25.0")
    judgement = Edition(2017, data_copy).judge("ec_stage")
    assert judgement.words == "稳定发展期"
    assert len(judgement.notes) == 1
    assert "报告原文作“稳定发展期”" in judgement.notes[0].text and "本书数据应作“高速增长期”" in judgement.notes[0].text
