"""The navigator on a phone (issue 22): the bar at the foot of the screen, the full result over the form,
phone numbers that ring when tapped, one short live message per change, the same print as on a desktop,
and the levels' picture marking the suggestion."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from navigator.decision import Assessor
from tests.browser.test_navigator import CITY, SELF_HARM, open_navigator, shown

PHONE = {"width": 390, "height": 844}
YOUNG_CARER = "input[value='l3-emotional-young-carer-whose-development-is-being']"
DANGER = "input[data-flag='immediate_danger']"
DERBYSHIRE = "input[name='area'][value='derbyshire']"
HARM = "input[value='l4-emotional-child-young-person-has-experienced-a']"


@pytest.fixture(scope="module")
def phone(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, device_scale_factor=2)
    yield context
    context.close()


def tick(page: Page, previous: str | None, *selectors: str) -> str:
    """Check each input (opening the fold it is in, as a reader would), waiting for each newer result."""
    for selector in selectors:
        page.eval_on_selector(
            selector, "input => { const fold = input.closest('details'); if (fold) fold.open = true; }"
        )
        page.check(selector)
        previous = shown(page, previous)
    return str(previous)


def in_viewport(page: Page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    assert box is not None, selector
    inside_across = box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 0.5
    return inside_across and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"] + 0.5


def test_after_a_tick_the_bar_shows_the_level_in_view_without_scrolling(
    phone: BrowserContext, site_url: str
) -> None:
    page = open_navigator(phone, site_url, "derby-derbyshire")
    before = shown(page, None)
    bar = page.locator("#nav-bar")
    assert bar.is_visible()
    assert page.locator("#nav-bar-level").inner_text() == "No suggestion yet"
    tick(page, before, CITY, SELF_HARM)
    assert page.evaluate("window.scrollY") > 0  # the tick was far down the form
    assert in_viewport(page, "#nav-bar")
    assert in_viewport(page, "#nav-bar-open")
    assert page.locator("#nav-bar-level").inner_text() == "Level 2, Emerging Needs"
    assert page.locator("#nav-bar-borderline").inner_text().startswith("Borderline")
    assert page.locator("#nav-bar-count").inner_text() == "1 indicator ticked"
    assert page.locator("#nav-bar-urgent").is_hidden()
    page.close()


def test_on_a_wide_screen_there_is_no_bar_and_the_result_stays_beside_the_form(
    browser: Browser, site_url: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = open_navigator(context, site_url, "derby-derbyshire")
    shown(page, None)
    assert page.locator("#nav-bar").is_hidden()
    assert page.locator("#nav-result").is_visible()
    assert page.locator(".nav-layout > #nav-result").count() == 1
    context.close()


def test_the_full_result_opens_over_the_form_and_closes_back_to_where_the_reader_was(
    phone: BrowserContext, site_url: str
) -> None:
    page = open_navigator(phone, site_url, "derby-derbyshire")
    tick(page, shown(page, None), CITY, SELF_HARM)
    page.evaluate("window.scrollTo(0, 900)")
    where = page.evaluate("window.scrollY")
    for how in ("Escape", "the close button"):
        page.click("#nav-bar-open")
        dialog = page.get_by_role("dialog", name="Suggestion")
        assert dialog.is_visible()
        assert page.locator("#nav-result-dialog #nav-level").inner_text().startswith("Suggested: Level 2")
        assert in_viewport(page, "#nav-result-dialog")
        if how == "Escape":
            page.keyboard.press("Escape")
        else:
            page.click("#nav-dialog-close")
        assert dialog.is_hidden()
        assert page.evaluate("document.activeElement.id") == "nav-bar-open", how
        assert page.evaluate("window.scrollY") == where, how
        assert page.locator(".nav-layout > #nav-result").count() == 1, how  # back in its place
    page.close()


def _phones(assessor: Assessor, scenario: dict[str, object]) -> dict[str, list[str]]:
    """The phone numbers CPython's result gives for the scenario, by the part of the result showing them."""
    reply = json.loads(assessor.assess_json(json.dumps({**scenario, "now": "2026-11-23T10:00:00Z"})))
    a = reply["assessment"]
    harm = a["if_harm_suspected"]["urgent"] if a["if_harm_suspected"] else []
    return {
        ".nav-urgent": [line["phone"] for line in (a["urgent"] or a["if_urgent"]) if line["phone"]],
        ".nav-if-harm": [line["phone"] for line in harm],
        ".nav-contacts": [contact["phone"] for contact in a["contacts"] if contact.get("phone")],
    }


def _every_number_rings(page: Page, expected: dict[str, list[str]]) -> None:
    for part, phones in expected.items():
        links = page.locator(f"#nav-result-body {part} a[href^='tel:']")
        assert links.all_inner_texts() == phones, part
        for link in links.all():
            text = link.inner_text()
            assert link.get_attribute("href") == "tel:" + re.sub(r"[^0-9+]", "", text)
            box = link.bounding_box()
            assert box is not None
            assert box["width"] >= 44, (part, text, box)
            assert box["height"] >= 44, (part, text, box)


def test_every_phone_number_in_a_result_is_a_tel_link_big_enough_to_tap(
    phone: BrowserContext, site_url: str, assessor: Assessor
) -> None:
    page = open_navigator(phone, site_url, "derby-derbyshire")
    before = tick(page, shown(page, None), DERBYSHIRE, HARM)
    scenario: dict[str, object] = {
        "partnership": "derby-derbyshire",
        "area": "derbyshire",
        "indicators": ["l4-emotional-child-young-person-has-experienced-a"],
        "answers": {},
        "flags": {},
    }
    expected = _phones(assessor, scenario)
    assert expected[".nav-if-harm"]
    assert expected[".nav-contacts"]
    _every_number_rings(page, expected)
    tick(page, before, DANGER)
    expected = _phones(assessor, {**scenario, "flags": {"immediate_danger": True}})
    assert expected[".nav-urgent"][0] == "999"
    assert page.locator(".nav-urgent--now").count() == 1
    _every_number_rings(page, expected)
    # The bar leads with the urgent lines, each one tap away, in view.
    bar = page.locator("#nav-bar-urgent a[href^='tel:']")
    assert bar.all_inner_texts() == expected[".nav-urgent"]
    for link in bar.all():
        box = link.bounding_box()
        assert box is not None
        assert box["width"] >= 44
        assert box["height"] >= 44
    assert in_viewport(page, "#nav-bar-urgent")
    page.close()


def test_the_live_message_is_short_and_changes_with_every_tick(phone: BrowserContext, site_url: str) -> None:
    page = open_navigator(phone, site_url, "derby-derbyshire")
    assert page.get_attribute("#nav-result-body", "aria-live") is None
    assert page.get_attribute("#nav-live", "aria-live") == "polite"
    before = shown(page, None)
    messages = [page.locator("#nav-live").text_content() or ""]
    for selector in (CITY, SELF_HARM, YOUNG_CARER, DANGER):
        before = tick(page, before, selector)
        messages.append(page.locator("#nav-live").text_content() or "")
    assert messages[0] == "No suggestion yet. No indicators ticked."
    assert messages[2] == "Suggested: Level 2, Emerging Needs, borderline. 1 indicator ticked."
    assert messages[3].startswith("Suggested: Level 3, ")
    assert messages[3].endswith(". 2 indicators ticked.")
    assert messages[4].startswith(
        "Urgent: ring 999 or First Contact Team on 01332 641172. Suggested: Level 4"
    )
    assert all(0 < len(message) <= 300 for message in messages)
    assert len(set(messages[1:])) == len(messages[1:])  # a new message for every change
    page.close()


def _printed(page: Page) -> str:
    page.emulate_media(media="print")
    return page.locator("#navigator").inner_text()


def test_printing_from_a_phone_gives_the_desktop_print(
    phone: BrowserContext, browser: Browser, site_url: str
) -> None:
    page = open_navigator(phone, site_url, "derby-derbyshire")
    tick(page, shown(page, None), CITY, SELF_HARM)
    page.click("#nav-bar-open")
    page.click("#nav-dialog-close")
    on_phone = _printed(page)
    assert page.locator("#nav-result").is_visible()
    assert page.locator("#nav-level").is_visible()
    assert page.locator("label.indicator:visible").count() == 1  # the scenario: what was ticked
    assert page.locator("#nav-stamp").is_visible()
    for chrome in ("#nav-bar", "#nav-result-dialog", "#nav-dialog-close", "#nav-live"):
        assert page.locator(chrome).is_hidden(), chrome
    desktop = browser.new_context(viewport={"width": 1280, "height": 1000})
    wide = open_navigator(desktop, site_url, "derby-derbyshire")
    tick(wide, shown(wide, None), CITY, SELF_HARM)
    assert _printed(wide) == on_phone
    desktop.close()
    page.close()


def test_the_levels_picture_marks_the_suggested_level(phone: BrowserContext, site_url: str) -> None:
    page = open_navigator(phone, site_url, "derby-derbyshire")
    before = shown(page, None)
    picture = page.locator("#nav-result-body #nav-continuum")
    assert picture.count() == 1
    assert page.locator("#nav-continuum .continuum-marked").count() == 0
    assert page.locator("#nav-continuum g[data-level]").count() == 4
    assert page.locator("#nav-continuum .continuum-protection").get_attribute("data-level") == "4"
    before = tick(page, before, CITY, SELF_HARM)
    marked = page.locator("#nav-continuum g.continuum-marked")
    assert marked.count() == 1
    assert marked.get_attribute("data-level") == "2"
    assert page.locator("#nav-continuum-marked").text_content() == "Suggested: Level 2, Emerging Needs."
    assert page.locator("#nav-continuum li.continuum-marked").inner_text().endswith("(suggested)")
    svg = page.get_by_role("img", name=re.compile(r"levels of need.*Suggested: Level 2, Emerging Needs\."))
    assert svg.count() == 1
    tick(page, before, YOUNG_CARER)
    assert page.locator("#nav-continuum g.continuum-marked").get_attribute("data-level") == "3"
    assert page.locator("#nav-continuum .continuum-here").count() == 1
    page.close()
