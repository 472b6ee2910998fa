"""The provenance matcher: is a data value in its source's excerpt?

The excerpts are short pieces of the real ones in data/sources.csv."""

from __future__ import annotations

import pytest

from ecreport.provenance import Quantity, find_value, outside_sources, quantities, unsupported


def found(value, unit, excerpt, measure="level", **kw):
    return find_value(value, unit, measure, excerpt, **kw) is not None


# --- numbers and units as excerpts write them --------------------------------

def test_japanese_compounds_are_one_amount():
    q = find_value("14033.5", "亿元", "level", "売上高は13.8％増の1兆4033億5千万元")
    assert q is not None and q.text == "1兆4033億5千万元"
    assert q.unit == "万亿元" and q.value == pytest.approx(1.40335)
    assert q.significant == 6
    assert found("277.6", "亿件", "上半期の全国宅配業務量は25.7%増の277億6000万件。")
    assert found("38773", "亿元", "ネット通販の売上総額は前年比33.3%増の3兆8773億元だった")
    assert found("9759.3", "亿元", "全国農村オンライン小売額は2.5%増の9759億3000万元で")
    # the parts are not read on their own
    assert not found("4033", "亿元", "売上高は13.8％増の1兆4033億5千万元")
    assert [q.text for q in quantities("売上高は13.8％増の1兆4033億5千万元")] == [
        "13.8％", "1兆4033億5千万元"]


def test_korean_compounds_are_not_read():
    assert quantities("2조1천억 위안") == []


def test_thousands_separators():
    assert found("4816.1", "billion yuan", "sales was 4,816.1 billion yuan, increased by 17.8 percent")
    assert found("48161", "亿元", "sales was 4,816.1 billion yuan")
    assert found("1395.61", "亿笔", "共处理电子支付7业务1 395.61亿笔,金额2494.45万亿元")
    assert found("1075", "trillion yuan", "a turnover of 1,075 trillion yuan, up 27.40%")
    # the footnote mark glued to the text is a number of its own, not part of the amount
    assert not found("71395.61", "亿笔", "共处理电子支付7业务1 395.61亿笔")


def test_full_width_digits_and_units_after_a_space():
    assert found("12.5", "%", "同比增长１２．５％", "yoy_growth")
    assert found("2353.96", "万亿元", "网上支付业务1022.78亿笔,金额2353.96 万亿元")
    assert found("369", "家", "正常运营的众筹平台总计 369 家。")


def test_english_words_for_units_and_numbers():
    assert found("7", "trillion yuan", "tangible goods reached seven trillion yuan, up 25.4 percent")
    assert found("70000", "亿元", "reached seven trillion yuan")
    assert found("25.3", "%", "express packages posted a 25.3-percent growth", "yoy_growth")
    assert found("4", "%", "an increase of 4 per cent", "yoy_growth")
    assert found("15.52", "trillion yuan", "online retail sales reached ¥15.52 trillion in 2024")
    assert found("22.59", "trillion yuan", "Transaction volume surged to RMB22.59 trillion")
    assert found("7.0991", "trillion yuan", "reached 7.0991 trillion RMB (US$981 billion)")
    assert not found("276", "billion parcels", "27.6 billion parcels were delivered")
    assert found("27.6", "billion parcels", "27.6 billion parcels were delivered")


def test_us_dollars_are_not_yuan():
    excerpt = "Online sales surged to 8 trillion yuan ($1.31 trillion) in 2012"
    assert found("8", "trillion yuan", excerpt)
    assert not found("1.31", "trillion yuan", excerpt)
    assert not found("194.1", "billion yuan", "topped 1.24 trillion yuan (194.1 billion U.S. dollars)")


def test_only_the_same_quantity_converts():
    assert not found("23.4", "亿元", "業務量累計完成23.4億件")
    assert not found("4.3", "%", "增速高出全国水平4.3个百分点", "yoy_growth")
    assert found("4.3", "百分点", "增速高出全国水平4.3个百分点")
    assert found("-10", "个基点", "网贷行业综合收益率为9.41%,环比下降了10个基点")


# --- rounding and digits ----------------------------------------------------

def test_levels_match_rounded_either_way():
    assert found("10.8", "万亿元", "实物商品网上零售额108042亿元")   # 10.8042 rounds down
    assert found("13.1", "万亿元", "全国网上零售额130884亿元")        # 13.0884 rounds up
    assert not found("10.9", "万亿元", "实物商品网上零售额108042亿元")
    assert not found("14033.5", "亿元", "2024年快递业务收入达1.4万亿元")


def test_a_value_never_carries_more_digits_than_its_excerpt():
    growth = "online retail sales reached ¥15.52 trillion in 2024, up 7.2% year-over-year"
    assert found("7.2", "%", growth, "yoy_growth")
    assert not found("7.20", "%", growth, "yoy_growth")
    assert not found("7.23", "%", growth, "yoy_growth")
    # trailing zeros after the point count: "28.0" is one digit more than "28%"
    assert not found("28.0", "%", "实物商品网上零售额5.48万亿元，增长28%", "yoy_growth")
    assert found("28.0", "%", "实物商品网上零售额5.48万亿元，增长28%", "yoy_growth", digits=False)
    assert found("28.0", "%", "实物商品网上零售额54806亿元,增长28.0%", "yoy_growth")
    assert found("28", "%", "实物商品网上零售额54806亿元,增长28.0%", "yoy_growth")
    # trailing zeros of a whole number do not: 570 billion is 5700亿 at the same precision
    assert found("5700", "亿元", "imports stood at 570 billion yuan, up 16.5 percent")
    assert find_value("14033.5", "亿元", "level", "达1.4万亿元") is None
    assert quantities("达1.4万亿元")[0].significant == 2


def test_a_value_as_written_is_preferred_to_a_rounded_one():
    excerpt = "業務收入同比增長24.7%。……同城業務量累計完成92.7億件,同比增長25%"
    q = find_value("25", "%", "yoy_growth", excerpt)
    assert q.text == "25%"


# --- signs --------------------------------------------------------------------

def test_falling_wording_makes_a_percentage_negative():
    both = "電話支付業務1.60億筆,金額8.78萬億元,同比分別下降42.58%和48.56%"
    assert found("-48.56", "%", both, "yoy_growth")
    assert not found("48.56", "%", both, "yoy_growth")
    mixed = "网上支付业务485.78亿笔,笔数同比增长5.20%,金额同比下降0.47%"
    assert found("5.20", "%", mixed, "yoy_growth")
    assert not found("-5.20", "%", mixed, "yoy_growth")
    assert found("-0.47", "%", mixed, "yoy_growth")
    assert found("-0.8", "%", "imports were 527.8 billion yuan, a decrease of 0.8%", "yoy_growth")
    assert found("-51.05", "%", "与2016年底427家相比，跌幅达51.05%", "yoy_growth")
    assert found("-3.9", "%", "进口增速为-3.9%", "yoy_growth")
    assert found("-3.9", "%", "輸入は3.9%減", "yoy_growth")
    assert found("2.5", "%", "全国農村オンライン小売額は2.5%増", "yoy_growth")


def test_levels_reached_after_falling_wording_keep_their_sign():
    excerpt = "the value dipped 2.06 percent to 622.68 trillion yuan"
    assert found("-2.06", "%", excerpt, "yoy_growth")
    assert found("622.68", "trillion yuan", excerpt)
    shops = "正常运营平台数量下降至1883家,相比2月底减少了7家"
    q = find_value("1883", "家", "level", shops)
    assert q is not None and not q.negative
    assert found("-7", "家", shops) and found("7", "家", shops)
    assert not found("-1883", "家", shops)


# --- bare numbers and bare magnitudes ---------------------------------------

def test_a_bare_number_matches_only_as_written():
    table = "2、快递业务 万件 5071042.8 541822.2 26.6 29.0 …… 2、快递业务 亿元 6038.4 609.6 21.8 17.3"
    assert found("26.6", "%", table, "yoy_growth")
    assert found("5071042.8", "万件", table)
    assert found("29.0", "%", table, "yoy_growth")
    assert not found("29", "%", table, "yoy_growth")
    assert not found("26.60", "%", table, "yoy_growth")
    assert not found("507.1", "亿件", table)        # no unit: no conversion
    assert [q for q in quantities(table) if q.text == "29.0"][0].bare


def test_a_magnitude_without_a_base_word_takes_the_rows_unit():
    q = find_value("7.31", "亿人", "level", "截至2016年12月,中国网民规模达7.31亿……")
    assert q is not None and q.unit == "亿人" and q.value == pytest.approx(7.31)
    assert found("2539.7", "万亿元", "2018全年 | 1751.92亿 | 2539.7万亿 |")
    assert found("1751.92", "亿笔", "2018全年 | 1751.92亿 | 2539.7万亿 |")
    assert found("635.2", "亿件", "express packages posted a 25.3-percent growth to 63.52 billion")
    assert found("2800", "万人", "creating over 28 million jobs")
    assert not found("7.31", "%", "网民规模达7.31亿", "share")
    # a truncated excerpt: 355.46万 is not 355.46万亿元
    assert not found("355.46", "万亿元", "处理网络支付业务1.03万亿笔,金额355.46万")
    bare = quantities("農村網路零售額由2014年的1800億增長到2019年的1.7萬億元")[0]
    assert (bare.unit, bare.magnitude, bare.value) == (None, 1e8, 1800.0)
    assert not bare.bare


def test_rows_the_audit_found_unsupported_stay_unsupported():
    xinhua = ("Over 9.8 million online shops were based in villages by the end of 2017, "
              "up 20.7 percent year on year, creating over 28 million jobs.")
    assert not found("985.6", "万家", xinhua)
    assert found("980", "万家", xinhua)
    assert not found("0", "家", "3月共新发现12家平台,均为历史上线的正常运营平台,无一家新上线平台。")


# --- dates --------------------------------------------------------------------

def test_dates_and_years_are_not_quantities():
    excerpt = "截至2018年3月底,P2P网贷行业累计平台数量达到6081家"
    assert [q.text for q in quantities(excerpt)] == ["6081家"]
    assert not found("2018", "家", excerpt)
    assert not found("3", "家", excerpt)
    assert quantities("2019-03 月报") == []
    assert quantities("2017年1-6月份,全國網上零售額31073億元")[0].text == "31073億元"
    assert not found("2019", "个", "In 2019, China approved 24 cross-border e-commerce pilot zones")
    assert found("24", "个", "In 2019, China approved 24 cross-border e-commerce pilot zones")
    assert not found("2", "个", "a Ministry of Commerce (MOC) official said on March 2.")
    assert quantities("截至 2016 年 7 月底") == []
    assert quantities("(國函〔2019〕137號)") == []


def test_quantities_report_where_they_were_read():
    excerpt = "2010年,業務量累計完成23.4億件,同比增長25.9%"
    qs = quantities(excerpt)
    assert [(q.value, q.unit) for q in qs] == [(23.4, "亿件"), (25.9, "%")]
    assert all(excerpt[q.span[0]:q.span[1]] == q.text for q in qs)
    assert isinstance(qs[0], Quantity) and qs[0].significant == 3


def test_unknown_units_are_refused():
    with pytest.raises(ValueError):
        find_value("1", "furlongs", "level", "1 furlongs")


# --- rows and sources --------------------------------------------------------

SOURCES = {
    "report_x": {"confidence": "report", "excerpt": "交易额为29.16万亿元"},
    "nbs_x": {"confidence": "official", "excerpt": "全年网上零售额71751亿元,比上年增长32.2%"},
    "blog_x": {"confidence": "secondary", "excerpt": "online retail grew 19.1% YoY"},
}


def test_only_outside_sources_are_checked():
    assert outside_sources("report_x; nbs_x", SOURCES) == ["nbs_x"]
    assert outside_sources("report_x", SOURCES) == []
    rows = [
        {"value": "1", "unit": "万亿元", "measure": "level", "source": "report_x"},       # seed only
        {"value": "7.18", "unit": "万亿元", "measure": "level", "source": "report_x;nbs_x"},
        {"value": "29.16", "unit": "万亿元", "measure": "level", "source": "report_x;nbs_x"},
        {"value": "32.2", "unit": "%", "measure": "yoy_growth", "source": "blog_x;nbs_x"},
        {"value": "19.1", "unit": "%", "measure": "yoy_growth", "source": "nbs_x"},
    ]
    missing = unsupported(rows, SOURCES)
    # the mixed row is checked against the outside excerpt, not the report's
    assert missing == [rows[2], rows[4]]
