

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
