"""The executed notebook as readers get it: code behind a toggle, no parameter cells, cells numbered from 1."""

from __future__ import annotations

import json
from pathlib import Path


def tidy_for_reader(path: Path, student: bool = False) -> None:
    """Hide code behind a toggle, remove the parameter cells, number cells from 1.

    The student edition leaves out the exercises' solutions (cells tagged ``solution``).
    """
    nb = json.loads(path.read_text(encoding="utf-8"))
    if student:
        nb["cells"] = [c for c in nb["cells"] if "solution" not in c.get("metadata", {}).get("tags", [])]
    count = 0
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        count += 1
        cell["execution_count"] = count
        for output in cell.get("outputs", []):
            if "execution_count" in output:
                output["execution_count"] = count
        tags = cell.setdefault("metadata", {}).setdefault("tags", [])
        if "injected-parameters" in tags or "parameters" in tags:
            if "remove-cell" not in tags:
                tags.append("remove-cell")
        elif not any(t.startswith(("remove-", "hide-")) for t in tags):
            tags.append("hide-input")
    path.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
