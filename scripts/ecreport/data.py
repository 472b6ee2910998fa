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
raises one :class:`~ecreport.errors.DataError` listing every problem, one line
each, naming file, row (as a spreadsheet numbers it), column, the value and
what is valid. The checks, in order: the file as a spreadsheet saved it
(:mod:`ecreport.csvfile`), cells a person typed (:mod:`ecreport.cells`), the
schema with frictionless-py (:mod:`ecreport.contract`), then the value
contract (:mod:`ecreport.valuechecks`). A data folder that passed is
remembered by the hash of its files, so it is not checked again.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import cells, contract, csvfile, provenance, units, valuechecks
from .errors import DataError, Problem
from .paths import BUILD_ROOT, DEFAULT_DATA_DIR, display_path

# a date as precise as known (2018-08-31, 2018-08, 2018): the pattern datapackage.json gives such fields
DATE_PATTERN = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?", re.ASCII)
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
    "computed": "计算值（由本书按其他数值计算）",
}
OBSERVATION_FIELDS = ["indicator", "period", "measure", "value", "unit", "status", "vintage", "source", "see_also",
                      "read_as", "inputs", "note"]


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

    Observations hold one row per value: where a figure was released more than once (a
    preliminary and a final figure), the latest release; ``all_vintages`` keeps them all. In
    the frames, ``source`` lists the ids a row cites, its source then its see_also, joined by ';'.

    Reading a frame records which tables a notebook depends on, so that the
    build re-executes a chapter only when data it reads has changed.
    """

    data_dir: Path
    _indicators: pd.DataFrame
    _sources: pd.DataFrame
    _observations: pd.DataFrame
    _all_vintages: pd.DataFrame
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
    def all_vintages(self) -> pd.DataFrame:
        """Every release of every value, superseded ones included (the appendix that lists revisions)."""
        self._uses("observations")
        return self._all_vintages

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
        return self._of_table(self._observations, indicator)

    def releases_of(self, indicator: str) -> pd.DataFrame:
        """Every release of one indicator's values, superseded ones included (depends on its table only)."""
        return self._of_table(self._all_vintages, indicator)

    def _of_table(self, frame: pd.DataFrame, indicator: str) -> pd.DataFrame:
        table = self.table_of(indicator)
        if table is None:
            return frame.iloc[0:0]
        _ACCESSED.add(table)
        return frame[frame["table"] == table]

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


KIT_CHECKS = ["data.py", "csvfile.py", "cells.py", "contract.py", "valuechecks.py", "provenance.py", "units.py"]


def _fingerprint(package_bytes: bytes, files: list[Path]) -> str:
    """What a validation result depends on: the data files and the code that checks them."""
    digest = hashlib.sha256(package_bytes)
    for path in files:
        digest.update(path.name.encode() + b"\0" + (path.read_bytes() if path.is_file() else b"<missing>") + b"\0")
    kit = Path(__file__).resolve().parent
    for name in KIT_CHECKS:
        module = kit / name
        digest.update(module.read_bytes() if module.is_file() else b"")
    return digest.hexdigest()


def _validated_marker(fingerprint: str) -> Path:
    return BUILD_ROOT / "cache" / "validated" / fingerprint


class _Loader:
    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.package_file = data_dir / "datapackage.json"

    def shown(self, res: dict) -> str:
        return display_path(self.data_dir / res["path"])

    # -- package -----------------------------------------------------------
    def run(self) -> Dataset:
        package, package_bytes = self._read_package()
        resources = package["resources"]
        roles = {res["name"]: res.get("ecreport:role", "reference") for res in resources}
        for role in ("indicators", "sources"):
            if list(roles.values()).count(role) != 1:
                raise DataError(display_path(self.package_file),
                                f"needs exactly one resource with \"ecreport:role\": \"{role}\"")
        for res in resources:
            if roles[res["name"]] == "observations":
                names = [f["name"] for f in res["schema"]["fields"]]
                lacking = [f for f in OBSERVATION_FIELDS if f not in names]
                if lacking:
                    raise DataError(display_path(self.package_file),
                                    f"observation table '{res['name']}' lacks columns {', '.join(lacking)}",
                                    valid=", ".join(OBSERVATION_FIELDS))

        tables = {res["name"]: csvfile.read_table(self.data_dir / res["path"], self.shown(res),
                                                  [f["name"] for f in res["schema"]["fields"]])
                  for res in resources}
        problems = [p for t in tables.values() for p in t.problems]
        if any(not t.header for t in tables.values()):
            raise DataError.of(problems)           # a file that cannot be read: the rest would only echo it
        marker = _validated_marker(_fingerprint(package_bytes, [self.data_dir / r["path"] for r in resources]))
        if not marker.is_file():
            problems += self._validate(package, tables)
            if not problems:
                _remember(marker)
        if problems:
            raise DataError.of(sorted(problems, key=lambda p: (p.file, p.row or 0)))
        return self._dataset(resources, roles, tables)

    def _read_package(self) -> tuple[dict, bytes]:
        shown = display_path(self.package_file)
        if not self.package_file.is_file():
            raise DataError(shown, "file not found",
                            valid="every data folder has a datapackage.json describing its tables")
        raw = self.package_file.read_bytes()
        text, problem = csvfile.decode(raw, shown)
        if problem:
            raise DataError.of([problem])
        try:
            package = json.loads(text)
        except json.JSONDecodeError as exc:
            raise DataError(shown, f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
        if not isinstance(package, dict) or not isinstance(package.get("resources"), list) or not package["resources"]:
            raise DataError(shown, "has no \"resources\" list")
        for i, res in enumerate(package["resources"]):
            for key in ("name", "path", "schema"):
                if not isinstance(res, dict) or key not in res:
                    raise DataError(shown, f"resource {i + 1} has no \"{key}\"")
        return package, raw

    # -- checks ------------------------------------------------------------
    def _validate(self, package: dict, tables: dict) -> list[Problem]:
        """Every problem of the package: typed cells, then the schema (frictionless), then the value contract."""
        problems, reported = self._cell_problems(package, tables)
        files = {res["name"]: self.shown(res) for res in package["resources"]}
        problems += contract.validate(package, tables, files, reported)
        # the value contract is checked on the rows that passed the schema
        refused = {(p.file, p.row) for p in problems}
        passed = {name: csvfile.Table(t.file, t.header, [(n, r) for n, r in t.rows if (t.file, n) not in refused])
                  for name, t in tables.items()}
        return problems + self._value_problems(package, passed)

    def _cell_problems(self, package: dict, tables: dict) -> tuple[list[Problem], set]:
        """What a person or a spreadsheet typed into a cell that must hold a number, period, date or id."""
        problems, reported = [], set()
        for res in package["resources"]:
            table, shown = tables[res["name"]], self.shown(res)
            for spec in res["schema"]["fields"]:
                paired = spec.get("ecreport:required_with")      # e.g. ended_by, where ended is given
                if paired:
                    for row_no, row in table.rows:
                        if row[paired] != "" and row[spec["name"]] == "":
                            problems.append(Problem(shown, f"is empty but required where {paired} is given", row_no,
                                                    spec["name"], spec.get("description", "").split(": ", 1)[-1]))
                            reported.add((shown, row_no, spec["name"]))
                check = _cell_check(spec)
                if check is None:
                    continue
                name = spec["name"]
                for row_no, row in table.rows:
                    if row[name] == "":
                        continue
                    found = check(row[name])
                    if found:
                        problems.append(Problem(shown, found[0], row_no, name, found[1]))
                        reported.add((shown, row_no, name))
        return problems, reported

    def _value_problems(self, package: dict, tables: dict) -> list[Problem]:
        resources = package["resources"]
        by_role = {res.get("ecreport:role", "reference"): res for res in resources}
        indicator_rows = tables[by_role["indicators"]["name"]].rows
        indicator_units = {row["indicator"]: row["unit"] for _, row in indicator_rows}
        bounds = valuechecks.indicator_bounds(indicator_rows)
        problems = []
        for _, row in indicator_rows:
            if row["unit"] not in units.UNITS:
                problems.append(Problem(display_path(self.data_dir / by_role["indicators"]["path"]),
                                        f"unknown unit '{row['unit']}'", _row_no(indicator_rows, row), "unit",
                                        ", ".join(units.known_units())))
        if problems:
            return problems
        observations = [res for res in resources if res.get("ecreport:role") == "observations"]
        for res in observations:
            shown = self.shown(res)
            for row_no, row in tables[res["name"]].rows:
                problems += valuechecks.check_observation(row, shown, row_no, indicator_units[row["indicator"]],
                                                          bounds.get(row["indicator"]))
        if problems:
            return problems
        sources = {row["source"]: row for _, row in tables[by_role["sources"]["name"]].rows}
        if "hosts" in by_role:
            hosts = {row["host"]: row["class"] for _, row in tables[by_role["hosts"]["name"]].rows}
            problems += valuechecks.check_citations(tables[by_role["sources"]["name"]].rows,
                                                    self.shown(by_role["sources"]), hosts,
                                                    display_path(self.data_dir / by_role["hosts"]["path"]))
        if "judgements" in by_role and "report_judgements" in by_role:
            problems += self._judgement_problems(tables[by_role["judgements"]["name"]].rows,
                                                 tables[by_role["report_judgements"]["name"]].rows,
                                                 self.shown(by_role["report_judgements"]))
        return (problems + self._vintage_problems(observations, tables, sources)
                + self._provenance_problems(observations, tables, sources)
                + self._read_problems(observations, tables, sources) + self._computed_problems(observations, tables))

    @staticmethod
    def _judgement_problems(rules, said, shown: str) -> list[Problem]:
        """The report's words for a judgement are its rule's words, for the rule holding or not."""
        words = {row["rule"]: (row["holds"], row["fails"]) for _, row in rules}
        return [Problem(shown, f"'{row['words']}' is not a wording of rule {row['rule']}", row_no, "words",
                        " or ".join(words[row["rule"]]))
                for row_no, row in said if row["rule"] in words and row["words"] not in words[row["rule"]]]

    def _vintage_problems(self, observations, tables, sources) -> list[Problem]:
        """A figure's vintage is the release date of the source it was read from, where that date is known
        (a computed value is not read from a release)."""
        problems = []
        for res in observations:
            shown = self.shown(res)
            for row_no, row in tables[res["name"]].rows:
                released = sources[row["source"]]["published"]
                if released and row["vintage"] != released and row["status"] != "computed":
                    problems.append(Problem(shown, f"vintage {row['vintage']} is not the release date of "
                                                   f"{row['source']}", row_no, "vintage",
                                            f"{released}, as sources.csv gives it (or correct the date there)"))
        return problems

    def _provenance_problems(self, observations, tables, sources) -> list[Problem]:
        """A value not taken from the report is in the excerpt of the source it was read from."""
        problems = []
        for res in observations:
            shown = self.shown(res)
            for row_no, row in tables[res["name"]].rows:
                source = sources[row["source"]]
                if source["confidence"] == "report" or row["read_as"] or row["status"] == "computed":
                    continue
                if provenance.find_value(row["value"], row["unit"], row["measure"], source["excerpt"]) is None:
                    problems.append(Problem(
                        shown, f"{row['value']} {row['unit']} is not in the excerpt of {row['source']}", row_no, "value",
                        "the value as the excerpt writes it, rounded or in another unit, never with more digits; "
                        "or read_as words/order, quoting them in the note"))
        return problems

    def _read_problems(self, observations, tables, sources) -> list[Problem]:
        """A value read from words or word order quotes them as its source's excerpt writes them."""
        problems = []
        for res in observations:
            shown = self.shown(res)
            for row_no, row in tables[res["name"]].rows:
                if not row["read_as"]:
                    continue
                excerpt = sources[row["source"]]["excerpt"]
                quotes = valuechecks.quoted_words(row["note"])
                if not quotes:
                    problems.append(Problem(shown, f"is read from {row['read_as']} but its note quotes no words",
                                            row_no, "note", "the words the value is read from, in “…”, as the "
                                            f"excerpt of {row['source']} writes them"))
                for quote in quotes:
                    if quote not in excerpt:
                        problems.append(Problem(shown, f"quotes “{quote}”, which the excerpt of {row['source']} "
                                                       "does not contain", row_no, "note",
                                                "words copied from the excerpt in sources.csv"))
        return problems

    def _computed_problems(self, observations, tables) -> list[Problem]:
        """A computed value names its inputs, and recomputing them gives it."""
        index, dims_of, table_of = {}, {}, {}
        for res in observations:
            dims = [f["name"] for f in res["schema"]["fields"] if f["name"] not in OBSERVATION_FIELDS]
            for _, row in tables[res["name"]].rows:
                dims_of[row["indicator"]], table_of[row["indicator"]] = dims, res
                key = (row["indicator"], row["period"], tuple(row[d] for d in dims), row["measure"])
                if key not in index or row["vintage"] > index[key]["vintage"]:
                    index[key] = row
        problems = []
        for res in observations:
            shown = self.shown(res)
            for row_no, row in tables[res["name"]].rows:
                computed, formula = row["status"] == "computed", row["inputs"]
                if computed != bool(formula):
                    problems.append(Problem(shown, "a computed value names its inputs, and only a computed one"
                                            if computed else "has inputs but its status is not computed",
                                            row_no, "inputs" if computed else "status",
                                            "status computed with a formula in inputs, e.g. "
                                            "{cbec_retail 2019 level} - {cbec_retail 2019 flow=进口 level}"))
                    continue
                if not computed:
                    continue

                def lookup(reference: str) -> float:
                    indicator = reference.split()[0] if reference.split() else ""
                    if indicator not in dims_of:
                        raise valuechecks.FormulaError(f"'{{{reference}}}': no indicator '{indicator}' in the data")
                    ind, period, dims, measure = valuechecks.parse_reference(reference, dims_of[indicator])
                    key = (ind, period, tuple(dims.get(d, "") for d in dims_of[ind]), measure)
                    if key not in index:
                        raise valuechecks.FormulaError(f"'{{{reference}}}': no such value in {self.shown(table_of[ind])}")
                    found = index[key]
                    target = row["unit"] if measure == "level" and units.convertible(found["unit"], row["unit"]) else found["unit"]
                    return units.convert(float(found["value"]), found["unit"], target)

                try:
                    value = valuechecks.evaluate(formula, lookup)
                except (valuechecks.FormulaError, ZeroDivisionError) as exc:
                    problems.append(Problem(shown, str(exc), row_no, "inputs",
                                            "{indicator period [dimension=value …] [measure]} references joined by + - * /"))
                    continue
                if not valuechecks.agrees(value, row["value"]):
                    problems.append(Problem(shown, f"{row['value']} does not agree with its inputs, which give "
                                                   f"{value:.{units.decimals_of(row['value']) + 2}f}", row_no, "value",
                                            "the value the formula in inputs gives, rounded as written"))
        return problems

    # -- frames --------------------------------------------------------------
    def _dataset(self, resources, roles, tables) -> Dataset:
        frames = {name: _frame(table.rows) for name, table in tables.items()}
        for frame in frames.values():
            if "see_also" in frame:
                frame["source"] = [f"{a};{b}" if b else a for a, b in zip(frame["source"], frame["see_also"])]
        observations, dimensions = [], {}
        for res in resources:
            if roles[res["name"]] != "observations":
                continue
            dims = [f["name"] for f in res["schema"]["fields"] if f["name"] not in OBSERVATION_FIELDS]
            dimensions[res["name"]] = dims
            frame = frames[res["name"]].copy()
            rows = tables[res["name"]].rows
            if not rows:
                continue
            frame["table"] = res["name"]
            frame["decimals"] = [units.decimals_of(r["value"]) for _, r in rows]
            frame["value"] = pd.to_numeric(frame["value"])
            observations.append(frame)
        all_dims = sorted({d for ds in dimensions.values() for d in ds})
        obs = pd.concat(observations, ignore_index=True) if observations else pd.DataFrame()
        for d in all_dims:
            obs[d] = obs[d].fillna("") if d in obs else ""
        one = {role: next((frames[n] for n, r in roles.items() if r == role), pd.DataFrame())
               for role in ("indicators", "sources", "events", "discrepancies")}
        return Dataset(
            data_dir=self.data_dir, _indicators=one["indicators"], _sources=one["sources"],
            _all_vintages=obs, _observations=_latest_vintages(obs, all_dims), _events=one["events"],
            _discrepancies=one["discrepancies"], _tables=frames,
            files={res["name"]: self.data_dir / res["path"] for res in resources},
            dimensions=dimensions, roles=roles,
        )


def _cell_check(spec: dict):
    kind = spec.get("type", "string")
    pattern = spec.get("constraints", {}).get("pattern")
    if kind == "number":
        return cells.number_problem
    if kind == "integer":
        return cells.integer_problem
    if pattern is None:
        return None
    compiled = re.compile(pattern, re.ASCII)
    if spec["name"] == "period":
        return lambda text: cells.period_problem(text, compiled)
    if pattern == DATE_PATTERN.pattern:
        return lambda text: cells.date_problem(text, compiled)
    return lambda text: cells.text_problem(text, compiled)


def _row_no(rows, row) -> int:
    return next(n for n, r in rows if r is row)


def _remember(marker: Path) -> None:
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
    except OSError:
        pass            # a read-only project folder: the data is checked again next time


def _frame(rows: list[tuple[int, dict]]) -> pd.DataFrame:
    frame = pd.DataFrame([r for _, r in rows])
    if len(rows):
        frame["row"] = [n for n, _ in rows]
    return frame


def _latest_vintages(obs: pd.DataFrame, dims: list[str]) -> pd.DataFrame:
    """One row per value: where a figure was released more than once, the latest release."""
    if obs.empty:
        return obs
    key = ["table", "indicator", "period", *dims, "measure"]
    latest = obs.sort_values("vintage", kind="stable").drop_duplicates(key, keep="last")
    return obs.loc[sorted(latest.index)].reset_index(drop=True)


def split_ids(text: str) -> list[str]:
    """Source ids of one row as the loaded frames hold them (source, then see_also, separated by ';')."""
    return [s.strip() for s in text.split(";") if s.strip()]
