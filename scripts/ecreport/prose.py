"""The report's text written as text: template cells rendered with the section's facts.

A chapter writes a paragraph as a cell that starts with ``%%report``; its body is the report's
Chinese text with fields for the numbers, and alternatives for what the data may lack::

    %%report
    <% if ec %>
    << Y >>年，中国电子商务交易额为<< ec | 万亿元 >><% if ec_growth %>，同比<< ec_growth | 增长 >><% endif %>。
    <% else %>
    << Y >>年全国电子商务交易额未见公布。
    <% endif %>

The fields are the names a short hidden cell above defines (the section's facts); logic sits
there, not in the template. Jinja2 renders the body in the kernel, with delimiters that clash
neither with MyST roles (``{term}``) and substitutions (``{{ }}``) nor with Chinese punctuation:
``<< field >>``, ``<% if … %>``, ``<# comment #>``.

Formatting is the kit's, as filters: a unit (``<< x | 万亿元 >>``, ``<< x | 万亿元(1) >>``), 增长
(``增长12.3%`` / ``下降28.7%``), 增长列举 (增长a、b和c), 幅度 (a change without its sign), 数 (the bare number), 时期 (2018H1 → 2018年上半年), 日期, 列举
(A、B和C), 年份段 (years → 2007—2016年), 中文数字 (89 → 八十九), 数目 (a count as words: 2 → 两), 注 (``<% filter 注 %>…<% endfilter %>``
puts its text in a note), 升降 (a change as 提高/回落 and its size). A fact's notes become markers ①②
and are printed under the text; glossary terms are linked on first use.

A field the facts do not define, or one that is None, fails the cell with its name.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import replace
from functools import lru_cache

import jinja2

from . import units
from .errors import EcReportError
from .facts import Fact
from .narrative import join, paragraph_markdown
from .notes import Note, register_notes

DELIMITERS = {"block_start_string": "<%", "block_end_string": "%>",
              "variable_start_string": "<<", "variable_end_string": ">>",
              "comment_start_string": "<#", "comment_end_string": "#>"}
LIST_LINE = re.compile(r"^\s*([-*+]|\d+\.|>)\s")
TAGS_ONLY = re.compile(r"^[ \t]*(<%(?:(?!%>).)*%>[ \t]*)+$")


class FieldError(EcReportError):
    """A template names a field that the section's facts do not define, or that is None."""


def _fact_in(unit: str):
    def format_in(value, decimals: int | None = None):
        spec = unit if decimals is None else f"{unit}.{decimals}"
        return format(value, spec)
    format_in.__name__ = unit
    return format_in


def _growth(fact: Fact) -> str:
    return format(fact, "增长")


def _growths(facts, last: str = "和") -> str:
    """Several growth rates: 增长a、b和c when all rise, else a word for each (增长a、下降b和增长c)."""
    if all(f.value >= 0 for f in facts):
        return "增长" + join([str(f) for f in facts], last)
    return join([format(f, "增长") for f in facts], last)


def _size(fact: Fact) -> str:
    """A change without its sign (the second figure of 同比分别增长A和B)."""
    return format(replace(fact, value=abs(fact.value)), "")


def _number(value, decimals: int | None = None) -> str:
    if isinstance(value, Fact):
        return format(value, "数" if decimals is None else f"数.{decimals}")
    return units.number(value, 0 if decimals is None else decimals)


def _change(fact: Fact, up: str = "提高", down: str = "回落") -> str:
    """A change as the report words it: 回落1.6个百分点 / 提高0.8个百分点."""
    word = up if fact.value >= 0 else down
    return f"{word}{format(fact.to(fact.unit), '.' + str(fact.decimals)).lstrip('-')}"


def _note(text: str) -> str:
    """``<% filter 注 %>…<% endfilter %>``: the text goes under the paragraph as a note; a marker stays."""
    return register_notes([Note(_joined(text), "note")])


def _period(period) -> str:
    from .edition import period_words
    return period_words(str(period))


class Lacking:
    """What a template sees for a fact the data lacks (None): false in an ``<% if %>``, an error when printed."""

    __slots__ = ("field",)

    def __init__(self, field: str):
        self.field = field

    def __bool__(self) -> bool:
        return False

    def fail(self):
        raise FieldError(f"the field '{self.field}' is None (the data lacks it): write "
                         f"<% if {self.field} %>…<% else %>…<% endif %> around it")

    def __str__(self):
        self.fail()

    def __format__(self, spec):
        self.fail()

    def __getattr__(self, name):
        self.fail()


def _finalize(value):
    if isinstance(value, Lacking):
        value.fail()
    if value is None:
        raise FieldError("a field printed None: give the template a value, or an alternative for its absence")
    return value


def _defined(filter_function):
    """A filter that fails clearly on a field the facts lack (undefined or None) instead of formatting it."""
    def checked(value, *args):
        if isinstance(value, jinja2.Undefined):
            value._fail_with_undefined_error()
        _finalize(value)
        return filter_function(value, *args)
    checked.__name__ = filter_function.__name__
    return checked


def _toc_entries(entries, shared_note: str = "") -> str:
    """Entries of the report's 目录 (rows of report_toc.csv) as a chapter's note lists them:
    4.2 空白区域电子商务发展对比分析；4.2.1 …, each with its note in brackets unless it is the ``shared_note``
    the sentence already says."""
    listed = []
    for entry in entries.itertuples():
        note = str(entry.note or "").rstrip("。")
        listed.append(f"{entry.number} {entry.title}" + (f"（{note}）" if note and note != shared_note.rstrip("。") else ""))
    return "；".join(listed)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(**DELIMITERS, undefined=jinja2.StrictUndefined, autoescape=False,
                             lstrip_blocks=True, finalize=_finalize)
    filters = {name: _fact_in(name) for name in units.UNITS}
    filters.update({
        "增长": _growth, "增长列举": _growths, "幅度": _size, "数": _number, "升降": _change, "时期": _period, "日期": units.date_words,
        "列举": join, "中文数字": units.chinese_numeral, "数目": units.count_words, "注": _note,
        "年份段": units.year_runs, "目录条目": _toc_entries,
    })
    env.filters.update({name: _defined(f) for name, f in filters.items()})
    return env


PARAGRAPH_BREAK = "\x00"      # a blank line of the template, kept through rendering


def _without_tag_lines(template: str) -> str:
    """A line holding only <% … %> tags vanishes with its line end; a tag at the end of a line of text
    keeps that line end (Jinja's trim_blocks would glue the next line, a list item, onto it). The template's
    blank lines are marked, so that a line whose conditions all render empty does not start a paragraph."""
    lines = []
    for line in template.splitlines(keepends=True):
        bare = line.rstrip("\n")
        if TAGS_ONLY.match(bare):
            lines.append(bare)
        elif not bare.strip():
            lines.append(PARAGRAPH_BREAK + "\n")
        else:
            lines.append(line)
    return "".join(lines)


def _joined(text: str) -> str:
    """Lines of one paragraph joined without a space (Chinese needs none); list lines keep their break.
    Paragraphs are separated where the template had a blank line (or, in a note's text, a blank line)."""
    paragraphs = []
    for block in re.split(r"\x00|\n\s*\n", text.strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        out = ""
        for line in lines:
            if out and LIST_LINE.match(line + " "):
                out += "\n"
            elif re.fullmatch(r"[-*+]|\d+\.", out.split("\n")[-1]):
                out += " "                   # a list marker whose item's text came on the next line
            out += line
        paragraphs.append(out)
    return "\n\n".join(p for p in paragraphs if p)


def render(template: str, facts: dict) -> str:
    """The template's text with its fields filled from ``facts`` (note markers included)."""
    env = environment()
    try:
        compiled = env.from_string(_without_tag_lines(template))
    except jinja2.TemplateSyntaxError as exc:
        raise FieldError(f"template line {exc.lineno}: {exc.message}") from None
    try:
        names = {k: (Lacking(k) if v is None else v) for k, v in facts.items() if not k.startswith("_")}
        return _joined(compiled.render(**names))
    except jinja2.UndefinedError as exc:
        name = re.search(r"'([^']+)' is undefined", str(exc))
        field = name.group(1) if name else str(exc)
        close = difflib.get_close_matches(field, [k for k in facts if not k.startswith("_")], n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise FieldError(f"the template names the field '{field}', which the facts of this section do not "
                         f"define{hint}") from None


def report(line: str, cell: str) -> None:
    """``%%report``: show the cell's template, rendered with the kernel's names, as a paragraph with its notes."""
    from IPython import get_ipython
    from IPython.display import Markdown, display
    display(Markdown(paragraph_markdown(render(cell, get_ipython().user_ns))))


SECTION_BREAK = re.compile(r"^\s*---\s*$", re.M)


def figure_texts(template: str, facts: dict) -> tuple[str, str | None, list[str]]:
    """A figure's title, description and notes from one template: three parts separated by lines of ---;
    each paragraph of the third part is one note. Notes of facts formatted here are not kept (a figure's
    words carry none)."""
    from .notes import take_notes
    parts = SECTION_BREAK.split(template, maxsplit=2)
    if len(parts) < 2:
        raise FieldError("a %%figure template needs a title, a line ---, a description "
                         "(and optionally another --- and its notes)")
    texts = [render(part, facts) for part in parts]
    take_notes()
    notes = [n for n in texts[2].split("\n\n") if n.strip()] if len(texts) > 2 else []
    return texts[0].replace("\n", ""), texts[1] or None, notes


def figure_magic(line: str, cell: str) -> None:
    """``%%figure 图1-1 chart frame``: draw the chart with the figure's words from the cell's template,
    its source line from the frame's sources and the frame as the figure's data table (``-`` for a figure
    the report does not number). A chart that is None, or an empty frame (an edition with nothing to draw), draws nothing."""
    from IPython import get_ipython

    from .charts import figure
    args = line.split()
    if len(args) != 3:
        raise FieldError("write %%figure NUMBER CHART FRAME, e.g. %%figure 图1-1 chart fig_1_1 (NUMBER - for none)")
    names = get_ipython().user_ns
    number, chart_name, frame_name = args
    for name in (chart_name, frame_name, "ed"):
        if name not in names:
            raise FieldError(f"%%figure names '{name}', which the notebook has not defined")
    if names[chart_name] is None or len(names[frame_name]) == 0:   # nothing to draw in this edition; the text says so
        return
    title, description, notes = figure_texts(cell, names)
    frame = names[frame_name]
    figure(None if number == "-" else number, title, names[chart_name], source=names["ed"].source_line(frame["source"]),
           data=frame, description=description, notes=notes)


def register(ipython) -> None:
    ipython.register_magic_function(report, "cell", "report")
    ipython.register_magic_function(figure_magic, "cell", "figure")
