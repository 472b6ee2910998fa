"""Chapter 3's judgement as a rule on the data, and the report's case details following the data.

The report says 2018年我国将“继续深入实施智能制造工程” while MIIT plans to select more pilot projects (100个左右)
than it announced the year before (98个); the rule ``smart_manufacturing_deepening`` (data/judgements.csv) says
继续深入实施 while the planned number is higher than the year before's, else 继续实施.
"""

import nbformat
import papermill as pm

from conftest import ROOT, edit_cell
from ecreport.edition import Edition

CHAPTER = ROOT / "chapters" / "03_industrial_internet.ipynb"
RULE = "smart_manufacturing_deepening"
PROJECTS = {"indicator": "smart_manufacturing_pilot_projects", "period": "2018"}
DEVICES = {"indicator": "platform_connected_devices", "period": "2018", "company": "树根互联"}


def chapter_text(data_dir, year, tmp_path) -> str:
    out = tmp_path / f"ch03_{year}.ipynb"
    pm.execute_notebook(str(CHAPTER), str(out), parameters={"year": year, "data_dir": str(data_dir)},
                        kernel_name="python3", progress_bar=False, cwd=str(CHAPTER.parent))
    nb = nbformat.read(out, as_version=4)
    return "\n".join(o.get("data", {}).get("text/markdown", "") for c in nb.cells for o in c.get("outputs", []))


def test_more_planned_projects_than_the_year_before_is_deepening():
    judgement = Edition(2018).judge(RULE)
    assert judgement.holds and judgement.words == "继续深入实施智能制造工程"


def test_fewer_planned_projects_give_the_other_words(data_copy, tmp_path):
    edit_cell(data_copy / "industry.csv", PROJECTS, "value", "90")
    judgement = Edition(2018, data_copy).judge(RULE)
    assert not judgement.holds and judgement.words == "继续实施智能制造工程"
    text = chapter_text(data_copy, 2018, tmp_path)
    assert "**2018年**我国将继续实施智能制造工程。为此，**将新遴选90个左右试点示范项目**" in text
    assert "深入实施" not in text


def test_the_2017_edition_keeps_the_reports_words_and_notes_what_the_data_shows(data_copy, tmp_path):
    edit_cell(data_copy / "industry.csv", PROJECTS, "value", "90")
    edit_cell(data_copy / "industry.csv", DEVICES, "value", "50")
    text = chapter_text(data_copy, 2017, tmp_path)
    assert "我国将继续深入实施智能制造工程①。" in text
    assert "报告原文作“继续深入实施智能制造工程”" in text and "本书数据应作“继续实施智能制造工程”" in text
    # the case's figures come from industry.csv, its words from cases.csv, as the report has them
    assert "各类高价值设备50万台以上，采集近万个参数，连接数千亿资产，为客户开拓超百亿元收入的新业务" in text
    assert "实现企业内部信息流、资金流和物流的集成和融合" in text


def test_the_2017_edition_reads_as_the_report(tmp_path):
    text = chapter_text(ROOT / "data", 2017, tmp_path)
    assert ("**工信部装备工业司通过智能制造试点示范项目积极推动智能制造的发展，2017年工信部公示了98个试点示范项目，"
            "2018年将新遴选100个左右试点示范项目**") in text
    assert "目前，我国共投资上百亿元支持工业互联网和智能制造的发展" in text
    assert "**2018年**我国将继续深入实施智能制造工程。为此，**将新遴选100个左右试点示范项目**" in text
    assert "截至**2018年8月，联盟成员单位已达到756家**" in text
    assert "**2018年3月14日，山东省**工业互联网产业联盟成立仪式在济南成功召开。" in text
    assert "3.3 工业互联网发展趋势分析" in text          # the 目录's entry without text, in the chapter's note
