"""Units as the report writes them, conversions between them, and Chinese
number wording (增长/下降, 百分点, 倍).

Values in ``data/`` keep the unit their source printed; code converts, data is
never edited to change a unit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    name: str
    quantity: str      # what it measures; only units of one quantity convert
    factor: float      # size of one unit in the quantity's base unit
    display_decimals: int  # most decimals shown by default


_UNITS = [
    # money, base 亿元
    Unit("元", "money", 1e-8, 0),
    Unit("万元", "money", 1e-4, 0),
    Unit("亿元", "money", 1.0, 1),
    Unit("万亿元", "money", 1e4, 2),
    Unit("billion yuan", "money", 10.0, 2),
    Unit("trillion yuan", "money", 1e4, 2),
    # parcels, base 亿件
    Unit("万件", "parcels", 1e-4, 0),
    Unit("亿件", "parcels", 1.0, 1),
    Unit("billion parcels", "parcels", 10.0, 2),
    # payment transactions, base 亿笔
    Unit("万笔", "transactions", 1e-4, 0),
    Unit("亿笔", "transactions", 1.0, 2),
    Unit("万亿笔", "transactions", 1e4, 2),
    # counts
    Unit("家", "organisations", 1.0, 0),
    Unit("万家", "organisations", 1e4, 1),
    Unit("万户", "organisations", 1e4, 1),
    Unit("个", "items", 1.0, 0),
    Unit("万个", "items", 1e4, 2),
    Unit("份", "documents", 1.0, 0),
    Unit("条", "clauses", 1.0, 0),
    Unit("台", "devices", 1.0, 0),
    Unit("万台", "devices", 1e4, 0),
    Unit("件", "filings", 1.0, 0),
    Unit("项", "patents", 1.0, 0),
    Unit("万项", "patents", 1e4, 1),
    Unit("起", "events", 1.0, 0),
    Unit("届", "rounds", 1.0, 0),
    Unit("次", "times", 1.0, 0),
    Unit("亿次", "times", 1e8, 1),
    Unit("人", "people", 1.0, 0),
    Unit("万人", "people", 1e4, 1),
    Unit("万名", "people", 1e4, 1),
    Unit("亿人", "people", 1e8, 2),
    Unit("billion people", "people", 1e9, 3),
    Unit("万人次", "person_times", 1.0, 0),
    # ratios
    Unit("%", "percent", 1.0, 1),
    Unit("百分点", "percentage_points", 1.0, 1),
    Unit("倍", "multiple", 1.0, 1),
    Unit("个基点", "basis_points", 1.0, 0),
]
UNITS: dict[str, Unit] = {u.name: u for u in _UNITS}


def known_units() -> list[str]:
    return list(UNITS)


def convertible(source: str, target: str) -> bool:
    return (source in UNITS and target in UNITS
            and UNITS[source].quantity == UNITS[target].quantity)


def convert(value: float, source: str, target: str) -> float:
    if source == target:
        return value
    if not convertible(source, target):
        raise ValueError(f"cannot convert {source} to {target}")
    return value * UNITS[source].factor / UNITS[target].factor


def converted_decimals(decimals: int, source: str, target: str) -> int:
    """Decimals a converted value can honestly show, capped by the target's default."""
    if source == target:
        return decimals
    shift = round(math.log10(UNITS[target].factor / UNITS[source].factor))
    return max(0, min(decimals + shift, UNITS[target].display_decimals))


def number(value: float, decimals: int) -> str:
    """A number as Chinese text writes it: no thousands separator below 10 000
    is needed, and the report writes large amounts without one (71751亿元)."""
    if decimals < 0:
        decimals = 0
    text = f"{value:.{decimals}f}"
    if text.startswith("-0") and float(text) == 0:
        text = text[1:]
    return text


def amount(value: float, unit: str, decimals: int) -> str:
    return f"{number(value, decimals)}{unit}"


def change_word(growth: float, up: str = "增长", down: str = "下降") -> str:
    """增长12.3% or 下降28.7% (the sign turns into a word)."""
    return up if growth >= 0 else down


def decimals_of(text: str) -> int:
    """Decimals as written in a data file: '28' -> 0, '28.0' -> 1."""
    text = text.strip()
    if "e" in text.lower():
        return 2
    return len(text.split(".", 1)[1]) if "." in text else 0


_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int | str) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 89 -> 八十九 (for 第X章, 第X条)."""
    n = int(n)
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    text = ("" if tens == 1 else _DIGITS[tens]) + "十" if tens else ""
    return text + (_DIGITS[ones] if ones else "")


def count_words(n: int | str) -> str:
    """A count as Chinese writes it before a measure word: 2 -> 两 (两节), 7 -> 七 (七章)."""
    return "两" if int(n) == 2 else chinese_numeral(n)


def round_words(fact) -> str:
    """A round figure as the report writes it after 上/超/近 (上百亿元, 上万个): 100亿元 → 百亿元, 1万个 → 万个;
    any other figure, or one with a note, as the fact prints itself."""
    words = {1: "", 10: "十", 100: "百", 1000: "千"}
    return f"{words[fact.value]}{fact.unit}" if fact.value in words and not fact.notes else format(fact)


def year_runs(years) -> str:
    """['2007', …, '2016'] -> 2007—2016年; gaps give several runs (2007—2010、2012年)."""
    ints, runs = sorted({int(str(y)[:4]) for y in years}), []
    for y in ints:
        if runs and y == runs[-1][1] + 1:
            runs[-1][1] = y
        else:
            runs.append([y, y])
    return "、".join(f"{a}" if a == b else f"{a}—{b}" for a, b in runs) + "年"


def date_words(date: str) -> str:
    """2018-08-31 -> 2018年8月31日; 2018-08 -> 2018年8月; 2018 -> 2018年."""
    parts = str(date).split("-")
    words = f"{parts[0]}年"
    if len(parts) > 1:
        words += f"{int(parts[1])}月"
    if len(parts) > 2:
        words += f"{int(parts[2])}日"
    return words


def edition_title(year: int) -> str:
    """2017 -> 2017–2018: an edition covers its report year and the first half of the next."""
    return f"{year}–{year + 1}"
