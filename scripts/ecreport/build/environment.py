"""The environment of the build's kernels and of Jupyter Book: the helpers of this copy of the
project, and every cache and runtime file in the build folder (none in $HOME, none beside the
sources)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from ..paths import BUILD_ROOT, PROJECT_ROOT

SCRIPTS_DIR = Path(__file__).resolve().parents[2]   # the scripts/ folder this build runs from


def child_environment(**extra: str) -> dict[str, str]:
    """os.environ for a process the build starts, with ``extra`` on top."""
    python_path = [str(SCRIPTS_DIR)] + ([os.environ["PYTHONPATH"]] if os.environ.get("PYTHONPATH") else [])
    return dict(os.environ,
                PYTHONPATH=os.pathsep.join(python_path),   # not whichever ecreport is installed
                PYTHONDONTWRITEBYTECODE="1",
                JUPYTER_RUNTIME_DIR=str(BUILD_ROOT / "jupyter" / "runtime"),
                MPLCONFIGDIR=str(BUILD_ROOT / "matplotlib"),
                **extra)


def source_date_epoch() -> str | None:
    """The time the pages give as their last update, so that a rebuild of one commit gives the same
    pages: SOURCE_DATE_EPOCH if set, else the time of the project's last commit (None outside git)."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    if not (PROJECT_ROOT / ".git").exists():
        return None
    try:
        found = subprocess.run(["git", "-C", str(PROJECT_ROOT), "log", "-1", "--format=%ct"],
                               capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    stamp = found.stdout.strip()
    return stamp if found.returncode == 0 and stamp.isdigit() else None
