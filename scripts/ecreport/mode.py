"""Whether code runs for the built book (the build sets ECREPORT_OUTPUT=book) or for a reader in JupyterLab."""

import os

BOOK_MODE_ENV = "ECREPORT_OUTPUT"


def in_book() -> bool:
    return os.environ.get(BOOK_MODE_ENV) == "book"
