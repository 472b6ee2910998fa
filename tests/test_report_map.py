"""The report's every paragraph is mapped to where the book says it (data/report/map.csv), and the book
says in the report's words what the map calls restored."""

from __future__ import annotations

import csv
import html
import json
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "data" / "report"
TEXT = (REPORT / "report-2017-2018.txt").read_text(encoding="utf-8").splitlines()
with (REPORT / "map.csv").open(encoding="utf-8", newline="") as handle:
    ROWS = list(csv.DictReader(handle))


def opening(line: str) -> str:
    return re.sub(r"^[-▶➤□\s]+", "", line.replace("**", "")).strip()


def words(text: str) -> str:
    """The Chinese characters and Latin letters of a text: what the book says in the report's words,
    whatever numbers the data gives it."""
    return re.sub(r"[^\u4e00-\u9fffA-Za-z]", "", text)


def bigrams(text: str) -> Counter:
    text = words(text)
    return Counter(text[i:i + 2] for i in range(len(text) - 1))


def test_the_map_is_a_valid_data_package():
    import frictionless

    report = frictionless.Package(str(REPORT / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_every_paragraph_of_the_report_is_mapped_once_per_place():
    paragraphs = {n for n, line in enumerate(TEXT, 1) if line.strip()}
    mapped = Counter((int(r["line"]), r["place"], r["cell"]) for r in ROWS)
    assert not [key for key, count in mapped.items() if count > 1], "a line mapped twice to one cell"
    lines = {line for line, _, _ in mapped}
    assert not paragraphs - lines, f"report lines not mapped: {sorted(paragraphs - lines)}"
    assert not lines - paragraphs, f"map rows for blank or missing lines: {sorted(lines - paragraphs)}"


def test_each_row_opens_as_its_line_does():
    wrong = [(r["line"], r["opening"]) for r in ROWS
             if not opening(TEXT[int(r["line"]) - 1]).startswith(r["opening"]) or len(r["opening"]) < 2
             and len(opening(TEXT[int(r["line"]) - 1])) >= 2]
    assert not wrong, f"openings that do not match their line: {wrong[:5]}"


def _cells(place: str) -> set[str]:
    return {c.get("id") for c in json.loads((ROOT / place).read_text(encoding="utf-8"))["cells"]}


def test_each_place_is_a_page_and_cell_of_the_book():
    for row in ROWS:
        where = f"line {row['line']}"
        if row["treatment"] == "omitted":
            assert row["how"].strip(), f"{where}: an omitted line says why"
            continue
        assert row["place"], f"{where}: a {row['treatment']} line names its page"
        assert (ROOT / row["place"]).is_file(), f"{where}: {row['place']} is not a file of the book"
        if row["place"].endswith(".ipynb"):
            assert row["cell"] in _cells(row["place"]), f"{where}: {row['place']} has no cell {row['cell']!r}"
        else:
            assert not row["cell"], f"{where}: {row['place']} has no cells"
        if row["treatment"] == "adapted":
            assert row["how"].strip(), f"{where}: an adapted line says how"


def _page_text(html_file: Path) -> str:
    page = html_file.read_text(encoding="utf-8")
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_restored_lines_read_in_the_report_words_in_the_built_book(built_book):
    """Of each restored line, at least 90 % of its character pairs (numbers aside) stand on its page."""
    pages: dict[str, Counter] = {}
    short = []
    for row in ROWS:
        if row["treatment"] != "restored" or not row["place"]:
            continue
        page = row["place"].rsplit(".", 1)[0] + ".html"
        if page not in pages:
            pages[page] = bigrams(_page_text(built_book / page))
        wanted = bigrams(TEXT[int(row["line"]) - 1])
        found = sum(min(n, pages[page][g]) for g, n in wanted.items())
        if wanted and found / sum(wanted.values()) < 0.9:
            short.append(f"line {row['line']} ({row['place']}): {found / sum(wanted.values()):.0%}")
    assert not short, f"restored lines the page does not say in the report's words: {short}"


def test_the_book_restores_most_of_the_report():
    """What the book adapts or omits stays the exception: more lines restored than not."""
    counts = Counter(r["treatment"] for r in ROWS)
    assert counts["restored"] > counts["adapted"] + counts["omitted"], counts


def _emphasised(html_file: Path) -> list[Counter]:
    """The character pairs of each bold phrase and heading of a page."""
    page = html_file.read_text(encoding="utf-8")
    spans = re.findall(r"<(strong|h[1-6])\b[^>]*>(.*?)</\1>", page, flags=re.S)
    return [bigrams(html.unescape(re.sub(r"<[^>]+>", "", inner))) for _, inner in spans]


def test_restored_lines_keep_the_reports_emphasis(built_book):
    """What the report sets in bold in a restored line stands in bold (or a heading) on its page: at least
    80 % of the phrase's character pairs inside one bold span, so that 南京市 in bold is kept by **南京**市."""
    pages: dict[str, list[Counter]] = {}
    lost = []
    for row in ROWS:
        if row["treatment"] != "restored" or not row["place"].endswith(".ipynb"):
            continue
        page = row["place"].rsplit(".", 1)[0] + ".html"
        if page not in pages:
            pages[page] = _emphasised(built_book / page)
        for phrase in re.findall(r"\*\*(.+?)\*\*", TEXT[int(row["line"]) - 1]):
            wanted = bigrams(phrase)
            if len(words(phrase)) < 2:
                continue
            if not any(sum(min(n, span[g]) for g, n in wanted.items()) / sum(wanted.values()) >= 0.8
                       or (words(phrase) and sum(span.values()) and all(g in wanted for g in span))
                       for span in pages[page]):
                lost.append(f"line {row['line']} ({row['place']}): {phrase[:20]}")
    assert not lost, f"bold phrases of the report not in bold on their page: {lost}"
