"""Citations: the source line under a figure or table, and the full citation of every source in 附录D.

A source line names the organisations (资料来源：国家统计局；商务部); in the built book each
name links to the full citation of its document in 附录D. There a source reads as a
statistician would cite it: organisation, the document's title, its release date, the
publisher's own page where known, and where the figures were read. A page is linked only
on an official, media or industry host, or an aggregator (the best copy found); a copy on
an unrelated or spam host is named, never linked, and the source is marked as known only
from an unofficial copy.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

from .units import date_words
from .valuechecks import host_of

CITATIONS_PAGE = "../appendix/A4_data.html"    # every page of the book sits one folder below the root
LINKED = {"official", "media", "industry", "aggregator"}
CONFIDENCE_WORDS = {"official": "官方网站", "secondary": "可信转载", "low": "仅见于非官方转载", "report": "报告原文"}


def citation_id(source: str) -> str:
    return f"source-{source}"


@dataclass(frozen=True)
class Cited:
    organisation: str
    source: str          # the first document of that organisation among those cited


class SourceLine(str):
    """资料来源：… as text, which also knows the document each organisation's name links to."""

    cited: tuple[Cited, ...]

    def __new__(cls, cited: list[Cited], lead: str = "资料来源："):
        line = super().__new__(cls, lead + "；".join(c.organisation for c in cited))
        line.cited, line.lead = tuple(cited), lead
        return line

    def html(self) -> str:
        names = "；".join(f'<a class="ec-cite" href="{CITATIONS_PAGE}#{citation_id(c.source)}">'
                         f"{html.escape(c.organisation)}</a>" for c in self.cited)
        return html.escape(self.lead) + names


def source_html(source: str) -> str:
    """A figure's or table's source line as HTML: linked where it knows its documents."""
    return source.html() if isinstance(source, SourceLine) else html.escape(source)


def _link(url: str, hosts: dict[str, str]) -> str:
    host = host_of(url)
    if hosts.get(host) in LINKED:
        return f'<a href="{html.escape(url, quote=True)}">{html.escape(host)}</a>'
    return f'<span class="ec-unlinked-host">{html.escape(host)}</span>'


def citation_html(row: pd.Series, hosts: dict[str, str]) -> str:
    """One source as an entry of the list of sources."""
    parts = [f'<span class="ec-cite-org">{html.escape(row["organisation"])}</span>：',
             html.escape(row["title"])]
    if row["published"]:
        parts.append(f"，{date_words(row['published'])}发布")
    parts.append("。")
    if row["url"]:
        parts.append(f"发布机构网页：{_link(row['url'], hosts)}。")
    if row["read_at"]:
        relayed = row["via"] if row["via"].endswith("转载") else f"{row['via']}转载"
        via = f"（{html.escape(relayed)}）" if row["via"] else ""
        if row["confidence"] == "low":
            parts.append(f'<strong class="ec-low">仅见于非官方转载</strong>：数字读自 '
                         f'{_link(row["read_at"], hosts)}{via}，该网站与发布机构无关，故不链接；'
                         "请以发布机构的原文为准。")
        else:
            parts.append(f"数字读自 {_link(row['read_at'], hosts)}{via}。")
    elif row["confidence"] == "report":
        parts.append("数字读自报告原文。")
    if row["excerpt"]:
        parts.append(f'<details class="ec-excerpt"><summary>摘录</summary><blockquote>'
                     f'{html.escape(row["excerpt"])}</blockquote></details>')
    return (f'<li id="{citation_id(row["source"])}" class="ec-citation ec-confidence-{row["confidence"]}">'
            + "".join(parts) + "</li>")


def citations_html(sources: pd.DataFrame, hosts: pd.DataFrame) -> str:
    """Every source, by organisation and date, each with its full citation."""
    classes = dict(zip(hosts["host"], hosts["class"])) if not hosts.empty else {}
    ordered = sources.sort_values(["organisation", "published", "source"], kind="stable")
    items = "\n".join(citation_html(row, classes) for _, row in ordered.iterrows())
    return f'<ol class="ec-citations">\n{items}\n</ol>'


def confidence_counts(sources: pd.DataFrame) -> dict[str, int]:
    counts = sources["confidence"].value_counts()
    return {CONFIDENCE_WORDS[k]: int(counts.get(k, 0)) for k in CONFIDENCE_WORDS}


def show_citations(dataset) -> None:
    """附录D's list of sources: how many of each confidence, then every full citation."""
    from IPython.display import HTML, display

    from .tables import table_html

    hosts = dataset.tables["hosts"] if "hosts" in dataset.tables else pd.DataFrame()
    counts = pd.DataFrame([{"来源": words, "个数": n} for words, n in confidence_counts(dataset.sources).items()])
    display(HTML(table_html(counts, caption="来源的可信度")))
    display(HTML(citations_html(dataset.sources, hosts)))
