"""What a static host sends for a request to a built site: the file, its precompressed sibling or gzip made
on the fly, and the headers a browser caches by.

The network part of `make bench` (tests/bench/network.py) must see the site the way a visitor's browser does
on a real host, or its byte counts and warm visits mean nothing: compressed text and wasm, `Vary`, an
`ETag` so that a `no-cache` file is revalidated (304) rather than downloaded again, and the Cache-Control
the site asks for in its Netlify-style `_headers`. Kept apart from the link (tests/bench/throttle.py), so
it reads and tests without sockets or clocks.
"""

from __future__ import annotations

import gzip
import mimetypes
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

GZIP_LEVEL = 6  # what hosts that compress on the fly commonly use
SIBLINGS = (("br", ".br"), ("gzip", ".gz"))  # precompressed files next to the originals, best first
NO_CACHE = "no-cache"
HEADERS_FILE = "_headers"
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".wasm": "application/wasm",
    ".bin": "application/octet-stream",
    ".svg": "image/svg+xml",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".zip": "application/zip",
    ".png": "image/png",
    ".ico": "image/x-icon",
}
COMPRESSIBLE = ("text/", "javascript", "json", "svg", "xml", "wasm")


@dataclass(frozen=True)
class Reply:
    """A response: status, headers (Content-Length is the server's to add) and the body as sent."""

    status: int
    headers: dict[str, str]
    body: bytes = b""
    encoding: str = "identity"


def content_type(file: Path) -> str:
    known = TYPES.get(file.suffix.lower())
    return known or mimetypes.guess_type(file.name)[0] or "application/octet-stream"


def compressible(file: Path) -> bool:
    """Text, JSON, SVG, XML, wasm and the snapshot (`.bin`): the types a host compresses on the fly."""
    kind = content_type(file)
    return file.suffix == ".bin" or any(part in kind for part in COMPRESSIBLE)


def accepted(accept_encoding: str) -> frozenset[str]:
    """The codings among br and gzip that an Accept-Encoding header allows (q > 0, or `*` with q > 0)."""
    weights: dict[str, float] = {}
    for item in accept_encoding.split(","):
        name, _, parameters = item.partition(";")
        weight = 1.0
        for parameter in parameters.split(";"):
            key, _, value = parameter.partition("=")
            if key.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if name.strip():
            weights[name.strip().lower()] = weight
    anything = weights.get("*", 0.0)
    return frozenset(coding for coding, _ in SIBLINGS if weights.get(coding, anything) > 0)


def path_pattern(path: str) -> re.Pattern[str]:
    """A `_headers` path as a regular expression: `*` matches anything (slashes too), `:name` a segment."""
    pieces = re.split(r"(\*|(?<=/):[A-Za-z_]\w*)", path)
    parts = [
        "[^/]+" if piece.startswith(":") else ".*" if piece == "*" else re.escape(piece) for piece in pieces
    ]
    return re.compile("".join(parts).rstrip("/") + "/?")


def read_cache_rules(text: str) -> list[tuple[re.Pattern[str], str]]:
    """The Cache-Control of each rule of a Netlify `_headers` file, in order: a path line, then indented
    `Name: value` lines; a header given twice in one rule is joined with commas, as Netlify does."""
    rules: list[tuple[re.Pattern[str], list[str]]] = []
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((path_pattern(stripped), []))
            continue
        name, colon, value = stripped.partition(":")
        if not rules or not colon:
            raise ValueError(f"{HEADERS_FILE} line {number}: expected a path, or `Name: value` under one")
        if name.strip().lower() == "cache-control":
            rules[-1][1].append(value.strip())
    return [(pattern, ", ".join(values)) for pattern, values in rules if values]


@dataclass
class StaticHost:
    """A built site as a static host serves it. Gzip made on the fly is kept in memory, as such hosts
    (and the CDNs before them) keep it, so only a file's first request pays for compressing it."""

    folder: Path
    rules: list[tuple[re.Pattern[str], str]] | None = None
    _gzipped: dict[tuple[Path, int], bytes] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        self.folder = self.folder.resolve()
        headers = self.folder / HEADERS_FILE
        if self.rules is None and headers.is_file():
            self.rules = read_cache_rules(headers.read_text(encoding="utf-8"))

    def reply(self, target: str, accept_encoding: str = "", if_none_match: str = "") -> Reply:
        """The response to a GET of `target` (path and query) with the request's own headers."""
        address = urlsplit(target)
        path = unquote(address.path)
        file = self.file(path)
        if file is None:
            return self._missing(accept_encoding)
        if file.is_dir():
            query = f"?{address.query}" if address.query else ""
            return Reply(301, {"Location": f"{address.path}/{query}", "Cache-Control": NO_CACHE})
        body, encoding, tag = self._encoded(file, accept_encoding)
        headers = {"Content-Type": content_type(file), "Cache-Control": self.cache_control(path)}
        headers |= {"Vary": "Accept-Encoding", "ETag": tag}
        if encoding != "identity":
            headers["Content-Encoding"] = encoding
        if tag in {candidate.strip() for candidate in if_none_match.split(",")} or if_none_match == "*":
            return Reply(304, headers, encoding=encoding)
        return Reply(200, headers, body, encoding)

    def file(self, path: str) -> Path | None:
        """The file (or, for a path without its trailing slash, the folder) a URL path names; None for a
        miss, a path outside the site, `_headers`, or a compressed sibling asked for by its own name."""
        if "\0" in path:
            return None
        candidate = (self.folder / path.lstrip("/")).resolve()
        if not candidate.is_relative_to(self.folder):
            return None
        if candidate.is_dir():
            if path.endswith("/"):
                candidate = candidate / "index.html"
            else:
                return candidate
        is_sibling = (
            candidate.suffix in {suffix for _, suffix in SIBLINGS} and candidate.with_suffix("").is_file()
        )
        if not candidate.is_file() or candidate.name == HEADERS_FILE or is_sibling:
            return None
        return candidate

    def cache_control(self, path: str) -> str:
        """The last matching rule's Cache-Control (Netlify's order), else `no-cache`: without `_headers`
        every file is revalidated on each use, which is what a host without instructions amounts to."""
        found = NO_CACHE
        for pattern, value in self.rules or []:
            if pattern.fullmatch(path):
                found = value
        return found

    def warm(self) -> None:
        """Compress now every file that would be gzipped on the fly (compressible, no `.gz` sibling), so
        that no timed visit waits for it (a host's cache is warm after its first visitor)."""
        for file in sorted(self.folder.rglob("*")):
            served = file.is_file() and self.file("/" + file.relative_to(self.folder).as_posix())
            if served and compressible(file) and not file.with_name(file.name + ".gz").is_file():
                self._gzip(file)

    def _encoded(self, file: Path, accept_encoding: str) -> tuple[bytes, str, str]:
        """The body, its coding and its ETag: a precompressed sibling the client accepts, else gzip made on
        the fly for a compressible type, else the file as it is."""
        codings = accepted(accept_encoding)
        for coding, suffix in SIBLINGS:
            sibling = file.with_name(file.name + suffix)
            if coding in codings and sibling.is_file():
                return sibling.read_bytes(), coding, _tag(sibling, coding)
        if "gzip" in codings and compressible(file):
            return self._gzip(file), "gzip", _tag(file, "gzip")
        return file.read_bytes(), "identity", _tag(file, "identity")

    def _gzip(self, file: Path) -> bytes:
        key = (file, file.stat().st_mtime_ns)
        with self._lock:
            if key not in self._gzipped:
                self._gzipped[key] = gzip.compress(file.read_bytes(), GZIP_LEVEL, mtime=0)
            return self._gzipped[key]

    def _missing(self, accept_encoding: str) -> Reply:
        page = self.folder / "404.html"
        if not page.is_file():
            return Reply(
                404, {"Content-Type": "text/plain; charset=utf-8", "Cache-Control": NO_CACHE}, b"Not found"
            )
        body, encoding, _ = self._encoded(page, accept_encoding)
        headers = {"Content-Type": content_type(page), "Cache-Control": NO_CACHE, "Vary": "Accept-Encoding"}
        if encoding != "identity":
            headers["Content-Encoding"] = encoding
        return Reply(404, headers, body, encoding)


def _tag(file: Path, coding: str) -> str:
    """A strong ETag from the file's size and time (as nginx makes one), per coding."""
    status = file.stat()
    return f'"{status.st_size:x}-{status.st_mtime_ns:x}-{coding}"'
