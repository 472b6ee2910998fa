"""Putting the new site in place of the old one, and the stamp of what it was built from."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..paths import BUILD_ROOT
from .plan import digest
from .request import BuildRequest


def swap_in(build_site, out: Path) -> None:
    """Make the new site in a sibling folder, then swap it in whole."""
    out.parent.mkdir(parents=True, exist_ok=True)
    incoming = out.with_name(f".{out.name}.incoming")
    outgoing = out.with_name(f".{out.name}.outgoing")
    for leftover in (incoming, outgoing):
        if leftover.exists():
            shutil.rmtree(leftover)
    build_site(incoming)
    if out.exists():
        out.rename(outgoing)
    incoming.rename(out)
    if outgoing.exists():
        shutil.rmtree(outgoing)


def site_stamp(request: BuildRequest) -> Path:
    return BUILD_ROOT / "cache" / f"site-{digest(str(request.out))[:16]}.json"
