#!/usr/bin/env python
"""Build 中国电子商务发展报告 as an offline Jupyter Book.

    python scripts/build.py [--year YEAR|latest|all] [--data-dir DIR] [--out DIR] [--jobs N] [--chapters LIST]
    python scripts/build.py --student ...      (exercises without their solutions)
    python scripts/build.py --check [--year YEAR|latest|all] [--data-dir DIR]
    python scripts/build.py --sheet YEAR [--data-dir DIR] [--out FILE]   (_build/sheet-YEAR.xlsx to fill in)
    python scripts/build.py --import-sheet FILE [--data-dir DIR] [--replace]

Each chapter notebook is executed with papermill (parameters year and data_dir)
into _build/stage/<year>/, skipped when its notebook, the helpers and the data
it reads are unchanged; Jupyter Book then compiles the executed copies (its own
execution off, warnings are errors) and the site replaces the previous one only
when everything succeeded.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.dont_write_bytecode = True      # the build writes only its output and _build/: no __pycache__ beside the sources

from ecreport.build import BuildRequest, check, import_sheet, run, sheet
from ecreport.units import edition_title
from ecreport.errors import EcReportError


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="build.py",
        description="Build 中国电子商务发展报告 as an offline Jupyter Book.")
    parser.add_argument("--year", default=None,
                        help="report year of the edition (2017 = the 2017–2018 edition; default 2017), "
                             "'latest' for the newest edition the data has, or 'all' for every edition that has data")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="data folder with datapackage.json (default: the book's data/)")
    parser.add_argument("--out", type=Path, default=None,
                        help="where the HTML goes (default: _build/html); with --sheet, the sheet's file")
    parser.add_argument("--jobs", type=int, default=None,
                        help="notebooks executed in parallel (default: number of CPUs)")
    parser.add_argument("--chapters", default=None,
                        help="comma-separated chapters to build, by number or file name (default: all)")
    parser.add_argument("--student", action="store_true",
                        help="build the student edition: exercises without their solutions "
                             "(default output _build/html-student)")
    parser.add_argument("--check", action="store_true",
                        help="validate the data and list, per edition, what is missing; build nothing")
    parser.add_argument("--sheet", metavar="YEAR", default=None,
                        help="write _build/sheet-YEAR.xlsx, a row for each value the edition of YEAR lacks "
                             "(the year after the newest edition too); never over a filled-in sheet")
    parser.add_argument("--import-sheet", metavar="FILE", type=Path, default=None,
                        help="add the values of a filled-in sheet to the data folder: all or nothing")
    parser.add_argument("--replace", action="store_true",
                        help="with --import-sheet: replace a value of the same key and vintage "
                             "(the old row is kept in revisions.csv)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        if args.sheet:
            print(sheet(args.sheet, args.data_dir, args.out))
            return 0
        if args.import_sheet:
            print(import_sheet(args.import_sheet, args.data_dir, replace=args.replace))
            return 0
        if args.check:
            complete, report = check(args.year or "all", args.data_dir)
            print(report)
            return 0 if complete else 1
        request = BuildRequest.from_args(year=args.year or "2017", data_dir=args.data_dir, out=args.out,
                                         jobs=args.jobs, chapters=args.chapters, student=args.student)
        if args.year == "latest":
            print(f"build.py: --year latest is {request.year} ({request.edition_title})")
        for year, missing in request.skipped.items():
            print(f"build.py: skipping the {edition_title(year)} edition: lacks {len(missing)} value(s) "
                  f"(see --check)", file=sys.stderr)
        result = run(request)
    except EcReportError as exc:       # refused input, a failing chapter, a failed compile
        print(f"build.py: {exc}", file=sys.stderr)
        return 2 if getattr(exc, "refused", True) else 1
    except KeyboardInterrupt:
        print("build.py: interrupted; the previous book was left as it was", file=sys.stderr)
        return 130
    print(result.summary())
    print(f"Built {request.edition_title}: open {result.site.as_uri()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
