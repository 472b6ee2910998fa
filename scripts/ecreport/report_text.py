"""The printed report itself: its text, line by line, and the map of where the book says each line.

Both live in ``data/report/`` (see its datapackage.json). The build does not validate them as data; a page
that shows the map reads it here, and the build's cache keys on it as on a table."""

from __future__ import annotations

import csv
import json

import pandas as pd

from .data import _ACCESSED
from .paths import DEFAULT_DATA_DIR

REPORT_DIR = DEFAULT_DATA_DIR / "report"
MAP = "report/map.csv"            # its name among the tables a chapter read (build/plan.py)
TEXT = "report/report-2017-2018.txt"


def report_lines() -> list[str]:
    """The report's text, one entry per line (line n is entry n - 1)."""
    _ACCESSED.add(TEXT)
    return (DEFAULT_DATA_DIR / TEXT).read_text(encoding="utf-8").splitlines()


def report_map() -> pd.DataFrame:
    """The map's rows (line, opening, place, cell, treatment, how), with each line's text."""
    _ACCESSED.add(MAP)
    with (DEFAULT_DATA_DIR / MAP).open(encoding="utf-8", newline="") as handle:
        frame = pd.DataFrame(list(csv.DictReader(handle)))
    frame["line"] = frame["line"].astype(int)
    lines = report_lines()
    frame["text"] = [lines[n - 1].strip() for n in frame["line"]]
    return frame


def map_titles() -> tuple[str, dict[str, str]]:
    """The map's title and its columns' titles, as data/report/datapackage.json gives them."""
    package = json.loads((REPORT_DIR / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == "report_map")
    return resource["title"], {f["name"]: f.get("title", f["name"]) for f in resource["schema"]["fields"]}


def chapter_name(number: int) -> str:
    return f"第{number}章"


def place_name(place: str) -> str:
    """A page of the book as a reader names it: 第1章, 附录A, 前言, 目录 (the navigation); — for none."""
    name = place.rsplit("/", 1)[-1]
    if place.startswith("chapters/"):
        return chapter_name(int(name.split("_", 1)[0]))
    if place.startswith("appendix/"):
        return f"附录{'ABCDEF'[int(name[1]) - 1]}"
    return {"intro.md": "前言", "_toc.yml": "目录"}.get(place, "—")


def shortened(text: str, length: int) -> str:
    """A line's opening words: bullets and emphasis marks dropped, cut at ``length`` characters."""
    import re
    text = re.sub(r"^[-▶➤□\s]+", "", text.replace("**", "")).strip()
    return text if len(text) <= length else text[:length] + "…"


def line_numbers(lines: list[int]) -> str:
    """Line numbers as a reader scans them: 30、32、34 …, runs of the report's numbering kept apart."""
    return "、".join(str(n) for n in lines)
