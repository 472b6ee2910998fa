"""Chapter 5's judgements are rules on the data: a value beyond a rule's threshold gives the other words
(in the 2017 edition the report's words stay, with a note saying what the data shows)."""


import pytest

from conftest import ROOT, edit_cell, executed_markdown, find_row, read_rows, write_rows
from ecreport.edition import Edition

CHAPTER = ROOT / "chapters" / "05_crossborder.ipynb"
GUANGDONG = {"flow": "出口", "province": "广东"}


def cbec(period, measure="yoy_growth", flow="", province="", indicator="cbec_retail"):
    return {"indicator": indicator, "period": period, "flow": flow, "province": province, "measure": measure}


def set_value(data, match, value, source=None, was=None):
    """Change one value of crossborder.csv; where it cites a source other than the report, its excerpt
    says the new value too (the loader checks that a value is in its source's excerpt)."""
    edit_cell(data / "crossborder.csv", match, "value", value)
    if source:
        fields, rows = read_rows(data / "sources.csv")
        row = rows[find_row(rows, source=source)]
        assert was in row["excerpt"]
        row["excerpt"] = row["excerpt"].replace(was, value, 1)
        write_rows(data / "sources.csv", fields, rows)


def chapter_text(data, year, tmp_path) -> str:
    return executed_markdown(CHAPTER, tmp_path / f"ch05-{year}.ipynb", year, data)


@pytest.fixture(scope="module")
def report_text(tmp_path_factory):
    return chapter_text(ROOT / "data", 2017, tmp_path_factory.mktemp("ch05"))


def test_the_2017_edition_has_the_reports_lead_sentences_and_judgements(report_text):
    assert "出口为336.5亿元，进口为565.9亿元，同比分别增长了41.3%和120%" in report_text
    assert "。进口比出口增长快，需要警惕**" in report_text
    assert "2017年中国跨境电子商务继续保持快速发展态势，跨境网络零售增长迅速。" in report_text
    assert "**按省市出口排名前五的分别是广东、北京、浙江、山东、河南，广东遥遥领先，占比达到72.21%**" in report_text
    assert "其中广东对跨境电商零售出口的贡献最大，占比达到72.21%" in report_text
    assert "**跨境电商发展势头良好，但也应该注意到，" in report_text
    assert "中国香港、美国、俄罗斯、韩国、英国、法国、澳大利亚、日本、加拿大、爱沙尼亚。" in report_text
    assert "出口和进口排名前五的省市占比之和都超过了93%。" in report_text


def test_the_2017_edition_lists_the_reports_toc_entries_without_text_and_the_garbled_ones(report_text):
    assert "5.2 中国跨境电商电子商务平台的发展；5.5 中国跨境电商电子商务海关监管发展分析。" in report_text
    assert "5.3 中国跨境电商电子商务发展分析（与下一条标题相同，目录重复）" in report_text


def test_exports_outgrowing_imports_turn_the_warning_into_other_words(data_copy, tmp_path):
    before = chapter_text(data_copy, 2018, tmp_path)                 # exports 67 %, imports 39.8 %
    assert "出口比进口增长快**" in before and "需要警惕**" not in before
    set_value(data_copy, cbec("2018", flow="进口"), "70", "gac_cbec_2018", "39.8")
    after = chapter_text(data_copy, 2018, tmp_path)
    assert "进口比出口增长快，需要警惕**" in after


def test_in_the_2017_edition_the_reports_warning_stays_with_a_note_where_the_data_disagrees(data_copy, tmp_path):
    set_value(data_copy, cbec("2017", flow="出口"), "130", "gac_cbec_2017", "41.3")
    text = chapter_text(data_copy, 2017, tmp_path)
    assert "进口比出口增长快，需要警惕" in text
    assert "报告原文作“进口比出口增长快，需要警惕”" in text and "本书数据应作“出口比进口增长快”" in text


def test_cross_border_trade_growing_below_20_percent_is_no_longer_fast(data_copy):
    assert Edition(2021).judge("cbec_pace").words == "进入稳定发展期"            # 15 %
    set_value(data_copy, cbec("2021", indicator="cbec_customs_total"), "25", "gac_cbec_2021", "15")
    judged = Edition(2021, data_copy).judge("cbec_pace")
    assert judged.words == "保持快速发展态势" and judged.holds


def test_online_retail_across_borders_grows_fast_from_40_percent(data_copy):
    assert Edition(2018).judge("cbec_retail_pace").words == "增长迅速"            # 50 %
    set_value(data_copy, cbec("2018"), "30", "gac_cbec_2018", "50")
    assert Edition(2018, data_copy).judge("cbec_retail_pace").words == "增长趋于平稳"
    set_value(data_copy, cbec("2017"), "30", "gac_cbec_2017", "80.6")
    judged = Edition(2017, data_copy).judge("cbec_retail_pace")                # the report's words stay
    assert judged.words == "增长迅速" and "本书数据应作“增长趋于平稳”" in judged.notes[0].text


def without_report_words(data, rule):
    fields, rows = read_rows(data / "report_judgements.csv")
    write_rows(data / "report_judgements.csv", fields, [r for r in rows if r["rule"] != rule])


def test_a_leading_province_below_half_of_exports_is_first_but_not_far_ahead(data_copy):
    set_value(data_copy, cbec("2017", "share", **GUANGDONG), "45")
    judged = Edition(2017, data_copy).judge("cbec_export_lead", 2017, **GUANGDONG)
    assert judged.words == "遥遥领先" and "本书数据应作“位居第一”" in judged.notes[0].text
    without_report_words(data_copy, "cbec_export_lead")
    assert Edition(2017, data_copy).judge("cbec_export_lead", 2017, **GUANGDONG).words == "位居第一"


def test_the_largest_contribution_goes_to_the_province_ranked_first(data_copy, tmp_path):
    ranks = "cbec_retail_province_rank"
    set_value(data_copy, cbec("2017", "level", indicator=ranks, **GUANGDONG), "2")
    set_value(data_copy, cbec("2017", "level", "出口", "北京", indicator=ranks), "1")
    judged = Edition(2017, data_copy).judge("cbec_export_top_contributor", 2017, **GUANGDONG)
    assert "本书数据应作“贡献居前”" in judged.notes[0].text
    assert "其中北京对跨境电商零售出口的贡献最大" in chapter_text(data_copy, 2017, tmp_path)


def test_imports_growing_faster_than_exports_call_for_caution(data_copy):
    from conftest import republish

    assert Edition(2018, data_copy).judge("cbec_import_outpacing").words == "出口比进口增长快"      # 67% against 39.8%
    republish(data_copy, "crossborder.csv", cbec("2018", flow="进口"), "80.0")
    assert Edition(2018, data_copy).judge("cbec_import_outpacing").words == "进口比出口增长快，需要警惕"
