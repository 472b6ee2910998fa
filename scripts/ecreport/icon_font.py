"""The theme's icons from a font and a style sheet that hold only them.

The theme draws its icons (the menu, search, colour mode, download …) with Font Awesome's solid font,
156 KB for about 2,000 icons, and a rule per icon in its style sheet (85 KB of its 397), of which the book's
pages show about fifteen. After the site is written, the font in its ``_static`` is cut (fontTools) to the
glyphs of the icon classes its pages and the theme's scripts name, as the theme's own style sheet maps them
(``.fa-bars:before{content:"\\f0c9"}``), and the style sheet keeps only those icons' rules.
"""

from __future__ import annotations

import re
from pathlib import Path

SOLID_FONT = Path("vendor/fontawesome/webfonts/fa-solid-900.woff2")
THEME_CSS = Path("styles/pydata-sphinx-theme.css")
THEME_SCRIPTS = [Path("scripts/pydata-sphinx-theme.js"), Path("scripts/sphinx-book-theme.js")]   # icons they add
ICON_CLASS = re.compile(r"\bfa-[a-z0-9-]+")
ICON_RULE = re.compile(r'((?:\.fa-[a-z0-9-]+:(?::)?before,?)+)\{content:"\\([0-9a-f]+)"\}')


def icon_codepoints(css: str) -> dict[str, int]:
    """Each icon class of the style sheet and the character its font draws it with."""
    found: dict[str, int] = {}
    for selectors, code in ICON_RULE.findall(css):
        for name in re.findall(r"\.(fa-[a-z0-9-]+):", selectors):
            found[name] = int(code, 16)
    return found


def used_classes(pages: list[Path], scripts: list[Path]) -> set[str]:
    names: set[str] = set()
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for classes in re.findall(r'class="([^"]*\bfa-[^"]*)"', text):
            names.update(ICON_CLASS.findall(classes))
    for script in scripts:
        if script.is_file():
            names.update(ICON_CLASS.findall(script.read_text(encoding="utf-8")))
    return names


def without_unused_icons(css: str, used: set[str]) -> str:
    """The style sheet without the rules of icons no page uses."""
    def keep(rule: re.Match) -> str:
        names = re.findall(r"\.(fa-[a-z0-9-]+):", rule.group(1))
        return rule.group(0) if used & set(names) else ""
    return ICON_RULE.sub(keep, css)


def cut_icons(site: Path) -> int | None:
    """Cut the site's solid icon font and the theme's icon rules to the icons its pages use; the font's new
    size, or None if the site has none."""
    static = site / "_static"
    font, css = static / SOLID_FONT, static / THEME_CSS
    if not font.is_file() or not css.is_file():
        return None
    from fontTools import subset

    sheet = css.read_text(encoding="utf-8")
    codes = icon_codepoints(sheet)
    pages = [p for p in site.rglob("*.html") if "_static" not in p.parts]
    used = used_classes(pages, [static / s for s in THEME_SCRIPTS])
    wanted = sorted({codes[name] for name in used if name in codes})
    css.write_text(without_unused_icons(sheet, used), encoding="utf-8")
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
