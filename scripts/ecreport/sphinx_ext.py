"""Sphinx extension of the book: offline charts and a clean page.

- ships the Vega runtime, the chart loader, the page fixes (ecreport-page.js) and the
  book's CSS in ``_static`` (the runtime from the installed vl-convert, which compiled the specs);
- keeps pages light: the Vega runtime and the chart loader only on pages with a chart, the search index
  and its scripts only on the search page, no fontawesome.js (the theme's icon font draws the icons;
  templates/), and every script deferred, so that nothing but the style sheets holds the first paint;
- drops sphinx-thebe's scripts: Jupyter Book registers them twice (the page
  then throws "Identifier 'THEBE_JS_URL' has already been declared") and
  they point at unpkg.com, which an offline reader cannot reach;
- removes the per-page thebe configuration blocks for the same reason;
- joins Chinese lines: where the source wraps a line between two Chinese characters (or full-width
  punctuation), the line end would show as a space ("为例， 由于"); it is removed from the document
  itself, so that the page, its copied text and the search index are all clean;
- gives the theme's labels in Chinese: the messages Sphinx and the themes translate but have no (or a
  traditional-Chinese) zh_CN text for go into their catalogs; the few the templates write in English
  without translation are replaced in the written pages;
- teaches the Chinese search the report's terms: jieba, which splits the text
  into words for the index, does not know 网上零售额 or 综合试验区 and cuts
  them up, so a reader searching for the term found few of its pages.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from docutils import nodes

from .icon_font import cut_icons
from .paths import STAGED_TEMPLATES, TEMPLATES
from .units import edition_title
from .static_files import write_static_files

THEBE_MARKERS = ("thebe", "THEBE")
CHINESE = "[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef“”‘’—…·]"
WRAPPED = re.compile(rf"(?<={CHINESE})[ \t]*\n\s*(?={CHINESE})")
SPACED = re.compile(rf"(?<={CHINESE})[ \t]+(?={CHINESE})")
UNTOUCHED = (nodes.FixedTextElement, nodes.literal, nodes.raw, nodes.math)

# (message catalog, message) -> the Chinese a reader sees or hears; Sphinx's and the themes' zh_CN
# catalogs lack these (or give traditional Chinese: 列印成 PDF)
THEME_MESSAGES = {
    ("sphinx", "Link to this heading"): "链接到本标题",
    ("sphinx", "Link to this term"): "链接到本术语",
    ("sphinx", "Link to this definition"): "链接到本定义",
    ("sphinx", "Link to this table"): "链接到本表",
    ("sphinx", "Link to this image"): "链接到本图",
    ("sphinx", "Link to this code"): "链接到本代码",
    ("sphinx", "Color mode"): "配色模式",
    ("sphinx", "System Settings"): "跟随系统",
    ("sphinx", "Light"): "亮色",
    ("sphinx", "Dark"): "暗色",
    ("sphinx", "Copyright %(copyright)s"): "版权 %(copyright)s",
    ("sphinx", "© Copyright %(copyright)s."): "© %(copyright)s。",
    ("booktheme", "Print to PDF"): "打印为 PDF",
}
# words the templates write without translation, as they stand in the written page
THEME_ATTRIBUTES = {
    'title="Toggle primary sidebar"': 'title="显示或隐藏全书目录"',
    'aria-label="Toggle primary sidebar"': 'aria-label="显示或隐藏全书目录"',
    'title="Toggle secondary sidebar"': 'title="显示或隐藏本页目录"',
    'aria-label="Toggle secondary sidebar"': 'aria-label="显示或隐藏本页目录"',
    '<nav class="bd-links bd-docs-nav" aria-label="Main">': '<nav class="bd-links bd-docs-nav" aria-label="全书目录">',
    '<nav aria-label="Page">': '<nav aria-label="本页">',
}


def _add_static(app) -> None:
    static = Path(app.doctreedir).parent / "ecreport_static"
    write_static_files(static)
    app.config.html_static_path.append(str(static))
    app.config.html_favicon = str(static / "favicon.svg")     # without one, every page logs a 404


def _search_dictionary(app) -> None:
    """A jieba user dictionary of the glossary's terms and their other spellings."""
    glossary = Path(app.srcdir) / "_static" / "csv" / "glossary.csv"
    if not str(app.config.language).startswith("zh") or not glossary.is_file():
        return
    words = []
    with glossary.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            words += [row["term"], *(a.strip() for a in (row.get("aliases") or "").split("；"))]
    path = Path(app.doctreedir).parent / "ecreport_search_words.txt"
    path.write_text("".join(f"{w} 1000\n" for w in dict.fromkeys(words) if w), encoding="utf-8")
    app.config.html_search_options = {**(app.config.html_search_options or {}), "dict": str(path)}


def _fast_chinese_search() -> None:
    """Sphinx's Chinese search language keeps every Latin word of the book in a list and looks each
    word up in it (sphinx/search/zh.py, 7.4): the search index then takes most of a build. The same
    lookup in a set gives the same index."""
    from sphinx import search
    from sphinx.search import zh

    class SearchChineseIndexedTerms(zh.SearchChinese):
        def init(self, options) -> None:
            super().init(options)
            self.latin_terms = set()

        def split(self, input: str) -> list[str]:      # zh.SearchChinese.split, with a set
            chinese = list(zh.jieba.cut_for_search(input)) if zh.JIEBA else []
            latin = [term.strip() for term in self.latin1_letters.findall(input)]
            self.latin_terms.update(latin)
            return chinese + latin

    search.languages["zh"] = SearchChineseIndexedTerms


def edition_switcher(pagename: str, edition: int, editions: list[int]) -> str:
    """Links to the same page in every edition of a multi-edition site (relative, so offline)."""
    up = "../" * (pagename.count("/") + 1)
    links = []
    for year in editions:
        label = edition_title(year)
        if year == edition:
            links.append(f'<a class="ec-edition current" aria-current="page" href="{up}{year}/{pagename}.html">{label}</a>')
        else:
            links.append(f'<a class="ec-edition" href="{up}{year}/{pagename}.html">{label}</a>')
    return ('<nav class="ec-edition-switcher" aria-label="报告版本"><span>版本：</span>'
            + "".join(links) + f'<a class="ec-edition-home" href="{up}index.html">全部版本</a></nav>')


def _is_thebe(asset) -> bool:
    name = str(getattr(asset, "filename", asset) or "")
    body = str(getattr(asset, "attributes", {}).get("body", "") or "")
    return any(m in name or m in body for m in THEBE_MARKERS)


def _add_switcher(app, pagename, templatename, context, doctree) -> None:
    editions = [int(y) for y in app.config.ecreport_editions or []]
    if editions and "body" in context:
        context["body"] = edition_switcher(pagename, int(app.config.ecreport_edition), editions) + context["body"]


CHART_SCRIPTS = ("vega-runtime.js", "ecreport-chart-modes.js", "ecreport-charts.js")
DESIGN_ASSETS = ("sphinx-design.min.css", "design-tabs.js")     # sphinx-design, which no page of the book uses


def _asset_name(asset) -> str:
    return str(getattr(asset, "filename", asset) or "")


def _deferred(asset):
    """A script asset that waits for the page to be parsed: a file is deferred, and an inline script that
    uses Sphinx's DOCUMENTATION_OPTIONS (defined by a deferred file) runs when the page is parsed."""
    from sphinx.builders.html._assets import _JavaScript
    if not isinstance(asset, _JavaScript):
        return asset
    attributes = dict(asset.attributes)
    if asset.filename and not {"defer", "async"} & attributes.keys() and attributes.get("type") != "module":
        return _JavaScript(asset.filename, priority=asset.priority, **attributes, defer="defer")
    body = attributes.get("body", "")
    if not asset.filename and "DOCUMENTATION_OPTIONS" in body:
        attributes["body"] = 'document.addEventListener("DOMContentLoaded", function () { ' + body + " });"
        return _JavaScript(asset.filename, priority=asset.priority, **attributes)
    return asset


def _page_assets(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body", "")
    has_chart = 'class="ec-chart"' in body
    dropped = (() if has_chart else CHART_SCRIPTS) + (() if re.search(r'class="[^"]*\bsd-', body) else DESIGN_ASSETS)
    for key in ("script_files", "css_files"):
        files = context.get(key)
        if not files:
            continue
        kept, seen = [], set()
        for asset in files:
            if _is_thebe(asset) or _asset_name(asset).rsplit("/", 1)[-1] in dropped:
                continue
            ident = (_asset_name(asset), str(getattr(asset, "attributes", {}).get("body", "")))
            if ident in seen:
                continue
            seen.add(ident)
            kept.append(_deferred(asset) if key == "script_files" else asset)
        context[key] = kept


def _texts(element) -> list[tuple]:
    """The text nodes of a paragraph (or title, caption …), in order, each with whether it is prose (not code,
    raw HTML or math, which stay as they are)."""
    return [(t, not any(isinstance(a, UNTOUCHED) for a in _ancestors(t, element))) for t in element.findall(nodes.Text)]


def _ancestors(node, top):
    while node is not None and node is not top:
        node = node.parent
        yield node


def _join_chinese_lines(app, doctree, docname) -> None:
    """Remove line ends between Chinese characters, within a text and across inline markup (“，\n**由于**”),
    and spaces between Chinese characters where one piece of markup ends or begins (“**有出处。** 每个”, or
    an extension's “解答 练习 1”; a space inside one text, as in “第1章 总报告”, is the author's): the
    paragraph's prose is read as one string (code and the like stand in it as a non-Chinese mark), and each
    text loses the characters of the line ends and spaces it holds."""
    for element in doctree.findall(nodes.TextElement):
        if isinstance(element, UNTOUCHED) or isinstance(element.parent, nodes.TextElement):
            continue
        texts = _texts(element)
        joined = "".join(str(t) if prose else "\0" * len(t) for t, prose in texts)
        removed = {i for m in WRAPPED.finditer(joined) for i in range(m.start(), m.end())}
        bounds, offset = set(), 0
        for text, _ in texts:
            bounds |= {offset, offset + len(text)}
            offset += len(text)
        removed |= {i for m in SPACED.finditer(joined) if m.start() in bounds or m.end() in bounds
                    for i in range(m.start(), m.end())}
        start = 0
        for text, prose in texts:
            value = str(text)
            kept = "".join(c for i, c in enumerate(value, start) if i not in removed)
            start += len(value)
            if prose and kept != value:
                parent, joined_text = text.parent, nodes.Text(kept)
                joined_text.parent = parent     # found by identity: equal texts ("\n") stand in many places
                parent.children[next(i for i, c in enumerate(parent.children) if c is text)] = joined_text


def _chinese_theme_messages(app) -> None:
    """Add the book's Chinese for the theme's messages to the catalogs the pages are rendered with."""
    from sphinx import locale
    if not str(app.config.language).startswith("zh"):
        return
    for (catalog, message), chinese in THEME_MESSAGES.items():
        translator = locale.translators.get(("general", catalog))
        table = getattr(translator, "_catalog", None)
        if table is not None:
            table[message] = chinese


def _chinese_theme_attributes(app, exception) -> None:
    """Replace the English the theme's templates write without translation, in every page written."""
    if exception is not None or app.builder.format != "html" or not str(app.config.language).startswith("zh"):
        return
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        changed = text
        for english, chinese in THEME_ATTRIBUTES.items():
            changed = changed.replace(english, chinese)
        if changed != text:
            page.write_text(changed, encoding="utf-8")


def _forwarding_page(app, exception) -> None:
    """The site's index.html, which sends the reader to the first page: a whole HTML document (with a title
    and the favicon), not sphinx-external-toc's bare <meta> line, which is written only where none exists."""
    from html import escape
    root, language = str(app.config.root_doc), str(app.config.language or "zh_CN").replace("_", "-")
    if exception is not None or app.builder.format != "html" or root == "index":
        return
    first = f"{root}.html"
    title = escape(str(app.config.html_title or app.config.project))
    Path(app.outdir, "index.html").write_text(
        f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n<title>{title}</title>\n'
        f'<meta http-equiv="refresh" content="0; url={first}">\n<link rel="icon" href="_static/favicon.svg">\n'
        f'</head>\n<body>\n<p><a href="{first}">{title}</a></p>\n</body>\n</html>\n', encoding="utf-8")


def _cut_icons(app, exception) -> None:
    if exception is None and app.builder.format == "html":
        cut_icons(Path(app.outdir))


def _drop_thebe_nodes(app, doctree, docname) -> None:
    for node in list(doctree.findall(nodes.raw)):
        text = node.astext()
        if "x-thebe-config" in text or "kernelName =" in text:
            node.parent.remove(node)


def _visit_hidden_input(self, node) -> None:
    """myst-nb's toggle of a hidden code cell, with its two words as spans: it writes paragraphs, and a
    <summary> may hold no block (ecreport.css shows one or the other, as mystnb.css does for paragraphs).
    Its visible word names it; myst-nb's English aria-label is left out."""
    from html import escape
    classes = " ".join(node["classes"])
    self.body.append(f'<details class="admonition hide {classes}">\n<summary>\n'
                     f'<span class="collapsed admonition-title">{escape(node["prompt_show"])}</span>\n'
                     f'<span class="expanded admonition-title">{escape(node["prompt_hide"])}</span>\n</summary>\n')


def _depart_hidden_input(self, node) -> None:
    self.body.append("</details>\n")


def _unique_exercise_ids(app, doctree, docname) -> None:
    """sphinx-exercise gives the body of every exercise and solution the same id (exercise-content,
    solution-content); each gets its own, numbered in the page."""
    seen: dict[str, int] = {}
    for section in doctree.findall(nodes.section):
        ids = section.get("ids", [])
        for shared in ("exercise-content", "solution-content"):
            if shared in ids:
                seen[shared] = seen.get(shared, 0) + 1
                section["ids"] = [f"{shared}-{seen[shared]}" if i == shared else i for i in ids]


PANDAS_STYLE = re.compile(r"<style scoped>.*?</style>\s*", re.S)


def _plain_data_frames(app, doctree, docname) -> None:
    """A data frame shown in a notebook brings its own <style scoped> (not valid HTML) and a border
    attribute; the book's table style is the theme's."""
    for node in list(doctree.findall(nodes.raw)):
        text = node.astext()
        if 'class="dataframe"' in text:
            cleaned = PANDAS_STYLE.sub("", text).replace('<table border="1" class="dataframe">', '<table class="dataframe">')
            if cleaned != text:
                node.parent.replace(node, nodes.raw("", cleaned, format=node.get("format", "html")))


def _add_templates(app, config) -> None:
    """The book's templates: the build stages a copy beside the book and they are named relative to it (an
    absolute path enters Sphinx's record of the configuration, and two builds in two folders would differ)."""
    staged = Path(app.confdir) / STAGED_TEMPLATES
    config.templates_path = [STAGED_TEMPLATES if staged.is_dir() else str(TEMPLATES), *config.templates_path]


def setup(app):
    app.connect("config-inited", _add_templates)
    app.add_config_value("ecreport_edition", 2017, "html")
    app.add_config_value("ecreport_editions", [], "html")
    app.add_config_value("ecreport_kit", "", "html")
    app.connect("builder-inited", _add_static)
    app.connect("builder-inited", _search_dictionary)
    app.connect("builder-inited", _chinese_theme_messages)
    app.connect("build-finished", _chinese_theme_attributes)
    app.connect("build-finished", _cut_icons)
    app.connect("build-finished", _forwarding_page, priority=400)   # before sphinx-external-toc's
    _fast_chinese_search()
    app.connect("html-page-context", _add_switcher)
    app.connect("html-page-context", _page_assets, priority=900)
    app.connect("doctree-resolved", _drop_thebe_nodes, priority=900)
    app.connect("doctree-resolved", _join_chinese_lines, priority=910)
    app.connect("doctree-resolved", _unique_exercise_ids)
    app.connect("doctree-resolved", _plain_data_frames)
    from myst_nb.sphinx_ import HideCodeCellNode
    app.add_node(HideCodeCellNode, override=True, html=(_visit_hidden_input, _depart_hidden_input))
    app.add_js_file("vega-runtime.js")
    app.add_js_file("ecreport-chart-modes.js")
    app.add_js_file("ecreport-charts.js")
    app.add_js_file("ecreport-page.js", priority=501)   # after sphinx-togglebutton's script (500)
    app.add_css_file("ecreport.css")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
