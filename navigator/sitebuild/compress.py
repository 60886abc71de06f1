"""Brotli and gzip copies of the built site's text, scripts, wasm and data, beside each file.

A static server sends `file.br` or `file.gz` in place of `file` when the browser accepts it (nginx's
`brotli_static` and `gzip_static`, deploy/nginx.conf), so nothing is compressed per request and the
strongest settings cost only build time: brotli quality 11 with a 16 MB window (the wasm and the snapshot
are 10 MB and more; the default 4 MB window finds fewer repeats), gzip level 9. A copy is written only where
it pays (at most 90% of the file); zips and images are compressed already.

Quality 11 is slow (35 s for Pyodide's 9.6 MB wasm on one core), so every copy is kept in
`.cache/compress/` under the digest of what it compresses, and a build compresses only what changed; copies
no build has used for a week are removed. `HANDBOOK_COMPRESS=0` builds without copies (the tests' other
sites, which no server sends compressed).
"""

from __future__ import annotations

import gzip
import hashlib
import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import brotli

REPOSITORY = Path(__file__).resolve().parents[2]
CACHE = REPOSITORY / ".cache" / "compress"
SUFFIXES = frozenset(
    {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".csv", ".wasm", ".bin", ".map", ".ico"}
)
SKIPPED_NAMES = frozenset({"_headers"})
MIN_BYTES = 256  # smaller files fit in one packet either way
PAYS = 0.9  # a copy is written when it is at most this share of the file
BROTLI_QUALITY = 11
BROTLI_WINDOW = 24  # 2**24 bytes: brotli's largest standard window
GZIP_LEVEL = 9
KEEP_SECONDS = 7 * 24 * 3600
FORM = f"brotli-{BROTLI_QUALITY}-{BROTLI_WINDOW}/gzip-{GZIP_LEVEL}"  # part of each cache key


@dataclass
class Report:
    files: int = 0  # files a copy was considered for
    brotli: int = 0  # copies written
    gzip: int = 0
    bytes_in: int = 0
    bytes_brotli: int = 0  # what the considered files weigh as sent (the copy, or the file when none)
    seconds: float = 0.0


def enabled() -> bool:
    return os.environ.get("HANDBOOK_COMPRESS", "1") not in ("0", "")


def wanted(path: Path) -> bool:
    return (
        path.suffix in SUFFIXES
        and path.name not in SKIPPED_NAMES
        and path.is_file()
        and path.stat().st_size >= MIN_BYTES
    )


def _cached(data: bytes, suffix: str) -> bytes:
    """The brotli (`.br`) or gzip (`.gz`) form of data, from the cache or made and kept there."""
    key = hashlib.sha256(FORM.encode() + b"\0" + data).hexdigest()
    kept = CACHE / f"{key}{suffix}"
    if kept.is_file():
        kept.touch()
        return kept.read_bytes()
    if suffix == ".br":
        result = bytes(brotli.compress(data, quality=BROTLI_QUALITY, lgwin=BROTLI_WINDOW))
    else:
        result = gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = kept.with_name(f".{kept.name}.{os.getpid()}.part")
    partial.write_bytes(result)
    partial.replace(kept)  # whole or not at all, even with two builds at once
    return result


def _copies(path: Path) -> tuple[Path, int, dict[str, int]]:
    """Write the copies that pay beside one file (removing stale ones); their sizes by suffix."""
    data = path.read_bytes()
    written = {}
    for suffix in (".br", ".gz"):
        target = path.with_name(path.name + suffix)
        compressed = _cached(data, suffix)
        if len(compressed) <= PAYS * len(data):
            target.write_bytes(compressed)
            written[suffix] = len(compressed)
        else:
            target.unlink(missing_ok=True)
    return path, len(data), written


def write_siblings(site_dir: Path) -> Report:
    """Write `file.br` and `file.gz` beside every file worth compressing; the biggest first, on every core."""
    report = Report()
    if not enabled():
        return report
    started = time.perf_counter()
    files = sorted(
        (path for path in site_dir.rglob("*") if wanted(path)), key=lambda p: p.stat().st_size, reverse=True
    )
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:  # brotli and zlib release the GIL
        for _, size, written in pool.map(_copies, files):
            report.files += 1
            report.bytes_in += size
            report.brotli += ".br" in written
            report.gzip += ".gz" in written
            report.bytes_brotli += written.get(".br", size)
    _prune()
    report.seconds = time.perf_counter() - started
    return report


def _prune() -> None:
    """Remove copies no build has used for a week (the cache would otherwise keep every page ever built)."""
    if not CACHE.is_dir():
        return
    now = time.time()
    for kept in CACHE.iterdir():
        if kept.is_file() and now - kept.stat().st_mtime > KEEP_SECONDS:
            kept.unlink(missing_ok=True)
