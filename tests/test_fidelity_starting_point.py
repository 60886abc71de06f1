"""Fidelity: Derbyshire's Starting Point (handbook and web page) and the disagreements between sources."""

from __future__ import annotations

from collections.abc import Callable

from tests.conftest import THRESHOLDS, Run
from tests.fidelity import by_id, document

ID = "derby-derbyshire"


def test_starting_point_workflow_has_the_seven_steps_and_its_outcomes() -> None:
    workflow = by_id(ID, "processes")["starting-point-workflow"]
    assert workflow["area"] == "derbyshire"
    texts = [node["text"] for node in workflow["nodes"]]
    assert sum(node["kind"] in {"start", "step", "decision"} for node in workflow["nodes"]) >= 7
    assert any(
        text.startswith("An Initial Contact is made where Children’s Services are contacted")
        for text in texts
    )
    outcomes = " ".join(node["text"] for node in workflow["nodes"] if node["kind"] == "outcome")
    for words in (
        "No Further Action (NFA)",
        "CS Threshold not met",
        "Information Noted",
        "Child in Need referral outcome passed to social care for Single Assessment",
        "Child Protection contact/referral immediately passed to Starting Point",
    ):
        assert words in outcomes
    assert any("within one working day" in node.get("timescale", node["text"]) for node in workflow["nodes"])


def test_advice_line_is_hypothetical_and_needs_no_consent() -> None:
    advice = by_id(ID, "guidance")["professional-advice-line"]
    text = " ".join(p for p in advice["paragraphs"] if isinstance(p, str))
    assert "All case discussions will be discussed hypothetically" in text
    assert "You will not need consent from a parent to contact the advice line." in text
    assert "01629 535353" in text


def test_web_page_wording_is_recorded_against_each_level() -> None:
    for level in document(ID)["levels"]:
        wordings = [w for w in level["wordings"] if w["source"]["document"] == "starting-point-web-page"]
        assert [w["area"] for w in wordings] == ["derbyshire"]


def test_inbox_hours_and_public_calls() -> None:
    contacts = by_id(ID, "contacts")
    inbox = contacts["starting-point-online-referral"]["hours"]
    assert inbox["text"] == "Monday to Friday from 9am to 4pm excluding bank holidays"
    assert inbox["bank_holidays"] == "closed"
    assert "public" in contacts["call-derbyshire"]["audience"]


def test_advice_line_hours_conflict_keeps_all_three_readings() -> None:
    conflict = by_id(ID, "conflicts")["advice-line-hours"]
    readings = {reading["source"]["document"]: reading["text"] for reading in conflict["readings"]}
    assert "9am to 5pm Monday to Friday" in readings["ddscp-2019"]
    assert "10:00 and 16:00 daily, Monday to Friday" in readings["starting-point-handbook"]
    assert "10am to 4pm Monday to Friday" in readings["starting-point-web-page"]
    assert {"kind": "contact", "id": "starting-point-advice-line"} in conflict["affects"]


def test_validate_lists_every_conflict(cli: Callable[..., Run]) -> None:
    result = cli("validate", str(THRESHOLDS), "--today", "2020-01-01")
    conflicts = [
        c
        for partnership in ("derby-derbyshire", "stoke-staffordshire", "york")
        for c in document(partnership).get("conflicts", [])
    ]
    assert len(conflicts) >= 4
    for conflict in conflicts:
        assert f"sources disagree on {conflict['topic']}" in result.err
    assert result.err.count(": warning: sources disagree on ") == len(conflicts)
