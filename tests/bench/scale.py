"""How the build, the site and the search grow with the number of partnerships (`make bench`'s scale part).

For the repository's partnerships and for each size in BENCH_SCALE (default "1,10,50,150") of generated
ones (tests/bench/generate.py, in a temporary folder, removed after), the same `mkdocs build --strict` as
`make build`, timed BENCH_BUILD_RUNS times (at least 3) into fresh temporary folders; the site's size and
files, one partnership's level-2 page and the home page. At the repository's partnerships and the largest
size, `thresholds validate PATH` and `thresholds export PATH` (the console script as a subprocess, so
Python's start-up is included); the page-weight budgets (navigator.sitebuild.weights) on every page of the
largest size, and the transfer sizes of the repository's site. At the smallest and the largest size, the
search (tests/bench/search.py), BENCH_RUNS times (at least 5).

The generated sizes are built before the repository's partnerships: the navigator's snapshot is made
again for other data, and .cache/snapshot/ keeps one, so the last build leaves the repository's there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from navigator.model.catalogue import REPOSITORY_THRESHOLDS
from navigator.sitebuild import weights
from tests.bench.generate import generate, real_partnerships
from tests.bench.search import Search, measure_search

REPOSITORY = Path(__file__).resolve().parents[2]
BIN = REPOSITORY / ".venv" / "bin"
DEFAULT_SIZES = "1,10,50,150"
MINIMUM_BUILD_RUNS = 3
MINIMUM_SEARCH_RUNS = 5
TYPICAL_PAGE = "level-2/index.html"


@dataclass
class Build:
    """One set of partnerships built `len(seconds)` times, and the site it made."""

    partnerships: int
    real: bool
    seconds: list[float]
    site_bytes: int = 0
    html_bytes: int = 0  # the pages: what grows with the partnerships (the runtime and theme do not)
    files: int = 0
    page: str = ""  # the typical page's site path
    page_bytes: int = 0
    home_bytes: int = 0


@dataclass
class Commands:
    """`thresholds validate PATH` and `thresholds export PATH`, seconds per run, and the export's size."""

    partnerships: int
    real: bool
    validate: list[float] = field(default_factory=list)
    export: list[float] = field(default_factory=list)
    export_bytes: int = 0


@dataclass
class Scale:
    builds: list[Build] = field(default_factory=list)
    commands: list[Commands] = field(default_factory=list)
    searches: dict[int, list[Search]] = field(default_factory=dict)  # partnerships → the pages measured
    runs: int = 0
    search_runs: int = 0
    transfer: str = ""  # the repository's site: weights.transfer_section
    budgets: dict[int, list[weights.Check]] = field(default_factory=dict)  # the largest size: every check


def sizes() -> list[int]:
    chosen = sorted({int(size) for size in os.environ.get("BENCH_SCALE", DEFAULT_SIZES).split(",") if size})
    if not chosen or chosen[0] < 1:
        raise ValueError(f"BENCH_SCALE must list positive numbers of partnerships, not {chosen}")
    return chosen


def build_runs() -> int:
    return max(MINIMUM_BUILD_RUNS, int(os.environ.get("BENCH_BUILD_RUNS", MINIMUM_BUILD_RUNS)))


def search_runs() -> int:
    return max(MINIMUM_SEARCH_RUNS, int(os.environ.get("BENCH_RUNS", MINIMUM_SEARCH_RUNS)))


def _environment(thresholds: Path) -> dict[str, str]:
    """`make build`'s environment, on these thresholds, published versions only."""
    environment = {name: value for name, value in os.environ.items() if name != "THRESHOLDS_DRAFTS"}
    return dict(environment, NO_MKDOCS_2_WARNING="1", THRESHOLDS_DIR=str(thresholds))


def _timed(command: list[str], thresholds: Path) -> tuple[float, bytes]:
    started = time.perf_counter()
    done = subprocess.run(
        command, cwd=REPOSITORY, env=_environment(thresholds), capture_output=True, check=False
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr.decode()[-3000:]}")
    return seconds, done.stdout


def _build(thresholds: Path, first: str, real: bool, folder: Path, runs: int) -> tuple[Build, Path]:
    """Build `runs` times into `folder` (removed between runs, as `make build` does); figures and the site."""
    build = Build(partnerships=len(real_partnerships(thresholds)), real=real, seconds=[])
    command = [str(BIN / "mkdocs"), "build", "--strict", "--quiet", "--site-dir", str(folder)]
    for run in range(runs):
        if run:
            shutil.rmtree(folder)
        build.seconds.append(_timed(command, thresholds)[0])
    files = [path for path in folder.rglob("*") if path.is_file()]
    build.files, build.site_bytes = len(files), sum(path.stat().st_size for path in files)
    build.html_bytes = sum(path.stat().st_size for path in files if path.suffix == ".html")
    build.page = f"{first}/{TYPICAL_PAGE}"
    build.page_bytes = (folder / build.page).stat().st_size
    build.home_bytes = (folder / "index.html").stat().st_size
    return build, folder


def _commands(thresholds: Path, real: bool, runs: int) -> Commands:
    commands = Commands(partnerships=len(real_partnerships(thresholds)), real=real)
    for _ in range(runs):
        seconds, _ = _timed([str(BIN / "thresholds"), "validate", str(thresholds)], thresholds)
        commands.validate.append(seconds)
        seconds, exported = _timed([str(BIN / "thresholds"), "export", str(thresholds)], thresholds)
        commands.export.append(seconds)
        commands.export_bytes = len(exported)
    return commands


def measure_scale() -> Scale:
    """Every figure of the scale part, for the sizes in BENCH_SCALE and the repository's partnerships."""
    chosen = sizes()
    scale = Scale(runs=build_runs(), search_runs=search_runs())
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as temporary:
        root = Path(temporary)
        for size in chosen:
            thresholds = root / f"thresholds-{size}"
            first = generate(thresholds, size)[0]
            build, site = _build(thresholds, first, False, root / f"site-{size}", scale.runs)
            scale.builds.append(build)
            if size in (chosen[0], chosen[-1]):
                pages = [build.page.removesuffix("index.html"), ""]
                scale.searches[size] = measure_search(site, pages, scale.search_runs)
            if size == chosen[-1]:
                scale.commands.append(_commands(thresholds, False, scale.runs))
                scale.budgets[size] = weights.checks(site)
            shutil.rmtree(site)
            shutil.rmtree(thresholds)
        first = real_partnerships(REPOSITORY_THRESHOLDS)[0]
        build, site = _build(REPOSITORY_THRESHOLDS, first, True, root / "site-real", scale.runs)
        scale.transfer = weights.transfer_section(site)
        scale.builds.insert(0, build)
        scale.commands.insert(0, _commands(REPOSITORY_THRESHOLDS, True, scale.runs))
    return scale
