"""The navigator's speed in headless Debian chromium, beside a bare Pyodide start in the same run.

Each visit opens a new tab and waits until the browser is quiet before it navigates (`Tabs`): in headless
chromium each new tab starts a part of the browser's own interface with it (Chromium's omnibox popup, a
WebUI page in a renderer of its own: about 0.55 s of CPU in its first 0.6 s), which would otherwise share
the two cores with the page being timed. The visits that navigate at once are measured too, and reported
beside.

Each run opens a fresh browser context (empty caches, no service worker), then:
- bare Pyodide, cold then warm: a page whose worker does `loadPyodide()` and `1+1` (the npm package from
  the same site), timed from navigation start to the answer;
- the navigator page, cold then warm: navigation start to the first suggestion on screen (the page's
  `navigator-first-result` mark). Warm is the next visit in the same context, after the service worker has
  kept the navigator's files and the page has primed the code cache from that copy; once more without
  the priming (a lever);
- warm again from a server that answers each request 100 ms late (a real network's round trip);
- the start-up levers, each changed alone on a cold context: the memory snapshot (plain start instead), the
  lock file's info passed (fetched instead), inflating the snapshot only once Pyodide has asked for its
  wasm (at once instead), and a second compile of the wasm started at once (tried, off); timed from
  creating the navigator's worker, on a page of its own, to "ready";
- per change: ticking and unticking an indicator, time from the change to the new result on screen,
  measured on a settled page (a second after the first suggestion; each change once the previous result
  has been painted, as when a person ticks), and again back to back, each change the moment the previous
  result is in the page (which then also waits for the previous result's layout and paint);
- the per-change levers, on a cold context with no service worker: the practice scenarios assessed after
  the first suggestion, then spaced out until the worker's calls are settled (without the spaced part;
  none at all); settled changes as above.
"""

from __future__ import annotations

import functools
import html
import json
import re
import shutil
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from pathlib import Path
from typing import BinaryIO
from urllib.parse import quote

from playwright.sync_api import Browser, BrowserContext, Page, Route, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS, PRIMED, wait_until_navigator_kept

PARTNERSHIP = "derby-derbyshire"
INDICATOR = "l3-health-self-harming-behaviours"
CHANGES = 100
SETTLE_MS = 1000  # after the first suggestion: the theme's search index loads then (see navigator.js)
LEVERS: dict[str, dict[str, object]] = {
    "lever: all on": {},
    "lever: no snapshot": {"snapshot": None},
    "lever: lock file fetched": {"lock": None},
    "lever: snapshot inflated at once": {"inflateAtOnce": True},
    "lever: wasm compiled early": {"precompile": True},
}
PER_CHANGE_LEVERS: dict[str, dict[str, object]] = {
    "per change: as shipped": {},
    "per change: no spaced practice": {"spacedPractice": False},
    "per change: no practice scenarios": {"practice": False},
}
TIMEOUT_MS = 120_000
DISTANT_S = 0.1  # the round trip of the "server 100 ms away" visits
QUIET_POLL_S = 0.1
QUIET_POLLS = 3
QUIET_CPU_S = 0.01  # per poll, all the browser's processes together (Linux counts CPU time in 10 ms steps)
QUIET_MOST_S = 10

BARE_PAGE = """<!doctype html><html lang="en"><meta charset="utf-8"><title>Bare Pyodide</title>
<script type="module">
const worker = new Worker("bare-worker.js", {type: "module"});
worker.onmessage = ({data}) => {
  document.body.dataset.done = String(performance.now());
  document.body.dataset.answer = data;
};
</script><body></body></html>
"""
BARE_WORKER = """import { loadPyodide } from "../%(pyodide)spyodide.mjs";
const pyodide = await loadPyodide({ indexURL: new URL("../%(pyodide)s", import.meta.url).href });
self.postMessage(String(pyodide.runPython("1+1")));
"""
# The navigator's worker on a page of its own (nothing else starting), with one lever changed (in the
# fragment); milliseconds from creating the worker to "ready".
LEVER_PAGE = """<!doctype html><html lang="en"><meta charset="utf-8"><title>Navigator start-up</title>
<script type="module">
const base = new URL("../assets/navigator/", location.href);
const runtime = %(runtime)s;
Object.assign(runtime, JSON.parse(decodeURIComponent(location.hash.slice(1)) || "{}"));
const started = performance.now();
const worker = new Worker(new URL(runtime.worker, base), {type: "module"});
worker.onmessage = ({data}) => {
  document.body.dataset.reply = JSON.stringify({...data, ms: performance.now() - started});
  worker.terminate();
};
worker.postMessage({type: "start", runtime});
</script><body></body></html>
"""
ROUND_TRIPS = """async ({indicator, changes, settle}) => {
  const root = document.getElementById("navigator");
  const box = document.querySelector(`input[value="${indicator}"]`);
  const times = [];
  const python = [];
  for (let i = 0; i < changes; i += 1) {
    const before = root.dataset.shown;
    const shown = new Promise((resolve) => {
      const watch = new MutationObserver(() => {
        if (root.dataset.shown !== before) { watch.disconnect(); resolve(); }
      });
      watch.observe(root, {attributes: true, attributeFilter: ["data-shown"]});
    });
    const started = performance.now();
    box.click();
    await shown;
    times.push(performance.now() - started);
    python.push(Number(root.dataset.assessMs));
    if (settle) await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted, 0)));
  }
  return {times, python};
}"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """No request log in the benchmark's output."""

    def handle(self) -> None:
        """A page closed mid-download (a finished run) is not an error."""
        with suppress(ConnectionResetError, BrokenPipeError):
            super().handle()


class _Distant(_Quiet):
    """Answers each request DISTANT_S late, as a server across a real network would (the round trip)."""

    def send_head(self) -> BytesIO | BinaryIO | None:
        time.sleep(DISTANT_S)
        return super().send_head()


@contextmanager
def serve(folder: Path, distant: bool = False) -> Iterator[str]:
    handler = _Distant if distant else _Quiet
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank) of the values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


@dataclass
class Figures:
    """Milliseconds per measure, one value per run (round trips: every change of every run)."""

    runs: int
    chromium: str = ""
    started: str = ""
    values: dict[str, list[float]] = field(default_factory=dict)

    def add(self, name: str, *milliseconds: float) -> None:
        self.values.setdefault(name, []).extend(milliseconds)

    def median(self, name: str) -> float:
        return statistics.median(self.values[name])

    def p95(self, name: str) -> float:
        return p95(self.values[name])


class Tabs:
    """Opens each visit's tab, then waits until the browser's processes are quiet (their CPU time, from the
    DevTools protocol's SystemInfo.getProcessInfo, grew by at most QUIET_CPU_S in each of QUIET_POLLS polls
    in a row), so a visit times its page, not the browser's new window. `at_once` skips the wait (the
    visits reported as "opened at once"); `waits` keeps how long each tab took to fall quiet."""

    def __init__(self, browser: Browser) -> None:
        self.session = browser.new_browser_cdp_session()
        self.waits: list[float] = []

    def cpu_seconds(self) -> float:
        processes = self.session.send("SystemInfo.getProcessInfo")["processInfo"]
        return float(sum(process["cpuTime"] for process in processes))

    def open(self, context: BrowserContext, at_once: bool = False) -> Page:
        page = context.new_page()
        if at_once:
            return page
        started = time.perf_counter()
        last, calm = self.cpu_seconds(), 0
        while calm < QUIET_POLLS:
            if time.perf_counter() - started > QUIET_MOST_S:
                raise RuntimeError(
                    f"the browser was still busy {QUIET_MOST_S} s after opening a tab: "
                    "a busy machine's figures would mean nothing"
                )
            time.sleep(QUIET_POLL_S)
            now = self.cpu_seconds()
            calm = calm + 1 if now - last <= QUIET_CPU_S else 0
            last = now
        self.waits.append(1000 * (time.perf_counter() - started))
        return page


def visit_navigator(
    tabs: Tabs, context: BrowserContext, url: str, at_once: bool = False
) -> tuple[Page, float]:
    page = tabs.open(context, at_once)
    page.goto(f"{url}/{PARTNERSHIP}/navigator/")
    page.wait_for_selector("#navigator[data-shown]", timeout=TIMEOUT_MS)
    state = page.get_attribute("#navigator", "data-state")
    if state != "ready":
        raise RuntimeError(f"the navigator did not start: {page.get_attribute('#navigator', 'data-failure')}")
    first = page.evaluate("() => performance.getEntriesByName('navigator-first-result')[0].startTime")
    return page, float(first)


def kept_for_offline(page: Page, primed: bool = True) -> None:
    """Wait until the service worker has installed and kept the navigator, and (unless the page was told
    not to) the page has primed the browser's code cache from that copy: a next visit during either would
    be neither cold nor warm (navigator.js `primeCodeCache`)."""
    wait_until_navigator_kept(page, PARTNERSHIP, TIMEOUT_MS)
    if primed:
        page.wait_for_function(PRIMED, timeout=TIMEOUT_MS)
        how = page.get_attribute("#navigator", "data-primed")
        if how != "primed":
            raise RuntimeError(f"the page did not prime the code cache: {how}")


def visit_bare(tabs: Tabs, context: BrowserContext, url: str, at_once: bool = False) -> float:
    page = tabs.open(context, at_once)
    page.goto(f"{url}/__bench__/bare.html")
    page.wait_for_selector("body[data-done]", state="attached", timeout=TIMEOUT_MS)
    if page.get_attribute("body", "data-answer") != "2":
        raise RuntimeError("bare Pyodide did not answer 1+1 = 2")
    done = float(str(page.get_attribute("body", "data-done")))
    page.close()
    return done


def _cold_then_warm(browser: Browser, tabs: Tabs, url: str, at_once: bool = False) -> tuple[float, float]:
    """A first visit to the navigator on a fresh context, then, once it has kept and primed, the next."""
    context = browser.new_context()
    page, cold = visit_navigator(tabs, context, url, at_once)
    kept_for_offline(page)
    page.close()
    page, warm = visit_navigator(tabs, context, url, at_once)
    page.close()
    context.close()
    return cold, warm


def _opened_at_once(browser: Browser, tabs: Tabs, url: str, figures: Figures) -> None:
    """The cold and warm visits again, each navigating the moment its tab is open (the browser's new
    window still starting)."""
    context = browser.new_context()
    figures.add("bare cold, opened at once", visit_bare(tabs, context, url, at_once=True))
    figures.add("bare warm, opened at once", visit_bare(tabs, context, url, at_once=True))
    context.close()
    cold, warm = _cold_then_warm(browser, tabs, url, at_once=True)
    figures.add("first suggestion cold, opened at once", cold)
    figures.add("first suggestion warm, opened at once", warm)


def _distant(browser: Browser, tabs: Tabs, url: str, figures: Figures) -> None:
    """The warm visit again, from a server that answers each request 100 ms late: the page itself is
    asked of the server first, the navigator's files come from the service worker's copy."""
    _, warm = _cold_then_warm(browser, tabs, url)
    figures.add("first suggestion warm, server 100 ms away", warm)


def _one_run(browser: Browser, tabs: Tabs, url: str, distant_url: str, figures: Figures) -> None:
    context = browser.new_context()
    figures.add("bare cold", visit_bare(tabs, context, url))
    figures.add("bare warm", visit_bare(tabs, context, url))
    context.close()

    _opened_at_once(browser, tabs, url, figures)
    _distant(browser, tabs, distant_url, figures)

    context = browser.new_context()
    page, first = visit_navigator(tabs, context, url)
    figures.add("first suggestion cold", first)
    figures.add(
        "worker started",
        page.evaluate("() => performance.getEntriesByName('navigator-worker-started')[0].startTime"),
    )
    kept_for_offline(page)
    page.close()
    page, first = visit_navigator(tabs, context, url)
    figures.add("first suggestion warm", first)
    page.check("input[name='area'][value='derby-city']")
    page.wait_for_timeout(SETTLE_MS)
    for name, settle in (("round trip", True), ("round trip, back to back", False)):
        changes = page.evaluate(ROUND_TRIPS, {"indicator": INDICATOR, "changes": CHANGES, "settle": settle})
        figures.add(name, *changes["times"])
        figures.add(f"python ({name})", *changes["python"])
    page.close()
    context.close()

    # Warm, but the first visit did not prime the code cache (the page told so in its runtime).
    context = browser.new_context()
    context.route(f"{url}/{PARTNERSHIP}/navigator/", functools.partial(_with_runtime, {"prime": False}))
    page, _ = visit_navigator(tabs, context, url)
    kept_for_offline(page, primed=False)
    page.close()
    context.unroute(f"{url}/{PARTNERSHIP}/navigator/")
    page, first = visit_navigator(tabs, context, url)
    figures.add("first suggestion warm, not primed", first)
    page.close()
    context.close()

    for name, change in PER_CHANGE_LEVERS.items():
        context = browser.new_context(service_workers="block")
        context.route(f"{url}/{PARTNERSHIP}/navigator/", functools.partial(_with_runtime, change))
        page, _ = visit_navigator(tabs, context, url)
        page.check("input[name='area'][value='derby-city']")
        page.wait_for_timeout(SETTLE_MS)
        changes = page.evaluate(ROUND_TRIPS, {"indicator": INDICATOR, "changes": CHANGES, "settle": True})
        figures.add(name, *changes["times"])
        figures.add(f"python ({name})", *changes["python"])
        context.close()

    for name, change in LEVERS.items():
        context = browser.new_context()
        page = tabs.open(context)
        page.goto(f"{url}/__bench__/lever.html#{quote(json.dumps(change))}")
        page.wait_for_selector("body[data-reply]", state="attached", timeout=TIMEOUT_MS)
        reply = json.loads(str(page.get_attribute("body", "data-reply")))
        if reply["type"] != "ready":
            raise RuntimeError(f"{name}: the worker did not start: {reply}")
        figures.add(name, reply["ms"])
        context.close()


def _with_runtime(change: dict[str, object], route: Route) -> None:
    """The navigator page as served, with `change` merged into the runtime its worker is started with.

    The service worker asks for the page too (keeping the partnership's pages, or fetching the navigator
    ahead), sometimes just as the route is removed: that request is let go, not an error of the bench."""
    try:
        page = route.fetch().text()
        runtime = json.loads(_attribute_of(page, "data-runtime")) | change
        changed = re.sub(r'data-runtime="[^"]*"', f'data-runtime="{html.escape(json.dumps(runtime))}"', page)
        route.fulfill(body=changed, content_type="text/html; charset=utf-8")
    except PlaywrightError as error:
        if "already handled" not in str(error) and "closed" not in str(error):
            raise


@contextmanager
def bench_site(site: Path) -> Iterator[Path]:
    """A copy of the built site with the bench's own pages added under `__bench__/` (bare Pyodide from the
    same runtime files, the lever page), so the visits compare like with like; removed afterwards."""
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "site"
        shutil.copytree(site, folder)
        runtime = json.loads(_attribute(folder / PARTNERSHIP / "navigator" / "index.html", "data-runtime"))
        core = runtime["pyodide"].removeprefix("../../")
        (folder / "__bench__").mkdir()
        (folder / "__bench__" / "bare.html").write_text(BARE_PAGE, encoding="utf-8")
        (folder / "__bench__" / "bare-worker.js").write_text(
            BARE_WORKER % {"pyodide": core}, encoding="utf-8"
        )
        lever = LEVER_PAGE % {"runtime": json.dumps(runtime)}
        (folder / "__bench__" / "lever.html").write_text(lever, encoding="utf-8")
        yield folder


def measure(site: Path, runs: int) -> Figures:
    """Every figure, `runs` times, on a copy of the built site with the bare Pyodide page added."""
    figures = Figures(runs=runs)
    with (
        bench_site(site) as folder,
        serve(folder) as url,
        serve(folder, distant=True) as distant,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        figures.chromium = browser.version
        tabs = Tabs(browser)
        for _ in range(runs):
            _one_run(browser, tabs, url, distant, figures)
        figures.add("quiet after", *tabs.waits)
        browser.close()
    return figures


def _attribute(page: Path, name: str) -> str:
    return _attribute_of(page.read_text(encoding="utf-8"), name, str(page))


def _attribute_of(text: str, name: str, where: str = "the page") -> str:
    match = re.search(rf'{name}="([^"]*)"', text)
    if match is None:
        raise RuntimeError(f"{where} has no {name}")
    return html.unescape(match.group(1))
