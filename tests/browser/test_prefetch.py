"""The navigator's files are fetched while a partnership's pages are read, and never where it would cost.

handbook.js asks the service worker once a partnership's page has loaded, is controlled and is idle, and
only on a fast connection that is neither metered nor saving data; the service worker
(javascripts/sw-prefetch.js) fetches the manifest's `navigator` list and the partnership's data one file
at a time, and stops when the reader leaves or the network fails. The page's data-prefetch says what
happened. The site is the session's build, served on 127.0.0.1; the tests that need a slow or failing
network serve it with their own server.
"""

from __future__ import annotations

import functools
import json
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Request, Response

from navigator.sitebuild import offline
from tests.browser.conftest import WORKER_SETTLED, _QuietHandler, poll

PARTNERSHIP = "derby-derbyshire"
READING = f"{PARTNERSHIP}/level-2/"
PREFETCH_DELAY_MS = 5000  # handbook.js PREFETCH_DELAY_MS
# The page's decision, once made (handbook.js `notePrefetch`): anything but waiting or asked.
DECIDED = """() => {
  const state = document.documentElement.dataset.prefetch;
  return Boolean(state) && !["waiting", "asked"].includes(state);
}"""
# Which of these addresses the site's cache holds.
CACHED = """async (urls) => {
  const name = (await caches.keys()).find((key) => key.startsWith("handbook-"));
  if (!name) return [];
  const cache = await caches.open(name);
  const found = [];
  for (const url of urls) if (await cache.match(url)) found.push(url);
  return found;
}"""


def runtime_paths(site: Path, partnership: str = PARTNERSHIP) -> list[str]:
    """What a prefetch fetches, in its order: the navigator's shared files, then the partnership's data."""
    manifest = offline.read_manifest(site)
    return [*manifest["navigator"], *manifest["navigator_data"][partnership]]


def state(page: Page) -> str | None:
    value = page.evaluate("document.documentElement.dataset.prefetch")
    return value if isinstance(value, str) else None


def decided(page: Page, timeout_ms: int = 60_000) -> str | None:
    page.wait_for_function(DECIDED, timeout=timeout_ms)
    return state(page)


def cached(page: Page, origin: str, paths: list[str]) -> list[str]:
    found = page.evaluate(CACHED, [f"{origin}/{path}" for path in paths])
    return [url.removeprefix(f"{origin}/") for url in found]


@dataclass
class Seen:
    """Every request of a browser context in order: (event, site path, asked by the service worker)."""

    origin: str
    events: list[tuple[str, str, bool]] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)
    elsewhere: list[str] = field(default_factory=list)

    def note(self, event: str, request: Request) -> None:
        if not request.url.startswith(f"{self.origin}/"):
            self.elsewhere.append(request.url)
            return
        path = request.url.removeprefix(f"{self.origin}/").split("?")[0]
        self.events.append((event, path, request.service_worker is not None))

    def watch(self, context: BrowserContext) -> None:
        context.on("request", lambda request: self.note("start", request))
        context.on("requestfinished", lambda request: self.note("end", request))
        context.on("requestfailed", lambda request: self.note("failed", request))
        context.on("response", self.answered)

    def answered(self, response: Response) -> None:  # a method: playwright will not take a builtin's
        self.responses.append(response)

    def asked(self, paths: list[str]) -> list[str]:
        return [path for event, path, _ in self.events if event == "start" and path in paths]


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context()
    yield context
    context.close()


def test_reading_a_partnership_page_fetches_its_navigator_and_its_first_visit_starts_from_that_copy(
    context: BrowserContext, site_url: str, built_site: Path
) -> None:
    paths = runtime_paths(built_site)
    seen = Seen(site_url)
    seen.watch(context)
    page = context.new_page()
    page.goto(f"{site_url}/{READING}")
    assert decided(page) == "done"
    assert cached(page, site_url, paths) == paths
    other = runtime_paths(built_site, "york")[-1]
    assert cached(page, site_url, [other]) == []  # only the partnership being read
    # The service worker fetched them, one at a time: each file ended before the next began.
    steps = [(event, path) for event, path, by_worker in seen.events if path in paths and by_worker]
    assert steps == [(event, path) for path in paths for event in ("start", "end")]
    fallback = offline.read_manifest(built_site)["fallback"]
    assert seen.asked(fallback) == []  # never downloaded for the runtime's rarer set-ups
    assert seen.elsewhere == []

    # The navigator's first visit: every runtime file from the service worker's copy, none from the site.
    seen.events.clear()
    seen.responses.clear()
    page.goto(f"{site_url}/{PARTNERSHIP}/navigator/")
    page.wait_for_selector("#navigator[data-state='ready']", timeout=60_000)
    assert page.get_attribute("#navigator", "data-started") == "snapshot"
    page.wait_for_selector("#navigator[data-shown]")  # its first suggestion
    assert state(page) is None  # a navigator page keeps its own files: it asks for no prefetch
    served = {r.url.removeprefix(f"{site_url}/"): r.from_service_worker for r in seen.responses}
    big = [path for path in paths if path.endswith(".wasm") or "/snapshot-" in path or "/data/" in path]
    assert set(big) <= set(served), "the navigator's start did not ask for its runtime"
    assert [path for path in paths if path in served and not served[path]] == []
    assert [path for event, path, by_worker in seen.events if by_worker and path in paths] == []


def fake_connection(connection: dict[str, Any] | None) -> str:
    """An init script standing in for the browser's Network Information (None: a browser without it)."""
    if connection is None:
        return "delete Navigator.prototype.connection;"
    fake = json.dumps(connection)
    return (
        'Object.defineProperty(Navigator.prototype, "connection", {configurable: true, get: () => '
        f"Object.assign({{addEventListener() {{}}, removeEventListener() {{}}}}, {fake})}});"
    )


COSTLY = {
    "save-data": (None, "save-data"),  # the browser's own setting, through the DevTools protocol
    "slow-3g": ({"effectiveType": "3g", "saveData": False}, "slow connection"),
    "2g": ({"effectiveType": "2g", "saveData": False}, "slow connection"),
    "cellular": ({"effectiveType": "4g", "saveData": False, "type": "cellular"}, "metered connection"),
    "metered": ({"effectiveType": "4g", "saveData": False, "metered": True}, "metered connection"),
    "no-network-information": (None, "no network information"),
}


@pytest.mark.parametrize("case", COSTLY)
def test_nothing_is_prefetched_where_it_would_cost_the_reader(
    context: BrowserContext, site_url: str, built_site: Path, case: str
) -> None:
    connection, why = COSTLY[case]
    seen = Seen(site_url)
    seen.watch(context)
    page = context.new_page()
    if case == "save-data":
        context.new_cdp_session(page).send("Emulation.setDataSaverOverride", {"dataSaverEnabled": True})
    else:
        page.add_init_script(fake_connection(connection))
    page.goto(f"{site_url}/{READING}")
    assert decided(page) == why
    page.wait_for_timeout(1500)
    paths = runtime_paths(built_site)
    assert cached(page, site_url, paths) == []
    assert seen.asked(paths) == []


@pytest.mark.parametrize(
    ("where", "why"), [("", "no partnership"), ("compare/", "stopped: not a partnership's page")]
)
def test_nothing_is_prefetched_on_the_home_page_or_a_page_across_partnerships(
    context: BrowserContext, site_url: str, built_site: Path, where: str, why: str
) -> None:
    seen = Seen(site_url)
    seen.watch(context)
    page = context.new_page()
    page.goto(f"{site_url}/{where}")
    poll(page, WORKER_SETTLED)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    page.wait_for_timeout(PREFETCH_DELAY_MS + 1500)  # long after a partnership's page would have asked
    assert decided(page) == why
    paths = runtime_paths(built_site)
    assert cached(page, site_url, paths) == []
    assert seen.asked(paths) == []


@dataclass
class Network:
    """What the test server does: sends the file `slow` a trickle at a time, and cuts the next answer for
    `cut` off half way (once); notes each path asked for and each answer the browser dropped."""

    slow: str = ""
    cut: str = ""
    asked: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


class _Network(_QuietHandler):
    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        self.network = network  # before the base class, which answers the request as it is made
        super().__init__(*args, **kwargs)

    def send_head(self) -> Any:
        self.network.asked.append(self.path.lstrip("/"))
        return super().send_head()

    def copyfile(self, source: Any, outputfile: Any) -> None:
        path, network = self.path.lstrip("/"), self.network
        try:
            if network.cut and path == network.cut:
                network.cut = ""
                data = source.read()
                outputfile.write(data[: len(data) // 2])
                self.close_connection = True  # fewer bytes than its Content-Length: a failed download
            elif network.slow and path == network.slow:
                while chunk := source.read(32 * 1024):
                    outputfile.write(chunk)
                    outputfile.flush()
                    time.sleep(0.05)
            else:
                shutil.copyfileobj(source, outputfile)
        except (BrokenPipeError, ConnectionResetError):
            network.dropped.append(path)


@pytest.fixture
def network(built_site: Path) -> Iterator[tuple[str, Network]]:
    """The session's built site on its own port (its own origin and service worker), with `Network`."""
    network = Network()
    handler = functools.partial(_Network, directory=str(built_site), network=network)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", network
    server.shutdown()
    server.server_close()


def wait_until(page: Page, condition: Callable[[], bool], what: str, seconds: float) -> None:
    """Wait for something the server sees (`page` lets playwright go on with the browser's events)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, (what, state(page) if not page.is_closed() else None)
        page.wait_for_timeout(100)


def test_a_prefetch_stops_when_the_reader_leaves_and_keeps_only_whole_files(
    context: BrowserContext, built_site: Path, network: tuple[str, Network]
) -> None:
    origin, server = network
    paths = runtime_paths(built_site)
    wasm = next(path for path in paths if path.endswith(".wasm"))
    server.slow = wasm
    page = context.new_page()
    page.goto(f"{origin}/{READING}")
    wait_until(page, lambda: wasm in server.asked, "the prefetch never reached Pyodide's wasm", 60)
    blank = context.new_page()  # about:blank, no page of this site
    page.close()  # the reader leaves mid-download
    wait_until(blank, lambda: wasm in server.dropped, "the download went on after the reader left", 10)
    blank.wait_for_timeout(1500)
    assert [path for path in server.asked if path in paths[paths.index(wasm) + 1 :]] == []

    blank.goto(f"{origin}/")  # the home page asks for no prefetch: the cache can be looked at from it
    assert cached(blank, origin, paths) == paths[: paths.index(wasm)]


def test_a_prefetch_stops_when_the_network_fails_and_the_next_page_read_finishes_it(
    context: BrowserContext, built_site: Path, network: tuple[str, Network]
) -> None:
    origin, server = network
    paths = runtime_paths(built_site)
    snapshot = next(path for path in paths if "/snapshot-" in path)
    server.cut = snapshot
    page = context.new_page()
    page.goto(f"{origin}/{READING}")
    assert (decided(page) or "").startswith("stopped: ")
    before, after = paths[: paths.index(snapshot)], paths[paths.index(snapshot) + 1 :]
    assert cached(page, origin, paths) == before  # the half snapshot was not kept
    assert [path for path in server.asked if path in after] == []

    page.goto(f"{origin}/{PARTNERSHIP}/level-3/")
    assert decided(page) == "done"
    assert cached(page, origin, paths) == paths
    assert [server.asked.count(path) for path in paths] == [1] * len(before) + [2] + [1] * len(after)


def test_a_navigator_opened_mid_prefetch_waits_for_the_file_under_way_and_nothing_is_fetched_twice(
    context: BrowserContext, built_site: Path, network: tuple[str, Network]
) -> None:
    origin, server = network
    paths = runtime_paths(built_site)
    wasm = next(path for path in paths if path.endswith(".wasm"))
    server.slow = wasm
    page = context.new_page()
    page.goto(f"{origin}/{READING}")
    wait_until(page, lambda: wasm in server.asked, "the prefetch never reached Pyodide's wasm", 60)
    page.goto(f"{origin}/{PARTNERSHIP}/navigator/")
    page.wait_for_selector("#navigator[data-shown]", timeout=90_000)
    assert page.get_attribute("#navigator", "data-started") == "snapshot"
    assert {path: server.asked.count(path) for path in paths} == dict.fromkeys(paths, 1)
    home = context.new_page()
    home.goto(f"{origin}/")
    assert cached(home, origin, paths) == paths
