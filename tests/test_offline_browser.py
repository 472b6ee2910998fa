"""Every page opened in headless Chromium with the network cut off: every chart draws,
no page errors, no request leaves file://."""

from conftest import offline_page


def visit(browser, path):
    page, errors, external = offline_page(browser)
    console_errors = []
    page.on("console", lambda msg: console_errors.append(msg.text) if msg.type == "error" else None)

    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    charts = page.locator(".ec-chart")
    for i in range(charts.count()):
        charts.nth(i).locator("svg, canvas").first.wait_for(state="attached", timeout=15000)
    drawn = page.locator(".ec-chart[data-rendered='true']").count()
    info = {"charts": charts.count(), "drawn": drawn, "errors": errors, "console": console_errors,
            "external": external, "chart_errors": page.locator(".ec-chart-error").count()}
    page.close()
    return info


def test_every_page_works_offline(browser, built_book):
    pages = sorted(p for p in built_book.rglob("*.html") if "_static" not in p.parts)
    assert len(pages) >= 3
    total_charts = 0
    for path in pages:
        info = visit(browser, path)
        name = path.relative_to(built_book)
        assert info["errors"] == [], (name, info["errors"])
        assert info["console"] == [], (name, info["console"])
        assert info["external"] == [], (name, info["external"])
        assert info["drawn"] == info["charts"] and info["chart_errors"] == 0, (name, info)
        total_charts += info["charts"]
    assert total_charts >= 3


def test_chinese_search_finds_every_glossary_term_in_its_chapters(browser, built_book):
    """Search from file://: each term of the glossary (jieba is taught them) finds the chapters the
    glossary assigns it to, and the search page throws nothing (no summary fetches offline)."""
    from urllib.parse import quote

    from ecreport.build import chapters_available
    from ecreport.data import load

    page_of = {c.key: f"{c.toc_file}.html" for c in chapters_available()}
    page, errors, _ = offline_page(browser)
    search = (built_book / "search.html").as_uri()
    for row in load().tables["glossary"].itertuples():
        page.goto(f"{search}?q={quote(row.term)}")
        page.locator("p.search-summary").wait_for(timeout=15000)
        found = {href.split("#")[0].split("?")[0] for href in
                 page.locator("#search-results a").evaluate_all("links => links.map(a => a.getAttribute('href'))")}
        for chapter in row.chapters.split("；"):
            assert page_of[chapter] in found, (row.term, chapter, sorted(found))
    assert errors == []
    page.close()
