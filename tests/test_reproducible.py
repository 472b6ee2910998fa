"""Reproducible to the byte: the book built again from clean, by a copy of the project in another
folder, with the chapters executed in another order by two warm kernels, is the same file for file;
nothing it ships names a folder of the building machine; and the build writes nowhere but its
output, its build folder and the temporary folder."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import pytest

from ecreport.build import chapters_available
from ecreport.build.plan import ORDER_ENV, in_order

from conftest import ROOT, tree

NOT_THE_PROJECT = shutil.ignore_patterns(".git", ".venv", "_build", "node_modules", "__pycache__",
                                         ".pytest_cache", "*.egg-info", ".ipynb_checkpoints")
SEED = "7"


def commit_time() -> str | None:
    """When the checked-out commit was made, the date the build gives its pages (None outside git)."""
    found = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct"], capture_output=True, text=True)
    return found.stdout.strip() if found.returncode == 0 and (ROOT / ".git").exists() else None


@pytest.fixture(scope="module")
def elsewhere(tmp_path_factory):
    """The project copied into another, deeper folder and its default edition built from clean
    there: its own build folder, HOME an empty folder, TMPDIR its own, the chapters shuffled."""
    scratch = tmp_path_factory.mktemp("elsewhere")
    project = scratch / "a" / "copy of the project"
    shutil.copytree(ROOT, project, ignore=NOT_THE_PROJECT)
    (scratch / "home").mkdir()
    (scratch / "tmp").mkdir()
    env = dict(os.environ, HOME=str(scratch / "home"), TMPDIR=str(scratch / "tmp"),
               ECREPORT_BUILD_DIR=str(scratch / "build"), **{ORDER_ENV: SEED})
    env.pop("PYTHONDONTWRITEBYTECODE", None)          # a __pycache__ beside the sources would show
    env.pop("SOURCE_DATE_EPOCH", None)
    if commit_time():                                 # the copy is no git checkout: given the date instead
        env["SOURCE_DATE_EPOCH"] = commit_time()
    sources = tree(project)
    result = subprocess.run([sys.executable, str(project / "scripts" / "build.py"), "--jobs", "2",
                             "--out", str(scratch / "html")], capture_output=True, text=True, cwd=project,
                            env=env, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    return {"scratch": scratch, "project": project, "site": scratch / "html", "sources": sources}


def test_two_clean_builds_give_the_same_files(built_book, elsewhere):
    chapters = [c.name for c in chapters_available()]
    assert in_order(chapters, SEED) != chapters          # the copy ran its chapters in another order
    first, second = tree(built_book), tree(elsewhere["site"])
    assert len(first) > 100
    assert sorted(first) == sorted(second)
    assert [rel for rel in first if first[rel] != second[rel]] == [], [rel for rel in first if first[rel] != second[rel]]


def test_pages_are_dated_by_the_commit(built_book):
    stamp = commit_time()
    assert stamp, "the project is a git checkout"
    date = datetime.fromtimestamp(int(stamp), tz=timezone.utc)
    assert f"最后更新于 {date.year} 年 {date.month:02d} 月 {date.day:02d} 日" in (built_book / "intro.html").read_text(
        encoding="utf-8")


def test_the_notebooks_readers_download_carry_no_record_of_the_run(built_book):
    nb = json.loads((built_book / "_sources" / "chapters" / "01_overview.ipynb").read_text(encoding="utf-8"))
    assert "papermill" not in nb["metadata"]
    assert [c["id"] for c in nb["cells"] if {"papermill", "execution"} & set(c["metadata"])] == []
    injected = next(c for c in nb["cells"] if "injected-parameters" in c["metadata"]["tags"])
    assert "".join(injected["source"]).splitlines()[-1] == "data_dir = None"      # the book's own data/


def test_nothing_the_book_ships_names_a_folder_of_the_building_machine(built_book, elsewhere):
    folders = {ROOT, built_book.parent, elsewhere["scratch"], elsewhere["project"], Path.home(),
               Path(tempfile.gettempdir())}
    needles = [str(f).encode() for f in folders if len(f.parts) > 1]
    for site in (built_book, elsewhere["site"]):
        for path in (p for p in site.rglob("*") if p.is_file()):
            data = path.read_bytes()
            assert [n for n in needles if n in data] == [], path.relative_to(site)


def test_the_build_writes_only_its_output_and_its_build_folder(elsewhere):
    scratch = elsewhere["scratch"]
    assert list((scratch / "home").iterdir()) == []                  # nothing in $HOME
    assert tree(elsewhere["project"]) == elsewhere["sources"]        # nothing beside the sources
    assert sorted(p.name for p in scratch.iterdir()) == ["a", "build", "home", "html", "tmp"]
