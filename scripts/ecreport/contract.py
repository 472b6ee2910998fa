"""The part of the value contract Frictionless Table Schema can express, checked by frictionless-py.

Types, required cells, enums and patterns, primary keys and foreign keys
(observation → indicator, every row → source) are declared in
``datapackage.json`` and checked by frictionless on the rows as
:mod:`ecreport.csvfile` read them, so its row numbers are the spreadsheet's.
Its findings are turned into the book's one-line problems.
"""

from __future__ import annotations

import re
import sys

from .cells import DATE_VALID, NUMBER_VALID, PERIOD_VALID
from .errors import Problem

# jsonschema imports this optional URI grammar at once (about a second); frictionless does not need it
sys.modules.setdefault("rfc3987_syntax", None)

TYPE_VALID = {"number": NUMBER_VALID, "integer": "a whole number such as 3"}
PERIOD_FORMATS = PERIOD_VALID
DATE_FORMATS = DATE_VALID


def validate(package: dict, tables: dict, files: dict[str, str], reported: set) -> list[Problem]:
    """Check every resource of ``package`` (its descriptor) on the rows read into ``tables``.

    ``reported`` holds (file, row) and (file, row, column) already named by a sharper check; frictionless's
    finding there is not repeated.
    """
    import frictionless

    resources = []
    for res in package["resources"]:
        table = tables[res["name"]]
        fields = [f["name"] for f in res["schema"]["fields"]]
        data = [fields]
        last = max([n for n, _ in table.rows] + [1])
        by_row = dict(table.rows)
        for row_no in range(2, last + 1):          # keep the spreadsheet's numbering: fill gaps with blank rows
            row = by_row.get(row_no)
            data.append([row[f] for f in fields] if row else [""] * len(fields))
        descriptor = {k: v for k, v in res.items() if not k.startswith("ecreport:") and k not in ("path", "encoding", "format")}
        descriptor["schema"] = {**res["schema"], "missingValues": [""],
                                "foreignKeys": [_to_key_lookup(k) for k in res["schema"].get("foreignKeys", [])]}
        try:
            resources.append(frictionless.Resource.from_descriptor({**descriptor, "data": data}))
        except frictionless.FrictionlessException as exc:
            return [Problem("datapackage.json", f"resource '{res['name']}' is not a valid descriptor: {exc.error.note}")]
    resources += _key_lookups(package, tables)
    try:
        report = frictionless.Package(resources=resources).validate()
    except frictionless.FrictionlessException as exc:
        return [Problem("datapackage.json", f"is not a valid data package: {exc.error.note}")]
    problems = []
    specs = {res["name"]: {f["name"]: f for f in res["schema"]["fields"]} for res in package["resources"]}
    keys = {res["name"]: _as_list(res["schema"].get("primaryKey", [])) for res in package["resources"]}
    for task in report.tasks:
        if task.name not in files:          # a table of referenced keys (see _to_key_lookup)
            continue
        shown = files[task.name]
        table = tables[task.name]
        skipped = table.blank_rows | table.bad_rows | _gaps(table)
        for error in task.errors:
            row = getattr(error, "row_number", None)
            column = getattr(error, "field_name", None)
            if error.type == "blank-row" or row in skipped or (shown, row) in reported or (shown, row, column) in reported:
                continue
            problems.append(_problem(error, shown, specs[task.name], table, keys[task.name]))
    return problems


LOOKUP = "{}--keys"


def _to_key_lookup(key: dict) -> dict:
    """A foreign key checked against a table of the referenced keys alone.

    frictionless copies the whole referenced resource for every foreign key that points to it; the sources
    table carries long excerpts, so each lookup reads only its key column. What is checked is the same:
    every value must be a key of the referenced table.
    """
    reference = key["reference"]
    return {**key, "reference": {**reference, "resource": LOOKUP.format(reference["resource"])}}


def _key_lookups(package: dict, tables: dict) -> list:
    import frictionless

    wanted = {}
    for res in package["resources"]:
        for key in res["schema"].get("foreignKeys", []):
            reference = key["reference"]
            wanted.setdefault(reference["resource"], set()).update(_as_list(reference["fields"]))
    lookups = []
    for name, fields in wanted.items():
        columns = sorted(fields)
        data = [columns] + [[row[c] for c in columns] for _, row in tables[name].rows] if name in tables else [columns]
        lookups.append(frictionless.Resource.from_descriptor({
            "name": LOOKUP.format(name), "data": data,
            "schema": {"fields": [{"name": c, "type": "string"} for c in columns], "missingValues": [""]}}))
    return lookups


def _short_valid(spec: dict) -> str:
    """What a field holds, in a few words: its formats, or the first sentence of its description."""
    if spec.get("name") == "period":
        return PERIOD_FORMATS
    if "YYYY" in spec.get("description", ""):
        return DATE_FORMATS
    return spec.get("description", "").split(". ")[0].split(": ")[0].rstrip(".")


def _gaps(table) -> set[int]:
    present = {n for n, _ in table.rows}
    return set(range(2, max(present | {1}) + 1)) - present


def _problem(error, shown: str, fields: dict, table, key: list[str]) -> Problem:
    row = getattr(error, "row_number", None)
    column = getattr(error, "field_name", None)
    cell = getattr(error, "cell", None)
    spec = fields.get(column, {})
    if error.type == "type-error":
        kind = spec.get("type", "string")
        return Problem(shown, f"'{cell}' is not a {'whole number' if kind == 'integer' else kind}", row, column,
                       TYPE_VALID.get(kind))
    if error.type == "constraint-error":
        constraint = re.search(r'constraint "(\w+)"', error.note)
        name = constraint.group(1) if constraint else ""
        if name == "required":
            if column == "source":
                return Problem(shown, "is empty: every value needs a source", row, column, "a source id listed in sources.csv")
            return Problem(shown, "is empty but required", row, column, _short_valid(spec))
        if name == "enum":
            allowed = spec.get("constraints", {}).get("enum", [])
            return Problem(shown, f"'{cell}' is not allowed", row, column, ", ".join(v or "(empty)" for v in allowed))
        if name == "pattern":
            if column == "period":
                return Problem(shown, f"'{cell}' has an unknown period format", row, column, PERIOD_FORMATS)
            if "YYYY" in spec.get("description", ""):
                return Problem(shown, f"'{cell}' is not a date", row, column, DATE_FORMATS)
            return Problem(shown, f"'{cell}' has an unknown format", row, column,
                           f"text matching {spec['constraints']['pattern']}")
        return Problem(shown, f"'{cell}' breaks the constraint {name}", row, column, _short_valid(spec))
    if error.type == "primary-key":
        return Problem(shown, _duplicate_key(table, row, key, error.note), row, None,
                       "one row per value: change a key column or remove one of the rows")
    if error.type == "foreign-key":
        match = re.search(r'for "([^"]+)": values "([^"]*)" not found in the lookup table "([\w-]+)"', error.note)
        if match:
            column, value, target = match.groups()
            target = target.removesuffix(LOOKUP.format(""))
            what = {"indicators": "indicator", "sources": "source"}.get(target, target)
            return Problem(shown, f"unknown {what} '{value}'", row, column, f"a{'n' if what[0] in 'aeiou' else ''} "
                           f"{what} id listed in {target}.csv")
    return Problem(shown, error.note or error.title, row, column)


def _as_list(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _duplicate_key(table, row: int | None, key: list[str], note: str) -> str:
    match = re.search(r"row at position (\d+)", note)
    first = int(match.group(1)) if match else None
    values = dict(table.rows).get(row, {})
    shown = ", ".join(f"{c}={values.get(c) or '(empty)'}" for c in key)
    return f"duplicate key ({shown}); row {first} has the same key" if first else f"duplicate key ({shown})"
