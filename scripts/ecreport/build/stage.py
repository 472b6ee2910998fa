"""Staging the book's sources for one edition and compiling them with Jupyter Book."""

from __future__ import annotations

import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

from ..paths import BUILD_ROOT, PROJECT_ROOT, STAGED_TEMPLATES, TEMPLATES
from ..units import edition_title
from .environment import child_environment, source_date_epoch
from .plan import digest, kit_fingerprint, stage_dir
from .request import BuildError, BuildRequest, chapters_available, toc_files

BOOK_FILES = ["intro.md"]      # copied as they are; _config.yml and _toc.yml are rewritten per edition
BOOK_DIRS = ["_static"]


def _write_if_changed(path: Path, data: bytes) -> bool:
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def stage_book(request: BuildRequest, year: int) -> None:
    """Write the book's sources for one edition (only files whose content changed)."""
    stage = stage_dir(year, request.variant)
    stage.mkdir(parents=True, exist_ok=True)
    complete = request.chapters == chapters_available()
    selected = {c.toc_file for c in request.chapters}
    pages, keep = [], set()
    for entry in toc_files():
        if entry in selected:
            pages.append(entry)
            keep.add(f"{entry}.ipynb")
        elif complete and (PROJECT_ROOT / f"{entry}.md").is_file():
            # pages without code (adding a year, the course guide) link to the chapters: only in a full build
            _write_if_changed(stage / f"{entry}.md", (PROJECT_ROOT / f"{entry}.md").read_bytes())
            pages.append(entry)
            keep.add(f"{entry}.md")
    for name in BOOK_FILES:
        _write_if_changed(stage / name, (PROJECT_ROOT / name).read_bytes())
        keep.add(name)
    for name in BOOK_DIRS:
        for src in (PROJECT_ROOT / name).rglob("*") if (PROJECT_ROOT / name).is_dir() else []:
            if src.is_file():
                rel = src.relative_to(PROJECT_ROOT).as_posix()
                _write_if_changed(stage / rel, src.read_bytes())
                keep.add(rel)
    for src in sorted(TEMPLATES.rglob("*.html")):    # the theme's templates as the book overrides them
        rel = f"{STAGED_TEMPLATES}/{src.relative_to(TEMPLATES).as_posix()}"
        _write_if_changed(stage / rel, src.read_bytes())
        keep.add(rel)
    for src in sorted(request.data_dir.iterdir()):  # the data behind the book, downloadable offline
        if src.is_file() and src.suffix in (".csv", ".json"):
            rel = f"_static/csv/{src.name}"
            _write_if_changed(stage / rel, src.read_bytes())
            keep.add(rel)
    config = yaml.safe_load((PROJECT_ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["title"] = f"中国电子商务发展报告 {edition_title(year)}" + ("（学生版）" if request.student else "")
    config.setdefault("parse", {}).setdefault("myst_substitutions", {})["edition"] = edition_title(year)
    sphinx_config = config.setdefault("sphinx", {}).setdefault("config", {})
    sphinx_config["ecreport_edition"] = year
    sphinx_config["ecreport_editions"] = request.years if request.all_editions else []
    sphinx_config["ecreport_kit"] = kit_fingerprint()    # the extension and static files: a change rewrites every page
    if not complete:
        # pages point readers to other chapters ({doc}`08_technology`); a partial build lacks some of them
        sphinx_config["suppress_warnings"] = ["ref.doc"]
    _write_if_changed(stage / "_config.yml",
                      yaml.safe_dump(config, allow_unicode=True, sort_keys=False).encode("utf-8"))
    toc = yaml.safe_load((PROJECT_ROOT / "_toc.yml").read_text(encoding="utf-8"))
    for part in toc.get("parts", []):
        part["chapters"] = [c for c in part.get("chapters", []) if c.get("file") in pages]
    toc["parts"] = [p for p in toc.get("parts", []) if p["chapters"]]
    _write_if_changed(stage / "_toc.yml", yaml.safe_dump(toc, allow_unicode=True, sort_keys=False).encode("utf-8"))
    keep |= {"_config.yml", "_toc.yml"}
    for path in list(stage.rglob("*")):            # drop pages no longer in this build
        rel = path.relative_to(stage).as_posix()
        if path.is_file() and rel not in keep:
            path.unlink()


COMPILE = ("import sys; sys.modules['rfc3987_syntax'] = None\n"   # jsonschema's slow optional URI grammar
           "from jupyter_book.cli.main import main; main()")


def _compile(year: int, variant: str, env: dict[str, str]) -> Path:
    work = BUILD_ROOT / "work" / variant / str(year)
    command = [sys.executable, "-c", COMPILE, "build", str(stage_dir(year, variant)),
               "--path-output", str(work), "--warningiserror", "--keep-going", "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    html_dir = work / "_build" / "html"
    if result.returncode != 0 or not (html_dir / "index.html").is_file():
        log = (result.stdout + result.stderr).strip().splitlines()
        warnings = [line for line in log if "WARNING" in line or "ERROR" in line] or log[-20:]
        # the next build must start clean: Sphinx would not repeat warnings of unchanged pages
        shutil.rmtree(work, ignore_errors=True)
        raise BuildError("Jupyter Book failed (warnings are errors):\n  " + "\n  ".join(warnings[:30]))
    return html_dir


def compile_all(years: list[int], jobs: int, variant: str = "book") -> dict[int, Path]:
    dated = {"SOURCE_DATE_EPOCH": epoch} if (epoch := source_date_epoch()) else {}
    env = child_environment(**dated)
    with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(years)))) as pool:
        return dict(zip(years, pool.map(lambda y: _compile(y, variant, env), years)))


def stage_digest(year: int, variant: str = "book") -> str:
    stage = stage_dir(year, variant)
    files = sorted(p for p in stage.rglob("*") if p.is_file())
    return digest(*[p.relative_to(stage).as_posix().encode() + p.read_bytes() for p in files])
