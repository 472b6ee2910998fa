"""Plan, execute and compile editions of the book.

Steps: refuse bad input before any work (``request``); find the chapters whose notebook,
parameters, helpers and the data tables they read changed (``plan``); execute those with
papermill in worker processes, each keeping one warm Jupyter kernel (``execute``,
``kernels``, ``reader``), into a staging folder; compile the staging folder with Jupyter
Book, execution off, warnings are errors, incremental (``stage``); put the new HTML in
place only if every step succeeded (``site``).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from .execute import execute_all
from .landing import landing_page
from .plan import digest, plan_jobs
from .request import BuildError, BuildRequest, Chapter, chapters_available, check, toc_files
from .site import site_stamp, swap_in
from .stage import compile_all, stage_book, stage_digest

__all__ = ["BuildError", "BuildRequest", "BuildResult", "Chapter", "chapters_available", "check", "run",
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
    for year in request.years:
        stage_book(request, year)
    to_run, fresh = plan_jobs(request)
    execute_all(request, to_run, progress)
    executed = [(j.year, j.chapter.name) for j in to_run]
    reused = [(j.year, j.chapter.name) for j in fresh]
    site_digest = digest(*[str(y) + stage_digest(y, request.variant) for y in request.years],
                         str(request.all_editions))
    stamp = site_stamp(request)
    if (not to_run and request.out.is_dir() and stamp.is_file()
            and json.loads(stamp.read_text(encoding="utf-8")).get("digest") == site_digest):
        return BuildResult(request.out / "index.html", executed, reused, False)  # nothing changed
    sites = compile_all(request.years, request.jobs, request.variant)

    def build_site(target: Path) -> None:
        if request.all_editions:
            target.mkdir(parents=True)
            for year, site in sites.items():
                shutil.copytree(site, target / str(year))
            compare = next((c.toc_file for c in request.chapters if c.name == "A2_editions"), None)
            (target / "index.html").write_text(landing_page(request.years, request.skipped, compare),
                                               encoding="utf-8")
        else:
            shutil.copytree(sites[request.year], target)

    swap_in(build_site, request.out)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(json.dumps({"digest": site_digest}), encoding="utf-8")
    return BuildResult(request.out / "index.html", executed, reused, True)
