"""The build never destroys or hides a user's files, and --out holds a complete site at every moment:
a folder holding anything the build did not write is refused before any work, and a build killed
at any step leaves the old site or the new one, whole."""

import json
import os
import shutil
import signal

import pytest

from ecreport.build.kill_points import KILL_ENV, STEPS

from conftest import run_build, tree
from test_cli import refusal

MANIFEST = ".ecreport-manifest.json"
AFTER_THE_SWAP = ("after-exchange", "removing-old")


def refused_and_kept(out):
    """The build refuses --out in one line, and every file there (and beside it) stays as it was."""
    before, around = tree(out.parent), sorted(p.name for p in out.parent.iterdir())
    message = refusal(run_build("--chapters", "1", "--out", str(out)))
    assert len(message.splitlines()) == 1 and "Traceback" not in message, message
    assert f"--out {out}" in message
    assert tree(out.parent) == before and sorted(p.name for p in out.parent.iterdir()) == around
    return message


def test_a_folder_holding_a_users_file_is_refused_and_kept(tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("我的笔记\n", encoding="utf-8")
    message = refused_and_kept(out)
    assert "holds files this build did not write (e.g. notes.txt)" in message
    assert "give an empty or new folder, or remove them" in message


def test_a_site_of_the_build_with_a_file_added_is_refused_and_kept(built_book, tmp_path):
    out = tmp_path / "html"
    shutil.copytree(built_book, out)
    (out / "chapters" / "my-notes.md").write_text("读书笔记\n", encoding="utf-8")
    assert "did not write (e.g. chapters/my-notes.md)" in refused_and_kept(out)


def test_a_site_of_the_build_with_a_changed_page_is_refused_and_kept(built_book, tmp_path):
    out = tmp_path / "html"
    shutil.copytree(built_book, out)
    with (out / "intro.html").open("a", encoding="utf-8") as page:
        page.write("<!-- 我改过 -->\n")
    assert "changed since this build wrote them (e.g. intro.html)" in refused_and_kept(out)


def test_a_file_as_out_is_refused_and_kept(tmp_path):
    out = tmp_path / "book.html"
    out.write_text("<p>not a folder</p>\n", encoding="utf-8")
    assert "is a file, not a folder" in refused_and_kept(out)


def test_a_folder_beside_out_that_the_build_did_not_make_is_refused_and_kept(tmp_path):
    beside = tmp_path / ".html.incoming"
    beside.mkdir()
    (beside / "draft.html").write_text("<p>草稿</p>\n", encoding="utf-8")
    message = refused_and_kept(tmp_path / "html")
    assert ".html.incoming beside it was not made by this build; remove it" in message


def test_the_site_lists_every_file_in_its_manifest(built_book):
    assert_complete_site(built_book)


def assert_complete_site(out) -> dict:
    """--out holds exactly the files its manifest lists, each as the manifest says; returns the tree."""
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    listed = {f["path"]: f for f in manifest["files"]}
    found = tree(out)
    files = {rel: digest for rel, digest in found.items() if digest != "/" and rel != MANIFEST}
    assert sorted(files) == sorted(listed)
    for rel, digest in files.items():
        assert digest == listed[rel]["sha256"] and (out / rel).stat().st_size == listed[rel]["size"], rel
    folders = {rel for rel, digest in found.items() if digest == "/"}
    implied = {"/".join(rel.split("/")[:i]) for rel in listed for i in range(1, rel.count("/") + 1)}
    assert folders == implied
    assert manifest["source_digest"]
    return found


def edition_in(out) -> str:
    return "student" if "（学生版）" in (out / "intro.html").read_text(encoding="utf-8") else "book"


def other_than(edition: str) -> str:
    return "book" if edition == "student" else "student"


def build_variant(variant, out, env):
    return run_build("--chapters", "1", *(["--student"] if variant == "student" else []), "--out", str(out),
                     env=env)


@pytest.fixture(scope="module")
def warm_build(tmp_path_factory):
    """A scratch build folder in which chapter 1 of the book and of the student edition is executed and
    compiled, so that each build below only swaps one site for the other. The first build goes into
    an empty folder, the second replaces the first's site."""
    root = tmp_path_factory.mktemp("killed")
    env = dict(os.environ, ECREPORT_BUILD_DIR=str(root / "build"))
    env.pop(KILL_ENV, None)
    out = root / "html"
    out.mkdir()
    for variant in ("student", "book"):
        result = build_variant(variant, out, env)
        assert result.returncode == 0, result.stderr[-3000:]
    return out, env


def test_a_build_killed_at_any_step_leaves_a_complete_site(warm_build):
    out, env = warm_build
    for step in STEPS:
        before = assert_complete_site(out)
        other = other_than(edition_in(out))
        killed = build_variant(other, out, dict(env, **{KILL_ENV: step}))
        assert killed.returncode == -signal.SIGKILL, (step, killed.returncode, killed.stderr[-3000:])
        after = assert_complete_site(out)
        if step in AFTER_THE_SWAP:
            assert edition_in(out) == other, step
        else:
            assert after == before, step          # the old site, byte for byte
    unchanged = build_variant(edition_in(out), out, env)     # nothing to build: still clears the leftover
    assert unchanged.returncode == 0 and "site unchanged" in unchanged.stdout, unchanged.stderr[-3000:]
    assert sorted(p.name for p in out.parent.iterdir()) == ["build", "html"]   # no .html.incoming left
    other = other_than(edition_in(out))
    killed = build_variant(other, out, dict(env, **{KILL_ENV: "filling"}))
    assert killed.returncode == -signal.SIGKILL and (out.parent / ".html.incoming").is_dir()
    rebuilt = build_variant(other, out, env)
    assert rebuilt.returncode == 0, rebuilt.stderr[-3000:]
    assert edition_in(out) == other and assert_complete_site(out)
    assert sorted(p.name for p in out.parent.iterdir()) == ["build", "html"]


def two_folders(tmp_path):
    new, old = tmp_path / ".html.incoming", tmp_path / "html"
    for folder, text in ((new, "new"), (old, "old")):
        folder.mkdir()
        (folder / "index.html").write_text(text, encoding="utf-8")
    return new, old


def test_on_linux_the_two_sites_are_exchanged_in_one_step(tmp_path):
    from ecreport.build.exchange import exchange
    new, old = two_folders(tmp_path)
    assert exchange(new, old)              # renameat2(RENAME_EXCHANGE): no moment without a site
    assert (old / "index.html").read_text() == "new" and (new / "index.html").read_text() == "old"


def test_without_the_exchange_two_renames_give_the_same_end(tmp_path, monkeypatch):
    from ecreport.build import exchange
    monkeypatch.setattr(exchange, "_RENAMEAT2", None)
    new, old = two_folders(tmp_path)
    exchange.replace_folder(new, old, tmp_path / ".html.outgoing")
    assert (old / "index.html").read_text() == "new" and (new / "index.html").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".html.incoming", "html"]
