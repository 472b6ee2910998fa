"""The values an edition needs and the data lacks, one per row: what ``--check`` lists and ``--sheet`` asks for.

Required values are those a chapter cannot be built without (its ``requires`` metadata); core values
are the edition year's values of the core series, with the measures and dimensions they had the year
before (快递业务量 by 同城/异地/国际, 电子商务交易额 by 商品类/服务类/合约类 …). A series that
ended before the year is not asked for; its successor is.
"""

from __future__ import annotations

from dataclasses import dataclass

from .edition import Edition, _same_period_year_before
from .facts import Fact

ANNUAL = r"\d{4}"


@dataclass(frozen=True)
class Need:
    kind: str                            # "required" or "core"
    indicator: str
    period: str
    measure: str
    dims: tuple[tuple[str, str], ...]    # (dimension, value) pairs, e.g. (("scope", "同城"),)
    unit: str
    table: str
    reference: Fact | None = None        # the value of the year before, for reference
    chapters: tuple[str, ...] = ()       # for a required value: the chapters that require it

    @property
    def key(self) -> tuple:
        return self.indicator, self.period, self.measure, self.dims

    def dims_text(self) -> str:
        return "；".join(f"{k}={v}" for k, v in self.dims)

    def describe(self, edition: Edition) -> str:
        where = edition.data.file_of(self.table) if self.table else "data"
        what = " ".join(filter(None, [self.period, self.dims_text(), "" if self.measure == "level" else self.measure]))
        by = f" (needed by {', '.join(self.chapters)})" if self.chapters else ""
        return f"{self.kind}: {self.indicator} ({edition.name_of(self.indicator)}) {what}: no value in {where}{by}"


def needs(edition: Edition, requirements: dict[str, list[str]]) -> list[Need]:
    """What the edition lacks: required values first (``requirements``: chapter label -> its requires),
    then core values; each value once."""
    found: dict[tuple, Need] = {}
    for label, texts in requirements.items():
        for text in texts:
            need = _required(edition, text, label)
            if need is None:
                continue
            if need.key in found:
                old = found[need.key]
                found[need.key] = Need(**{**old.__dict__, "chapters": old.chapters + (label,)})
            else:
                found[need.key] = need
    for need in _core(edition):
        found.setdefault(need.key, need)
    return list(found.values())


def _required(edition: Edition, text: str, label: str) -> Need | None:
    parts = text.split()
    indicator = edition.headline if parts[0] == "headline" else parts[0]
    period = edition.resolve_period(parts[1])
    if len(parts) > 2 and parts[2] == "growth":
        if edition.has(indicator, period, "yoy_growth") or (
                edition.has(indicator, period) and edition.has(indicator, _same_period_year_before(period))):
            return None
        measure = "yoy_growth"
    elif edition.has(indicator, period):
        return None
    else:
        measure = "level"
    return Need("required", indicator, period, measure, (), _unit(edition, indicator, measure),
                edition.data.table_of(indicator) or "", _reference(edition, indicator, measure, (), period),
                (label,))


def _core(edition: Edition) -> list[Need]:
    year = str(edition.year)
    lacking = []
    for indicator in edition.core_series():
        table = edition.data.table_of(indicator)
        if not table:
            continue
        dims = edition.data.dimensions.get(table, [])
        rows = edition.data.rows_of(indicator)
        rows = rows[(rows["indicator"] == indicator) & rows["period"].str.fullmatch(ANNUAL)
                    & (rows["period"] < year) & rows["measure"].isin(["level", "yoy_growth"])]
        if rows.empty:
            shapes = [("level", ()), ("yoy_growth", ())]
        else:
            last = rows[rows["period"] == rows["period"].max()]
            shapes = list(dict.fromkeys(
                (r["measure"], tuple((d, str(r[d])) for d in dims if str(r[d]) != "")) for _, r in last.iterrows()))
        for measure, shape in shapes:
            if not edition.has(indicator, year, measure, **dict(shape)):
                lacking.append(Need("core", indicator, year, measure, shape, _unit(edition, indicator, measure), table,
                                    _reference(edition, indicator, measure, shape, year)))
    return lacking


def _unit(edition: Edition, indicator: str, measure: str) -> str:
    return edition.unit_of(indicator) if measure == "level" else "%"


def _reference(edition: Edition, indicator: str, measure: str, dims: tuple, period: str) -> Fact | None:
    """The same value a year before, as its source published it (None where the data has none)."""
    before = _same_period_year_before(period)
    if not edition.has(indicator, before, measure, **dict(dims)):
        return None
    return edition.published(indicator, before, measure, **dict(dims))
