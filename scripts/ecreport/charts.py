"""The book's chart kit: one Altair theme, figure captions (图1-1 …) with a
source line, tooltips on every mark, and offline rendering.

In the built book a figure is one HTML block: caption, the chart's spec
compiled to Vega (``vega_specs``) as JSON, the source line and a CSV download.
``_static/ecreport-charts.js`` draws every spec with the Vega runtime shipped
once in ``_static`` — nothing comes from the network.  In JupyterLab the same
call shows the caption, the chart through JupyterLab's own Vega renderer, and
the source line.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import urllib.parse

import altair as alt
import pandas as pd

from .mode import in_book
from .citations import source_html
from .tables import READER_COLUMNS, for_readers, scrolling_table
from .units import date_words
from .vega_specs import one_per_row, to_vega

from .chart_theme import FONT, MUTED, PALETTE, STATUS_LABELS, theme_config  # noqa: F401  (names the chapters use)


@alt.theme.register("ecreport", enable=True)
def _ecreport_theme() -> alt.theme.ThemeConfig:
    return alt.theme.ThemeConfig(theme_config())


def use_theme() -> None:
    """Enable the book's theme (already done on import; kept for notebooks that switch)."""
    alt.theme.enable("ecreport")


_charts_shown = 0


def reset_chart_names() -> None:
    """Number the charts of a chapter from 1, and Altair's view and parameter names too (the build
    runs many chapters in one kernel, and a page must not depend on what ran before it)."""
    global _charts_shown
    _charts_shown = 0
    alt.Chart._counter = 0
    alt.Parameter._counter = 0


def describe_spec(spec: dict) -> str:
    """A plain description for a chart that has none: its title and what its axes show."""
    def fields(node: dict, found: dict) -> dict:
        for channel, enc in node.get("encoding", {}).items():
            if isinstance(enc, dict) and channel in ("x", "y", "color", "column", "row", "facet") and "field" in enc:
                found.setdefault(channel, enc.get("title") or READER_COLUMNS.get(enc["field"], enc["field"]))
        for key in ("layer", "hconcat", "vconcat", "concat"):
            for child in node.get(key, []):
                fields(child, found)
        if "spec" in node:
            fields(node["spec"], found)
        return found

    found = fields(spec, {})
    title = spec.get("title")
    title = title.get("text") if isinstance(title, dict) else title
    words = {"x": "横轴", "y": "纵轴", "color": "颜色", "column": "分栏", "row": "分行", "facet": "分面"}
    parts = [f"{words[c]}为{v}" for c, v in found.items()]
    return (f"图表{('：' + str(title)) if title else ''}。" + "，".join(parts) + "。").replace("。。", "。")


def _book_renderer(spec: dict, **metadata) -> dict:
    """A chart shown with display(chart) in the built book: drawn by the book's local Vega."""
    global _charts_shown
    _charts_shown += 1
    if not spec.get("description"):
        spec = {**spec, "description": describe_spec(spec)}
    cid = f"chart-{hashlib.sha1(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:8]}-{_charts_shown}"
    return {"text/html": chart_html(cid, spec), "text/plain": "<Altair chart>"}


def chart_html(cid: str, spec: dict) -> str:
    """A chart of the built book: the place it is drawn in, and its spec compiled to Vega (with a variant of
    one view per row for a narrow screen, where its views stand side by side)."""
    def script(name: str, vega_lite: dict) -> str:
        spec_json = json.dumps(to_vega(vega_lite), ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
        return f'<script type="application/json" id="{name}">{spec_json}</script>'

    narrow = one_per_row(spec)
    if narrow is None:
        return f'<div class="ec-chart" data-spec="{cid}-spec"></div>' + script(f"{cid}-spec", spec)
    return (f'<div class="ec-chart" data-spec="{cid}-spec" data-spec-narrow="{cid}-narrow"></div>'
            + script(f"{cid}-spec", spec) + script(f"{cid}-narrow", narrow))


alt.renderers.register("ecreport_book", _book_renderer)
# In the built book a chart shown directly (e.g. in an exercise's solution) is drawn like the
# figures; in JupyterLab the Vega-Lite mimetype is drawn by JupyterLab's own bundled Vega,
# offline, and saved outputs show again without a kernel.
alt.renderers.enable("ecreport_book" if in_book() else "mimetype")


# -- figures ------------------------------------------------------------------

def figure(number: str | None, title: str, chart: alt.TopLevelMixin, source: str,
           data: pd.DataFrame | None = None, description: str | None = None,
           notes: list[str] | None = None) -> None:
    """Show a report figure: number and title above, source line below.

    ``number`` is the report's figure number (图1-1); None for a chart the
    report does not number. ``data`` is offered as a CSV download;
    ``description`` becomes the chart's text alternative (Vega-Lite
    ``description`` → aria-label).
    """
    if number is not None and not re.fullmatch(r"图\d+-\d+", number):
        raise ValueError(f"figure number {number!r} should look like 图1-1 (or None for an unnumbered chart)")
    caption = f"{number} {title}" if number else title
    chart = chart.properties(description=description or caption)
    spec = chart.to_dict()
    _require_tooltips(spec, number or title)
    if in_book():
        from IPython.display import HTML, display
        display(HTML(figure_html(number, caption, spec, source, data, notes)))
    else:
        from IPython.display import Markdown, display
        display(Markdown(f"**{caption}**"))
        display(chart)
        lines = [f"<small>{source}</small>"] + [f"<small>注：{n}</small>" for n in notes or []]
        display(Markdown("  \n".join(lines)))


def figure_id(number: str | None, caption: str = "") -> str:
    if number:
        return "fig-" + number.removeprefix("图")
    return "chart-" + hashlib.sha1(caption.encode("utf-8")).hexdigest()[:8]


def figure_html(number: str | None, caption: str, spec: dict, source: str,
                data: pd.DataFrame | None, notes: list[str] | None = None) -> str:
    fid = figure_id(number, caption)
    label = number or "图表"
    parts = [
        f'<figure class="ec-figure" id="{fid}" aria-labelledby="{fid}-caption">',
        f'<figcaption id="{fid}-caption" class="ec-figure-caption">{html.escape(caption)}</figcaption>',
        # the loader gives the SVG the spec's description as its accessible name; the container stays a
        # plain div because it also holds the (interactive) export menu
        chart_html(fid, spec),
        f'<p class="ec-figure-source">{source_html(source)}</p>',
    ]
    for note in notes or []:
        parts.append(f'<p class="ec-figure-note">注：{html.escape(note)}</p>')
    if data is not None:
        parts.append(f'<details class="ec-figure-data"><summary>查看{html.escape(label)}的数据表</summary>'
                     f'{scrolling_table(for_readers(data), f"{label}的数据表")}</details>')
        csv_text = data.to_csv(index=False)
        href = "data:text/csv;charset=utf-8," + urllib.parse.quote("\ufeff" + csv_text)
        parts.append(f'<p class="ec-figure-download"><a download="{html.escape(label)}.csv" '
                     f'href="{href}">下载{html.escape(label)}数据（CSV）</a></p>')
    parts.append("</figure>")
    return "\n".join(parts)


def _require_tooltips(spec: dict, number: str) -> None:
    """Every mark of every layer shows a tooltip."""
    def walk(node: dict, inherited: dict) -> None:
        encoding = {**inherited, **node.get("encoding", {})}
        for key in ("layer", "hconcat", "vconcat", "concat"):
            for child in node.get(key, []):
                walk(child, encoding)
        if "spec" in node:
            walk(node["spec"], encoding)
        if "mark" in node:
            mark = node["mark"]
            has = "tooltip" in encoding or (isinstance(mark, dict) and mark.get("tooltip"))
            if not has:
                kind = mark if isinstance(mark, str) else mark.get("type")
                raise ValueError(f"{number}: the {kind} mark has no tooltip; add one to every layer")
    walk(spec, {})


# -- chart builders -------------------------------------------------------------

SERIES_COLORS = [PALETTE[0], PALETTE[2], PALETTE[4], PALETTE[5], PALETTE[6]]
GROWTH_COLOR = PALETTE[1]


def left_axis(title: str, **kwargs) -> alt.Axis:
    """A y axis whose title sits horizontally above it (easier to read in Chinese)."""
    return alt.Axis(title=title, titleAngle=0, titleAlign="left", titleAnchor="end",
                    titleBaseline="bottom", titleX=0, titleY=-8, **kwargs)


def right_axis(title: str, **kwargs) -> alt.Axis:
    return alt.Axis(title=title, orient="right", titleAngle=0, titleAlign="right", titleAnchor="end",
                    titleBaseline="bottom", titleX=0, titleY=-8, **kwargs)


def level_growth_chart(frame: pd.DataFrame, *, x: str, level: str, growth: str | None,
                       level_title: str, growth_title: str = "同比增长（%）",
                       color: str | None = None, offset: bool = False, level_format: str = ",.2f",
                       x_domain: list[str] | None = None, break_line: bool = True,
                       line_by: str | None = None, tooltip_extra: list | None = None) -> alt.LayerChart | alt.Chart:
    """Bars for levels with an optional line of growth rates on a second axis.

    ``color`` names a column that separates series (e.g. 口径) in the bars;
    ``offset`` puts the series side by side instead of one bar per period;
    ``x_domain`` lists every period to show, so years without data stay empty.
    The growth line breaks where the ``color`` series changes (a change of
    definition), unless ``break_line`` is False; with ``offset`` it breaks only
    where ``line_by`` names a column (one line per value: a series and its successor).
    """
    x_enc = alt.X(f"{x}:N", title=None, sort=x_domain, scale=alt.Scale(domain=x_domain) if x_domain else alt.Undefined,
                  axis=alt.Axis(labelAngle=0, labelOverlap=True))
    tips = [alt.Tooltip(f"{x}:N", title="时期"),
            alt.Tooltip(f"{level}:Q", title=level_title, format=level_format)]
    if growth:
        tips.append(alt.Tooltip(f"{growth}:Q", title=growth_title, format=".1f"))
    if color:
        tips.append(alt.Tooltip(f"{color}:N", title="口径"))
    tips += tooltip_extra or []
    bar_enc = {"x": x_enc, "y": alt.Y(f"{level}:Q", axis=left_axis(level_title)), "tooltip": tips}
    if color:
        bar_enc["color"] = alt.Color(f"{color}:N", title=None, sort=None,
                                     scale=alt.Scale(range=SERIES_COLORS))
        if offset:
            bar_enc["xOffset"] = alt.XOffset(f"{color}:N", sort=None)
    bars = alt.Chart(frame).mark_bar(opacity=0.9).encode(**bar_enc)
    if not growth:
        return bars.properties(width="container")
    line_enc = {"x": x_enc, "y": alt.Y(f"{growth}:Q", axis=right_axis(growth_title)), "tooltip": tips}
    group = color if color and not offset and break_line else line_by
    line_enc["detail"] = alt.Detail("线段:N")           # one segment per run of consecutive periods (and series)
    line = alt.Chart(_line_segments(frame, x, growth, group, x_domain)).mark_line(
        point=alt.OverlayMarkDef(color=GROWTH_COLOR, size=50), color=GROWTH_COLOR).encode(**line_enc)
    return alt.layer(bars, line).resolve_scale(y="independent").properties(width="container")


def _line_segments(frame: pd.DataFrame, x: str, growth: str, group: str | None,
                   x_domain: list[str] | None) -> pd.DataFrame:
    """The rows a growth line is drawn through, numbered by segment (column 线段): a period without a rate
    inside a line's span starts a new segment, so that the line breaks there instead of running across."""
    rated = frame.dropna(subset=[growth]).copy()
    order = {v: i for i, v in enumerate(x_domain or dict.fromkeys(frame[x]))}
    rated["_at"] = rated[x].map(order)
    rated = rated.sort_values([group, "_at"] if group else ["_at"], kind="stable")
    keys = rated[group] if group else pd.Series("", index=rated.index)
    starts = (keys != keys.shift()) | (rated["_at"] - rated["_at"].shift() != 1)
    rated["线段"] = starts.cumsum()
    return rated.drop(columns="_at")


def timeline_chart(events: pd.DataFrame, *, label: str = "title", date: str = "date",
                   group: str | None = None, height_per_row: int = 26) -> alt.Chart:
    """Dated events on a time axis, one row each, labelled; tooltips carry the description.

    ``events`` needs a date column (YYYY-MM-DD or YYYY-MM) and a label column.
    """
    frame = events.copy()
    frame["日期"] = pd.to_datetime([_full_date(d) for d in frame[date]], format="%Y-%m-%d")
    frame["日期文字"] = [date_words(d) for d in frame[date]]
    tips = [alt.Tooltip("日期文字:N", title="日期"), alt.Tooltip(f"{label}:N", title="事件")]
    if "description" in frame:
        tips.append(alt.Tooltip("description:N", title="说明"))
    y = alt.Y(f"{label}:N", sort=alt.EncodingSortField(field="日期", order="ascending"), title=None,
              axis=alt.Axis(labelFontSize=12, domain=False, ticks=False))   # labelLimit: the theme (narrower on a phone)
    x = alt.X("日期:T", title=None, axis=alt.Axis(format="%Y年%-m月", labelAngle=0, tickCount=6),
              scale=alt.Scale(padding=16))
    base = alt.Chart(frame).encode(x=x, y=y, tooltip=tips)
    color = alt.Color(f"{group}:N", title=None, scale=alt.Scale(range=SERIES_COLORS)) if group else alt.value(PALETTE[0])
    points = base.mark_point(filled=True, size=90).encode(color=color)
    return alt.layer(points).properties(width="container", height=max(120, height_per_row * len(frame)))


def _full_date(text: str) -> str:
    """2018 -> 2018-01-01, 2018-03 -> 2018-03-01 (for placing on a time axis)."""
    parts = str(text).split("-") + ["01", "01"]
    return "-".join(parts[:3])

