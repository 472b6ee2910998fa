"""Plan, execute and compile editions of the book.

Steps: refuse bad input before any work; execute the chapter notebooks with
papermill in worker processes (each keeps one warm Jupyter kernel) into a
staging folder, skipping chapters whose notebook, parameters, helpers and the
data tables they read are unchanged; compile the staging folder with Jupyter
Book (execution off, warnings are errors, incremental); copy the new HTML into
place only if every step succeeded.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .data import load
from .edition import HEADLINE_INDICATOR, Edition, describe_years, edition_years
from .errors import EcReportError
from .mode import BOOK_MODE_ENV
from .paths import BUILD_ROOT, DEFAULT_DATA_DIR, PROJECT_ROOT, display_path
from .units import edition_title

BOOK_FILES = ["intro.md"]      # copied as they are; _config.yml and _toc.yml are rewritten per edition
BOOK_DIRS = ["_static"]
KIT_DIR = Path(__file__).resolve().parent


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
    always_built: bool = False   # other pages link to it (the glossary): part of every build

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
        meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {}).get("ecreport", {})
        found.append(Chapter(path, str(meta.get("chapter", path.stem)), meta.get("title", path.stem),
                             list(meta.get("requires", [])), bool(meta.get("always_built", False))))
    return found


@dataclass
class BuildRequest:
    years: list[int]
    data_dir: Path
    out: Path
    jobs: int
    chapters: list[Chapter]
    all_editions: bool = False
    skipped: dict[int, list[str]] = field(default_factory=dict)
    student: bool = False

    @property
    def year(self) -> int:
        return self.years[0]

    @property
    def edition_title(self) -> str:
        if self.all_editions:
            return f"{len(self.years)} editions ({describe_years(self.years)})"
        return f"the {edition_title(self.year)} edition"

    @classmethod
    def from_args(cls, year, data_dir=None, out=None, jobs=None, chapters=None, student=False) -> "BuildRequest":
        """Check every input before any work; refuse with one line naming the valid choices."""
        data_dir, dataset = _checked_data(data_dir)
        years = edition_years(dataset)
        all_editions = str(year) == "all"
        if not all_editions:
            year_int = _checked_year(dataset, year)
        if jobs is not None and jobs < 1:
            raise BuildError(f"--jobs {jobs}: must be at least 1", refused=True)
        selected = _select_chapters(chapters_available(), chapters)
        report = check_editions(data_dir, years if all_editions else [year_int], selected)
        if all_editions:
            buildable = [y for y, missing in report.items() if not missing]
            if not buildable:
                raise BuildError("no edition has all the data its chapters need (run with --check for the list)",
                                 refused=True)
            skipped = {y: m for y, m in report.items() if m}
        else:
            missing = report[year_int]
            if missing:
                raise BuildError(f"the {edition_title(year_int)} edition lacks data it needs:\n  "
                                 + "\n  ".join(missing)
                                 + f"\nadd these rows to {display_path(data_dir)} (see README: adding a year)",
                                 refused=True)
            buildable, skipped = [year_int], {}
        default_out = BUILD_ROOT / ("html-student" if student else "html")
        return cls(years=buildable, data_dir=data_dir.resolve(),
                   out=(Path(out) if out else default_out).resolve(),
                   jobs=jobs or os.cpu_count() or 1, chapters=selected,
                   all_editions=all_editions, skipped=skipped, student=student)

    @property
    def variant(self) -> str:
        return "student" if self.student else "book"


def _checked_data(data_dir):
    data_dir = Path(data_dir) if data_dir else DEFAULT_DATA_DIR
    if not data_dir.is_dir():
        raise BuildError(f"--data-dir {data_dir}: no such folder "
                         f"(valid: a folder with datapackage.json, e.g. {display_path(DEFAULT_DATA_DIR)})",
                         refused=True)
    try:
        return data_dir, load(data_dir)
    except EcReportError as exc:
        raise BuildError(f"invalid data: {exc}", refused=True) from None


def _checked_year(dataset, year) -> int:
    """The --year given, if the data has an edition for it; else refuse, listing the valid years."""
    years = edition_years(dataset)
    try:
        year_int = int(str(year))
    except ValueError:
        year_int = None
    if year_int not in years:
        raise BuildError(f"--year {year}: {no_edition(dataset, year_int)} "
                         f"(valid: {describe_years(years)}, or all)", refused=True)
    return year_int


def no_edition(dataset, year: int | None) -> str:
    """Why a year has no edition: the headline series has no value for it."""
    if year is None:
        return "unknown year"
    table = dataset.table_of(HEADLINE_INDICATOR)
    where = f" in {dataset.file_of(table)}" if table else ""
    return (f"unknown year: an edition needs the annual {HEADLINE_INDICATOR} "
            f"(全国网上零售额) value for {year}, and the data has none{where}")


def check_editions(data_dir, years: list[int], chapters: list[Chapter]) -> dict[int, list[str]]:
    """For each edition, what its chapters require and the data lacks."""
    report = {}
    for year in years:
        edition = Edition(year, data_dir)
        report[year] = [f"{ch.label}: {need}" for ch in chapters for need in edition.missing(ch.requires)]
    return report


def check(year="all", data_dir=None) -> tuple[bool, str]:
    """Validate the data and report, edition by edition, what is missing (no build)."""
    data_dir, dataset = _checked_data(data_dir)
    years = edition_years(dataset) if str(year) == "all" else [_checked_year(dataset, year)]
    report = check_editions(data_dir, years, chapters_available())
    lines = [f"data in {display_path(data_dir)}: valid ({len(dataset.observations)} values, "
             f"{len(dataset.sources)} sources)"]
    for y, missing in report.items():
        if missing:
            lines.append(f"{edition_title(y)} edition: cannot build, lacks {len(missing)} value(s):")
            lines += [f"  {m}" for m in missing]
        else:
            optional = Edition(y, data_dir).unpublished()
            lines.append(f"{edition_title(y)} edition: can be built"
                         + (f"; {len(optional)} core series have no {y} value and will say 未见公布:" if optional else
                            "; every core series has a value"))
            lines += [f"  {o}" for o in optional]
    return all(not m for m in report.values()), "\n".join(lines)


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
    return [c for c in available if c in chosen or c.always_built]


# -- fingerprints ---------------------------------------------------------------------

def _digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def kit_fingerprint() -> str:
    files = sorted(KIT_DIR.glob("*.py")) + sorted((KIT_DIR / "static").glob("*"))
    return _digest(*[f.name.encode() + f.read_bytes() for f in files])


def data_fingerprint(data_dir: Path, tables: list[str]) -> str:
    """The data a chapter read: datapackage.json and the CSV of each table it used."""
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    paths = {r["name"]: r["path"] for r in package["resources"]}
    parts = [(data_dir / "datapackage.json").read_bytes()]
    for table in sorted(tables):
        path = data_dir / paths[table] if table in paths else None
        parts.append(table.encode() + (path.read_bytes() if path and path.is_file() else b"<missing>"))
    return _digest(*parts)


def chapter_key(chapter: Chapter, year: int, data_dir: Path, tables: list[str], kit: str) -> str:
    return _digest(chapter.path.read_bytes(), json.dumps({"year": year, "data_dir": str(data_dir)}),
                   kit, data_fingerprint(data_dir, tables))


# -- execution in warm kernels ----------------------------------------------------------

_KERNEL = None


def quiet_kernel_profile() -> Path:
    """An IPython profile for the build's kernels: no user startup files, no log noise."""
    profile = BUILD_ROOT / "ipython" / "profile_default"
    profile.mkdir(parents=True, exist_ok=True)
    config = profile / "ipython_kernel_config.py"
    if not config.is_file():
        config.write_text("c.IPKernelApp.log_level = 'CRITICAL'\n", encoding="utf-8")
    return profile.parent


def _start_kernel():
    """One kernel per worker process, started once, with the book's modules imported."""
    global _KERNEL
    from jupyter_client.manager import KernelManager
    from multiprocessing.util import Finalize

    os.environ[BOOK_MODE_ENV] = "book"
    os.environ["IPYTHONDIR"] = str(quiet_kernel_profile())
    # papermill (nbclient) talks to the kernel through km.client(): an asynchronous client, so that
    # it notices a kernel that dies and enforces the cell timeout (a blocking one waits forever)
    km = KernelManager(kernel_name="python3", client_class="jupyter_client.asynchronous.AsyncKernelClient")
    km.start_kernel(cwd=str(PROJECT_ROOT / "chapters"))
    _kernel_run(km, "import pandas, altair, ecreport")
    Finalize(None, km.shutdown_kernel, kwargs={"now": True}, exitpriority=10)
    _KERNEL = km
    return km


def _kernel_run(km, code: str) -> str:
    """Run code in the kernel; return what it printed."""
    from jupyter_client.blocking import BlockingKernelClient

    kc = BlockingKernelClient()
    kc.load_connection_info(km.get_connection_info())
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=120)
        printed = []

        def hook(msg):
            if msg["msg_type"] == "stream":
                printed.append(msg["content"]["text"])

        reply = kc.execute_interactive(code, output_hook=hook, timeout=300, store_history=False)
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"{reply['content'].get('ename')}: {reply['content'].get('evalue')}")
        return "".join(printed)
    finally:
        kc.stop_channels()


RESET = ("get_ipython().run_line_magic('reset', '-f')\n"
         "import ecreport.data, ecreport.narrative\n"
         "ecreport.data.reset_accessed(); ecreport.narrative.take_notes()\n"
         "ecreport.narrative.reset_glossary_links()\n")
REPORT = "import ecreport.data, json; print(json.dumps(sorted(ecreport.data.accessed_tables())))"


CELL_TIMEOUT = 300   # seconds; a chapter's cells take about one. Past it the kernel is taken as hung.


def _discard_kernel() -> None:
    """Kill this worker's kernel (hung or dead) so that the next chapter starts a fresh one."""
    global _KERNEL
    km, _KERNEL = _KERNEL, None
    if km is not None:
        try:
            km.shutdown_kernel(now=True)
        except Exception:
            pass


def _source_cell_number(source: str, cell_index: int) -> int:
    """Where a cell that failed sits in the chapter notebook, counting from 1 as JupyterLab lists
    cells. (The warm kernel's execution counts run on across chapters, and papermill runs the
    notebook with its parameter cell inserted after the cell tagged ``parameters``.)"""
    try:
        cells = json.loads(Path(source).read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError):
        return cell_index + 1
    tagged = [i for i, c in enumerate(cells) if "parameters" in c.get("metadata", {}).get("tags", [])]
    injected = tagged[0] + 1 if tagged else 0
    return cell_index if cell_index > injected else cell_index + 1


def execute_chapter(source: str, target: str, year: int, data_dir: str) -> dict:
    """Run one notebook with papermill in this worker's warm kernel; never raises.

    An error in the chapter's own code fails at once. A kernel that dies or stops answering
    (rare: a kernel can hang on its way out) is replaced and the chapter run once more.
    """
    import papermill as pm

    started = time.perf_counter()
    for attempt in (1, 2):
        try:
            km = _KERNEL if _KERNEL is not None and _KERNEL.is_alive() else _start_kernel()
            _kernel_run(km, RESET)
            pm.execute_notebook(source, target, parameters={"year": year, "data_dir": data_dir},
                                kernel_name="python3", progress_bar=False, log_output=False, km=km,
                                execution_timeout=CELL_TIMEOUT)
            tables = json.loads(_kernel_run(km, REPORT).strip().splitlines()[-1])
            return {"ok": True, "tables": tables, "seconds": time.perf_counter() - started}
        except pm.PapermillExecutionError as exc:
            return {"ok": False, "cell": _source_cell_number(source, exc.cell_index), "ename": exc.ename,
                    "evalue": exc.evalue, "seconds": time.perf_counter() - started}
        except Exception as exc:  # kernel died or hung, notebook unreadable …
            _discard_kernel()
            if attempt == 2:
                return {"ok": False, "cell": None, "ename": type(exc).__name__, "evalue": str(exc),
                        "seconds": time.perf_counter() - started}


def tidy_for_reader(path: Path, student: bool = False) -> None:
    """Hide code behind a toggle, remove the parameter cells, number cells from 1.

    The student edition leaves out the exercises' solutions (cells tagged ``solution``).
    """
    nb = json.loads(path.read_text(encoding="utf-8"))
    if student:
        nb["cells"] = [c for c in nb["cells"] if "solution" not in c.get("metadata", {}).get("tags", [])]
    count = 0
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        count += 1
        cell["execution_count"] = count
        for output in cell.get("outputs", []):
            if "execution_count" in output:
                output["execution_count"] = count
        tags = cell.setdefault("metadata", {}).setdefault("tags", [])
        if "injected-parameters" in tags or "parameters" in tags:
            if "remove-cell" not in tags:
                tags.append("remove-cell")
        elif not any(t.startswith(("remove-", "hide-")) for t in tags):
            tags.append("hide-input")
    path.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


@dataclass
class Job:
    year: int
    chapter: Chapter
    target: Path
    record: Path
    key: str | None


def _plan_jobs(request: BuildRequest) -> tuple[list[Job], list[Job]]:
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
    return run, fresh


def _execute_all(request: BuildRequest, jobs: list[Job], progress: bool = True) -> dict:
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
    with ProcessPoolExecutor(max_workers=min(request.jobs, len(jobs))) as pool:
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
            tidy_for_reader(job.target, request.student)
            job.record.parent.mkdir(parents=True, exist_ok=True)
            key = chapter_key(job.chapter, job.year, request.data_dir, result["tables"], kit)
            job.record.write_text(json.dumps({"key": key, "tables": result["tables"]}), encoding="utf-8")
    bar.close()
    if failures:
        raise BuildError("\n".join(sorted(failures))
                         + f"\n(executed copies with tracebacks: {display_path(BUILD_ROOT / 'stage')})")
    return timings


# -- staging and compiling ------------------------------------------------------------

def stage_dir(year: int, variant: str = "book") -> Path:
    return BUILD_ROOT / "stage" / variant / str(year)


def _write_if_changed(path: Path, data: bytes) -> bool:
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def _stage_book(request: BuildRequest, year: int) -> None:
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


def _compile(year: int, variant: str = "book") -> Path:
    work = BUILD_ROOT / "work" / variant / str(year)
    command = [sys.executable, "-c", COMPILE, "build", str(stage_dir(year, variant)),
               "--path-output", str(work), "--warningiserror", "--keep-going", "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True)
    html_dir = work / "_build" / "html"
    if result.returncode != 0 or not (html_dir / "index.html").is_file():
        log = (result.stdout + result.stderr).strip().splitlines()
        warnings = [line for line in log if "WARNING" in line or "ERROR" in line] or log[-20:]
        # the next build must start clean: Sphinx would not repeat warnings of unchanged pages
        shutil.rmtree(work, ignore_errors=True)
        raise BuildError("Jupyter Book failed (warnings are errors):\n  " + "\n  ".join(warnings[:30]))
    return html_dir


def _compile_all(years: list[int], jobs: int, variant: str = "book") -> dict[int, Path]:
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(years)))) as pool:
        return dict(zip(years, pool.map(lambda y: _compile(y, variant), years)))


def _stage_digest(year: int, variant: str = "book") -> str:
    stage = stage_dir(year, variant)
    files = sorted(p for p in stage.rglob("*") if p.is_file())
    return _digest(*[p.relative_to(stage).as_posix().encode() + p.read_bytes() for p in files])


def _swap_in(build_site, out: Path) -> None:
    """Make the new site in a sibling folder, then swap it in whole."""
    out.parent.mkdir(parents=True, exist_ok=True)
    incoming = out.with_name(f".{out.name}.incoming")
    outgoing = out.with_name(f".{out.name}.outgoing")
    for leftover in (incoming, outgoing):
        if leftover.exists():
            shutil.rmtree(leftover)
    build_site(incoming)
    if out.exists():
        out.rename(outgoing)
    incoming.rename(out)
    if outgoing.exists():
        shutil.rmtree(outgoing)


def _site_stamp(request: BuildRequest) -> Path:
    return BUILD_ROOT / "cache" / f"site-{_digest(str(request.out))[:16]}.json"


def landing_page(years: list[int], skipped: dict[int, list[str]], compare: str | None = None) -> str:
    items = "\n".join(f'<li><a href="{y}/index.html">中国电子商务发展报告 {edition_title(y)}</a></li>'
                      for y in sorted(years, reverse=True))
    latest = max(years)
    missing = ""
    compare_link = f'<p><a href="{latest}/{compare}.html">历年主要指标对比</a></p>' if compare else ""
    if skipped:
        missing = ("<p>以下年份的数据不全，未生成版本：" + "、".join(edition_title(y) for y in sorted(skipped))
                   + "（运行 <code>python scripts/build.py --check</code> 查看缺少的指标）。</p>")
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>中国电子商务发展报告 · 各年版本</title>
<style>body{{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;
max-width:46rem;margin:3rem auto;padding:0 1rem;line-height:1.8;color:#222}}a{{color:#1f5fa8}}</style></head>
<body><main>
<h1>中国电子商务发展报告 · 各年版本</h1>
<p>同一套笔记本与数据生成的各年版本。每一版的文字、数字、图表与图题都随该年的数据更新。</p>
<ul>
{items}
</ul>
{compare_link}
{missing}
</main></body></html>
"""


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
        _stage_book(request, year)
    to_run, fresh = _plan_jobs(request)
    _execute_all(request, to_run, progress)
    executed = [(j.year, j.chapter.name) for j in to_run]
    reused = [(j.year, j.chapter.name) for j in fresh]
    digest = _digest(*[str(y) + _stage_digest(y, request.variant) for y in request.years], str(request.all_editions))
    stamp = _site_stamp(request)
    if (not to_run and request.out.is_dir() and stamp.is_file()
            and json.loads(stamp.read_text(encoding="utf-8")).get("digest") == digest):
        return BuildResult(request.out / "index.html", executed, reused, False)  # nothing changed
    sites = _compile_all(request.years, request.jobs, request.variant)

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

    _swap_in(build_site, request.out)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(json.dumps({"digest": digest}), encoding="utf-8")
    return BuildResult(request.out / "index.html", executed, reused, True)

