"""The "Build and scale" and "Search" sections of docs/performance.md, from tests/bench/scale.py's figures."""

from __future__ import annotations

import itertools
import math
import statistics

from navigator.sitebuild import weights
from tests.bench.scale import Build, Commands, Scale
from tests.bench.search import READY_WORD, WORDS, Search

TARGETS = {"real": 10.0, 150: 120.0}  # seconds for a full build: benchmark targets, not tests


def _mb(size: float) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{size / 1e3:.0f} KB"


def _seconds(values: list[float]) -> str:
    return f"{statistics.median(values):.1f} s"


def _who(partnerships: int, real: bool) -> str:
    return f"{partnerships} (the repository's)" if real else str(partnerships)


def _target(build: Build) -> str:
    target = TARGETS.get("real" if build.real else build.partnerships)
    if target is None:
        return ""
    return f"≤ {target:.0f} s: {'met' if statistics.median(build.seconds) <= target else 'missed'}"


def _build_row(build: Build) -> str:
    runs = ", ".join(f"{seconds:.1f}" for seconds in build.seconds)
    return (
        f"| {_who(build.partnerships, build.real)} | {_seconds(build.seconds)} | {runs} s | {_target(build)} "
        f"| {_mb(build.site_bytes)} | {_mb(build.html_bytes)} | {build.files} | {_mb(build.page_bytes)} "
        f"| {_mb(build.home_bytes)} |"
    )


def _growth(ratio: float, partnerships: float) -> str:
    """The ratio, and the power of the partnerships' ratio that gives it (1: linear; 2: quadratic)."""
    return f"×{ratio:.2f}, exponent {math.log(ratio) / math.log(partnerships):.2f}"


def _growth_rows(builds: list[Build]) -> list[str]:
    rows = []
    for before, after in itertools.pairwise(builds):
        more = after.partnerships / before.partnerships
        added = after.partnerships - before.partnerships
        time = statistics.median(after.seconds) - statistics.median(before.seconds)
        rows.append(
            f"| {before.partnerships} → {after.partnerships} | ×{more:g} "
            f"| {_growth(statistics.median(after.seconds) / statistics.median(before.seconds), more)} "
            f"| {_growth(after.site_bytes / before.site_bytes, more)} "
            f"| {_growth(after.html_bytes / before.html_bytes, more)} "
            f"| {_growth(after.page_bytes / before.page_bytes, more)} "
            f"| {_growth(after.home_bytes / before.home_bytes, more)} "
            f"| {time / added:.2f} s, {_mb((after.html_bytes - before.html_bytes) / added)} of pages |"
        )
    return rows


def _commands_row(commands: Commands) -> str:
    return (
        f"| {_who(commands.partnerships, commands.real)} | {_seconds(commands.validate)} "
        f"| {_seconds(commands.export)} | {_mb(commands.export_bytes)} |"
    )


# What the first scale runs found, and what changed (22 November 2026; one run each unless said).
FOUND_AND_FIXED = """Found with this benchmark and fixed (22 November 2026, single runs):

- **Every page listed every partnership's pages** in its sidebar, so each page grew with the number of
  partnerships and the site and its build with its square: with 10 partnerships a partnership's overview
  page was 66 KB (31 KB with 3) and the build took 10.3 s. Each page's sidebar now lists its own
  partnership's pages and the pages across partnerships (navigator/sitebuild/hooks.py `on_page_context`);
  the home page lists every partnership. The same overview is 22 KB with 50.
- **The YAML was parsed by PyYAML's pure-Python parser**, a third of a build's time; it now uses libyaml
  when PyYAML has it (navigator/model/yaml_positions.py). With both changes 10 partnerships build in 5.0 s.
- **The navigator's snapshot grew with the number of partnerships** (5.2 MB gzip with 3, 7.3 MB with 50),
  because it was warmed up on every partnership's data; a cold navigator visit was 19.7 MB with 150. It now
  warms up on one partnership of each shape of rules (navigator/web/runtime.py `warm_up_partnerships`).
- **The service worker kept the whole site** on a first visit, and the theme's one search index held
  every page: with 150 partnerships that index was 2.1 MB and a query on it took 504 ms at the 95th
  percentile. Each partnership now has its own index, fetched only once the reader turns to search, the
  site's index leaves out the comparison tables, and the service worker keeps a partnership's pages once
  one is open (navigator/sitebuild/search_scope.py, navigator/sitebuild/offline.py)."""


def build_section(scale: Scale, stamp: str) -> str:
    generated = [build for build in scale.builds if not build.real]
    lines = [
        "## Build and scale",
        "",
        stamp,
        "",
        f"`make build`'s command (`mkdocs build --strict`), timed {scale.runs} times per set of "
        "partnerships into a fresh folder: the repository's partnerships, and renamed copies of them "
        "(tests/bench/generate.py, in a temporary folder). The first run of each generated set also makes "
        "the navigator's snapshot for its data (.cache/snapshot/ keeps one); the median is of all runs. "
        "Site: every file; its pages: the `.html` files, which grow with the partnerships (the navigator's "
        "runtime and the theme do not). The level-2 page is the first partnership's. Sizes in decimal units "
        "(1 MB = 1,000,000 bytes).",
        "",
        "| Partnerships | Build (median) | Runs | Target | Site | Its pages (HTML) | Files | Level-2 page "
        "| Home page |",
        "|---|---|---|---|---|---|---|---|---|",
        *[_build_row(build) for build in scale.builds],
        "",
        "Per partnership (generated sets): build time and sizes divided by the number of partnerships.",
        "",
        "| Partnerships | Build per partnership | Site per partnership | Pages per partnership |",
        "|---|---|---|---|",
        *[
            f"| {build.partnerships} | {statistics.median(build.seconds) / build.partnerships:.2f} s "
            f"| {_mb(build.site_bytes / build.partnerships)} | {_mb(build.html_bytes / build.partnerships)} |"
            for build in generated
        ],
        "",
        "From one size to the next: how much each figure grew, and the exponent of the number of "
        "partnerships that would give the same growth (1: in proportion to it, near-linear; 2: with its "
        "square). A fixed cost (the theme, the navigator's runtime) keeps it below 1 between small sizes. "
        "Each added partnership: the growth in build time and in pages, divided by the partnerships added.",
        "",
        "| Partnerships | More partnerships | Build | Site | Its pages | Level-2 page | Home page "
        "| Each added partnership |",
        "|---|---|---|---|---|---|---|---|",
        *_growth_rows(generated),
        "",
        "`thresholds validate PATH` and `thresholds export PATH` (the console script run as a subprocess, "
        f"so Python's start-up is included), medians of {scale.runs} runs:",
        "",
        "| Partnerships | Validate | Export | Export JSON |",
        "|---|---|---|---|",
        *[_commands_row(commands) for commands in scale.commands],
        "",
        FOUND_AND_FIXED,
    ]
    return "\n".join(lines) + "\n"


def _search_row(partnerships: int, search: Search) -> str:
    names = ", ".join(f"`{name}`" for name in search.indexes)
    raw = sum(size for size, _ in search.indexes.values())
    packed = sum(size for _, size in search.indexes.values())
    return (
        f"| {partnerships} | `/{search.page}` | {names} | {_mb(raw)} | {_mb(packed)} "
        f"| {search.median('downloaded'):.0f} ms | {search.median('ready'):.0f} ms "
        f"| {search.median('queries'):.1f} ms median, {search.p95():.1f} ms p95 | {search.found} |"
    )


def search_section(scale: Scale, stamp: str) -> str:
    words = ", ".join(f"“{word}”" for word in WORDS)
    lines = [
        "## Search",
        "",
        stamp,
        "",
        f"The theme's search in headless Debian chromium, on the site built with 1 and with the most "
        f"generated partnerships; medians of {scale.search_runs} runs, each page on a fresh browser context "
        "(empty caches; the offline copy's service worker blocked, so its downloads do not compete; typing "
        "in the box is what makes the page fetch its index, docs/javascripts/search.js). Index: the "
        "search file(s) the page downloaded (the page's own request, whichever "
        "file it asks for) and their gzip size (level 6). Index in: navigation start → the index "
        f"downloaded. Ready: “{READY_WORD}” typed as soon as the page is parsed; navigation start → its "
        "results in the page (the theme answers once its worker has built the index). Per query, once "
        f"ready: a new word typed → its results in the page, for {words} ({len(WORDS)} queries a run).",
        "",
        "| Partnerships | Page | Index | Size | gzip | Index in | Ready | Per query "
        f"| “{READY_WORD}” found |",
        "|---|---|---|---|---|---|---|---|---|",
        *[
            _search_row(partnerships, search)
            for partnerships, searches in scale.searches.items()
            for search in searches
        ],
    ]
    return "\n".join(lines) + "\n"


def budgets_text(scale: Scale) -> str:
    """The budgets on every page of the largest generated site: the heaviest of each, and how many over."""
    if not scale.budgets:
        return ""
    size, found = max(scale.budgets.items())
    lines = [
        f"### Page-weight budgets with {size} partnerships",
        "",
        f"Every page of the site with {size} generated partnerships measured as tests/test_budgets.py "
        "measures the repository's site (navigator.sitebuild.weights): the heaviest of each kind.",
        "",
        "| Budget | Heaviest | Size | Limit | Pages over |",
        "|---|---|---|---|---|",
    ]
    for budget in weights.BUDGETS:
        measured = [check for check in found if check.budget == budget]
        if not measured:
            continue
        worst = max(measured, key=lambda check: check.measured)
        over = [check for check in measured if not check.ok]
        lines.append(
            f"| {budget.name} | `{worst.measured_on}` | {weights.size_text(worst.measured)} | "
            f"{weights.size_text(budget.limit)} | {len(over)} of {len(measured)} |"
        )
    return "\n".join(lines) + "\n"
