"""Every indicator that may describe abuse, neglect or harm has a recorded significant-harm decision
(docs/safety/hazard-log.md H1), so a new or revised document cannot skip the review.

The indicators the issue named, and the counts, are carried here: a decision silently dropped or reversed
in the data fails.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from navigator.model.harm_review import decisions, marked, missing, names_harm, needs_decision
from navigator.model.partnership import Partnership
from tests.conftest import Run

# Indicators whose words describe abuse, injury or harm: each must be marked as significant harm.
MUST_BE_HARM = {
    "derby-derbyshire": [
        "Sexual abuse or risk of sexual abuse",
        "Non-accidental injury and/or unexplained injuries",
        "Suspicion /evidence of Fabricated or Induced Illness (FII)",
        "Subject to physical, emotional or sexual abuse or neglect",
        "Trafficked child/young person",
    ],
    "stoke-staffordshire": [
        "Disclosure of abuse from child / young person",
        "Sexual abuse",
        "Non-accidental injury",
    ],
}
# Indicators that describe a child who is fine: reviewed, and not harm.
MUST_NOT_BE_HARM = {
    "derby-derbyshire": ["Protection from danger or significant harm", "Sexual behaviour age-appropriate"],
    "stoke-staffordshire": ["Carers able to protect children from danger or harm"],
}
NEEDING_A_DECISION = {"derby-derbyshire": 84, "stoke-staffordshire": 107}


def _document(partnerships: list[Partnership], pid: str) -> dict[str, Any]:
    return next(p for p in partnerships if p.id == pid).document


@pytest.mark.parametrize("pid", sorted(NEEDING_A_DECISION))
def test_every_indicator_that_needs_a_decision_has_one(pid: str, partnerships: list[Partnership]) -> None:
    document = _document(partnerships, pid)
    assert [i["id"] for i in missing(document)] == []
    level = document["rules"]["significant_harm"]["level"]
    needing = [i for i in document["indicators"] if needs_decision(i, level)]
    assert len(needing) == NEEDING_A_DECISION[pid]
    decided = decisions(document["rules"])
    by_text = {i["text"]: i["id"] for i in document["indicators"]}
    for text in MUST_BE_HARM[pid]:
        assert decided[by_text[text]] is True, text
    for text in MUST_NOT_BE_HARM[pid]:
        assert decided[by_text[text]] is False, text
    for entry in document["rules"]["significant_harm"]["review"]:
        assert len(entry["reason"]) > 10, entry["indicator"]


@pytest.mark.parametrize("pid", sorted(NEEDING_A_DECISION))
def test_the_marking_is_said_to_be_our_reading(pid: str, partnerships: list[Partnership]) -> None:
    harm = _document(partnerships, pid)["rules"]["significant_harm"]
    assert "our reading" in harm["note"].lower()
    assert harm["quote"]
    assert harm["source"]["section"]
    assert harm["if_suspected"]["text"]


def test_the_words_that_call_for_a_decision() -> None:
    for text in ("Domestic abuse in the household", "Neglect", "FGM", "trafficked", "Non-accidental injury"):
        assert names_harm(text), text
    for text in ("Bereavement", "Poor school attendance", "Missing immunisations/checks"):
        assert not names_harm(text), text


def test_a_listed_indicator_counts_as_marked_beside_the_reviewed_ones() -> None:
    rules = {
        "significant_harm": {
            "level": 4,
            "indicators": ["a"],
            "review": [
                {"indicator": "b", "harm": True, "reason": "r"},
                {"indicator": "c", "harm": False, "reason": "r"},
            ],
        }
    }
    assert marked(rules) == ["a", "b"]
    assert decisions(rules) == {"a": True, "b": True, "c": False}


def test_validate_refuses_an_indicator_without_a_decision(cli: Callable[..., Run], minimal: Path) -> None:
    rules = minimal / "rules.yaml"
    text = rules.read_text(encoding="utf-8")
    review = (
        "    review:\n"
        '      - {indicator: l4-health-fixture, harm: false, reason: "Fixture: reviewed, not harm."}\n'
    )
    assert review in text
    rules.write_text(text.replace(review, ""), encoding="utf-8")
    result = cli("validate", str(minimal))
    assert result.code == 1
    indicators = minimal / "indicators.yaml"
    line = indicators.read_text(encoding="utf-8").splitlines().index("  - id: l4-health-fixture") + 1
    assert f"{indicators}:{line}:" in result.err
    assert (
        "indicators[1].id: indicator 'l4-health-fixture' (level 4) needs a significant-harm decision"
        in result.err
    )
