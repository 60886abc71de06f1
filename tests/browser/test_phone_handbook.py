"""The handbook on a phone (390 x 844, touch): every phone number is a tap-to-call link big enough to tap,
the urgent lines first, and axe (WCAG 2.2 AA and best practices) finds nothing on any kind of page."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Locator, Page

from tests.browser.test_handbook import axe_violations

TAP = 44  # CSS pixels each way (WCAG 2.5.5, Apple's and Android's guidance)
DIALLED = re.compile(r"^tel:\+?[0-9]+$")
URGENT_LINKS = ".admonition.danger a[href^='tel:']"
# One page of each kind; the navigator page passes too, so it is in (its form and result: test_navigator*.py).
PAGE_KINDS = [
    "",
    "derby-derbyshire/",
    "derby-derbyshire/level-4/",
    "derby-derbyshire/indicators/",
    "derby-derbyshire/contacts/",
    "derby-derbyshire/consent/",
    "derby-derbyshire/guidance/",
    "derby-derbyshire/processes/",
    "derby-derbyshire/open-data/",
    "derby-derbyshire/what-changed/",
    "york/checklist-prepare-for-your-call/",
    "york/contacts/",
    "compare/",
    "conflicts/",
    "sources/",
    "safety/hazard-log/",
    "privacy/",
    "derby-derbyshire/navigator/",
]


@pytest.fixture(scope="module")
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    yield context.new_page()
    context.close()


def _too_small(links: Locator) -> list[str]:
    """Each link that is not a visible target of at least TAP x TAP, with its size."""
    small = []
    for index in range(links.count()):
        link = links.nth(index)
        box = link.bounding_box()
        if box is None or box["width"] < TAP or box["height"] < TAP:
            small.append(f"{link.get_attribute('href')} {link.inner_text()!r}: {box}")
    return small


@pytest.mark.parametrize(
    ("path", "numbers"),
    [
        ("", ["999", "01629 533190", "01332 641172", "0800 1313126", "01782 235100", "01904 551900"]),
        ("derby-derbyshire/contacts/", ["999", "01629 533190", "01332 641172"]),
        ("stoke-staffordshire/level-4/", ["999", "01782 235100", "0800 1313126"]),
        ("york/level-2/", ["999", "01904 551900"]),
    ],
)
def test_every_urgent_line_is_a_tap_to_call_link_big_enough_to_tap(
    phone: Page, site_url: str, path: str, numbers: list[str]
) -> None:
    phone.goto(f"{site_url}/{path}", wait_until="networkidle")
    links = phone.locator(URGENT_LINKS)
    hrefs = links.evaluate_all("links => links.map((a) => a.getAttribute('href'))")
    assert hrefs[0] == "tel:999"
    assert all(DIALLED.match(href) for href in hrefs), hrefs
    assert sorted(hrefs) == sorted("tel:" + number.replace(" ", "") for number in numbers)
    shown = " ".join(links.all_inner_texts())
    assert all(number in shown for number in numbers), shown  # as the data writes it
    assert _too_small(links) == []
    # The urgent box is the first thing on the page: its 999 line is on screen without scrolling.
    box = links.first.bounding_box()
    assert box is not None
    assert box["y"] + box["height"] <= 844


def test_every_phone_on_a_contacts_page_is_big_enough_to_tap(phone: Page, site_url: str) -> None:
    phone.goto(f"{site_url}/stoke-staffordshire/contacts/", wait_until="networkidle")
    contacts = phone.locator(".contact a[href^='tel:']")
    assert contacts.count() >= 4
    assert "0800 1313126" in contacts.all_inner_texts()  # as the data writes it, not "0800 13 13 126"
    assert _too_small(contacts) == []


def test_a_level_pages_step_contact_is_big_enough_to_tap(phone: Page, site_url: str) -> None:
    phone.goto(f"{site_url}/derby-derbyshire/level-3/", wait_until="networkidle")
    phone.locator(".tabbed-labels label").filter(has_text="Derby City").tap()
    line = phone.locator(".tabbed-block a[href='tel:07812300329']")
    line.wait_for()
    assert line.inner_text() == "07812 300329"
    assert _too_small(line) == []


def test_axe_finds_nothing_on_any_kind_of_page_on_a_phone(phone: Page, site_url: str) -> None:
    """Tables that scroll sideways, the drawer and the search dialog are only landmarks or dialogs here."""
    problems = []
    for path in PAGE_KINDS:
        phone.goto(f"{site_url}/{path}", wait_until="networkidle")
        problems += [f"{path or 'home'}: {problem}" for problem in axe_violations(phone)]
    assert problems == []
