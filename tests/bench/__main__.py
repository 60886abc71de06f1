"""`make bench`: how the build and search scale, and the navigator's speed; written to docs/performance.md.

Benchmarks, never tests: figures are medians of several runs and are written to docs/performance.md with
the machine and the date, so a change in speed shows up in review. Two parts:
- scale (tests/bench/scale.py): the build, the site and the search, for the repository's partnerships and
  for generated ones; BENCH_SCALE (default "1,10,50,150") chooses the numbers of generated partnerships,
  BENCH_BUILD_RUNS (at least 3) the builds per size, BENCH_RUNS (at least 5) the search's runs;
- navigator (tests/bench/navigator.py): its start and each change in chromium, BENCH_RUNS (at least 5) runs.

`python -m tests.bench` runs both; `python -m tests.bench scale` (or `navigator`), or BENCH_ONLY=scale, runs
one, and the report keeps the other part's last figures. BENCH_REPORT=PATH writes the report there
instead of docs/performance.md (it then starts from that file's sections).
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from navigator.web.runtime import pyodide_version
from tests.bench.navigator import Figures, measure
from tests.bench.report import assemble, previous, stamped
from tests.bench.scale import measure_scale
from tests.bench.scale_report import budgets_text, build_section, search_section

REPOSITORY = Path(__file__).resolve().parents[2]
REPORT = REPOSITORY / "docs" / "performance.md"
MINIMUM_RUNS = 5
PARTS = ("all", "scale", "navigator")


def machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [
            line.split(":", 1)[1].strip()
            for line in cpuinfo.read_text().splitlines()
            if line.startswith("model name")
        ]
        cpu = names[0] if names else cpu
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        total_kb = int(meminfo.read_text().split("MemTotal:", 1)[1].split()[0])
        memory = f", {total_kb / 1024 / 1024:.0f} GB memory"
    return f"{cpu}, {os.cpu_count()} cores{memory}, {platform.system()} {platform.release()}"


def build(site: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [str(REPOSITORY / ".venv/bin/mkdocs"), "build", "--strict", "--quiet", "--site-dir", str(site)],
        cwd=REPOSITORY,
        check=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    return time.perf_counter() - started


def spread(figures: Figures, name: str) -> str:
    return f"{figures.median(name):.1f} ms median, {figures.p95(name):.1f} ms p95"


def navigator_section(figures: Figures) -> str:
    bare_cold, bare_warm = figures.median("bare cold"), figures.median("bare warm")
    cold, warm = figures.median("first suggestion cold"), figures.median("first suggestion warm")
    rows = [
        ("Bare Pyodide start, cold (loadPyodide + `1+1`)", f"{bare_cold:.0f} ms", ""),
        ("Bare Pyodide start, warm", f"{bare_warm:.0f} ms", ""),
        (
            "Navigator: page open → first suggestion, cold",
            f"{cold:.0f} ms",
            f"{cold / bare_cold:.2f} × bare cold (target ≤ 0.35)",
        ),
        (
            "Navigator: page open → first suggestion, warm",
            f"{warm:.0f} ms",
            f"{warm / bare_warm:.2f} × bare warm (target ≤ 0.25)",
        ),
        (
            "Per change: tick → new result in the page",
            spread(figures, "round trip"),
            f"{len(figures.values['round trip'])} changes (target p95 < 5 ms)",
        ),
        ("… of which Python's assessment in the worker", spread(figures, "python (round trip)"), ""),
        (
            "Per change, back to back (each change the moment the previous result is in the page)",
            spread(figures, "round trip, back to back"),
            "also waits for the previous result's layout and paint",
        ),
        (
            "… of which Python's assessment in the worker",
            spread(figures, "python (round trip, back to back)"),
            "",
        ),
        ("Worker created (after navigation start)", f"{figures.median('worker started'):.0f} ms", ""),
    ]
    levers = [
        ("As shipped (snapshot, lock info passed)", "lever: all on"),
        ("No memory snapshot: plain start, full standard library", "lever: no snapshot"),
        ("The lock file fetched", "lever: lock file fetched"),
        ("The wasm compiled while the snapshot downloads (not shipped)", "lever: wasm compiled early"),
    ]
    lines = [
        "## Navigator",
        "",
        f"Headless Debian chromium {figures.chromium}, Pyodide {pyodide_version()}, partnership "
        f"`derby-derbyshire`; medians of {figures.runs} runs, each on a fresh browser context. Cold: empty "
        "caches. Warm: the next visit in the same context (HTTP cache for bare Pyodide; for the navigator, "
        "once the service worker is active and has kept its files). Per change: a settled page (a second "
        "after the first suggestion), each change once the previous result has been painted, as when a "
        "person ticks.",
        "",
        "| Measure | Result | Against the target |",
        "|---|---|---|",
        *[f"| {name} | {value} | {note} |" for name, value, note in rows],
        "",
        "### Levers",
        "",
        "Each lever changed alone, on a cold context: time from creating the navigator's worker, on a "
        "page of its own, to “ready” (the first suggestion follows within one round trip).",
        "",
        "| Start-up | Median |",
        "|---|---|",
        *[f"| {name} | {figures.median(key):.0f} ms |" for name, key in levers],
        "",
        "Starting the worker early: the navigator's script is the first thing in the page's `<head>` "
        f"(async), so the worker is created {figures.median('worker started'):.0f} ms after navigation "
        "start; at the end of the body it was about 580 ms (measured once, 22 November 2026). On a "
        "navigator page the service worker registers only once the runtime has started, so its first "
        "download of the site does not compete with it (about 200 ms of a cold start, measured the same "
        "day). The theme's search index (then 550 KB for the whole site, about 350 ms of CPU to index) "
        "waiting until the runtime had started took about 150 ms off a cold first suggestion (7 runs, 22 "
        "November 2026); it is now the partnership's own index and is fetched only once the reader turns "
        "to search (docs/javascripts/search.js). The snapshot is gzip-compressed (5.3 MB; it was 18.4 MB "
        "stored as its non-zero pages) and inflated as it arrives: about 40 ms faster. The rest of the gap "
        "between the worker alone and the page is the page itself on two cores: the theme's script, and "
        "laying out the form.",
        "",
        "Per change: a trace of settled changes (22 November 2026) shows where a round trip goes. Python's "
        "assessment takes about 1 ms; the tick itself makes the browser draw a frame for the page (style, "
        "a hit test, paint and commit of the long form: about 2 to 3 ms of the main thread), and the "
        "worker's answer waits for that frame to finish before the page can show it. With changes 200 ms "
        "apart (a person's pace) the median was 3.5 to 4.9 ms and the 95th percentile 5.1 to 6.4 ms; CSS "
        "containment of the form (`content-visibility: auto`) made no measurable difference.",
    ]
    return "\n".join(lines) + "\n"


def navigator_part(stamp: str) -> str:
    runs = max(MINIMUM_RUNS, int(os.environ.get("BENCH_RUNS", MINIMUM_RUNS)))
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        build(site)
        figures = measure(site, runs)
    return stamped(navigator_section(figures), stamp)


def main(argv: list[str] | None = None) -> None:
    arguments = sys.argv[1:] if argv is None else argv
    part = arguments[0] if arguments else os.environ.get("BENCH_ONLY", "all")
    if part not in PARTS or len(arguments) > 1:
        raise SystemExit(f"usage: python -m tests.bench [{'|'.join(PARTS[1:])}] (or BENCH_ONLY=…)")
    report = Path(os.environ.get("BENCH_REPORT", REPORT))
    stamp = f"Measured on {dt.date.today():%-d %B %Y}: {machine()}."
    sections = previous(report)
    if part in ("all", "scale"):
        scale = measure_scale()
        sections["Build and scale"] = build_section(scale, stamp) + "\n" + budgets_text(scale)
        sections["Search"] = search_section(scale, stamp)
        sections["Transfer sizes (gzip)"] = stamped(scale.transfer, stamp)
    if part in ("all", "navigator"):
        sections["Navigator"] = navigator_part(stamp)
    text = assemble(sections)
    report.write_text(text, encoding="utf-8")
    print(text)
    print(f"written to {report}")


if __name__ == "__main__":
    main()
