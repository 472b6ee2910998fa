"""Tables in the reader's page (HTML) and in JupyterLab (the same HTML)."""

from __future__ import annotations

import html

import pandas as pd

from .citations import source_html


# the data's own column names, as a reader of a figure's data table reads them (the CSV download keeps them)
READER_COLUMNS = {"indicator": "指标", "period": "时期", "measure": "度量", "value": "数值", "unit": "单位",
                  "status": "数据状态", "source": "来源", "note": "备注", "vintage": "发布日期"}


def for_readers(frame: pd.DataFrame) -> pd.DataFrame:
    """A data frame with Chinese column names and data statuses (正式数, 初步数 …) in place of the codes."""
    from .chart_theme import STATUS_LABELS
    shown = frame.copy()
    if "status" in shown:
        shown["status"] = shown["status"].map(lambda s: STATUS_LABELS.get(s, s) if isinstance(s, str) else s)
    return shown.rename(columns={k: v for k, v in READER_COLUMNS.items() if v not in frame.columns})


def scrolling_table(frame: pd.DataFrame, label: str) -> str:
    """The frame as an HTML table that scrolls sideways when wide; the region is reachable by keyboard."""
    body = frame.to_html(index=False, border=0, classes=["ec-table", "table"], na_rep="—")
    return f'<div class="ec-scroll" tabindex="0" role="region" aria-label="{html.escape(label)}">{body}</div>'


def table_html(frame: pd.DataFrame, caption: str | None = None, source: str | None = None) -> str:
    parts = ['<div class="ec-table-block">']
    if caption:
        parts.append(f'<p class="ec-table-caption"><strong>{html.escape(caption)}</strong></p>')
    parts.append(scrolling_table(frame, caption or "表格"))
    if source:
        parts.append(f'<p class="ec-figure-source">{source_html(source)}</p>')
    parts.append("</div>")
    return "\n".join(parts)


def show_table(frame: pd.DataFrame, caption: str | None = None, source: str | None = None) -> None:
    from IPython.display import HTML, display
    display(HTML(table_html(frame, caption, source)))
