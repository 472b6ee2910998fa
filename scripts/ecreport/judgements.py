"""The report's judgements as rules on the data.

The report judges as well as counts: 电子商务交易额 "从高速增长期进入到稳定发展期(<20%)", 快递
"有小批量趋势", 电子支付 "基本稳定". Each judgement is a rule in ``data/judgements.csv``: what it
looks at, the test, its threshold, the words when it holds and when it does not, and how the
threshold was read from the report's own usage. ``data/report_judgements.csv`` records the words
the printed report used, and where.

An edition applies the rules to its own year. The 2017 edition keeps the report's words, with a
note wherever the rule, applied to the data, disagrees with them.

Tests (column ``test``):

``below`` / ``at_least``   the value is below / at least the threshold
``within``                 its size is at most the threshold (a change of a few per cent is 基本稳定)
``below_other``            the value is below the other indicator's value for the same period (or another part
                           of the same indicator: ``other_dimension``, e.g. exports against imports)
``near_other``             it differs from the other indicator's value by at most the threshold
``above_year_before``      it is higher than the same period a year before
``below_year_before``      it is lower than the same period a year before
``times_last_year``        it is at least the threshold times the whole year before's value (a quarter of
                           2018 against 2017: 93.15 % is 远高于 44.32 %)
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .notes import Note, register_notes

TESTS = ("below", "at_least", "within", "below_other", "near_other", "above_year_before", "below_year_before",
         "times_last_year")


@dataclass(frozen=True)
class Judgement:
    """The words an edition uses for one judgement, with the rule's verdict (``holds``) and any note.

    A judgement is always true in a template's ``<% if %>``: ``ed.judge`` gives None where the data lacks
    what the rule looks at, and ``.holds`` tells which words it chose."""

    words: str
    holds: bool
    rule: str
    notes: tuple = ()
    condition: str = ""     # the threshold as the report writes it beside its words: <20%, ≥20% …
    threshold: str = ""     # the threshold alone: 20%

    def __format__(self, spec: str) -> str:
        return self.words + register_notes(self.notes)

    def __str__(self) -> str:
        return self.__format__("")


@dataclass(frozen=True)
class Since:
    """The year from which a judgement has held, year after year (the report's year in the 2017 edition)."""

    year: int
    notes: tuple = ()

    def __format__(self, spec: str) -> str:
        return str(self.year) + register_notes(self.notes)

    def __str__(self) -> str:
        return self.__format__("")


def _year_before(period: str) -> str:
    return f"{int(period[:4]) - 1}{period[4:]}"


def _value(edition, indicator: str, measure: str, period: str, dims: dict):
    if measure == "yoy_growth":
        return edition.growth(indicator, period, **dims)
    return edition.value(indicator, period, measure, **dims)


def _parts(text) -> dict:
    return dict(part.split("=", 1) for part in str(text or "").split(";") if part)


def verdict(edition, rule: pd.Series, period: str, dims: dict) -> bool | None:
    """Whether the rule holds for the period (None where the data lacks what it looks at)."""
    dims = {**_parts(rule.get("dimension")), **dims}
    value = _value(edition, rule["indicator"], rule["measure"], period, dims)
    if value is None:
        return None
    threshold = float(rule["threshold"]) if rule["threshold"] not in ("", None) else None
    test = rule["test"]
    if test == "below":
        return value.rounded() < threshold
    if test == "at_least":
        return value.rounded() >= threshold
    if test == "within":
        return abs(value.rounded()) <= threshold
    if test in ("above_year_before", "below_year_before"):
        before = _value(edition, rule["indicator"], rule["measure"], _year_before(period), dims)
        if before is None:
            return None
        return value.rounded() > before.rounded() if test == "above_year_before" else value.rounded() < before.rounded()
    if test == "times_last_year":
        last_year = _value(edition, rule["indicator"], rule["measure"], str(int(period[:4]) - 1), dims)
        if last_year is None:
            return None
        return last_year.rounded() > 0 and value.rounded() >= threshold * last_year.rounded()
    other_dims = {**dims, **_parts(rule.get("other_dimension"))}
    other = _value(edition, rule["other_indicator"] or rule["indicator"], rule["other_measure"] or rule["measure"],
                   period, other_dims)
    if other is None:
        return None
    if test == "below_other":
        return value.rounded() < other.rounded()
    return abs(value.rounded() - other.rounded()) <= threshold


def judge(edition, rule_id: str, period=None, **dims) -> Judgement | None:
    """The words for a judgement in this edition; None where the data lacks what the rule looks at."""
    rules = edition.table("judgements").set_index("rule")
    rule = rules.loc[rule_id]
    period = str(period if period is not None else edition.year)
    holds = verdict(edition, rule, period, dims)
    said = _report_words(edition, rule_id, period, dims) if edition.is_original else None
    if holds is None:
        return Judgement(said, True, rule_id) if said else None
    by_rule = rule["holds"] if holds else rule["fails"]
    if said is None or said == by_rule:
        return Judgement(by_rule, holds, rule_id, (), condition(rule, holds), condition(rule, holds, sign=False))
    note = Note(f"报告原文作“{said}”；按本书的规则（{rule['basis']}），本书数据应作“{by_rule}”。", "judgement")
    reported = said == rule["holds"]
    return Judgement(said, reported, rule_id, (note,), condition(rule, reported), condition(rule, reported, sign=False))


def condition(rule: pd.Series, holds: bool, sign: bool = True) -> str:
    """The rule's threshold as the report writes it beside its words, e.g. (<20%); without the sign, 20%."""
    if rule["threshold"] in ("", None):
        return ""
    threshold = f"{float(rule['threshold']):g}"
    unit = {"near_other": "个百分点", "times_last_year": "倍"}.get(rule["test"], "%" if rule["measure"] != "level" else "")
    signs = {"below": ("<", "≥"), "at_least": ("≥", "<"), "within": ("≤", ">"), "near_other": ("≤", ">"),
             "times_last_year": ("≥", "<")}
    mark = signs.get(rule["test"], ("", ""))[0 if holds else 1] if sign else ""
    return f"{mark}{threshold}{unit}"


def holds_since(edition, rule_id: str, year: int) -> Since | None:
    """The first year of the run of years, up to ``year``, in which the rule holds on the data; in the
    2017 edition the year the report gives, with a note where the data starts the run elsewhere."""
    rule = edition.table("judgements").set_index("rule").loc[rule_id]
    since = None
    for y in range(year, year - 50, -1):
        if verdict(edition, rule, str(y), {}) is not True:
            break
        since = y
    said = _report_row(edition, rule_id, str(year), {}) if edition.is_original else None
    if said is None or not said.get("since"):
        return Since(since) if since is not None else None
    reported = int(said["since"])
    if since == reported:
        return Since(reported)
    data = f"本书数据自{since}年起即为“{rule['holds']}”" if since else f"本书数据{year}年不属“{rule['holds']}”"
    note = Note(f"报告原文作“从{reported}年开始”；按本书的规则（{rule['basis']}），{data}。", "judgement")
    return Since(reported, (note,))


def _report_row(edition, rule_id: str, period: str, dims: dict) -> dict | None:
    """The report's own judgement for the rule, period and part, as report_judgements.csv records it."""
    if "report_judgements" not in edition.data.tables:
        return None
    said = edition.table("report_judgements")
    dimension = ";".join(f"{k}={v}" for k, v in sorted(dims.items()) if v)
    rows = said[(said["rule"] == rule_id) & (said["period"] == period) & (said["dimension"] == dimension)]
    return rows.iloc[0].to_dict() if not rows.empty else None


def _report_words(edition, rule_id: str, period: str, dims: dict) -> str | None:
    row = _report_row(edition, rule_id, period, dims)
    return row["words"] if row else None
