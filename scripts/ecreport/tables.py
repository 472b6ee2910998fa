"""Tables in the reader's page (HTML) and in JupyterLab (the same HTML)."""

from __future__ import annotations

import html

import pandas as pd


def table_html(frame: pd.DataFrame, caption: str | None = None, source: str | None = None) -> str:
    body = frame.to_html(index=False, border=0, classes=["ec-table", "table"], escape=True)
    parts = ['<div class="ec-table-block">']
    if caption:
        parts.append(f'<p class="ec-table-caption"><strong>{html.escape(caption)}</strong></p>')
    label = html.escape(caption or "表格")
    # a wide table scrolls sideways; the scrolling region must be reachable by keyboard
    parts.append(f'<div class="ec-scroll" tabindex="0" role="region" aria-label="{label}">{body}</div>')
    if source:
        parts.append(f'<p class="ec-figure-source">{html.escape(source)}</p>')
    parts.append("</div>")
    return "\n".join(parts)


def show_table(frame: pd.DataFrame, caption: str | None = None, source: str | None = None) -> None:
    from IPython.display import HTML, display
    display(HTML(table_html(frame, caption, source)))
