"""Offline after the first visit: the service worker keeps the site, and a new version is never shown stale.

Each test serves its own copy of the built site on its own port (its own origin, so its own service
worker), and stops that server to go offline.
"""

from __future__ import annotations

import functools
import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from navigator.sitebuild import offline
from tests.browser.conftest import PRIMED, SAVE_DATA, Served, _QuietHandler, poll

READY = "#navigator[data-state='ready']"
# Installed before any page script: the service worker's replies to the page's "cache-navigator" message.
RECORD_WORKER_REPLIES = """
window.__workerReplies = [];
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.addEventListener("message", (event) => window.__workerReplies.push(event.data));
}
"""
NAVIGATOR_KEPT = "() => window.__workerReplies.some((reply) => reply.type === 'navigator-cached')"
# True once the one handbook cache is this version's and holds every one of the navigator's files.
KEPT_FOR_OFFLINE = """async ({version, urls}) => {
  const names = (await caches.keys()).filter((name) => name.startsWith("handbook-"));
  if (names.length !== 1 || names[0] !== `handbook-${version}`) return false;
  const cache = await caches.open(names[0]);
  const found = await Promise.all(urls.map((url) => cache.match(url)));
  return found.every(Boolean);
}"""


class _Recording(_QuietHandler):
    """Notes the path of every request the site's server answers in `asked` (`Server.asked`)."""

    def __init__(self, *args: Any, asked: list[str], **kwargs: Any) -> None:
        self.asked = asked  # before the base class, which answers the request as it is made
        super().__init__(*args, **kwargs)

    def send_head(self) -> Any:
        self.asked.append(self.path)
        return super().send_head()


@dataclass
class Server:
    """One copy of the site on a free loopback port, which a test can stop to go offline; `asked` lists
    the paths the server was asked for."""

    folder: Path
    server: ThreadingHTTPServer
    asked: list[str]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def served(built_site: Path, tmp_path: Path) -> Iterator[Server]:
    """A copy of the built site served for this test only (files are read per request: swap them freely)."""
    folder = tmp_path / "served"
    shutil.copytree(built_site, folder)
    asked: list[str] = []
    handler = functools.partial(_Recording, directory=str(folder), asked=asked)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    running = Server(folder, server, asked)
    yield running
    if running.server.socket.fileno() != -1:
        running.stop()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context()
    context.add_init_script(RECORD_WORKER_REPLIES)
    yield context
    context.close()


def manifest(site: Path) -> dict[str, Any]:
    data = offline.read_manifest(site)
    assert data, "sw.js has no manifest"
    return data


def open_navigator(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(READY, timeout=60_000)


def reload_navigator(page: Page) -> None:
    page.reload()
    page.wait_for_selector(READY, timeout=60_000)


def wait_until_kept(page: Page, version: str) -> None:
    """The service worker has answered the page's request to keep the navigator for this version."""
    page.wait_for_function(
        "version => window.__workerReplies.some((reply) => reply.version === version "
        "&& reply.type.startsWith('navigator-'))",
        arg=version,
        timeout=60_000,
    )
    assert [reply for reply in kept_replies(page) if reply["version"] == version]


def kept_replies(page: Page) -> list[dict[str, Any]]:
    """The service worker's "navigator-cached" replies so far (each names the files it stored then)."""
    replies = page.evaluate("window.__workerReplies")
    return [reply for reply in replies if reply["type"] == "navigator-cached"]


def wait_until_cached(page: Page, site: Served) -> None:
    """Only this version's cache is left, and it holds every one of the navigator's files."""
    data = manifest(site.folder)
    own = [*data["navigator_data"]["derby-derbyshire"], *data["partnerships"]["derby-derbyshire"]]
    urls = [f"{site.url}/{path}" for path in [*data["navigator"], *own]]
    poll(page, KEPT_FOR_OFFLINE, {"version": data["version"], "urls": urls})


def tick(page: Page, selector: str) -> None:
    """Tick a box and wait until the result for it is on screen."""
    page.wait_for_selector("#navigator[data-shown]")
    before = page.get_attribute("#navigator", "data-shown")
    page.check(selector)
    page.wait_for_function(
        "before => document.getElementById('navigator').dataset.shown !== before", arg=before
    )


def assess_self_harm_in_derby(page: Page) -> str:
    """Tick one indicator for Derby City; the suggested level on screen."""
    tick(page, "input[name='area'][value='derby-city']")
    tick(page, "input[value='l3-health-self-harming-behaviours']")
    return page.locator("#nav-level").inner_text()


def shown_version(page: Page) -> str:
    page.wait_for_selector("#navigator[data-shown] .nav-version")
    found = re.search(r", version (\S+) \(", page.locator(".nav-version").inner_text())
    assert found, page.locator(".nav-version").inner_text()
    return found.group(1)


def test_offline_reload_with_the_server_stopped_still_assesses(
    context: BrowserContext, served: Server
) -> None:
    page = context.new_page()
    open_navigator(page, f"{served.url}/derby-derbyshire/navigator/")
    wait_until_kept(page, manifest(served.folder)["version"])
    served.stop()

    reload_navigator(page)
    # The service worker keeps the snapshot as it came (no gzip inside, navigator/web/snapshot_form.py).
    assert page.get_attribute("#navigator", "data-started") == "snapshot"
    assert page.get_attribute("#navigator", "data-snapshot") == "downloaded"
    assert assess_self_harm_in_derby(page) == "Suggested: Level 2 – Emerging Needs"
    assert shown_version(page) == "1"
    page.goto(f"{served.url}/derby-derbyshire/")
    assert page.locator("main h1").inner_text() == "Derby City and Derbyshire Threshold Document"
    page.goto(f"{served.url}/derby-derbyshire/level-3/")  # never visited: kept with its navigator
    assert page.locator("main h1").inner_text() == "Level 3 – Intensive"
    page.goto(f"{served.url}/no-such-page/")  # nothing kept under that address: the kept 404 page
    assert page.locator("main h1").inner_text() == "404 - Not found"


def test_a_new_thresholds_version_is_used_at_once_and_kept_offline(
    context: BrowserContext, served: Server, next_version_site: Path
) -> None:
    page = context.new_page()
    open_navigator(page, f"{served.url}/derby-derbyshire/navigator/")
    wait_until_kept(page, manifest(served.folder)["version"])
    assert shown_version(page) == "1"

    shutil.rmtree(served.folder)  # the next build is published
    shutil.copytree(next_version_site, served.folder)
    reload_navigator(page)
    assert shown_version(page) == "2"
    assert "(version 2)" in page.locator("#nav-status").inner_text()
    assert page.locator(".nav-error").count() == 0  # page and data agree

    wait_until_cached(page, served)
    served.stop()
    reload_navigator(page)
    assert shown_version(page) == "2"
    assert "(version 2)" in page.locator("#nav-status").inner_text()
    assert page.locator(".nav-error").count() == 0
    assert assess_self_harm_in_derby(page).startswith("Suggested: Level")


PYODIDE_MODULE = """() => {
  const runtime = JSON.parse(document.querySelector("script[data-runtime]").dataset.runtime);
  return new URL(`${runtime.pyodide}pyodide.asm.mjs`, new URL("../../assets/navigator/", location.href)).href;
}"""


def test_once_pyodide_is_first_kept_a_spare_worker_compiles_it_and_later_visits_start_from_the_copy(
    context: BrowserContext, served: Server
) -> None:
    # Each answer for Pyodide's module: whether the site's service worker gave it (its kept copy).
    from_service_worker: list[bool] = []
    context.on(
        "response",
        lambda response: (
            response.url.endswith("/pyodide.asm.mjs")
            and from_service_worker.append(response.from_service_worker)
        ),
    )
    page = context.new_page()
    open_navigator(page, f"{served.url}/derby-derbyshire/navigator/")
    module = page.evaluate(PYODIDE_MODULE)
    wait_until_kept(page, manifest(served.folder)["version"])
    assert module in kept_replies(page)[0]["stored"]  # new to the service worker's cache: the page primes it
    page.wait_for_function(PRIMED, timeout=60_000)
    assert page.get_attribute("#navigator", "data-primed") == "primed"
    # The navigator's own worker, before the service worker was there, and the service worker's download
    # came from the site; the spare worker's import, last, from the service worker's copy.
    assert from_service_worker.count(True) == 1
    assert from_service_worker[-1] is True

    from_service_worker.clear()
    page.evaluate("window.__workerReplies.length = 0")
    served.asked.clear()
    reload_navigator(page)  # the next visit: nothing new kept, so no spare worker
    wait_until_kept(page, manifest(served.folder)["version"])
    assert module not in kept_replies(page)[0]["stored"]
    assert page.get_attribute("#navigator", "data-primed") is None
    assert from_service_worker == [True]  # the navigator's own worker only, from the kept copy
    assert assess_self_harm_in_derby(page) == "Suggested: Level 2 – Emerging Needs"
    # The page itself is asked of the server first (never older than the server's), but the navigator's
    # scripts and runtime carry a digest or version in their names: the kept copy alone serves them.
    assert "/derby-derbyshire/navigator/" in served.asked
    assert [
        path for path in served.asked if path.startswith(("/assets/navigator/", "/assets/pyodide/"))
    ] == []


KEPT_PATHS = """async () => {
  const cache = await caches.open((await caches.keys()).find((name) => name.startsWith("handbook-")));
  return (await cache.keys()).map((request) => new URL(request.url).pathname);
}"""


def test_a_partnerships_pages_are_kept_once_one_is_open_and_no_other_partnerships(
    context: BrowserContext, served: Server
) -> None:
    context.add_init_script(SAVE_DATA)  # no navigator fetched ahead while the page is read (ADR 008)
    page = context.new_page()
    page.goto(f"{served.url}/york/")
    data = manifest(served.folder)
    urls = [f"{served.url}/{path}" for path in data["partnerships"]["york"]]
    poll(page, KEPT_FOR_OFFLINE, {"version": data["version"], "urls": urls})
    kept = page.evaluate(KEPT_PATHS)
    assert "/york/processes/" in kept
    assert not [path for path in kept if path.startswith(("/derby-derbyshire/", "/stoke-staffordshire/"))]
    assert not [path for path in kept if path.startswith("/assets/pyodide/")]  # no navigator opened
    served.stop()

    page.goto(f"{served.url}/york/processes/")  # never visited
    assert page.locator("main h1").inner_text() == "Front-door processes"
    page.goto(f"{served.url}/privacy/")  # a page of no partnership: kept when the worker installed
    assert page.locator("main h1").inner_text() == "Privacy"
    page.goto(f"{served.url}/stoke-staffordshire/")  # another partnership, never opened: not kept
    assert page.locator("main h1").inner_text() == "404 - Not found"
