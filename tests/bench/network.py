"""The navigator's start across a real link, beside a bare Pyodide start over the same link (issue 23).

On 127.0.0.1 with nothing compressed (tests/bench/navigator.py) the runtime's 20 MB cost nothing to fetch.
Here the built site is served by tests/bench/throttle.py, which behaves as a static host across a link
(shared bandwidth, a round trip per response and per new connection, compressed files, caching headers),
at each of LINKS, and headless chromium visits it the way navigator.py does (its quiet tabs, its bare
Pyodide page and the navigator's `navigator-first-result` mark; imported, not copied). Each run, for each
link:

- bare Pyodide (`loadPyodide()` + `1+1`) on a fresh context (empty caches), then again in the same context
  (warm: the browser's HTTP cache); the bytes the cold start moved;
- the navigator on a fresh context (empty caches, no service worker) to its first suggestion, the bytes by
  then, and the bytes of the whole visit once the service worker has kept the navigator's files and the
  page has primed the code cache (what the cold-visit budget counts); then the next visit (warm).

127.0.0.1 here is the same server not throttled: the same host behaviour, so a link's warm visit can be
compared with it. The section is tests/bench/network_report.py's.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from tests.bench.host import HEADERS_FILE, SIBLINGS, StaticHost
from tests.bench.navigator import Figures, Tabs, bench_site, kept_for_offline, visit_bare, visit_navigator
from tests.bench.throttle import Link, serve
from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS

RUNS = 3  # BENCH_RUNS for this part; each run visits every link, the slow one for about two minutes
IDLE_S = 1.0  # the link this long without a response: the visit's downloads are over


@dataclass(frozen=True)
class LinkSettings:
    """A link to measure over: its name in the report, its bandwidth (None: not throttled), round trip."""

    name: str
    bits_per_second: float | None
    round_trip_ms: float

    def link(self) -> Link:
        return Link(self.bits_per_second, self.round_trip_ms / 1000)

    def measure(self, what: str) -> str:
        """The key of one of this link's measures in the figures."""
        return f"{self.name}: {what}"


LOOPBACK = LinkSettings("127.0.0.1, not throttled", None, 0)
TARGET_LINK = LinkSettings("10 Mbps, 60 ms", 10_000_000, 60)
SLOW_LINK = LinkSettings("1.6 Mbps, 150 ms", 1_600_000, 150)
LINKS = (LOOPBACK, TARGET_LINK, SLOW_LINK)

BARE_COLD = "bare cold"
BARE_WARM = "bare warm"
BARE_BYTES = "bare cold, bytes"
COLD = "first suggestion cold"
WARM = "first suggestion warm"
BYTES_FIRST = "navigator cold, bytes to the first suggestion"
BYTES_VISIT = "navigator cold, bytes of the visit"


@dataclass
class NetworkFigures(Figures):
    """Per link, milliseconds and bytes, one value per run; what the host did; and, per link, the bytes of
    the last cold navigator visit by file (what to shrink first)."""

    links: list[LinkSettings] = field(default_factory=list)
    host: str = ""
    files: dict[str, dict[str, int]] = field(default_factory=dict)


def measure_network(site: Path, runs: int, links: Sequence[LinkSettings] = LINKS) -> NetworkFigures:
    """Every figure, `runs` times at each link, on a copy of the built site with the bare Pyodide page."""
    figures = NetworkFigures(runs=runs, links=list(links))
    with bench_site(site) as folder, ExitStack() as servers:
        host = StaticHost(folder)
        host.warm()
        figures.host = describe(folder)
        served = []
        for settings in links:
            link = settings.link()
            served.append((settings, link, servers.enter_context(serve(host, link))))
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
            figures.chromium = browser.version
            tabs = Tabs(browser)
            for _ in range(runs):
                for settings, link, url in served:
                    _bare(browser, tabs, settings, link, url, figures)
                    _navigator(browser, tabs, settings, link, url, figures)
            figures.add("quiet after", *tabs.waits)
            browser.close()
    return figures


def describe(folder: Path) -> str:
    """What the host had to work with: precompressed siblings, and Cache-Control rules or none."""
    siblings = {suffix: len(list(folder.rglob(f"*{suffix}"))) for _, suffix in SIBLINGS}
    found = ", ".join(f"{count} `{suffix}`" for suffix, count in siblings.items())
    rules = (
        f"Cache-Control from the site's `{HEADERS_FILE}`"
        if (folder / HEADERS_FILE).is_file()
        else f"no `{HEADERS_FILE}` in the site, so `no-cache` on every file (revalidated by ETag)"
    )
    return f"precompressed siblings: {found}; {rules}"


def _bare(
    browser: Browser, tabs: Tabs, settings: LinkSettings, link: Link, url: str, figures: Figures
) -> None:
    context = browser.new_context()
    link.wait_until_idle(IDLE_S)
    link.reset()
    figures.add(settings.measure(BARE_COLD), visit_bare(tabs, context, url))
    link.wait_until_idle(IDLE_S)
    figures.add(settings.measure(BARE_BYTES), link.reset())
    figures.add(settings.measure(BARE_WARM), visit_bare(tabs, context, url))
    context.close()


def _navigator(
    browser: Browser, tabs: Tabs, settings: LinkSettings, link: Link, url: str, figures: NetworkFigures
) -> None:
    context = browser.new_context()
    link.wait_until_idle(IDLE_S)
    link.reset()
    page, cold = visit_navigator(tabs, context, url)
    figures.add(settings.measure(COLD), cold)
    figures.add(settings.measure(BYTES_FIRST), link.sent)
    kept_for_offline(page)
    link.wait_until_idle(IDLE_S)
    figures.files[settings.name] = link.files()
    figures.add(settings.measure(BYTES_VISIT), link.reset())
    page.close()
    page, warm = visit_navigator(tabs, context, url)
    figures.add(settings.measure(WARM), warm)
    page.close()
    context.close()
