"""The part of the value contract a long table's single ``value`` column cannot carry in Table Schema.

Checked on every observation row, after the schema checks of :mod:`ecreport.contract`:

* the unit: known, of the indicator's quantity for a level, % for a growth rate or a share;
* bounds declared per indicator and measure in ``indicators.csv`` (a count ≥ 0, a share within
  0–100 %, a growth rate ≥ −100 %); a share measure is always within 0–100 %;
* the vintage: a figure cannot be released before its period began (targets and forecasts can);
* a computed value (status ``computed``) names its inputs, and recomputing them gives the value;
* a value read from words or word order (``read_as``) quotes those words, as its source's excerpt writes them;
* a source's pages are on hosts classified in ``hosts.csv``, and its confidence follows from them: a copy on an
  unrelated or spam host makes it ``low``, a page read on an official host ``official``.
"""

from __future__ import annotations

import ast
import operator
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from . import units
from .errors import Problem

SHARE_BOUNDS = (0.0, 100.0)
AHEAD_OF_PERIOD = {"target", "forecast", "estimate"}     # may be released before the period they speak of
REFERENCE = re.compile(r"\{([^{}]+)\}")
QUOTE = re.compile(r"“([^”]+)”")


@dataclass(frozen=True)
class Bounds:
    level_min: float | None
    level_max: float | None
    growth_min: float | None


def _number(text: str) -> float | None:
    return float(text) if text not in ("", None) else None


def indicator_bounds(indicators: list[tuple[int, dict]]) -> dict[str, Bounds]:
    return {row["indicator"]: Bounds(_number(row["level_min"]), _number(row["level_max"]),
                                     _number(row["yoy_growth_min"])) for _, row in indicators}


def check_observation(row: dict, shown: str, row_no: int, indicator_unit: str, bounds: Bounds | None) -> list[Problem]:
    """Unit, bounds and vintage of one observation row whose cells already passed the schema."""
    problems = []
    unit, measure = row["unit"], row["measure"]
    if unit not in units.UNITS:
        return [Problem(shown, f"unknown unit '{unit}'", row_no, "unit", ", ".join(units.known_units()))]
    if measure == "level" and not units.convertible(unit, indicator_unit):
        same = [u.name for u in units.UNITS.values() if u.quantity == units.UNITS[indicator_unit].quantity]
        return [Problem(shown, f"unit '{unit}' cannot express indicator '{row['indicator']}' "
                               f"(measured in {indicator_unit})", row_no, "unit", ", ".join(same))]
    if measure != "level" and unit != "%":
        return [Problem(shown, f"a {measure} value is a percentage, not '{unit}'", row_no, "unit", "%")]
    value = float(row["value"])
    low, high = _bounds_of(measure, bounds)
    if measure == "level":
        value = units.convert(value, unit, indicator_unit)
    if (low is not None and value < low) or (high is not None and value > high):
        problems.append(Problem(shown, f"{row['value']} {unit} is impossible for {row['indicator']} ({measure})",
                                row_no, "value", _range_words(low, high, indicator_unit if measure == "level" else "%")
                                + " (bounds declared in indicators.csv)"))
    if "/" in row["period"] and row["period"][-2:] <= row["period"][5:7]:
        problems.append(Problem(shown, f"'{row['period']}' ends before it starts", row_no, "period",
                                "months of one year, the first before the last: 2026-01/02 for 1–2月"))
    if row["status"] not in AHEAD_OF_PERIOD and row["vintage"][:4] < row["period"][:4]:
        problems.append(Problem(shown, f"vintage {row['vintage']} is before the period {row['period']}", row_no,
                                "vintage", "the date the figure was released, not earlier than its period "
                                           "(a target or forecast may be)"))
    return problems


def _bounds_of(measure: str, bounds: Bounds | None) -> tuple[float | None, float | None]:
    if measure == "share":
        return SHARE_BOUNDS
    if bounds is None:
        return None, None
    if measure == "yoy_growth":
        return bounds.growth_min, None
    return bounds.level_min, bounds.level_max


def _range_words(low, high, unit: str) -> str:
    def fmt(x):
        return f"{x:g}"
    if low is not None and high is not None:
        return f"from {fmt(low)} to {fmt(high)} {unit}"
    if low is not None:
        return f"at least {fmt(low)} {unit}"
    return f"at most {fmt(high)} {unit}"


# -- computed values -------------------------------------------------------------------

_OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


class FormulaError(ValueError):
    pass


def parse_reference(text: str, dimensions: list[str]) -> tuple[str, str, dict, str]:
    """``{cbec_retail 2019 flow=进口 level}`` → indicator, period, dimensions, measure."""
    parts = text.split()
    if len(parts) < 2:
        raise FormulaError(f"'{{{text}}}' names no period: write {{indicator period [dimension=value …] [measure]}}")
    indicator, period, rest = parts[0], parts[1], parts[2:]
    dims, measure = {}, "level"
    for part in rest:
        if "=" in part:
            name, value = part.split("=", 1)
            if name not in dimensions:
                raise FormulaError(f"'{name}' is not a dimension of {indicator} "
                                   f"(valid: {', '.join(dimensions) or 'none'})")
            dims[name] = value
        else:
            measure = part
    return indicator, period, dims, measure


def evaluate(formula: str, lookup) -> float:
    """The value of a formula over references; ``lookup(reference_text)`` gives each input's value."""
    values = {}

    def substitute(match):
        name = f"_v{len(values)}"
        values[name] = lookup(match.group(1))
        return name

    expression = REFERENCE.sub(substitute, formula)
    try:
        tree = ast.parse(expression, mode="eval")
    except SyntaxError:
        raise FormulaError(f"'{formula}' is not a formula (valid: references in braces joined by + - * / and "
                           f"numbers, e.g. {{a 2019 level}} - {{a 2019 flow=进口 level}})") from None

    def walk(node):
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
            return _OPERATORS[type(node.op)](walk(node.left), walk(node.right))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -walk(node.operand)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return float(node.value)
        if isinstance(node, ast.Name) and node.id in values:
            return values[node.id]
        raise FormulaError(f"'{formula}' uses something other than references, numbers and + - * /")

    if not values:
        raise FormulaError(f"'{formula}' names no other value: write its inputs in braces")
    return walk(tree)


def agrees(computed: float, written: str) -> bool:
    """A computed value agrees with the value written in the data when they round alike."""
    decimals = units.decimals_of(written)
    return abs(round(computed, decimals) - float(written)) < 0.5 * 10 ** -decimals + 1e-9


# -- values read from words ---------------------------------------------------------------

def quoted_words(note: str) -> list[str]:
    return QUOTE.findall(note or "")


# -- citations -------------------------------------------------------------------------------

LINKED_CLASSES = {"official", "media", "industry", "aggregator"}   # never spam
CONFIDENCE_OF_PAGE = {"official": "official", "media": "secondary", "industry": "secondary",
                      "aggregator": "secondary", "spam": "low"}


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def check_citations(sources: list[tuple[int, dict]], shown: str, hosts: dict[str, str], hosts_file: str) -> list[Problem]:
    """Every page of a source is on a classified host, and its confidence is what its pages make it."""
    problems = []
    for row_no, row in sources:
        classes = {}
        for column in ("url", "read_at"):
            if not row[column]:
                continue
            host = host_of(row[column])
            if not host or not row[column].startswith(("http://", "https://")):
                problems.append(Problem(shown, f"'{row[column]}' is not a web address", row_no, column,
                                        "a URL starting with http:// or https://"))
            elif host not in hosts:
                problems.append(Problem(shown, f"the host {host} is not classified", row_no, column,
                                        f"a row for {host} in {hosts_file}: official, media, industry, aggregator or spam"))
            else:
                classes[column] = hosts[host]
        if row["url"] and classes.get("url") == "spam":
            problems.append(Problem(shown, f"url is on {host_of(row['url'])}, a host classed spam, which is never a "
                                           "publisher's own page", row_no, "url",
                                    "the publisher's page in url; a copy on another site in read_at"))
        read = classes.get("read_at") or classes.get("url")
        expected = "report" if read is None and row["confidence"] == "report" else CONFIDENCE_OF_PAGE.get(read)
        if read is None and not (row["url"] or row["read_at"]) and row["confidence"] != "report":
            problems.append(Problem(shown, "names no page the figures were read on", row_no, "read_at",
                                    "the URL of the page read (url for the publisher's own page, read_at for a copy)"))
        elif expected and row["confidence"] != expected:
            where = f"{host_of(row['read_at'] or row['url'])} ({read})" if read else "the printed report"
            problems.append(Problem(shown, f"confidence is '{row['confidence']}', but the figures were read on {where}",
                                    row_no, "confidence", expected))
    return problems
