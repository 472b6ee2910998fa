"""Chapter 6's judgements are rules on the data (data/judgements.csv): the 2017 edition keeps the report's
words, with a note where the data says otherwise; other editions take the rule's words, which flip when a
value crosses the rule's threshold."""

import os
import re
import shutil

import nbformat
import papermill as pm
import pytest

from conftest import ROOT, edit_cell, read_rows, write_rows
from ecreport.edition import Edition

CHAPTER = ROOT / "chapters" / "06_internet_finance.ipynb"
FINANCE = "online_finance.csv"


def add_row(path, **values):
    fields, rows = read_rows(path)
    rows.append({f: values.get(f, "") for f in fields})
    write_rows(path, fields, rows)


ALTERED = "test_altered"     # the source a test cites for the values it changes or adds


def with_altered_source(data):
    """A data copy with a source for the values a test changes: of the report's confidence (no excerpt to hold
    the value) and without a release date (the vintage of a row may then be any date after its period)."""
    fields, rows = read_rows(data / "sources.csv")
    rows.append({**{f: "" for f in fields}, "source": ALTERED, "organisation": "本测试", "title": "测试改动的数字",
                 "confidence": "report", "feeds": "第6章"})
    write_rows(data / "sources.csv", fields, rows)
    return data


def finance_row(indicator, period, state, value, unit="家"):
    return dict(indicator=indicator, period=period, state=state, measure="level", value=value, unit=unit,
                vintage=f"{int(period[:4]) + 1}", source=ALTERED)


def restate(path, match, value):
    """Change a value and cite the test's source for it (the loader checks a value against its source)."""
    for column, new in (("value", value), ("source", ALTERED), ("see_also", ""), ("vintage", "2025")):
        edit_cell(path, match, column, new)


def chapter_text(data_dir, year=2017) -> str:
    out = data_dir.parent / f"ch06_{year}.ipynb"
    os.environ["ECREPORT_OUTPUT"] = "book"
    try:
        pm.execute_notebook(str(CHAPTER), str(out), parameters={"year": year, "data_dir": str(data_dir)},
                            kernel_name="python3", progress_bar=False, cwd=str(CHAPTER.parent))
    finally:
        del os.environ["ECREPORT_OUTPUT"]
    nb = nbformat.read(out, as_version=4)
    text = "\n".join(o.get("data", {}).get("text/markdown", "") for c in nb.cells for o in c.get("outputs", []))
    return re.sub(r"\{term\}`([^`<]*?)(?: <[^>]*>)?`", r"\1", text)      # glossary links read as their words


@pytest.fixture(scope="module")
def report_text(tmp_path_factory):
    data = tmp_path_factory.mktemp("as_printed") / "data"
    shutil.copytree(ROOT / "data", data)
    return chapter_text(data)


@pytest.fixture(scope="module")
def contradicted_text(tmp_path_factory):
    """The 2017 edition on data that contradicts each of the report's judgements."""
    data = tmp_path_factory.mktemp("contradicted") / "data"
    shutil.copytree(ROOT / "data", data)
    with_altered_source(data)
    payments = data / "payments.csv"
    # 2016 total 2000 → 2017 +21.0 %: beyond 基本稳定's ±5 %
    restate(payments, {"indicator": "bank_epay_amount", "period": "2016", "channel": "", "measure": "level"},
            "2000.00")
    # mobile payments +12.50 %: below 高速增长's 20 %
    restate(payments, {"indicator": "bank_epay_amount", "period": "2017", "channel": "移动支付",
                       "measure": "yoy_growth"}, "12.50")
    # 150 platforms at the end of 2016: 209 a year later is no fall
    restate(data / FINANCE, {"indicator": "crowdfunding_platforms", "period": "2016", "measure": "level"}, "150")
    # down 30 basis points in a month: more than 小幅's 10
    restate(data / FINANCE, {"indicator": "p2p_yield_mom_change", "period": "2018-03"}, "-30")
    # a year before March 2018 and July 2018, fewer operating platforms and more problem platforms
    add_row(data / FINANCE, **finance_row("p2p_platforms", "2017-03", "正常运营", "1500"))
    add_row(data / FINANCE, **finance_row("p2p_platforms_monthly", "2017-07", "问题", "300"))
    return chapter_text(data)


def test_the_2017_edition_has_the_reports_judgements(report_text):
    for words in ["2017年，电子支付业务为2419.2万亿元，基本稳定。移动支付、非银行支付机构网络支付量高速增长，"
                  "支付金额分别增长28.80%、44.32%",
                  "低于2017年的增速(28.80%)、非银行支付机构网络支付量同比增长93.15%，远高于2017年的增速(44.32%)",
                  "金融监管不断加强，P2P网贷、众筹等行业深度洗牌。截止2018年3月底，P2P网贷行业累计平台数量6081家"
                  "(含停业及问题平台)，而累计停业及问题平台达4198家",
                  "环比小幅下降6个基点（1个基点=0.01%），同比上涨21个基点",
                  "2018年6月以来，出问题的P2P平台数量明显增加",
                  "可见2017年是众筹行业深度洗牌的一年",
                  "目前市场上最主要的细分领域有10种类型"]:
        assert words in report_text, words
    assert "按本书的规则" not in report_text       # no rule disagrees with the report on the book's data


@pytest.mark.parametrize("other_words", ["变动较大", "未见高速增长", "平台数量未见减少的一年", "明显", "平台数量未见减少",
                                         "未见增加"])
def test_the_2017_edition_notes_where_the_data_contradicts_the_report(contradicted_text, other_words):
    assert f"本书数据应作“{other_words}”" in contradicted_text


def test_the_report_keeps_its_words_where_the_data_contradicts_them(contradicted_text):
    assert "2017年，电子支付业务为2419.2万亿元，基本稳定①" in contradicted_text
    assert "支付金额分别增长12.50%、44.32%" in contradicted_text
    assert "可见2017年是众筹行业深度洗牌的一年" in contradicted_text
    assert "与所载幅度不一致" in contradicted_text     # 209 against 150 is no fall of 51.05 %


# rule, period, dimensions; the edit (file, row, new value); the words before and after it
OTHER_EDITION = [
    ("epay_stable", "2018", {}, ("payments.csv", {"indicator": "bank_epay_amount", "period": "2018", "channel": "",
                                                  "measure": "level"}, "3000.00"), "基本稳定", "变动较大"),
    ("mobile_pay_fast", "2018", {"channel": "移动支付"},
     ("payments.csv", {"indicator": "bank_epay_amount", "period": "2018", "channel": "移动支付",
                       "measure": "yoy_growth"}, "15.00"), "高速增长", "未见高速增长"),
    ("nonbank_netpay_fast", "2018", {},
     ("payments.csv", {"indicator": "nonbank_netpay_amount", "period": "2018", "measure": "yoy_growth"}, "15.00"),
     "高速增长", "未见高速增长"),
    ("p2p_reshuffle", "2019-03", {"state": "正常运营"},
     (FINANCE, {"indicator": "p2p_platforms", "period": "2019-03", "state": "正常运营"}, "2000"),
     "深度洗牌", "平台数量未见减少"),
]


@pytest.mark.parametrize("rule, period, dims, edit, before, after", OTHER_EDITION, ids=[c[0] for c in OTHER_EDITION])
def test_another_edition_takes_the_rules_words_and_they_flip(data_copy, rule, period, dims, edit, before, after):
    with_altered_source(data_copy)
    assert Edition(2018, data_copy).judge(rule, period, **dims).words == before
    name, match, value = edit
    restate(data_copy / name, match, value)
    judged = Edition(2018, data_copy).judge(rule, period, **dims)
    assert judged.words == after and not judged.holds and judged.notes == ()


# rules the book's data can judge for one edition only: a row added for the next year lets the 2018 edition
# judge too (July 2018 has 221 problem platforms, the end of 2017 209 crowdfunding platforms)
ADDED = [
    ("crowdfunding_reshuffle", "2018", {"state": "正常运营"}, finance_row("crowdfunding_platforms", "2018", "正常运营", "{}"),
     ("150", "深度洗牌的一年"), ("250", "平台数量未见减少的一年")),
    ("p2p_yield_small_change", "2019-03", {}, finance_row("p2p_yield_mom_change", "2019-03", "", "{}", "个基点"),
     ("-5", "小幅"), ("-15", "明显")),
    ("p2p_problems_rising", "2019-07", {"state": "问题"}, finance_row("p2p_platforms_monthly", "2019-07", "问题", "{}"),
     ("300", "明显增加"), ("100", "未见增加")),
]


@pytest.mark.parametrize("rule, period, dims, row, within, beyond", ADDED, ids=[c[0] for c in ADDED])
def test_a_rule_gives_the_other_words_beyond_its_threshold(tmp_path, rule, period, dims, row, within, beyond):
    for value, words in (within, beyond):
        data = tmp_path / value / "data"
        shutil.copytree(ROOT / "data", data)
        with_altered_source(data)
        add_row(data / FINANCE, **{**row, "value": row["value"].format(value)})
        judged = Edition(2018, data).judge(rule, period, **dims)
        assert judged.words == words, (rule, value)


def test_a_quarter_twice_last_years_growth_is_far_above_it(data_copy):
    from conftest import republish

    ed = Edition(2017, data_copy)
    assert ed.judge("nonbank_q1_pace", "2018Q1").words == "远高于" and not ed.judge("nonbank_q1_pace", "2018Q1").notes
    assert ed.judge("mobile_q1_pace", "2018Q1").words == "高于"                      # 16.76% < 2 × 28.80%
    mobile = {"indicator": "bank_epay_amount", "period": "2018Q1", "channel": "移动支付", "measure": "yoy_growth"}
    republish(data_copy, "payments.csv", mobile, "60.0")
    republish(data_copy, "payments.csv", {"indicator": "nonbank_netpay_amount", "period": "2018Q1",
                                          "measure": "yoy_growth"}, "60.0")
    ed = Edition(2017, data_copy)
    assert ed.judge("mobile_q1_pace", "2018Q1").words == "远高于"                    # 60 ≥ 2 × 28.80
    nonbank = ed.judge("nonbank_q1_pace", "2018Q1")                                   # 60 < 2 × 44.32
    assert nonbank.words == "远高于" and "本书数据应作“高于”" in nonbank.notes[0].text
