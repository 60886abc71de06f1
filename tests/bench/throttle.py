"""A built site served on 127.0.0.1 as if across a real link: one downstream bandwidth shared by every
connection, and a round trip before each response (two on a new connection), for `make bench`'s network
part.

On 127.0.0.1 with nothing compressed, a 9.6 MB wasm costs nothing to fetch, so what start-up figures say
about a visitor on a phone or a busy office line is unknown. This server keeps the host's behaviour
(tests/bench/host.py: compression, caching headers) and adds the link's:

- bandwidth: one link for the whole server, as one visitor's line is; every response's bytes leave in
  chunks of CHUNK_BYTES, each once the link has had time to carry every chunk before it, so parallel
  downloads share it (at most one chunk of burst);
- round trip: a response starts one round trip after its request arrived; on a new connection no sooner
  than two after the connection opened (TCP's handshake, then the request), so a connection chromium
  opened early does not pay it twice. Upstream is taken as free and TCP's slow start is not modelled,
  so the figures are if anything a little kind to large first downloads;
- HTTP/1.1 keep-alive: chromium opens up to 6 connections per host, each a thread here.

It counts the bytes it sends (headers and bodies as sent, after compression), per file too, so a visit's
transfer size is known; `reset` starts a new count.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

from tests.bench.host import StaticHost

CHUNK_BYTES = 8 * 1024
IDLE_POLL_S = 0.05


class Link:
    """The downstream link: its bandwidth (None for unlimited), its round trip, and what it has carried."""

    def __init__(
        self, bits_per_second: float | None, round_trip_s: float, chunk_bytes: int = CHUNK_BYTES
    ) -> None:
        self.bits_per_second = bits_per_second
        self.round_trip_s = round_trip_s
        self.chunk_bytes = chunk_bytes
        self._lock = threading.Lock()
        self._free_at = 0.0  # when the link will have carried every chunk given to it so far
        self._sent = 0
        self._files: Counter[str] = Counter()
        self._responding = 0
        self._last_activity = time.monotonic()

    def wait_to_answer(self, arrived: float, connected: float) -> None:
        """Hold a response until one round trip after its request arrived, and two after its connection
        opened (both `time.monotonic()`)."""
        _sleep_until(max(arrived + self.round_trip_s, connected + 2 * self.round_trip_s))

    def send(self, write: Callable[[bytes], object], data: bytes, what: str) -> None:
        """Write `data` at the link's pace, counting each chunk once written (a visit that stops early
        counts only what went)."""
        step = self.chunk_bytes if self.bits_per_second else max(1, len(data))
        for start in range(0, len(data), step):
            piece = data[start : start + step]
            if self.bits_per_second:
                with self._lock:
                    self._free_at = (
                        max(time.monotonic(), self._free_at) + 8 * len(piece) / self.bits_per_second
                    )
                    done = self._free_at
                _sleep_until(done)
            write(piece)
            with self._lock:
                self._sent += len(piece)
                self._files[what] += len(piece)
                self._last_activity = time.monotonic()

    @contextmanager
    def responding(self) -> Iterator[None]:
        """Marks a response in progress, from its request's arrival to its last byte (`wait_until_idle`)."""
        with self._lock:
            self._responding += 1
        try:
            yield
        finally:
            with self._lock:
                self._responding -= 1
                self._last_activity = time.monotonic()

    @property
    def sent(self) -> int:
        """Bytes sent since the last `reset`."""
        with self._lock:
            return self._sent

    def files(self) -> dict[str, int]:
        """Bytes sent per file and coding since the last `reset`, most first."""
        with self._lock:
            return dict(self._files.most_common())

    def reset(self) -> int:
        """Start a new count; returns the bytes sent since the last one."""
        with self._lock:
            sent, self._sent = self._sent, 0
            self._files.clear()
            return sent

    def wait_until_idle(self, quiet_s: float = 0.5, timeout_s: float = 60) -> None:
        """Wait until no response is in progress and none has been for `quiet_s`: the visit's last
        downloads (a service worker's) are over, and a closed visit's are cut off."""
        deadline = time.monotonic() + timeout_s
        while True:
            with self._lock:
                quiet = self._responding == 0 and time.monotonic() - self._last_activity >= quiet_s
            if quiet:
                return
            if time.monotonic() > deadline:
                raise TimeoutError(f"the link was still busy after {timeout_s} s")
            time.sleep(IDLE_POLL_S)


class _Handler(BaseHTTPRequestHandler):
    """Answers GET and HEAD from the host, through the link; one instance per connection."""

    protocol_version = "HTTP/1.1"  # keep-alive: every reply has a Content-Length
    host: ClassVar[StaticHost]
    link: ClassVar[Link]

    def setup(self) -> None:
        super().setup()
        self.connected = time.monotonic()

    def handle(self) -> None:
        """A visit closed mid-download (its context closed) is not an error."""
        with suppress(ConnectionResetError, BrokenPipeError):
            super().handle()

    def do_GET(self) -> None:
        self._answer(with_body=True)

    def do_HEAD(self) -> None:
        self._answer(with_body=False)

    def _answer(self, with_body: bool) -> None:
        arrived = time.monotonic()
        with self.link.responding():
            reply = self.host.reply(
                self.path, self.headers.get("Accept-Encoding", ""), self.headers.get("If-None-Match", "")
            )
            lines = [
                f"{self.protocol_version} {reply.status} {HTTPStatus(reply.status).phrase}",
                f"Date: {self.date_time_string()}",
                *[f"{name}: {value}" for name, value in reply.headers.items()],
            ]
            if reply.status != HTTPStatus.NOT_MODIFIED:
                lines.append(f"Content-Length: {len(reply.body)}")
            head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
            self.link.wait_to_answer(arrived, self.connected)
            what = f"{self.path.split('?', 1)[0]} ({reply.status}, {reply.encoding})"
            self.link.send(self.wfile.write, head + (reply.body if with_body else b""), what)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """No request log in the benchmark's output."""


class _Server(ThreadingHTTPServer):
    request_queue_size = 64  # chromium may open its 6 connections (and a service worker's) at once


@contextmanager
def serve(host: StaticHost, link: Link) -> Iterator[str]:
    """The host served through the link on a free loopback port, for as long as the context is open."""
    handler = type("Handler", (_Handler,), {"host": host, "link": link})
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _sleep_until(moment: float) -> None:
    wait = moment - time.monotonic()
    if wait > 0:
        time.sleep(wait)
