#!/usr/bin/env python
"""How much of the book's Chinese text sits in Python code rather than in prose cells.

    python scripts/prose_share.py [--by-notebook]

Counts the Chinese characters (汉字) of the chapter and appendix notebooks, leaving out the
exercises' solutions (cells tagged ``solution``):

* prose: markdown cells, and template cells (code cells whose first line is ``%%report`` or ``%%figure``);
* code: every other code cell, and the kit's Chinese string literals that are longer than a
  label or a unit (more than LABEL_CHARS characters; docstrings are documentation and are not
  counted), so that moving a paragraph into ``scripts/`` does not lower the share.

Record texts live in ``data/`` and are not counted: quoted texts, the glossary, definitions,
descriptions, explanations and the rules' wording.

Prints the share of code, overall and (with --by-notebook) per notebook. Target: ≤ 15 %.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb")) + sorted((ROOT / "appendix").glob("*.ipynb"))
KIT = ROOT / "scripts" / "ecreport"
LABEL_CHARS = 8          # a literal of at most this many 汉字 is a label, a unit or a word (增长, 亿元, 上半年)
TEMPLATE_MAGICS = ("%%report", "%%figure")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def han(text: str) -> int:
    return len(HAN.findall(text))


def notebook_counts(path: Path) -> tuple[int, int]:
    """(prose, code) 汉字 of one notebook, solutions left out."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    prose = code = 0
    for cell in nb["cells"]:
        if "solution" in cell.get("metadata", {}).get("tags", []):
            continue
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "markdown" or source.lstrip().startswith(TEMPLATE_MAGICS):
            prose += han(source)
        elif cell["cell_type"] == "code":
            code += han(source)
    return prose, code


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                found.add(id(body[0].value))
    return found


def kit_sentences(path: Path) -> int:
    """汉字 in the string literals of one kit module that are longer than a label or a unit."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = _docstrings(tree)
    total = 0
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            text = node.value
        else:
            continue
        count = han(text)
        if count > LABEL_CHARS:
            total += count
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--by-notebook", action="store_true", help="also print each notebook's share")
    args = parser.parse_args(argv)
    rows = [(p.relative_to(ROOT).as_posix(), *notebook_counts(p)) for p in NOTEBOOKS]
    kit = sum(kit_sentences(p) for p in sorted(KIT.rglob("*.py")))
    prose = sum(r[1] for r in rows)
    code = sum(r[2] for r in rows) + kit
    if args.by_notebook:
        for name, p, c in rows:
            print(f"{name:40s} {c / (p + c) if p + c else 0:6.1%}  ({c} of {p + c} 汉字 in code)")
        print(f"{'scripts/ecreport (sentences)':40s} {kit} 汉字")
    print(f"Chinese text in code: {code / (prose + code):.1%} ({code} of {prose + code} 汉字; target ≤ 15%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
