"""The manifest the build writes into every site: each file it wrote (path, size, sha256) and
the digest of what the site was built from, so that a later build recognises its own site,
sees whether anyone added or changed a file in it, and skips a rebuild when nothing changed."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".ecreport-manifest.json"
WRITER = "scripts/build.py of 中国电子商务发展报告"


@dataclass
class Manifest:
    source_digest: str
    files: dict[str, tuple[int, str]] = field(default_factory=dict)   # relative path -> (size, sha256)

    def to_json(self) -> str:
        files = [{"path": p, "size": s, "sha256": h} for p, (s, h) in sorted(self.files.items())]
        return json.dumps({"written_by": WRITER, "source_digest": self.source_digest, "files": files},
                          ensure_ascii=False, indent=1) + "\n"

    def folders(self) -> set[str]:
        """Every folder the listed files imply, as relative paths."""
        found = set()
        for path in self.files:
            parent = Path(path).parent
            while parent != Path("."):
                found.add(parent.as_posix())
                parent = parent.parent
        return found


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_manifest(folder: Path, manifest: Manifest) -> None:
    (folder / MANIFEST).write_text(manifest.to_json(), encoding="utf-8")


def read_manifest(folder: Path) -> Manifest | None:
    """The manifest in a folder, or None when there is none this build could have written."""
    try:
        saved = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        if saved.get("written_by") != WRITER:
            return None
        return Manifest(saved["source_digest"], {f["path"]: (int(f["size"]), f["sha256"]) for f in saved["files"]})
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def manifest_of(folder: Path, source_digest: str = "") -> Manifest:
    """A manifest listing every file now in a folder (for a site the build wrote before it kept manifests)."""
    manifest = Manifest(source_digest)
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()):
        rel = path.relative_to(folder).as_posix()
        if rel != MANIFEST:
            data = path.read_bytes()
            manifest.files[rel] = (len(data), sha256(data))
    return manifest


@dataclass
class Differences:
    foreign: list[str]     # files or folders the manifest does not list
    changed: list[str]     # listed files whose content is not what the build wrote
    missing: list[str]     # listed files no longer there


def differences(folder: Path, manifest: Manifest, ignore: tuple[str, ...] = ()) -> Differences:
    """How a folder differs from what its manifest says the build wrote into it."""
    folders, foreign, changed, seen = manifest.folders(), [], [], set()
    for root, dirs, files in os.walk(folder):
        base = Path(root).relative_to(folder)
        for name in sorted(dirs):
            rel = (base / name).as_posix()
            if rel not in folders or (Path(root) / name).is_symlink():
                foreign.append(rel + "/")
        dirs[:] = sorted(d for d in dirs if (base / d).as_posix() in folders and not (Path(root) / d).is_symlink())
        for name in sorted(files):
            rel = (base / name).as_posix()
            if rel == MANIFEST or rel in ignore:
                continue
            path = Path(root) / name
            if rel not in manifest.files or path.is_symlink():
                foreign.append(rel)
                continue
            seen.add(rel)
            size, digest = manifest.files[rel]
            if path.stat().st_size != size or sha256(path.read_bytes()) != digest:
                changed.append(rel)
    missing = sorted(set(manifest.files) - seen)
    return Differences(foreign, changed, missing)
