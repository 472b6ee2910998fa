"""The full build of the default edition: pages, figures, numbers, offline assets, reader view."""

import json
import re

from conftest import ROOT, forwards

CDN_HOSTS = ("cdn.jsdelivr.net", "unpkg.com", "cdnjs", "googleapis", "fonts.gstatic")


def page(book, name="chapters/01_overview.html") -> str:
    return (book / name).read_text(encoding="utf-8")


def test_every_page_of_the_toc_is_built(built_book):
    assert (built_book / "index.html").is_file()
    assert (built_book / "intro.html").is_file()
    assert (built_book / "chapters" / "01_overview.html").is_file()


def test_chapter_one_shows_its_three_figures_with_sources(built_book):
    html = page(built_book)
    for number in ("1-1", "1-2", "1-6"):
        block = re.search(rf'<figure class="ec-figure" id="fig-{number}".*?</figure>', html, re.S)
        assert block, number
        assert f"图{number}" in block.group(0)
        assert "资料来源：" in block.group(0)
        assert 'type="application/json"' in block.group(0)
        assert "download=" in block.group(0)


def test_chapter_one_states_the_report_numbers(built_book):
    text = re.sub(r"<[^>]+>", "", page(built_book))
    for expected in ["29.16万亿元", "增长11.7%", "72.9%", "16.87万亿元", "57.9%", "4.96万亿元", "35.1%",
                     "7.33万亿元", "下降28.7%", "7.18万亿元", "39.1%", "32.2%", "71.8%", "5.48万亿元", "28.0%",
                     "15.0%", "4.08万亿元", "30.1%", "3.13万亿元", "29.8%", "20.4个百分点", "17.4%", "46.4%",
                     "83.3%", "30.2%", "8.6%", "6.7%", "38.9%", "1.4%", "22.9%", "28.3%", "14%", "9%",
                     "400.6亿件", "4957.1亿元", "24.7%", "92.7亿件", "25%", "299.6亿件", "28.9%", "8.3亿件",
                     "33.8%", "220.8亿件", "2745亿元", "25.8%", "2018年8月31日", "共89条", "7.16万亿元", "24.9万亿元"]:
        assert expected in text, expected


def test_built_pages_load_nothing_from_the_network(built_book):
    for path in built_book.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for host in CDN_HOSTS:
            assert host not in html, (path.name, host)
        assert not re.search(r'<(script|link|img)[^>]+(src|href)="(https?:)?//', html), path.name
    assert (built_book / "_static" / "vega-runtime.js").stat().st_size > 300_000
    assert "THEBE_JS_URL" not in page(built_book)


def test_pages_load_only_what_they_use(built_book):
    """The Vega runtime and chart loader only where a chart is, the search index only on the search page,
    no fontawesome.js (1.5 MB), every script deferred, and a favicon."""
    with_charts = 0
    for path in built_book.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        if "_static" in path.parts or forwards(html):
            continue
        has_chart = 'class="ec-chart"' in html
        with_charts += has_chart
        assert ("vega-runtime.js" in html) == has_chart and ("ecreport-charts.js" in html) == has_chart, path.name
        assert ("searchindex.js" in html) == (path.name == "search.html"), path.name
        assert "fontawesome.js" not in html and "sphinx-design.min.css" not in html, path.name
        head = html[:html.index("</head>")]
        blocking = re.findall(r"<script(?![^>]*\bdefer\b)[^>]*\ssrc=[^>]*>", head)
        assert blocking == [], (path.name, blocking)
        assert 'rel="icon" href="' in head, path.name
    assert with_charts >= 10
    font = built_book / "_static" / "vendor" / "fontawesome" / "webfonts" / "fa-solid-900.woff2"
    assert 0 < font.stat().st_size < 20_000                  # the icons the pages use, not all 2,000


def test_reader_view_hides_code_and_parameters(built_book):
    html = page(built_book)
    assert "data_dir = None" not in html and "Parameters" not in html     # parameter cells removed
    assert "tag_hide-input" in html                                        # chart code behind a toggle
    assert "显示" in html and "Show code cell" not in html


def test_book_metadata(built_book):
    html = page(built_book, "index.html") + page(built_book, "intro.html")
    assert 'lang="zh-CN"' in html
    assert "中国电子商务发展报告 2017–2018" in html
    assert "中国电子商务协会" in html and "唐生" in html and "樊重俊" in html
    raw = (built_book / "searchindex.js").read_text(encoding="utf-8")
    terms = json.loads(raw[raw.index("(") + 1:raw.rindex(")")])["terms"]
    assert "业务量" in terms and "中华人民共和国" in terms                 # Chinese words are indexed (jieba)


def test_notebooks_are_committed_without_outputs():
    import nbformat
    for path in (ROOT / "chapters").glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert not cell.outputs and cell.execution_count is None, path.name


def visible_text(book) -> str:
    import html as htmllib
    text = []
    for path in book.rglob("*.html"):
        if "_static" in path.parts:
            continue
        page_html = path.read_text(encoding="utf-8")
        page_html = re.sub(r"<script.*?</script>", "", page_html, flags=re.S)
        text.append(htmllib.unescape(re.sub(r"<[^>]+>", " ", page_html)))
    return "\n".join(text)


def test_every_number_quoted_from_the_report_is_in_the_book(built_book):
    """Each report passage cited in sources.csv: all its numbers appear in the built book."""
    from ecreport.data import load
    text = visible_text(built_book)
    sources = load().sources
    missing = []
    for row in sources[sources["confidence"] == "report"].itertuples():
        missing += [(row.source, n) for n in re.findall(r"\d+(?:\.\d+)?", row.excerpt) if n not in text]
    assert missing == []


def test_a_kernel_that_dies_is_replaced_and_the_chapter_run_again(tmp_path):
    """A kernel lost mid-chapter (it died, or hung past the cell timeout) gets a fresh kernel and
    one more run; an error in the chapter's own code is not retried."""
    import nbformat

    from ecreport.build import kernels

    flag = tmp_path / "died-once"
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("year = 2017\ndata_dir = None", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("import os, pathlib\nflag = pathlib.Path(data_dir)\n"
                                  "if not flag.exists():\n    flag.touch()\n    os._exit(1)"),
        nbformat.v4.new_code_cell("print('ran', year)"),
    ])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    source, target = tmp_path / "dies.ipynb", tmp_path / "out.ipynb"
    nbformat.write(notebook, source)
    try:
        result = kernels.execute_chapter(str(source), str(target), 2017, str(flag))
        assert result["ok"], result
        assert flag.exists() and "ran 2017" in target.read_text(encoding="utf-8")

        notebook.cells[1] = nbformat.v4.new_code_cell("raise ValueError('the chapter is wrong')")
        nbformat.write(notebook, source)
        failed = kernels.execute_chapter(str(source), str(target), 2017, str(flag))
        assert not failed["ok"] and failed["ename"] == "ValueError" and failed["cell"] == 2
    finally:
        kernels.discard_kernel()
