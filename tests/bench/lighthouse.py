"""Lighthouse's performance score (mobile, simulated throttling) for a handbook page and a navigator page.

Lighthouse (npm, pinned in package.json) runs from node_modules in Debian chromium, never a downloaded
browser. It loads each page once, unthrottled, and *simulates* a mid-range phone on a slow 4G link (150 ms
round trip, 1.6 Mbit/s, the CPU 4 times slower) from that load's trace: what the page asked for and when,
and each main-thread task, 4 times as long. So the score follows what a page downloads, in which order,
and its scripts' and styles' work; but the trace also carries this machine's state. On two shared cores
tasks run longer, and in headless chromium a main thread busy before the first paint can push that paint
to the next whole second, which changes what the simulation counts as needed for it (FCP, LCP and TBT
move by a few hundred milliseconds). Hence `RUNS` runs per page, each in a fresh browser profile, the
median score, the median of each metric and the audits the median run failed, and the load average
before each run beside them.

The site is served as a static host serves it (tests/bench/host.py through tests/bench/throttle.py with an
unlimited link): HTTP/1.1 with keep-alive (Python's http.server speaks HTTP/1.0, a connection per file, which
the simulation then charges a round trip each), the build's precompressed siblings (`.br`, `.gz`, compress.py)
where the browser accepts them, else gzip made on the fly, and the Cache-Control of the site's `_headers`.

`python -m tests.bench.lighthouse [SITE] [--runs N]` prints the Markdown section.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.bench.host import StaticHost
from tests.bench.throttle import Link, serve

REPOSITORY = Path(__file__).resolve().parents[2]
CLI = REPOSITORY / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = Path("/usr/bin/chromium")
PAGES = {"Handbook: a level page": "derby-derbyshire/level-3/", "Navigator": "derby-derbyshire/navigator/"}
RUNS = 3
TARGET = 95
METRICS = {  # audit id: short name
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking "
    "--disable-component-update --disable-sync"
)


@dataclass
class Run:
    """One Lighthouse run of one page."""

    score: float  # 0 to 100
    metrics: dict[str, float]  # audit id: numeric value (ms; CLS unitless)
    failing: list[str]  # "title: display value" of each audit below 0.9
    errored: list[str]  # audits Lighthouse could not compute from this chromium's trace
    load: float  # one-minute load average before the run


@dataclass
class PageResult:
    name: str
    path: str
    runs: list[Run] = field(default_factory=list)

    def median_run(self) -> Run:
        return sorted(self.runs, key=lambda run: run.score)[len(self.runs) // 2]

    def median(self, audit: str) -> float:
        return statistics.median(run.metrics[audit] for run in self.runs)


def failing_audits(report: dict[str, Any]) -> list[str]:
    """The performance audits scored below 0.9, metrics aside, as Lighthouse's report lists them."""
    audits = report["audits"]
    failing = []
    for ref in report["categories"]["performance"]["auditRefs"]:
        audit = audits.get(ref["id"], {})
        score, mode = audit.get("score"), audit.get("scoreDisplayMode")
        if ref["id"] in METRICS or score is None or score >= 0.9 or mode == "informative":
            continue
        shown = f": {audit['displayValue']}" if audit.get("displayValue") else ""
        failing.append(f"{audit['title']}{shown}")
    return failing


def errored_audits(report: dict[str, Any]) -> list[str]:
    """The performance audits Lighthouse could not compute (12.2.3 cannot read this chromium's screenshot
    events, so its trace-engine audits, render-blocking resources among them, report an error)."""
    refs = report["categories"]["performance"]["auditRefs"]
    return [
        ref["id"] for ref in refs if report["audits"].get(ref["id"], {}).get("scoreDisplayMode") == "error"
    ]


def run_once(url: str, chromium: Path = CHROMIUM) -> Run:
    """One Lighthouse run (mobile is its default form factor) in a fresh browser profile."""
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as folder:
        output = Path(folder) / "report.json"
        profile = Path(folder) / "profile"
        subprocess.run(
            [
                "node",
                str(CLI),
                url,
                "--only-categories=performance",
                "--output=json",
                f"--output-path={output}",
                "--quiet",
                f"--chrome-flags={CHROME_FLAGS} --user-data-dir={profile}",
            ],
            check=True,
            env=dict(os.environ, CHROME_PATH=str(chromium)),
        )
        report = json.loads(output.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise RuntimeError(f"Lighthouse failed on {url}: {report['runtimeError']}")
    return Run(
        score=round(report["categories"]["performance"]["score"] * 100),
        metrics={audit: report["audits"][audit]["numericValue"] for audit in METRICS},
        failing=failing_audits(report),
        errored=errored_audits(report),
        load=load,
    )


def measure(site: Path, runs: int = RUNS, pages: dict[str, str] = PAGES) -> list[PageResult]:
    """`runs` Lighthouse runs of each page of the built site, one after another."""
    if not CLI.is_file():
        raise SystemExit("lighthouse is missing from node_modules: run `npm ci` (or `make setup`)")
    results = [PageResult(name, path) for name, path in pages.items()]
    host = StaticHost(site)
    host.warm()  # gzip made on the fly is made before the first run, as a host's cache would hold it
    with serve(host, Link(None, 0.0)) as base:
        for result in results:
            result.runs = [run_once(f"{base}/{result.path}") for _ in range(runs)]
    return results


def _metric(audit: str, value: float) -> str:
    return f"{value:.3f}" if audit == "cumulative-layout-shift" else f"{value / 1000:.2f} s"


def lighthouse_section(results: list[PageResult]) -> str:
    """The report's Markdown section: the median score and metrics per page, then the failing audits."""
    runs = max(len(result.runs) for result in results)
    lines = [
        "## Lighthouse",
        "",
        f"Lighthouse {_version()} (npm), mobile preset with simulated throttling (slow 4G, CPU 4 × slower), "
        f"performance only, in headless Debian chromium; {runs} runs per page, each in a fresh profile, "
        "from a local static host (HTTP/1.1, the build's brotli and gzip copies, tests/bench/host.py). "
        f"Medians; target ≥ {TARGET}.",
        "",
        f"| Page | Score (runs) | {' | '.join(METRICS.values())} | Load average |",
        "|---|---|" + "---|" * len(METRICS) + "---|",
    ]
    for result in results:
        score = result.median_run().score
        scores = ", ".join(f"{run.score:.0f}" for run in result.runs)
        mark = "" if score >= TARGET else " (**below target**)"
        metrics = " | ".join(_metric(audit, result.median(audit)) for audit in METRICS)
        loads = ", ".join(f"{run.load:.2f}" for run in result.runs)
        page = f"{result.name} (`/{result.path}`)"
        lines.append(f"| {page} | {score:.0f}{mark} ({scores}) | {metrics} | {loads} |")
    for result in results:
        failing = result.median_run().failing
        lines += ["", f"Audits the median run of {result.name.lower()} failed:", ""]
        lines += [f"- {audit}" for audit in failing] or ["- none"]
    errored = sorted({audit for result in results for run in result.runs for audit in run.errored})
    if errored:
        lines += ["", f"Audits Lighthouse could not run on this chromium's trace: {', '.join(errored)}."]
    return "\n".join(lines) + "\n"


def _version() -> str:
    package = CLI.parents[1] / "package.json"
    return str(json.loads(package.read_text(encoding="utf-8"))["version"]) if package.is_file() else "?"


def main(argv: list[str] | None = None) -> None:
    summary = __doc__.split("\n", 1)[0]
    parser = argparse.ArgumentParser(prog="python -m tests.bench.lighthouse", description=summary)
    parser.add_argument("site", nargs="?", type=Path, default=REPOSITORY / "site", help="the built site")
    parser.add_argument("--runs", type=int, default=RUNS, help=f"runs per page (default {RUNS})")
    arguments = parser.parse_args(argv)
    if not (arguments.site / "index.html").is_file():
        raise SystemExit(f"{arguments.site}: no built site (run `make build`)")
    print(lighthouse_section(measure(arguments.site, arguments.runs)), end="")


if __name__ == "__main__":
    main()
