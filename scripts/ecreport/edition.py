"""What one edition of the book covers, and the facts it states.

An edition is named by its report year: 2017 is the 2017–2018 edition
(annual 2017, first half of 2018, growth against 2016).
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from pathlib import Path

import pandas as pd

from . import units
from .citations import Cited, SourceLine
from .data import Dataset, load, split_ids
from .errors import MissingDataError, ParameterError
from .facts import Fact
from .notes import Note
from .mode import in_book
from .narrative import use_glossary

HEADLINE_INDICATOR = "online_retail"  # the first headline: 国家统计局's annual online retail (网上零售额)
CORE_SERIES = [  # the headline annual series every edition speaks of
    "ec_transaction", "online_retail", "online_retail_physical", "online_retail_physical_retail_share",
    "express_volume", "express_revenue", "rural_online_retail", "agri_online_retail",
    "cbec_retail", "cbec_customs_total", "bank_epay_amount", "nonbank_netpay_amount",
]
ORIGINAL_REPORT_YEAR = 2017  # the printed report this book reproduces is the 2017–2018 edition
EVENT_KINDS = {"alliance": "联盟", "policy": "政策", "milestone": "平台与项目", "case": "案例", "law": "法律",
               "meeting": "会议", "partnership": "合作", "pilot_zone": "试验区"}   # events.csv's kinds, as readers read them


def headline_spans(dataset: Dataset) -> list[tuple[str, int | None, int | None]]:
    """The headline series in the order the publisher released them: (indicator, first year, last year),
    following indicators.csv's ``ended`` and ``successor`` (网上零售额 through 2025, then 网上商品和服务零售额)."""
    ind = dataset.indicators.set_index("indicator")
    spans, indicator, start = [], HEADLINE_INDICATOR, None
    while indicator and indicator in ind.index and indicator not in [s[0] for s in spans]:
        ended = str(ind.at[indicator, "ended"]) if "ended" in ind.columns else ""
        end = int(ended[:4]) if ended[:4].isdigit() else None
        spans.append((indicator, start, end))
        successor = str(ind.at[indicator, "successor"]) if "successor" in ind.columns else ""
        indicator, start = (successor, end + 1) if successor and end is not None else (None, None)
    return spans


def headline_of(dataset: Dataset, year: int) -> str:
    """The headline indicator an edition of this year leads with."""
    for indicator, start, end in headline_spans(dataset):
        if (start is None or year >= start) and (end is None or year <= end):
            return indicator
    return HEADLINE_INDICATOR


def _annual_years(dataset: Dataset, indicator: str) -> set[int]:
    obs = dataset.rows_of(indicator)
    rows = obs[(obs["indicator"] == indicator) & (obs["measure"] == "level") & obs["period"].str.fullmatch(r"\d{4}")]
    return {int(p) for p in rows["period"]}


def edition_years(dataset: Dataset) -> list[int]:
    """Years that have an annual value of the headline indicator of their time."""
    return sorted(y for indicator, _, _ in headline_spans(dataset)
                  for y in _annual_years(dataset, indicator) if headline_of(dataset, y) == indicator)


def planned_year(dataset: Dataset) -> int | None:
    """The year after the newest edition: its edition is planned, to be built once its headline figure is in."""
    years = edition_years(dataset)
    return max(years) + 1 if years else None


def describe_years(years: list[int]) -> str:
    if not years:
        return "none (the data has no annual value of the headline indicator)"
    runs, start, prev = [], years[0], years[0]
    for y in years[1:] + [None]:
        if y is not None and y == prev + 1:
            prev = y
            continue
        runs.append(str(start) if start == prev else f"{start}–{prev}")
        if y is not None:
            start = prev = y
    return ", ".join(runs)


class Edition:
    """The facts of one edition, read from one data folder."""

    def __init__(self, year: int | str = 2017, data_dir: str | Path | None = None, planned: bool = False):
        """``planned=True`` also opens the year after the newest edition, to list what it lacks (not to build)."""
        self.data = load(data_dir)
        years = edition_years(self.data)
        try:
            year = int(year)
        except (TypeError, ValueError):
            raise ParameterError("year", year, describe_years(years)) from None
        self.planned = planned and year == planned_year(self.data)
        if year not in years and not self.planned:
            raise ParameterError("year", year, describe_years(years))
        self.year = year
        self.headline = headline_of(self.data, year)
        self.prev = year - 1
        self.h1 = f"{year + 1}H1"
        self.next = year + 1
        self.title = units.edition_title(year)
        self.is_original = year == ORIGINAL_REPORT_YEAR
        if in_book() and "glossary" in self.data.roles.values():
            use_glossary(self.glossary_entries())

    def glossary_entries(self) -> dict[str, str]:
        """Every spelling that links to a glossary term: the term itself and its aliases."""
        name = next(n for n, role in self.data.roles.items() if role == "glossary")
        entries = {}
        for row in self.data.tables[name].itertuples():
            entries[row.term] = row.term
            for alias in filter(None, (a.strip() for a in row.aliases.split("；"))):
                entries[alias] = row.term
        return entries

    # -- looking up values ----------------------------------------------------
    def _rows(self, indicator: str, period: str | None = None, measure: str = "level", releases: bool = False,
              **dims) -> pd.DataFrame:
        """An indicator's rows for a measure (and period, and part): the stated release of each value, or
        with ``releases`` every release, superseded ones included."""
        obs = self.data.releases_of(indicator) if releases else self.data.rows_of(indicator)
        mask = (obs["indicator"] == indicator) & (obs["measure"] == measure)
        if period is not None:
            mask &= obs["period"] == str(period)
        for dim in self._dims_of(indicator):
            mask &= obs[dim] == str(dims.get(dim, ""))
        unknown = set(dims) - set(self._dims_of(indicator))
        if unknown:
            raise ValueError(f"indicator {indicator} has no dimension {', '.join(sorted(unknown))}")
        return obs[mask]

    def _dims_of(self, indicator: str) -> list[str]:
        table = self.data.table_of(indicator)
        return self.data.dimensions.get(table, []) if table else []

    def observations(self, *tables: str) -> pd.DataFrame:
        """The observation rows of the named tables (e.g. "rural"), for filtering by hand."""
        unknown = [t for t in tables if t not in self.data.dimensions]
        if unknown:
            raise MissingDataError(", ".join(unknown), "-", "no such observation table in datapackage.json")
        return self.data.rows_in(list(tables))

    def has(self, indicator: str, period, measure: str = "level", **dims) -> bool:
        return len(self._rows(indicator, str(period), measure, **dims)) > 0

    def fact(self, indicator: str, period, measure: str = "level", **dims) -> Fact:
        """One value as the book states it (report figure where the book says so)."""
        return self._apply_discrepancies(self.published(indicator, period, measure, **dims))

    def published(self, indicator: str, period, measure: str = "level", **dims) -> Fact:
        """One value as its source published it, whatever the report printed."""
        rows = self._rows(indicator, str(period), measure, **dims)
        if rows.empty:
            detail = ", ".join(f"{k}={v}" for k, v in dims.items())
            detail = ", ".join(filter(None, [detail, f"measure={measure}" if measure != "level" else ""]))
            table = self.data.table_of(indicator)
            raise MissingDataError(indicator, str(period), detail,
                                   self.data.file_of(table) if table else "any data file")
        return self._fact_of(rows.iloc[0], indicator, period, measure, dims)

    def _fact_of(self, row: pd.Series, indicator: str, period, measure: str, dims: dict) -> Fact:
        """A data row as a Fact, a level in the indicator's unit."""
        fact = Fact(
            value=float(row["value"]), unit=row["unit"], decimals=int(row["decimals"]),
            indicator=indicator, period=str(period), measure=measure,
            dims=tuple(sorted((k, str(v)) for k, v in dims.items())),
            status=row["status"], source=row["source"], note=row["note"],
        )
        if measure == "level":
            fact = fact.to(self.unit_of(indicator), decimals=None)
        return fact

    def latest_within(self, indicator: str, year: int, measure: str = "level", **dims) -> Fact | None:
        """The latest period of ``year`` shorter than the year that the data has for a value (2026年1–2月,
        2026年一季度 …), for a section whose half or whole year is not yet published; None where it has none.
        Of two periods ending in the same month, the longer (1–2月 before 2月)."""
        periods = [p for p in self._rows(indicator, None, measure, **dims)["period"] if p[:4] == str(year) and p[4:]]
        if not periods:
            return None
        return self.fact(indicator, max(periods, key=_months_covered), measure, **dims)

    def earlier_release(self, indicator: str, period, measure: str = "level", **dims) -> dict | None:
        """The release before the one the book states, where it gave another figure (a preliminary figure
        later revised): {"fact": the figure, in the indicator's unit, "date": its release date}; None where
        the value was released once, or again unchanged."""
        stated = self.value(indicator, period, measure, **dims)
        if stated is None:
            return None
        releases = self._rows(indicator, str(period), measure, releases=True, **dims).sort_values("vintage", kind="stable")
        if len(releases) < 2:
            return None
        row = releases.iloc[-2]
        fact = self._fact_of(row, indicator, period, measure, dims)
        if fact.to(stated.unit).rounded() == stated.rounded():
            return None
        return {"fact": fact, "date": row["vintage"]}

    def value(self, indicator: str, period, measure: str = "level", **dims) -> Fact | None:
        """One value as the book states it, or None where the data has none (a section then says so)."""
        return self.fact(indicator, period, measure, **dims) if self.has(indicator, period, measure, **dims) else None

    def last_period(self, indicator: str, frequency: str = "annual", **dims) -> str | None:
        """The latest period the data has for an indicator (to say how far a series reaches)."""
        series = self.series(indicator, frequency=frequency, **dims)
        return series["period"].iloc[-1] if not series.empty else None

    def growth(self, indicator: str, period, **dims) -> Fact | None:
        """Year-on-year growth: the published rate; computed from the two levels only where none was
        published (with a note saying so); None where it is neither published nor computable."""
        period = str(period)
        if self.has(indicator, period, "yoy_growth", **dims):
            return self.fact(indicator, period, "yoy_growth", **dims)
        earlier = _same_period_year_before(period)
        if not (self.has(indicator, period, **dims) and self.has(indicator, earlier, **dims)):
            return None
        now, before = self.fact(indicator, period, **dims), self.fact(indicator, earlier, **dims)
        value = (now.value / before.value - 1) * 100
        part = "、".join(v for _, v in sorted(dims.items()) if v)
        what = self.name_of(indicator) + (f"（{part}）" if part else "")
        note = Note(f"{_period_words(period)}{what}增速未见公布，"
                    f"本书按{_period_words(earlier)}与{_period_words(period)}的总量计算。", "computed")
        return Fact(value=value, unit="%", decimals=1, indicator=indicator, period=period,
                    measure="yoy_growth", dims=now.dims, derived=True, notes=(note,))

    def judge(self, rule: str, period=None, **dims):
        """The report's judgement for a period (default: the edition's year), by its rule in judgements.csv:
        its words, with a note in the 2017 edition where the rule disagrees with the report; None where the
        data lacks what the rule looks at."""
        from .judgements import judge
        return judge(self, rule, period, **dims)

    def judged_since(self, rule: str, year: int | None = None) -> int | None:
        """Since which year a judgement has held, year after year, up to the edition's year (None: not now)."""
        from .judgements import holds_since
        return holds_since(self, rule, int(year if year is not None else self.year))

    def plan_target(self, indicator: str):
        """The plan's target that the edition's year works towards: the latest target year not before it."""
        targets = self.series(indicator)
        if targets.empty or int(targets["period"].iloc[-1]) < self.year:
            return None
        return self.fact(indicator, targets["period"].iloc[-1])

    def with_discrepancy(self, fact: Fact | None, discrepancy: str) -> Fact | None:
        """A computed fact with the note of a recorded discrepancy of the report, where there is one."""
        if fact is None or not (self.discrepancies()["discrepancy"] == discrepancy).any():
            return fact
        return fact.with_note(self.discrepancy_note(discrepancy, fact))

    def series(self, indicator: str, measure: str = "level", frequency: str = "annual",
               first=None, last=None, **dims) -> pd.DataFrame:
        """Values of one indicator over time, in the indicator's unit, oldest first."""
        rows = self._rows(indicator, None, measure, **dims).copy()
        pattern = {"annual": r"\d{4}", "half": r"\d{4}H[12]", "quarter": r"\d{4}Q[1-4]",
                   "month": r"\d{4}-\d{2}", "cumulative": r"\d{4}-\d{2}/\d{2}"}[frequency]
        rows = rows[rows["period"].str.fullmatch(pattern)]
        rows["year"] = rows["period"].str[:4].astype(int)
        if first is not None:
            rows = rows[rows["year"] >= int(first)]
        if last is not None:
            rows = rows[rows["year"] <= int(last)]
        unit = self.unit_of(indicator) if measure == "level" else "%"
        rows["value"] = [units.convert(v, u, unit) for v, u in zip(rows["value"], rows["unit"])]
        rows["unit"] = unit
        return rows.sort_values("period").reset_index(drop=True)

    def resolve_period(self, token: str) -> str:
        """Edition-relative periods: Y, Y-1, Y+1, H1 (first half of Y+1), YH1 (first half of Y)."""
        token = token.strip()
        if token == "H1":
            return self.h1
        if token == "YH1":
            return f"{self.year}H1"
        match = re.fullmatch(r"Y([+-]\d+)?", token)
        if not match:
            raise ValueError(f"unknown edition period {token!r} (valid: Y, Y-1, Y+1, H1, YH1)")
        return str(self.year + int(match.group(1) or 0))

    def core_series(self) -> list[str]:
        """CORE_SERIES as they stand in the edition's year: a series that ended before it gives way to its
        successor, and one that ended with none is not asked for."""
        current = []
        for indicator in CORE_SERIES:
            while indicator:
                ended, successor = self.series_end(indicator)
                if ended is None or int(ended[:4]) >= self.year:
                    break
                indicator = successor
            if indicator and indicator not in current:
                current.append(indicator)
        return current

    def unpublished(self, indicators: list[str] | None = None) -> list[str]:
        """Core series with no value for the edition's year (their sections will say 未见公布)."""
        return [f"{i} ({self.name_of(i)})" for i in (indicators or self.core_series())
                if self.data.table_of(i) and not self.has(i, self.year)]

    def next_edition(self) -> "Edition | None":
        """The edition of the following year, if the data has its headline figure."""
        years = edition_years(self.data)
        return Edition(self.year + 1, self.data.data_dir) if self.year + 1 in years else None

    def missing(self, requirements: list[str]) -> list[str]:
        """Which of a chapter's required values the data lacks.

        Each requirement reads ``indicator period [growth]``, with an
        edition-relative period (Y, Y-1, H1 …); ``growth`` is met by a published
        rate or by the levels it can be computed from.
        """
        lacking = []
        for text in requirements:
            parts = text.split()
            indicator, period = parts[0], self.resolve_period(parts[1])
            indicator = self.headline if indicator == "headline" else indicator
            wants_growth = len(parts) > 2 and parts[2] == "growth"
            if wants_growth:
                ok = self.has(indicator, period, "yoy_growth") or (
                    self.has(indicator, period) and self.has(indicator, _same_period_year_before(period)))
            else:
                ok = self.has(indicator, period)
            if not ok:
                table = self.data.table_of(indicator)
                where = self.data.file_of(table) if table else "data"
                what = "growth rate (or the two levels to compute it)" if wants_growth else "value"
                lacking.append(f"{indicator} ({self.name_of(indicator)}) {period}: no {what} in {where}")
        return lacking

    # -- derived values -------------------------------------------------------
    @staticmethod
    def ratio(part: Fact, whole: Fact, unit: str = "%", decimals: int = 1) -> Fact:
        """part / whole as a percentage (or a multiple with unit='倍'), computed."""
        value = part.value / units.convert(whole.value, whole.unit, part.unit)
        if unit == "%":
            value *= 100
        return Fact(value=value, unit=unit, decimals=decimals, indicator=part.indicator,
                    period=part.period, measure="computed", derived=True)

    @staticmethod
    def difference(a: Fact, b: Fact, unit: str = "百分点", decimals: int = 1) -> Fact:
        return Fact(value=a.value - b.value, unit=unit, decimals=decimals, derived=True,
                    indicator=a.indicator, period=a.period, measure="computed")

    # -- metadata -------------------------------------------------------------
    def _indicator_row(self, indicator: str) -> pd.Series:
        ind = self.data.indicators
        rows = ind[ind["indicator"] == indicator]
        if rows.empty:
            raise MissingDataError(indicator, "-", "indicator not in indicators.csv")
        return rows.iloc[0]

    def unit_of(self, indicator: str) -> str:
        return self._indicator_row(indicator)["unit"]

    def name_of(self, indicator: str) -> str:
        return self._indicator_row(indicator)["name_zh"]

    def series_end(self, indicator: str) -> tuple[str | None, str | None]:
        """Where the publisher stopped a series: (its last period, the indicator it releases instead), as
        indicators.csv records them; (None, None) for a series that goes on."""
        row = self._indicator_row(indicator)
        ended, successor = row.get("ended", ""), row.get("successor", "")
        if successor and not (self.data.indicators["indicator"] == successor).any():
            raise MissingDataError(successor, "-", f"the successor of {indicator} is not in indicators.csv")
        return ended or None, successor or None

    def source_row(self, source_id: str) -> pd.Series:
        src = self.data.sources
        return src[src["source"] == source_id].iloc[0]

    def organisations(self, source_ids) -> list[str]:
        """Organisations behind a set of source ids, in first-seen order."""
        seen: list[str] = []
        for text in source_ids:
            for sid in split_ids(str(text)):
                org = self.source_row(sid)["organisation"]
                for part in org.split("；"):
                    if part and part not in seen:
                        seen.append(part)
        return seen

    def source_line(self, source_ids) -> SourceLine:
        """资料来源：… for the sources of a figure or table; in the book each name links to its citation."""
        first: dict[str, str] = {}
        for text in source_ids:
            for sid in split_ids(str(text)):
                for org in self.source_row(sid)["organisation"].split("；"):
                    if org:
                        first.setdefault(org, sid)
        return SourceLine([Cited(org, sid) for org, sid in first.items()]) if first else SourceLine([], lead="")

    def table(self, name: str) -> pd.DataFrame:
        """A reference table of the data package (laws, figures …), as text columns."""
        if name not in self.data.tables:
            raise MissingDataError(name, "-", "no such table in datapackage.json")
        return self.data.tables[name]

    def titles(self, name: str) -> tuple[str, dict[str, str]]:
        """A table's title and its columns' titles, as datapackage.json gives them."""
        import json
        package = json.loads((self.data.data_dir / "datapackage.json").read_text(encoding="utf-8"))
        resource = next((r for r in package["resources"] if r["name"] == name), None)
        if resource is None:
            raise MissingDataError(name, "-", "no such table in datapackage.json")
        return resource.get("title", name), {f["name"]: f.get("title", f["name"]) for f in resource["schema"]["fields"]}

    def report_figure(self, number: str) -> pd.Series:
        """Title and source line of a figure as the printed report has them."""
        figures = self.table("figures")
        rows = figures[figures["figure"] == number]
        if rows.empty:
            raise MissingDataError(number, "-", "figure not in figures.csv")
        return rows.iloc[0]

    # -- discrepancies ----------------------------------------------------------
    def discrepancies(self, chapter: int | None = None) -> pd.DataFrame:
        d = self.data.discrepancies
        if d.empty:
            return d
        if chapter is not None:
            d = d[d["chapter"].astype(int) == int(chapter)]
        return d

    def discrepancy_note(self, discrepancy: str, computed: Fact | None = None) -> Note:
        """The note for a named discrepancy (report figure vs data or a computed value)."""
        d = self.data.discrepancies
        rows = d[d["discrepancy"] == discrepancy]
        if rows.empty:
            raise MissingDataError(discrepancy, "-", "no such discrepancy in discrepancies.csv")
        row = rows.iloc[0]
        reported = f"{row['report_value']}{row['report_unit']}"
        text = f"报告{row['report_where']}作{reported}"
        if computed is not None:
            text += f"；按本书数据计算为{computed.text()}"
        return Note(f"{text}。{row['explanation']}".replace("。。", "。"), "discrepancy")

    def _apply_discrepancies(self, fact: Fact) -> Fact:
        d = self.data.discrepancies
        if d.empty:
            return fact
        dims = ";".join(f"{k}={v}" for k, v in fact.dims if v)
        rows = d[(d["indicator"] == fact.indicator) & (d["period"] == fact.period)
                 & (d["measure"] == fact.measure) & (d["dimension"] == dims)]
        for _, row in rows.iterrows():
            reported = f"{row['report_value']}{row['report_unit']}"
            org = "；".join(self.organisations([fact.source]))
            title = self.source_row(split_ids(fact.source)[0])["title"]
            if row["book_states"] == "report":
                data_text = fact.text()
                fact = replace(fact, value=float(row["report_value"]), unit=row["report_unit"],
                               decimals=units.decimals_of(row["report_value"]))
                note = Note(f"此处为报告{row['report_where']}所载数字；{org}公布为{data_text}"
                            f"（{title}）。{row['explanation']}", "discrepancy")
            else:
                note = Note(f"报告{row['report_where']}作{reported}；本书所用数字来自{org}"
                            f"（{title}）。{row['explanation']}", "discrepancy")
            fact = fact.with_note(note)
        return fact

    # -- events -----------------------------------------------------------------
    def events(self, kind: str | None = None, first: str | None = None, last: str | None = None) -> pd.DataFrame:
        """Dated events inside the edition's window (default: the report year and the next); the column 类别
        names each event's kind in Chinese (联盟, 政策 …)."""
        ev = self.data.events
        if ev.empty:
            return ev
        first = first or f"{self.year}"
        last = last or f"{self.year + 1}-12-31"
        mask = (ev["date"] >= first) & (ev["date"].str[:len(last)] <= last)
        if kind:
            mask &= ev["kind"] == kind
        found = ev[mask].sort_values("date").reset_index(drop=True)
        return found.assign(类别=found["kind"].map(lambda k: EVENT_KINDS.get(k, k)))

    def report_toc(self, chapter: int, in_report: str | None = None) -> pd.DataFrame:
        """The printed report's 目录 entries of a chapter (in_report: "text" or "none" to keep only those)."""
        if "report_toc" not in self.data.tables:
            return pd.DataFrame(columns=["number", "title", "page", "chapter", "in_report", "note", "source"])
        toc = self.table("report_toc")
        toc = toc[toc["chapter"].astype(str) == str(chapter)]
        return (toc if in_report is None else toc[toc["in_report"] == in_report]).reset_index(drop=True)

    def in_window(self, indicator: str, frequency: str = "month", **dims) -> Fact | None:
        """The latest value of an indicator dated inside the edition's window (its year and the next)."""
        found = self.series(indicator, frequency=frequency, first=self.year, last=self.year + 1, **dims)
        return self.fact(indicator, found["period"].iloc[-1], **dims) if not found.empty else None

    def cases(self, chapter: int, topic: str | None = None) -> pd.DataFrame:
        """The cases a chapter describes: those dated inside the edition's window, and the undated ones (the
        report's own account of the state of play when it was written), which only the 2017 edition shows."""
        if "cases" not in self.data.tables:
            return pd.DataFrame(columns=["case", "chapter", "name", "topic", "description", "date", "source"])
        found = self.table("cases")
        found = found[found["chapter"].astype(str) == str(chapter)]
        if topic is not None:
            found = found[found["topic"] == topic]
        window = found["date"].str[:4].isin([str(self.year), str(self.year + 1)])
        return found[window | ((found["date"] == "") & self.is_original)].reset_index(drop=True)

    def case(self, case_id: str) -> dict | None:
        """One case by its id, as a mapping a template reads by name, if the edition shows it (see cases)."""
        if "cases" not in self.data.tables:
            return None
        found = self.table("cases")
        found = found[found["case"] == case_id]
        if found.empty:
            return None
        row = found.iloc[0].to_dict()
        shown = row["date"][:4] in (str(self.year), str(self.year + 1)) or (row["date"] == "" and self.is_original)
        return row if shown else None

    def event(self, event_id: str, as_reported: bool = False) -> dict | None:
        """One event of the edition's window (see events), as a mapping; None outside the window.
        ``as_reported``: in the 2017 edition, also an event the report itself tells from before its window."""
        found = self.events()
        found = found[found["event"] == event_id] if not found.empty else found
        if found.empty and as_reported and self.is_original:
            events = self.data.events
            found = events[(events["event"] == event_id) & events["source"].str.startswith("report_")]
        return None if found.empty else found.iloc[0].to_dict()

    def printed(self, fact: Fact) -> Fact:
        """A level in the unit and with the decimals its source printed (4439.80万笔, 1.03万亿笔)."""
        row = self._rows(fact.indicator, fact.period, fact.measure, **dict(fact.dims)).iloc[0]
        unit = {"trillion yuan": "万亿元", "billion yuan": "亿元", "billion parcels": "亿件"}.get(row["unit"], row["unit"])
        # 230.5 billion yuan is 2305亿元: the decimals follow the unit the text is written in
        decimals = max(0, int(row["decimals"]) - round(math.log10(units.UNITS[row["unit"]].factor / units.UNITS[unit].factor)))
        return fact.to(unit, decimals)

    @staticmethod
    def total(facts: list[Fact], indicator: str = "") -> Fact:
        """The sum of several levels of one unit, computed (so marked derived)."""
        first = facts[0]
        return Fact(value=sum(f.to(first.unit).value for f in facts), unit=first.unit,
                    decimals=max(f.decimals for f in facts), indicator=indicator or first.indicator,
                    period=first.period, measure="computed", derived=True)


def year_before(period) -> str:
    """2018Q1 -> 2017Q1, 2017 -> 2016, 2018-03 -> 2017-03, 2026-01/02 -> 2025-01/02."""
    return _same_period_year_before(str(period))


def _same_period_year_before(period: str) -> str:
    match = re.fullmatch(r"(\d{4})(.*)", period)
    return f"{int(match.group(1)) - 1}{match.group(2)}"


def _months_covered(period: str) -> tuple[int, int]:
    """The last month a sub-annual period covers and how many months it spans: 2026H1 (6, 6), 2026Q1 (3, 3),
    2026-02 (2, 1), 2026-01/02 (2, 2)."""
    rest = period[4:]
    if rest.startswith("H"):
        return 6 * int(rest[1]), 6
    if rest.startswith("Q"):
        return 3 * int(rest[1]), 3
    first, _, last = rest[1:].partition("/")
    return int(last or first), int(last or first) - int(first) + 1


def _period_words(period: str) -> str:
    """2017 -> 2017年, 2018H1 -> 2018年上半年, 2018Q1 -> 2018年第一季度, 2018-03 -> 2018年3月,
    2026-01/02 -> 2026年1–2月"""
    year = period[:4]
    rest = period[4:]
    if not rest:
        return f"{year}年"
    if rest == "H1":
        return f"{year}年上半年"
    if rest == "H2":
        return f"{year}年下半年"
    if rest.startswith("Q"):
        return f"{year}年第{'一二三四'[int(rest[1]) - 1]}季度"
    if "/" in rest:
        first, last = rest[1:].split("/")
        return f"{year}年{int(first)}–{int(last)}月"
    return f"{year}年{int(rest[1:])}月"


period_words = _period_words
