"""Errors that a reader of the book, an analyst or a student can act on.

Each error says where the problem is (file, row, column, or parameter) and what
would be valid, in one message, without a traceback into library code.
"""

from __future__ import annotations

from dataclasses import dataclass


class EcReportError(Exception):
    """Base class: the message is complete and meant for people."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data file: where (file, row as a spreadsheet numbers it, column) and what is valid."""

    file: str
    problem: str
    row: int | None = None
    column: str | None = None
    valid: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column '{self.column}'"
        return f"{where}: {self.problem}" + (f" (valid: {self.valid})" if self.valid else "")


PROBLEMS_SHOWN = 20   # a message lists at most this many problems, one line each


class DataError(EcReportError):
    """Data files break the value contract: one line per problem, up to PROBLEMS_SHOWN."""

    def __init__(self, file: str, problem: str, row: int | None = None,
                 column: str | None = None, valid: str | None = None):
        self._set([Problem(file, problem, row, column, valid)])

    @classmethod
    def of(cls, problems: list[Problem]) -> "DataError":
        error = cls.__new__(cls)
        error._set(list(problems))
        return error

    def _set(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = problems[0]
        self.file, self.row, self.column = first.file, first.row, first.column
        self.problem, self.valid = first.problem, first.valid
        lines = [str(p) for p in problems[:PROBLEMS_SHOWN]]
        if len(problems) > PROBLEMS_SHOWN:
            lines.append(f"… and {len(problems) - PROBLEMS_SHOWN} more problems "
                         f"({len(problems)} in all; the first {PROBLEMS_SHOWN} are listed)")
        Exception.__init__(self, "\n".join(lines))


class MissingDataError(EcReportError):
    """A chapter asked for a value that the data does not contain."""

    def __init__(self, indicator: str, period: str, detail: str = "", file: str | None = None):
        self.indicator, self.period = indicator, period
        where = f" in {file}" if file else ""
        extra = f" ({detail})" if detail else ""
        super().__init__(f"no data for indicator '{indicator}', period {period}{extra}{where}")


class ParameterError(EcReportError):
    """A notebook or command-line parameter is outside its valid range."""

    def __init__(self, name: str, value, valid: str):
        self.name, self.value, self.valid = name, value, valid
        super().__init__(f"parameter {name}={value!r} is not valid; valid: {valid}")
