"""Where the book's folders are, and how to name a path in a message."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA_DIR = PROJECT_ROOT / "data"
CHAPTERS_DIR = PROJECT_ROOT / "chapters"
# executed chapters, caches and the built HTML (a scratch folder instead, e.g. for the benchmark)
BUILD_ROOT = Path(os.environ.get("ECREPORT_BUILD_DIR", PROJECT_ROOT / "_build")).resolve()
# the theme's templates as the book overrides them, and the name of the build's copy beside a staged book
TEMPLATES = Path(__file__).with_name("templates")
STAGED_TEMPLATES = "_ecreport_templates"


def display_path(path: str | os.PathLike) -> str:
    """A path relative to the working folder or the project when it is inside them."""
    path = Path(path).resolve()
    for base in (Path.cwd().resolve(), PROJECT_ROOT):
        try:
            return str(path.relative_to(base))
        except ValueError:
            continue
    return str(path)
