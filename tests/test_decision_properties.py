"""Properties of the decision module over the real data, with hypothesis: total, monotone, urgent first."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from navigator.decision import Assessor
from navigator.model.harm_review import marked
from navigator.model.partnership import Partnership

PARTNERSHIPS = ("derby-derbyshire", "stoke-staffordshire", "york")
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
FLAG_VALUES: dict[str, Any] = {
    "immediate_danger": st.none() | st.booleans(),
    "significant_harm_suspected": st.none() | st.booleans(),
    "crime_suspected": st.none() | st.booleans(),
    "consent": st.none() | st.sampled_from(["given", "refused", "not_asked", "would_increase_risk"]),
    "early_help_assessment": st.none() | st.sampled_from(["none", "completed"]),
    "team_around_family": st.none() | st.sampled_from(["none", "in_progress", "not_achieved"]),
}


def _document(partnerships: list[Partnership], pid: str) -> dict[str, Any]:
    return next(p for p in partnerships if p.id == pid).document


def _answer(question: dict[str, Any]) -> st.SearchStrategy[Any]:
    if question["type"] == "boolean":
        return st.none() | st.booleans()
    if question["type"] == "number":
        return st.none() | st.integers(min_value=question.get("minimum", 0), max_value=50)
    return st.none() | st.sampled_from([choice["value"] for choice in question["choices"]])


@st.composite
def scenarios(draw: st.DrawFn, document: dict[str, Any], *, flags: bool = True) -> dict[str, Any]:
    indicators = [indicator["id"] for indicator in document.get("indicators", [])]
    scenario: dict[str, Any] = {
        "partnership": document["partnership"]["id"],
        "area": draw(st.none() | st.sampled_from([area["id"] for area in document["areas"]])),
        "indicators": draw(st.lists(st.sampled_from(indicators), max_size=12, unique=True))
        if indicators
        else [],
        "answers": {q["id"]: draw(_answer(q)) for q in document.get("questions", [])},
        "now": draw(st.none() | st.datetimes().map(lambda moment: moment.isoformat())),
    }
    if flags:
        scenario["flags"] = {name: draw(values) for name, values in FLAG_VALUES.items()}
    return scenario


@pytest.mark.parametrize("pid", PARTNERSHIPS)
def test_total_any_scenario_is_assessed(
    pid: str, assessor: Assessor, partnerships: list[Partnership]
) -> None:
    @SETTINGS
    @given(scenarios(_document(partnerships, pid)))
    def check(scenario: dict[str, Any]) -> None:
        result = assessor.assess(scenario)
        assert result["level"] in {None, 1, 2, 3, 4}
        assert result["if_urgent"][0]["phone"] == "999"
        assert result["caveats"]
        ticked = set(scenario["indicators"])
        assert ticked <= {reason["indicator"] for reason in result["reasons"]}

    check()


@pytest.mark.parametrize("pid", ["derby-derbyshire", "stoke-staffordshire"])
def test_monotone_adding_an_indicator_never_lowers_the_level(
    pid: str, assessor: Assessor, partnerships: list[Partnership]
) -> None:
    document = _document(partnerships, pid)
    ids = [indicator["id"] for indicator in document["indicators"]]

    @SETTINGS
    @given(scenarios(document), st.sampled_from(ids))
    def check(scenario: dict[str, Any], extra: str) -> None:
        before = assessor.assess(scenario)["level"] or 0  # no level: nothing ticked or answered
        after = assessor.assess({**scenario, "indicators": [*scenario["indicators"], extra]})["level"]
        assert after >= before

    check()


@pytest.mark.parametrize("pid", PARTNERSHIPS)
def test_immediate_danger_always_puts_999_first(
    pid: str, assessor: Assessor, partnerships: list[Partnership]
) -> None:
    document = _document(partnerships, pid)

    @SETTINGS
    @given(scenarios(document))
    def check(scenario: dict[str, Any]) -> None:
        scenario["flags"]["immediate_danger"] = True
        result = assessor.assess(scenario)
        assert result["urgent"][0]["phone"] == "999"
        assert result["level"] == 4
        areas = [scenario["area"]] if scenario["area"] else [area["id"] for area in document["areas"]]
        assert {u["area"] for u in result["urgent"] if u["kind"] == "child_protection"} == set(areas)

    check()


@pytest.mark.parametrize("pid", PARTNERSHIPS)
def test_suspected_significant_harm_always_gives_the_child_protection_line(
    pid: str, assessor: Assessor, partnerships: list[Partnership]
) -> None:
    @SETTINGS
    @given(scenarios(_document(partnerships, pid)))
    def check(scenario: dict[str, Any]) -> None:
        scenario["flags"] = {**scenario["flags"], "significant_harm_suspected": True}
        result = assessor.assess(scenario)
        assert result["level"] == 4
        assert result["borderline"] is False
        assert any(u["kind"] == "child_protection" and u["phone"] for u in result["urgent"])

    check()


def test_every_level_is_reachable(assessor: Assessor, partnerships: list[Partnership]) -> None:
    for pid in ("derby-derbyshire", "stoke-staffordshire"):
        rules = _document(partnerships, pid)["rules"]
        by_level: dict[int, list[str]] = {}
        harm = set(marked(rules))
        for indicator in _document(partnerships, pid)["indicators"]:
            if indicator["id"] not in harm:  # a harm indicator gives Level 4 whatever its own level
                by_level.setdefault(indicator["level"], []).append(indicator["id"])
        level_one = by_level[1][:1]
        reached = {assessor.assess({"partnership": pid, "indicators": level_one})["level"]}
        for rule in rules["levels"]:
            chosen = by_level[rule["level"]][: rule["at_least"]]
            reached.add(assessor.assess({"partnership": pid, "indicators": chosen})["level"])
        assert reached == {1, 2, 3, 4}, pid
    york = {
        assessor.assess({"partnership": "york", "answers": answers})["level"]
        for answers in (
            {"appears-vulnerable": False},
            {"appears-vulnerable": True, "level-of-need": "moderate"},
            {"appears-vulnerable": True, "level-of-need": "high"},
            {"significant-harm-suspected": True},
        )
    }
    assert york == {1, 2, 3, 4}


def test_every_indicator_can_appear_in_reasons(assessor: Assessor, partnerships: list[Partnership]) -> None:
    for pid in ("derby-derbyshire", "stoke-staffordshire"):
        rules = _document(partnerships, pid)["rules"]["levels"]
        harm = set(marked(_document(partnerships, pid)["rules"]))
        for indicator in _document(partnerships, pid)["indicators"]:
            result = assessor.assess({"partnership": pid, "indicators": [indicator["id"]]})
            reason = next(r for r in result["reasons"] if r["indicator"] == indicator["id"])
            assert (reason["text"], reason["level"], reason["domain"]) == (
                indicator["text"],
                indicator["level"],
                indicator["domain"],
            )
            rule = next((r for r in rules if r["level"] == indicator["level"]), None)
            if indicator["id"] in harm:  # suspected significant harm: the child-protection level
                assert (result["level"], result["significant_harm"]) == (4, True)
            elif rule is None:
                assert result["level"] == 1
            elif rule["at_least"] == 1:
                assert result["level"] == indicator["level"]
            else:
                assert (result["level"], result["borderline"]) == (rule["otherwise"]["level"], True)
