"""`make bench`: how the build and search scale, and the navigator's speed; written to docs/performance.md.

Benchmarks, never tests: figures are medians of several runs and are written to docs/performance.md with
the machine and the date, so a change in speed shows up in review. Four parts:
- scale (tests/bench/scale.py): the build, the site and the search, for the repository's partnerships and
  for generated ones; BENCH_SCALE (default "1,10,50,150") chooses the numbers of generated partnerships,
  BENCH_BUILD_RUNS (at least 3) the builds per size, BENCH_RUNS (at least 5) the search's runs;
- navigator (tests/bench/navigator.py): its start and each change in chromium, BENCH_RUNS (at least 5) runs;
- network (tests/bench/network.py): the navigator's start and its bytes across a throttled link, beside a
  bare Pyodide start, BENCH_RUNS (default 3, at least 1) runs;
- lighthouse (tests/bench/lighthouse.py): Lighthouse's mobile performance score for a handbook page and
  the navigator, served as a static host serves them, at least 3 runs each (BENCH_RUNS).

`python -m tests.bench` runs all four; `python -m tests.bench scale` (or `navigator`, `network`,
`lighthouse`), or BENCH_ONLY=scale, runs one, and the report keeps the other parts' last figures.
BENCH_REPORT=PATH writes the report there instead of docs/performance.md (it then starts from that file's
sections).
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
from tests.bench.lighthouse import RUNS as LIGHTHOUSE_RUNS
from tests.bench.lighthouse import lighthouse_section
from tests.bench.lighthouse import measure as measure_lighthouse
from tests.bench.navigator import Figures, measure
from tests.bench.network import RUNS as NETWORK_RUNS
from tests.bench.network import measure_network
from tests.bench.network_report import network_section
from tests.bench.report import assemble, previous, stamped
from tests.bench.scale import measure_scale
from tests.bench.scale_report import budgets_text, build_section, search_section

REPOSITORY = Path(__file__).resolve().parents[2]
REPORT = REPOSITORY / "docs" / "performance.md"
MINIMUM_RUNS = 5
PARTS = ("all", "scale", "navigator", "network", "lighthouse")


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


def verdict(met: bool) -> str:
    return "met" if met else "**missed**"


def navigator_section(figures: Figures) -> str:
    bare_cold, bare_warm = figures.median("bare cold"), figures.median("bare warm")
    cold, warm = figures.median("first suggestion cold"), figures.median("first suggestion warm")
    per_change_p95 = figures.p95("round trip")
    rows = [
        ("Bare Pyodide start, cold (loadPyodide + `1+1`)", f"{bare_cold:.0f} ms", ""),
        ("Bare Pyodide start, warm", f"{bare_warm:.0f} ms", ""),
        (
            "Navigator: page open → first suggestion, cold",
            f"{cold:.0f} ms",
            f"{cold / bare_cold:.3f} × bare cold (target ≤ 0.35: {verdict(cold <= 0.35 * bare_cold)})",
        ),
        (
            "Navigator: page open → first suggestion, warm",
            f"{warm:.0f} ms",
            f"{warm / bare_warm:.3f} × bare warm (target ≤ 0.25: {verdict(warm <= 0.25 * bare_warm)})",
        ),
        (
            "Per change: tick → new result in the page",
            spread(figures, "round trip"),
            f"{len(figures.values['round trip'])} changes (target p95 < 5 ms: {verdict(per_change_p95 < 5)})",
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
        (
            "The snapshot inflated at once (not once the wasm is asked for)",
            "lever: snapshot inflated at once",
        ),
        ("A second compile of the wasm, started at once (not shipped)", "lever: wasm compiled early"),
    ]
    opened = [
        ("Bare Pyodide, cold", "bare cold", None),
        ("Bare Pyodide, warm", "bare warm", None),
        ("Navigator, first suggestion, cold", "first suggestion cold", "bare cold"),
        ("Navigator, first suggestion, warm", "first suggestion warm", "bare warm"),
    ]

    def ratio(key: str, bare: str | None) -> str:
        if bare is None:
            return ""
        opened_at_once = key.endswith(", opened at once")
        against = figures.median(f"{bare}, opened at once" if opened_at_once else bare)
        return f" ({figures.median(key) / against:.3f} × {bare})"

    warm_levers = [
        ("As shipped (the first visit primed the code cache)", "first suggestion warm"),
        ("The first visit did not prime it", "first suggestion warm, not primed"),
        (
            "As shipped, from a server answering each request 100 ms late",
            "first suggestion warm, server 100 ms away",
        ),
    ]
    per_change = [
        ("As shipped (practice scenarios, then spaced ones until settled)", "per change: as shipped"),
        ("Practice scenarios, but none spaced out", "per change: no spaced practice"),
        ("No practice scenarios", "per change: no practice scenarios"),
    ]
    lines = [
        "## Navigator",
        "",
        f"Headless Debian chromium {figures.chromium}, Pyodide {pyodide_version()}, partnership "
        f"`derby-derbyshire`; medians of {figures.runs} runs, each on a fresh browser context. Each visit "
        "opens a new tab and navigates once the browser is quiet (the next section). Cold: empty "
        "caches. Warm: the next visit in the same context (HTTP cache for bare Pyodide; for the navigator, "
        "once the service worker is active and has kept its files, and the page has primed the browser's "
        "code cache from that copy). Per change: a settled page (a second "
        "after the first suggestion), each change once the previous result has been painted, as when a "
        "person ticks.",
        "",
        "| Measure | Result | Against the target |",
        "|---|---|---|",
        *[f"| {name} | {value} | {note} |" for name, value, note in rows],
        "",
        "### Opening the tab",
        "",
        "In headless chromium each tab the benchmark opens starts a part of the browser's own interface "
        "with it: Chromium's omnibox popup, a WebUI page in a renderer of its own (in a trace, a navigation "
        "to `chrome://omnibox-popup.top-chrome/`), took about 0.55 s of CPU in the tab's first 0.6 s (a "
        "trace and the DevTools protocol's process figures, 3 tabs, 22 November 2026). A visit that "
        "navigates the moment its tab is open shares the two cores with it. With that part turned off "
        "(`--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup,"
        "PreloadTopChromeWebUI`, tried, not used) the navigator's first suggestion took 617 ms cold and "
        "528 ms warm, against 613 and 517 ms after waiting 2 s, and 894 and 794 ms at once (medians of 4 "
        "and 5 runs, the same day). So each visit waits until the browser's processes "
        f"are quiet (`tests/bench/navigator.py` `Tabs`; median {figures.median('quiet after'):.0f} ms "
        "after opening the tab) and then navigates, as when a person opens a tab and then goes to the "
        "page; the measures above are those. The same visits navigating at once, for comparison (the "
        "bare start's and the navigator's alike):",
        "",
        "| Visit | Browser quiet first | Navigated at once |",
        "|---|---|---|",
        *[
            f"| {name} | {figures.median(key):.0f} ms{ratio(key, bare)} | "
            f"{figures.median(f'{key}, opened at once'):.0f} ms{ratio(f'{key}, opened at once', bare)} |"
            for name, key, bare in opened
        ],
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
        "The warm start without the priming: the first visit's page told not to prime (its runtime's "
        "`prime: false`), the next visit timed as warm above. And from a server that answers each request "
        "100 ms late, as across a real network: the page itself is asked of the server first, so that it "
        "is never older than the server's; everything else it loads carries a digest in its name (the "
        "navigator's scripts `navigator-<digest>.js` and `worker-<digest>.js` like its runtime, and our "
        "scripts and style sheet, navigator/sitebuild/fingerprints.py), so the service worker serves it "
        "from its copy without asking. Before (22 November 2026, 4 runs each), the navigator's two "
        "scripts and our four files were asked of the server first too, several one after the other, and "
        "this visit took 834 ms; with the navigator's scripts digest-named, 782 ms (Python was ready by "
        "about 600 ms, but the page shows a suggestion only once its document has loaded, which waited "
        "for our scripts until 810 to 840 ms in 2 traced visits); with ours too, 610 ms.",
        "",
        "| Warm start | Median | Against bare warm |",
        "|---|---|---|",
        *[
            f"| {name} | {figures.median(key):.0f} ms | {figures.median(key) / bare_warm:.3f} × |"
            for name, key in warm_levers
        ],
        "",
        "The per-change levers, on a cold context with no service worker: settled changes as above.",
        "",
        "| Per change | Round trip | Python's assessment |",
        "|---|---|---|",
        *[
            f"| {name} | {spread(figures, key)} | {spread(figures, f'python ({key})')} |"
            for name, key in per_change
        ],
        "",
        "Starting the worker early: the navigator's script is the first thing in the page's `<head>` "
        f"(async), so the worker is created {figures.median('worker started'):.0f} ms after navigation "
        "start; at the end of the body it was about 580 ms (measured once, 22 November 2026). On a "
        "navigator page the service worker registers only once the runtime has started, so its first "
        "download of the site does not compete with it (about 200 ms of a cold start, measured the same "
        "day). The theme's search index (then 550 KB for the whole site, about 350 ms of CPU to index) "
        "waiting until the runtime had started took about 150 ms off a cold first suggestion (7 runs, 22 "
        "November 2026); it is now the partnership's own index and is fetched only once the reader turns "
        "to search (docs/javascripts/search.js). The page sends its scenario as soon as the form can be "
        "read, and the worker answers it the moment Python is ready, with no round trip through the page "
        "first. The page gives the worker its runtime as the worker's name, so the worker starts at once: "
        "a first message from the page reached it only once the page's busy thread let it go, 0 to 90 ms "
        "after the worker's script had run (3 warm visits, 22 November 2026). On a start from the snapshot "
        "the decision package is already imported, so its files are written only after the first "
        "suggestion (`worker.js` `afterFirst`; it took 14 to 29 ms before the first suggestion, the same "
        "visits), and `gc.freeze()` follows them.",
        "",
        "The snapshot is stored packed (navigator/web/runtime.py `packed`): only its non-zero stretches, "
        "11.7 MB of 31 MB, gzip-compressed to 5.2 MB. In a worker, inflating all 31 MB took about 150 ms "
        "and inflating the 12 MB about 80 ms (7 runs, 22 November 2026). Pyodide needs only the memory's "
        "length before it compiles its wasm, so the worker hands it an array of that length at once and "
        "fills it while the wasm compiles on other threads (Pyodide's `fsInit` hook holds its start until "
        "the array is full, and Pyodide's magic number is written last, so a half-filled snapshot is "
        "refused, never restored). Filling it at once instead holds up the worker's own thread, which "
        "Pyodide's module needs to get as far as asking for its wasm (the lever above). The service "
        "worker keeps the snapshot inflated, 12 MB in the browser's cache, so a warm visit does not "
        "inflate it again (reading it took 18 ms in a worker, 22 November 2026).",
        "",
        "What is left of a warm start is Pyodide's own work on two cores, as a trace of 22 November 2026 "
        "shows it: importing its 1.25 MB module and running the module's factory until it asks for the "
        "wasm (100 to 180 ms), compiling the 9.6 MB wasm on other threads (about 150 ms, sharing the two "
        "cores with the page and the worker), linking it (about 100 ms), and restoring the memory, then "
        "compiling on first use the 1,463 wasm functions Python's start runs (about 110 ms). A second "
        "compile started at once (the last lever) only adds to the work on two cores.",
        "",
        "Tried for the warm start and not shipped (22 November 2026; the worker's phases are in the page's "
        "`data-start-phases`). Chrome's wasm code cache: Chrome writes one (4.3 MB in the profile's `Code "
        "Cache/wasm` for Pyodide from the HTTP cache), yet a visit in a new tab took as long from asking "
        "for the wasm to having it instantiated (100 to 200 ms) and from there to Python started (130 to "
        "200 ms), whether the wasm came from the service worker's copy or the HTTP cache, and even with V8 "
        "told to write the cache at once (`--js-flags=--wasm-caching-timeout-ms=0`). Only a revisit in the "
        "same tab, with the last worker's compiled module still in that tab's process, was faster: first "
        "suggestion 553 to 647 ms (2 runs, 3 revisits each), 0.22 to 0.26 × bare warm, then measured "
        "against visits navigating at once. That revisit opened no new tab, so the browser's new window "
        "(Opening the tab, above) was not starting beside it either, which explains at least part of it. "
        "V8's `//# allFunctionsCalledOnLoad` comment on "
        "Pyodide's module moved the factory's compiling into its import (no gain), and keeping Pyodide's "
        "scripts in the service worker's install step did not make the next visit's import faster.",
        "",
        "Priming the code cache (shipped 22 November 2026). Chrome keeps a script's compiled code with the "
        "copy it came from, and for a copy in a service worker's cache it compiles and keeps it the first "
        "time a script runs from that copy. A first visit loads Pyodide's module from the site, before "
        "the service worker exists; the next visit is the first to run it from the service worker's copy, "
        "so only the visit after that started from compiled code: from the module's import to asking for "
        "the wasm took 100 to 180 ms on the second visit and 15 to 30 ms from the third (2 runs of 5 "
        "visits). An earlier trial of a spare import had run from the browser's HTTP cache, not the "
        "service worker's copy, and changed nothing. Now, when the service worker reports that it has just "
        "kept Pyodide's scripts, the page has a spare worker import them from that copy and run the "
        "module until it asks for its wasm (once; it ended 320 to 390 ms after it started, 200 ms of "
        "which it waits for the browser to write its cache, 5 runs; no Python starts; "
        "`navigator.js` `primeCodeCache`, the page's `data-primed`), so the second visit starts from "
        "compiled code too (the warm-start levers above).",
        "",
        "Per change: a trace of settled changes (22 November 2026) shows where a round trip goes. Python's "
        "assessment takes about 1 ms; the tick itself makes the browser draw a frame for the page (style, "
        "a hit test, paint and commit of the long form: about 2 to 3 ms of the main thread), and the "
        "worker's answer waits for that frame to finish before the page can show it. CSS containment of "
        "the form (`content-visibility: auto`) made no measurable difference. The first scenarios to take a "
        "path through the decision module were slow (about 7 ms of Python), because Pyodide's wasm "
        "functions are compiled when first used and the busiest ones again in the background. After the "
        "first suggestion the worker assesses practice scenarios one at a time (navigator/decision/"
        "warm_up.py: each level, flag, area and question of the partnership, twice; their results are "
        "thrown away), so a person's ticks find them compiled (the per-change levers). Even so, the first "
        "tick after the practice still took 5 to 10 ms of Python, whichever scenario it was, while the "
        "next took 1 ms. V8 flags found the cause (22 November 2026): with `--no-wasm-deopt` (or "
        "`--liftoff-only`) it was gone. V8 compiles the busiest wasm functions again in the background, "
        "guessing from the calls so far which function each indirect call reaches; the first call into "
        "new code that finds a guess wrong goes back to the baseline code (a deopt). In the first 1 to 2 "
        "seconds after the practice this happened 2 or 3 times, then no more. So the worker goes on with "
        "one practice scenario every 200 ms until 5 in a row take under 4 times its fastest (8 or 9 more, "
        "about 1.5 s; the page's `data-practised` says so): the deopts fall on practice, not on a "
        "person's tick. Turning Python's automatic garbage collection off and collecting only when the "
        "page was idle was tried too: no measurable difference (500 changes each way, 22 November 2026), "
        "so it is not shipped.",
    ]
    return "\n".join(lines) + "\n"


def navigator_part(stamp: str) -> str:
    runs = max(MINIMUM_RUNS, int(os.environ.get("BENCH_RUNS", MINIMUM_RUNS)))
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        build(site)
        figures = measure(site, runs)
    return stamped(navigator_section(figures), stamp)


def network_part(stamp: str) -> str:
    runs = max(1, int(os.environ.get("BENCH_RUNS", NETWORK_RUNS)))
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        build(site)
        figures = measure_network(site, runs)
    return stamped(network_section(figures), stamp)


def lighthouse_part(stamp: str) -> str:
    runs = max(LIGHTHOUSE_RUNS, int(os.environ.get("BENCH_RUNS", LIGHTHOUSE_RUNS)))
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        build(site)
        results = measure_lighthouse(site, runs)
    return stamped(lighthouse_section(results), stamp)


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
    if part in ("all", "network"):
        sections["Network"] = network_part(stamp)
    if part in ("all", "lighthouse"):
        sections["Lighthouse"] = lighthouse_part(stamp)
    text = assemble(sections)
    report.write_text(text, encoding="utf-8")
    print(text)
    print(f"written to {report}")


if __name__ == "__main__":
    main()
