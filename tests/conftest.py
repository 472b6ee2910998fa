"""Shared fixtures: a scratch copy of the data, CSV edits, and one full build."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
import atexit
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
BUILD = [sys.executable, str(ROOT / "scripts" / "build.py")]

# Builds and data checks in a test run write their executed chapters and caches here, never into the
# project's own _build/ (set before ecreport is imported, which reads it once).
BUILD_DIR = Path(os.environ.setdefault("ECREPORT_BUILD_DIR", tempfile.mkdtemp(prefix="ecreport-test-build-")))
if BUILD_DIR.name.startswith("ecreport-test-build-"):
    atexit.register(shutil.rmtree, BUILD_DIR, True)


@pytest.fixture
def data_copy(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def read_rows(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames), list(reader)


def write_rows(path: Path, fields: list[str], rows: list[dict]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def find_row(rows: list[dict], **match) -> int:
    """Index of the first row whose columns equal ``match``."""
    for i, row in enumerate(rows):
        if all(row[k] == v for k, v in match.items()):
            return i
    raise LookupError(match)


def edit_cell(path: Path, match: dict, column: str, value: str) -> int:
    """Change one cell; return the file row number (header = row 1)."""
    fields, rows = read_rows(path)
    i = find_row(rows, **match)
    rows[i][column] = value
    write_rows(path, fields, rows)
    return i + 2


def run_build(*args: str, timeout: int = 900, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*BUILD, *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT, env=env)


def tree(folder: Path) -> dict[str, str]:
    """Every file and folder under ``folder`` (hidden ones too): relative path -> sha256, or "/" for a folder."""
    found = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        found[rel] = "/" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    """The default edition, built once for the session from clean: into ``<scratch>/html``, with its
    own build folder ``<scratch>/build`` (test_reproducible builds it again elsewhere and compares)."""
    scratch = tmp_path_factory.mktemp("book")
    result = run_build("--jobs", "2", "--out", str(scratch / "html"),
                       env=dict(os.environ, ECREPORT_BUILD_DIR=str(scratch / "build")))
    assert result.returncode == 0, result.stderr[-3000:]
    return scratch / "html"


@pytest.fixture(scope="session")
def all_editions(tmp_path_factory) -> Path:
    """Every edition with data (chapter 1 of each), with the landing page that links them."""
    out = tmp_path_factory.mktemp("all") / "html"
    result = run_build("--year", "all", "--chapters", "1", "--out", str(out), timeout=1800)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


@pytest.fixture(scope="session")
def student_book(tmp_path_factory) -> Path:
    """The student edition of chapters 1 and 4: exercises without their solutions."""
    out = tmp_path_factory.mktemp("student") / "html"
    result = run_build("--student", "--chapters", "1,4", "--out", str(out))
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (no browser download). Required in CI."""
    chromium = shutil.which("chromium")
    if not chromium:
        if in_ci():
            pytest.fail("Debian's chromium is not installed; .ci/run installs it")
        pytest.skip("chromium not installed (apt-get install chromium); CI installs it")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def block_network(page) -> list[str]:
    """Let only file:, data: and blob: URLs load; return the list the others are recorded in."""
    external: list[str] = []

    def route(r):
        if r.request.url.startswith(("file:", "data:", "blob:")):
            r.continue_()
        else:
            external.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    return external


def offline_page(browser):
    """A new page with the network blocked; returns it, its page errors and its blocked requests."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return page, errors, block_network(page)


def republish(data: Path, file: str, match: dict, value: str) -> None:
    """Give one observation of a data copy another value: the row of ``file`` that matches ``match``, with
    every dimension it does not name empty. Where its source is not the report, the source's excerpt says
    the new value too (the loader checks that a value stands in its excerpt)."""
    import re

    path = data / file
    fields, rows = read_rows(path)
    dims = fields[fields.index("period") + 1:fields.index("measure")]
    row = rows[find_row(rows, **{d: "" for d in dims if d not in match}, **match)]
    old, row["value"] = row["value"], value
    write_rows(path, fields, rows)
    fields, sources = read_rows(data / "sources.csv")
    source = sources[find_row(sources, source=row["source"])]
    if source["confidence"] == "report":
        return
    number = re.compile(rf"(?<![\d.]){re.escape(old)}(?![\d.])")
    assert len(number.findall(source["excerpt"])) == 1, (row["source"], old)
    source["excerpt"] = number.sub(value, source["excerpt"])
    write_rows(data / "sources.csv", fields, sources)


def executed_markdown(notebook: Path, out: Path, year: int, data_dir: Path | None = None) -> str:
    """The markdown a chapter's cells print (its %%report text), executed with papermill as the book does."""
    import nbformat
    import papermill as pm

    parameters = {"year": year} | ({"data_dir": str(data_dir)} if data_dir else {})
    os.environ["ECREPORT_OUTPUT"] = "book"
    try:
        pm.execute_notebook(str(notebook), str(out), parameters=parameters, kernel_name="python3",
                            progress_bar=False, cwd=str(notebook.parent))
    finally:
        del os.environ["ECREPORT_OUTPUT"]
    nb = nbformat.read(out, as_version=4)
    return "".join(o.get("data", {}).get("text/markdown", "") for c in nb.cells for o in c.get("outputs", []))


def forwards(html: str) -> bool:
    """Whether a page only sends the reader on (the site's index.html → the preface)."""
    return 'http-equiv="refresh"' in html[:600].lower()


def spec_rows(spec: dict) -> list[dict]:
    """The rows a chart's compiled Vega spec carries inline."""
    return [row for data in spec.get("data", []) for row in data.get("values", []) if isinstance(row, dict)]


def figure_spec(page: Path, figure: str) -> dict:
    """The spec (compiled to Vega) of a numbered figure (图1-2) on a built page."""
    html = page.read_text(encoding="utf-8")
    block = re.search(rf'<figure class="ec-figure" id="fig-{figure.removeprefix("图")}".*?</figure>', html, re.S)
    assert block, f"{figure} not on {page.name}"
    script = re.search(r'<script type="application/json"[^>]*>(.*?)</script>', block.group(0), re.S)
    return json.loads(script.group(1).replace("<\\/", "</"))
