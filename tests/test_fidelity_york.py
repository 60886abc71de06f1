"""Fidelity: York's Children's Front Door procedure: contacts, disposals, checklist; no indicator table."""

from __future__ import annotations

from tests.fidelity import by_id, document

ID = "york"


def test_york_has_no_indicator_table() -> None:
    assert document(ID).get("indicators", []) == []
    assert document(ID).get("domains", []) == []


def test_front_door_contacts() -> None:
    contacts = by_id(ID, "contacts")
    assert contacts["york-front-door"]["phone"] == "01904 551900"
    assert contacts["york-front-door"]["urgent"] is True
    assert contacts["york-front-door-email"]["email"] == "childrensfrontdoor@york.gov.uk"
    assert contacts["york-front-door-post"]["post"] == (
        "The Children's Front Door, West Offices, Station Rise, York, YO1 6GA"
    )
    assert "999" not in {c.get("phone") for c in contacts.values()}


def test_levels_are_the_four_initial_disposals() -> None:
    summaries = {level["level"]: level["summary"]["text"] for level in document(ID)["levels"]}
    assert "moderate level of need" in summaries[2]
    assert "Tier 2" in summaries[2]
    assert "high level of need" in summaries[3]
    assert "Single Assessment" in summaries[3]
    assert "Strategy Discussion, prior to a Section 47 Enquiry" in summaries[4]


def test_prepare_for_your_call_checklist() -> None:
    checklist = by_id(ID, "checklists")["prepare-for-your-call"]
    assert [(s["title"], len(s["items"])) for s in checklist["sections"]] == [
        ("The Referrer", 10),
        ("The Event", 11),
        ("The Family and Community", 5),
    ]
    assert "What has prompted this call; why call now?" in checklist["sections"][0]["items"]
    assert "Rate the urgency." in checklist["sections"][1]["items"]


def test_disposal_questions_and_processes() -> None:
    questions = by_id(ID, "questions")
    assert {"crime-suspected", "significant-harm-suspected", "appears-vulnerable", "level-of-need"} == set(
        questions
    )
    processes = by_id(ID, "processes")
    disposals = processes["york-initial-disposals"]
    assert sorted(node["level"] for node in disposals["nodes"] if "level" in node) == [1, 2, 3, 4]
    assert "york-front-door-process" in processes


def test_police_notification_when_a_crime_is_suspected() -> None:
    police = by_id(ID, "guidance")["police-notification"]
    assert any(
        "the Police must be notified immediately" in p for p in police["paragraphs"] if isinstance(p, str)
    )
