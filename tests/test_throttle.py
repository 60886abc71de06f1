"""The benchmark's slow-link server (tests/bench/throttle.py) and the host behind it (tests/bench/host.py).

The network part of `make bench` is only as true as this server: if it sent faster than its bandwidth,
skipped its round trips, or served the wrong coding, every figure there would be wrong without a sign.
Times are checked from below only ("at least"), with margins a busy machine keeps.
"""

from __future__ import annotations

import gzip
import http.client
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.bench.host import NO_CACHE, StaticHost, accepted, read_cache_rules
from tests.bench.throttle import Link, serve

MEGABYTE = 1_000_000
IMMUTABLE = "public, max-age=31536000, immutable"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A small built site: pages, a script with both precompressed siblings, text and wasm without."""
    (tmp_path / "index.html").write_text("<h1>Home</h1>", encoding="utf-8")
    (tmp_path / "404.html").write_text("<h1>Not here</h1>" * 20, encoding="utf-8")
    (tmp_path / "guide").mkdir()
    (tmp_path / "guide" / "index.html").write_text("<h1>Guide</h1>", encoding="utf-8")
    assets = tmp_path / "assets"
    assets.mkdir()
    (assets / "app.js").write_text("console.log('plain');\n" * 50, encoding="utf-8")
    (assets / "app.js.br").write_bytes(b"brotli bytes")
    (assets / "app.js.gz").write_bytes(b"gzip bytes")
    (assets / "style.css").write_text("body { color: black; }\n" * 100, encoding="utf-8")
    (assets / "runtime.wasm").write_bytes(b"\0asm" + bytes(4000))
    (assets / "snapshot.bin").write_bytes(bytes(4000))
    (assets / "picture.png").write_bytes(os.urandom(MEGABYTE))
    return tmp_path


@contextmanager
def served(site: Path, link: Link) -> Iterator[tuple[str, int]]:
    with serve(StaticHost(site), link) as url:
        host, port = url.removeprefix("http://").split(":")
        yield host, int(port)


def get(address: tuple[str, int], path: str, accept: str = "identity") -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection(*address, timeout=30)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": accept})
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    return response


def test_bandwidth_is_honoured(site: Path) -> None:
    """1 MB at 8 Mbps takes at least a second (0.95 s: the clock's and the chunks' slack)."""
    with served(site, Link(8_000_000, 0)) as address:
        started = time.monotonic()
        response = get(address, "/assets/picture.png")
        elapsed = time.monotonic() - started
    assert response.status == 200
    assert elapsed >= 0.95


def test_bandwidth_is_shared_by_all_connections(site: Path) -> None:
    """Two 1 MB downloads at once over 16 Mbps take at least a second: one link, not one per connection."""
    with served(site, Link(16_000_000, 0)) as address:
        threads = [threading.Thread(target=get, args=(address, "/assets/picture.png")) for _ in range(2)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    assert elapsed >= 0.95


def test_round_trips(site: Path) -> None:
    """A new connection's first response comes two round trips after connecting (handshake, request);
    the next on the same connection, kept alive, one round trip after it is asked."""
    link = Link(None, 0.3)
    with served(site, link) as address:
        connection = http.client.HTTPConnection(*address, timeout=30)
        started = time.monotonic()
        connection.request("GET", "/")
        connection.getresponse().read()
        first = time.monotonic() - started
        kept_alive = connection.sock
        started = time.monotonic()
        connection.request("GET", "/guide/")
        second = connection.getresponse()
        second.read()
        again = time.monotonic() - started
        assert kept_alive is not None
        assert connection.sock is kept_alive, "the second request needed a new connection"
        connection.close()
    assert first >= 0.58
    assert again >= 0.29
    assert second.status == 200


def test_precompressed_sibling_by_accept_encoding(site: Path) -> None:
    host = StaticHost(site)
    brotli = host.reply("/assets/app.js", "gzip, deflate, br, zstd")
    assert (brotli.body, brotli.headers["Content-Encoding"]) == (b"brotli bytes", "br")
    gzipped = host.reply("/assets/app.js", "gzip, deflate")
    assert (gzipped.body, gzipped.headers["Content-Encoding"]) == (b"gzip bytes", "gzip")
    refused = host.reply("/assets/app.js", "br;q=0, gzip")
    assert refused.body == b"gzip bytes"
    plain = host.reply("/assets/app.js", "identity")
    assert plain.body == (site / "assets" / "app.js").read_bytes()
    assert "Content-Encoding" not in plain.headers
    for reply in (brotli, gzipped, plain):
        assert reply.headers["Vary"] == "Accept-Encoding"
        assert reply.headers["Content-Type"].startswith("text/javascript")
    assert len({brotli.headers["ETag"], gzipped.headers["ETag"], plain.headers["ETag"]}) == 3


def test_gzip_on_the_fly_for_compressible_types(site: Path) -> None:
    host = StaticHost(site)
    for path, kind in (
        ("/assets/style.css", "text/css"),
        ("/assets/runtime.wasm", "application/wasm"),
        ("/assets/snapshot.bin", "application/octet-stream"),
        ("/guide/", "text/html"),
    ):
        reply = host.reply(path, "gzip, deflate, br")
        assert reply.headers["Content-Encoding"] == "gzip", path
        assert reply.headers["Content-Type"].startswith(kind), path
        original = site / path.strip("/") if not path.endswith("/") else site / "guide" / "index.html"
        assert gzip.decompress(reply.body) == original.read_bytes(), path
    picture = host.reply("/assets/picture.png", "gzip, br")
    assert "Content-Encoding" not in picture.headers
    assert picture.headers["Vary"] == "Accept-Encoding"


def test_siblings_and_headers_file_never_served_by_name(site: Path) -> None:
    (site / "_headers").write_text("/assets/*\n  Cache-Control: " + IMMUTABLE + "\n", encoding="utf-8")
    host = StaticHost(site)
    for path in ("/assets/app.js.br", "/assets/app.js.gz", "/_headers", "/missing.html", "/../etc/passwd"):
        reply = host.reply(path, "identity")
        assert reply.status == 404, path
        assert reply.body == (site / "404.html").read_bytes(), path


def test_folders(site: Path) -> None:
    host = StaticHost(site)
    assert host.reply("/guide/").body == b"<h1>Guide</h1>"
    moved = host.reply("/guide?x=1")
    assert (moved.status, moved.headers["Location"]) == (301, "/guide/?x=1")


def test_cache_control_from_headers_file(site: Path) -> None:
    assert StaticHost(site).reply("/assets/app.js").headers["Cache-Control"] == NO_CACHE
    (site / "_headers").write_text(
        "# comment\n/*\n  Cache-Control: no-cache\n  X-Frame-Options: DENY\n"
        "/assets/*\n  Cache-Control: public\n  Cache-Control: max-age=31536000, immutable\n",
        encoding="utf-8",
    )
    host = StaticHost(site)
    assert host.reply("/assets/app.js").headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert host.reply("/guide/").headers["Cache-Control"] == NO_CACHE
    with pytest.raises(ValueError, match="line 1"):
        read_cache_rules("  Cache-Control: no-cache\n")


def test_revalidation_answers_not_modified(site: Path) -> None:
    host = StaticHost(site)
    first = host.reply("/assets/style.css", "gzip")
    again = host.reply("/assets/style.css", "gzip", if_none_match=first.headers["ETag"])
    assert (again.status, again.body) == (304, b"")
    assert host.reply("/assets/style.css", "identity", if_none_match=first.headers["ETag"]).status == 200


def test_accept_encoding() -> None:
    assert accepted("gzip, deflate, br, zstd") == {"br", "gzip"}
    assert accepted("gzip;q=0.5, br;q=0") == {"gzip"}
    assert accepted("*") == {"br", "gzip"}
    assert accepted("identity") == set()
    assert accepted("") == set()


def test_counts_every_byte_sent(site: Path) -> None:
    """The count is what went down the wire: headers and compressed body, exactly; reset starts anew."""
    link = Link(None, 0)
    with served(site, link) as address:
        received = b""
        with socket.create_connection(address, timeout=30) as connection:
            request = "GET /assets/style.css HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n"
            connection.sendall(f"{request}Connection: close\r\n\r\n".encode())
            while chunk := connection.recv(65536):
                received += chunk
        link.wait_until_idle(quiet_s=0.05)
        head, body = received.split(b"\r\n\r\n", 1)
        assert b"Content-Encoding: gzip" in head
        assert len(body) < (site / "assets" / "style.css").stat().st_size
        assert link.files() == {"/assets/style.css (200, gzip)": len(received)}
        assert link.reset() == len(received)
        assert link.sent == 0
