"""The offline copy: `sw.js` at the site root, with a manifest of the built site's own files filled in.

After the first visit the service worker (navigator/web/sw.js) keeps this site's files in the browser's
Cache Storage, so the handbook and the navigator work with the network off. Every built file is sorted
into one list:

- precache: fetched when the worker installs (pages, theme, search index, our scripts and styles, images);
- navigator: the Pyodide runtime and the navigator's files, kept once a navigator page has started its
  runtime (the page has just loaded them, so the browser's HTTP cache answers and nothing is downloaded
  twice);
- fallback: runtime files Pyodide fetches only in some set-ups (`python_stdlib.zip`, `pyodide-lock.json`):
  kept with the navigator only if this browser has already fetched them, never downloaded for it;
- not listed: mermaid (only pages with diagrams load it), source maps, the sitemaps and `sw.js` itself:
  kept when first used.

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
from pathlib import Path, PurePosixPath
from typing import Any

TEMPLATE = Path(__file__).resolve().parents[1] / "web" / "sw.js"
PLACEHOLDER = "const MANIFEST = null;"
NAVIGATOR_FOLDERS = ("assets/pyodide/", "assets/navigator/")
FALLBACK_NAMES = frozenset({"python_stdlib.zip", "pyodide-lock.json"})
UNLISTED_FOLDERS = ("javascripts/vendor/mermaid/",)
UNLISTED_FILES = frozenset({"sitemap.xml", "sitemap.xml.gz", "sw.js"})
RUNTIME = "assets/pyodide/"  # the runtime's folder carries its version: never changes in place
# A content digest in a file name under assets/: Material's bundle.a5f9d56c.min.js, main.57a0d79d.min.css,
# workers/search.a7633da7.min.js, and the navigator's digest-named files.
DIGEST_NAME = re.compile(r"assets/(?:[^/]+/)*[^/]*[.-][0-9a-f]{8,}\.[^/]+")
LISTS = ("precache", "navigator", "fallback")


def kind(path: str) -> str | None:
    """Which list a file belongs to ("precache", "navigator", "fallback"), or None when it is not listed."""
    if path in UNLISTED_FILES or path.startswith(UNLISTED_FOLDERS) or path.endswith(".map"):
        return None
    if path.startswith(NAVIGATOR_FOLDERS):
        return "fallback" if PurePosixPath(path).name in FALLBACK_NAMES else "navigator"
    return "precache"


def immutable(path: str) -> bool:
    return path.startswith(RUNTIME) or DIGEST_NAME.fullmatch(path) is not None


def address(path: str) -> str:
    """The address a file is requested by: a page by its folder ("level-1/index.html" as "level-1/")."""
    if path == "index.html":
        return "./"
    return path.removesuffix("index.html") if path.endswith("/index.html") else path


def manifest(site_dir: Path, template: str) -> dict[str, Any]:
    """The lists, the immutable paths and a version that changes whenever a listed file or the worker does."""
    files = sorted(path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*") if path.is_file())
    lists: dict[str, list[str]] = {name: [] for name in LISTS}
    version = hashlib.sha256(template.encode("utf-8"))
    for path in files:
        group = kind(path)
        if group is not None:
            lists[group].append(path)
            content = hashlib.sha256((site_dir / path).read_bytes()).hexdigest()
            version.update(f"{path}\0{content}\n".encode())
    listed = sorted(path for group in LISTS for path in lists[group])
    digest_named = [path for path in listed if immutable(path) and not path.startswith(RUNTIME)]
    return {
        "version": version.hexdigest()[:16],
        **{group: [address(path) for path in lists[group]] for group in LISTS},
        "immutable": [RUNTIME, *digest_named],
    }


def write_service_worker(site_dir: Path) -> None:
    """Write `sw.js` to the site root: the worker's code with this build's manifest in place of the null."""
    template = TEMPLATE.read_text(encoding="utf-8")
    if template.count(PLACEHOLDER) != 1:
        raise ValueError(f"{TEMPLATE} must hold `{PLACEHOLDER}` exactly once")
    data = json.dumps(manifest(site_dir, template), separators=(",", ":"))
    script = template.replace(PLACEHOLDER, f"const MANIFEST = {data};")
    (site_dir / "sw.js").write_text(script, encoding="utf-8")
