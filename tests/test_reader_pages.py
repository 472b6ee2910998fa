"""The page a reader gets, as headless Chromium shows it offline at a desktop's width (1280 px) and a phone's
(412 px), in light and in dark mode: every page of the default edition, the landing page of ``--year all``,
a page of another edition and one of the student edition. On each, with every solution opened:

- axe-core finds no serious or critical violation;
- no two axis or legend labels of a chart overlap, none is under 11 px, and no chart is scaled down;
- every legend swatch has marks of its colour;
- no chart is wider than the screen or drawn at a sliver of its width, and the page does not scroll sideways;
- no space stands between two Chinese characters in the article's text;
- nothing is logged as an error or a warning;
- the files the page loads weigh at most 1.5 MB on disk.
"""

from __future__ import annotations

import json
import os
from urllib.parse import unquote, urlparse

import pytest

from conftest import block_network
from test_accessibility import axe_script, pages  # noqa: F401  (axe_script: a fixture)

WIDTHS = {"desktop": 1280, "phone": 412}
PAGE_BUDGET = 1_500_000

# Measured in the page: charts (their SVG's box against the viewport, their labels' boxes against each other),
# and the article's text, block by block as the reader sees it (innerText), code left out.
MEASURE = r"""() => {
  const viewport = document.documentElement.clientWidth;
  const shown = el => el.offsetParent !== null;
  const charts = [...document.querySelectorAll('.ec-chart')].filter(shown);
  const result = {viewport, sideways: document.documentElement.scrollWidth > viewport + 1,
                  undrawn: charts.filter(c => c.dataset.rendered !== 'true').map(c => c.dataset.spec),
                  wide: [], slim: [], scaled: [], small: [], overlaps: [], swatches: [], spaces: []};
  const LABELS = '.role-axis-label text, .role-legend-label text, .role-legend-title text, .role-axis-title text';
  for (const chart of charts) {
    const svg = chart.querySelector('svg');
    if (!svg) continue;
    const box = svg.getBoundingClientRect();
    if (box.left < -1 || box.right > viewport + 1) result.wide.push([chart.dataset.spec, Math.round(box.width), viewport]);
    // a chart drawn while hidden (in a closed dropdown) came out a sliver of its box
    if (box.width < chart.clientWidth / 2) result.slim.push([chart.dataset.spec, Math.round(box.width), chart.clientWidth]);
    const drawn = parseFloat(svg.getAttribute('width'));
    if (drawn && Math.abs(drawn - box.width) > 1) result.scaled.push([chart.dataset.spec, drawn, Math.round(box.width)]);
    const labels = [...svg.querySelectorAll(LABELS)].filter(t => t.textContent.trim()
      && t.getAttribute('opacity') !== '0' && getComputedStyle(t).visibility !== 'hidden');
    const size = t => parseFloat(t.getAttribute('font-size') || getComputedStyle(t).fontSize);
    for (const t of labels) {
      if (size(t) < 11) result.small.push([chart.dataset.spec, t.textContent, size(t)]);
    }
    // a label's box: its drawn width, and the height of its characters (the font's em, not its line box,
    // whose ascent and descent would make neighbouring lines of a CJK font touch)
    // every legend swatch has marks of its colour
    const colours = el => [el.getAttribute('fill'), el.getAttribute('stroke')]
      .filter(x => x && x !== 'none' && x !== 'transparent');
    const drawnColours = new Set();
    svg.querySelectorAll('.role-mark path, .role-mark line, .role-mark rect')
      .forEach(m => colours(m).forEach(x => drawnColours.add(x)));
    svg.querySelectorAll('.role-legend-symbol path').forEach(swatch => {
      const lost = colours(swatch).filter(x => !drawnColours.has(x));
      if (lost.length) result.swatches.push([chart.dataset.spec, lost]);
    });
    const boxes = labels.map(t => {
      const r = t.getBoundingClientRect(), rotated = r.height > r.width * 1.5 && t.textContent.length > 1;
      const middleX = (r.left + r.right) / 2, middleY = (r.top + r.bottom) / 2, em = size(t) / 2;
      return [t.textContent, rotated ? {left: middleX - em, right: middleX + em, top: r.top, bottom: r.bottom}
                                     : {left: r.left, right: r.right, top: middleY - em, bottom: middleY + em}];
    });
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, ra] = boxes[i], [b, rb] = boxes[j];
        const across = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
        const down = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
        if (across > 1 && down > 1) result.overlaps.push([chart.dataset.spec, a, b]);
      }
    }
  }
  const CHINESE = '[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’—…·]';
  const stray = new RegExp(CHINESE + '[ \t\u00a0]+' + CHINESE, 'g');
  // a number's word and the title after it are spaced as the report spaces them: 第1章 总报告, 第二条 中华…
  const numbered = /第[0-9一二三四五六七八九十百零]+[章节条] $/;
  const blocks = document.querySelectorAll('article p, article li, article td, article th, article dt, article dd, '
    + 'article figcaption, article caption, article h1, article h2, article h3, article h4, article summary');
  for (const block of blocks) {
    // an excerpt quotes its source as it was read (spaces and all)
    if (block.querySelector('p, li, div, table, pre, blockquote') || block.closest('pre, .ec-chart, .cell_input, .ec-excerpt')) continue;
    // what the reader sees: a part the page hides (a toggle's other word) is left out
    const hidden = [...block.querySelectorAll('*')].map(e => getComputedStyle(e).display === 'none');
    const copy = block.cloneNode(true);
    [...copy.querySelectorAll('*')].forEach((e, i) => { if (hidden[i]) e.replaceWith(' '); });
    copy.querySelectorAll('code, kbd, .headerlink').forEach(c => c.replaceWith('\u0000'));
    copy.querySelectorAll('br').forEach(c => c.replaceWith('\u2028'));
    const text = copy.textContent.replace(/[ \t\n\r]+/g, ' ');
    for (const m of text.matchAll(stray)) {
      if (numbered.test(text.slice(Math.max(0, m.index - 8), m.index + m[0].length - 1))) continue;
      result.spaces.push(text.slice(Math.max(0, m.index - 8), m.index + 10));
    }
  }
  return result;
}"""

OPEN_EVERYTHING = """() => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  document.querySelectorAll('.toggle-hidden').forEach(e => e.classList.remove('toggle-hidden'));
  document.querySelectorAll('.dropdown .toggle-button').forEach(b => {
    const box = b.closest('.dropdown'); if (box && box.classList.contains('toggle-hidden')) b.click(); });
}"""


def reader_pages(built_book, all_editions, student_book):
    listed = [(built_book, p) for p in pages(built_book)]
    listed += [(all_editions, all_editions / "index.html"),
               (all_editions, all_editions / "2023" / "chapters" / "01_overview.html"),
               (student_book, student_book / "chapters" / "04_rural.html")]
    return listed


def weight(urls: list[str]) -> int:
    total = 0
    for url in dict.fromkeys(urls):
        if url.startswith("file:"):
            path = unquote(urlparse(url).path)
            total += os.path.getsize(path) if os.path.isfile(path) else 0
    return total


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("screen", sorted(WIDTHS))
def test_every_page_reads_well(built_book, all_editions, student_book, browser, axe_script, screen, mode):
    failures: dict[str, dict] = {}
    context = browser.new_context(color_scheme=mode, viewport={"width": WIDTHS[screen], "height": 900},
                                  has_touch=screen == "phone")
    for book, path in reader_pages(built_book, all_editions, student_book):
        page = context.new_page()
        external = block_network(page)
        logged, errors, requested = [], [], []
        page.on("console", lambda m: logged.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requested.append(r.url))
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        page.wait_for_function("[...document.querySelectorAll('.ec-chart')].filter(c => c.offsetParent)"
                               ".every(c => c.dataset.rendered === 'true' || c.dataset.error)", timeout=20000)
        page.evaluate(OPEN_EVERYTHING)
        page.wait_for_function("[...document.querySelectorAll('.ec-chart')]"
                               ".every(c => c.dataset.rendered === 'true' || c.dataset.error)", timeout=20000)
        page.wait_for_timeout(200)
        found = page.evaluate(MEASURE)
        if page.evaluate("document.documentElement.dataset.theme") != mode:
            found["mode"] = page.evaluate("document.documentElement.dataset.theme")
        found["logged"], found["errors"] = list(logged), list(errors)   # before axe, which logs its own
        page.add_script_tag(path=str(axe_script))
        found["axe"] = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
            .violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ': ' + v.nodes.map(n => n.html.slice(0, 120)).join(' | '))""")
        page.close()
        found["external"] = external
        loaded = weight(requested)
        if loaded > PAGE_BUDGET:
            found["weight"] = loaded
        problems = {k: v for k, v in found.items() if v and k not in ("viewport",)}
        if problems:
            failures[path.relative_to(book).as_posix()] = problems
    context.close()
    assert failures == {}, json.dumps(failures, ensure_ascii=False, indent=1)


def test_the_measure_finds_what_it_looks_for(built_book, browser, tmp_path):
    """A page with a stray space, overlapping labels, a label under 11 px, a swatch without marks and a
    chart wider than the phone: the suite's measure reports each."""
    from ecreport.vega_specs import to_vega

    crowded = to_vega({"data": {"values": [{"类别": f"很长很长的类别名称{i}", "值": i, "组": "甲"} for i in range(12)]},
                       "mark": {"type": "bar", "tooltip": True},
                       "encoding": {"x": {"field": "类别", "type": "nominal",
                                          "axis": {"labelAngle": 0, "labelOverlap": False, "labelFontSize": 9}},
                                    "y": {"field": "值", "type": "quantitative"},
                                    "color": {"field": "组", "type": "nominal",      # 乙 has no bars
                                              "scale": {"domain": ["甲", "乙"], "range": ["#1f5fa8", "#c9c9c9"]}}}})
    wide = {**crowded, "width": 900}
    wide.pop("signals", None)
    wide["autosize"] = {"type": "pad"}
    static = (built_book / "_static").as_uri()
    charts = "".join(f'<div class="ec-chart" data-spec="s{i}"></div><script type="application/json" id="s{i}">'
                     f'{json.dumps(spec, ensure_ascii=False)}</script>' for i, spec in enumerate([crowded, wide]))
    page_file = tmp_path / "probe.html"
    page_file.write_text(f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
                         f'<link rel="stylesheet" href="{static}/ecreport.css"></head><body><article>'
                         f'<p>以2017年为例， 由于口径不同。</p>{charts}</article>'
                         f'<script src="{static}/vega-runtime.js"></script>'
                         f'<script src="{static}/ecreport-charts.js"></script></body></html>', encoding="utf-8")
    context = browser.new_context(viewport={"width": 412, "height": 900})
    page = context.new_page()
    block_network(page)
    page.goto(page_file.as_uri())
    page.wait_for_function("[...document.querySelectorAll('.ec-chart')].every(c => c.dataset.rendered === 'true')")
    found = page.evaluate(MEASURE)
    context.close()
    assert found["spaces"] and "， 由于" in found["spaces"][0]
    assert {o[0] for o in found["overlaps"]} >= {"s0"}
    assert any(s[0] == "s0" and s[2] == 9 for s in found["small"])
    assert ["s0", ["#c9c9c9"]] in found["swatches"]
    assert [w[0] for w in found["wide"]] == ["s1"] and found["sideways"]
