"""A chapter run with papermill on other data: its sentences and its chart follow."""

import json
import os
import re

import nbformat
import papermill as pm
import pytest

from conftest import ROOT, edit_cell, spec_rows

CHAPTER = ROOT / "chapters" / "01_overview.ipynb"


def outputs(path):
    nb = nbformat.read(path, as_version=4)
    texts, specs = [], []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            texts.append(data.get("text/markdown", "") + data.get("text/html", ""))
            for match in re.finditer(r'<script type="application/json" id="[^"]+">(.*?)</script>',
                                     data.get("text/html", ""), re.S):
                specs.append(json.loads(match.group(1).replace("<\\/", "</")))
    return "\n".join(texts), specs


@pytest.fixture(scope="module")
def changed_run(tmp_path_factory):
    data = tmp_path_factory.mktemp("changed") / "data"
    import shutil
    shutil.copytree(ROOT / "data", data)
    edit_cell(data / "ecommerce.csv", {"indicator": "ec_transaction", "period": "2017", "measure": "level",
                                       "segment": ""}, "value", "30.12")
    out = data.parent / "out.ipynb"
    os.environ["ECREPORT_OUTPUT"] = "book"      # what the built book shows
    try:
        pm.execute_notebook(str(CHAPTER), str(out), parameters={"year": 2017, "data_dir": str(data)},
                            kernel_name="python3", progress_bar=False, cwd=str(CHAPTER.parent))
    finally:
        del os.environ["ECREPORT_OUTPUT"]
    return outputs(out)


def test_sentence_follows_the_changed_value(changed_run):
    text, _ = changed_run
    assert "中国电子商务交易额为30.12万亿元" in text
    assert "29.16万亿元" not in text
    # derived figures follow too: 30.12 / 40 = 75.3 % of the 2020 target, 30.12 / 10 = 3.0 times 2013
    assert "预期目标40万亿元的75.3%" in text
    assert "2013年的3.0倍" in text
    # and the segment shares are recomputed against the new total: 16.87 / 30.12 = 56.0 %
    assert "占比56.0%" in text


def test_chart_follows_the_changed_value(changed_run):
    _, specs = changed_run
    values = []
    for spec in specs:
        values += [row.get("交易额") for row in spec_rows(spec) if row.get("年份") == "2017"]
    assert 30.12 in values and 29.16 not in values


def test_chapter_source_has_no_outputs():
    nb = nbformat.read(CHAPTER, as_version=4)
    assert all(not c.get("outputs") and not c.get("execution_count") for c in nb.cells if c.cell_type == "code")
    tags = [c.metadata.get("tags", []) for c in nb.cells if c.cell_type == "code"]
    assert any("parameters" in t for t in tags)


def test_jupyterlab_gets_the_vega_lite_mimetype(tmp_path):
    """Outside the book, charts use the mimetype JupyterLab draws offline by itself."""
    out = tmp_path / "lab.ipynb"
    pm.execute_notebook(str(CHAPTER), str(out), parameters={"year": 2017}, kernel_name="python3",
                        progress_bar=False, cwd=str(CHAPTER.parent))
    nb = nbformat.read(out, as_version=4)
    kinds = {key for cell in nb.cells for o in cell.get("outputs", []) for key in o.get("data", {})}
    assert "application/vnd.vegalite.v5+json" in kinds
    html = "".join(o["data"].get("text/html", "") for c in nb.cells for o in c.get("outputs", []) if "data" in o)
    assert "cdn.jsdelivr" not in html
