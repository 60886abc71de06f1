"""`thresholds assess`: scenario JSON on stdin, the assessment contract on stdout, errors in one line."""

from __future__ import annotations

import io
import json
import subprocess
from collections.abc import Callable

import pytest

from navigator.decision import Assessor
from tests.conftest import REPOSITORY, THRESHOLDS, Run

CONTRACT_KEYS = {
    "partnership",
    "area",
    "thresholds_version",
    "level",
    "level_name",
    "borderline",
    "urgent",
    "reasons",
    "would_change",
    "actions",
    "contacts",
    "consent",
    "notes",
    "caveats",
}


@pytest.fixture
def assess_cli(cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> Callable[[str], Run]:
    def run(stdin: str) -> Run:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        return cli("assess", "--thresholds", str(THRESHOLDS))

    return run


def test_prints_the_assessment_the_module_returns(
    assess_cli: Callable[[str], Run], assessor: Assessor
) -> None:
    scenario = {
        "partnership": "derby-derbyshire",
        "area": "derby-city",
        "indicators": ["l4-health-evidence-of-significant-harm-or-neglect"],
        "flags": {"consent": "refused"},
        "now": "2026-11-23T10:30",
    }
    result = assess_cli(json.dumps(scenario))
    assert result.code == 0, result.err
    printed = json.loads(result.out)
    assert printed == assessor.assess(scenario)
    assert set(printed) >= CONTRACT_KEYS
    assert printed["level"] == 4
    assert printed["level_name"] == "Specialist"
    assert printed["thresholds_version"] == "1"
    assert [(u["instruction"], u["phone"]) for u in printed["urgent"]] == [
        ("If you have immediate child protection concerns", "01332 641172")
    ]
    reason = printed["reasons"][0]
    assert {key: reason[key] for key in ("indicator", "text", "level", "domain")} == {
        "indicator": "l4-health-evidence-of-significant-harm-or-neglect",
        "text": "Evidence of significant harm or neglect",
        "level": 4,
        "domain": "health",
    }
    assert reason["source"]["document"] == "ddscp-2019"
    assert {"name", "phone", "hours", "purpose", "open_now"} <= set(printed["contacts"][0])
    assert [c["situation"] for c in printed["consent"]] == ["general", "refused"]


def test_only_partnership_is_required(assess_cli: Callable[[str], Run]) -> None:
    for partnership in ("derby-derbyshire", "stoke-staffordshire", "york"):
        result = assess_cli(json.dumps({"partnership": partnership}))
        assert result.code == 0, result.err
        assert set(json.loads(result.out)) >= CONTRACT_KEYS


BAD_SCENARIOS = [
    ('{"partnership": "derby"', "scenario: not valid JSON"),
    ("[]", "scenario: expected a JSON object, got a list"),
    ('{"area": "derbyshire"}', "scenario.partnership: missing"),
    ('{"partnership": "leeds"}', "scenario.partnership: unknown partnership 'leeds'"),
    ('{"partnership": "york", "colour": 1}', "scenario.colour: unknown field"),
    ('{"partnership": "derby-derbyshire", "area": "york"}', "scenario.area: unknown area 'york'"),
    ('{"partnership": "york", "indicators": "x"}', "scenario.indicators: expected a list"),
    (
        '{"partnership": "derby-derbyshire", "indicators": ["l2-health-missing-immunisations-checks", "x"]}',
        "scenario.indicators[1]: unknown indicator 'x'",
    ),
    ('{"partnership": "york", "answers": {"age": 3}}', "scenario.answers.age: unknown question"),
    (
        '{"partnership": "york", "answers": {"appears-vulnerable": "yes"}}',
        "scenario.answers.appears-vulnerable: expected true or false, got text",
    ),
    (
        '{"partnership": "york", "answers": {"level-of-need": "low"}}',
        "scenario.answers.level-of-need: expected one of moderate, high, got 'low'",
    ),
    (
        '{"partnership": "stoke-staffordshire", "answers": {"missing-from-home": -1}}',
        "scenario.answers.missing-from-home: must be at least 0",
    ),
    (
        '{"partnership": "stoke-staffordshire", "answers": {"missing-from-home": true}}',
        "scenario.answers.missing-from-home: expected a number",
    ),
    (
        '{"partnership": "york", "flags": {"immediate_danger": "yes"}}',
        "scenario.flags.immediate_danger: expected",
    ),
    (
        '{"partnership": "york", "flags": {"consent": "maybe"}}',
        "scenario.flags.consent: expected one of given",
    ),
    ('{"partnership": "york", "flags": {"urgent": true}}', "scenario.flags.urgent: unknown flag"),
    ('{"partnership": "york", "now": "tomorrow"}', "scenario.now: expected an ISO date and time"),
]


@pytest.mark.parametrize(("stdin", "message"), BAD_SCENARIOS, ids=[m for _, m in BAD_SCENARIOS])
def test_bad_scenario_is_one_line_naming_the_field(
    assess_cli: Callable[[str], Run], stdin: str, message: str
) -> None:
    result = assess_cli(stdin)
    assert result.code == 2
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith(f"thresholds assess: {message}"), lines[0]


def test_the_browser_entry_point_answers_json_either_way(assessor: Assessor) -> None:
    good = json.loads(
        assessor.assess_json('{"partnership": "york", "answers": {"appears-vulnerable": false}}')
    )
    assert good["ok"] is True
    assert good["assessment"]["level"] == 1
    bad = json.loads(assessor.assess_json('{"partnership": "york", "indicators": ["x"]}'))
    assert bad == {
        "ok": False,
        "error": {"field": "scenario.indicators[0]", "message": "unknown indicator 'x' for york"},
    }
    assert assessor.versions() == {
        "derby-derbyshire": "1",
        "stoke-staffordshire": "undated",
        "york": "undated",
    }


def test_export_lists_each_partnerships_questions(cli: Callable[..., Run]) -> None:
    exported = json.loads(cli("export", str(THRESHOLDS)).out)["partnerships"]
    questions = {p["id"]: [q["id"] for q in p["questions"]] for p in exported}
    assert questions == {
        "derby-derbyshire": [],
        "stoke-staffordshire": ["missing-from-home"],
        "york": ["crime-suspected", "significant-harm-suspected", "appears-vulnerable", "level-of-need"],
    }


def test_a_reader_that_stops_early_gets_no_traceback() -> None:
    command = f'echo \'{{"partnership": "york"}}\' | {REPOSITORY}/.venv/bin/thresholds assess | head -1'
    result = subprocess.run(
        ["bash", "-c", command], capture_output=True, text=True, check=True, cwd=REPOSITORY
    )
    assert result.stdout == "{\n"
    assert "Traceback" not in result.stderr
