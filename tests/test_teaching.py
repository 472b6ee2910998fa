"""The teaching edition: objectives, exercises with hidden solutions, a student edition without
them, the glossary and its links, the data appendix and the course guide."""

import json
import re

import pytest

from ecreport.build import chapters_available
from ecreport.data import load

from conftest import ROOT, offline_page, run_build

REPORT_CHAPTERS = [c for c in chapters_available() if c.key.isdigit()]


def cells(chapter):
    return json.loads(chapter.path.read_text(encoding="utf-8"))["cells"]


def text_of(cell):
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


@pytest.mark.parametrize("chapter", REPORT_CHAPTERS, ids=[c.name for c in REPORT_CHAPTERS])
def test_chapter_has_objectives_and_exercises_with_solutions(chapter):
    nb = cells(chapter)
    objectives = next(text_of(c) for c in nb[:3] if c["cell_type"] == "markdown" and "学习目标" in text_of(c))
    assert 3 <= len(re.findall(r"^\d+\. ", objectives, re.M)) <= 5
    exercises = [text_of(c) for c in nb if "exercise" in c.get("metadata", {}).get("tags", [])]
    assert len(exercises) >= 3
    labels = [re.search(r":label: (\S+)", e).group(1) for e in exercises]
    starts = [text_of(c) for c in nb if "{solution-start}" in text_of(c)]
    for label in labels:
        assert any(f"{{solution-start}} {label}" in s and ":class: dropdown" in s for s in starts), label
    assert any(re.search(r"papermill|year", e) for e in exercises)     # rerun for another year
    solution_cells = [c for c in nb if "solution" in c.get("metadata", {}).get("tags", [])]
    assert any(c["cell_type"] == "code" for c in solution_cells)        # solutions are run by the build


def test_solutions_are_hidden_by_default_in_the_book(built_book):
    for chapter in REPORT_CHAPTERS:
        html = (built_book / f"{chapter.toc_file}.html").read_text(encoding="utf-8")
        solutions = re.findall(r'<div class="solution[^"]*"', html)
        assert solutions and all("dropdown" in s for s in solutions), chapter.name


def test_student_edition_leaves_solutions_out(student_book):
    out = student_book
    for name in ("01_overview", "04_rural"):
        html = (out / "chapters" / f"{name}.html").read_text(encoding="utf-8")
        assert 'class="exercise' in html
        assert 'class="solution' not in html and "solution-start" not in html
    assert "学生版" in (out / "intro.html").read_text(encoding="utf-8")


def test_glossary_terms_linked_from_chapters_exist(built_book):
    glossary = (built_book / "appendix" / "A5_glossary.html").read_text(encoding="utf-8")
    anchors = set(re.findall(r'<dt id="(term-[^"]+)"', glossary))
    terms = load().tables["glossary"]
    assert len(anchors) == len(terms)
    for row in terms.itertuples():
        assert row.term in glossary and row.english in glossary
    linked_pages = 0
    for chapter in REPORT_CHAPTERS:
        html = (built_book / f"{chapter.toc_file}.html").read_text(encoding="utf-8")
        targets = re.findall(r'href="\.\./appendix/A5_glossary\.html#(term-[^"]+)"', html)
        assert set(targets) <= anchors, chapter.name
        linked_pages += bool(targets)
    assert linked_pages >= len(REPORT_CHAPTERS) - 1


def test_data_appendix_lists_and_ships_every_table(built_book):
    page = (built_book / "appendix" / "A4_data.html").read_text(encoding="utf-8")
    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        assert f'href="../_static/csv/{resource["path"]}"' in page, resource["path"]
        assert (built_book / "_static" / "csv" / resource["path"]).is_file()
        for field in resource["schema"]["fields"]:
            assert field["name"] in page


def test_course_guide_maps_weeks_to_chapters(built_book):
    html = (built_book / "appendix" / "A6_course_guide.html").read_text(encoding="utf-8")
    weeks = re.findall(r"<tr[^>]*>\s*<td[^>]*><p>(\d+)</p></td>", html)
    assert 8 <= len(weeks) <= 10
    text = re.sub(r"<[^>]+>", "", html)
    assert "papermill" in text and "jupyter lab" in text and "--student" in text
    for chapter in REPORT_CHAPTERS:
        assert f"{chapter.name}.html" in html, chapter.name


def test_a_click_anywhere_on_a_solution_title_opens_it(browser, built_book):
    """Most of a solution's title is the link to its exercise; clicking it opens the solution, with
    no page error (sphinx-togglebutton alone throws and leaves it shut)."""
    for chapter in REPORT_CHAPTERS:
        page, errors, _ = offline_page(browser)
        page.goto((built_book / f"{chapter.toc_file}.html").as_uri())
        page.wait_for_load_state("load")
        solution = page.locator("div.solution.dropdown").first
        assert "toggle-hidden" in solution.get_attribute("class"), chapter.name
        solution.locator(".admonition-title > a").first.click()
        page.wait_for_timeout(200)
        assert "toggle-hidden" not in solution.get_attribute("class"), chapter.name
        solution.locator(".admonition-title .toggle-button").first.click()
        page.wait_for_timeout(200)
        assert "toggle-hidden" in solution.get_attribute("class"), chapter.name
        assert errors == [], (chapter.name, errors)
        page.close()
