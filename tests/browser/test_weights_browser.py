"""The page-weight accounting misses nothing: every file a cold visit asks this site for was counted.

Each test opens one page in a fresh browser context (empty caches, no service worker), waits until the page
and the site's service worker have finished (the diagrams drawn, the navigator started and kept for
offline use), and compares every request the page, its workers and its service worker made with what
navigator.sitebuild.weights worked out from the built files. The computed lists may hold more (a favicon a
browser does not ask for), never less.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Request

from navigator.sitebuild import weights
from tests.browser.conftest import SAVE_DATA, WORKER_SETTLED, poll, wait_until_navigator_kept

PARTNERSHIP = "derby-derbyshire"
TYPICAL_PAGE = f"{PARTNERSHIP}/level-2/"
NAVIGATOR_PAGE = f"{PARTNERSHIP}/navigator/"
TIMEOUT_MS = 120_000
QUIET_SECONDS = 1.5  # no request in flight for this long: the visit has finished downloading
# A request that downloads nothing: the service worker asks the browser's HTTP cache only ("only-if-cached")
# for the runtime's fallback files, and the cache does not have them.
NOT_A_DOWNLOAD = "net::ERR_CACHE_MISS"


@dataclass
class Visit:
    """What one cold visit asked the site for: by the page (and its workers) or by the service worker."""

    origin: str
    requests: list[Request] = field(default_factory=list)
    pending: set[Request] = field(default_factory=set)
    last_change: float = field(default_factory=time.monotonic)

    def started(self, request: Request) -> None:
        self.requests.append(request)
        self.pending.add(request)
        self.last_change = time.monotonic()

    def ended(self, request: Request) -> None:
        self.pending.discard(request)
        self.last_change = time.monotonic()

    def wait_until_quiet(self, page: Page) -> None:
        deadline = time.monotonic() + TIMEOUT_MS / 1000
        while self.pending or time.monotonic() - self.last_change < QUIET_SECONDS:
            assert time.monotonic() < deadline, f"still downloading: {[r.url for r in self.pending]}"
            page.wait_for_timeout(100)

    def paths(self, *, service_worker: bool | None = None) -> set[str]:
        """Site paths downloaded (by the service worker only, by the page only, or by either)."""
        found = set()
        for request in self.requests:
            if request.failure == NOT_A_DOWNLOAD or not request.url.startswith(self.origin):
                continue
            if service_worker is None or (request.service_worker is not None) == service_worker:
                found.add(weights.page_file(urlsplit(request.url).path.removeprefix("/")))
        return found


@contextmanager
def cold_visit(
    browser: Browser, site_url: str, page_path: str, ready: Callable[[Page], None]
) -> Iterator[Visit]:
    """Open the page in a fresh context, wait for `ready`, the service worker and quiet, and record it all."""
    context = browser.new_context()
    context.add_init_script(SAVE_DATA)  # what the page itself downloads, not the navigator fetched ahead
    visit = Visit(origin=f"{site_url}/")
    context.on("request", visit.started)
    context.on("requestfinished", visit.ended)
    context.on("requestfailed", visit.ended)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/{page_path}", wait_until="load")
        ready(page)
        poll(page, WORKER_SETTLED, timeout_ms=TIMEOUT_MS)
        visit.wait_until_quiet(page)
        yield visit
    finally:
        context.close()


def _check_counted(built_site: Path, page_path: str, visit: Visit) -> None:
    own = weights.downloads(built_site, page_path)
    cold = weights.cold_visit(built_site, page_path)
    assert visit.paths(service_worker=True), "no service worker request was seen: the recording is broken"
    missed_by_page = sorted(visit.paths(service_worker=False) - set(own.files))
    assert not missed_by_page, (
        f"{page_path} downloaded files weights.downloads did not count: {missed_by_page}"
    )
    missed = sorted(visit.paths() - set(cold))
    assert not missed, (
        f"a cold visit to {page_path} downloaded files weights.cold_visit did not count: {missed}"
    )


def test_a_handbook_page_downloads_only_what_was_counted(
    browser: Browser, site_url: str, built_site: Path
) -> None:
    with cold_visit(browser, site_url, TYPICAL_PAGE, lambda page: None) as visit:
        _check_counted(built_site, TYPICAL_PAGE, visit)


def _diagram_page(site: Path) -> str:
    pages = sorted(p for p in site.rglob("*.html") if 'class="diagram"' in p.read_text(encoding="utf-8"))
    if not pages:
        pytest.fail("no page of the built site has a diagram")
    return pages[0].relative_to(site).as_posix()


def test_a_diagram_page_downloads_the_mermaid_chunks_counted(
    browser: Browser, site_url: str, built_site: Path
) -> None:
    page_path = _diagram_page(built_site)

    def drawn(page: Page) -> None:
        page.wait_for_function("() => !document.querySelector('pre.diagram')", timeout=TIMEOUT_MS)
        assert page.locator(".diagram-drawn").count() > 0, "no diagram was drawn"

    with cold_visit(browser, site_url, page_path, drawn) as visit:
        _check_counted(built_site, page_path, visit)
        # The mapping from diagram types to mermaid's chunks is exact, not every chunk counted to be safe.
        counted = {path for path in weights.downloads(built_site, page_path).page if "/mermaid/" in path}
        assert counted == {path for path in visit.paths(service_worker=False) if "/mermaid/" in path}


def test_a_cold_navigator_visit_downloads_only_what_was_counted(
    browser: Browser, site_url: str, built_site: Path
) -> None:
    def started_and_kept(page: Page) -> None:
        page.wait_for_selector("#navigator[data-shown]", timeout=TIMEOUT_MS)
        assert page.get_attribute("#navigator", "data-state") == "ready"
        wait_until_navigator_kept(page, PARTNERSHIP, TIMEOUT_MS)

    with cold_visit(browser, site_url, NAVIGATOR_PAGE, started_and_kept) as visit:
        _check_counted(built_site, NAVIGATOR_PAGE, visit)
        runtime = set(weights.downloads(built_site, NAVIGATOR_PAGE).runtime)
        assert runtime <= visit.paths(service_worker=False), "a file counted as the runtime was never fetched"
