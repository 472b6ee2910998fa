"""The site at --out: whether --out may be replaced, and replacing it so that at every moment it
holds a complete site, the old one or the new one.

The new site is filled into a sibling folder, ``.<name>.incoming``, which gets a marker first
and the manifest last, then swapped with --out in one step; the old site, now at
``.<name>.incoming``, is removed file by file as its manifest lists them, the manifest last. A
build killed on the way leaves that sibling behind, recognisably its own (marker or manifest),
and the next build removes it.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..paths import BUILD_ROOT, display_path
from .exchange import replace_folder
from .kill_points import kill_point
from .manifest import MANIFEST, Manifest, differences, manifest_of, read_manifest, sha256, write_manifest
from .request import BuildError

FILLING = ".ecreport-filling"   # the first file in a folder the build is filling
DEFAULT_OUTS = ("html", "html-student")   # in the build folder; sites from before the manifest may be replaced
FIX = "give an empty or new folder, or remove them"


@dataclass
class OutFolder:
    path: Path
    manifest: Manifest | None    # the manifest of the site there; None: nothing there yet
    complete: bool = False       # every file it lists is there as the build wrote it


def incoming_of(out: Path) -> Path:
    return out.with_name(f".{out.name}.incoming")


def spare_of(out: Path) -> Path:
    """Where the old site waits during the swap when the system cannot exchange two folders."""
    return out.with_name(f".{out.name}.outgoing")


def _refuse(out: Path, problem: str) -> BuildError:
    return BuildError(f"--out {display_path(out)}: {problem}", refused=True)


def check_out(out: Path) -> OutFolder:
    """What --out holds; refused unless it is missing, empty or a site this build wrote, as it wrote it."""
    _check_place(out)
    for leftover in (incoming_of(out), spare_of(out)):
        if not _is_own_leftover(leftover):
            raise _refuse(out, f"{leftover.name} beside it was not made by this build; remove it")
    return inspect_site(out)


def _check_place(out: Path) -> None:
    if BUILD_ROOT.is_relative_to(out):
        raise _refuse(out, f"holds the build's working folder {display_path(BUILD_ROOT)}; give a folder of its own")
    if out.is_relative_to(BUILD_ROOT) and out.parent != BUILD_ROOT:
        raise _refuse(out, f"is inside the build's working files; give a folder directly in "
                           f"{display_path(BUILD_ROOT)} or outside it")
    existing = next(p for p in (out.parent, *out.parent.parents) if p.exists())
    if not existing.is_dir():
        raise _refuse(out, f"{display_path(existing)} is a file; give a folder path")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise _refuse(out, f"cannot write in {display_path(existing)}; give a folder you can write to")


def inspect_site(out: Path) -> OutFolder:
    if not out.exists() and not out.is_symlink():
        return OutFolder(out, None)
    if out.is_symlink() or not out.is_dir():
        raise _refuse(out, "is a file, not a folder; give a new or empty folder, or a site this build wrote")
    manifest = read_manifest(out)
    if manifest is None:
        entries = sorted(p.name for p in out.iterdir())
        if not entries or (out.parent == BUILD_ROOT and out.name in DEFAULT_OUTS):
            return OutFolder(out, None)
        raise _refuse(out, f"holds files this build did not write (e.g. {entries[0]}); {FIX}")
    found = differences(out, manifest)
    if found.foreign:
        raise _refuse(out, f"holds files this build did not write (e.g. {found.foreign[0]}); {FIX}")
    if found.changed:
        raise _refuse(out, f"holds files changed since this build wrote them (e.g. {found.changed[0]}); {FIX}")
    return OutFolder(out, manifest, complete=not found.missing)


def _is_own_leftover(folder: Path) -> bool:
    """Whether a sibling folder is missing or left by a build that was stopped: safe to remove."""
    if not folder.exists() and not folder.is_symlink():
        return True
    if folder.is_symlink() or not folder.is_dir():
        return False
    if (folder / FILLING).is_file():
        return True
    manifest = read_manifest(folder)
    if manifest is not None:
        return not differences(folder, manifest, ignore=(FILLING,)).foreign
    return not any(p.is_file() or p.is_symlink() for p in folder.rglob("*"))   # only empty folders


def clear_leftovers(out: Path) -> None:
    """Remove what a stopped build left beside --out (check_out has recognised it as the build's)."""
    for leftover in (incoming_of(out), spare_of(out)):
        if not leftover.exists():
            continue
        if (leftover / FILLING).is_file() or read_manifest(leftover) is None:
            shutil.rmtree(leftover)
        else:
            remove_site(leftover)


def remove_site(folder: Path, halfway: str | None = None) -> None:
    """Remove a site the build wrote: the files its manifest lists, then their folders, the manifest last.

    Anything else in it stays, with the folder (the next build names it). ``halfway`` names the
    kill point passed half-way through."""
    manifest = read_manifest(folder)
    listed = sorted(manifest.files)
    for done, rel in enumerate(listed):
        if halfway and done == len(listed) // 2:
            kill_point(halfway)
        path = folder / rel
        if path.is_file():
            path.unlink()
    for rel in sorted(manifest.folders(), key=lambda r: r.count("/"), reverse=True):
        _remove_if_empty(folder / rel)
    (folder / FILLING).unlink(missing_ok=True)
    (folder / MANIFEST).unlink(missing_ok=True)
    _remove_if_empty(folder)


def _remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:       # not empty
        pass


def publish(out: Path, files: dict[str, Path | bytes], source_digest: str) -> None:
    """Put a site of these files (relative path -> file or content) at --out, in one step."""
    incoming = incoming_of(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        incoming.mkdir()
        (incoming / FILLING).write_text("being filled by scripts/build.py\n", encoding="utf-8")
        write_manifest(incoming, _fill(incoming, files, source_digest))
        kill_point("manifest-written")
        (incoming / FILLING).unlink()
        _swap(incoming, out)
    except OSError as exc:
        raise _refuse(out, f"could not put the new site in place ({exc.strerror or exc}); "
                           "the previous site was left as it was") from None
    kill_point("after-exchange")
    if incoming.exists():
        try:
            remove_site(incoming, halfway="removing-old")    # the old site
        except OSError as exc:
            raise _refuse(out, f"the new site is in place, but the old one could not be removed from "
                               f"{display_path(incoming)} ({exc.strerror or exc}); the next build removes it") from None


def _fill(incoming: Path, files: dict[str, Path | bytes], source_digest: str) -> Manifest:
    manifest = Manifest(source_digest)
    for done, (rel, source) in enumerate(sorted(files.items())):
        if done == len(files) // 2:
            kill_point("filling")
        data = source if isinstance(source, bytes) else source.read_bytes()
        target = incoming / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        manifest.files[rel] = (len(data), sha256(data))
    return manifest


def _swap(incoming: Path, out: Path) -> None:
    try:
        current = inspect_site(out)       # again: someone may have written into --out during the build
    except BuildError:
        remove_site(incoming)
        raise
    if current.manifest is None and out.is_dir() and any(out.iterdir()):
        write_manifest(out, manifest_of(out))   # an old site of the build folder, from before manifests
    kill_point("before-exchange")
    replace_folder(incoming, out, spare_of(out))
