"""Errors that a reader of the book, an analyst or a student can act on.

Each error says where the problem is (file, row, column, or parameter) and what
would be valid, in one message, without a traceback into library code.
"""

from __future__ import annotations


class EcReportError(Exception):
    """Base class: the message is complete and meant for people."""


class DataError(EcReportError):
    """A data file breaks its schema."""

    def __init__(self, file: str, problem: str, row: int | None = None,
                 column: str | None = None, valid: str | None = None):
        self.file, self.row, self.column = file, row, column
        self.problem, self.valid = problem, valid
        where = file
        if row is not None:
            where += f", row {row}"
        if column is not None:
            where += f", column '{column}'"
        message = f"{where}: {problem}"
        if valid:
            message += f" (valid: {valid})"
        super().__init__(message)


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
