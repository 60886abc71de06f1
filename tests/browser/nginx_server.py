"""Debian's nginx serving a copy of the built site with the repository's configuration (deploy/nginx.conf),
on a free loopback port, for the browser tests: the site as it is served for real."""

from __future__ import annotations

import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from navigator.sitebuild import nginx

START_SECONDS = 10


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Nginx:
    """nginx in the foreground serving `folder`; `stop` ends it (the site goes offline)."""

    folder: Path
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=START_SECONDS)


def start(folder: Path, run: Path) -> Nginx:
    """nginx for this folder, once it accepts connections (its errors in the exception if it never does)."""
    port = free_port()
    conf = nginx.config(folder, port, run)
    log = run / "error.log"
    with log.open("wb") as errors:  # nginx keeps its own copy of the descriptor
        process = subprocess.Popen(nginx.command(conf), stdout=subprocess.DEVNULL, stderr=errors)
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx stopped at once:\n{log.read_text(errors='replace')}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return Nginx(folder, port, process, log)
        except OSError:
            time.sleep(0.05)
    process.terminate()
    raise RuntimeError(f"nginx did not listen on port {port} within {START_SECONDS} s")
