"""The site served by Debian's nginx with the repository's configuration, as `make serve-nginx` serves it.

Every address gets exactly the header policy (navigator/sitebuild/headers.py) with the compressed copy
the browser accepts; in chromium no page breaks its Content-Security-Policy, the navigator assesses, works
offline after a reload and picks up a new version. Each test serves its own copy on its own port (its own
origin, so its own service worker).
"""

from __future__ import annotations

import gzip
import http.client
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import brotli
import pytest
from playwright.sync_api import Browser, BrowserContext

from navigator.sitebuild import headers
from tests.browser import nginx_server
from tests.browser.test_offline import (
    RECORD_WORKER_REPLIES,
    assess_self_harm_in_derby,
    manifest,
    open_navigator,
    reload_navigator,
    shown_version,
    wait_until_cached,
    wait_until_kept,
)

# Every Content-Security-Policy violation a page meets, and every request it makes, recorded in the page.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) =>
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`));
"""


@pytest.fixture
def served(built_site: Path, tmp_path: Path) -> Iterator[nginx_server.Nginx]:
    folder = tmp_path / "served"
    shutil.copytree(built_site, folder)
    running = nginx_server.start(folder, tmp_path / "nginx")
    yield running
    running.stop()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context()
    context.add_init_script(RECORD_WORKER_REPLIES + RECORD_VIOLATIONS)
    yield context
    context.close()


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def getheader(self, name: str, default: str | None = None) -> str | None:
        return self.headers.get(name, default)


def get(port: int, address: str, encodings: str) -> Answer:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", address, headers={"Accept-Encoding": encodings} if encodings else {})
        response = connection.getresponse()
        return Answer(response.status, response.headers, response.read())
    finally:
        connection.close()


def decoded(body: bytes, encoding: str | None) -> bytes:
    if encoding == "br":
        return bytes(brotli.decompress(body))
    return gzip.decompress(body) if encoding == "gzip" else body


def test_every_address_gets_the_header_policy_and_the_copy_the_browser_accepts(
    served: nginx_server.Nginx,
) -> None:
    policy = headers.policy(served.folder)
    for address, wanted in policy.items():
        response = get(served.port, address, "gzip, deflate, br")
        body = response.body
        assert response.status == 200, address
        for name, value in wanted.items():
            assert response.getheader(name) == value, f"{address}: {name}"
        path = served.folder / (address.lstrip("/") + ("index.html" if address.endswith("/") else ""))
        encoding = response.getheader("Content-Encoding")
        assert encoding == ("br" if path.with_name(path.name + ".br").is_file() else None), address
        assert decoded(body, encoding) == path.read_bytes(), address
    assert len(policy) > 200


def test_each_kind_of_file_by_what_the_client_accepts(served: nginx_server.Nginx) -> None:
    wasm = (
        "/"
        + next(served.folder.glob("assets/pyodide/*/pyodide.asm.wasm")).relative_to(served.folder).as_posix()
    )
    raw = (served.folder / wasm.lstrip("/")).read_bytes()
    for accepts, encoding in (("gzip, deflate, br", "br"), ("gzip", "gzip"), ("", None)):
        response = get(served.port, wasm, accepts)
        assert response.getheader("Content-Type") == "application/wasm"
        assert response.getheader("Content-Encoding") == encoding
        assert response.getheader("Vary") == "Accept-Encoding"
        assert response.getheader("Cache-Control") == headers.IMMUTABLE
        assert decoded(response.body, encoding) == raw
    brotli_size = len(get(served.port, wasm, "br").body)
    assert brotli_size < 0.35 * len(raw)  # 9.6 MB sent as 2.7 MB
    worker = get(served.port, "/sw.js", "br")
    assert worker.getheader("Cache-Control") == "no-cache"
    assert worker.getheader("Content-Type") == "text/javascript; charset=utf-8"
    page = get(served.port, "/derby-derbyshire/navigator/", "br")
    assert str(page.getheader("Content-Security-Policy")).endswith("; frame-ancestors 'none'")
    assert page.getheader("Cache-Control") == "no-cache"
    missing = get(served.port, "/no-such-page/", "br")
    assert missing.status == 404
    assert (
        missing.getheader("Content-Security-Policy")
        == headers.policy(served.folder)["/404.html"]["Content-Security-Policy"]
    )
    assert get(served.port, "/_headers", "").status == 404  # the host's file, not a page


def test_no_page_breaks_its_policy_and_the_navigator_assesses(
    context: BrowserContext, served: nginx_server.Nginx
) -> None:
    page = context.new_page()
    off_site: list[str] = []
    page.on(
        "request",
        lambda request: None if request.url.startswith(served.url) else off_site.append(request.url),
    )
    for address in ("/", "/derby-derbyshire/level-3/", "/york/processes/", "/no-such-page/"):
        page.goto(f"{served.url}{address}")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__violations") == [], address
    open_navigator(page, f"{served.url}/derby-derbyshire/navigator/")
    assert page.get_attribute("#navigator", "data-started") == "snapshot"
    assert assess_self_harm_in_derby(page) == "Suggested: Level 2 – Emerging Needs"
    assert page.evaluate("window.__violations") == []
    assert off_site == []


def test_offline_reload_and_a_new_version_picked_up(
    context: BrowserContext, served: nginx_server.Nginx, next_version_site: Path
) -> None:
    page = context.new_page()
    open_navigator(page, f"{served.url}/derby-derbyshire/navigator/")
    wait_until_kept(page, manifest(served.folder)["version"])
    assert shown_version(page) == "1"

    shutil.rmtree(served.folder)  # the next build is published on the same server
    shutil.copytree(next_version_site, served.folder)
    reload_navigator(page)
    assert shown_version(page) == "2"
    assert page.locator(".nav-error").count() == 0  # page and data agree

    wait_until_cached(page, served)
    served.stop()
    reload_navigator(page)  # offline
    assert shown_version(page) == "2"
    assert assess_self_harm_in_derby(page).startswith("Suggested: Level")
    assert page.evaluate("window.__violations") == []
