"""The executed notebook as readers get it: code behind a toggle, no parameter cells, cells numbered
from 1, and nothing of the building machine (no timestamps, no paths of its folders)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from ..paths import DEFAULT_DATA_DIR, PROJECT_ROOT

RUN_RECORDS = ("papermill", "execution")    # papermill's and nbclient's timings, paths and parameters


def tidy_for_reader(path: Path, student: bool = False, data_dir: Path = DEFAULT_DATA_DIR) -> None:
    """Hide code behind a toggle, remove the parameter cells, number cells from 1, drop the run records.

    The student edition leaves out the exercises' solutions (cells tagged ``solution``).
    """
    nb = json.loads(path.read_text(encoding="utf-8"))
    if student:
        nb["cells"] = [c for c in nb["cells"] if "solution" not in c.get("metadata", {}).get("tags", [])]
    _drop_run_records(nb["metadata"])
    count = 0
    for cell in nb["cells"]:
        _drop_run_records(cell.setdefault("metadata", {}))
        if cell["cell_type"] != "code":
            continue
        count += 1
        cell["execution_count"] = count
        for output in cell.get("outputs", []):
            if "execution_count" in output:
                output["execution_count"] = count
        tags = cell["metadata"].setdefault("tags", [])
        if "injected-parameters" in tags:
            cell["id"] = "injected-parameters"          # papermill gives it a random one
            cell["source"] = _portable_parameters(cell["source"], data_dir)
        if "injected-parameters" in tags or "parameters" in tags:
            if "remove-cell" not in tags:
                tags.append("remove-cell")
        elif _is_template(cell) and not any(t.startswith("remove-") for t in tags):
            tags.append("remove-input")                 # a reader sees the report's text, not its template
        elif not any(t.startswith(("remove-", "hide-")) for t in tags):
            tags.append("hide-input")
    path.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _is_template(cell: dict) -> bool:
    source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
    return source.lstrip().startswith(("%%report", "%%figure"))


def _drop_run_records(metadata: dict) -> None:
    for key in RUN_RECORDS:
        metadata.pop(key, None)


def portable_data_dir(data_dir: Path) -> str | None:
    """The data folder as a downloaded notebook can name it: None for the book's own data/ (the
    notebook's default), for another folder in the project its path from the chapters' folder (where
    they run), else only its name."""
    data_dir = Path(data_dir).resolve()
    if data_dir == DEFAULT_DATA_DIR.resolve():
        return None
    if data_dir.is_relative_to(PROJECT_ROOT):
        return os.path.relpath(data_dir, PROJECT_ROOT / "chapters")
    return data_dir.name


def _portable_parameters(source: str | list[str], data_dir: Path) -> str:
    text = "".join(source) if isinstance(source, list) else source
    value = portable_data_dir(data_dir)
    line = f"data_dir = {json.dumps(value, ensure_ascii=False) if value else 'None'}"
    return re.sub(r"^data_dir = .*$", lambda _: line, text, flags=re.M)
