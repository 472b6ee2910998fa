"""The files every built page loads from ``_static``: the Vega bundle and the kit's JS and CSS, with the
chart theme's colours for a dark page.

The bundle comes from the installed vl-convert (so its Vega-Lite matches Altair's) and is
kept in a cache folder, so a build does not regenerate it (about two seconds) every time.
"""

from __future__ import annotations

import shutil
from importlib.metadata import version
from pathlib import Path

from .chart_theme import modes_script
from .paths import BUILD_ROOT

STATIC_DIR = Path(__file__).with_name("static")


def _cache_dir() -> Path:
    return BUILD_ROOT / "cache" / "vega"


def _bundle(cache: Path) -> Path:
    stamp = f"altair-{version('altair')}-vl-convert-{version('vl-convert-python')}"
    cached = cache / f"vega-bundle-{stamp}.js"
    if not cached.is_file():
        import altair as alt
        import vl_convert

        major_minor = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])  # the Vega-Lite Altair writes
        code = vl_convert.javascript_bundle(vl_version=major_minor)
        cache.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(".partial")
        # wrapped in a function so the bundle's top-level names stay private; it
        # publishes vegaEmbed, vega and vegaLite on window itself
        partial.write_text(f"(function(){{\n{code}\n}})();\n", encoding="utf-8")
        partial.replace(cached)
    return cached


def write_static_files(target: Path, cache: Path | None = None) -> list[Path]:
    """Write the Vega bundle and the kit's JS and CSS into a book's static folder."""
    target.mkdir(parents=True, exist_ok=True)
    bundle = target / "vega-bundle.js"
    source = _bundle(cache or _cache_dir())
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
