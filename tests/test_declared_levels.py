"""Declared levels (issue 21): a partnership with three levels and one with five, each with its own names,
validate, hold their golden scenarios and keep the fail-safe whatever number child protection has.

The two partnerships are made-up test fixtures; what each must lead to is carried in tests/declared_levels.py,
not read from the data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from navigator.model.compile import compile_partnership
from navigator.model.harm_review import marked
from navigator.model.partnership import Partnership
from navigator.model.scenarios import Golden
from tests.conftest import REPOSITORY, Run
from tests.declared_levels import ALL, ASSESSOR, FIXTURES, GOLDENS, PARTNERSHIPS, TODAY, Fixture
from tests.test_golden_scenarios import assert_golden_holds

HARM_CASES = ("flag", "indicator", "danger")


def _by_id(fixture: Fixture) -> str:
    return fixture.folder


def _document(fixture: Fixture) -> dict[str, Any]:
    return PARTNERSHIPS[fixture.partnership].document


def _assess(fixture: Fixture, area: str | None, indicators: list[str], **flags: Any) -> dict[str, Any]:
    scenario = {"partnership": fixture.partnership, "area": area, "indicators": indicators, "flags": flags}
    return ASSESSOR.assess(scenario)


def _areas(fixture: Fixture) -> list[str | None]:
    return [*fixture.lines, None]


# ---- the files ------------------------------------------------------------------------------------
@pytest.mark.parametrize("fixture", ALL, ids=_by_id)
def test_every_file_names_its_schema_and_says_it_is_made_up(fixture: Fixture) -> None:
    for path in sorted((FIXTURES / fixture.folder).glob("*.yaml")):
        first, second = path.read_text(encoding="utf-8").splitlines()[:2]
        schema = "scenarios" if path.name == "scenarios.yaml" else "partnership"
        assert first == f"# yaml-language-server: $schema=../../../thresholds/schema/{schema}.schema.json"
        assert (path.parent / first.partition("$schema=")[2]).resolve().is_file(), path.name
        assert second.startswith("# TEST FIXTURE, NOT GUIDANCE: made-up "), path.name


@pytest.mark.parametrize("fixture", ALL, ids=_by_id)
def test_validate_strict_accepts_it(cli: Callable[..., Run], fixture: Fixture) -> None:
    result = cli("validate", str(FIXTURES / fixture.folder), "--strict")
    assert result.code == 0, result.err
    counts = f"({fixture.indicators} indicators, {fixture.goldens} golden scenarios); 0 warning(s)"
    assert result.out.strip() == f"valid: {fixture.partnership} {counts}"


@pytest.mark.parametrize("fixture", ALL, ids=_by_id)
def test_it_is_a_published_fixture_outside_thresholds(fixture: Fixture) -> None:
    partnership: Partnership = PARTNERSHIPS[fixture.partnership]
    meta = partnership.document["partnership"]
    assert meta["status"] == "published"
    assert meta["published"] < f"{TODAY:%Y-%m}" < meta["review_date"]
    assert "Test fixture (not guidance)" in meta["title"]
    assert not (REPOSITORY / "thresholds" / fixture.folder).exists()
    phones = {c["phone"] for c in partnership.document["contacts"] if "phone" in c} - {"999"}
    assert all(phone.startswith("01632 960") for phone in phones), "Ofcom's drama range only"


@pytest.mark.parametrize("fixture", ALL, ids=_by_id)
def test_it_declares_its_own_levels_and_harm_review(fixture: Fixture) -> None:
    document = _document(fixture)
    declared = [(level["level"], level["kind"], level["name"]) for level in document["levels"]]
    assert declared == [(number, *kind_name) for number, kind_name in enumerate(fixture.levels, start=1)]
    compiled = compile_partnership(PARTNERSHIPS[fixture.partnership])
    assert compiled["rules"]["significant_harm"]["level"] == fixture.protection
    assert set(marked(document["rules"])) == fixture.harm
    assert fixture.not_harm not in fixture.harm


# ---- golden scenarios -----------------------------------------------------------------------------
@pytest.mark.parametrize("fixture", ALL, ids=_by_id)
def test_the_golden_scenarios_cover_every_level_and_urgent_route(fixture: Fixture) -> None:
    mine = [g for g in GOLDENS if g.partnership == fixture.partnership]
    assert len(mine) == fixture.goldens
    assert {g.expect["level"] for g in mine} == {None, *range(1, len(fixture.levels) + 1)}
    areas = _areas(fixture) if len(fixture.lines) > 1 else list(fixture.lines)
    for area in areas:  # each area (and no area, where there are several): harm, and immediate danger
        lines = fixture.lines_for(area)
        urgent = [g.expect["urgent"] for g in mine if g.scenario.get("area") == area]
        assert lines in urgent, area
        assert ["999", *lines] in urgent, area


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda g: f"{g.partnership}: {g.name}")
def test_golden_scenario(golden: Golden) -> None:
    assert_golden_holds(ASSESSOR, golden)


# ---- fail safe --------------------------------------------------------------------------------------
HARM = [
    (fixture, area, case, indicator)
    for fixture in ALL
    for area in _areas(fixture)
    for case in HARM_CASES
    for indicator in (sorted(fixture.harm) if case == "indicator" else [None])
]


@pytest.mark.parametrize(
    ("fixture", "area", "case", "indicator"),
    HARM,
    ids=[f"{f.folder}-{a or 'no-area'}-{c}-{i or ''}".rstrip("-") for f, a, c, i in HARM],
)
def test_suspected_harm_gives_the_child_protection_level_and_the_areas_line_first(
    fixture: Fixture, area: str | None, case: str, indicator: str | None
) -> None:
    flags = {"flag": {"significant_harm_suspected": True}, "danger": {"immediate_danger": True}}.get(case, {})
    result = _assess(fixture, area, [indicator] if indicator else [], **flags)
    assert result["level"] == fixture.protection
    assert result["level_name"] == fixture.name(fixture.protection)
    assert result["significant_harm"] is True
    phones = [entry["phone"] for entry in result["urgent"]]
    expected = fixture.lines_for(area)
    assert phones == (["999", *expected] if case == "danger" else expected)
    protection = [entry for entry in result["urgent"] if entry["kind"] == "child_protection"]
    assert all(entry["follow_up"] for entry in protection), "each line carries its written follow-up"
    first = result["actions"][0]["route"]
    assert first in {r["id"] for r in _document(fixture)["routes"] if r["kind"] == "child_protection"}


@pytest.mark.parametrize("fixture", ALL, ids=_by_id)
def test_a_child_protection_need_that_is_not_harm_shows_what_to_do_if_harm_is_suspected(
    fixture: Fixture,
) -> None:
    area = next(iter(fixture.lines))
    result = _assess(fixture, area, [fixture.not_harm])
    assert (result["level"], result["significant_harm"], result["urgent"]) == (fixture.protection, False, [])
    assert [entry["phone"] for entry in result["if_harm_suspected"]["urgent"]] == fixture.lines_for(area)


@pytest.mark.parametrize("fixture", ALL, ids=_by_id)
def test_an_empty_scenario_has_no_level(fixture: Fixture) -> None:
    for area in _areas(fixture):
        result = _assess(fixture, area, [])
        assert (result["level"], result["level_name"], result["urgent"]) == (None, None, []), area
        named = f"Level {fixture.protection} ({fixture.name(fixture.protection)})"
        harm = f"Suspected significant harm would suggest {named}."
        assert harm in result["would_change"]


# ---- every level, by its own name --------------------------------------------------------------------
LEVELS = [(fixture, level) for fixture in ALL for level in range(1, len(fixture.levels) + 1)]


@pytest.mark.parametrize(("fixture", "level"), LEVELS, ids=[f"{f.folder}-level-{n}" for f, n in LEVELS])
def test_every_level_is_reachable_and_named_as_the_fixture_names_it(fixture: Fixture, level: int) -> None:
    """Every indicator of the level not reviewed as harm, ticked together, gives that level."""
    ticked = [
        indicator["id"]
        for indicator in _document(fixture)["indicators"]
        if indicator["level"] == level and indicator["id"] not in fixture.harm
    ]
    for area in _areas(fixture):
        result = _assess(fixture, area, ticked)
        assert (result["level"], result["borderline"]) == (level, False), area
        assert result["level_name"] == fixture.name(level)
        assert result["level_title"].startswith(f"Level {level} – {fixture.name(level)} ")
