"""The built handbook in Debian chromium: accessibility, page policy, diagrams, search, keyboard, print."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

REPOSITORY = Path(__file__).resolve().parents[2]
AXE = REPOSITORY / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_RULES = (*WCAG_22_AA, "best-practice")  # and axe's best practices: named dialogs, unique landmarks...
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture(scope="module")
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def html_pages(built_site: Path) -> list[str]:
    names = sorted(path.relative_to(built_site).as_posix() for path in built_site.rglob("*.html"))
    assert len(names) >= 30, names
    return names


def axe_violations(page: Page, tags: tuple[str, ...] = AXE_RULES) -> list[str]:
    """axe-core (npm, injected through the DevTools protocol, so the page's CSP stays as built): WCAG 2.2 AA
    and axe's best practices unless `tags` says otherwise."""
    # Measure the settled page: a fading header title or search result mid-transition is not what users read.
    page.evaluate("Promise.all(document.getAnimations().map((animation) => animation.finished))")
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    found: list[dict[str, Any]] = page.evaluate(
        """async (tags) => (await axe.run(document, {runOnly: {type: "tag", values: tags}})).violations
             .map((v) => ({id: v.id, nodes: v.nodes.map((n) => n.target.join(" "))}))""",
        list(tags),
    )
    return [f"{v['id']}: {', '.join(v['nodes'][:3])}" for v in found]


# ---- accessibility ---------------------------------------------------------------------------------------
def test_axe_finds_nothing_on_any_page(page: Page, site_url: str, html_pages: list[str]) -> None:
    problems = []
    for name in html_pages:
        page.goto(f"{site_url}/{name}", wait_until="networkidle")
        problems += [f"{name}: {problem}" for problem in axe_violations(page)]
    assert problems == []


def test_axe_finds_nothing_with_search_results_or_another_tab_open(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/derby-derbyshire/", wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type("self-harm")
    page.locator(".md-search-result__item").first.wait_for()
    assert axe_violations(page) == []
    page.locator("a.md-search-result__link[href$='#l3-health-self-harming-behaviours']").first.click()
    page.wait_for_url(re.compile("#l3-health-self-harming-behaviours$"))
    assert axe_violations(page) == []  # the landing page, with the search words highlighted
    page.goto(f"{site_url}/derby-derbyshire/level-4/", wait_until="networkidle")
    page.get_by_text("Derby City", exact=True).first.click()
    assert axe_violations(page) == []


def test_the_search_dialog_and_landmarks_have_names(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/index.html", wait_until="networkidle")
    assert page.get_by_role("search").count() >= 1
    assert page.get_by_role("textbox", name=re.compile("search", re.IGNORECASE)).count() == 1
    assert page.locator("main").count() == 1


# ---- security policy --------------------------------------------------------------------------------------
def test_every_page_has_a_self_only_policy_and_breaks_none_of_it(
    page: Page, site_url: str, html_pages: list[str]
) -> None:
    broken = {}
    for name in html_pages:
        page.goto(f"{site_url}/{name}", wait_until="networkidle")
        policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content") or ""
        assert "default-src 'self'" in policy, name
        script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
        assert "unsafe-inline" not in script_src, name
        assert "'unsafe-eval'" not in script_src.split(), name  # only navigator pages: 'wasm-unsafe-eval'
        assert ("'wasm-unsafe-eval'" in script_src.split()) == name.endswith("navigator/index.html"), name
        violations = page.evaluate("window.__cspViolations")
        if violations:
            broken[name] = violations
    assert broken == {}


def test_no_cookie_and_nothing_stored_but_the_chosen_area_tab(browser: Browser, site_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site_url}/derby-derbyshire/level-4/", wait_until="networkidle")
    page.locator(".tabbed-labels label").nth(1).click()
    page.keyboard.press("/")
    page.keyboard.type("self-harm")
    page.locator(".md-search-result__item").first.wait_for()
    page.goto(f"{site_url}/york/processes/", wait_until="networkidle")
    assert context.cookies() == []
    assert page.evaluate("document.cookie") == ""
    assert page.evaluate("Object.keys(localStorage)") == ["/.__tabs"]
    assert page.evaluate("JSON.parse(localStorage.getItem('/.__tabs'))") == ["Derby City"]
    assert page.evaluate("Object.keys(sessionStorage)") == []
    context.close()


# ---- diagrams ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("path", "figures", "words"),
    [
        (
            "derby-derbyshire/processes/",
            3,
            [
                "Step 2: What action should you take?",
                "Contact Starting Point immediately on ☎ 01629 533190 if a Child Protection referral is "
                "required",
                "Contact Social Care on 01332 641172",
                "No Further Action (NFA)",
            ],
        ),
        (
            "york/processes/",
            2,
            [
                "Provision of advice and information (Contact);",
                "the Police must be notified immediately.",
                "moderate level of need",
            ],
        ),
    ],
)
def test_diagrams_are_drawn_from_our_own_copy_of_mermaid(
    page: Page, site_url: str, path: str, figures: int, words: list[str]
) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{site_url}/{path}", wait_until="networkidle")
    page.locator(".diagram-drawn svg").nth(figures - 1).wait_for()
    assert page.locator(".process-diagram").count() == figures
    assert page.locator(".diagram-drawn").count() == figures
    assert page.locator(".diagram-failed").count() == 0
    drawn = " ".join(page.locator(".diagram-drawn").all_text_contents())
    for phrase in words:
        assert phrase in drawn
        assert phrase in page.locator("article").inner_text().replace("\n", " ")  # the text version too
    assert any("/javascripts/vendor/mermaid/" in url for url in requested)
    assert page.locator(".diagram-drawn").first.get_attribute("role") == "img"


# ---- search -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "indicator", "words"),
    [
        (
            "self-harm",
            "derby-derbyshire/indicators/#l3-health-self-harming-behaviours",
            "Self-harming behaviours",
        ),
        (
            "FGM",
            "derby-derbyshire/indicators/#l4-specific-honour-based-abuse-violence-forced-marriage",
            "'Honour' based abuse/violence/forced marriage/ female genital mutilation (FGM)",
        ),
        (
            "missing from home",
            "stoke-staffordshire/indicators/#l4-guidance-persistent-and-regular-incidents-of-missing",
            "Persistent and regular incidents of missing from home (three or more incidents in 90 days)",
        ),
        (
            "private fostering",
            "stoke-staffordshire/indicators/#l4-other-privately-fostered",
            "Privately fostered",
        ),
        (
            "young carer",
            "derby-derbyshire/indicators/#l3-emotional-young-carer-whose-development-is-being",
            "Young carer whose development is being compromised by virtue of having those responsibilities",
        ),
    ],
)
def test_search_finds_the_indicator_and_lands_on_it(
    page: Page, site_url: str, query: str, indicator: str, words: str
) -> None:
    path, anchor = indicator.split("#")
    page.goto(f"{site_url}/{path.split('/')[0]}/", wait_until="networkidle")  # searches its partnership
    page.keyboard.press("/")
    page.keyboard.type(query)
    result = page.locator(f'a.md-search-result__link[href*="{path}"][href$="#{anchor}"]')
    more = page.locator("details.md-search-result__more summary")
    page.locator(".md-search-result__item").first.wait_for()
    for index in range(more.count()):  # a result may sit under "more on this page"
        if not result.first.is_visible():
            more.nth(index).click()
    result.first.click()
    page.wait_for_url(re.compile(f"/{re.escape(path)}.*#{re.escape(anchor)}$"))
    target = page.locator(f"li[id='{anchor}']")
    assert target.locator(".indicator-text").inner_text() == words
    assert target.evaluate("element => element.matches(':target')")
    box, viewport = target.bounding_box(), page.viewport_size
    assert box is not None
    assert viewport is not None
    assert 0 <= box["y"] < viewport["height"], "the indicator is not on screen after landing"


def test_a_partnerships_pages_search_that_partnership_and_home_finds_the_partnerships(
    page: Page, site_url: str
) -> None:
    page.goto(f"{site_url}/derby-derbyshire/level-2/", wait_until="networkidle")
    assert page.locator("input.md-search__input").get_attribute("placeholder") == (
        "Search Derby City and Derbyshire"
    )
    page.keyboard.press("/")
    page.keyboard.type("Privately fostered")  # a Stoke-on-Trent and Staffordshire indicator
    page.locator(".md-search-result__meta").filter(has_text=re.compile("matching|No matching")).wait_for()
    links = page.locator("a.md-search-result__link").evaluate_all("links => links.map((a) => a.href)")
    assert not [link for link in links if "/stoke-staffordshire/" in link]
    assert page.evaluate(
        """() => performance.getEntriesByType("resource").map((entry) => new URL(entry.name).pathname)
          .filter((path) => path.includes("/search/") && path.endsWith(".json"))"""
    ) == ["/search/derby-derbyshire.json"]
    # The home page searches the pages across partnerships and each partnership's overview.
    page.goto(f"{site_url}/", wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type("Staffordshire")
    overview = page.locator("a.md-search-result__link[href*='/stoke-staffordshire/?h=']")
    overview.first.wait_for()


# ---- keyboard ---------------------------------------------------------------------------------------------
def _focused(page: Page) -> str:
    return str(page.evaluate("document.activeElement.outerHTML.slice(0, 200)"))


def test_keyboard_alone_skip_link_navigation_search_and_tabs(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/derby-derbyshire/level-4/", wait_until="networkidle")
    # The first Tab reaches the skip link, which moves focus past the header to the content.
    page.keyboard.press("Tab")
    assert "md-skip" in _focused(page)
    # Navigation: Tab until the link to the contacts page has focus, then Enter follows it.
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href')") == "../contacts/":
            break
    else:
        pytest.fail("the navigation link to the contacts page was never reached by Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("/derby-derbyshire/contacts/$"))
    # Content tabs: reach the area tabs by Tab, move with the arrow keys, and the other area's steps show.
    page.goto(f"{site_url}/derby-derbyshire/level-4/", wait_until="networkidle")
    derby_city = page.get_by_text("Make an immediate referral to Social Care", exact=False)
    for _ in range(120):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.tabbed-set > input')"):
            break
    else:
        pytest.fail("no content tab was reached by Tab")
    assert not derby_city.is_visible()
    page.keyboard.press("ArrowRight")  # the tabs are radio buttons: the arrow keys choose the area
    assert derby_city.is_visible()
    assert page.evaluate("document.activeElement.checked")
    # Search: the shortcut focuses the box, typing searches, the arrow keys pick a result and Enter opens it.
    page.goto(f"{site_url}/stoke-staffordshire/", wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type("Privately fostered")
    page.locator(".md-search-result__item").first.wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("/indicators/.*#l4-"))


# ---- print ------------------------------------------------------------------------------------------------
def test_printing_shows_the_stamp_and_every_areas_steps(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/derby-derbyshire/level-4/", wait_until="networkidle")
    stamp = page.locator(".print-stamp")
    assert not stamp.is_visible()
    page.emulate_media(media="print")
    try:
        text = stamp.inner_text()
        assert stamp.is_visible()
        assert "Derby City and Derbyshire Threshold Document (version 1; published 2019-12)" in text
        assert re.search(r"Printed on \d{1,2} [A-Z][a-z]+ \d{4}: check the online version is current", text)
        assert page.get_by_text("Make an immediate referral to Social Care", exact=False).is_visible()
        assert page.get_by_text("Talk with the family - unless this puts the child", exact=False).is_visible()
        assert page.locator(".admonition.danger").is_visible()  # the urgent lines print too
        assert not page.locator(".md-sidebar--primary").is_visible()
    finally:
        page.emulate_media(media="screen")


def test_the_york_checklist_prints_as_tick_boxes(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/york/checklist-prepare-for-your-call/", wait_until="networkidle")
    page.emulate_media(media="print")
    try:
        items = page.locator(".checklist li")
        assert items.count() == 26
        assert items.first.inner_text() == "Identity and Contact details;"
        box = items.first.evaluate("li => getComputedStyle(li, '::before').borderTopWidth")
        assert box == "2px"
        assert "City of York" in page.locator(".print-stamp").inner_text()
    finally:
        page.emulate_media(media="screen")
