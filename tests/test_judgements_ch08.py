"""Chapter 8's judgements are rules on the data (data/judgements.csv) and follow it.

大数据产业 "在未来将保持20%以上增速" looks at the next year's growth (the forecast's, where the next year is a
forecast); 人工智能专利申请数 "逐年增加" at the year's growth. In the 2017 edition the report's words stand, with a
note giving the rule's words where the data disagrees; any other edition prints the rule's words.
"""

import os

import nbformat
import papermill as pm
import pytest

from conftest import ROOT, edit_cell, read_rows, write_rows
from ecreport.edition import Edition

CHAPTER = ROOT / "chapters" / "08_technology.ipynb"
BIGDATA_2018 = {"indicator": "bigdata_industry", "period": "2018", "measure": "level"}
PATENT_GROWTH_2017 = {"indicator": "ai_patent_applications", "period": "2017", "measure": "yoy_growth"}


def add_bigdata_forecast(data_dir, period: str, value: str) -> None:
    """A forecast of the big-data industry for a later year (as the report gives 2018's)."""
    path = data_dir / "technology.csv"
    fields, rows = read_rows(path)
    template = next(r for r in rows if all(r[k] == v for k, v in BIGDATA_2018.items()))
    rows.append(dict(template, period=period, value=value))
    write_rows(path, fields, rows)


def test_the_report_words_are_the_rules_words_on_the_books_data():
    ed = Edition(2017)
    outlook, rising = ed.judge("bigdata_outlook", 2018), ed.judge("ai_patents_rising")
    assert (outlook.words, outlook.threshold, outlook.notes) == ("将保持", "20%", ())   # 6200 / 4700: +31.9 %
    assert (rising.words, rising.notes) == ("逐年增加", ())                               # +16.2 %


def test_a_forecast_below_the_threshold_keeps_the_report_words_with_the_rules_words_in_a_note(data_copy):
    edit_cell(data_copy / "technology.csv", BIGDATA_2018, "value", "5500")              # +17.0 %
    outlook = Edition(2017, data_copy).judge("bigdata_outlook", 2018)
    assert outlook.words == "将保持"
    [note] = outlook.notes
    assert "报告原文作“将保持”" in note.text and "本书数据应作“难以保持”" in note.text


def test_another_edition_says_what_its_next_year_gives(data_copy):
    add_bigdata_forecast(data_copy, "2019", "6500")                                      # 6500 / 6200: +4.8 %
    assert Edition(2018, data_copy).judge("bigdata_outlook", 2019).words == "难以保持"
    edit_cell(data_copy / "technology.csv", {**BIGDATA_2018, "period": "2019"}, "value", "7500")   # +21.0 %
    assert Edition(2018, data_copy).judge("bigdata_outlook", 2019).words == "将保持"
    assert Edition(2018).judge("bigdata_outlook", 2019) is None                          # no 2019 in the book's data


def test_falling_patent_applications_are_not_said_to_rise(data_copy):
    edit_cell(data_copy / "technology.csv", PATENT_GROWTH_2017, "value", "-3.0")
    rising = Edition(2017, data_copy).judge("ai_patents_rising")
    assert rising.words == "逐年增加" and "本书数据应作“未再增加”" in rising.notes[0].text
    edit_cell(data_copy / "technology.csv", PATENT_GROWTH_2017, "value", "0.0")         # no growth is no rise
    assert "未再增加" in Edition(2017, data_copy).judge("ai_patents_rising").notes[0].text


@pytest.fixture(scope="module")
def chapter_on_changed_data(tmp_path_factory):
    """The 2017 edition of chapter 8 run on data where both judgements fail."""
    import shutil
    data = tmp_path_factory.mktemp("ch08") / "data"
    shutil.copytree(ROOT / "data", data)
    edit_cell(data / "technology.csv", BIGDATA_2018, "value", "5500")
    edit_cell(data / "technology.csv", PATENT_GROWTH_2017, "value", "-3.0")
    out = data.parent / "out.ipynb"
    os.environ["ECREPORT_OUTPUT"] = "book"
    try:
        pm.execute_notebook(str(CHAPTER), str(out), parameters={"year": 2017, "data_dir": str(data)},
                            kernel_name="python3", progress_bar=False, cwd=str(CHAPTER.parent))
    finally:
        del os.environ["ECREPORT_OUTPUT"]
    nb = nbformat.read(out, as_version=4)
    return "\n".join(o.get("data", {}).get("text/markdown", "") for c in nb.cells for o in c.get("outputs", []))


def test_the_chapter_prints_the_report_words_and_notes_what_the_data_shows(chapter_on_changed_data):
    text = chapter_on_changed_data
    assert "并且在未来将保持20%以上增速①" in text          # the note marks the whole phrase
    assert "本书数据应作“难以保持”" in text
    assert "中国人工智能专利申请数逐年增加" in text and "本书数据应作“未再增加”" in text
    assert "预计到2018年底大数据市场产值将达到5500亿元" in text
