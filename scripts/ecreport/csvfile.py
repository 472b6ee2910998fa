"""Read a CSV file the way a spreadsheet program saved it.

Accepted: UTF-8 with or without a byte-order mark (Excel's "CSV UTF-8" writes
one), and any line ends (\\r\\n, \\n, \\r). Anything else is named — the file,
the encoding it seems to be in, how to re-save it — instead of being guessed.

Rows are numbered as a spreadsheet shows them: the header is row 1, and a cell
holding a line break does not add a row.
"""

from __future__ import annotations

import codecs
import csv
import difflib
import io
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problem

RESAVE = ("re-save it as UTF-8: in Excel 另存为 › CSV UTF-8（逗号分隔）(*.csv); in WPS 另存为 › CSV, "
          "then choose UTF-8; in LibreOffice tick 编辑筛选设置 and choose Unicode (UTF-8)")

# encodings a spreadsheet program saves a CSV in, tried in this order to name the one a file seems to be in
_LIKELY_ENCODINGS = [
    ("gb18030", "GBK/GB18030, the encoding of Excel's “CSV（逗号分隔）” on Chinese (Simplified) Windows"),
    ("big5", "Big5, the encoding of Excel's CSV on Chinese (Traditional) Windows"),
    ("shift_jis", "Shift-JIS, the encoding of Excel's CSV on Japanese Windows"),
    ("cp1252", "Windows-1252, the encoding of Excel's CSV on Western Windows"),
]


@dataclass
class Table:
    """The rows of one CSV file, numbered as a spreadsheet numbers them, and what was wrong with it."""

    file: str
    header: list[str] = field(default_factory=list)
    rows: list[tuple[int, dict]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    blank_rows: set[int] = field(default_factory=set)
    bad_rows: set[int] = field(default_factory=set)   # rows refused whole (ragged); their cells are not checked


def decode(data: bytes, shown: str) -> tuple[str | None, Problem | None]:
    """The text of a CSV file, with line ends made \\n; or the problem that stops reading it."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None, Problem(shown, "is saved as UTF-16 (Excel's “Unicode 文本”), not UTF-8", valid=RESAVE)
    if b"\0" in data:
        return None, Problem(shown, "holds NUL bytes: it is not a text file (a .xlsx saved under a .csv name?)",
                             valid="a CSV file; " + RESAVE)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        row = data[:exc.start].replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
        return None, Problem(shown, f"is not UTF-8 (the first byte that is not, 0x{data[exc.start]:02X}, is in "
                                    f"row {row}); it seems to be {_likely_encoding(data)}", valid=RESAVE)
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def _likely_encoding(data: bytes) -> str:
    for encoding, described in _LIKELY_ENCODINGS:
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return described
    return "an encoding other than UTF-8"


def read_table(path: Path, shown: str, expected: list[str]) -> Table:
    """Read one CSV file whose header must be ``expected``; collect every problem found."""
    table = Table(shown)
    if not path.is_file():
        table.problems.append(Problem(shown, "file not found", valid="the path given for it in datapackage.json"))
        return table
    text, problem = decode(path.read_bytes(), shown)
    if problem:
        table.problems.append(problem)
        return table
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        records = list(reader)
    except csv.Error as exc:
        table.problems.append(Problem(shown, f"is not a well-formed CSV file ({exc})", row=reader.line_num,
                                      valid="cells separated by commas; a cell holding a comma or a quote "
                                            "in double quotes, with its quotes doubled"))
        return table
    if not records or not any(cell.strip() for cell in records[0]):
        table.problems.append(Problem(shown, "has no header row" if records else "file is empty; it needs a header row",
                                      row=1, valid=", ".join(expected)))
        return table
    header = [h.strip() for h in records[0]]
    header_problems = check_header(header, expected, shown)
    if header_problems:
        table.problems += header_problems
        return table
    table.header = header
    for row_no, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            table.blank_rows.add(row_no)
            continue
        if len(record) != len(header):
            if len(record) > len(header) and not any(c.strip() for c in record[len(header):]):
                record = record[:len(header)]           # empty cells past the last column: a spreadsheet's doing
            else:
                table.problems.append(_ragged(shown, row_no, record, header))
                table.bad_rows.add(row_no)
                continue
        table.rows.append((row_no, {k: v.strip() for k, v in zip(header, record)}))
    return table


def _ragged(shown: str, row_no: int, record: list[str], header: list[str]) -> Problem:
    hint = ("a cell holding a comma must be in double quotes" if len(record) > len(header)
            else "add the missing cells (empty ones too)")
    return Problem(shown, f"has {len(record)} cells, the header has {len(header)}", row=row_no,
                   valid=f"one cell per column: {', '.join(header)}; {hint}")


def check_header(header: list[str], expected: list[str], shown: str) -> list[Problem]:
    """Every way a header row can differ from the schema's column names, each named."""
    if header == expected:
        return []
    problems = []
    duplicated = sorted({h for h in header if header.count(h) > 1 and h})
    for name in duplicated:
        problems.append(Problem(shown, f"column '{name}' appears {header.count(name)} times", row=1,
                                valid=", ".join(expected)))
    missing = [c for c in expected if c not in header]
    unexpected = [h for h in header if h not in expected]
    for name in missing:
        close = difflib.get_close_matches(name, unexpected, n=1, cutoff=0.6)
        if close:
            problems.append(Problem(shown, f"column '{close[0]}' should be named '{name}'", row=1,
                                    valid=", ".join(expected)))
            unexpected.remove(close[0])
        else:
            problems.append(Problem(shown, f"header does not match the schema: missing {name}", row=1,
                                    valid=", ".join(expected)))
    for name in unexpected:
        shown_name = name or "(empty)"
        problems.append(Problem(shown, f"header does not match the schema: unexpected column '{shown_name}'",
                                row=1, valid=", ".join(expected)))
    if not problems:
        problems.append(Problem(shown, "header does not match the schema: columns in another order", row=1,
                                valid=", ".join(expected)))
    return problems
