"""The practice scenarios a fresh browser runtime assesses in idle time (navigator/decision/warm_up.py)."""

from __future__ import annotations

import json
from collections import Counter

from navigator.decision import Assessor
from navigator.decision.scenario import BOOLEAN_FLAGS, CHOICE_FLAGS
from navigator.decision.warm_up import ROUNDS
from navigator.model.partnership import Partnership

NOW = "2026-11-23T10:30:00+00:00"
# What the data holds (tests carry their own counts): areas, levels with indicators, questions.
EXPECTED = {
    "derby-derbyshire": ({"derbyshire", "derby-city"}, {1, 2, 3, 4}, 0),
    "stoke-staffordshire": ({"stoke-on-trent", "staffordshire"}, {1, 2, 3, 4}, 1),
    "york": ({"york"}, set(), 4),
}


def test_every_practice_scenario_is_valid_and_they_take_each_path(
    assessor: Assessor, partnerships: list[Partnership]
) -> None:
    assert sorted(p.id for p in partnerships) == sorted(EXPECTED)
    for partnership in partnerships:
        areas, levels, questions = EXPECTED[partnership.id]
        texts = assessor.warm_up_scenarios(partnership.id, NOW)
        replies = [json.loads(assessor.assess_json(text)) for text in texts]
        assert [reply for reply in replies if not reply["ok"]] == [], partnership.id
        scenarios = [json.loads(text) for text in texts]
        assert {s["partnership"] for s in scenarios} == {partnership.id}
        assert {s["now"] for s in scenarios} == {NOW}  # the clock's paths: open now or closed now
        assert {s["area"] for s in scenarios} == areas
        indicators = {i for s in scenarios for i in s.get("indicators", [])}
        prepared = assessor.partnerships[partnership.id]
        assert {prepared.indicators[i]["level"] for i in indicators} == levels
        flags = {(name, value) for s in scenarios for name, value in s.get("flags", {}).items()}
        assert flags == {(name, True) for name in BOOLEAN_FLAGS} | {
            (name, value) for name, values in CHOICE_FLAGS.items() for value in values
        }
        answered = {key for s in scenarios for key in s.get("answers", {})}
        assert len(answered) == questions
        # Each scenario comes ROUNDS times, so the most used paths are compiled again before a person ticks.
        assert set(Counter(texts).values()) == {ROUNDS}


def test_the_suggestions_they_reach_cover_the_levels(assessor: Assessor) -> None:
    texts = assessor.warm_up_scenarios("derby-derbyshire", NOW)
    reached = {json.loads(assessor.assess_json(text))["assessment"]["level"] for text in texts}
    assert {1, 2, 3, 4} <= reached
