"""Every chart has a text description and a data table and CSV download beside it, and is drawn in the
page's colour mode. (axe-core, from the npm registry, audits every page in both modes and at both widths
in test_reader_pages.)"""

import json
import re

import pytest

from conftest import ROOT, block_network, in_ci, forwards

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def axe_script():
    if not AXE.is_file():
        if in_ci():
            pytest.fail("axe-core is not installed; .ci/run runs npm ci")
        pytest.skip("axe-core not installed (npm ci)")
    return AXE


def pages(book):
    """Every page a reader sees; a forwarding stub (index.html → intro.html) is audited where it forwards to."""
    return sorted(p for p in book.rglob("*.html") if "_static" not in p.parts
                  and not forwards(p.read_text(encoding="utf-8")))


def test_every_chart_has_a_description_a_data_table_and_a_download(built_book):
    charts = 0
    for path in pages(built_book):
        html = path.read_text(encoding="utf-8")
        for block in re.findall(r'<figure class="ec-figure".*?</figure>', html, re.S):
            charts += 1
            spec = json.loads(re.search(r'<script type="application/json"[^>]*>(.*?)</script>', block, re.S)
                              .group(1).replace("<\\/", "</"))
            assert len(spec.get("description", "")) > 10, path.name
            assert '<details class="ec-figure-data">' in block and "<table" in block, path.name
            assert 'href="data:text/csv;charset=utf-8,' in block and "download=" in block, path.name
    assert charts >= 14


def test_chart_svgs_carry_their_description(built_book, browser):
    page = browser.new_page()
    block_network(page)
    page.goto((built_book / "chapters" / "01_overview.html").as_uri())
    page.locator(".ec-chart[data-rendered='true']").first.wait_for(timeout=15000)
    labels = page.eval_on_selector_all(".ec-chart svg.marks", "els => els.map(e => e.getAttribute('aria-label'))")
    page.close()
    assert labels and all(label for label in labels)                  # every chart, exercises' too
    assert sum("2017" in label for label in labels) >= 3              # the report's figures, for this edition


def test_charts_are_drawn_in_the_page_colour_mode_and_again_when_it_changes(built_book, browser):
    from ecreport.chart_theme import DARK, theme_config

    def label_colours(page):
        page.wait_for_function("[...document.querySelectorAll('.ec-chart')].every(c => c.dataset.rendered === 'true')")
        return set(page.eval_on_selector_all(".ec-chart svg .role-axis-label text", "els => els.map(e => e.getAttribute('fill'))"))

    light, dark = theme_config()["config"]["axis"]["labelColor"], DARK["config"]["axis"]["labelColor"]
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    block_network(page)
    page.goto((built_book / "chapters" / "01_overview.html").as_uri())
    assert label_colours(page) == {light}
    page.click("button.theme-switch-button")                   # light → dark (the theme's toggle)
    page.wait_for_function("document.documentElement.dataset.theme === 'dark'")
    page.wait_for_function("[...document.querySelectorAll('.ec-chart')].every(c => c.dataset.mode === 'dark')")
    assert label_colours(page) == {dark}
    page.reload()                                             # the reader's choice is remembered
    assert page.evaluate("document.documentElement.dataset.theme") == "dark" and label_colours(page) == {dark}
    context.close()
