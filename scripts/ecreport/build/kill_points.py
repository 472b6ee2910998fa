"""Named steps at which the build kills itself when ECREPORT_KILL_AT names one, so that a test can
check that --out holds a complete site whatever the moment a build dies (and a data folder whatever the
moment an import dies)."""

from __future__ import annotations

import os
import signal

KILL_ENV = "ECREPORT_KILL_AT"
STEPS = ("staged", "compiled", "filling", "manifest-written", "before-exchange", "after-exchange", "removing-old")
IMPORT_STEPS = ("import-staged", "import-exchanged")   # --import-sheet: a checked copy written; the folders swapped


def kill_point(step: str) -> None:
    if step not in STEPS + IMPORT_STEPS:
        raise ValueError(f"unknown kill point {step!r} (known: {', '.join(STEPS + IMPORT_STEPS)})")
    if os.environ.get(KILL_ENV) == step:
        os.kill(os.getpid(), signal.SIGKILL)
