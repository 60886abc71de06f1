"""The theme's search in headless Debian chromium: what index a page downloads, when search is ready, a query.

Each run opens the page in a fresh browser context (empty caches, service workers blocked, so the offline
copy's downloads do not compete with the search). The page's request for its index is
read from the network (any `/search/….json`, whichever file the page asks for), and its gzip size is
computed from the same file on disk. Material's search sends the box's value to its worker when the worker
has built the index, and on every `keyup` (bundle: `merge(worker ready, keyup, focus)`); each answer
rewrites the result meta ("12 matching documents") and the first ten results in the same task. So:
- ready: a word is typed as soon as the page's DOM is parsed; navigation start → its results in the page;
- per query, once ready: a new word typed (value set, `keyup`) → its results in the page, each once the
  previous results have been painted.
"""

from __future__ import annotations

import json
import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import Browser, Response, sync_playwright

from navigator.sitebuild import weights
from tests.bench.navigator import TIMEOUT_MS, p95, serve
from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS

READY_WORD = "support"
WORDS = ("consent", "school", "housing", "referral", "parenting", "unborn", "assessment", "health")
INDEX_ADDRESS = re.compile(r"/search/[^?#]*\.json$")

# Set up before the page's scripts run; the theme's bundle runs at the end of the body, before this.
READY = """document.addEventListener("DOMContentLoaded", () => {
  const input = document.querySelector(".md-search__input");
  const meta = document.querySelector(".md-search-result__meta");
  new MutationObserver((records, watch) => {
    watch.disconnect();
    window.__searchReady = {ms: performance.now(), meta: meta.textContent.trim()};
  }).observe(meta, {childList: true, characterData: true, subtree: true});
  input.focus();
  input.value = %s;
  input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true}));
});"""
QUERIES = """async (words) => {
  const input = document.querySelector(".md-search__input");
  const meta = document.querySelector(".md-search-result__meta");
  const times = [];
  for (const word of words) {
    const shown = new Promise((resolve) => {
      const watch = new MutationObserver(() => { watch.disconnect(); resolve(); });
      watch.observe(meta, {childList: true, characterData: true, subtree: true});
    });
    const started = performance.now();
    input.value = word;
    input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true}));
    await shown;
    times.push(performance.now() - started);
    await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted, 0)));
  }
  return times;
}"""
DOWNLOADED = """() => Math.max(0, ...performance.getEntriesByType("resource")
  .filter((entry) => /\\/search\\/[^?#]*\\.json$/.test(entry.name)).map((entry) => entry.responseEnd))"""


@dataclass
class Search:
    """One page's search, over several runs: milliseconds, and the index files it downloaded."""

    page: str
    indexes: dict[str, tuple[int, int]] = field(default_factory=dict)  # site path → (bytes, gzip bytes)
    ready: list[float] = field(default_factory=list)
    downloaded: list[float] = field(default_factory=list)
    queries: list[float] = field(default_factory=list)
    found: str = ""  # the meta text for READY_WORD, e.g. "12 matching documents"

    def median(self, name: str) -> float:
        values: list[float] = getattr(self, name)
        return statistics.median(values)

    def p95(self) -> float:
        return p95(self.queries)


def _one_run(browser: Browser, site: Path, url: str, search: Search) -> None:
    context = browser.new_context(service_workers="block")
    context.add_init_script(READY % json.dumps(READY_WORD))
    page = context.new_page()
    requested: list[tuple[str, int]] = []

    def record(response: Response) -> None:
        path = urlparse(response.url).path
        if INDEX_ADDRESS.search(path):
            requested.append((path, response.status))

    page.on("response", record)
    page.goto(f"{url}/{search.page}")
    page.wait_for_function("() => window.__searchReady", timeout=TIMEOUT_MS)
    ready = page.evaluate("() => window.__searchReady")
    search.ready.append(float(ready["ms"]))
    search.found = str(ready["meta"])
    search.downloaded.append(float(page.evaluate(DOWNLOADED)))
    search.queries.extend(page.evaluate(QUERIES, list(WORDS)))
    context.close()
    if not requested or any(status != 200 for _, status in requested):
        raise RuntimeError(f"{search.page}: no search index downloaded, or not found: {requested}")
    for path, _ in requested:
        name = path.lstrip("/")
        search.indexes[name] = ((site / name).stat().st_size, weights.gzip_size(site, [name]))


def measure_search(site: Path, pages: list[str], runs: int) -> list[Search]:
    """Each page (a site path such as `york/level-2/`), `runs` times, each on a fresh browser context."""
    searches = [Search(page) for page in pages]
    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        for _ in range(runs):
            for search in searches:
                _one_run(browser, site, url, search)
        browser.close()
    return searches
