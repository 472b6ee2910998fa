"""Tables in the reader's page (HTML) and in JupyterLab (the same HTML)."""

from __future__ import annotations

import html

import pandas as pd

from .citations import source_html


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
