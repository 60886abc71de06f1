"""Every golden scenario (thresholds/<id>/scenarios.yaml) gives the level, borderline flag and phones the
source leads to. The expectations were worked out by hand from the sources, not from this code."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import yaml

from navigator.decision import Assessor
from navigator.model.catalogue import load_all
from navigator.model.compile import compile_catalogue
from navigator.model.scenarios import Golden, load_scenarios, scenarios_path
from tests.conftest import THRESHOLDS
from tests.fidelity import SOURCES, flat

_PARTNERSHIPS = load_all(THRESHOLDS, dt.date(2026, 11, 22))
_ASSESSOR = Assessor(json.dumps(compile_catalogue(_PARTNERSHIPS)))
GOLDENS = [golden for p in _PARTNERSHIPS for golden in load_scenarios(p, _ASSESSOR)]
MINIMUM_PER_PARTNERSHIP = 10


def test_every_partnership_has_enough_golden_scenarios() -> None:
    counts = {p.id: sum(g.partnership == p.id for g in GOLDENS) for p in _PARTNERSHIPS}
    assert counts == {"derby-derbyshire": 40, "stoke-staffordshire": 27, "york": 30}
    assert min(counts.values()) >= MINIMUM_PER_PARTNERSHIP


def assert_golden_holds(assessor: Assessor, golden: Golden) -> None:
    """The assessment of a golden scenario gives what its `expect` says (shared with other shapes' tests)."""
    result = assessor.assess(golden.scenario)
    expect = golden.expect
    assert result["level"] == expect["level"]
    assert result["borderline"] is expect["borderline"]
    assert [entry["phone"] for entry in result["urgent"] if entry["phone"]] == expect["urgent"]
    assert sorted({c["phone"] for c in result["contacts"] if c["phone"]}) == sorted(set(expect["contacts"]))
    open_now = {contact["id"]: contact["open_now"] for contact in result["contacts"]}
    for contact, expected in expect.get("open_now", {}).items():
        assert contact in open_now, f"{contact} is not among the contacts"
        assert open_now[contact] is expected, contact
    shown = {note.get("id") for note in result["notes"]} - {None}
    assert set(expect.get("notes", [])) - shown == set(), "notes the result must show"
    assert set(expect.get("no_notes", [])) & shown == set(), "notes the result must not show"


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda g: f"{g.partnership}: {g.name}")
def test_golden_scenario(golden: Golden) -> None:
    assert_golden_holds(_ASSESSOR, golden)


def test_golden_scenarios_cover_every_level_and_urgent_route() -> None:
    for partnership in _PARTNERSHIPS:
        mine = [g for g in GOLDENS if g.partnership == partnership.id]
        assert {g.expect["level"] for g in mine} >= {1, 2, 3, 4}
        assert any(g.expect["urgent"][:1] == ["999"] for g in mine)
        assert any(g.expect["urgent"] and g.expect["urgent"][0] != "999" for g in mine)


@pytest.mark.skipif(not SOURCES.is_dir(), reason="../shared/sources is not beside this clone")
def test_each_golden_scenario_quotes_its_source_word_for_word() -> None:
    for partnership in _PARTNERSHIPS:
        files = {source["id"]: source["file"] for source in partnership.document["partnership"]["sources"]}
        loaded = yaml.safe_load(scenarios_path(partnership).read_text(encoding="utf-8"))
        for item in loaded["scenarios"]:
            based_on = item["based_on"]
            original = flat((SOURCES / files[based_on["document"]]).read_text(encoding="utf-8"))
            assert flat(based_on["quote"]) in original, f"{partnership.id}: {item['name']}"
