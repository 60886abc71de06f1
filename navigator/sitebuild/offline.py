"""The offline copy: `sw.js` at the site root, with a manifest of the built site's own files filled in.

After the first visit the service worker (navigator/web/sw.js) keeps this site's files in the browser's
Cache Storage, so the handbook and the navigator work with the network off. What it keeps grows with what
the reader uses, not with the number of partnerships on the site. Every built file is sorted into one list:

- precache: fetched when the worker installs: the pages that belong to no partnership, the theme, the
  site's search index, our scripts and styles, images;
- partnerships: for each partnership, its pages, open data and search index, kept once a page of that
  partnership is open;
- navigator: the Pyodide runtime and the navigator's files shared by every partnership, kept, with
  `navigator_data` (the one partnership's compiled data), once that partnership's navigator has started its
  runtime (the page has just loaded them, so the browser's HTTP cache answers and nothing is downloaded
  twice);
- fallback: runtime files Pyodide fetches only in some set-ups (`python_stdlib.zip`, `pyodide-lock.json`):
  kept with the navigator only if this browser has already fetched them, never downloaded for it;
- not listed: mermaid (only pages with diagrams load it), the theme's search languages other than English
  (this site is in English), source maps, the sitemaps and `sw.js` itself: kept when first used; and
  never the compressed copies (compress.py) or `_headers` (headers.py), which no page asks for by name.

`immutable` names what never changes under the same address: the Pyodide folder and files whose names
carry a content digest. They come from the cache first. Everything else comes from the network first
(revalidated, so never an outdated HTTP-cache copy) and from the cache only when the network fails or is
slow, so an online page is never older than the server's. The version is a digest of the worker's own
code and of every listed path with its content: any change to the site changes `sw.js`, browsers install
the new worker, and it drops the old version's cache once the new one is complete.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import Any

TEMPLATE = Path(__file__).resolve().parents[1] / "web" / "sw.js"
PLACEHOLDER = "const MANIFEST = null;"
NAVIGATOR_FOLDERS = ("assets/pyodide/", "assets/navigator/")
FALLBACK_NAMES = frozenset({"python_stdlib.zip", "pyodide-lock.json"})
UNLISTED_FOLDERS = ("javascripts/vendor/mermaid/", "assets/javascripts/lunr/")
UNLISTED_FILES = frozenset({"sitemap.xml", "sitemap.xml.gz", "sw.js", "_headers"})
COPIES = (".br", ".gz")  # compress.py's copies: the server sends them in place of their file
RUNTIME = "assets/pyodide/"  # the runtime's folder carries its version: never changes in place
# A content digest in a file name under assets/: Material's bundle.a5f9d56c.min.js, main.57a0d79d.min.css,
# workers/search.a7633da7.min.js, and the navigator's digest-named files; under javascripts/ and
# stylesheets/: our own scripts and style sheet (fingerprints.py).
DIGEST_NAME = re.compile(r"(?:assets|javascripts|stylesheets)/(?:[^/]+/)*[^/]*[.-][0-9a-f]{8,}\.[^/]+")
LISTS = ("precache", "navigator", "fallback")
DATA = "assets/navigator/data/"  # <partnership>-<digest>.json (navigator/web/runtime.py)
# Nothing to inflate: the snapshot is no longer gzip inside (navigator/web/snapshot_form.py); the server
# sends its brotli or gzip copy and the browser decodes it, so the service worker keeps it as it comes.


def kind(path: str) -> str | None:
    """Which list a file belongs to ("precache", "navigator", "fallback"), or None when it is not listed."""
    if path in UNLISTED_FILES or path.startswith(UNLISTED_FOLDERS) or path.endswith((".map", *COPIES)):
        return None
    if path.startswith(NAVIGATOR_FOLDERS):
        return "fallback" if PurePosixPath(path).name in FALLBACK_NAMES else "navigator"
    return "precache"


def partnership_of(path: str, partnerships: frozenset[str]) -> str | None:
    """The partnership a file belongs to: under its folder, its search index or its navigator data."""
    first = path.split("/", 1)[0]
    if first in partnerships:
        return first
    name = PurePosixPath(path)
    if path.startswith("search/") and name.stem in partnerships:
        return name.stem
    if path.startswith(DATA) and name.stem.rsplit("-", 1)[0] in partnerships:
        return name.stem.rsplit("-", 1)[0]
    return None


def immutable(path: str) -> bool:
    return path.startswith(RUNTIME) or DIGEST_NAME.fullmatch(path) is not None


def address(path: str) -> str:
    """The address a file is requested by: a page by its folder ("level-1/index.html" as "level-1/")."""
    if path == "index.html":
        return "./"
    return path.removesuffix("index.html") if path.endswith("/index.html") else path


def manifest(site_dir: Path, template: str, partnerships: Iterable[str] = ()) -> dict[str, Any]:
    """The lists, the immutable paths and a version that changes whenever a listed file or the worker does."""
    ids = frozenset(partnerships)
    files = sorted(path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*") if path.is_file())
    lists: dict[str, list[str]] = {name: [] for name in LISTS}
    own: dict[str, dict[str, list[str]]] = {
        name: {partnership: [] for partnership in sorted(ids)} for name in ("partnerships", "navigator_data")
    }
    version = hashlib.sha256(template.encode("utf-8"))
    listed = []
    for path in files:
        group = kind(path)
        if group is None:
            continue
        pid = partnership_of(path, ids)
        if pid is not None and group == "precache":
            own["partnerships"][pid].append(address(path))
        elif pid is not None and group == "navigator":
            own["navigator_data"][pid].append(address(path))
        else:
            lists[group].append(address(path))
        listed.append(path)
        content = hashlib.sha256((site_dir / path).read_bytes()).hexdigest()
        version.update(f"{path}\0{content}\n".encode())
    digest_named = [path for path in listed if immutable(path) and not path.startswith(RUNTIME)]
    return {
        "version": version.hexdigest()[:16],
        **lists,
        **own,
        "immutable": [RUNTIME, *digest_named],
    }


def write_service_worker(site_dir: Path, partnerships: Iterable[str] = ()) -> None:
    """Write `sw.js` to the site root: the worker's code with this build's manifest in place of the null."""
    template = TEMPLATE.read_text(encoding="utf-8")
    if template.count(PLACEHOLDER) != 1:
        raise ValueError(f"{TEMPLATE} must hold `{PLACEHOLDER}` exactly once")
    data = json.dumps(manifest(site_dir, template, partnerships), separators=(",", ":"))
    script = template.replace(PLACEHOLDER, f"const MANIFEST = {data};")
    (site_dir / "sw.js").write_text(script, encoding="utf-8")


def read_manifest(site_dir: Path) -> dict[str, Any]:
    """The manifest `write_service_worker` wrote into the site's `sw.js`; empty when there is no sw.js."""
    worker = site_dir / "sw.js"
    if not worker.is_file():
        return {}
    text = worker.read_text(encoding="utf-8")
    start = re.search(r"const MANIFEST = (?=\{)", text)
    if start is None:
        raise ValueError(f"{worker} has no `const MANIFEST = {{...}};`")
    manifest, _ = json.JSONDecoder().raw_decode(text, start.end())
    return dict(manifest)
