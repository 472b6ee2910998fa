"""Is a data value in its source's excerpt?

Each source in ``data/sources.csv`` keeps a verbatim ``excerpt`` of the page a
value was read from.  This module reads the numbers of an excerpt, each with
the unit written after it (:func:`quantities`), and says which of them, if any,
supports a value of ``data/`` (:func:`find_value`).  It is pure: no files, no
network; :func:`unsupported` applies it to rows and sources already read.

How an excerpt is read
----------------------
* Digits may be ASCII or full-width, with thousands separators
  (``1,207.4 billion``, ``1 395.61亿笔``).  English number words are read only
  before a magnitude or ``percent`` (``seven trillion yuan``).
* Chinese and Japanese magnitudes: 万/萬, 亿/億, 万亿/萬億, 兆 (= 万亿), 千万 …, and
  compounds of them (``1兆4033億5千万元`` = 14033.5亿元, ``277億6000万件``);
  English ``thousand``/``million``/``billion``/``trillion``.
* The unit is the base word after the magnitude, with or without a space:
  元 (also ``yuan``, ``RMB``, ``CNY`` and a ``¥``/``RMB`` before the number),
  件 (``parcels``, ``pieces``, ``packages``), 笔/筆, 家, 个/個, 人 …, %
  (``percent``, ``per cent``, ``-percent``), 个百分点, 个基点, 倍.  Only units of
  :data:`ecreport.units.UNITS` are produced; the excerpt-only words above stay
  in this module.  Amounts in US dollars (``$1.31 trillion``, ``194.1 billion
  U.S. dollars``) are skipped, and so are numbers inside names (P2P, B2C) and
  Korean numbers (``2조1천억``).
* A magnitude with no base word after it (``7.31亿`` people in CNNIC, ``2539.7万亿``
  in a PBoC table, ``63.52 billion`` parcels) is a *bare magnitude*: its
  ``unit`` is None and ``magnitude`` says its size (1e8 for 亿).  It can support
  a value in any count or money unit: ``7.31亿`` supports 7.31 亿人 and 7.31亿件
  alike, never a percentage.  The excerpt is trusted to talk about the row's
  quantity; that is what "the value is in the excerpt" can check.
* A number with neither unit nor magnitude is a *bare number* (a table
  column).  It supports a value only as written: ``26.6`` supports "26.6",
  not "26.60" nor "27".
* Dates are not quantities: a number followed by 年/月/日/号, ranges such as
  ``1-6月``, ``2019-03``, ``March 2``, and a bare four-digit integer from 1900 to
  2100 (``In 2019,``) are left out.

Signs
-----
``negative`` is set by a minus sign just before the number, by falling wording
(下降, 减少, 下滑, 回落, 降低, fell, dropped, decline, down, a decrease of …) as
the nearest direction word before the number in its clause (clauses end at
，,;；。 etc.; 、 and 和 do not end one, so in 同比分别下降42.58%和48.56% both
numbers fall; brackets end one too), or by a Japanese 減 just after it.  Falling wording followed by
至/到/为/to (下降至1883家, fell to) names the level reached and is not a sign.

When a quantity supports a value
--------------------------------
* Same quantity only: the excerpt's number is converted to the row's unit
  through :func:`ecreport.units.convert`.
* Rounded: the converted number, rounded to the row value's decimals, equals
  the row value (108042亿元 supports 10.8 万亿元; 1.4万亿元 does not support
  14033.5 亿元).  A tie (…5) is accepted rounded either way.
* Never more digits than the excerpt: the row value's significant digits must
  not exceed the excerpt number's.  Digits are counted as science counts them:
  leading zeros never count, zeros after the decimal point always count
  ("28.0" has three digits, "0.80" two), trailing zeros of a whole number do
  not ("5700" has two, "1800億" two).  So "7.2%" supports neither "7.20" nor
  "7.23", "28%" does not support "28.0", and "570 billion yuan" supports
  "5700" 亿元.  A value written exactly as the excerpt writes it always passes.
* Percentages (measure ``yoy_growth`` or ``share``, or a value in % or 百分点)
  need the sign to agree both ways: a negative value needs a negative quantity
  and a positive value must not be read from a negative one.  Other levels only
  need a negative value to come from a negative quantity (平台数量减少了7家 is
  still 7家).
"""

from __future__ import annotations

import bisect
import dataclasses
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Mapping

from ecreport.units import UNITS, convertible

__all__ = ["Quantity", "quantities", "find_value", "outside_sources", "unsupported"]


@dataclass(frozen=True)
class Quantity:
    """One number read from an excerpt, with its unit."""

    value: float            # in the unit below (or times ``magnitude`` when unit is None)
    unit: str | None        # a name of ecreport.units.UNITS, or None
    text: str               # the excerpt text it was read from
    span: tuple[int, int]   # where ``text`` is in the excerpt
    significant: int        # significant digits the excerpt wrote
    negative: bool          # minus sign or falling wording
    magnitude: float = 1.0  # a bare 亿/万/万亿/billion … with no base word: its size

    @property
    def bare(self) -> bool:
        """A number with neither unit nor magnitude (a table column)."""
        return self.unit is None and self.magnitude == 1.0


# --------------------------------------------------------------------------
# Vocabulary of excerpts (kept here: none of it is a unit of the data)

_TRANSLATE = str.maketrans({
    **{chr(0xFF10 + i): str(i) for i in range(10)},
    "．": ".", "％": "%", "−": "-", "－": "-", "\u3000": " ", "￥": "¥",
})

# Chinese/Japanese multipliers, longest first
_CN_MULT = [
    ("千万亿", Decimal(10) ** 15), ("千萬億", Decimal(10) ** 15),
    ("万亿", Decimal(10) ** 12), ("萬億", Decimal(10) ** 12), ("兆", Decimal(10) ** 12),
    ("千亿", Decimal(10) ** 11), ("千億", Decimal(10) ** 11),
    ("百亿", Decimal(10) ** 10), ("百億", Decimal(10) ** 10),
    ("亿", Decimal(10) ** 8), ("億", Decimal(10) ** 8),
    ("千万", Decimal(10) ** 7), ("千萬", Decimal(10) ** 7),
    ("百万", Decimal(10) ** 6), ("百萬", Decimal(10) ** 6),
    ("万", Decimal(10) ** 4), ("萬", Decimal(10) ** 4),
    ("千", Decimal(10) ** 3),
]
_EN_MULT = {"thousand": Decimal(10) ** 3, "million": Decimal(10) ** 6,
            "billion": Decimal(10) ** 9, "trillion": Decimal(10) ** 12}
_MAG_PREFIX = {Decimal(10) ** 12: "万亿", Decimal(10) ** 8: "亿", Decimal(10) ** 4: "万",
               Decimal(1): ""}
_EN_PREFIX = {Decimal(10) ** 12: "trillion ", Decimal(10) ** 9: "billion "}

# units written after a number, longest first: (written, UNITS name)
_RATIO_WORDS = [
    ("个百分点", "百分点"), ("個百分點", "百分点"), ("个百分點", "百分点"),
    ("百分点", "百分点"), ("百分點", "百分点"),
    ("个基点", "个基点"), ("個基點", "个基点"), ("基点", "个基点"), ("基點", "个基点"),
    ("%", "%"), ("倍", "倍"),
]
_EN_RATIO = re.compile(
    r"(?:\s*-\s*|\s*)(percentage points?|basis points?|per\s?cent|percent|pct)\b", re.I)
_EN_RATIO_UNIT = {"percentage point": "百分点", "basis point": "个基点"}

# Chinese base words (magnitude allowed before them): written -> base
_CN_BASE = [
    ("人民币", "元"), ("人民幣", "元"), ("元", "元"), ("人次", "人次"),
    ("件", "件"), ("笔", "笔"), ("筆", "笔"), ("家", "家"), ("户", "户"), ("戶", "户"),
    ("个", "个"), ("個", "个"), ("份", "份"), ("条", "条"), ("條", "条"), ("台", "台"),
    ("项", "项"), ("項", "项"), ("起", "起"), ("届", "届"), ("屆", "届"), ("次", "次"),
    ("人", "人"), ("名", "名"),
]
# English base words after a magnitude: word -> (English unit word, Chinese base)
_EN_BASE = re.compile(
    r"\s*(yuan|rmb|renminbi|cny|parcels|packages|pieces|express parcels|transactions|orders)\b",
    re.I)
_EN_BASE_UNIT = {"yuan": ("yuan", "元"), "rmb": ("yuan", "元"), "renminbi": ("yuan", "元"),
                 "cny": ("yuan", "元"), "parcels": ("parcels", "件"),
                 "packages": ("parcels", "件"), "pieces": ("parcels", "件"),
                 "express parcels": ("parcels", "件"), "transactions": ("transactions", "笔"),
                 "orders": ("transactions", "笔")}
_EN_MAGNITUDE = re.compile(r"[\s-]*(thousand|million|billion|trillion)\b", re.I)
_DOLLARS_AFTER = re.compile(r"\s*(?:u\.?s\.?\s*)?(?:dollars?|usd)\b", re.I)
_DOLLAR_BEFORE = re.compile(r"(?:us|u\.s\.)?\s*\$\s*$", re.I)
_YUAN_BEFORE = re.compile(r"(?:¥|rmb|cny|人民币|人民幣)\s*$", re.I)

_WORD_NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split())}

_NUMERAL = re.compile(
    r"(?<![\d.])(?:\d{1,3}(?:(?:,|[ \u00a0\u2009\u202f])\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?)")
_WORD_NUMERAL = re.compile(
    r"\b(" + "|".join(_WORD_NUMBERS) + r")(?=[\s-]+(?:thousand|million|billion|trillion|percent|per cent)\b)",
    re.I)

_MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DATES = re.compile(
    r"\d+\s*[-—–~～至到]\s*\d+\s*(?:年|月|日)"            # 1-6月, 2025-2027年
    r"|\d{4}\s*[-/]\s*\d{1,2}(?:\s*[-/]\s*\d{1,2})?(?![\d.])"  # 2019-03, 2018/08/31
    r"|\d+\s*(?:年|月|日|号|號)"                          # 2018年, 1月, 137号
    r"|\b" + _MONTHS + r"\s+\d{1,2}(?:st|nd|rd|th)?\b"   # March 2
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTHS + r"\b",   # 2 March
    re.I)

_FALLING_CN = ["负增长", "負增長", "下降", "减少", "減少", "下滑", "回落", "降低", "下跌", "萎缩",
               "萎縮", "减", "減", "降", "跌"]
_RISING_CN = ["增长", "增長", "增加", "上升", "提升", "提高", "加快", "上涨", "上漲", "高出", "高于",
              "高於", "增", "増", "升", "涨", "漲"]
_FALLING_EN = ["fell", "fall", "falls", "falling", "decreased", "decrease", "decreases",
               "decreasing", "declined", "decline", "declines", "declining", "down",
               "dropped", "drop", "drops", "dipped", "dip", "dips", "slid", "shrank", "shrunk",
               "contracted", "slumped", "plunged"]
_RISING_EN = ["up", "rose", "rise", "rises", "risen", "rising", "grew", "grow", "grows",
              "growth", "growing", "increased", "increase", "increases", "increasing",
              "surged", "surge", "rocketed", "climbed", "hiked", "jumped", "soared", "gained",
              "expanded", "higher"]
_DIRECTION = re.compile(
    "|".join(sorted(map(re.escape, _FALLING_CN + _RISING_CN), key=len, reverse=True))
    + r"|(?<![A-Za-z])(?:" + "|".join(sorted(_FALLING_EN + _RISING_EN, key=len, reverse=True))
    + r")(?![A-Za-z])", re.I)
_FALLING = set(_FALLING_CN) | set(_FALLING_EN)
_LEVEL_REACHED = re.compile(r"至|到|为|為|\bto\b", re.I)
_CLAUSE_END = set("。；;，,！？!?:：\n|…()（）")

_NON_COUNT = {"percent", "percentage_points", "multiple", "basis_points"}
_PERCENT_LIKE = {"percent", "percentage_points"}


# --------------------------------------------------------------------------
# Digits

def _significant(digits: str, decimals: int) -> int:
    """Significant digits of a number written as ``digits`` (no sign, no point)
    with ``decimals`` of them after the point."""
    body = digits.lstrip("0")
    if not body:
        return 1
    if decimals == 0:
        body = body.rstrip("0")
    return len(body)


def _written(text: str) -> tuple[Decimal, int, int]:
    """A number as written: value, decimals, significant digits."""
    text = text.strip().lstrip("+-")
    for sep in ", \u00a0\u2009\u202f":
        text = text.replace(sep, "")
    whole, _, frac = text.partition(".")
    return Decimal(text), len(frac), _significant(whole + frac, len(frac))


def _names_magnitude(name: str) -> Decimal:
    """How many base words one unit of ``name`` is: 亿元 -> 1e8, billion yuan -> 1e9."""
    for prefix, size in (("万亿", 10 ** 12), ("亿", 10 ** 8), ("万", 10 ** 4),
                         ("trillion ", 10 ** 12), ("billion ", 10 ** 9)):
        if name.startswith(prefix) and name != prefix:
            return Decimal(size)
    return Decimal(1)


def _base_of(name: str) -> str:
    for prefix in ("万亿", "亿", "万", "trillion ", "billion "):
        if name.startswith(prefix) and name != prefix:
            return name[len(prefix):]
    return name


def _ratio(source: str, target: str) -> Decimal:
    """Exact factor from ``source`` to ``target`` (units factors are powers of ten)."""
    ratio = UNITS[source].factor / UNITS[target].factor
    exponent = round(math.log10(ratio))
    if math.isclose(ratio, 10.0 ** exponent, rel_tol=1e-9):
        return Decimal(10) ** exponent
    return Decimal(repr(ratio))


def _unit_for(things: Decimal, base: str, magnitudes: list[Decimal],
              english: str | None = None) -> tuple[str, Decimal] | None:
    """The UNITS name for ``things`` base words, and the value in it: the unit
    as written if the data knows it, else one of the base word's family."""
    candidates = []
    for size in magnitudes:
        if english and size in _EN_PREFIX:
            candidates.append((_EN_PREFIX[size] + english, size))
        if size in _MAG_PREFIX:
            candidates.append((_MAG_PREFIX[size] + base, size))
    for name, size in candidates:
        if name in UNITS:
            return name, things / size
    family = [(_MAG_PREFIX[s] + base, s) for s in sorted(_MAG_PREFIX, reverse=True)
              if _MAG_PREFIX[s] + base in UNITS]
    for name, size in family:
        if things / size >= 1:
            return name, things / size
    if family:
        return family[-1][0], things / family[-1][1]
    return None


# --------------------------------------------------------------------------
# Reading an excerpt

def _match_at(text: str, pos: int, words) -> tuple[str, str] | None:
    for written, name in words:
        if text.startswith(written, pos):
            return written, name
    return None


def _multiplier(text: str, pos: int) -> tuple[str, Decimal] | None:
    for written, size in _CN_MULT:
        if text.startswith(written, pos):
            if written == "千" and text.startswith(("千米", "千克"), pos):
                return None
            return written, size
    return None


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \u00a0\t":
        pos += 1
    return pos


def _date_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _DATES.finditer(text)]


def _in_spans(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


@dataclass
class _Read:
    start: int
    end: int
    significant: int
    unit: str | None
    value: Decimal
    magnitude: Decimal
    dollars: bool = False


def _read_number(text: str, m: re.Match) -> _Read | None:
    start = m.start()
    if m.re is _WORD_NUMERAL:
        digits, decimals = str(_WORD_NUMBERS[m.group(1).lower()]), 0
        value = Decimal(digits)
        significant = len(digits.rstrip("0")) or 1
    else:
        value, decimals, significant = _written(m.group(0))
    pos = m.end()

    # Chinese/Japanese magnitudes and compounds: 1兆4033億5千万元
    mult = _multiplier(text, _skip_space(text, pos))
    terms: list[tuple[Decimal, int, Decimal]] = []
    if mult:
        terms.append((value, decimals, mult[1]))
        pos = _skip_space(text, pos) + len(mult[0])
        while True:
            nxt = _NUMERAL.match(text, pos)
            if not nxt or "," in nxt.group(0) or " " in nxt.group(0):
                break
            following = _multiplier(text, nxt.end())
            if not following or following[1] >= terms[-1][2]:
                break
            v, d, _ = _written(nxt.group(0))
            terms.append((v, d, following[1]))
            pos = nxt.end() + len(following[0])
        things = sum(v * size for v, _, size in terms)
        last_v, last_d, last_size = terms[-1]
        place = last_size * Decimal(10) ** -last_d
        lowest = (things / place).to_integral_value()
        significant = _significant(str(lowest), last_d) if len(terms) > 1 else significant
        magnitudes = [size for _, _, size in terms]
        after = _skip_space(text, pos)
        if text.startswith(("%", "個百分", "个百分", "倍"), after):
            return None                                   # not a magnitude then
        base = _match_at(text, after, _CN_BASE)
        if base:
            found = _unit_for(things, base[1], magnitudes)
            if found:
                return _Read(start, after + len(base[0]), significant, found[0], found[1],
                             Decimal(1))
        return _Read(start, pos, significant, None, things / magnitudes[0], magnitudes[0])

    # English magnitude: 1.24 trillion yuan, 63.52 billion
    en = _EN_MAGNITUDE.match(text, pos)
    if en:
        size = _EN_MULT[en.group(1).lower()]
        things = value * size
        pos = en.end()
        if _DOLLARS_AFTER.match(text, pos):
            return _Read(start, _DOLLARS_AFTER.match(text, pos).end(), significant,
                         None, value, size, dollars=True)
        base = _EN_BASE.match(text, pos)
        if base:
            english, cn = _EN_BASE_UNIT[base.group(1).lower()]
            found = _unit_for(things, cn, [size], english)
            if found:
                return _Read(start, base.end(), significant, found[0], found[1], Decimal(1))
        if _YUAN_BEFORE.search(text[:start]):
            found = _unit_for(things, "元", [size], "yuan")
            return _Read(start, pos, significant, found[0], found[1], Decimal(1))
        return _Read(start, pos, significant, None, value, size)

    after = _skip_space(text, pos)
    ratio = _match_at(text, after, _RATIO_WORDS)
    if ratio:
        return _Read(start, after + len(ratio[0]), significant, ratio[1], value, Decimal(1))
    en_ratio = _EN_RATIO.match(text, pos)
    if en_ratio:
        word = en_ratio.group(1).lower().rstrip("s")
        name = _EN_RATIO_UNIT.get(word, "%")
        return _Read(start, en_ratio.end(), significant, name, value, Decimal(1))
    base = _match_at(text, after, _CN_BASE)
    if base:
        found = _unit_for(value, base[1], [Decimal(1)])
        if found:
            return _Read(start, after + len(base[0]), significant, found[0], found[1],
                         Decimal(1))
    en_base = _EN_BASE.match(text, pos)
    if en_base:
        english, cn = _EN_BASE_UNIT[en_base.group(1).lower()]
        found = _unit_for(value, cn, [Decimal(1)])
        if found:
            return _Read(start, en_base.end(), significant, found[0], found[1], Decimal(1))
    if _DOLLARS_AFTER.match(text, pos):
        return _Read(start, pos, significant, None, value, Decimal(1), dollars=True)
    if _YUAN_BEFORE.search(text[:start]):
        return _Read(start, pos, significant, "元", value, Decimal(1))
    # a bare number: a four-digit year is not one
    if decimals == 0 and "," not in m.group(0) and re.fullmatch(r"(19|20)\d\d|2100", m.group(0)):
        return None
    return _Read(start, pos, significant, None, value, Decimal(1))


def _negative(text: str, start: int, end: int, numbers: list[tuple[int, int]]) -> bool:
    """A minus sign just before, falling wording before in the clause, or 減 after."""
    if start > 0 and text[start - 1] == "-" and not (
            start >= 2 and text[start - 2].isascii() and text[start - 2].isalnum()):
        return True
    after = _skip_space(text, end)
    if text.startswith(("減", "减"), after):
        return True
    if text.startswith(("増", "增"), after):
        return False
    # the clause before the number: back to a clause mark not inside a number
    begin = start
    while begin > 0:
        ch = text[begin - 1]
        if ch in _CLAUSE_END and not _inside(begin - 1, numbers):
            break
        if ch == "." and begin < len(text) and text[begin] == " ":
            break
        begin -= 1
    words = list(_DIRECTION.finditer(text, begin, start))
    if not words:
        return False
    last = words[-1]
    if last.group(0).lower() not in _FALLING:
        return False
    return not _LEVEL_REACHED.search(text, last.end(), start)


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    i = bisect.bisect_right(spans, (pos, math.inf)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def quantities(excerpt: str) -> list[Quantity]:
    """Every number of ``excerpt`` with the unit written after it, in order.

    Dates, years and amounts in US dollars are left out (see the module's
    docstring)."""
    text = (excerpt or "").translate(_TRANSLATE)
    dates = _date_spans(text)
    matches = sorted(list(_NUMERAL.finditer(text)) + list(_WORD_NUMERAL.finditer(text)),
                     key=lambda m: m.start())
    numbers = [m.span() for m in matches]
    found: list[Quantity] = []
    taken = 0
    for m in matches:
        if m.start() < taken or _in_spans(m.start(), dates):
            continue
        if (m.start() > 0 and text[m.start() - 1].isascii() and text[m.start() - 1].isalpha()
                and m.end() < len(text) and text[m.end()].isascii() and text[m.end()].isalpha()):
            continue                                      # a name: P2P, B2C, O2O
        if m.end() < len(text) and "\uac00" <= text[m.end()] <= "\ud7a3":
            taken = m.end()
            continue                                      # Korean (2조1천억): not read
        read = _read_number(text, m)
        if read is None:
            taken = m.end()
            continue
        taken = read.end
        if read.dollars or _DOLLAR_BEFORE.search(text[:read.start]):
            continue
        found.append(Quantity(
            value=float(read.value), unit=read.unit, text=excerpt[read.start:read.end],
            span=(read.start, read.end), significant=read.significant,
            negative=_negative(text, read.start, read.end, numbers),
            magnitude=float(read.magnitude)))
    return found


# --------------------------------------------------------------------------
# Does a quantity support a value?

def _percent_like(unit: str, measure: str) -> bool:
    return measure in ("yoy_growth", "share") or UNITS[unit].quantity in _PERCENT_LIKE


def _in_row_unit(q: Quantity, unit: str) -> tuple[Decimal, str] | None:
    """The quantity's number in the row's unit, and the unit to report it in."""
    if q.unit is not None:
        if not convertible(q.unit, unit):
            return None
        return Decimal(repr(q.value)) * _ratio(q.unit, unit), q.unit
    if q.magnitude == 1.0 or UNITS[unit].quantity in _NON_COUNT:
        return None
    size = Decimal(repr(q.magnitude))
    value = Decimal(repr(q.value)) * size / _names_magnitude(unit)
    base = _base_of(unit)
    chinese = "\u4e00" <= base[0] <= "\u9fff"
    prefix = (_MAG_PREFIX if chinese else _EN_PREFIX).get(size)
    named = prefix + base if prefix is not None else None
    if named in UNITS and convertible(named, unit):
        return value, named
    return value, unit


def _sign_agrees(row: Decimal, q: Quantity, percent: bool) -> bool:
    if row < 0:
        return q.negative
    if row > 0 and percent:
        return not q.negative
    return True


def _supports(q: Quantity, row: Decimal, text: str, decimals: int, significant: int,
              unit: str, percent: bool, digits: bool) -> Quantity | None:
    if not _sign_agrees(row, q, percent):
        return None
    if q.bare:
        written = q.text.translate(_TRANSLATE)
        for sep in ", \u00a0\u2009\u202f":
            written = written.replace(sep, "")
        return q if written == text.lstrip("+-") else None
    converted = _in_row_unit(q, unit)
    if converted is None:
        return None
    value, named = converted
    if abs(value - abs(row)) > Decimal(5) * Decimal(10) ** -(decimals + 1):
        return None
    if digits and significant > q.significant:
        return None
    if q.unit is None:                       # a bare magnitude, now named
        shown = value if named == unit else value * _ratio(unit, named)
        return dataclasses.replace(q, unit=named, value=float(shown), magnitude=1.0)
    return q


def find_value(value: str, unit: str, measure: str, excerpt: str, *,
               digits: bool = True) -> Quantity | None:
    """The quantity of the excerpt that supports a data value, or None.

    ``value`` as the CSV writes it (e.g. "29.16"), ``unit`` a UNITS name,
    ``measure`` "level", "yoy_growth" or "share".  A bare magnitude that
    supports the value comes back with the unit it names (``7.31亿`` for
    亿人 -> unit 亿人).  ``digits=False`` drops the rule that a value carries no
    more digits than its excerpt (to tell a value that is too precise from one
    that is absent)."""
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r}")
    text = str(value).strip()
    row = Decimal(text)
    _, decimals, significant = _written(text)
    percent = _percent_like(unit, measure)
    hits = [hit for q in quantities(excerpt)
            if (hit := _supports(q, row, text, decimals, significant, unit, percent,
                                 digits)) is not None]
    # the value as written before a rounded one; then a unit as written before
    # a bare magnitude, and a bare number last
    hits.sort(key=lambda q: (not _exactly(q, row, unit), q.bare, q.magnitude != 1.0))
    return hits[0] if hits else None


def _exactly(q: Quantity, row: Decimal, unit: str) -> bool:
    if q.unit is None:
        return True                               # only ever as written
    return Decimal(repr(q.value)) * _ratio(q.unit, unit) == abs(row)


# --------------------------------------------------------------------------
# Rows and sources

def outside_sources(source_cell: str, sources: Mapping[str, Mapping[str, str]]) -> list[str]:
    """The ids of a row's ``source`` cell whose confidence is not ``report``."""
    ids = [s.strip() for s in str(source_cell or "").split(";") if s.strip()]
    return [s for s in ids if s in sources and sources[s].get("confidence") != "report"]


def unsupported(rows: Iterable[Mapping[str, str]],
                sources: Mapping[str, Mapping[str, str]], *,
                digits: bool = True) -> list[Mapping[str, str]]:
    """Rows citing an outside source whose value is in none of the outside
    excerpts they cite.  Rows citing only the seed report are not checked; a
    row citing the report and an outside source is checked against the
    outside one."""
    missing = []
    for row in rows:
        ids = outside_sources(row.get("source", ""), sources)
        if not ids:
            continue
        if not any(find_value(row["value"], row["unit"], row.get("measure", "level"),
                              sources[s].get("excerpt", ""), digits=digits) for s in ids):
            missing.append(row)
    return missing
