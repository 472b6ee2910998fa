"""Chinese typesetting: a line end between two Chinese characters in the source is not a space on the page
(the join is made in the document, before the page and the search index are written); full-width
punctuation stays."""

import html
import re

CHINESE = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’—…·]"
WRAPPED = re.compile(rf"{CHINESE}[ \t]*\n\s*{CHINESE}")
BLOCKS = re.compile(r"<(p|td|th|figcaption|dt|dd|caption)\b[^>]*>(.*?)</\1>", re.S)


def article_blocks(page: str) -> list[str]:
    """The text of each paragraph-like block of a page (not those holding other blocks, as an index entry
    does), with line breaks (<br>) marked and code as a mark that is not Chinese."""
    page = re.sub(r"<script.*?</script>|<style.*?</style>|<pre.*?</pre>", "", page, flags=re.S)
    page = re.sub(r"<code.*?</code>", "\0", page, flags=re.S)
    page = re.sub(r"<br\s*/?>\s*", "\u2028", page)
    return [html.unescape(re.sub(r"<[^>]+>", "", body)) for _, body in BLOCKS.findall(page)
            if not re.search(r"<(dl|ul|ol|p|div|table)\b", body)]


def test_no_line_end_stands_between_chinese_characters(built_book):
    stray = []
    for path in sorted(built_book.rglob("*.html")):
        if "_static" in path.parts:
            continue
        for text in article_blocks(path.read_text(encoding="utf-8")):
            stray += [f"{path.name}: …{text[max(0, m.start() - 8):m.end() + 8]}…" for m in WRAPPED.finditer(text)]
    assert stray == []


def test_the_join_works_across_inline_markup_and_keeps_code_and_punctuation():
    from docutils import nodes
    from ecreport.sphinx_ext import _join_chinese_lines

    paragraph = nodes.paragraph("", "", nodes.Text("以2017年为例，\n"), nodes.strong("", "由于"), nodes.Text("口径"),
                                nodes.Text("\n"), nodes.literal("", "ed.value\n"), nodes.Text("\n不同。\nIt wraps\nhere。"))
    document = nodes.section("", paragraph)
    _join_chinese_lines(None, document, "test")
    assert paragraph.astext() == "以2017年为例，由于口径\ned.value\n\n不同。\nIt wraps\nhere。"
    assert all(t.parent is not None for t in paragraph.findall(nodes.Text))


def test_a_space_where_markup_ends_between_chinese_characters_goes_and_one_inside_a_text_stays():
    from docutils import nodes
    from ecreport.sphinx_ext import _join_chinese_lines

    lead = nodes.paragraph("", "", nodes.strong("", "数字有出处。"), nodes.Text(" 每个数值有来源，第1章 总报告。"))
    title = nodes.paragraph("", "", nodes.Text("解答"), nodes.reference("", " 练习 1 (增速)"))
    _join_chinese_lines(None, nodes.section("", lead, title), "test")
    assert lead.astext() == "数字有出处。每个数值有来源，第1章 总报告。"
    assert title.astext() == "解答练习 1 (增速)"
