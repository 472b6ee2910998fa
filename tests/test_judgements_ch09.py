"""Chapter 9's judgements are rules on the data (data/judgements.csv) and follow it.

"我国区块链产业目前处于高速发展阶段" looks at the growth of the number of new blockchain companies (at least
20 %, the boundary the report draws in chapter 1); "2017年是近几年的区块链创业高峰期" at whether more companies
were founded than the year before. In the 2017 edition the report's words stand, with a note giving the rule's
words where the data disagrees; any other edition prints the rule's words.
"""

import os

import nbformat
import papermill as pm
import pytest

from conftest import ROOT, edit_cell, read_rows, write_rows
from ecreport.edition import Edition

CHAPTER = ROOT / "chapters" / "09_blockchain.ipynb"
NEW_2017 = {"indicator": "blockchain_new_companies", "period": "2017", "measure": "level"}


def add_new_companies(data_dir, period: str, value: str) -> None:
    """New blockchain companies of a later year, recorded as the report's 2017 figure is (edits stay on rows cited
    from the report: a row read from another source must keep the value its excerpt holds)."""
    path = data_dir / "blockchain.csv"
    fields, rows = read_rows(path)
    template = next(r for r in rows if all(r[k] == v for k, v in NEW_2017.items()))
    rows.append(dict(template, period=period, value=value))
    write_rows(path, fields, rows)


def test_the_report_words_are_the_rules_words_on_the_books_data():
    ed = Edition(2017)
    stage, peak = ed.judge("blockchain_stage"), ed.judge("blockchain_startup_peak")
    assert (stage.words, stage.notes) == ("高速发展阶段", ())               # 178 after 136: +30.9 %
    assert (peak.words, peak.notes) == ("是近几年的区块链创业高峰期", ())
    assert Edition(2016).judge("blockchain_stage") is None                 # no 2015 count in the data


def test_slower_growth_of_new_companies_is_not_high_speed(data_copy):
    edit_cell(data_copy / "blockchain.csv", NEW_2017, "value", "150")      # 150 after 136: +10.3 %
    ed = Edition(2017, data_copy)
    stage = ed.judge("blockchain_stage")
    assert stage.words == "高速发展阶段" and "本书数据应作“稳定发展阶段”" in stage.notes[0].text
    assert ed.judge("blockchain_startup_peak").notes == ()                 # still more than the year before


def test_fewer_new_companies_than_the_year_before_is_no_peak(data_copy):
    edit_cell(data_copy / "blockchain.csv", NEW_2017, "value", "120")      # 120 after 136
    peak = Edition(2017, data_copy).judge("blockchain_startup_peak")
    assert peak.words == "是近几年的区块链创业高峰期"
    assert "本书数据应作“并非近几年的区块链创业高峰期”" in peak.notes[0].text


def test_another_edition_says_what_its_year_gives(data_copy):
    add_new_companies(data_copy, "2018", "150")                             # 150 after 178: −15.7 %
    ed = Edition(2018, data_copy)
    assert ed.judge("blockchain_stage").words == "稳定发展阶段"
    assert ed.judge("blockchain_startup_peak").words == "并非近几年的区块链创业高峰期"
    edit_cell(data_copy / "blockchain.csv", {**NEW_2017, "period": "2018"}, "value", "250")   # +40.4 %
    ed = Edition(2018, data_copy)
    assert ed.judge("blockchain_stage").words == "高速发展阶段"
    assert ed.judge("blockchain_startup_peak").words == "是近几年的区块链创业高峰期"


@pytest.fixture(scope="module")
def chapter_on_changed_data(tmp_path_factory):
    """The 2017 edition of chapter 9 run on data where both judgements fail, and the 2018 edition on data
    that has a 2018 count."""
    import shutil
    data = tmp_path_factory.mktemp("ch09") / "data"
    shutil.copytree(ROOT / "data", data)
    edit_cell(data / "blockchain.csv", NEW_2017, "value", "120")
    add_new_companies(data, "2018", "100")
    texts = {}
    os.environ["ECREPORT_OUTPUT"] = "book"
    try:
        for year in (2017, 2018):
            out = data.parent / f"out{year}.ipynb"
            pm.execute_notebook(str(CHAPTER), str(out), parameters={"year": year, "data_dir": str(data)},
                                kernel_name="python3", progress_bar=False, cwd=str(CHAPTER.parent))
            nb = nbformat.read(out, as_version=4)
            texts[year] = "\n".join(o.get("data", {}).get("text/markdown", "")
                                    for c in nb.cells for o in c.get("outputs", []))
    finally:
        del os.environ["ECREPORT_OUTPUT"]
    return texts


def test_the_chapter_prints_the_report_words_and_notes_what_the_data_shows(chapter_on_changed_data):
    text = chapter_on_changed_data[2017]
    assert "我国区块链产业目前处于高速发展阶段" in text and "本书数据应作“稳定发展阶段”" in text
    assert "2017年是近几年的区块链创业高峰期①，新成立公司数量达到120家" in text
    assert "本书数据应作“并非近几年的区块链创业高峰期”" in text


def test_another_edition_prints_the_rules_words(chapter_on_changed_data):
    text = chapter_on_changed_data[2018]
    assert "我国区块链产业目前处于稳定发展阶段" in text and "我国区块链产业目前处于高速发展阶段" not in text
    assert "2018年并非近几年的区块链创业高峰期，新成立公司数量达到100家" in text
