"""What a built page downloads from the site, read from its HTML and the files it names (no browser).

- The page: the HTML; `<link rel="stylesheet|icon|preload|modulepreload" href>`; `<script src>` (module
  scripts with their static imports, see navigator.sitebuild.modules); `<img src>`. Relative addresses are
  resolved against the page's; other sites and `#` anchors are ignored.
- Search: the search worker named in the theme's `__config` (`"search"`) and the index, which is
  `search/search_index.json` under the config's `"base"`, unless a script carries `data-search-index` (the
  index's address relative to the page). The page asks for the index only once the reader turns to search
  (docs/javascripts/search.js), so it is `on_demand`, not part of the page; the service worker keeps it
  on a first visit, so it counts in a cold visit.
- Diagrams: a page with `<pre class="diagram">` loads mermaid's chunks for its diagram types and layout.
- The navigator (a script with `data-runtime`, names relative to its folder, assets/navigator/): the page
  downloads the `worker` it names (worker-<digest>.js beside the script) and the partnership's `data`.
  The *runtime* is what only Python needs: Pyodide's module, its wasm and its imports, and the snapshot, the
  mounted standard library and the decision package (for a plain start, `snapshot` null, Pyodide's full
  standard library instead; with no `lock`, the lock file too). That is worker.js's `start` and Pyodide's
  `loadPyodide`.
- A cold visit (`cold_visit`) adds the service worker, `sw.js` at the site root, and what it keeps: its
  manifest's `precache` and `partnerships[pid]`; on a navigator page also `navigator` and
  `navigator_data[pid]` (in the older format `navigator` held every partnership's data; `fallback` is only
  ever asked of the browser's HTTP cache). Each file counts once: the worker's copy of a file the page has
  just loaded comes from the browser's HTTP cache.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from navigator.sitebuild import modules, offline

ORIGIN = "https://site.invalid/"  # pages are resolved as if the site were here
LINKS = frozenset({"stylesheet", "icon", "preload", "modulepreload"})
DEFAULT_INDEX = "search/search_index.json"
SERVICE_WORKER = "sw.js"
# What `loadPyodide` fetches from its folder when given the lock file's info and, with a snapshot, stdLibURL.
PYODIDE_CORE = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
PLAIN_STDLIB = "python_stdlib.zip"
LOCK = "pyodide-lock.json"


@dataclass(frozen=True)
class Downloads:
    """The site files one page downloads, each once: `page` (without the navigator's runtime), `runtime`,
    and `on_demand` (the search index, once the reader turns to search)."""

    page: tuple[str, ...]
    runtime: tuple[str, ...] = ()
    on_demand: tuple[str, ...] = ()
    data: tuple[str, ...] = ()  # the navigator's data for its partnership (part of `page`)
    diagrams: int = 0  # how many diagrams the page draws

    @property
    def files(self) -> tuple[str, ...]:
        later = (*self.runtime, *self.on_demand)
        return self.page + tuple(dict.fromkeys(path for path in later if path not in self.page))


class _Page(HTMLParser):
    """Collects the tags a page downloads by, the theme's config, and its diagrams' texts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.addresses: list[tuple[str, bool]] = []  # (address, is a module script)
        self.config = ""
        self.search_index: str | None = None
        self.runtime: tuple[str, dict[str, Any]] | None = None  # (script address, data-runtime)
        self.diagrams: list[str] = []
        self._reading: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if tag == "link" and LINKS & set(a.get("rel", "").lower().split()) and a.get("href"):
            self.addresses.append((a["href"], "modulepreload" in a["rel"]))
        elif tag == "img" and a.get("src"):
            self.addresses.append((a["src"], False))
        elif tag == "script":
            if a.get("src"):
                self.addresses.append((a["src"], a.get("type") == "module"))
            if "data-search-index" in a:
                self.search_index = a["data-search-index"]
            if "data-runtime" in a:
                self.runtime = (a.get("src", ""), json.loads(a["data-runtime"]))
            self._reading = "config" if a.get("id") == "__config" else None
        elif tag == "pre" and "diagram" in a.get("class", "").split():
            self._reading = "diagram"
            self.diagrams.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "pre"}:
            self._reading = None

    def handle_data(self, data: str) -> None:
        if self._reading == "config":
            self.config += data
        elif self._reading == "diagram":
            self.diagrams[-1] += data


def page_file(page: str) -> str:
    """The site path of a page given by file or by folder: "level-1/" is "level-1/index.html", "./" home."""
    page = page.removeprefix("./")
    return f"{page}index.html" if page == "" or page.endswith("/") else page


def _site_path(base: str, address: str) -> str | None:
    """The site file an address names from the page or file at site path `base`; None when not a file here."""
    if not address or address.startswith("#"):
        return None
    url = urlsplit(urljoin(ORIGIN + base, address))
    if f"{url.scheme}://{url.netloc}/" != ORIGIN:
        return None
    return url.path.removeprefix("/")


def _unique(paths: list[str | None]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(page_file(path) for path in paths if path is not None))


def downloads(site: Path, page: str) -> Downloads:
    """Every site file the page downloads, split into the page and the navigator's runtime."""
    path = page_file(page)
    parsed = _Page()
    parsed.feed((site / path).read_text(encoding="utf-8"))
    found: list[str | None] = [path]
    on_demand: list[str | None] = []
    page_modules: list[str] = []
    for address, module in parsed.addresses:
        target = _site_path(path, address)
        graph = modules.static_graph(site, [target]) if module and target else []
        page_modules += graph
        found += graph or [target]
    if parsed.config:
        config = json.loads(parsed.config)
        found.append(_site_path(path, config.get("search", "")))
        index = parsed.search_index or f"{config['base'].rstrip('/')}/{DEFAULT_INDEX}"
        on_demand.append(_site_path(path, index))
    found += modules.diagram_chunks(site, page_modules, parsed.diagrams)
    runtime: list[str | None] = []
    data: list[str | None] = []
    if parsed.runtime is not None:
        script, names = parsed.runtime
        script_path = _site_path(path, script)
        if not names.get("worker"):
            raise ValueError(f"{path}: the navigator's runtime names no worker")
        worker = _site_path(script_path, names["worker"]) if script_path else None
        if worker is None:
            raise ValueError(f"{path}: the navigator's script {script!r} is not on this site")
        data.append(_site_path(worker, names["data"]))
        found += [worker, *data]
        runtime = _runtime(site, worker, names)
    page_files = _unique(found)
    runtime_files = tuple(p for p in _unique(runtime) if p not in page_files)
    later = tuple(p for p in _unique(on_demand) if p not in page_files)
    return Downloads(page_files, runtime_files, later, _unique(data), len(parsed.diagrams))


def _runtime(site: Path, worker: str, names: dict[str, Any]) -> list[str | None]:
    """What worker.js's start fetches for Python (see the module's docstring), from the page's names."""
    pyodide = _site_path(worker, names["pyodide"]) or ""
    files: list[str | None] = [*modules.static_graph(site, [f"{pyodide}{PYODIDE_CORE[0]}"])]
    files += [f"{pyodide}{name}" for name in PYODIDE_CORE[1:]]
    files.append(_site_path(worker, names["decision"]))
    if names.get("snapshot"):
        files += [_site_path(worker, names["snapshot"]), _site_path(worker, names["stdlib"])]
    else:
        files.append(f"{pyodide}{PLAIN_STDLIB}")
    if not names.get("lock"):
        files.append(f"{pyodide}{LOCK}")
    return files


def partnership(page: str) -> str:
    """The partnership a page belongs to: its first folder ("" for a page at the site root)."""
    path = page_file(page)
    return path.split("/", 1)[0] if "/" in path else ""


def cold_visit(site: Path, page: str) -> tuple[str, ...]:
    """Everything a first visit to the page downloads, runtime and the service worker's copies included."""
    own = downloads(site, page)
    manifest = offline.read_manifest(site)
    if not manifest:
        return own.files
    pid = partnership(page)
    kept = [*manifest.get("precache", []), *manifest.get("partnerships", {}).get(pid, [])]
    if own.runtime:
        kept += [*manifest.get("navigator", []), *manifest.get("navigator_data", {}).get(pid, [])]
    return _unique([*own.files, SERVICE_WORKER, *(page_file(path) for path in kept)])
