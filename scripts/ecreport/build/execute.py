"""Executing the planned chapters in worker processes, and recording each in the cache."""

from __future__ import annotations

import json
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed

from ..paths import BUILD_ROOT, display_path
from ..units import edition_title
from .kernels import execute_chapter, prepare_worker
from .plan import Job, chapter_key, kit_fingerprint
from .reader import tidy_for_reader
from .request import BuildError, BuildRequest


def execute_all(request: BuildRequest, jobs: list[Job], progress: bool = True) -> dict:
    from tqdm import tqdm

    timings = {}
    if not jobs:
        return timings
    kit = kit_fingerprint()
    failures = []
    bar = tqdm(total=len(jobs), desc="executing chapters", unit="chapter", disable=not progress, file=sys.stderr)
    for job in jobs:
        job.record.unlink(missing_ok=True)         # a failed run must never look current
        job.target.parent.mkdir(parents=True, exist_ok=True)
    with ProcessPoolExecutor(max_workers=min(request.jobs, len(jobs)), initializer=prepare_worker) as pool:
        futures = {pool.submit(execute_chapter, str(job.chapter.path), str(job.target), job.year,
                               str(request.data_dir)): job for job in jobs}
        for future in as_completed(futures):
            job, result = futures[future], future.result()
            bar.update(1)
            bar.set_postfix_str(f"{job.year} {job.chapter.name}")
            timings[(job.year, job.chapter.name)] = result["seconds"]
            if not result["ok"]:
                cell = f"cell {result['cell']}" if result["cell"] else "start-up"
                edition = f" of the {edition_title(job.year)} edition" if request.all_editions else ""
                failures.append(f"{job.chapter.label}{edition} failed at {cell}: {result['ename']}: {result['evalue']}")
                continue
            tidy_for_reader(job.target, request.student, request.data_dir)
            job.record.parent.mkdir(parents=True, exist_ok=True)
            key = chapter_key(job.chapter, job.year, request.data_dir, result["tables"], kit)
            job.record.write_text(json.dumps({"key": key, "tables": result["tables"]}), encoding="utf-8")
    bar.close()
    if failures:
        raise BuildError("\n".join(sorted(failures))
                         + f"\n(executed copies with tracebacks: {display_path(BUILD_ROOT / 'stage')})")
    return timings
