"""Importing a filled-in sheet into a data folder (``build.py --import-sheet FILE``): all or nothing.

The sheet's rows are read as Excel really stores them (periods turned into dates, 8.6% stored as 0.086,
numbers stored as text, full-width digits), turned into rows of the CSVs (the values, one source per
document with a generated id, new hosts) and written into a copy of the folder, which is then checked as
strictly as the CSVs themselves. Only a copy that passes takes the folder's place, in one rename: a
failed or killed import leaves the folder as it was. Problems are named by sheet, row and column.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from urllib.parse import urlparse

from .build.exchange import exchange
from .build.kill_points import kill_point
from .cells import _half_width
from .data import Dataset, load
from .errors import DataError, EcReportError, Problem
from .paths import display_path
from .sheet import ENTRY_KEYS, KEYS, SHEET_NAME

REVISIONS = "revisions"      # the table that keeps each row an import replaced
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")
CONFIDENCE_OF_HOST = {"official": "official", "spam": "low"}        # any other class: secondary
SOURCE_FIELDS = ["organisation", "title", "published", "url", "read_at", "via"]


class SheetError(EcReportError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(str(DataError.of(problems)))


@dataclass
class Plan:
    """What an import writes: rows to append per table (with the sheet row each came from), rows replaced."""
    appended: dict[str, list[tuple[int, dict]]] = field(default_factory=dict)
    replaced: dict[str, list[tuple[int, dict]]] = field(default_factory=dict)   # table -> (its row number, row)
    sources: list[str] = field(default_factory=list)
    hosts: list[str] = field(default_factory=list)

    def add(self, table: str, sheet_row: int, row: dict) -> None:
        self.appended.setdefault(table, []).append((sheet_row, row))

    def summary(self, dataset: Dataset, sheet: str, data_dir: Path, kept: Path) -> str:
        values = {t: len(rows) for t, rows in self.appended.items()
                  if dataset.roles.get(t) == "observations"}
        lines = [f"imported {sheet} into {display_path(data_dir)}: added {sum(values.values())} value(s) ("
                 + ", ".join(f"{dataset.file_of(t)}: {n}" for t, n in values.items()) + "), "
                 f"{len(self.sources)} source(s) ({', '.join(self.sources) or 'none new'}), {len(self.hosts)} host(s)"]
        for table, rows in self.replaced.items():
            for number, row in rows:
                lines.append(f"replaced {dataset.file_of(table)} row {number}: {row['indicator']} {row['period']} "
                             f"{row['measure']} {row['value']} {row['unit']} (kept in {dataset.file_of(REVISIONS)})")
        lines.append(f"the folder as it was before the import is kept at {display_path(kept)}")
        return "\n".join(lines)


# -- reading the sheet ------------------------------------------------------------------------------
def read_sheet(path: Path) -> tuple[list[tuple[int, dict]], list[Problem]]:
    """The rows with a value, as {key: text}, each with its row number in the sheet."""
    from openpyxl import load_workbook
    shown = path.name
    try:
        book = load_workbook(path, data_only=True)
    except Exception as exc:          # not an .xlsx file, or a damaged one
        return [], [Problem(shown, f"cannot be read as an Excel workbook ({type(exc).__name__})",
                            valid="an .xlsx file written by build.py --sheet and saved by Excel or LibreOffice")]
    sheet = book[SHEET_NAME] if SHEET_NAME in book.sheetnames else book.active
    header = [str(c.value).split()[-1] if c.value not in (None, "") else "" for c in sheet[1]]
    lacking = [k for k in ("indicator", "period", "measure", "unit", "value") if k not in header]
    if lacking:
        return [], [Problem(f"{shown} ({sheet.title})", f"row 1 lacks the column(s) {', '.join(lacking)}",
                            valid="the header row build.py --sheet writes, each title ending in its key")]
    rows, problems, where = [], [], problem_place(path)
    for cells in sheet.iter_rows(min_row=2):
        number = cells[0].row
        by_key = {key: cell for key, cell in zip(header, cells) if key}
        if all(_text(by_key.get(k)) == "" for k in ENTRY_KEYS if k in by_key):
            continue                                          # nothing typed: not asked to import
        row, row_problems = _row_values(by_key, where, number)
        problems += row_problems
        if not row_problems:
            rows.append((number, row))
    return rows, problems


def problem_place(path: Path) -> str:
    """How a problem names the sheet: the file and the worksheet (sheet.xlsx (待填数值))."""
    return f"{path.name} ({SHEET_NAME})"


def _text(cell) -> str:
    """A cell as text: a date as YYYY-MM-DD, a whole number without '.0'."""
    if cell is None or cell.value is None:
        return ""
    value = cell.value
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return _decimal_text(Decimal(repr(value)))
    return str(value).strip()


def _decimal_text(number: Decimal) -> str:
    text = format(number.normalize(), "f")
    return text[:-2] if text.endswith(".0") else text


def _row_values(cells: dict, shown: str, number: int) -> tuple[dict, list[Problem]]:
    row = {key: _text(cell) for key, cell in cells.items()}
    problems = []
    row["period"] = _period(cells.get("period"))
    for key in ("vintage", "published"):
        if key in cells:
            row[key] = _date(cells[key])
    value, unit, problem = _value(cells.get("value"), row.get("unit", ""))
    if problem:
        problems.append(Problem(shown, problem, number, "value",
                                "a number as the source printed it: 32546, 8.6, 8.6% or a percent cell"))
    row["value"], row["unit"] = value, unit
    return row, problems


def _period(cell) -> str:
    """A period; a month Excel turned into a date (2026-03 became 2026-03-01) becomes 2026-03 again."""
    if cell is not None and isinstance(cell.value, (datetime, date)):
        return f"{cell.value.year:04d}-{cell.value.month:02d}"
    return _half_width(_text(cell))


def _date(cell) -> str:
    return _half_width(_text(cell))


def _value(cell, unit: str) -> tuple[str, str, str | None]:
    """(value, unit, problem): a percent cell (0.086 shown as 8.6%) or '8.6%' is 8.6 in %."""
    if cell is None or cell.value in (None, ""):
        return "", unit, "is empty"
    if isinstance(cell.value, bool) or isinstance(cell.value, (datetime, date)):
        return "", unit, f"{_text(cell)!r} is not a number"
    if isinstance(cell.value, (int, float)):
        number = Decimal(repr(cell.value))
        if "%" in (cell.number_format or ""):
            return _percent(number * 100, unit)
        return _decimal_text(number), unit, None
    text = _half_width(str(cell.value)).strip().replace(" ", "")
    percent = text.endswith("%")
    text = text.rstrip("%")
    if GROUPED.fullmatch(text):
        text = text.replace(",", "")
    if not NUMBER.fullmatch(text):
        return "", unit, f"{str(cell.value)!r} is not a number"
    number = Decimal(text)
    return _percent(number, unit) if percent else (_decimal_text(number), unit, None)


def _percent(number: Decimal, unit: str) -> tuple[str, str, str | None]:
    if unit not in ("", "%"):
        return "", unit, f"a percentage in a row whose unit is {unit!r}"
    return _decimal_text(number), "%", None


# -- turning rows into the tables' rows -----------------------------------------------------------------
def plan(dataset: Dataset, rows: list[tuple[int, dict]], shown: str, replace: bool,
         existing: dict[str, list[dict]]) -> tuple[Plan, list[Problem]]:
    result, problems = Plan(), []
    hosts_table = _role(dataset, "hosts")
    known_hosts = {r["host"]: r["class"] for r in existing[hosts_table]}
    source_ids = {r["source"] for r in existing[_role(dataset, "sources")]}
    sources_table = existing[_role(dataset, "sources")]
    known_documents = {tuple(r.get(k, "") for k in SOURCE_FIELDS): r["source"] for r in sources_table}
    existing_excerpts = {r["source"]: r.get("excerpt", "") for r in sources_table}
    documents: dict[tuple, str] = {}
    excerpts: dict[str, list[str]] = {}
    source_rows: dict[str, dict] = {}
    keys = _primary_keys(dataset)
    for number, row in rows:
        def problem(column, text, valid=None):
            problems.append(Problem(shown, text, number, column, valid))
        indicator = row.get("indicator", "")
        table = dataset.table_of(indicator)
        if not table:
            problem("indicator", f"unknown indicator {indicator!r}" if indicator else "is empty",
                    "an indicator of indicators.csv that has rows in a data file")
            continue
        dims, bad = _dims(row.get("dimensions", ""), dataset.dimensions.get(table, []))
        if bad:
            problem("dimensions", bad, f"name=value pairs separated by ；, names: {', '.join(dataset.dimensions.get(table, [])) or 'none'}")
            continue
        # the source: an id given, else one per document, generated
        sid = row.get("source", "")
        for page in ("url", "read_at"):
            host = (urlparse(row.get(page, "")).hostname or "").lower()
            if host and host not in known_hosts:
                if row.get("host_class", "") == "":
                    problem("host_class", f"{host} is not in hosts.csv",
                            "official, media, industry, aggregator or spam (the class of the new site)")
                    continue
                known_hosts[host] = row["host_class"]
                result.add(hosts_table, number, {"host": host, "class": row["host_class"],
                                                  "note": f"由{shown.split(' (')[0]}导入"})
                result.hosts.append(host)
        if sid and sid in source_ids and not any(row.get(k) for k in SOURCE_FIELDS + ["excerpt"]):
            pass                                               # an existing source, cited by its id
        else:
            document = tuple(row.get(k, "") for k in SOURCE_FIELDS)
            if sid in source_ids:
                problem("source", f"{sid} is already a source; leave the id empty to cite a new document",
                        "an existing id with the document cells empty, or a new id")
                continue
            same_document = documents.get(document) or known_documents.get(document)
            if same_document in known_documents.values() and row.get("excerpt", "") not in existing_excerpts[same_document]:
                problem("excerpt", f"this document is already source {same_document}, whose excerpt does not hold "
                        "this one", f"the document's cells as in sources.csv with an excerpt it holds, or its id "
                        f"{same_document} in the source column and the document cells empty")
                continue
            sid = sid or same_document or _new_id(row, source_ids)
            documents[document] = sid
            if sid not in source_rows and sid not in known_documents.values():
                page = row.get("read_at") or row.get("url")
                host_class = known_hosts.get((urlparse(page or "").hostname or "").lower(), "")
                confidence = row.get("confidence") or CONFIDENCE_OF_HOST.get(host_class, "secondary" if page else "")
                source_rows[sid] = {"source": sid, **{k: row.get(k, "") for k in SOURCE_FIELDS},
                                    "confidence": confidence, "excerpt": "", "feeds": ""}
                source_ids.add(sid)
                result.add(_role(dataset, "sources"), number, source_rows[sid])
                result.sources.append(sid)
            excerpt = row.get("excerpt", "")
            if sid in source_rows and excerpt and excerpt not in excerpts.setdefault(sid, []):
                excerpts[sid].append(excerpt)
                source_rows[sid]["excerpt"] = "……".join(excerpts[sid])
        record = {"indicator": indicator, "period": row["period"], **dims, "measure": row.get("measure", ""),
                  "value": row["value"], "unit": row["unit"], "status": row.get("status", ""),
                  "vintage": row.get("vintage") or row.get("published", ""), "source": sid,
                  "read_as": row.get("read_as", ""), "inputs": row.get("inputs", ""), "note": row.get("note", "")}
        key = tuple(record.get(k, "") for k in keys[table])
        same = [(i + 2, old) for i, old in enumerate(existing[table]) if tuple(old.get(k, "") for k in keys[table]) == key]
        if same and not replace:
            problem("value", f"{dataset.file_of(table)} row {same[0][0]} already has {indicator} {row['period']} "
                    f"{record['measure']} of vintage {record['vintage']!r} ({same[0][1]['value']} {same[0][1]['unit']})",
                    "a new vintage (its release date) to add it beside the old one, or --replace to replace it")
            continue
        if same:
            result.replaced.setdefault(table, []).extend(same)
        if any(tuple(r.get(k, "") for k in keys[table]) == key for _, r in result.appended.get(table, [])):
            problem("value", "the same value (indicator, period, dimensions, measure, vintage) is on an earlier row",
                    "each value once")
            continue
        result.add(table, number, record)
    return result, problems


def _role(dataset: Dataset, role: str) -> str:
    return next(name for name, r in dataset.roles.items() if r == role)


def _primary_keys(dataset: Dataset) -> dict[str, list[str]]:
    package = json.loads((dataset.data_dir / "datapackage.json").read_text(encoding="utf-8"))
    return {r["name"]: list(r["schema"].get("primaryKey", [])) for r in package["resources"]}


def _dims(text: str, allowed: list[str]) -> tuple[dict, str | None]:
    dims = {}
    for part in filter(None, (p.strip() for p in re.split(r"[;；]", text))):
        name, _, value = part.partition("=")
        if name.strip() not in allowed or not value.strip():
            return {}, f"{part!r} is not a dimension of this indicator's table"
        dims[name.strip()] = value.strip()
    return dims, None


def _new_id(row: dict, taken: set[str]) -> str:
    """sheet_20270118_1 …: the document's release date, numbered."""
    day = re.sub(r"\D", "", row.get("published") or row.get("vintage") or "") or "undated"
    n = 1
    while f"sheet_{day}_{n}" in taken:
        n += 1
    return f"sheet_{day}_{n}"


# -- writing ------------------------------------------------------------------------------------------
@dataclass
class CsvFile:
    """A CSV as bytes on disk: its byte-order mark, line ends and records, so that appending keeps them."""
    path: Path
    bom: bool
    newline: str
    header: list[str]
    records: list[list[str]]
    spans: list[str]          # the raw text of each record, as written

    @classmethod
    def read(cls, path: Path) -> "CsvFile":
        raw = path.read_bytes()
        bom = raw.startswith(b"\xef\xbb\xbf")
        text = raw.decode("utf-8-sig")
        newline = "\r\n" if "\r\n" in text else "\n"
        lines = text.splitlines(keepends=True)
        reader = csv.reader(io.StringIO(text, newline=""))
        records, spans, start = [], [], 0
        for record in reader:
            end = reader.line_num
            records.append(record)
            spans.append("".join(lines[start:end]))
            start = end
        return cls(path, bom, newline, records[0] if records else [], records[1:], spans)

    def rows(self) -> list[dict]:
        return [dict(zip(self.header, r)) for r in self.records]     # row number: index + 2

    def write(self, appended: list[dict], removed_rows: list[int]) -> None:
        """Rewrite with rows removed (by row number: header 1, first record 2) and rows appended."""
        kept = [span for i, span in enumerate(self.spans) if i == 0 or (i + 1) not in removed_rows]
        text = "".join(kept)
        if text and not text.endswith(("\n", "\r")):
            text += self.newline
        out = io.StringIO()
        writer = csv.writer(out, lineterminator=self.newline)
        for row in appended:
            writer.writerow([row.get(column, "") for column in self.header])
        data = (text + out.getvalue()).encode("utf-8")
        self.path.write_bytes((b"\xef\xbb\xbf" if self.bom else b"") + data)


def import_sheet(sheet_path: Path, data_dir: Path, replace: bool = False, today: str | None = None) -> str:
    """Import the sheet into ``data_dir``, all or nothing; returns what was added and replaced."""
    shown = sheet_path.name
    if not sheet_path.is_file():
        raise SheetError([Problem(str(sheet_path), "no such file", valid="the path of a filled-in sheet (.xlsx)")])
    dataset = load(data_dir)
    rows, problems = read_sheet(sheet_path)
    if problems:
        raise SheetError(problems)
    if not rows:
        raise SheetError([Problem(shown, "has no row with a value", valid="fill the value and source cells of the rows to import")])
    files = {name: CsvFile.read(path) for name, path in dataset.files.items()}
    existing = {name: f.rows() for name, f in files.items()}
    result, problems = plan(dataset, rows, problem_place(sheet_path), replace, existing)   # the rows it refuses are left out …
    today = today or date.today().isoformat()
    for table, olds in result.replaced.items():
        for number, old in olds:
            result.add(REVISIONS, 0, {"table": table, "replaced_on": today, "sheet": shown,
                                      "row": files[table].spans[number - 1].rstrip("\r\n")})

    data_dir = data_dir.resolve()
    staging = data_dir.with_name(f".{data_dir.name}.import-{os.getpid()}")
    _remove_own(staging)
    shutil.copytree(data_dir, staging, symlinks=True)
    try:
        origin = {}
        for table, appended in result.appended.items():
            staged = CsvFile.read(staging / dataset.files[table].name)
            staged.write([row for _, row in appended], [n for n, _ in result.replaced.get(table, [])])
            kept = len(staged.records) - len(result.replaced.get(table, []))
            for i, (sheet_row, _) in enumerate(appended):
                origin[(dataset.files[table].name, kept + 2 + i)] = sheet_row
        try:
            load(staging)                                      # … and the others checked as the CSVs are
        except DataError as exc:
            problems += [_in_sheet(p, origin, problem_place(sheet_path)) for p in exc.problems]
        if problems:
            raise SheetError(sorted(problems, key=lambda p: (p.file != problem_place(sheet_path), p.row or 0)))
        kill_point("import-staged")
        backup = data_dir.with_name(f"{data_dir.name}.before-import-{datetime.now():%Y%m%dT%H%M%S}")
        if not exchange(staging, data_dir):
            os.rename(data_dir, backup)      # without an atomic exchange: two renames
            os.rename(staging, data_dir)
            staging = backup
        kill_point("import-exchanged")
        if staging != backup:
            os.rename(staging, backup)
    except BaseException:
        _remove_own(staging)
        raise
    return result.summary(load(data_dir), shown, data_dir, backup)


def _remove_own(folder: Path) -> None:
    """Remove a staging folder of this command's own making (``.<data>.import-<pid>``)."""
    if folder.name.startswith(".") and ".import-" in folder.name and folder.is_dir():
        shutil.rmtree(folder)


COLUMN_IN_SHEET = {"class": "host_class", "host": "url", "source": "source", "region": "dimensions"}


def _in_sheet(problem: Problem, origin: dict, shown: str) -> Problem:
    """A problem the check found in the staged copy, named by the sheet row the offending CSV row came from."""
    name = Path(problem.file).name
    sheet_row = origin.get((name, problem.row))
    if sheet_row is None:
        return Problem(f"{name} (in the data with the sheet's rows)", problem.problem, problem.row,
                       problem.column, problem.valid)
    column = problem.column
    if column not in KEYS:
        column = COLUMN_IN_SHEET.get(column, "dimensions" if column else None)
    return Problem(shown, problem.problem, sheet_row, column, problem.valid)
