"""Template cells: the report's text with fields, the kit's filters, notes, and clear failures."""

import pytest

from ecreport.facts import Fact
from ecreport.narrative import paragraph_markdown
from ecreport.notes import Note, take_notes
from ecreport.prose import FieldError, render

EC = Fact(value=29.16, unit="万亿元", decimals=2, indicator="ec_transaction", period="2017")
GROWTH = Fact(value=11.7, unit="%", decimals=1, indicator="ec_transaction", period="2017", measure="yoy_growth")
FALL = Fact(value=-28.7, unit="%", decimals=1, measure="yoy_growth")


def test_fields_and_filters():
    text = render("<< Y >>年，交易额为<< ec | 亿元 >>，同比<< g | 增长 >>；另一项<< f | 增长 >>，"
                  "即<< ec | 数 >>、<< ec | 万亿元(1) >>。", {"Y": 2017, "ec": EC, "g": GROWTH, "f": FALL})
    assert text == "2017年，交易额为291600亿元，同比增长11.7%；另一项下降28.7%，即29.16、29.2万亿元。"


def test_alternatives_for_what_the_data_lacks():
    template = "<% if ec %>交易额为<< ec >>。<% else %><< Y >>年电子商务交易额未见公布。<% endif %>"
    assert render(template, {"Y": 2023, "ec": None}) == "2023年电子商务交易额未见公布。"
    assert render(template, {"Y": 2017, "ec": EC}) == "交易额为29.16万亿元。"


def test_lines_of_a_paragraph_join_without_spaces_and_lists_keep_their_lines():
    template = """
<< Y >>年，
<% if ec %>
交易额为<< ec >>。
<% endif %>
<% if ec %>一句在标签之间。<% endif %>

其中：
- 第一项
- 第二项
"""
    assert render(template, {"Y": 2017, "ec": EC}) == "2017年，交易额为29.16万亿元。一句在标签之间。\n\n其中：\n- 第一项\n- 第二项"


def test_period_date_list_numeral_and_change_filters():
    gap = Fact(value=-1.6, unit="百分点", decimals=1)
    text = render("<< p | 时期 >>，<< d | 日期 >>，<< xs | 列举 >>，第<< n | 中文数字 >>条，增速<< gap | 升降 >>。",
                  {"p": "2018H1", "d": "2018-08-31", "xs": ["东部", "中部", "西部"], "n": 89, "gap": gap})
    assert text == "2018年上半年，2018年8月31日，东部、中部和西部，第八十九条，增速回落1.6个百分点。"


def test_toc_entries_filter_lists_the_reports_entries_with_their_notes():
    import pandas as pd
    entries = pd.DataFrame({"number": ["2.1", "2.2", "7"], "title": ["无人零售电商", "共享经济", "推动电子商务之技术新热点概要"],
                            "note": ["报告正文注明“略”。", "报告正文注明“略”。", "标题为第8章之误。"]})
    assert render("<< e | 目录条目 >>", {"e": entries}) == (
        "2.1 无人零售电商（报告正文注明“略”）；2.2 共享经济（报告正文注明“略”）；7 推动电子商务之技术新热点概要（标题为第8章之误）")
    assert render("<< e | 目录条目(shared) >>", {"e": entries, "shared": "报告正文注明“略”。"}) == (
        "2.1 无人零售电商；2.2 共享经济；7 推动电子商务之技术新热点概要（标题为第8章之误）")


def test_a_misspelt_field_is_named():
    with pytest.raises(FieldError) as caught:
        render("交易额为<< ec_grwoth | 增长 >>。", {"ec": EC, "ec_growth": GROWTH})
    assert "'ec_grwoth'" in str(caught.value) and "ec_growth" in str(caught.value)


def test_a_field_the_data_lacks_fails_instead_of_printing_none():
    for template in ("交易额为<< ec >>。", "交易额为<< ec | 万亿元 >>。"):
        with pytest.raises(FieldError) as caught:
            render(template, {"ec": None})
        assert "'ec' is None" in str(caught.value) and "<% if ec %>" in str(caught.value)


def test_a_broken_template_is_named_with_its_line():
    with pytest.raises(FieldError) as caught:
        render("第一行\n<% if ec %>交易额", {"ec": EC})
    assert "template line" in str(caught.value)


def test_a_facts_notes_become_markers_and_are_printed_under_the_text():
    take_notes()
    noted = EC.with_note(Note("报告目录作24.9万亿元。", "discrepancy"))
    markdown = paragraph_markdown(render("交易额为<< ec >>。", {"ec": noted}))
    assert markdown.startswith("交易额为29.16万亿元①。") and "> 注① 报告目录作24.9万亿元。" in markdown


def test_the_report_magic_renders_a_cell_with_the_kernels_names():
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    shell = InteractiveShell.instance()
    from ecreport.prose import register
    register(shell)
    shell.user_ns.update({"Y": 2017, "ec": EC})
    with capture_output() as captured:
        shell.run_cell_magic("report", "", "<< Y >>年，中国电子商务交易额为<< ec >>。")
    assert captured.outputs[0].data["text/markdown"] == "2017年，中国电子商务交易额为29.16万亿元。"
