"""The Nu HTML checker (vnu-jar, from the npm registry, run with Java) finds no error in any page of the
default edition: the book's templates, extension and CSS write valid HTML (no duplicate ids, no block
inside <summary>, no pandas <style> in tables), and its headings go down one level at a time."""

import json
import re
import shutil
import subprocess

import pytest

from conftest import ROOT, forwards, in_ci

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture(scope="module")
def vnu():
    if not VNU.is_file() or not shutil.which("java"):
        if in_ci():
            pytest.fail("the Nu HTML checker needs node_modules/vnu-jar (npm ci) and Java (.ci/run installs both)")
        pytest.skip("vnu-jar or Java missing (npm ci; apt-get install default-jre-headless)")
    return VNU


def book_pages(book):
    return sorted(p for p in book.rglob("*.html") if "_static" not in p.parts)


def test_the_nu_checker_finds_no_error(built_book, vnu):
    result = subprocess.run(["java", "-jar", str(vnu), "--errors-only", "--format", "json",
                             *map(str, book_pages(built_book))], capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{m['url'].rsplit('/html/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages
              if m["type"] == "error" or m.get("subType") == "fatal"]
    assert errors == [], "\n".join(errors[:40])


def test_headings_go_down_one_level_at_a_time(built_book):
    for path in book_pages(built_book):
        html = path.read_text(encoding="utf-8")
        if forwards(html):
            continue
        main = re.search(r"<main.*?</main>", html, re.S)
        levels = [int(n) for n in re.findall(r"<h([1-6])\b", main.group(0) if main else html)]
        assert levels and levels[0] == 1, path.name
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), (path.name, levels)
