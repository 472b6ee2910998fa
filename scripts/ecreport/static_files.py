"""The files the built pages load from ``_static``: the Vega runtime and the kit's JS and CSS, with the
chart theme's colours for a dark page.

The runtime comes from the installed vl-convert (the Vega its compiled specs are written for) and is
kept in a cache folder, so a build does not regenerate it (about two seconds) every time.
"""

from __future__ import annotations

import shutil
from importlib.metadata import version
from pathlib import Path

from .chart_theme import modes_script
from .paths import BUILD_ROOT
from .vega_specs import runtime_version, vega_runtime

STATIC_DIR = Path(__file__).with_name("static")


def _cache_dir() -> Path:
    return BUILD_ROOT / "cache" / "vega"


def _runtime(cache: Path) -> Path:
    stamp = f"vl-convert-{version('vl-convert-python')}-vega-{runtime_version()}"
    cached = cache / f"vega-runtime-{stamp}.js"
    if not cached.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(".partial")
        # wrapped in a function so the bundle's top-level names stay private; it publishes window.vega
        partial.write_text(f"(function(){{\n{vega_runtime()}\n}})();\n", encoding="utf-8")
        partial.replace(cached)
    return cached


def write_static_files(target: Path, cache: Path | None = None) -> list[Path]:
    """Write the Vega runtime and the kit's JS and CSS into a book's static folder."""
    target.mkdir(parents=True, exist_ok=True)
    bundle = target / "vega-runtime.js"
    source = _runtime(cache or _cache_dir())
    if not bundle.is_file() or bundle.stat().st_size != source.stat().st_size:
        shutil.copyfile(source, bundle)
    written = [bundle]
    for name in ("ecreport-charts.js", "ecreport-page.js", "ecreport.css", "favicon.svg"):
        dest = target / name
        dest.write_text((STATIC_DIR / name).read_text(encoding="utf-8"), encoding="utf-8")
        written.append(dest)
    modes = target / "ecreport-chart-modes.js"        # the chart theme's dark colours, from chart_theme.py
    modes.write_text(modes_script(), encoding="utf-8")
    return written + [modes]
