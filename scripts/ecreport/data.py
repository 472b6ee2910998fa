"""Load and validate the book's data (``data/datapackage.json`` and its CSVs).

One loader for every chapter.  The data package follows the Frictionless
Table Schema conventions; each resource carries an ``ecreport:role``:

``indicators``    one row per statistic (id, Chinese and English name, unit …)
``sources``       one row per source (organisation, title, URL, what it feeds)
``observations``  tidy tables: one row per value, with unit and source
``events``        dated qualitative facts (laws, pilot zones, alliances …)
``discrepancies`` where the report contradicts itself or an official source
``reference``     any other table whose ``source`` column must name a source

``load(data_dir)`` validates every table and returns typed pandas frames, or
raises one :class:`~ecreport.errors.DataError` naming file, row, column and
the problem.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import units
from .errors import DataError
from .paths import DEFAULT_DATA_DIR, display_path

PERIOD_PATTERN = re.compile(r"^\d{4}(H[12]|Q[1-4]|-(0[1-9]|1[0-2]))?$")
PERIOD_FORMATS = "2017 (year), 2018H1 (half), 2018Q1 (quarter), 2018-03 (month)"
DATE_PATTERN = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
MEASURES = {
    "level": "水平值（按指标单位）",
    "yoy_growth": "同比增长率（%）",
    "share": "占同一维度合计的比重（%）",
}
STATUSES = {
    "": "正式数",
    "preliminary": "初步数",
    "estimate": "预计数",
    "forecast": "预测数",
    "target": "规划目标",
    "lower_bound": "下限（原文作“超过”“以上”）",
}
OBSERVATION_FIELDS = ["indicator", "period", "measure", "value", "unit", "status", "source", "note"]


_ACCESSED: set[str] = set()


def accessed_tables() -> set[str]:
    """Names of the tables read since the last reset (the build's cache keys on them)."""
    return set(_ACCESSED)


def reset_accessed() -> None:
    _ACCESSED.clear()


class _TrackedTables(dict):
    def __getitem__(self, name):
        _ACCESSED.add(name)
        return super().__getitem__(name)


@dataclass
class Dataset:
    """Every table of one data folder, validated and typed.

    Reading a frame records which tables a notebook depends on, so that the
    build re-executes a chapter only when data it reads has changed.
    """

    data_dir: Path
    _indicators: pd.DataFrame
    _sources: pd.DataFrame
    _observations: pd.DataFrame
    _events: pd.DataFrame
    _discrepancies: pd.DataFrame
    _tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)
    dimensions: dict[str, list[str]] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)

    def _uses(self, role: str) -> None:
        _ACCESSED.update(name for name, r in self.roles.items() if r == role)

    @property
    def indicators(self) -> pd.DataFrame:
        self._uses("indicators")
        return self._indicators

    @property
    def sources(self) -> pd.DataFrame:
        self._uses("sources")
        return self._sources

    @property
    def observations(self) -> pd.DataFrame:
        """All observation tables together (a chapter reading this depends on all of them)."""
        self._uses("observations")
        return self._observations

    @property
    def events(self) -> pd.DataFrame:
        self._uses("events")
        return self._events

    @property
    def discrepancies(self) -> pd.DataFrame:
        self._uses("discrepancies")
        return self._discrepancies

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        return _TrackedTables(self._tables)

    def rows_of(self, indicator: str) -> pd.DataFrame:
        """Observations of one indicator (depends on that indicator's table only)."""
        table = self.table_of(indicator)
        if table is None:
            return self._observations.iloc[0:0]
        _ACCESSED.add(table)
        return self._observations[self._observations["table"] == table]

    def rows_in(self, tables: list[str]) -> pd.DataFrame:
        """Observations of the named tables (depends on those tables only)."""
        _ACCESSED.update(tables)
        return self._observations[self._observations["table"].isin(tables)]

    def table_of(self, indicator: str) -> str | None:
        return self._table_of_indicator.get(indicator)

    @property
    def _table_of_indicator(self) -> dict[str, str]:
        if not hasattr(self, "_index"):
            obs = self._observations
            self._index = dict(zip(obs["indicator"], obs["table"])) if len(obs) else {}
        return self._index

    def file_of(self, table: str) -> str:
        return display_path(self.files[table])


def load(data_dir: str | Path | None = None) -> Dataset:
    """Load and validate a data folder (default: the book's ``data/``)."""
    path = Path(data_dir) if data_dir else DEFAULT_DATA_DIR
    path = path.resolve()
    if not path.is_dir():
        raise DataError(display_path(path), "data folder not found",
                        valid="a folder containing datapackage.json")
    stamp = tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size)
                         for p in path.iterdir() if p.is_file()))
    return _load_cached(path, stamp)


@lru_cache(maxsize=8)
def _load_cached(path: Path, _stamp: tuple) -> Dataset:
    return _Loader(path).run()


class _Loader:
    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.package_file = data_dir / "datapackage.json"

    # -- package -----------------------------------------------------------
    def run(self) -> Dataset:
        package = self._read_package()
        resources = package["resources"]
        by_role: dict[str, list[dict]] = {}
        for res in resources:
            by_role.setdefault(res.get("ecreport:role", "reference"), []).append(res)
        for role in ("indicators", "sources"):
            if len(by_role.get(role, [])) != 1:
                raise DataError(display_path(self.package_file),
                                f"needs exactly one resource with \"ecreport:role\": \"{role}\"")

        raw = {res["name"]: self._read_table(res) for res in resources}
        files = {res["name"]: self.data_dir / res["path"] for res in resources}
        for res in resources:
            self._check_fields(res, raw[res["name"]])

        indicators_res = by_role["indicators"][0]
        sources_res = by_role["sources"][0]
        indicators = self._frame(raw[indicators_res["name"]])
        sources = self._frame(raw[sources_res["name"]])
        self._check_unique(indicators_res, raw[indicators_res["name"]], ["indicator"])
        self._check_unique(sources_res, raw[sources_res["name"]], ["source"])
        for row_no, row in raw[indicators_res["name"]]:
            if row["unit"] not in units.UNITS:
                raise self._error(indicators_res, row_no, "unit",
                                  f"unknown unit '{row['unit']}'", ", ".join(units.known_units()))
        indicator_units = dict(zip(indicators["indicator"], indicators["unit"]))
        source_ids = set(sources["source"])

        observations, dimensions = [], {}
        events = discrepancies = None
        for res in resources:
            role = res.get("ecreport:role", "reference")
            rows = raw[res["name"]]
            if role == "observations":
                dims = [f["name"] for f in res["schema"]["fields"] if f["name"] not in OBSERVATION_FIELDS]
                dimensions[res["name"]] = dims
                observations.append(self._observations(res, rows, dims, indicator_units, source_ids))
            elif role in ("events", "discrepancies", "reference"):
                self._check_sources(res, rows, source_ids)
                if any(f["name"] == "indicator" for f in res["schema"]["fields"]):
                    self._check_indicators(res, rows, indicator_units)
                frame = self._frame(rows)
                if role == "events":
                    events = frame
                elif role == "discrepancies":
                    discrepancies = frame

        all_dims = sorted({d for ds in dimensions.values() for d in ds})
        obs = pd.concat(observations, ignore_index=True) if observations else pd.DataFrame()
        for d in all_dims:
            obs[d] = obs[d].fillna("") if d in obs else ""
        tables = {name: self._frame(rows) for name, rows in raw.items()}
        return Dataset(
            data_dir=self.data_dir, _indicators=indicators, _sources=sources,
            _observations=obs, _events=events if events is not None else pd.DataFrame(),
            _discrepancies=discrepancies if discrepancies is not None else pd.DataFrame(),
            _tables=tables, files=files, dimensions=dimensions,
            roles={res["name"]: res.get("ecreport:role", "reference") for res in resources},
        )

    def _read_package(self) -> dict:
        if not self.package_file.is_file():
            raise DataError(display_path(self.package_file), "file not found",
                            valid="every data folder has a datapackage.json describing its tables")
        try:
            package = json.loads(self.package_file.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise DataError(display_path(self.package_file),
                            f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
        if not isinstance(package.get("resources"), list) or not package["resources"]:
            raise DataError(display_path(self.package_file), "has no \"resources\" list")
        for i, res in enumerate(package["resources"]):
            for key in ("name", "path", "schema"):
                if key not in res:
                    raise DataError(display_path(self.package_file),
                                    f"resource {i + 1} has no \"{key}\"")
        return package

    # -- reading -----------------------------------------------------------
    def _read_table(self, res: dict) -> list[tuple[int, dict]]:
        path = self.data_dir / res["path"]
        if not path.is_file():
            raise DataError(display_path(path), "file not found",
                            valid=f"the path given for resource '{res['name']}' in datapackage.json")
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            try:
                header = next(reader)
            except StopIteration:
                raise DataError(display_path(path), "file is empty; it needs a header row") from None
            expected = [f["name"] for f in res["schema"]["fields"]]
            header = [h.strip() for h in header]
            if header != expected:
                missing = [c for c in expected if c not in header]
                extra = [c for c in header if c not in expected]
                detail = []
                if missing:
                    detail.append("missing " + ", ".join(missing))
                if extra:
                    detail.append("unexpected " + ", ".join(extra))
                if not detail:
                    detail.append("columns in another order")
                raise DataError(display_path(path), "header does not match the schema: " + "; ".join(detail),
                                row=1, valid=", ".join(expected))
            rows = []
            for record in reader:
                row_no = reader.line_num
                if not any(cell.strip() for cell in record):
                    continue
                if len(record) != len(header):
                    raise DataError(display_path(path),
                                    f"has {len(record)} cells, the header has {len(header)}", row=row_no)
                rows.append((row_no, {k: v.strip() for k, v in zip(header, record)}))
        return rows

    @staticmethod
    def _frame(rows: list[tuple[int, dict]]) -> pd.DataFrame:
        frame = pd.DataFrame([r for _, r in rows])
        if len(rows):
            frame["row"] = [n for n, _ in rows]
        return frame

    def _error(self, res: dict, row: int, column: str | None, problem: str, valid: str | None = None):
        return DataError(display_path(self.data_dir / res["path"]), problem, row=row, column=column, valid=valid)

    # -- generic schema checks ---------------------------------------------
    def _check_fields(self, res: dict, rows: list[tuple[int, dict]]) -> None:
        for spec in res["schema"]["fields"]:
            name = spec["name"]
            kind = spec.get("type", "string")
            cons = spec.get("constraints", {})
            for row_no, row in rows:
                value = row[name]
                if value == "":
                    if cons.get("required"):
                        if name == "source":
                            raise self._error(res, row_no, name, "is empty: every value needs a source",
                                              "a source id listed in sources.csv")
                        raise self._error(res, row_no, name, "is empty but required",
                                          spec.get("description"))
                    continue
                if kind == "number" and not _is_number(value):
                    raise self._error(res, row_no, name, f"'{value}' is not a number",
                                      "a plain decimal such as 29.16 or -28.7, no unit or thousands separator")
                if kind == "integer" and not re.fullmatch(r"-?\d+", value):
                    raise self._error(res, row_no, name, f"'{value}' is not a whole number")
                if kind == "date" and not DATE_PATTERN.match(value):
                    raise self._error(res, row_no, name, f"'{value}' is not a date",
                                      "YYYY-MM-DD, or YYYY-MM / YYYY when the day is not known")
                if "enum" in cons and value not in cons["enum"]:
                    raise self._error(res, row_no, name, f"'{value}' is not allowed",
                                      ", ".join(v or "(empty)" for v in cons["enum"]))
                if "pattern" in cons and not re.fullmatch(cons["pattern"], value):
                    valid = PERIOD_FORMATS if name == "period" else f"text matching {cons['pattern']}"
                    what = "period format" if name == "period" else "format"
                    raise self._error(res, row_no, name, f"'{value}' has an unknown {what}", valid)
        key = res["schema"].get("primaryKey")
        if key:
            self._check_unique(res, rows, [key] if isinstance(key, str) else key)

    def _check_unique(self, res: dict, rows, key: list[str]) -> None:
        seen: dict[tuple, int] = {}
        for row_no, row in rows:
            k = tuple(row[c] for c in key)
            if k in seen:
                shown = ", ".join(f"{c}={v or '(empty)'}" for c, v in zip(key, k))
                raise self._error(res, row_no, None,
                                  f"duplicate key ({shown}); row {seen[k]} has the same key",
                                  "one row per value: change a key column or remove one of the rows")
            seen[k] = row_no

    def _check_sources(self, res: dict, rows, source_ids: set[str]) -> None:
        if not any(f["name"] == "source" for f in res["schema"]["fields"]):
            return
        sources_file = "sources.csv"
        for row_no, row in rows:
            for sid in split_ids(row["source"]):
                if sid not in source_ids:
                    raise self._error(res, row_no, "source", f"unknown source '{sid}'",
                                      f"a source id listed in {sources_file}")
            if not row["source"]:
                raise self._error(res, row_no, "source", "is empty: every value needs a source",
                                  f"a source id listed in {sources_file}")

    def _check_indicators(self, res: dict, rows, indicator_units: dict[str, str]) -> None:
        for row_no, row in rows:
            ind = row["indicator"]
            if ind and ind not in indicator_units:
                raise self._error(res, row_no, "indicator", f"unknown indicator '{ind}'",
                                  "an indicator id listed in indicators.csv")

    # -- observations --------------------------------------------------------
    def _observations(self, res, rows, dims, indicator_units, source_ids) -> pd.DataFrame:
        missing = [f for f in OBSERVATION_FIELDS if f not in [s["name"] for s in res["schema"]["fields"]]]
        if missing:
            raise DataError(display_path(self.package_file),
                            f"observation table '{res['name']}' lacks columns {', '.join(missing)}",
                            valid=", ".join(OBSERVATION_FIELDS))
        self._check_indicators(res, rows, indicator_units)
        self._check_sources(res, rows, source_ids)
        for row_no, row in rows:
            ind_unit = indicator_units[row["indicator"]]
            unit = row["unit"]
            if unit not in units.UNITS:
                raise self._error(res, row_no, "unit", f"unknown unit '{unit}'",
                                  ", ".join(units.known_units()))
            if not PERIOD_PATTERN.match(row["period"]):
                raise self._error(res, row_no, "period",
                                  f"'{row['period']}' has an unknown period format", PERIOD_FORMATS)
            if row["measure"] not in MEASURES:
                raise self._error(res, row_no, "measure", f"'{row['measure']}' is not a measure",
                                  ", ".join(MEASURES))
            if row["status"] not in STATUSES:
                raise self._error(res, row_no, "status", f"'{row['status']}' is not a status",
                                  ", ".join(s or "(empty)" for s in STATUSES))
            if row["measure"] == "level":
                if not units.convertible(unit, ind_unit):
                    same = [u.name for u in units.UNITS.values()
                            if u.quantity == units.UNITS[ind_unit].quantity]
                    raise self._error(res, row_no, "unit",
                                      f"unit '{unit}' cannot express indicator '{row['indicator']}' "
                                      f"(measured in {ind_unit})", ", ".join(same))
            elif unit != "%":
                raise self._error(res, row_no, "unit",
                                  f"a {row['measure']} value is a percentage, not '{unit}'", "%")
        self._check_unique(res, rows, ["indicator", "period", *dims, "measure"])

        frame = self._frame(rows)
        frame["table"] = res["name"]
        frame["decimals"] = [units.decimals_of(r["value"]) for _, r in rows]
        frame["value"] = pd.to_numeric(frame["value"])
        return frame


def _is_number(text: str) -> bool:
    return bool(re.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)", text))


def split_ids(text: str) -> list[str]:
    """Source ids of one row (several are separated by ';')."""
    return [s.strip() for s in text.split(";") if s.strip()]
