"""Laws as the book describes them: adoption, size, their chapter structure and the articles it quotes."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .units import chinese_numeral, date_words


def law_structure(ed, law: str) -> pd.DataFrame:
    """Chapters and sections of a law with article ranges and counts, in order."""
    structure = ed.table("law_structure").query("law == @law")
    rows = []
    for r in structure.itertuples():
        label = f"第{chinese_numeral(r.chapter)}章" if not r.section else f"　第{chinese_numeral(r.section)}节"
        first, last = int(r.first_article), int(r.last_article)
        span = f"第{first}条" if first == last else f"第{first}–{last}条"
        rows.append({"章节": label, "标题": r.title, "条文": span, "条数": last - first + 1,
                     "_chapter": int(r.chapter), "_section": r.section, "source": r.source})
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class LawFacts:
    """What a chapter says of a law: its name, size, structure and quoted articles."""

    name: str
    adopted: str
    meeting: str
    effective: str
    articles: int
    chapters: int
    largest_chapter: str        # 第二章
    largest_title: str
    largest_articles: int
    largest_sections: int
    quoted: dict                # article number -> text, as the report quotes it


def law_facts(ed, law: str) -> LawFacts:
    record = ed.table("laws").query("law == @law").iloc[0]
    table = law_structure(ed, law)
    chapters = table[table["_section"] == ""]
    largest = chapters.sort_values("条数", ascending=False).iloc[0]
    sections = table[(table["_chapter"] == largest["_chapter"]) & (table["_section"] != "")]
    quoted = {}
    if "law_articles" in ed.data.tables:
        articles = ed.table("law_articles").query("law == @law")
        quoted = {int(a): text for a, text in zip(articles["article"], articles["text"])}
    return LawFacts(record["name"], record["adopted"], record["meeting"], record["effective"],
                    int(record["articles"]), len(chapters), largest["章节"], largest["标题"],
                    int(largest["条数"]), len(sections), quoted)
