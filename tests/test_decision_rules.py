"""What an assessment says beyond the level: why, what would change it, notes, urgent lines, next steps."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from navigator.decision import Assessor
from navigator.model.catalogue import load_all
from navigator.model.compile import compile_catalogue
from navigator.model.harm_review import marked
from navigator.model.partnership import Partnership

SH_INDICATOR = "l4-health-evidence-of-significant-harm-or-neglect"


def _indicators(partnerships: list[Partnership], pid: str, level: int) -> list[dict[str, Any]]:
    """The level's indicators that are not read as suspected significant harm (those go to Level 4)."""
    document = next(p for p in partnerships if p.id == pid).document
    harm = set(marked(document["rules"]))
    return [i for i in document["indicators"] if i["level"] == level and i["id"] not in harm]


def _kinds(result: dict[str, Any]) -> list[str]:
    return [note["kind"] for note in result["notes"]]


def test_one_level_3_indicator_is_borderline_and_says_why(
    assessor: Assessor, partnerships: list[Partnership]
) -> None:
    first, second = (i["id"] for i in _indicators(partnerships, "derby-derbyshire", 3)[:2])
    one = assessor.assess({"partnership": "derby-derbyshire", "area": "derbyshire", "indicators": [first]})
    assert (one["level"], one["borderline"]) == (2, True)
    assert one["would_change"][0] == (
        "1 more Level 3 indicator would suggest Level 3 (Intensive). The document says: “A number of these "
        "indicators would need to be present to indicate need at a level 3 criteria.”"
    )
    two = assessor.assess(
        {"partnership": "derby-derbyshire", "area": "derbyshire", "indicators": [first, second]}
    )
    assert (two["level"], two["borderline"]) == (3, False)
    assert [r["indicator"] for r in two["reasons"]] == [first, second]


def test_significant_harm_flag_says_what_the_rest_would_suggest(assessor: Assessor) -> None:
    result = assessor.assess(
        {
            "partnership": "derby-derbyshire",
            "area": "derbyshire",
            "indicators": ["l2-health-missing-immunisations-checks"],
            "flags": {"significant_harm_suspected": True},
        }
    )
    assert result["level"] == 4
    assert result["reasons"][0]["flag"] == "significant_harm_suspected"
    assert result["would_change"] == [
        "Without suspected significant harm, the rest of the scenario would suggest Level 2 (Emerging Needs)."
    ]
    assert result["urgent"][0]["follow_up"] == (
        "These requests must also be followed up in writing via the relevant online social care referral "
        "system within 48 hours."
    )


def test_level_4_steps_say_without_delay(assessor: Assessor, partnerships: list[Partnership]) -> None:
    level_4 = next(
        i["id"] for i in _indicators(partnerships, "derby-derbyshire", 4) if i["id"] != SH_INDICATOR
    )
    result = assessor.assess(
        {"partnership": "derby-derbyshire", "area": "derby-city", "indicators": [level_4]}
    )
    assert result["urgent"] == []
    steps = [(a["heading"], a["text"]) for a in result["actions"]]
    assert ("Step 2", "Discuss concerns with your manager or safeguarding lead without delay.") in steps
    assert all(a["area"] in (None, "derby-city") for a in result["actions"])


def test_immediate_danger_puts_999_first_then_every_areas_line(assessor: Assessor) -> None:
    result = assessor.assess({"partnership": "stoke-staffordshire", "flags": {"immediate_danger": True}})
    assert [u["phone"] for u in result["urgent"]] == ["999", "01782 235100", "0800 1313126"]
    assert result["urgent"][0]["instruction"] == (
        "If a child is considered to be at IMMEDIATE risk, then the professional should contact the police "
        "999."
    )
    assert "area" in _kinds(result)


def test_every_result_carries_the_standing_urgent_lines(assessor: Assessor) -> None:
    for pid, phones in {
        "derby-derbyshire": ["999", "01629 533190", "01332 641172"],
        "stoke-staffordshire": ["999", "01782 235100", "0800 1313126"],
        "york": ["999", "01904 551900"],
    }.items():
        result = assessor.assess({"partnership": pid})
        assert [u["phone"] for u in result["if_urgent"]] == phones


def test_york_999_is_marked_as_ours(assessor: Assessor) -> None:
    result = assessor.assess({"partnership": "york", "flags": {"immediate_danger": True}})
    danger = result["urgent"][0]
    assert (danger["phone"], danger["source"]) == ("999", None)
    assert "never mentions 999" in danger["note"]


def test_york_disposals_and_police_notification(assessor: Assessor) -> None:
    nothing = assessor.assess({"partnership": "york"})
    assert nothing["level"] is None
    assert nothing["would_change"][0].startswith("No disposal follows from the answers given yet")
    assert nothing["notes"][0]["kind"] == "levels"
    crime = assessor.assess(
        {
            "partnership": "york",
            "answers": {"crime-suspected": True, "appears-vulnerable": True, "level-of-need": "high"},
        }
    )
    # A crime against the child ("sexual or physical assault or neglect") is read as suspected harm.
    assert (crime["level"], crime["significant_harm"]) == (4, True)
    protection, police = crime["urgent"]
    assert (protection["kind"], protection["phone"]) == ("child_protection", "01904 551900")
    assert police == {
        "instruction": "If there is suspicion that a crime may have been committed including sexual or "
        "physical assault or neglect of the child, the Police must be notified immediately.",
        "phone": None,
        "kind": "crime_suspected",
        "area": None,
        "contact": None,
        "name": None,
        "follow_up": None,
        "note": police["note"],
        "reading": None,
        "hours": None,
        "out_of_hours": None,
        "source": {"document": "york-procedure", "section": "5. Screening Process"},
    }
    assert crime["would_change"] == [
        "Without suspected significant harm, the rest of the scenario would suggest "
        "disposal 3 (Single Assessment)."
    ]
    reading = [note for note in crime["notes"] if note["kind"] == "reading"]
    assert reading[0]["text"].startswith("Our reading: a yes to the crime question")


def test_combined_needs_note_never_changes_the_level(
    assessor: Assessor, partnerships: list[Partnership]
) -> None:
    by_domain: dict[str, str] = {}
    for indicator in _indicators(partnerships, "stoke-staffordshire", 2):
        by_domain.setdefault(indicator["domain"], indicator["id"])
    two, three = list(by_domain.values())[:2], list(by_domain.values())[:3]
    narrow = assessor.assess(
        {"partnership": "stoke-staffordshire", "area": "stoke-on-trent", "indicators": two}
    )
    wide = assessor.assess(
        {"partnership": "stoke-staffordshire", "area": "stoke-on-trent", "indicators": three}
    )
    assert narrow["level"] == wide["level"] == 2
    assert "combined_needs" not in _kinds(narrow)
    note = next(n for n in wide["notes"] if n["kind"] == "combined_needs")
    assert note["consider_level"] == 3
    assert note["text"].startswith("Sometimes their needs may include indicators from each of the levels")
    assert "The suggested level is not changed." in note["comment"]


def test_flag_notes_follow_level_area_and_flags(assessor: Assessor, partnerships: list[Partnership]) -> None:
    level_3 = [i["id"] for i in _indicators(partnerships, "derby-derbyshire", 3)[:2]]
    scenario = {"partnership": "derby-derbyshire", "area": "derbyshire", "indicators": level_3}
    without = assessor.assess(scenario)
    with_flag = assessor.assess({**scenario, "flags": {"early_help_assessment": "none"}})
    city = assessor.assess({**scenario, "area": "derby-city", "flags": {"early_help_assessment": "none"}})
    harm = assessor.assess(
        {**scenario, "flags": {"early_help_assessment": "none", "significant_harm_suspected": True}}
    )
    ids = [[n.get("id") for n in r["notes"] if n["kind"] == "flag"] for r in (without, with_flag, city, harm)]
    assert ids == [
        [],
        ["derbyshire-early-help-assessment-required"],
        ["derby-city-early-help-assessment-not-completed"],
        [],
    ]


def test_conflicts_touching_the_result_are_shown(assessor: Assessor) -> None:
    result = assessor.assess(
        {"partnership": "derby-derbyshire", "area": "derbyshire", "now": "2026-11-23T11:00"}
    )
    advice = next(c for c in result["contacts"] if c["id"] == "starting-point-advice-line")
    assert advice["open_now"] is None
    assert "advice-line-hours" in advice["conflicts"]
    conflict = next(n for n in result["notes"] if n.get("id") == "advice-line-hours")
    assert [r["text"] for r in conflict["readings"]] == [
        "9am to 5pm Monday to Friday",
        "open between the hours of 10:00 and 16:00 daily, Monday to Friday",
        "operates from 10am to 4pm Monday to Friday",
    ]


def test_doubtful_placements_and_contradicting_answers_are_noted(assessor: Assessor) -> None:
    result = assessor.assess(
        {
            "partnership": "stoke-staffordshire",
            "indicators": [
                "l2-identity-disability-limits-self-care",
                "l4-guidance-persistent-and-regular-incidents-of-missing",
            ],
            "answers": {"missing-from-home": 1},
        }
    )
    kinds = _kinds(result)
    assert "placement" in kinds
    assert "answer" in kinds
    implied = next(
        r for r in result["reasons"] if r["indicator"] == "l3-emotional-incidents-of-missing-form-home-less"
    )
    assert (implied["question"], implied["answer"]) == ("missing-from-home", 1)


def test_caveats_are_the_documents_own_words(assessor: Assessor) -> None:
    result = assessor.assess({"partnership": "derby-derbyshire"})
    assert result["caveats"][0]["text"].startswith(
        "An approach which relies on threshold indicators as a check list approach is mechanistic"
    )


def test_york_next_steps_include_the_call_checklist(assessor: Assessor) -> None:
    result = assessor.assess({"partnership": "york", "answers": {"appears-vulnerable": False}})
    headings = [a["heading"] for a in result["actions"]]
    assert headings[0] == "Initial Contacts"
    assert "The Referrer" in headings
    assert (
        sum(
            a["bullet"]
            for a in result["actions"]
            if a["heading"] in {"The Referrer", "The Event", "The Family and Community"}
        )
        == 26
    )


def test_rules_are_data_a_policy_change_in_yaml_changes_the_result(minimal: Path) -> None:
    scenario = {"partnership": "fixture", "indicators": ["l2-health-fixture", "l4-health-fixture"]}

    def level_of(folder: Path) -> int:
        catalogue = compile_catalogue(load_all(folder, dt.date(2026, 11, 22)))
        return int(Assessor(json.dumps(catalogue)).assess(scenario)["level"])

    assert level_of(minimal) == 4
    rules = minimal / "rules.yaml"
    rules.write_text(
        rules.read_text(encoding="utf-8").replace("{level: 4, at_least: 1,", "{level: 4, at_least: 2,"),
        encoding="utf-8",
    )
    assert level_of(minimal) == 2


def test_the_marf_is_offered_only_at_levels_3_and_4(
    assessor: Assessor, partnerships: list[Partnership]
) -> None:
    offered = {}
    for level in (1, 2, 3):
        chosen = [i["id"] for i in _indicators(partnerships, "stoke-staffordshire", level)[:1]]
        result = assessor.assess(
            {"partnership": "stoke-staffordshire", "area": "stoke-on-trent", "indicators": chosen}
        )
        assert result["level"] == level
        offered[level] = "stoke-marf" in {contact["id"] for contact in result["contacts"]}
    assert offered == {1: False, 2: False, 3: True}
