"""Plan, execute and compile editions of the book.

Steps: refuse bad input before any work (``request``); find the chapters whose notebook,
parameters, helpers and the data tables they read changed (``plan``); execute those with
papermill in worker processes, each keeping one warm Jupyter kernel (``execute``,
``kernels``, ``reader``), into a staging folder; compile the staging folder with Jupyter
Book, execution off, warnings are errors, incremental (``stage``); put the new HTML in
place only if every step succeeded, in one step, with a manifest of what the build wrote
(``site``, ``manifest``, ``exchange``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .execute import execute_all
from .kill_points import kill_point
from .landing import landing_page
from .plan import digest, plan_jobs
from .request import BuildError, BuildRequest, Chapter, chapters_available, check, import_sheet, sheet, toc_files
from .site import check_out, clear_leftovers, publish
from .stage import compile_all, stage_book, stage_digest

__all__ = ["BuildError", "BuildRequest", "BuildResult", "Chapter", "chapters_available", "check", "import_sheet", "run", "sheet",
           "toc_files"]


@dataclass
class BuildResult:
    site: Path
    executed: list[tuple[int, str]]
    reused: list[tuple[int, str]]
    compiled: bool

    def summary(self) -> str:
        ran = ", ".join(f"{name} ({year})" for year, name in self.executed) or "none"
        return (f"executed {len(self.executed)} chapter(s): {ran}; reused {len(self.reused)} unchanged"
                + ("" if self.compiled else "; site unchanged"))


def run(request: BuildRequest, progress: bool = True) -> BuildResult:
    """Build the requested edition(s)."""
    out = check_out(request.out)
    clear_leftovers(request.out)
    for year in request.years:
        stage_book(request, year)
    to_run, fresh = plan_jobs(request)
    execute_all(request, to_run, progress)
    kill_point("staged")
    executed = [(j.year, j.chapter.name) for j in to_run]
    reused = [(j.year, j.chapter.name) for j in fresh]
    source_digest = digest(*[str(y) + stage_digest(y, request.variant) for y in request.years],
                           str(request.all_editions))
    if not to_run and out.complete and out.manifest.source_digest == source_digest:
        return BuildResult(request.out / "index.html", executed, reused, False)  # nothing changed
    sites = compile_all(request.years, request.jobs, request.variant)
    kill_point("compiled")
    publish(request.out, site_files(request, sites), source_digest)
    return BuildResult(request.out / "index.html", executed, reused, True)


def site_files(request: BuildRequest, sites: dict[int, Path]) -> dict[str, Path | bytes]:
    """The files of the site: one edition's HTML, or every edition's in its own folder and a landing page."""
    if not request.all_editions:
        return files_in(sites[request.year])
    files: dict[str, Path | bytes] = {}
    for year, site in sites.items():
        files.update(files_in(site, f"{year}/"))
    compare = next((c.toc_file for c in request.chapters if c.name == "A2_editions"), None)
    files["index.html"] = landing_page(request.years, request.skipped, compare).encode("utf-8")
    return files


def files_in(folder: Path, prefix: str = "") -> dict[str, Path | bytes]:
    return {prefix + p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*")) if p.is_file()}
