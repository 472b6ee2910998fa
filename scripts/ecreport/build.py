"""Plan, execute and compile one edition of the book.

Steps: refuse bad input before any work; execute the chapter notebooks with
papermill in worker processes into a staging folder; compile the staging
folder with Jupyter Book (execution off, warnings are errors); swap the new
HTML into place only if every step succeeded.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import yaml

from .charts import BOOK_MODE_ENV
from .data import load
from .edition import Edition, describe_years, edition_years
from .errors import EcReportError
from .paths import CHAPTERS_DIR, DEFAULT_DATA_DIR, PROJECT_ROOT, display_path

BUILD_ROOT = PROJECT_ROOT / "_build"
BOOK_FILES = ["_config.yml", "_toc.yml", "intro.md"]
BOOK_DIRS = ["_static"]


class BuildError(EcReportError):
    def __init__(self, message: str, refused: bool = False):
        super().__init__(message)
        self.refused = refused


@dataclass
class Chapter:
    path: Path
    key: str          # "1" … "11" for report chapters, "A1" … for appendices
    title: str
    requires: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def toc_file(self) -> str:
        return self.path.relative_to(PROJECT_ROOT).with_suffix("").as_posix()

    @property
    def label(self) -> str:
        kind = "chapter" if self.key.isdigit() else "appendix"
        return f"{kind} {self.key} ({self.path.name})"


def toc_files(toc_path: Path = PROJECT_ROOT / "_toc.yml") -> list[str]:
    """Files of the table of contents, in order (without suffix)."""
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    files = []
    for part in toc.get("parts", []):
        files += [c["file"] for c in part.get("chapters", []) if "file" in c]
    files += [c["file"] for c in toc.get("chapters", []) if "file" in c]
    return files


def chapters_available() -> list[Chapter]:
    """The notebooks of the table of contents, which the build executes."""
    found = []
    for entry in toc_files():
        path = PROJECT_ROOT / f"{entry}.ipynb"
        if not path.is_file():
            continue
        meta = nbformat.read(path, as_version=4).metadata.get("ecreport", {})
        found.append(Chapter(path, str(meta.get("chapter", path.stem)), meta.get("title", path.stem),
                             list(meta.get("requires", []))))
    return found


@dataclass
class BuildRequest:
    year: int
    data_dir: Path
    out: Path
    jobs: int
    chapters: list[Chapter]

    @property
    def edition_title(self) -> str:
        return f"{self.year}–{self.year + 1}"

    @classmethod
    def from_args(cls, year, data_dir=None, out=None, jobs=None, chapters=None) -> "BuildRequest":
        """Check every input before any work; refuse with one line naming the valid choices."""
        data_dir = Path(data_dir) if data_dir else DEFAULT_DATA_DIR
        if not data_dir.is_dir():
            raise BuildError(f"--data-dir {data_dir}: no such folder "
                             f"(valid: a folder with datapackage.json, e.g. {display_path(DEFAULT_DATA_DIR)})",
                             refused=True)
        try:
            dataset = load(data_dir)
        except EcReportError as exc:
            raise BuildError(f"invalid data: {exc}", refused=True) from None
        years = edition_years(dataset)
        try:
            year_int = int(str(year))
        except ValueError:
            year_int = None
        if year_int not in years:
            raise BuildError(f"--year {year}: unknown year (valid: {describe_years(years)})", refused=True)
        if jobs is not None and jobs < 1:
            raise BuildError(f"--jobs {jobs}: must be at least 1", refused=True)
        available = chapters_available()
        selected = _select_chapters(available, chapters)
        edition = Edition(year_int, data_dir)
        missing = []
        for chapter in selected:
            for need in edition.missing(chapter.requires):
                missing.append(f"{chapter.label}: {need}")
        if missing:
            raise BuildError(f"the {year_int}–{year_int + 1} edition lacks data it needs:\n  "
                             + "\n  ".join(missing)
                             + f"\nadd these rows to {display_path(data_dir)} (see README: adding a year)",
                             refused=True)
        return cls(year=year_int, data_dir=data_dir.resolve(),
                   out=(Path(out) if out else BUILD_ROOT / "html").resolve(),
                   jobs=jobs or os.cpu_count() or 1, chapters=selected)


def _select_chapters(available: list[Chapter], spec: str | None) -> list[Chapter]:
    if not spec:
        return available
    by_key = {}
    for ch in available:
        by_key[ch.key] = by_key[ch.name] = by_key[ch.path.name] = ch
        if ch.key.isdigit():
            by_key[f"{int(ch.key):02d}"] = ch
    chosen = []
    for item in [s.strip() for s in spec.split(",") if s.strip()]:
        if item not in by_key:
            valid = ", ".join(f"{c.key} ({c.name})" for c in available)
            raise BuildError(f"--chapters: unknown chapter '{item}' (valid: {valid})", refused=True)
        if by_key[item] not in chosen:
            chosen.append(by_key[item])
    return [c for c in available if c in chosen]


# -- execution --------------------------------------------------------------------

def quiet_kernel_profile() -> Path:
    """An IPython profile for the build's kernels: no user startup files, no log noise."""
    profile = BUILD_ROOT / "ipython" / "profile_default"
    profile.mkdir(parents=True, exist_ok=True)
    config = profile / "ipython_kernel_config.py"
    if not config.is_file():
        config.write_text("c.IPKernelApp.log_level = 'CRITICAL'\n", encoding="utf-8")
    return profile.parent


def execute_chapter(source: str, target: str, year: int, data_dir: str) -> dict:
    """Run one notebook with papermill (in a worker process); never raises."""
    import papermill as pm

    os.environ[BOOK_MODE_ENV] = "book"
    os.environ["IPYTHONDIR"] = str(quiet_kernel_profile())
    started = time.perf_counter()
    try:
        pm.execute_notebook(source, target, parameters={"year": year, "data_dir": data_dir},
                            kernel_name="python3", progress_bar=False, log_output=False,
                            cwd=str(Path(source).parent))
    except pm.PapermillExecutionError as exc:
        return {"ok": False, "cell": exc.exec_count, "ename": exc.ename, "evalue": exc.evalue,
                "seconds": time.perf_counter() - started}
    except Exception as exc:  # kernel died, notebook unreadable …
        return {"ok": False, "cell": None, "ename": type(exc).__name__, "evalue": str(exc),
                "seconds": time.perf_counter() - started}
    return {"ok": True, "seconds": time.perf_counter() - started}


def tidy_for_reader(path: Path) -> None:
    """Hide code behind a toggle and remove the parameter cells from the page."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        tags = cell.metadata.setdefault("tags", [])
        if "injected-parameters" in tags or "parameters" in tags:
            if "remove-cell" not in tags:
                tags.append("remove-cell")
        elif not any(t.startswith(("remove-", "hide-")) for t in tags):
            tags.append("hide-input")
    nbformat.write(nb, path)


def _execute_all(request: BuildRequest, stage: Path, progress: bool = True) -> None:
    from tqdm import tqdm

    jobs = min(request.jobs, len(request.chapters)) or 1
    failures = []
    bar = tqdm(total=len(request.chapters), desc="executing chapters", unit="chapter",
               disable=not progress, file=sys.stderr)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {
            pool.submit(execute_chapter, str(ch.path), str(stage / f"{ch.toc_file}.ipynb"),
                        request.year, str(request.data_dir)): ch
            for ch in request.chapters
        }
        for future in as_completed(futures):
            chapter, result = futures[future], future.result()
            bar.update(1)
            bar.set_postfix_str(chapter.name)
            if not result["ok"]:
                cell = f"cell {result['cell']}" if result["cell"] else "start-up"
                failures.append(f"{chapter.label} failed at {cell}: {result['ename']}: {result['evalue']}")
    bar.close()
    if failures:
        raise BuildError("\n".join(failures) + f"\n(executed copies with tracebacks: {display_path(stage)})")
    for chapter in request.chapters:
        tidy_for_reader(stage / f"{chapter.toc_file}.ipynb")


# -- staging and compiling ------------------------------------------------------------

def _stage_book(request: BuildRequest, stage: Path) -> None:
    if stage.exists():
        shutil.rmtree(stage)
    stage.mkdir(parents=True)
    complete = request.chapters == chapters_available()
    selected = {c.toc_file for c in request.chapters}
    pages = []
    for entry in toc_files():
        (stage / entry).parent.mkdir(parents=True, exist_ok=True)
        if entry in selected:
            pages.append(entry)
        elif complete and (PROJECT_ROOT / f"{entry}.md").is_file():
            # pages without code (chapters the report omits) link to the others: only in a full build
            shutil.copy2(PROJECT_ROOT / f"{entry}.md", stage / f"{entry}.md")
            pages.append(entry)
    for name in BOOK_FILES:
        shutil.copy2(PROJECT_ROOT / name, stage / name)
    for name in BOOK_DIRS:
        if (PROJECT_ROOT / name).is_dir():
            shutil.copytree(PROJECT_ROOT / name, stage / name)
    config = yaml.safe_load((stage / "_config.yml").read_text(encoding="utf-8"))
    config["title"] = f"中国电子商务发展报告 {request.edition_title}"
    config.setdefault("parse", {}).setdefault("myst_substitutions", {})["edition"] = request.edition_title
    (stage / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    toc = yaml.safe_load((stage / "_toc.yml").read_text(encoding="utf-8"))
    for part in toc.get("parts", []):
        part["chapters"] = [c for c in part.get("chapters", []) if c.get("file") in pages]
    toc["parts"] = [p for p in toc.get("parts", []) if p["chapters"]]
    (stage / "_toc.yml").write_text(yaml.safe_dump(toc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _compile(stage: Path, work: Path) -> Path:
    if work.exists():
        shutil.rmtree(work)
    command = [sys.executable, "-c", "from jupyter_book.cli.main import main; main()", "build", str(stage),
               "--path-output", str(work), "--warningiserror", "--keep-going", "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True)
    html = work / "_build" / "html"
    if result.returncode != 0 or not (html / "index.html").is_file():
        log = (result.stdout + result.stderr).strip().splitlines()
        warnings = [line for line in log if "WARNING" in line or "ERROR" in line] or log[-20:]
        raise BuildError("Jupyter Book failed (warnings are errors):\n  " + "\n  ".join(warnings[:30]))
    return html


def _swap_in(html: Path, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    incoming = out.with_name(f".{out.name}.incoming")
    outgoing = out.with_name(f".{out.name}.outgoing")
    for leftover in (incoming, outgoing):
        if leftover.exists():
            shutil.rmtree(leftover)
    shutil.move(str(html), str(incoming))
    if out.exists():
        out.rename(outgoing)
    incoming.rename(out)
    if outgoing.exists():
        shutil.rmtree(outgoing)


def run(request: BuildRequest, progress: bool = True) -> Path:
    """Build one edition; return the path of its index.html."""
    stage = BUILD_ROOT / "stage" / str(request.year)
    work = BUILD_ROOT / "work" / str(request.year)
    _stage_book(request, stage)
    _execute_all(request, stage, progress)
    html = _compile(stage, work)
    _swap_in(html, request.out)
    return request.out / "index.html"
