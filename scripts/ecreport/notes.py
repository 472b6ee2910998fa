"""Notes under a paragraph (注①…): what a value carries, and the markers it leaves in the text.

A fact formatted into a sentence registers its notes here and leaves a marker (①); whoever
shows the paragraph takes the notes and prints them under it.
"""

from __future__ import annotations

from dataclasses import dataclass

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


@dataclass(frozen=True)
class Note:
    text: str
    kind: str = "note"   # discrepancy | computed | status | judgement | note

    def __str__(self) -> str:
        return self.text


_pending: list[Note] = []


def register_notes(notes) -> str:
    """Remember notes for the paragraph being written; return their markers."""
    markers = []
    for note in notes:
        if note in _pending:
            index = _pending.index(note)
        else:
            _pending.append(note)
            index = len(_pending) - 1
        markers.append(CIRCLED[index % len(CIRCLED)])
    return "".join(markers)


def take_notes() -> list[Note]:
    notes = list(_pending)
    _pending.clear()
    return notes
