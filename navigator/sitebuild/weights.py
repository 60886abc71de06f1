"""Page weights: what each built page costs to download, gzip-compressed, against the budgets (issue 8).

Sizes are transfer sizes: each file gzip-compressed on its own at level 6, as a server that compresses per
request sends it (nginx sends the build's brotli copies, smaller still: compress.py; the network part of
`make bench` measures what moves). What a page downloads comes from
navigator.sitebuild.downloads. The budgets, in decimal units (1 KB = 1,000 bytes):

- a handbook page with its assets (stylesheets, scripts, images, the search worker; the search index is
  downloaded only once the reader turns to search, so it is measured apart, see `search_indexes`);
- a handbook page with diagrams, mermaid's modules for its diagrams included;
- a navigator page without the runtime (its HTML, the theme, navigator.js, worker.js, the search worker,
  the partnership's data); the runtime is Pyodide's files, the snapshot, the standard library and the decision
  package (see navigator.sitebuild.downloads);
- a cold navigator visit: everything the page, its runtime and the service worker download;
- each partnership's navigator data.

`checks` measures every page and every partnership, not one sample; `transfer_section` writes the table for
docs/performance.md.
"""

from __future__ import annotations

import functools
import gzip
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from navigator.sitebuild.downloads import Downloads, cold_visit, downloads, page_file, partnership
from navigator.sitebuild.offline import read_manifest as manifest

__all__ = [
    "BUDGETS",
    "Budget",
    "Check",
    "checks",
    "cold_visit",
    "downloads",
    "gzip_size",
    "heaviest",
    "page_file",
    "transfer_section",
]

KB = 1000
MB = 1000 * KB
GZIP_LEVEL = 6
TYPICAL_PAGE = "derby-derbyshire/level-2/index.html"


@dataclass(frozen=True)
class Budget:
    """A limit on a transfer size (gzip bytes) and what it applies to."""

    name: str
    limit: int


HANDBOOK_PAGE = Budget("handbook page with its assets", 300 * KB)
DIAGRAM_PAGE = Budget("handbook page with diagrams, mermaid included", 1200 * KB)
NAVIGATOR_PAGE = Budget("navigator page without the runtime", 150 * KB)
COLD_NAVIGATOR = Budget("cold navigator visit, runtime and service worker included", 10 * MB)
NAVIGATOR_DATA = Budget("a partnership's navigator data", 100 * KB)
BUDGETS = (HANDBOOK_PAGE, DIAGRAM_PAGE, NAVIGATOR_PAGE, COLD_NAVIGATOR, NAVIGATOR_DATA)


@dataclass(frozen=True)
class Check:
    """One measure against its budget: where it was taken (a page or a partnership), its files, the figure."""

    budget: Budget
    measured_on: str
    measured: int
    files: tuple[str, ...] = field(default=(), repr=False)

    @property
    def ok(self) -> bool:
        return self.measured <= self.budget.limit

    def __str__(self) -> str:
        verdict = "within" if self.ok else "OVER"
        return (
            f"{self.measured_on}: {self.budget.name} is {size_text(self.measured)} "
            f"({self.measured:,} bytes), {verdict} the budget of {size_text(self.budget.limit)}"
        )


@functools.lru_cache(maxsize=4096)
def _gzip_size(path: Path, modified: int, length: int) -> int:
    del modified, length  # part of the cache key only: a rebuilt file is measured again
    return len(gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0))


def _file_size(site: Path, path: str) -> int:
    file = site / path
    status = file.stat()
    return _gzip_size(file.resolve(), status.st_mtime_ns, status.st_size)


def gzip_size(site: Path, paths: Iterable[str]) -> int:
    """Bytes sent for these site files, each gzip-compressed on its own, each counted once."""
    return sum(_file_size(site, path) for path in dict.fromkeys(paths))


def heaviest(site: Path, paths: Iterable[str], count: int = 5) -> list[tuple[str, int]]:
    """The files that weigh most (gzip bytes), heaviest first: what to look at when a page is over budget."""
    sizes = [(path, _file_size(site, path)) for path in dict.fromkeys(paths)]
    return sorted(sizes, key=lambda item: -item[1])[:count]


def size_text(size: int) -> str:
    return f"{size / MB:.2f} MB" if size >= MB else f"{size / KB:.0f} KB"


def _measure(budget: Budget, measured_on: str, site: Path, files: Iterable[str]) -> Check:
    files = tuple(dict.fromkeys(files))
    return Check(budget, measured_on, gzip_size(site, files), files)


def _data(site: Path, navigators: dict[str, Downloads]) -> dict[str, list[str]]:
    """Each partnership's navigator data: the files its navigator page names, and the manifest's own list."""
    listed = manifest(site).get("navigator_data", {})
    data = {pid: [page_file(path) for path in files] for pid, files in listed.items()}
    for page, own in navigators.items():
        data.setdefault(partnership(page), []).extend(own.data)
    return {pid: files for pid, files in data.items() if files}


def _checks(site: Path) -> tuple[list[Check], list[Check]]:
    """The budget checks, and each navigator page's runtime measured (it has no budget of its own)."""
    found: list[Check] = []
    runtimes: list[Check] = []
    navigators: dict[str, Downloads] = {}
    for page in sorted(file.relative_to(site).as_posix() for file in site.rglob("*.html")):
        own = downloads(site, page)
        if own.runtime:
            navigators[page] = own
            found.append(_measure(NAVIGATOR_PAGE, page, site, own.page))
            found.append(_measure(COLD_NAVIGATOR, page, site, cold_visit(site, page)))
            runtimes.append(_measure(COLD_NAVIGATOR, page, site, own.runtime))
        else:
            budget = DIAGRAM_PAGE if own.diagrams else HANDBOOK_PAGE
            found.append(_measure(budget, page, site, own.page))
    for pid, files in sorted(_data(site, navigators).items()):
        found.append(_measure(NAVIGATOR_DATA, pid, site, files))
    return found, runtimes


def search_indexes(site: Path) -> list[tuple[str, int]]:
    """Each search index (site path, gzip bytes), largest first: what a page fetches once search is used."""
    indexes = [file.relative_to(site).as_posix() for file in (site / "search").glob("*.json")]
    return sorted(((path, gzip_size(site, [path])) for path in indexes), key=lambda item: -item[1])


def checks(site: Path) -> list[Check]:
    """Every budget check of the built site: every page against its budget, every partnership's data."""
    return _checks(site)[0]


def _largest(found: list[Check], budget: Budget | None = None) -> Check | None:
    measured = [check for check in found if budget is None or check.budget == budget]
    return max(measured, key=lambda check: check.measured, default=None)


def transfer_section(site: Path) -> str:
    """The "Transfer sizes (gzip)" section of docs/performance.md: the figures that matter, and budgets."""
    found, runtimes = _checks(site)
    handbook = sorted((c for c in found if c.budget == HANDBOOK_PAGE), key=lambda check: check.measured)
    typical = next((c for c in handbook if c.measured_on == TYPICAL_PAGE), None)
    typical = typical or (handbook[len(handbook) // 2] if handbook else None)  # else the median page
    rows = [
        ("A typical handbook page, with its assets", typical, None),
        ("The largest handbook page, with its assets", _largest(found, HANDBOOK_PAGE), None),
        ("The largest page with diagrams, mermaid included", _largest(found, DIAGRAM_PAGE), None),
        ("A navigator page without the runtime", _largest(found, NAVIGATOR_PAGE), None),
        (
            "The navigator's runtime: Pyodide, snapshot, standard library, decision package",
            _largest(runtimes),
            "part of the cold visit",
        ),
        (
            "A cold navigator visit: the page, the runtime, the service worker's copies",
            _largest(found, COLD_NAVIGATOR),
            None,
        ),
        ("The largest partnership's navigator data", _largest(found, NAVIGATOR_DATA), None),
    ]
    lines = [
        "## Transfer sizes (gzip)",
        "",
        "Each file gzip-compressed on its own (level 6), as a server sends it, and counted once per visit; "
        "1 KB = 1,000 bytes. Worked out from the built site by navigator.sitebuild.weights; "
        "tests/test_budgets.py checks every page against its budget, and the largest of each kind is shown.",
        "",
        "| Download | Measured on | Size | Budget |",
        "|---|---|---|---|",
    ]
    for label, check, note in rows:
        if check is not None:
            budget = note or f"≤ {size_text(check.budget.limit)}{'' if check.ok else ', over'}"
            lines.append(f"| {label} | `{check.measured_on}` | {size_text(check.measured)} | {budget} |")
    indexes = search_indexes(site)
    if indexes:
        path, size = indexes[0]
        label = "The largest search index (fetched once the reader turns to search; kept offline)"
        lines.append(f"| {label} | `{path}` | {size_text(size)} | no budget of its own |")
    return "\n".join(lines) + "\n"
