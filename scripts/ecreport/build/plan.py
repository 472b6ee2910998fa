"""Which chapters to execute: fingerprints of what a chapter depends on, and the cache of executed copies."""

from __future__ import annotations

import hashlib
import json
import os
import random
from dataclasses import dataclass
from pathlib import Path

from ..paths import BUILD_ROOT, DEFAULT_DATA_DIR, TEMPLATES
from .request import BuildRequest, Chapter

KIT_DIR = Path(__file__).resolve().parents[1]
ORDER_ENV = "ECREPORT_ORDER_SEED"     # shuffles the order chapters are executed in (to test that it does not matter)


def digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def kit_fingerprint() -> str:
    """The helpers the chapters run with, and the build code that executes and tidies them."""
    files = (sorted(KIT_DIR.rglob("*.py")) + sorted((KIT_DIR / "static").glob("*"))
             + sorted(TEMPLATES.rglob("*.html")))
    return digest(*[f.relative_to(KIT_DIR).as_posix().encode() + f.read_bytes() for f in files])


def data_fingerprint(data_dir: Path, tables: list[str]) -> str:
    """The data a chapter read: datapackage.json and the CSV of each table it used."""
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    paths = {r["name"]: r["path"] for r in package["resources"]}
    parts = [(data_dir / "datapackage.json").read_bytes()]
    for table in sorted(tables):
        if table.startswith("report/"):        # the report's text and map (ecreport.report_text), not data
            path = DEFAULT_DATA_DIR / table
        else:
            path = data_dir / paths[table] if table in paths else None
        parts.append(table.encode() + (path.read_bytes() if path and path.is_file() else b"<missing>"))
    return digest(*parts)


def chapter_key(chapter: Chapter, year: int, data_dir: Path, tables: list[str], kit: str) -> str:
    return digest(chapter.path.read_bytes(), json.dumps({"year": year, "data_dir": str(data_dir)}),
                  kit, data_fingerprint(data_dir, tables))


def stage_dir(year: int, variant: str = "book") -> Path:
    """The book's sources for one edition, with the executed chapters, as Jupyter Book compiles them."""
    return BUILD_ROOT / "stage" / variant / str(year)


@dataclass
class Job:
    year: int
    chapter: Chapter
    target: Path
    record: Path
    key: str | None


def plan_jobs(request: BuildRequest) -> tuple[list[Job], list[Job]]:
    """Split (edition, chapter) pairs into those to execute and those whose executed copy is current."""
    kit = kit_fingerprint()
    run, fresh = [], []
    for year in request.years:
        for chapter in request.chapters:
            target = stage_dir(year, request.variant) / f"{chapter.toc_file}.ipynb"
            record = BUILD_ROOT / "cache" / request.variant / str(year) / f"{chapter.name}.json"
            key = None
            if record.is_file() and target.is_file():
                saved = json.loads(record.read_text(encoding="utf-8"))
                key = chapter_key(chapter, year, request.data_dir, saved["tables"], kit)
                if key == saved["key"]:
                    fresh.append(Job(year, chapter, target, record, key))
                    continue
            run.append(Job(year, chapter, target, record, None))
    return in_order(run, os.environ.get(ORDER_ENV)), fresh


def in_order(jobs: list, seed: str | None) -> list:
    """The jobs in the order of the book, or shuffled by a seed."""
    if seed is None:
        return jobs
    shuffled = list(jobs)
    random.Random(seed).shuffle(shuffled)
    return shuffled
