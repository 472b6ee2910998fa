"""Sources as a statistician would cite them: 附录D lists every one, source lines link to it, spam is never linked."""

import re
from html import unescape
from urllib.parse import urlsplit

from ecreport.data import load

CITATIONS = "appendix/A4_data.html"


def citations(book) -> dict[str, str]:
    html = (book / CITATIONS).read_text(encoding="utf-8")
    found = re.findall(r'<li id="source-([a-z0-9_]+)" class="ec-citation[^"]*">(.*?)</li>', html, re.S)
    return {source: unescape(entry) for source, entry in found}


def test_every_source_has_its_full_citation_in_appendix_d(built_book):
    entries = citations(built_book)
    data = load()
    for row in data.sources.itertuples():
        entry = entries[row.source]
        assert row.organisation in entry and row.title in entry, row.source
        if row.url:
            assert f'href="{row.url}"' in entry, row.source


def test_low_sources_are_marked_and_their_copies_not_linked(built_book):
    entries = citations(built_book)
    data = load()
    low = data.sources[data.sources["confidence"] == "low"]
    assert len(low) > 0
    for row in low.itertuples():
        entry = entries[row.source]
        assert "仅见于非官方转载" in entry and urlsplit(row.read_at).hostname in entry, row.source
        assert row.read_at not in entry, row.source


def test_no_page_of_the_book_links_to_a_spam_host(built_book):
    hosts = load().tables["hosts"]
    spam = set(hosts[hosts["class"] == "spam"]["host"])
    assert spam
    for page in built_book.rglob("*.html"):
        for href in re.findall(r'href="(https?://[^"]+)"', page.read_text(encoding="utf-8")):
            assert urlsplit(href).hostname not in spam, (page.name, href)


def test_figure_source_lines_link_to_citations_that_exist(built_book):
    anchors = set(citations(built_book))
    linked = 0
    for page in built_book.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for line in re.findall(r'<p class="ec-figure-source">(.*?)</p>', html, re.S):
            targets = re.findall(r'href="\.\./appendix/A4_data\.html#source-([a-z0-9_]+)"', line)
            assert targets, (page.name, line)
            assert set(targets) <= anchors, (page.name, set(targets) - anchors)
            linked += len(targets)
    assert linked > 50
