

def test_a_growth_line_breaks_where_a_period_has_no_rate():
    import pandas as pd
    from ecreport.charts import _line_segments
    frame = pd.DataFrame({"年份": ["2008", "2009", "2011", "2012", "2013", "2014"],
                          "增速": [44.8, 21.7, 29.2, 31.7, None, 59.4],
                          "口径": ["估算"] * 5 + ["调查"]})
    rows = _line_segments(frame, "年份", "增速", "口径", [str(y) for y in range(2008, 2015)])
    runs = rows.groupby("线段")["年份"].apply(list).tolist()
    assert runs == [["2008", "2009"], ["2011", "2012"], ["2014"]]   # not across 2010 (no row) or 2013 (no rate)


def test_a_tooltip_shows_a_dash_for_a_missing_value(built_book, browser):
    from conftest import block_network
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    block_network(page)
    page.goto((built_book / "chapters" / "01_overview.html").as_uri())
    page.wait_for_selector("#fig-1-1 .ec-chart[data-rendered=true]")
    shown = []
    for bar in page.query_selector_all("#fig-1-1 .ec-chart svg .mark-rect path"):
        bar.scroll_into_view_if_needed()
        bar.hover(force=True)
        page.wait_for_timeout(100)
        shown.append(page.evaluate("(document.getElementById('vg-tooltip-element') || {}).innerText || ''"))
    page.close()
    assert len(shown) >= 5 and all(shown)
    assert not any(word in text for text in shown for word in ("null", "NaN", "undefined"))
    assert any("—" in text for text in shown)                 # 2013's growth is not in the data


def test_the_vega_runtime_has_the_major_version_of_the_specs_it_draws(built_book, browser):
    """Specs are compiled to Vega when the book is built; the page ships only the Vega runtime, whose major
    version is that of every spec's $schema (so Vega logs no version warning)."""
    import json
    import re as regex

    from conftest import offline_page

    page, errors, _ = offline_page(browser)
    page.goto((built_book / "chapters" / "01_overview.html").as_uri())
    page.wait_for_function("window.vega && window.vega.version")
    runtime = page.evaluate("window.vega.version")
    assert errors == [] and page.evaluate("typeof window.vegaEmbed === 'undefined' && typeof window.vegaLite === 'undefined'")
    page.close()
    schemas = set()
    for path in built_book.rglob("*.html"):
        for spec in regex.findall(r'<script type="application/json" id="[^"]+">(.*?)</script>', path.read_text(encoding="utf-8"), regex.S):
            schemas.add(json.loads(spec.replace("<\\/", "</"))["$schema"])
    assert len(schemas) == 1, schemas
    (schema,) = schemas
    assert regex.fullmatch(r"https://vega\.github\.io/schema/vega/v(\d+)\.json", schema).group(1) == runtime.split(".")[0]


def test_a_tap_shows_a_tooltip_on_a_phone(built_book, browser):
    from conftest import block_network
    context = browser.new_context(viewport={"width": 412, "height": 900}, has_touch=True, is_mobile=True)
    page = context.new_page()
    block_network(page)
    page.goto((built_book / "chapters" / "01_overview.html").as_uri())
    page.wait_for_selector("#fig-1-1 .ec-chart[data-rendered=true]")
    bar = page.query_selector_all("#fig-1-1 .ec-chart svg .mark-rect path")[-1]
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector("#vg-tooltip-element.visible", timeout=5000)
    text = page.inner_text("#vg-tooltip-element")
    context.close()
    assert "2017" in text and "交易额" in text
