"""The page speaks Chinese: the theme's labels a reader sees or hears, the data tables' columns, and a
favicon (without one every page logs a 404)."""

import re

from conftest import forwards

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
ALLOWED = {"PDF", "CSV", "SVG", "PNG", "Ctrl", "JavaScript"}


def pages(book):
    """Every page a reader sees (not the stub that forwards index.html to the preface)."""
    return [p for p in sorted(book.rglob("*.html")) if "_static" not in p.parts
            and not forwards(p.read_text(encoding="utf-8"))]


def test_the_theme_labels_are_chinese(built_book):
    english = set()
    for path in pages(built_book):
        page = path.read_text(encoding="utf-8")
        for value in re.findall(r'(?:aria-label|title|placeholder)="([^"]*)"', page):
            if set(LATIN_WORD.findall(value)) - ALLOWED and not re.search(r"[\u4e00-\u9fff]", value):
                english.add(value)
    assert english == set()


def test_every_page_has_a_favicon(built_book):
    for path in pages(built_book):
        link = re.search(r'<link rel="icon" href="([^"]+)"', path.read_text(encoding="utf-8"))
        assert link, path.name
        assert (path.parent / link.group(1)).is_file(), path.name


def test_figure_data_tables_name_their_columns_in_chinese(built_book):
    page = (built_book / "chapters" / "01_overview.html").read_text(encoding="utf-8")
    tables = re.findall(r'<details class="ec-figure-data">.*?</details>', page, re.S)
    assert tables
    for table in tables:
        headers = re.findall(r"<th>([^<]*)</th>", table)
        assert headers and not any(h in ("period", "unit", "status", "source") for h in headers)
        assert ">preliminary<" not in table and ">estimate<" not in table


def test_the_data_descriptions_a_reader_sees_are_chinese(built_book):
    import json
    from conftest import ROOT
    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    described = [r for r in package["resources"]] + [f for r in package["resources"] for f in r["schema"]["fields"]]
    lacking = [item.get("name") for item in described
               if item.get("description") and not re.search(r"[\u4e00-\u9fff]", item.get("description_zh", ""))]
    assert lacking == []
    page = (built_book / "appendix" / "A4_data.html").read_text(encoding="utf-8")
    indicators = next(r for r in package["resources"] if r["name"] == "indicators")
    assert indicators["description_zh"] in page and indicators["description"] not in page
