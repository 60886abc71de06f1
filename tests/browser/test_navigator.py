"""The navigator page in Debian chromium: Pyodide in a worker gives CPython's answers, privately."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from navigator.decision import Assessor
from navigator.model.partnership import Partnership
from navigator.model.scenarios import load_scenarios
from tests.browser.conftest import PRIMED
from tests.browser.test_handbook import axe_violations
from tests.browser.test_offline import NAVIGATOR_KEPT, RECORD_WORKER_REPLIES

READY = "#navigator[data-state='ready']"
# The page's own worker, through the same messages the form uses; one assessment at a time.
PARITY_SCRIPT = """async (scenarios) => {
  const base = new URL("../../assets/navigator/", location.href);
  const runtime = JSON.parse(document.querySelector("script[data-runtime]").dataset.runtime);
  const worker = new Worker(new URL(runtime.worker, base), {type: "module"});
  const reply = (want) => new Promise((resolve) => {
    worker.onmessage = ({data}) => { if (data.type === want) resolve(data); };
  });
  const ready = reply("ready");
  worker.postMessage({type: "start", runtime});
  const started = await ready;
  const out = [];
  for (const [index, scenario] of scenarios.items.entries()) {
    const answer = reply("result");
    worker.postMessage({type: "assess", id: index, scenario});
    out.push((await answer).result);
  }
  worker.terminate();
  return {how: started.how, results: out};
}"""


@pytest.fixture(scope="module")
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
    yield context
    context.close()


def open_navigator(context: BrowserContext, site_url: str, partnership: str) -> Page:
    page = context.new_page()
    page.goto(f"{site_url}/{partnership}/navigator/")
    page.wait_for_selector(READY, timeout=60_000)
    return page


def shown(page: Page, previous: str | None) -> str:
    """Wait until a newer result than `previous` is on screen; its number."""
    page.wait_for_function(
        "previous => { const s = document.getElementById('navigator').dataset.shown; "
        "return s && s !== previous; }",
        arg=previous,
    )
    return str(page.get_attribute("#navigator", "data-shown"))


def choose(page: Page, *selectors: str) -> str:
    """Check each input in turn, waiting each time for the newer result; the last result's number."""
    before = shown(page, None)
    for selector in selectors:
        page.check(selector)
        before = shown(page, before)
    return before


CITY = "input[name='area'][value='derby-city']"
SELF_HARM = "input[value='l3-health-self-harming-behaviours']"


# ---- parity: the browser's Pyodide against CPython --------------------------------------------------------
def test_every_golden_scenario_gives_cpythons_json_in_the_browser(
    context: BrowserContext, site_url: str, partnerships: list[Partnership], assessor: Assessor
) -> None:
    cases = [
        (partnership.id, json.dumps(golden.scenario, sort_keys=True))
        for partnership in partnerships
        for golden in load_scenarios(partnership, assessor)
    ]
    assert len(cases) == 97
    mismatched = []
    for pid in sorted({pid for pid, _ in cases}):
        page = open_navigator(context, site_url, pid)
        # The page's own worker, through the same message the form uses.
        reply = page.evaluate(PARITY_SCRIPT, {"pid": pid, "items": [s for p, s in cases if p == pid]})
        assert reply["how"] == "snapshot"  # the build's memory snapshot, not the plain fallback
        results = reply["results"]
        mine = [scenario for p, scenario in cases if p == pid]
        mismatched += [
            s for s, result in zip(mine, results, strict=True) if result != assessor.assess_json(s)
        ]
        page.close()
    assert mismatched == []


# ---- end to end -------------------------------------------------------------------------------------------
def test_ticking_indicators_shows_the_level_and_the_phone_numbers(
    context: BrowserContext, site_url: str
) -> None:
    page = open_navigator(context, site_url, "derby-derbyshire")
    before = choose(page, CITY, SELF_HARM)
    result = page.locator("#nav-result-body")
    assert "Suggested: Level 2 – Emerging Needs" in result.inner_text()
    assert "Borderline" in result.inner_text()
    page.check("input[value='l3-emotional-young-carer-whose-development-is-being']")
    before = shown(page, before)
    assert "Suggested: Level 3 – Intensive" in result.inner_text()
    page.check("input[data-flag='immediate_danger']")
    shown(page, before)
    urgent = page.locator(".nav-urgent--now")
    assert urgent.get_attribute("role") == "alert"
    lines = urgent.inner_text()
    assert lines.index("999") < lines.index("01332 641172")
    assert "Suggested: Level 4 – Specialist" in result.inner_text()
    page.close()


def test_an_empty_scenario_shows_no_suggestion_yet(context: BrowserContext, site_url: str) -> None:
    page = open_navigator(context, site_url, "derby-derbyshire")
    before = shown(page, None)
    level = page.locator("#nav-level")
    assert level.inner_text().startswith("No suggestion yet: tick what is seen")
    assert "not an all-clear" in level.inner_text()
    assert page.locator(".nav-urgent--now").count() == 0
    page.check("input[value='l1-health-physically-well']")
    before = shown(page, before)
    assert level.inner_text().startswith("Suggested: Level 1")
    page.uncheck("input[value='l1-health-physically-well']")
    shown(page, before)
    assert level.inner_text().startswith("No suggestion yet")
    page.close()


def test_a_harm_indicator_leads_with_the_child_protection_line_and_no_early_help_note(
    context: BrowserContext, site_url: str
) -> None:
    page = open_navigator(context, site_url, "derby-derbyshire")
    before = choose(
        page,
        "input[name='area'][value='derbyshire']",
        "input[data-flag='early_help_assessment'][value='none']",
    )
    page.check("input[value='l4-emotional-child-young-person-has-experienced-a']")
    before = shown(page, before)
    result = page.locator("#nav-result-body")
    text = result.inner_text()
    assert text.index("If significant harm is suspected") < text.index(
        "Next steps"
    )  # Level 4, no harm marked
    assert "01629 533190" in page.locator(".nav-if-harm").inner_text()
    page.check("input[value='l4-health-sexual-abuse-or-risk-of-sexual']")
    shown(page, before)
    urgent = page.locator(".nav-urgent--now")
    assert urgent.get_attribute("role") == "alert"
    assert (
        urgent.locator("li").first.inner_text().startswith("Starting Point via Call Derbyshire: 01629 533190")
    )
    text = result.inner_text()
    assert "will not be accepted without the completion of an Early Help Assessment" not in text
    assert "Our reading:" in text
    page.close()


def test_york_is_a_question_flow_over_its_disposals(context: BrowserContext, site_url: str) -> None:
    page = open_navigator(context, site_url, "york")
    assert page.locator("input[name='indicator']").count() == 0
    before = shown(page, None)
    assert "No suggestion yet" in page.locator("#nav-level").inner_text()
    page.check("input[data-answer='significant-harm-suspected'][value='false']")
    before = shown(page, before)
    page.check("input[data-answer='appears-vulnerable'][value='true']")
    before = shown(page, before)
    page.check("input[data-answer='level-of-need'][value='moderate']")
    shown(page, before)
    assert page.locator("#nav-level").inner_text().startswith("Suggested: Initial disposal 2")
    assert "01904 551900" in page.locator("#nav-result-body").inner_text()
    page.close()


def test_keyboard_only_walk_through_a_scenario(context: BrowserContext, site_url: str) -> None:
    page = open_navigator(context, site_url, "stoke-staffordshire")
    before = shown(page, None)
    page.focus("#nav-filter")
    page.keyboard.type("privately")
    assert page.locator("label.indicator:not([hidden])").count() == 1
    page.keyboard.press("Tab")  # the filter by level
    page.keyboard.press("Tab")  # the summary of the one domain left, opened by the filter
    page.keyboard.press("Tab")  # the only indicator left
    page.keyboard.press("Space")
    shown(page, before)
    assert page.locator("input[value='l4-other-privately-fostered']").is_checked()
    assert "Level 4" in page.locator("#nav-level").inner_text()
    page.close()


def test_save_and_load_round_trip_and_an_old_version_is_named(
    context: BrowserContext, site_url: str, tmp_path: Path
) -> None:
    page = open_navigator(context, site_url, "derby-derbyshire")
    page.check("input[value='l3-health-self-harming-behaviours']")
    page.check("input[name='flag:consent'][value='refused']")
    with page.expect_download() as download:
        page.click("#nav-save")
    saved = tmp_path / "scenario.json"
    download.value.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["scenario"]["indicators"] == ["l3-health-self-harming-behaviours"]
    assert data["scenario"]["flags"] == {"consent": "refused"}
    assert set(data["scenario"]) == {"partnership", "indicators", "answers", "flags"}  # no free text, no time
    page.click("#nav-clear")
    assert not page.is_checked("input[value='l3-health-self-harming-behaviours']")
    page.set_input_files("#nav-load", str(saved))  # the page reads the file asynchronously: wait for it
    expect(page.locator("input[value='l3-health-self-harming-behaviours']")).to_be_checked()
    expect(page.locator("input[name='flag:consent'][value='refused']")).to_be_checked()
    data["thresholds_version"] = "0.9"
    data["scenario"]["indicators"].append("l2-health-an-indicator-that-was-removed")
    saved.write_text(json.dumps(data), encoding="utf-8")
    page.set_input_files("#nav-load", str(saved))
    message = page.locator("#nav-tools-message")
    expect(message).to_contain_text("saved under version 0.9; this page uses version 1")
    note = message.inner_text()
    assert "l2-health-an-indicator-that-was-removed" in note
    page.close()


def test_share_link_keeps_the_scenario_in_the_fragment_only(context: BrowserContext, site_url: str) -> None:
    page = open_navigator(context, site_url, "stoke-staffordshire")
    page.check("input[value='l4-other-privately-fostered']")
    page.fill("input[data-answer='missing-from-home']", "3")
    page.click("#nav-share")
    link = page.url
    assert urlparse(link).query == ""
    assert urlparse(link).fragment.startswith("scenario=")
    page.close()
    requested: list[str] = []
    other = context.new_page()
    other.on("request", lambda request: requested.append(request.url))
    other.goto(link)
    other.wait_for_selector(READY, timeout=60_000)
    shown(other, None)
    assert other.is_checked("input[value='l4-other-privately-fostered']")
    assert other.input_value("input[data-answer='missing-from-home']") == "3"
    assert "Level 4" in other.locator("#nav-level").inner_text()
    assert not [url for url in requested if "scenario" in url]  # the fragment never goes to the server
    other.close()


def test_print_view_shows_the_scenario_the_result_and_the_stamp(
    context: BrowserContext, site_url: str
) -> None:
    page = open_navigator(context, site_url, "derby-derbyshire")
    before = shown(page, None)
    page.check("input[value='l3-health-self-harming-behaviours']")
    shown(page, before)
    page.emulate_media(media="print")
    stamp = page.locator("#nav-stamp").inner_text()
    assert page.locator("#nav-stamp").is_visible()
    assert stamp.startswith(
        "Hypothetical scenario, no personal data. Derby City and Derbyshire navigator, version 1"
    )
    assert re.search(r"printed on \d{1,2} [A-Z][a-z]+ \d{4}\.", stamp)
    assert page.locator("label.indicator:visible").count() == 1  # only what was ticked
    assert page.locator("#nav-level").is_visible()
    assert not page.locator(".nav-tools").is_visible()
    page.close()


# ---- privacy, failure, accessibility ---------------------------------------------------------------------
def test_no_request_leaves_the_site_and_none_at_all_while_ticking(browser: Browser, site_url: str) -> None:
    context = browser.new_context()
    context.add_init_script(RECORD_WORKER_REPLIES)
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = open_navigator(context, site_url, "derby-derbyshire")
    page.wait_for_load_state("networkidle")
    # The service worker keeps the site, then the navigator's files once the runtime is ready, and a spare
    # worker imports Pyodide's scripts from that copy once (navigator.js `primeCodeCache`): let them finish.
    page.wait_for_function(NAVIGATOR_KEPT, timeout=60_000)
    page.wait_for_function(PRIMED, timeout=60_000)
    assert page.get_attribute("#navigator", "data-primed") == "primed"
    assert [url for url in requested if urlparse(url).hostname != "127.0.0.1"] == []
    requested.clear()
    before = shown(page, None)
    for indicator in (
        "l3-health-self-harming-behaviours",
        "l4-specific-privately-fostered-child-or-young-person",
    ):
        page.check(f"input[value='{indicator}']")
        before = shown(page, before)
    page.check("input[data-flag='significant_harm_suspected']")
    shown(page, before)
    assert requested == []
    assert page.locator("#navigator input[type='text'], #navigator textarea").count() == 0
    context.close()


def test_after_the_first_suggestion_the_worker_practises_until_its_calls_are_settled(
    context: BrowserContext, site_url: str, assessor: Assessor
) -> None:
    page = open_navigator(context, site_url, "derby-derbyshire")
    page.wait_for_selector("#navigator[data-practised]", state="attached", timeout=60_000)
    practised = json.loads(str(page.get_attribute("#navigator", "data-practised")))
    # Every practice scenario of the partnership (navigator/decision/warm_up.py), then spaced ones: at
    # least the 5 quick ones in a row that end it (worker.js SETTLED), at most 50 (MOST_SPACED).
    practice = assessor.warm_up_scenarios("derby-derbyshire", "2026-11-22T10:00:00Z")
    assert practised["scenarios"] == len(practice)
    assert 5 <= practised["spaced"] <= 50
    assert practised["settled"] or practised["spaced"] == 50
    # The practice changed nothing a person sees: a tick still gives its own suggestion.
    choose(page, CITY, SELF_HARM)
    assert "Suggested: Level 2 – Emerging Needs" in page.locator("#nav-result-body").inner_text()
    page.close()


# A partnership's pages search its own index (navigator/sitebuild/search_scope.py).
SEARCH_INDEX_ASKED = """() => performance.getEntriesByType("resource")
  .filter((entry) => new URL(entry.name).pathname.startsWith("/search/")).map((entry) => entry.name)"""


def search_works(page: Page, query: str = "self-harm") -> None:
    page.keyboard.press("/")
    page.keyboard.type(query)
    expect(page.locator(".md-search-result__item").first).to_be_visible()


def test_the_search_index_is_fetched_only_once_search_is_used_and_search_works(
    browser: Browser, site_url: str
) -> None:
    context = browser.new_context()
    page = open_navigator(context, site_url, "derby-derbyshire")
    page.wait_for_timeout(1000)  # the page has settled: the runtime and the theme are started
    assert page.evaluate(SEARCH_INDEX_ASKED) == []  # nothing competes with Python's start
    search_works(page)
    assert page.evaluate(SEARCH_INDEX_ASKED) == [f"{site_url}/search/derby-derbyshire.json"]
    context.close()
    # When the runtime cannot start, search still works.
    context = browser.new_context()
    context.add_init_script("delete globalThis.WebAssembly;")
    page = context.new_page()
    page.goto(f"{site_url}/york/navigator/")
    page.wait_for_selector("#navigator[data-state='failed']")
    search_works(page, "front door")
    context.close()


def test_when_webassembly_is_missing_the_page_says_so_and_shows_no_result(
    browser: Browser, site_url: str
) -> None:
    context = browser.new_context()
    context.add_init_script("delete globalThis.WebAssembly;")
    page = context.new_page()
    page.goto(f"{site_url}/york/navigator/")
    page.wait_for_selector("#navigator[data-state='failed']")
    assert page.locator("#nav-failed").is_visible()
    assert page.locator("#nav-failed a").get_attribute("href") == "../"  # the partnership's handbook pages
    assert "Suggested" not in page.locator("#nav-result-body").inner_text()
    context.close()


def test_without_the_snapshot_the_plain_start_gives_the_same_answers(browser: Browser, site_url: str) -> None:
    context = browser.new_context()
    context.route(re.compile(r".*/snapshot-[0-9a-f]+\.bin$"), lambda route: route.abort())
    page = open_navigator(context, site_url, "derby-derbyshire")
    assert str(page.get_attribute("#navigator", "data-started")).startswith("plain (the snapshot could not")
    choose(page, CITY, SELF_HARM)
    assert "Suggested: Level 2 – Emerging Needs" in page.locator("#nav-result-body").inner_text()
    context.close()


def _damaged(packed: bytes, how: str) -> bytes:
    """The shipped snapshot (navigator/web/snapshot_form.py) damaged one way."""
    if how == "cut short":  # the download broken off half way
        return packed[: len(packed) // 2]
    if how == "not packed":  # Pyodide's own form, as the site shipped it before
        return b"\x00snp" + packed[4:]
    other = bytearray(packed)  # made from another wasm: the initial memory's checksums differ
    other[16] ^= 1
    return bytes(other)


@pytest.mark.parametrize(
    ("how", "reason"),
    [
        ("cut short", "the snapshot ended early"),
        ("not packed", "the snapshot is not packed"),
        ("another wasm", "the snapshot was made from another wasm"),
    ],
)
def test_a_damaged_snapshot_is_never_restored_the_plain_start_answers(
    browser: Browser, site_url: str, built_site: Path, how: str, reason: str
) -> None:
    """The worker writes Pyodide's magic number last, so half a snapshot is refused, not restored."""
    snapshot = next((built_site / "assets" / "navigator").glob("snapshot-*.bin"))
    body = _damaged(snapshot.read_bytes(), how)
    context = browser.new_context()
    context.route(re.compile(r".*/snapshot-[0-9a-f]+\.bin$"), lambda route: route.fulfill(body=body))
    page = open_navigator(context, site_url, "derby-derbyshire")
    started = str(page.get_attribute("#navigator", "data-started"))
    assert started.startswith(f"plain (the snapshot could not be used: {reason}"), started
    choose(page, CITY, SELF_HARM)
    assert "Suggested: Level 2 – Emerging Needs" in page.locator("#nav-result-body").inner_text()
    context.close()


def test_axe_finds_nothing_before_and_after_a_result(context: BrowserContext, site_url: str) -> None:
    page = context.new_page()
    page.goto(f"{site_url}/derby-derbyshire/navigator/")
    assert axe_violations(page) == []
    page.wait_for_selector(READY, timeout=60_000)
    before = shown(page, None)
    page.check("input[value='l3-health-self-harming-behaviours']")
    page.check("input[data-flag='immediate_danger']")
    shown(page, before)
    assert axe_violations(page) == []
    assert re.search(r"999", page.locator(".nav-urgent--now").inner_text())
    page.close()
