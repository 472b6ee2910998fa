"""A value with its unit, period, source and notes, formatted the way the
report writes it.

Format specs used in chapter prose (``f"{fact:万亿元}"``):

``{x}``          value in its own unit, as precise as the source wrote it
``{x:万亿元}``    converted to 万亿元 (decimals follow the source, capped)
``{x:万亿元.1}``  converted, one decimal
``{x:.1}``       own unit, one decimal
``{x:增长}``      a growth rate as 增长12.3% / 下降28.7%
``{x:num}``      the bare number, no unit
``{x:数}``       same as num

A fact that carries a note (a discrepancy, a computed value, a preliminary
figure) adds a marker such as ①; :mod:`ecreport.narrative` prints the
notes under the paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from . import units
from .notes import Note, register_notes


@dataclass(frozen=True)
class Fact:
    value: float
    unit: str
    decimals: int
    indicator: str = ""
    period: str = ""
    measure: str = "level"
    dims: tuple = ()
    status: str = ""
    source: str = ""
    derived: bool = False
    notes: tuple = field(default=())
    note: str = ""        # the data row's own remark (other releases, rounding, scope)

    @property
    def approximate(self) -> str:
        """约 where the source gives the value as an approximate figure (its data row's note says 约数)."""
        return "约" if "约数" in self.note else ""

    @property
    def qualifier(self) -> str:
        """The word the report puts before such a value: 超过 (lower bound), 预计 (estimate, forecast)."""
        return {"lower_bound": "超过", "estimate": "预计", "forecast": "预计"}.get(self.status, "")

    # -- conversions ---------------------------------------------------------
    def to(self, unit: str, decimals: int | None = None) -> "Fact":
        if unit == self.unit:
            return self if decimals is None else replace(self, decimals=decimals)
        value = units.convert(self.value, self.unit, unit)
        if decimals is None:
            decimals = units.converted_decimals(self.decimals, self.unit, unit)
        return replace(self, value=value, unit=unit, decimals=decimals)

    def with_note(self, note: Note | str) -> "Fact":
        note = note if isinstance(note, Note) else Note(str(note))
        return replace(self, notes=self.notes + (note,))

    def rounded(self) -> float:
        """The value as the text shows it (so comparisons agree with the words)."""
        return round(self.value, self.decimals)

    # -- text -----------------------------------------------------------------
    def __format__(self, spec: str) -> str:
        return self.text(spec) + register_notes(self.notes)

    def __str__(self) -> str:
        return self.__format__("")

    def text(self, spec: str = "") -> str:
        """The formatted value without note markers."""
        unit, decimals, style = _parse_spec(spec)
        fact = self
        if unit:
            fact = fact.to(unit)
        if decimals is not None:
            fact = replace(fact, decimals=decimals)
        if style in ("增长", "growth"):
            word = units.change_word(fact.value)
            return f"{word}{units.number(abs(fact.value), fact.decimals)}{_unit_suffix(fact.unit)}"
        if style in ("num", "数"):
            return units.number(fact.value, fact.decimals)
        return f"{units.number(fact.value, fact.decimals)}{_unit_suffix(fact.unit)}"


def _unit_suffix(unit: str) -> str:
    return {"百分点": "个百分点", "个基点": "个基点"}.get(unit, unit)


def _parse_spec(spec: str) -> tuple[str | None, int | None, str | None]:
    spec = spec.strip()
    if not spec:
        return None, None, None
    if spec in ("增长", "growth", "num", "数"):
        return None, None, spec
    head, _, tail = spec.rpartition(".") if "." in spec else (spec, "", "")
    decimals = None
    if tail.isdigit():
        decimals = int(tail)
        spec = head
    elif "." in spec and not tail:
        spec = head
    if spec in ("增长", "growth", "num", "数"):
        return None, decimals, spec
    if spec and spec not in units.UNITS:
        raise ValueError(f"unknown unit or style in format spec: {spec!r}")
    return spec or None, decimals, None
