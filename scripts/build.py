#!/usr/bin/env python
"""Build the book: execute every chapter notebook with papermill, then compile
the executed copies with Jupyter Book (its own execution off, warnings as
errors), and swap the new site in only when everything succeeded.

    python scripts/build.py [--year YEAR] [--data-dir DIR] [--out DIR] [--jobs N] [--chapters LIST]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ecreport.build import BuildError, BuildRequest, run
from ecreport.errors import EcReportError


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="build.py",
        description="Build 中国电子商务发展报告 as an offline Jupyter Book.")
    parser.add_argument("--year", default="2017",
                        help="report year of the edition (2017 = the 2017–2018 edition; default 2017)")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="data folder with datapackage.json (default: the book's data/)")
    parser.add_argument("--out", type=Path, default=None,
                        help="where the HTML goes (default: _build/html)")
    parser.add_argument("--jobs", type=int, default=None,
                        help="notebooks executed in parallel (default: number of CPUs)")
    parser.add_argument("--chapters", default=None,
                        help="comma-separated chapters to build, by number or file name (default: all)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        request = BuildRequest.from_args(year=args.year, data_dir=args.data_dir, out=args.out,
                                         jobs=args.jobs, chapters=args.chapters)
        site = run(request)
    except (BuildError, EcReportError) as exc:
        print(f"build.py: {exc}", file=sys.stderr)
        return 2 if getattr(exc, "refused", True) else 1
    except KeyboardInterrupt:
        print("build.py: interrupted; the previous book was left as it was", file=sys.stderr)
        return 130
    print(f"Built the {request.edition_title} edition: open {site.as_uri()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
