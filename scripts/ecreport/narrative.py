"""Paragraphs whose numbers come from data.

``say(f"...{fact}...")`` shows one paragraph.  Facts formatted inside the
f-string register their notes (computed value, discrepancy with the report,
preliminary figure); ``say`` numbers them ①②… and prints them under the
paragraph, so a reader always sees where a number differs or was derived.
"""

from __future__ import annotations

import re

from .notes import CIRCLED, Note, take_notes
from .mode import in_book

_glossary: dict[str, str] = {}     # text as written -> glossary term
_linked: set[str] = set()          # terms already linked in this chapter


def use_glossary(entries: dict[str, str]) -> None:
    """Terms (and their other spellings) that the book's prose links to the glossary on first use."""
    _glossary.clear()
    _glossary.update(entries)


def reset_glossary_links() -> None:
    _linked.clear()


def link_terms(text: str) -> str:
    """Link the first use of each glossary term in a chapter (built book only)."""
    if not _glossary or not in_book():
        return text
    pattern = "|".join(re.escape(t) for t in sorted(_glossary, key=len, reverse=True))

    def link(match: re.Match) -> str:
        written, term = match.group(0), _glossary[match.group(0)]
        before = text[:match.start()]
        if term in _linked or before.count("《") > before.count("》") or before.count("`") % 2:
            return written
        _linked.add(term)
        return f"{{term}}`{written}`" if written == term else f"{{term}}`{written} <{term}>`"

    return re.sub(pattern, link, text)


def paragraph_markdown(text: str, notes: list[Note] | None = None) -> str:
    notes = take_notes() if notes is None else notes
    lines = [link_terms(text.strip())]
    if notes:
        lines.append("")
        for i, note in enumerate(notes):
            lines.append(f"> 注{CIRCLED[i % len(CIRCLED)]} {note.text}" + ("  " if i < len(notes) - 1 else ""))
    return "\n".join(lines)


def say(text: str) -> None:
    """Display one paragraph (Markdown) with its notes."""
    from IPython.display import Markdown, display
    display(Markdown(paragraph_markdown(text)))


def bullets(items: list[str]) -> None:
    """Display a bulleted list; notes of all items are gathered under it."""
    from IPython.display import Markdown, display
    display(Markdown(paragraph_markdown("\n".join(f"- {item.strip()}" for item in items))))


def join(items: list[str], last: str = "和") -> str:
    """A、B和C"""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return "、".join(items[:-1]) + last + items[-1]
