"""`make screenshots`: pictures of the handbook and the navigator, on a desktop and on a phone, taken in
Debian chromium from the built site (site/) served on a loopback port, into docs/screenshots/.

The README shows them, so a newcomer sees the product before installing it. Every scenario is
hypothetical; nothing is typed. Run after `make build`.
"""

from __future__ import annotations

import functools
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS

REPOSITORY = Path(__file__).resolve().parents[1]
SITE = REPOSITORY / "site"
OUT = REPOSITORY / "docs" / "screenshots"
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
NAVIGATOR = "derby-derbyshire/navigator/"
TICKS = ("input[name='area'][value='derbyshire']", "input[value='l2-health-frequent-accidents']")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """No request log on the console."""


def _ticked(page: Page, base: str) -> None:
    """The Derby and Derbyshire navigator with one hypothetical tick, once its suggestion is shown."""
    page.goto(f"{base}/{NAVIGATOR}")
    page.wait_for_selector("#navigator[data-state='ready']", timeout=120_000)
    for selector in TICKS:
        box = page.locator(selector)
        box.evaluate("box => { const fold = box.closest('details'); if (fold) fold.open = true; }")
        box.check()
    page.wait_for_function("() => document.getElementById('navigator').dataset.shown", timeout=60_000)
    page.wait_for_timeout(300)


def take(base: str) -> list[Path]:
    """Every screenshot, written into docs/screenshots/; their paths."""
    OUT.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        for device, options in (("desktop", DESKTOP), ("phone", PHONE)):
            context = browser.new_context(**options)
            page = context.new_page()
            page.goto(f"{base}/")
            written.append(OUT / f"handbook-home-{device}.png")
            page.screenshot(path=written[-1])
            page.goto(f"{base}/derby-derbyshire/level-2/")
            written.append(OUT / f"handbook-level-{device}.png")
            page.screenshot(path=written[-1])
            _ticked(page, base)
            written.append(OUT / f"navigator-{device}.png")
            page.screenshot(path=written[-1])
            context.close()
        browser.close()
    return written


def main() -> int:
    if not (SITE / "index.html").is_file():
        print("screenshots: no built site in site/: run `make build` first", file=sys.stderr)
        return 1
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(SITE)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        for path in take(f"http://127.0.0.1:{server.server_address[1]}"):
            print(path.relative_to(REPOSITORY))
    finally:
        server.shutdown()
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
