"""The theme's icons from a font that holds only them.

The theme draws its icons (the menu, search, colour mode, download …) with Font Awesome's solid font,
156 KB for about 2,000 icons, of which the book's pages show about fifteen. After the site is written, the
font in its ``_static`` is cut (fontTools) to the glyphs of the icon classes its pages name, as the theme's
own style sheet maps them (``.fa-bars:before{content:"\\f0c9"}``).
"""

from __future__ import annotations

import re
from pathlib import Path

SOLID_FONT = Path("vendor/fontawesome/webfonts/fa-solid-900.woff2")
THEME_CSS = Path("styles/pydata-sphinx-theme.css")
ICON_CLASS = re.compile(r"\bfa-[a-z0-9-]+")
ICON_RULE = re.compile(r'((?:\.fa-[a-z0-9-]+:(?::)?before,?)+)\{content:"\\([0-9a-f]+)"')


def icon_codepoints(css: str) -> dict[str, int]:
    """Each icon class of the style sheet and the character its font draws it with."""
    found: dict[str, int] = {}
    for selectors, code in ICON_RULE.findall(css):
        for name in re.findall(r"\.(fa-[a-z0-9-]+):", selectors):
            found[name] = int(code, 16)
    return found


def used_classes(pages: list[Path]) -> set[str]:
    names: set[str] = set()
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for classes in re.findall(r'class="([^"]*\bfa-[^"]*)"', text):
            names.update(ICON_CLASS.findall(classes))
    return names


def cut_icon_font(site: Path) -> int | None:
    """Cut the site's solid icon font to the icons its pages use; its new size, or None if it has none."""
    static = site / "_static"
    font, css = static / SOLID_FONT, static / THEME_CSS
    if not font.is_file() or not css.is_file():
        return None
    from fontTools import subset

    codes = icon_codepoints(css.read_text(encoding="utf-8"))
    pages = [p for p in site.rglob("*.html") if "_static" not in p.parts]
    wanted = sorted({codes[name] for name in used_classes(pages) if name in codes})
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.notdef_outline = True
    font_in = subset.load_font(str(font), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted)
    subsetter.subset(font_in)
    partial = font.with_suffix(".partial")
    subset.save_font(font_in, str(partial), options)
    partial.replace(font)
    return font.stat().st_size
