#!/usr/bin/env python
"""Measure the build on this machine and print the figures (not a test).

    python scripts/benchmark.py

Runs in scratch folders (the book's own _build is left alone), on a copy of data/:
  baseline  the same chapters built by Jupyter Book's own execution (execute_notebooks: force)
  (a)       a clean build of the default edition, median of three     target: ≤ 38 % of the baseline
  (b)       a rebuild with nothing changed                           target: ≤ 1 s
  (c)       a rebuild after changing one value of one CSV            target: only chapters reading it
  (d)       every edition (--year all), from clean                   target: < 1.5 s per chapter-edition

    python scripts/benchmark.py --pages

builds the default edition and measures the pages a reader gets, served from a local server (text gzipped,
as a web host sends it): the raw bytes
on disk of every file chapters 1 and 5 load (target ≤ 1.5 MB), and Lighthouse (npm, lighthouse 12.2.3,
driving /usr/bin/chromium), the median of three runs on a desktop and on a phone, of performance (targets
≥ 90 and ≥ 75), accessibility (100) and best practices (100). Reported, not a test.
"""

from __future__ import annotations

import csv
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def timed(command: list[str], env: dict) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"benchmark: {' '.join(command[1:])} failed:\n{result.stderr[-3000:]}")
    return elapsed, result


def machine() -> str:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        match = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        model = match.group(1).strip() if match else ""
    return f"{os.cpu_count()} CPU(s) {model}; Python {platform.python_version()}; {platform.system()} {platform.machine()}"


def baseline(scratch: Path, env: dict) -> float:
    """Jupyter Book executing the same notebooks itself (sequentially, its own kernels)."""
    from ecreport.build import chapters_available, toc_files

    book = scratch / "baseline-book"
    book.mkdir()
    for name in ("_toc.yml", "intro.md"):
        shutil.copy2(ROOT / name, book / name)
    shutil.copytree(ROOT / "chapters", book / "chapters")
    shutil.copytree(ROOT / "appendix", book / "appendix")
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["execute"] = {"execute_notebooks": "force", "timeout": 600}
    (book / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    assert chapters_available() and toc_files()
    command = [PYTHON, "-c", "from jupyter_book.cli.main import main; main()", "build", str(book),
               "--path-output", str(scratch / "baseline-out"), "--quiet"]
    seconds, _ = timed(command, env)
    return seconds


def change_one_value(data: Path) -> str:
    path = data / "blockchain.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    row = next(r for r in rows if r["indicator"] == "blockchain_companies" and r["region"] == "北京")
    row["value"] = str(int(row["value"]) + 1)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path.name


LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run " \
                 "--disable-background-networking --disable-component-update --disable-sync"
MEASURED_PAGES = ["chapters/01_overview.html", "chapters/05_crossborder.html"]
CATEGORIES = ["performance", "accessibility", "best-practices"]


COMPRESSED = {".html", ".js", ".css", ".svg", ".json", ".txt", ".csv", ".ttf"}


def serve(site: Path, compress: bool = True):
    """A local HTTP server of the site, on a free port, in a thread; returns it and its address. It sends
    text gzipped to a browser that asks for it, as any web host does (Lighthouse counts an uncompressed
    local server's 0.9 MB of text as several seconds on a phone)."""
    import functools
    import gzip
    import http.server
    import threading

    class Host(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if not path.is_file():
                self.send_error(404)
                return
            body = path.read_bytes()
            zipped = compress and path.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")
            if zipped:
                body = gzip.compress(body, mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            if zipped:
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    handler = functools.partial(Host, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def raw_weight(url: str, site: Path, base: str) -> tuple[int, int]:
    """The bytes on disk of every file the page loads (and how many), as Chromium requests them."""
    from urllib.parse import unquote, urlparse

    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS.split())
        page = browser.new_page()
        requested: list[str] = []
        page.on("request", lambda r: requested.append(r.url))
        page.goto(url)
        page.wait_for_load_state("networkidle")
        browser.close()
    files = [site / unquote(urlparse(u).path).lstrip("/") for u in dict.fromkeys(requested) if u.startswith(base)]
    return sum(f.stat().st_size for f in files if f.is_file()), len(files)


def lighthouse(url: str, desktop: bool, out: Path) -> dict[str, float]:
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
               f"--chrome-path=/usr/bin/chromium", f"--chrome-flags={CHROMIUM_FLAGS}",
               "--only-categories=" + ",".join(CATEGORIES)] + (["--preset=desktop"] if desktop else [])
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0 or not out.is_file():
        sys.exit(f"benchmark: lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    import json
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
    blocking = report["audits"].get("render-blocking-resources", {})
    # Lighthouse 12.2.3 cannot read Chromium 156's trace for this audit (it reports an error, no score)
    scores["render-blocking"] = blocking.get("score") if blocking.get("scoreDisplayMode") != "error" \
        else "error: " + str(blocking.get("errorMessage", ""))[:80]
    return scores


def pages() -> int:
    if not LIGHTHOUSE.is_file():
        sys.exit("benchmark: Lighthouse is not installed (npm ci installs lighthouse 12.2.3 from package.json)")
    scratch = Path(tempfile.mkdtemp(prefix="ecreport-pages-"))
    env = dict(os.environ, ECREPORT_BUILD_DIR=str(scratch / "build"))
    site = scratch / "html"
    timed([PYTHON, str(ROOT / "scripts" / "build.py"), "--out", str(site)], env)
    print(f"machine: {machine()}")
    rows = []
    for compress in (True, False):
        server, base = serve(site, compress)
        served = "text gzipped" if compress else "uncompressed (as python -m http.server)"
        for name in MEASURED_PAGES:
            url = f"{base}/{name}"
            if compress:
                size, count = raw_weight(url, site, base)
                rows.append((name, "raw bytes loaded", f"{size / 1e6:.2f} MB in {count} files (target ≤ 1.5 MB)"))
            for desktop in (True, False):
                runs = [lighthouse(url, desktop, scratch / f"lh-{i}.json") for i in range(3)]
                medians = {c: statistics.median(r[c] for r in runs) for c in CATEGORIES}
                audit = {str(r["render-blocking"]) for r in runs if str(r["render-blocking"]).startswith("error")}
                blocking = (f"render-blocking audit {audit.pop()}" if audit else
                            f"render-blocking audit passed in {sum(1 for r in runs if r['render-blocking'] == 1)} of 3 runs")
                target = "≥ 90" if desktop else "≥ 75"
                rows.append((name, "Lighthouse, " + ("desktop" if desktop else "phone") + f", {served}",
                             f"performance {medians['performance']:.0f} ({target}), accessibility "
                             f"{medians['accessibility']:.0f}, best practices {medians['best-practices']:.0f}; "
                             f"{blocking}; runs: "
                             + "; ".join("/".join(str(r[c]) for c in CATEGORIES) for r in runs)))
        server.shutdown()
    width = max(len(r[0]) + len(r[1]) for r in rows) + 3
    for name, what, figures in rows:
        print(f"{name + ' · ' + what:<{width}}  {figures}")
    shutil.rmtree(scratch, ignore_errors=True)
    return 0


def main() -> int:
    if "--pages" in sys.argv[1:]:
        return pages()
    scratch = Path(tempfile.mkdtemp(prefix="ecreport-bench-"))
    data = scratch / "data"
    shutil.copytree(ROOT / "data", data)
    env = dict(os.environ, ECREPORT_BUILD_DIR=str(scratch / "build"))
    build = [PYTHON, str(ROOT / "scripts" / "build.py"), "--data-dir", str(data)]
    print(f"machine: {machine()}")
    print("running the baseline (Jupyter Book's own execution) …", flush=True)
    base = baseline(scratch, dict(env, ECREPORT_OUTPUT="book"))

    print("running (a)–(d) …", flush=True)
    clean = []
    for attempt in range(3):
        shutil.rmtree(scratch / "build", ignore_errors=True)
        shutil.rmtree(scratch / "a", ignore_errors=True)
        seconds, _ = timed(build + ["--out", str(scratch / "a")], env)
        clean.append(seconds)
    a = statistics.median(clean)
    b, _ = timed(build + ["--out", str(scratch / "a")], env)
    changed = change_one_value(data)
    c, result = timed(build + ["--out", str(scratch / "a")], env)
    executed = re.search(r"executed (\d+) chapter\(s\): ([^;]*)", result.stdout)
    shutil.rmtree(scratch / "build")
    d, result = timed(build + ["--year", "all", "--out", str(scratch / "all")], env)
    count = re.search(r"executed (\d+) chapter", result.stdout)
    pairs = int(count.group(1)) if count else 0

    rows = [
        ("baseline: Jupyter Book executes the default edition", f"{base:6.1f} s", ""),
        ("(a) clean build, default edition (median of three)", f"{a:6.1f} s",
         f"{a / base:.0%} of baseline (target ≤ 38%); the three: " + ", ".join(f"{t:.1f} s" for t in clean)),
        ("(b) rebuild, nothing changed", f"{b:6.1f} s", "target ≤ 1 s"),
        (f"(c) rebuild after changing {changed}", f"{c:6.1f} s",
         f"re-executed {executed.group(2) if executed else '?'} only"),
        (f"(d) all editions, clean ({pairs} chapter-editions)", f"{d:6.1f} s",
         f"{d / max(pairs, 1):.2f} s per chapter-edition (target < 1.5 s)"),
    ]
    width = max(len(r[0]) for r in rows)
    for name, seconds, note in rows:
        print(f"{name:<{width}}  {seconds}  {note}")
    shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
