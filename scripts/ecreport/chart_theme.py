"""The book's one chart theme, in both colour modes: fonts, Chinese number and date formats, the palette,
and the colours a chart takes on a dark page. Specs carry the light theme, every colour of it written out;
the page's chart loader (ecreport-charts.js) applies ``DARK`` to the compiled Vega spec when the reader's page
is dark (each light colour swapped for its dark one, and Vega's own config for what the spec leaves to it),
and draws the chart again when the reader switches. No Altair here: the Sphinx extension reads it to write
the loader's settings.
"""

from __future__ import annotations

import json

FONT = ('"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", '
        '"Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif')
PALETTE = ["#1f5fa8", "#e07b39", "#3a9a5b", "#c23b4e", "#7d5ba6", "#8c6d31", "#5f6b7a"]
ZH_NUMBER_LOCALE = {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["¥", ""]}
ZH_TIME_LOCALE = {
    "dateTime": "%x %A %X", "date": "%Y年%-m月%-d日", "time": "%H:%M:%S",
    "periods": ["上午", "下午"],
    "days": ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"],
    "shortDays": ["周日", "周一", "周二", "周三", "周四", "周五", "周六"],
    "months": ["一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "十一月", "十二月"],
    "shortMonths": ["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"],
}
STATUS_LABELS = {"": "正式数", "preliminary": "初步数", "estimate": "预计数", "forecast": "预测数", "target": "规划目标",
                 "lower_bound": "下限", "computed": "计算值"}


TEXT, GRID, RULE = "#333333", "#e8e8e8", "#888888"
MUTED = "#c9c9c9"          # marks drawn apart as incomplete or not comparable; readable on either background


def theme_config() -> dict:
    return {
        "config": {
            "font": FONT,
            "locale": {"number": ZH_NUMBER_LOCALE, "time": ZH_TIME_LOCALE},
            "view": {"stroke": None, "continuousWidth": 560, "continuousHeight": 300},
            "range": {"category": PALETTE},
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "titleFontWeight": "normal",
                     "gridColor": GRID, "domainColor": RULE, "tickColor": RULE,
                     "labelColor": TEXT, "titleColor": TEXT},
            "axisX": {"labelAngle": 0, "labelOverlap": "greedy"},   # crowded labels are thinned, never overlaid
            "axisY": {"labelOverlap": "greedy", "labelLimit": 360},   # long category labels (event titles) whole
            "legend": {"orient": "bottom", "labelFontSize": 12, "titleFontSize": 12, "titleFontWeight": "normal",
                       "labelColor": TEXT, "titleColor": TEXT},
            "header": {"labelColor": TEXT, "titleColor": TEXT, "labelFontSize": 12},
            "title": {"fontSize": 14, "anchor": "start", "fontWeight": "normal", "color": TEXT, "subtitleColor": TEXT},
            "bar": {"color": PALETTE[0]},
            "line": {"color": PALETTE[1], "strokeWidth": 2},
            "point": {"filled": True, "size": 60, "color": PALETTE[1]},
            "text": {"fontSize": 11, "color": TEXT},
        }
    }


# on a dark page: light text, axes and gridlines, and each palette colour a lighter one of its hue, so that
# marks keep their contrast against the dark background
DARK_TEXT = "#d5dae0"
DARK_GRID, DARK_RULE = "#394149", "#8f98a3"
DARK = {
    # Vega's config (the compiled spec's), for what the light spec leaves to Vega's defaults
    "config": {
        "background": "transparent",
        "axis": {"gridColor": DARK_GRID, "domainColor": DARK_RULE, "tickColor": DARK_RULE,
                 "labelColor": DARK_TEXT, "titleColor": DARK_TEXT},
        "legend": {"labelColor": DARK_TEXT, "titleColor": DARK_TEXT},
        "title": {"color": DARK_TEXT, "subtitleColor": DARK_TEXT},
        "text": {"fill": DARK_TEXT},
        "style": {name: {"fill": DARK_TEXT} for name in ("guide-label", "guide-title", "group-title", "group-subtitle")},
    },
    "colors": {**dict(zip(PALETTE, ["#6ea8e8", "#f0995c", "#63c285", "#e8707f", "#a98bd1", "#c9a566", "#9aa6b4"])),
               TEXT: DARK_TEXT, GRID: DARK_GRID, RULE: DARK_RULE},
}


def modes_script() -> str:
    """The chart loader's settings for the page's colour modes, as a script that sets them."""
    return "window.ECREPORT_CHART_MODES = " + json.dumps({"dark": DARK}, ensure_ascii=False, sort_keys=True) + ";\n"
