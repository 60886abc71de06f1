"""Browser fixtures: the built site served on 127.0.0.1 and Debian's chromium driven by playwright.

Never `playwright install`: we launch /usr/bin/chromium (installed by `make test`) with a fresh profile.
"""

from __future__ import annotations

import functools
import shutil
import threading
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Protocol

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.conftest import THRESHOLDS, mkdocs_build

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def poll(
    page: Page, predicate: str, arg: object = None, timeout_ms: int = 60_000, every_ms: int = 250
) -> None:
    """Wait until an async predicate (a JS function returning a promise) resolves to something truthy.

    page.wait_for_function does not wait for a promise: it takes the promise itself as a true answer.
    """
    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate(predicate, arg):
        if time.monotonic() > deadline:
            raise TimeoutError(f"still false after {timeout_ms} ms: {predicate[:80]}")
        page.wait_for_timeout(every_ms)


# The site's service worker is active and nothing waits to replace it.
WORKER_SETTLED = """async () => {
  const registration = await navigator.serviceWorker.getRegistration();
  return Boolean(registration?.active && !registration.installing && !registration.waiting);
}"""
# ... and has kept this partnership's navigator: it marks a cache that holds one (sw.js `mark`).
NAVIGATOR_KEPT = """async (partnership) => {
  const registration = await navigator.serviceWorker.getRegistration();
  if (!registration?.active || registration.installing || registration.waiting) return false;
  const mark = `sw.js?kept=navigator&partnership=${encodeURIComponent(partnership)}`;
  return Boolean(await caches.match(new URL(mark, registration.scope).href));
}"""


# The navigator page has primed the browser's code cache from the service worker's copy, or said why not
# (navigator.js `primeCodeCache`, the page's data-primed).
PRIMED = """() => ["primed", "failed", "gave up", "not controlled"]
  .includes(document.getElementById("navigator").dataset.primed)"""


def wait_until_navigator_kept(page: Page, partnership: str, timeout_ms: int = 120_000) -> None:
    """Wait until the site's service worker is settled and has kept the partnership's navigator."""
    poll(page, NAVIGATOR_KEPT, partnership, timeout_ms)


# Save-Data as a page sees it (navigator.connection): the page then never asks the service worker to fetch
# the navigator's files ahead (docs/javascripts/handbook.js, ADR 008), for tests that count what a visit
# downloads or keeps.
SAVE_DATA = (
    'Object.defineProperty(Navigator.prototype, "connection", {configurable: true, get: () => '
    '({saveData: true, effectiveType: "4g", addEventListener() {}, removeEventListener() {}})});'
)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Keep test output clean."""


def _serve(folder: Path) -> Iterator[str]:
    """A built site served over HTTP on a free loopback port, for as long as the generator is open."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built handbook served over HTTP on a free loopback port."""
    yield from _serve(built_site)


@pytest.fixture(scope="session")
def shapes_url(shapes_site: Path) -> Iterator[str]:
    """The handbook built with the three-level and five-level test fixtures, served the same way."""
    yield from _serve(shapes_site)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian chromium, headless; playwright's launch gives it a fresh temporary user-data dir every time."""
    assert CHROMIUM.exists(), "Debian chromium is missing: `make test` installs it (apt-get install chromium)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


class Served(Protocol):
    """A copy of the built site a test serves on its own origin (its own service worker) and can stop."""

    @property
    def folder(self) -> Path: ...

    @property
    def url(self) -> str: ...

    def stop(self) -> None: ...


@pytest.fixture(scope="session")
def next_version_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as the next build would make it: Derby and Derbyshire's thresholds now version 2 (with
    the compressed copies, as nginx serves it too)."""
    thresholds = tmp_path_factory.mktemp("thresholds") / "thresholds"
    shutil.copytree(THRESHOLDS, thresholds)
    partnership = thresholds / "derby-derbyshire" / "partnership.yaml"
    text = partnership.read_text(encoding="utf-8")
    assert '\n  version: "1"\n' in text
    partnership.write_text(text.replace('\n  version: "1"\n', '\n  version: "2"\n'), encoding="utf-8")
    site = tmp_path_factory.mktemp("next") / "site"
    mkdocs_build(site, {"THRESHOLDS_DIR": str(thresholds)}, compress=True)
    return site
