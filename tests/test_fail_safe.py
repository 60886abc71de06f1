"""Fail safe (docs/safety/hazard-log.md H1, H2, H8): abuse, injury and harm lead to the area's
child-protection line first, never to "early help first"; an empty scenario is no all-clear.

Property tests over every partnership and area with hypothesis. The child-protection lines each area must
lead with are carried here, not read from the data, so a wrong edit to the data fails.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from navigator.decision import Assessor
from navigator.model.harm_review import marked
from navigator.model.partnership import Partnership
from tests.test_decision_properties import PARTNERSHIPS, SETTINGS, _document, scenarios

CHILD_PROTECTION_LINES = {
    ("derby-derbyshire", "derbyshire"): ["01629 533190"],
    ("derby-derbyshire", "derby-city"): ["01332 641172"],
    ("stoke-staffordshire", "stoke-on-trent"): ["01782 235100"],
    ("stoke-staffordshire", "staffordshire"): ["0800 1313126"],
    ("york", "york"): ["01904 551900"],
}
# Words of notes and next steps that presuppose a referral other than child protection (the list).
DELAYING_WORDS = (
    "will not be accepted without the completion of an Early Help Assessment",
    "Vulnerable Children",
    "within the Level 2 framework",
    "TAF plan fails",
    "consult with their own line manager",
)
HARM_CASES = ("indicator", "flag", "danger")


def _areas(document: dict[str, Any], area: str | None) -> list[str]:
    return [area] if area else [a["id"] for a in document["areas"]]


def _expected_lines(pid: str, areas: list[str]) -> list[str]:
    return [phone for area in areas for phone in CHILD_PROTECTION_LINES[(pid, area)]]


def _delaying(document: dict[str, Any]) -> tuple[set[str], set[str]]:
    """Flag notes not written for a harm result, and the routes that are not child protection."""
    notes = {
        note["id"]
        for note in document["rules"].get("flag_notes", [])
        if note["when"].get("significant_harm") is not True
    }
    routes = {
        r["id"] for r in document["routes"] if r["kind"] not in ("child_protection", "immediate_danger")
    }
    return notes, routes


@st.composite
def harm_scenarios(draw: st.DrawFn, document: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """Any scenario made harmful one way: a marked indicator ticked, the flag, or immediate danger."""
    scenario = draw(scenarios(document))
    harm_indicators = marked(document["rules"])
    case = draw(st.sampled_from([c for c in HARM_CASES if c != "indicator" or harm_indicators]))
    if case == "indicator":
        ticked = draw(st.sampled_from(harm_indicators))
        scenario["indicators"] = [*(i for i in scenario["indicators"] if i != ticked), ticked]
    elif case == "flag":
        scenario["flags"]["significant_harm_suspected"] = True
    else:
        scenario["flags"]["immediate_danger"] = True
    return scenario, case


@pytest.mark.parametrize("pid", PARTNERSHIPS)
def test_a_harm_indicator_always_leads_with_the_areas_child_protection_line(
    pid: str, assessor: Assessor, partnerships: list[Partnership]
) -> None:
    document = _document(partnerships, pid)
    protection_level = document["rules"]["significant_harm"]["level"]

    @SETTINGS
    @given(harm_scenarios(document))
    def check(drawn: tuple[dict[str, Any], str]) -> None:
        scenario, _ = drawn
        result = assessor.assess(scenario)
        assert result["level"] == protection_level
        assert result["significant_harm"] is True
        lines = [u for u in result["urgent"] if u["kind"] != "crime_suspected"]
        if scenario["flags"].get("immediate_danger"):
            assert lines[0]["kind"] == "immediate_danger"
            lines = lines[1:]
        assert [u["phone"] for u in lines] == _expected_lines(pid, _areas(document, scenario["area"]))
        assert all(u["kind"] == "child_protection" for u in lines)
        if pid == "derby-derbyshire":  # its routes carry the written follow-up within 48 hours
            assert all(u["follow_up"] for u in lines)
        assert result["actions"], "a harm result has next steps"
        first = result["actions"][0]["route"]
        protection = {r["id"] for r in document["routes"] if r["kind"] == "child_protection"}
        assert first in protection, f"the next steps open with {first!r}, not child protection"

    check()


@pytest.mark.parametrize("pid", PARTNERSHIPS)
def test_no_note_that_delays_a_referral_appears_on_a_harm_result(
    pid: str, assessor: Assessor, partnerships: list[Partnership]
) -> None:
    document = _document(partnerships, pid)
    notes, routes = _delaying(document)

    @SETTINGS
    @given(harm_scenarios(document))
    def check(drawn: tuple[dict[str, Any], str]) -> None:
        result = assessor.assess(drawn[0])
        shown = {note.get("id") for note in result["notes"] if note["kind"] == "flag"}
        assert not shown & notes
        assert not {action["route"] for action in result["actions"]} & routes
        said = [note["text"] for note in result["notes"]]
        said += [r["text"] for note in result["notes"] for r in note.get("readings", [])]
        said += [action["text"] for action in result["actions"]]
        for words in DELAYING_WORDS:
            assert not any(words in text for text in said), words

    check()


@pytest.mark.parametrize("pid", ["derby-derbyshire", "stoke-staffordshire"])  # York has no indicators
def test_adding_a_harm_indicator_never_lowers_the_level(
    pid: str, assessor: Assessor, partnerships: list[Partnership]
) -> None:
    document = _document(partnerships, pid)
    harm_indicators = marked(document["rules"])

    @SETTINGS
    @given(scenarios(document), st.sampled_from(harm_indicators))
    def check(scenario: dict[str, Any], harm: str) -> None:
        before = assessor.assess(scenario)
        after = assessor.assess({**scenario, "indicators": [*scenario["indicators"], harm]})
        assert after["level"] >= (before["level"] or 0)
        assert after["level"] == document["rules"]["significant_harm"]["level"]
        assert len(after["urgent"]) >= len(before["urgent"])

    check()


@pytest.mark.parametrize("pid", PARTNERSHIPS)
def test_an_empty_scenario_has_no_level(
    pid: str, assessor: Assessor, partnerships: list[Partnership]
) -> None:
    document = _document(partnerships, pid)
    choices = st.fixed_dictionaries(
        {},
        optional={
            "consent": st.sampled_from(["given", "refused", "not_asked", "would_increase_risk"]),
            "early_help_assessment": st.sampled_from(["none", "completed"]),
            "team_around_family": st.sampled_from(["none", "in_progress", "not_achieved"]),
        },
    )

    @SETTINGS
    @given(st.none() | st.sampled_from([a["id"] for a in document["areas"]]), choices)
    def check(area: str | None, flags: dict[str, Any]) -> None:
        result = assessor.assess({"partnership": pid, "area": area, "indicators": [], "flags": flags})
        assert result["level"] is None
        assert result["level_name"] is None
        assert result["borderline"] is False
        assert result["would_change"][0].endswith(("not an all-clear.", "answer the questions below."))
        assert [u["phone"] for u in result["if_urgent"]][:1] == ["999"]

    check()


@pytest.mark.parametrize("pid", PARTNERSHIPS)
def test_immediate_danger_puts_999_before_the_child_protection_line(
    pid: str, assessor: Assessor, partnerships: list[Partnership]
) -> None:
    document = _document(partnerships, pid)
    for area in [None, *(a["id"] for a in document["areas"])]:
        result = assessor.assess({"partnership": pid, "area": area, "flags": {"immediate_danger": True}})
        phones = [u["phone"] for u in result["urgent"]]
        assert phones == ["999", *_expected_lines(pid, _areas(document, area))], area
        assert result["level"] == document["rules"]["significant_harm"]["level"]


def test_a_child_protection_level_without_harm_shows_what_to_do_if_harm_is_suspected(
    assessor: Assessor, partnerships: list[Partnership]
) -> None:
    checked = 0
    for pid in ("derby-derbyshire", "stoke-staffordshire"):
        document = _document(partnerships, pid)
        harm = document["rules"]["significant_harm"]
        harm_indicators = set(marked(document["rules"]))
        not_harm = [
            i["id"]
            for i in document["indicators"]
            if i["level"] == harm["level"] and i["id"] not in harm_indicators
        ]
        assert not_harm, f"{pid}: every Level {harm['level']} indicator is marked; nothing to check"
        for area in (a["id"] for a in document["areas"]):
            result = assessor.assess({"partnership": pid, "area": area, "indicators": not_harm[:1]})
            assert (result["level"], result["significant_harm"], result["urgent"]) == (
                harm["level"],
                False,
                [],
            )
            shown = result["if_harm_suspected"]
            assert shown["text"] == harm["if_suspected"]["text"]
            assert [u["phone"] for u in shown["urgent"]] == _expected_lines(pid, [area])
            checked += 1
        marked_result = assessor.assess({"partnership": pid, "indicators": sorted(harm_indicators)[:1]})
        assert marked_result["if_harm_suspected"] is None
    assert checked == 4
