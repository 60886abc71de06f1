"""Every built page loads without a single request leaving 127.0.0.1 (no fonts, CDNs or analytics)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import Browser


def test_no_page_requests_anything_off_the_site(browser: Browser, site_url: str, built_site: Path) -> None:
    pages = sorted(path.relative_to(built_site).as_posix() for path in built_site.rglob("*.html"))
    assert "index.html" in pages
    requested: list[str] = []
    context = browser.new_context()
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    for name in pages:
        page.goto(f"{site_url}/{name}", wait_until="networkidle")
    page.keyboard.press("/")  # the theme's shortcut focuses the search box; searching must stay on-site too
    page.keyboard.type("Derby")
    page.locator(".md-search-result__item").first.wait_for()
    context.close()
    assert requested, "the browser recorded no requests at all"
    off_site = [
        url for url in requested if urlparse(url).hostname != "127.0.0.1" and not url.startswith("data:")
    ]
    assert off_site == []


def test_home_page_shows_the_urgent_lines(browser: Browser, site_url: str) -> None:
    page = browser.new_page()
    page.goto(f"{site_url}/index.html")
    urgent = page.locator(".admonition.danger")
    assert urgent.is_visible()
    text = urgent.inner_text()
    assert "999" in text
    assert "01629 533190" in text
    assert "01332 641172" in text
    assert "0800 1313126" in text
    assert "01782 235100" in text
    assert "01904 551900" in text
    page.close()
