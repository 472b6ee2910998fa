import pytest

from ecreport import units
from ecreport.facts import Fact


def test_conversions_between_report_units():
    assert units.convert(71751, "亿元", "万亿元") == pytest.approx(7.1751)
    assert units.convert(16.39, "trillion yuan", "万亿元") == pytest.approx(16.39)
    assert units.convert(5071042.8, "万件", "亿件") == pytest.approx(507.10428)
    assert units.convert(230.5, "billion yuan", "亿元") == pytest.approx(2305)


def test_units_of_different_quantities_do_not_convert():
    assert not units.convertible("亿元", "亿件")
    with pytest.raises(ValueError):
        units.convert(1, "亿元", "亿件")


def test_decimals_follow_the_source_and_the_target_cap():
    assert units.decimals_of("28") == 0
    assert units.decimals_of("28.0") == 1
    assert units.converted_decimals(0, "亿元", "万亿元") == 2      # 71751亿元 -> 7.18万亿元
    assert units.converted_decimals(1, "万件", "亿件") == 1        # 5071042.8万件 -> 507.1亿件


def test_fact_formats_as_the_report_writes():
    retail = Fact(71751, "亿元", 0)
    assert f"{retail:万亿元}" == "7.18万亿元"
    assert f"{retail}" == "71751亿元"
    assert f"{retail:万亿元.1}" == "7.2万亿元"
    assert f"{Fact(-28.7, '%', 1):增长}" == "下降28.7%"
    assert f"{Fact(11.7, '%', 1):增长}" == "增长11.7%"
    assert f"{Fact(20.4, '百分点', 1)}" == "20.4个百分点"
    assert f"{Fact(28, '%', 0)}" == "28%"


def test_chinese_numerals_and_dates():
    assert [units.chinese_numeral(n) for n in (1, 7, 10, 12, 20, 89)] == ["一", "七", "十", "十二", "二十", "八十九"]
    assert units.date_words("2018-08-31") == "2018年8月31日"
    assert units.date_words("2016-02") == "2016年2月"


def test_unknown_format_spec_is_refused():
    with pytest.raises(ValueError):
        format(Fact(1, "亿元", 0), "亿美元")
