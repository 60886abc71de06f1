"""The navigator of a three-level and a five-level partnership (test fixtures, never guidance) in Debian
chromium: the suggestion names the partnership's own levels, and suspected harm leads to its
child-protection level and line, whatever that level's number (docs/adr/007)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext

from tests.browser.test_navigator import choose, open_navigator, shown
from tests.declared_levels import FAMILIES_FIRST, FIVE_LEVELS


@pytest.fixture(scope="module")
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    yield context
    context.close()


def test_a_three_level_partnership_suggests_family_help_and_leads_harm_to_its_level_3(
    context: BrowserContext, shapes_url: str
) -> None:
    page = open_navigator(context, shapes_url, FAMILIES_FIRST.partnership)
    before = choose(
        page, "input[name='area'][value='south-vale']", "input[value='l2-learning-attendance-falling']"
    )
    level = page.locator("#nav-level")
    assert level.inner_text().startswith("Suggested: Level 2 – Family Help")
    assert page.locator(".nav-urgent--now").count() == 0
    page.check("input[value='l3-health-unexplained-injury']")
    shown(page, before)
    assert level.inner_text().startswith("Suggested: Level 3 – Child protection")
    urgent = page.locator(".nav-urgent--now")
    assert urgent.locator("li").first.inner_text().count(FAMILIES_FIRST.lines["south-vale"][0]) == 1
    assert "Level 4" not in page.locator("#nav-result-body").inner_text()
    page.close()


def test_a_five_level_partnership_leads_harm_to_its_level_5(context: BrowserContext, shapes_url: str) -> None:
    page = open_navigator(context, shapes_url, FIVE_LEVELS.partnership)
    choose(page, "input[value='l4-parenting-and-care-emerging-neglect']")
    assert page.locator("#nav-level").inner_text().startswith("Suggested: Level 5")
    lines = page.locator(".nav-urgent--now").inner_text()
    first, second = FIVE_LEVELS.lines["eastmere"]
    assert lines.index(first) < lines.index(second)
    page.close()
