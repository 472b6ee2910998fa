"""Every chapter notebook runs under papermill for another year and another data folder,
and every figure the report numbers is drawn in the built book with its number and source."""

import json
import os
import re

import nbformat
import papermill as pm
import pytest

from ecreport.build import chapters_available
from ecreport.data import load
from ecreport.edition import Edition

CHAPTERS = chapters_available()
OTHER_YEAR = 2016


def test_the_other_year_has_what_every_chapter_requires():
    edition = Edition(OTHER_YEAR)
    missing = [m for ch in CHAPTERS for m in edition.missing(ch.requires)]
    assert missing == []


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[c.name for c in CHAPTERS])
def test_chapter_runs_for_another_year_and_data_folder(chapter, data_copy, tmp_path):
    out = tmp_path / f"{chapter.name}.ipynb"
    os.environ["ECREPORT_OUTPUT"] = "book"
    try:
        pm.execute_notebook(str(chapter.path), str(out), parameters={"year": OTHER_YEAR, "data_dir": str(data_copy)},
                            kernel_name="python3", progress_bar=False, cwd=str(chapter.path.parent))
    finally:
        del os.environ["ECREPORT_OUTPUT"]
    nb = nbformat.read(out, as_version=4)
    text = "".join(o.get("data", {}).get("text/markdown", "") for c in nb.cells for o in c.get("outputs", []))
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []
    if chapter.key.isdigit():                 # a report chapter speaks of its edition's year
        assert str(OTHER_YEAR) in text


def test_every_report_figure_is_drawn_with_number_and_source(built_book):
    figures = load().tables["figures"]
    pages = {str(c.key): built_book / f"{c.toc_file}.html" for c in CHAPTERS}
    html_by_chapter = {k: p.read_text(encoding="utf-8") for k, p in pages.items() if p.is_file()}
    for row in figures.itertuples():
        html = html_by_chapter[row.chapter]
        fid = "fig-" + row.figure.removeprefix("图")
        block = re.search(rf'<figure class="ec-figure" id="{fid}".*?</figure>', html, re.S)
        assert block, row.figure
        assert row.figure in block.group(0) and "资料来源：" in block.group(0)
        spec = json.loads(re.search(r'<script type="application/json"[^>]*>(.*?)</script>', block.group(0), re.S)
                          .group(1).replace("<\\/", "</"))
        assert spec.get("datasets") or spec.get("data"), row.figure
