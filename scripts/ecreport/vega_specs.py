"""A chart of the built book is drawn by the Vega runtime alone, so its Vega-Lite spec is compiled to Vega
when the chapter runs for the book (by vl-convert, with the Vega-Lite whose Vega has the runtime's major
version). The notebooks keep Altair's Vega-Lite 5 output for JupyterLab, which draws it itself.

``vega_runtime`` is the script the pages load: vl-convert's own Vega, so that the specs and the runtime
come from one package and their versions are checked against each other here, not in the reader's browser.
"""

from __future__ import annotations

from functools import lru_cache

import vl_convert


def runtime_version() -> str:
    """The version of the Vega that the book ships (vl-convert's)."""
    return vl_convert.get_vega_version()


def major(version: str) -> int:
    return int(version.lstrip("v").split(".")[0])


@lru_cache(maxsize=1)
def compiler_version() -> str:
    """The newest Vega-Lite vl-convert has whose compiled Vega has the runtime's major version
    (Vega-Lite 6 writes Vega 6, Vega-Lite 5 writes Vega 5)."""
    wanted = major(runtime_version())
    matching = [v for v in vl_convert.get_vegalite_versions() if major(v) == wanted]
    if not matching:
        raise RuntimeError(f"vl-convert {vl_convert.__version__} has no Vega-Lite for its Vega {runtime_version()}")
    return max(matching, key=lambda v: tuple(int(p) for p in v.split(".")))


COMPOSITE = ("hconcat", "vconcat", "concat", "facet", "repeat")


def to_vega(spec: dict) -> dict:
    """The Vega spec of a Vega-Lite spec, for the book's runtime: a chart of one view (or layers) takes the
    width of its container, whatever width it was given (the page's loader sizes composite ones)."""
    faceted = any(channel in spec.get("encoding", {}) for channel in ("row", "column", "facet"))
    if not faceted and not any(key in spec for key in COMPOSITE) and spec.get("width") != "container":
        spec = {**spec, "width": "container"}
    return vl_convert.vegalite_to_vega(spec, vl_version=compiler_version())


def one_per_row(spec: dict) -> dict | None:
    """The Vega-Lite spec of a chart of views side by side with one view per row, for a narrow screen
    (Vega can stack the compiled views itself, but a facet's shared axes then land on its first view);
    None for a chart of one view or of views already one per row."""
    if "hconcat" in spec:
        narrow = {k: v for k, v in spec.items() if k != "hconcat"}
        return {**narrow, "vconcat": spec["hconcat"]}
    if ("facet" in spec or "concat" in spec) and spec.get("columns", 0) != 1:
        return {**spec, "columns": 1}
    return None


def vega_runtime() -> str:
    """The page script that defines ``window.vega``: the Vega runtime only (no Vega-Lite, no vega-embed).

    The module is named as vl-convert names its own embedded copy (nothing is fetched); its bundler leaves
    the snippet's predefined ``vega`` null, so the snippet imports the module itself."""
    module = f"https://cdn.jsdelivr.net/npm/vega@{runtime_version()}/+esm"
    snippet = f'import * as vegaRuntime from "{module}";\nwindow.vega = vegaRuntime;'
    return vl_convert.javascript_bundle(snippet=snippet, vl_version=compiler_version())
