"""The navigator's form on a wide screen and on a phone (issue 22): folding domains, "Your scenario", the
level filter, all by keyboard too. The result is waited for itself (`shown`), never for static text."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from navigator.model.partnership import Partnership
from tests.browser.test_navigator import CITY, SELF_HARM, open_navigator, shown

SCREENS: dict[str, dict[str, Any]] = {
    "wide": {"viewport": {"width": 1280, "height": 1000}},
    "phone": {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True},
}
DOMAIN = "details.nav-domain"
HEALTH = f"{DOMAIN}:has({SELF_HARM})"
SELF_HARM_ID = "l3-health-self-harming-behaviours"
PHYSICALLY_WELL = "input[value='l1-health-physically-well']"  # also in Health


@pytest.fixture(scope="module", params=sorted(SCREENS))
def screen(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def context(browser: Browser, screen: str) -> Iterator[BrowserContext]:
    context = browser.new_context(**SCREENS[screen])
    yield context
    context.close()


@pytest.fixture(scope="module")
def derby(partnerships: list[Partnership]) -> dict[str, Any]:
    return next(p.document for p in partnerships if p.id == "derby-derbyshire")


def text_of(document: dict[str, Any], indicator: str) -> str:
    return str(next(i["text"] for i in document["indicators"] if i["id"] == indicator))


def open_domains(page: Page) -> list[bool]:
    return [bool(open_) for open_ in page.locator(DOMAIN).evaluate_all("ds => ds.map((d) => d.open)")]


def unfold(page: Page, domain: str) -> None:
    """Open a domain as a person would, by its summary, unless it is open already."""
    if not page.locator(domain).evaluate("d => d.open"):
        page.locator(domain).locator("summary").click()
    expect(page.locator(domain)).to_have_js_property("open", value=True)


def test_domains_start_folded_on_a_phone_and_their_summaries_count_the_ticks(
    context: BrowserContext, site_url: str, screen: str, derby: dict[str, Any]
) -> None:
    page = open_navigator(context, site_url, "derby-derbyshire")
    before = shown(page, None)
    folds = open_domains(page)
    assert len(folds) == len(
        [d for d in derby["domains"] if d["id"] in {i["domain"] for i in derby["indicators"]}]
    )
    assert folds == [screen == "wide"] * len(folds)  # a phone shows a short list of domain names
    health = page.locator(HEALTH)
    summary = health.locator("summary")
    expect(summary).to_have_text("Health — 0 ticked")
    if screen == "phone":
        assert not page.locator(SELF_HARM).is_visible()
        summary.tap()  # a finger opens it
    expect(health).to_have_js_property("open", value=True)
    page.check(SELF_HARM)
    before = shown(page, before)
    expect(summary).to_have_text("Health — 1 ticked")
    page.check(PHYSICALLY_WELL)
    before = shown(page, before)
    expect(summary).to_have_text("Health — 2 ticked")
    page.uncheck(SELF_HARM)
    shown(page, before)
    expect(summary).to_have_text("Health — 1 ticked")
    assert [
        text for text in page.locator(f"{DOMAIN} .nav-domain-count").all_inner_texts() if "0" not in text
    ] == ["— 1 ticked"]
    page.close()


def test_your_scenario_lists_what_is_chosen_and_removing_unticks_it_and_the_suggestion_follows(
    context: BrowserContext, site_url: str, screen: str, derby: dict[str, Any]
) -> None:
    page = open_navigator(context, site_url, "derby-derbyshire")
    before = shown(page, None)
    listed = page.locator("#nav-scenario-list li")
    expect(page.locator("#nav-scenario-empty")).to_be_visible()
    page.check(CITY)
    before = shown(page, before)
    unfold(page, HEALTH)
    page.check(SELF_HARM)
    before = shown(page, before)
    page.check("input[name='flag:consent'][value='refused']")
    before = shown(page, before)
    level = page.locator("#nav-level")
    assert level.inner_text().startswith("Suggested: Level 2")
    text = text_of(derby, SELF_HARM_ID)
    expect(listed).to_have_count(2)
    assert "Consent to share information: Refused" in listed.nth(1).inner_text()
    expect(page.locator("#nav-scenario-empty")).to_be_hidden()
    # The list sits above the first question, where a phone user finds it.
    top = "e => e.getBoundingClientRect().top"
    assert page.locator("#nav-scenario").evaluate(top) < page.locator("#nav-urgent-title").evaluate(top)
    remove = page.get_by_role("button", name=f"Remove: {text}", exact=True)
    remove.click()
    before = shown(page, before)
    assert not page.is_checked(SELF_HARM)
    assert level.inner_text().startswith("No suggestion yet")
    expect(page.locator(HEALTH).locator("summary")).to_have_text("Health — 0 ticked")
    expect(listed).to_have_count(1)
    page.get_by_role("button", name="Remove: Consent to share information: Refused").click()
    shown(page, before)
    assert page.is_checked("input[name='flag:consent'][value='']")  # back to "Not stated"
    expect(listed).to_have_count(0)
    expect(page.locator("#nav-scenario-title")).to_be_focused()  # the focus stays in the list's place
    # Start again resets the form without change events: the list and the counts follow it too.
    page.check("input[data-flag='immediate_danger']")
    expect(listed).to_have_count(1)
    expect(listed).to_contain_text("The child is in immediate danger")
    page.click("#nav-clear")
    expect(listed).to_have_count(0)
    page.close()


def test_the_level_filter_narrows_the_list_with_the_text_filter_and_is_not_the_scenario(
    context: BrowserContext, site_url: str, screen: str, derby: dict[str, Any]
) -> None:
    page = open_navigator(context, site_url, "derby-derbyshire")
    before = shown(page, None)
    assert page.locator("#nav-level-filter option").all_inner_texts() == [
        "All",
        *[f"Level {level['level']}: {level['name']}" for level in derby["levels"]],
    ]
    at_level_2 = [i for i in derby["indicators"] if i["level"] == 2]
    page.select_option("#nav-level-filter", "2")
    visible = page.locator("label.indicator:not([hidden])")
    expect(visible).to_have_count(len(at_level_2))
    assert set(visible.evaluate_all("ls => ls.map((l) => l.dataset.level)")) == {"2"}
    expect(page.locator("#nav-filter-count")).to_have_text(f"{len(at_level_2)} indicators shown")
    with_matches = {i["domain"] for i in at_level_2}
    for domain in page.locator(DOMAIN).all():
        matches = str(domain.get_attribute("data-domain")) in with_matches
        assert domain.is_visible() is matches
        assert domain.evaluate("d => d.open") is matches  # a filter opens the domains it matches in
    page.fill("#nav-filter", "self")
    both = [i for i in at_level_2 if "self" in i["text"].casefold()]
    assert both
    expect(visible).to_have_count(len(both))
    page.wait_for_timeout(300)
    assert page.get_attribute("#navigator", "data-shown") == before  # filtering asks for no assessment
    page.fill("#nav-filter", "")
    page.select_option("#nav-level-filter", "")
    expect(visible).to_have_count(len(derby["indicators"]))
    expect(page.locator("#nav-filter-count")).to_have_text("")
    assert open_domains(page) == [screen == "wide"] * page.locator(DOMAIN).count()  # as they were before
    page.close()


def test_by_keyboard_alone_a_domain_opens_an_indicator_is_ticked_and_removed_from_the_list(
    context: BrowserContext, site_url: str
) -> None:
    page = open_navigator(context, site_url, "derby-derbyshire")
    before = shown(page, None)
    page.focus("#nav-level-filter")
    page.keyboard.press("Tab")
    first = page.locator(DOMAIN).first
    expect(first.locator("summary")).to_be_focused()
    was_open = first.evaluate("d => d.open")
    page.keyboard.press("Enter")
    expect(first).to_have_js_property("open", value=not was_open)
    if was_open:  # Enter folded it; Space opens it again
        page.keyboard.press("Space")
        expect(first).to_have_js_property("open", value=True)
    page.keyboard.press("Tab")
    box = first.locator("input[name='indicator']").first
    expect(box).to_be_focused()
    page.keyboard.press("Space")
    before = shown(page, before)
    assert box.is_checked()
    expect(first.locator("summary")).to_contain_text("— 1 ticked")
    for _ in range(40):  # back up the page to the list's button, by keyboard only
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.matches('.nav-remove')"):
            break
    remove = page.locator("#nav-scenario-list .nav-remove")
    expect(remove).to_be_focused()
    page.keyboard.press("Enter")
    shown(page, before)
    assert not box.is_checked()
    assert page.locator("#nav-level").inner_text().startswith("No suggestion yet")
    expect(page.locator("#nav-scenario-title")).to_be_focused()
    page.close()
