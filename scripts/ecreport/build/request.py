"""What was asked for: the command line checked before any work, the chapters, ``--check``."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..data import load
from ..edition import Edition, describe_years, edition_years, headline_of, planned_year
from ..errors import DataError, EcReportError
from ..needs import needs
from ..paths import BUILD_ROOT, DEFAULT_DATA_DIR, PROJECT_ROOT, display_path
from ..units import edition_title


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
    except DataError as exc:
        if len(exc.problems) == 1:
            raise BuildError(f"invalid data: {exc}", refused=True) from None
        lines = str(exc).splitlines()
        raise BuildError(f"invalid data in {display_path(data_dir)}, {len(exc.problems)} problems:\n  "
                         + "\n  ".join(lines), refused=True) from None
    except EcReportError as exc:
        raise BuildError(f"invalid data: {exc}", refused=True) from None


def _checked_year(dataset, year, planned_ok: bool = False) -> int:
    """The --year given, if the data has an edition for it ('latest': the newest; with planned_ok, also the
    planned edition of the year after); else refuse, listing the valid years."""
    years = edition_years(dataset)
    if str(year) == "latest":
        if not years:
            raise BuildError(f"--year latest: {describe_years(years)}", refused=True)
        return max(years)
    try:
        year_int = int(str(year))
    except ValueError:
        year_int = None
    if year_int in years or (planned_ok and year_int is not None and year_int == planned_year(dataset)):
        return year_int
    raise BuildError(f"--year {year}: {no_edition(dataset, year_int)} "
                     f"(valid: {describe_years(years)}, latest or all)", refused=True)


def no_edition(dataset, year: int | None) -> str:
    """Why a year has no edition: the headline series of its time has no value for it."""
    if year is None:
        return "unknown year"
    headline = headline_of(dataset, year)
    name = dataset.indicators.set_index("indicator").at[headline, "name_zh"]
    table = dataset.table_of(headline)
    where = f" in {dataset.file_of(table)}" if table else ""
    if year == planned_year(dataset):
        return (f"the {edition_title(year)} edition is planned: it can be built once the annual {headline} "
                f"({name}) value for {year} is{where} (--check --year {year} lists what it lacks)")
    return (f"unknown year: an edition needs the annual {headline} "
            f"({name}) value for {year}, and the data has none{where}")


def check_editions(data_dir, years: list[int], chapters: list[Chapter]) -> dict[int, list[str]]:
    """For each edition, what its chapters require and the data lacks."""
    report = {}
    for year in years:
        edition = Edition(year, data_dir, planned=True)
        report[year] = [f"{ch.label}: {need}" for ch in chapters for need in edition.missing(ch.requires)]
    return report


def check(year="all", data_dir=None) -> tuple[bool, str]:
    """Validate the data and report, edition by edition, what is missing (no build), one value per line:
    required values (without them an edition cannot be built) and core values (their sections say
    未见公布). The planned edition (the year after the newest) is listed when asked for by year."""
    data_dir, dataset = _checked_data(data_dir)
    years = edition_years(dataset) if str(year) == "all" else [_checked_year(dataset, year, planned_ok=True)]
    chapters = chapters_available()
    report = check_editions(data_dir, years, chapters)
    lines = [f"data in {display_path(data_dir)}: valid ({len(dataset.observations)} values, "
             f"{len(dataset.sources)} sources)"]
    planned = planned_year(dataset)
    for y, missing in report.items():
        edition = Edition(y, data_dir, planned=True)
        lacking = needs(edition, {ch.label: ch.requires for ch in chapters})
        required = [n for n in lacking if n.kind == "required"]
        core = [n for n in lacking if n.kind == "core"]
        if y not in edition_years(dataset):
            lines.append(f"{edition_title(y)} edition: planned, built once its headline figure is in; "
                         f"it leads with {edition.headline} ({edition.name_of(edition.headline)}) and lacks "
                         f"{len(required)} required and {len(core)} core value(s):")
        elif missing:
            lines.append(f"{edition_title(y)} edition: cannot build, lacks {len(required)} required value(s)"
                         f" and {len(core)} core value(s):")
        else:
            lines.append(f"{edition_title(y)} edition: can be built"
                         + (f"; {len(core)} core value(s) are not in the data and will say 未见公布:" if core else
                            "; every core value is in the data"))
        lines += [f"  {n.describe(edition)}" for n in required + core]
    if str(year) == "all" and planned:
        lines.append(f"{edition_title(planned)} edition: planned (--check --year {planned} lists what it lacks)")
    return all(not m for m in report.values()), "\n".join(lines)


def sheet(year, data_dir=None, out=None) -> str:
    """Write the sheet of the values an edition lacks (_build/sheet-YEAR.xlsx, or ``out``); never over a
    filled-in one."""
    from ..sheet import free_path, write_sheet
    data_dir, dataset = _checked_data(data_dir)
    year_int = _checked_year(dataset, year, planned_ok=True)
    edition = Edition(year_int, data_dir, planned=True)
    lacking = needs(edition, {ch.label: ch.requires for ch in chapters_available()})
    wanted = Path(out) if out else BUILD_ROOT / f"sheet-{year_int}.xlsx"
    if wanted.suffix.lower() != ".xlsx":
        raise BuildError(f"--out {out}: a sheet is an .xlsx file (valid: e.g. sheet-{year_int}.xlsx)", refused=True)
    path, kept = free_path(wanted)
    write_sheet(edition, lacking, path)
    required = sum(n.kind == "required" for n in lacking)
    lines = [f"wrote {display_path(path)}: {len(lacking)} value(s) the {edition_title(year_int)} edition lacks "
             f"({required} required, {len(lacking) - required} core)"]
    if kept:
        lines.append(f"{display_path(kept)} is filled in and was kept; the new sheet is beside it")
    return "\n".join(lines)


def import_sheet(path, data_dir=None, replace: bool = False) -> str:
    """Import a filled-in sheet into the data folder, all or nothing (see ecreport.sheet_import)."""
    from ..sheet_import import SheetError, import_sheet as run_import
    data_dir, _ = _checked_data(data_dir)
    try:
        return run_import(Path(path), data_dir, replace=replace)
    except SheetError as exc:
        count = len(exc.problems)
        raise BuildError(f"nothing imported, {display_path(data_dir)} is unchanged; "
                         f"{count} problem{'s' if count > 1 else ''} in the sheet:\n  "
                         + "\n  ".join(str(exc).splitlines()), refused=True) from None


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
