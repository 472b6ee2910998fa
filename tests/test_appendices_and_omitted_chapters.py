"""The chapters the report marks 略 and the appendices say what the data holds: the 目录's entries from
report_toc.csv, the judgement rules from judgements.csv (附录D), each rule applied to every year (附录B)."""

import html

import nbformat
import papermill as pm

from conftest import ROOT, edit_cell
from ecreport.data import load


def run(notebook: str, data_dir, tmp_path, year: int = 2017) -> str:
    """The markdown and HTML a notebook shows, run with papermill on a data folder."""
    path = ROOT / notebook
    out = tmp_path / path.name
    pm.execute_notebook(str(path), str(out), parameters={"year": year, "data_dir": str(data_dir)},
                        kernel_name="python3", progress_bar=False, cwd=str(path.parent))
    nb = nbformat.read(out, as_version=4)
    return html.unescape("\n".join(o.get("data", {}).get("text/markdown", "") + o.get("data", {}).get("text/html", "")
                                   for c in nb.cells for o in c.get("outputs", [])))


def test_an_omitted_chapter_lists_its_toc_entries_as_the_data_has_them(data_copy, tmp_path):
    edit_cell(data_copy / "report_toc.csv", {"number": "10.2"}, "title", "部分国家和地区电子商务发展情况（改）")
    text = run("chapters/10_global.ipynb", data_copy, tmp_path)
    assert "10 全球电子商务发展概况；10.1 全球电子商务发展的基本情况；10.2 部分国家和地区电子商务发展情况（改）。" in text


def test_chapter_7_lists_the_garbled_entry_7_that_the_toc_files_under_chapter_8(tmp_path):
    text = run("chapters/07_demo_cities.ipynb", ROOT / "data", tmp_path)
    assert "7 推动电子商务之技术新热点概要（报告目录第7章的标题误作第8章的标题" in text
    assert "7.1 电子商务示范城市创建工作总体情况；7.2 电子商务示范城市区域分布情况。" in text


def test_the_data_appendix_shows_every_judgement_rule(tmp_path):
    text = run("appendix/A4_data.ipynb", ROOT / "data", tmp_path)
    rules = load().tables["judgements"]
    assert "<strong>报告的判断规则</strong>" in text
    for rule in rules.itertuples():
        for words in (rule.subject, rule.test, rule.holds, rule.fails, rule.basis):
            assert f"<td>{words}</td>" in text, (rule.rule, words)


def test_the_editions_appendix_applies_each_rule_to_every_year(data_copy, tmp_path):
    before = run("appendix/A2_editions.ipynb", ROOT / "data", tmp_path)
    assert "电子商务交易额的发展阶段**（第1章）：2014—2015年“高速增长期”，2016—2022年“稳定发展期”。" in before
    edit_cell(data_copy / "judgements.csv", {"rule": "ec_stage"}, "threshold", "10")
    (tmp_path / "edited").mkdir()
    after = run("appendix/A2_editions.ipynb", data_copy, tmp_path / "edited")
    assert ("电子商务交易额的发展阶段**（第1章）：2014—2017年“高速增长期”，2018年“稳定发展期”，2019年“高速增长期”，"
            "2020年“稳定发展期”，2021年“高速增长期”，2022年“稳定发展期”。") in after
