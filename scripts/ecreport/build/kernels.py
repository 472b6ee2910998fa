"""Executing one chapter in a build worker: each worker keeps one warm Jupyter kernel."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from ..mode import BOOK_MODE_ENV
from ..paths import BUILD_ROOT, PROJECT_ROOT
from .environment import child_environment

_KERNEL = None


def quiet_kernel_profile() -> Path:
    """An IPython profile for the build's kernels: no user startup files, no log noise."""
    profile = BUILD_ROOT / "ipython" / "profile_default"
    profile.mkdir(parents=True, exist_ok=True)
    config = profile / "ipython_kernel_config.py"
    if not config.is_file():
        config.write_text("c.IPKernelApp.log_level = 'CRITICAL'\n", encoding="utf-8")
    return profile.parent


def kernel_environment() -> dict[str, str]:
    return child_environment(**{BOOK_MODE_ENV: "book", "IPYTHONDIR": str(quiet_kernel_profile())})


def prepare_worker() -> None:
    """A build worker's own environment, as its kernel's: papermill and IPython in it find their
    folders in the build folder, not in $HOME."""
    os.environ.update(kernel_environment())


def _start_kernel():
    """One kernel per worker process, started once, with the book's modules imported."""
    global _KERNEL
    from jupyter_client.manager import KernelManager
    from multiprocessing.util import Finalize

    # papermill (nbclient) talks to the kernel through km.client(): an asynchronous client, so that
    # it notices a kernel that dies and enforces the cell timeout (a blocking one waits forever)
    km = KernelManager(kernel_name="python3", client_class="jupyter_client.asynchronous.AsyncKernelClient")
    km.start_kernel(cwd=str(PROJECT_ROOT / "chapters"), env=kernel_environment())
    _kernel_run(km, "import pandas, altair, ecreport")
    Finalize(None, km.shutdown_kernel, kwargs={"now": True}, exitpriority=10)
    _KERNEL = km
    return km


_CLIENTS: dict = {}    # kernel manager -> the blocking client the worker talks to it with between chapters


def _client(km):
    """The worker's own client of its kernel, connected once: connecting and waiting for the kernel
    costs about 0.2 s, which two calls per chapter would pay again and again."""
    from jupyter_client.blocking import BlockingKernelClient

    kc = _CLIENTS.get(id(km))
    if kc is None:
        kc = BlockingKernelClient()
        kc.load_connection_info(km.get_connection_info())
        kc.start_channels()
        kc.wait_for_ready(timeout=120)
        _CLIENTS[id(km)] = kc
    return kc


def _forget_client(km) -> None:
    kc = _CLIENTS.pop(id(km), None)
    if kc is not None:
        kc.stop_channels()


def _kernel_run(km, code: str) -> str:
    """Run code in the kernel; return what it printed."""
    kc = _client(km)
    printed = []

    def hook(msg):
        if msg["msg_type"] == "stream":
            printed.append(msg["content"]["text"])

    try:
        reply = kc.execute_interactive(code, output_hook=hook, timeout=300, store_history=False)
    except Exception:
        _forget_client(km)
        raise
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"{reply['content'].get('ename')}: {reply['content'].get('evalue')}")
    return "".join(printed)


# before each chapter: a warm kernel has run others, and a chapter's page must not depend on which. The
# user's names are deleted one by one: %reset -f does the same and more (it empties the output history
# and collects garbage) in 0.2 s, a build's worth of chapters in seconds.
RESET = ("def _reset(ip):\n"
         "    for name in [n for n in ip.user_ns if n not in ip.user_ns_hidden]: del ip.user_ns[name]\n"
         "_reset(get_ipython())\n"
         "import ecreport.charts, ecreport.data, ecreport.narrative, ecreport.notes\n"
         "ecreport.data.reset_accessed(); ecreport.notes.take_notes()\n"
         "ecreport.narrative.reset_glossary_links(); ecreport.charts.reset_chart_names()\n")
REPORT = "import ecreport.data, json; print(json.dumps(sorted(ecreport.data.accessed_tables())))"


CELL_TIMEOUT = 300   # seconds; a chapter's cells take about one. Past it the kernel is taken as hung.


def discard_kernel() -> None:
    """Kill this worker's kernel (hung or dead) so that the next chapter starts a fresh one."""
    global _KERNEL
    km, _KERNEL = _KERNEL, None
    if km is not None:
        _forget_client(km)
        try:
            km.shutdown_kernel(now=True)
        except Exception:
            pass


def _source_cell_number(source: str, cell_index: int) -> int:
    """Where a cell that failed sits in the chapter notebook, counting from 1 as JupyterLab lists
    cells. (The warm kernel's execution counts run on across chapters, and papermill runs the
    notebook with its parameter cell inserted after the cell tagged ``parameters``.)"""
    try:
        cells = json.loads(Path(source).read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError):
        return cell_index + 1
    tagged = [i for i, c in enumerate(cells) if "parameters" in c.get("metadata", {}).get("tags", [])]
    injected = tagged[0] + 1 if tagged else 0
    return cell_index if cell_index > injected else cell_index + 1


def execute_chapter(source: str, target: str, year: int, data_dir: str) -> dict:
    """Run one notebook with papermill in this worker's warm kernel; never raises.

    An error in the chapter's own code fails at once. A kernel that dies or stops answering
    (rare: a kernel can hang on its way out) is replaced and the chapter run once more.
    """
    import papermill as pm

    started = time.perf_counter()
    for attempt in (1, 2):
        try:
            km = _KERNEL if _KERNEL is not None and _KERNEL.is_alive() else _start_kernel()
            _kernel_run(km, RESET)
            pm.execute_notebook(source, target, parameters={"year": year, "data_dir": data_dir},
                                kernel_name="python3", progress_bar=False, log_output=False, km=km,
                                execution_timeout=CELL_TIMEOUT)
            tables = json.loads(_kernel_run(km, REPORT).strip().splitlines()[-1])
            return {"ok": True, "tables": tables, "seconds": time.perf_counter() - started}
        except pm.PapermillExecutionError as exc:
            return {"ok": False, "cell": _source_cell_number(source, exc.cell_index), "ename": exc.ename,
                    "evalue": exc.evalue, "seconds": time.perf_counter() - started}
        except Exception as exc:  # kernel died or hung, notebook unreadable …
            discard_kernel()
            if attempt == 2:
                return {"ok": False, "cell": None, "ename": type(exc).__name__, "evalue": str(exc),
                        "seconds": time.perf_counter() - started}
