"""Fidelity: every conflict reading stands word for word in the source it cites, and the recorded
disagreements are all there.

The verbatim check (by `thresholds verify`'s own code, tests.fidelity.source_report) needs
../shared/sources and skips without it (as test_fidelity_sources does); the check that the disagreements
are recorded carries its own expectations and always runs.
"""

from __future__ import annotations

import pytest

from tests.fidelity import SOURCES, by_id, document, verified

# Disagreements between two documents of a partnership: readings from at least two documents.
ACROSS_DOCUMENTS = {
    "derby-derbyshire": [
        "early-help-before-referral-exceptions",
        "advice-line-consent",
        "consent-before-contact-accepted",
    ],
}

# Disagreements inside one document: readings from at least two of its sections.
WITHIN_A_DOCUMENT = {
    "derby-derbyshire": [
        "derby-city-completed-early-help-assessment",
        "level-1-described-differently-by-area",
        "level-3-described-differently-by-area",
        "level-4-described-differently-by-area",
        "initial-contact-decision-timescale",
        "step-up-timescale",
        "level-3-access-early-help-assessment",
        "exploitation-medium-risk-level",
        "starting-point-police-staffing",
    ],
    "stoke-staffordshire": [
        "stoke-consultation-line-audience",
        "disabled-child-in-need-level",
    ],
}


def _expected(table: dict[str, list[str]]) -> list[tuple[str, str]]:
    return [(partnership, conflict) for partnership, ids in table.items() for conflict in ids]


@pytest.mark.parametrize(("partnership", "conflict_id"), _expected(ACROSS_DOCUMENTS))
def test_disagreement_between_documents_is_recorded(partnership: str, conflict_id: str) -> None:
    conflict = by_id(partnership, "conflicts")[conflict_id]
    assert len(conflict["readings"]) >= 2
    assert len({reading["source"]["document"] for reading in conflict["readings"]}) >= 2


@pytest.mark.parametrize(("partnership", "conflict_id"), _expected(WITHIN_A_DOCUMENT))
def test_disagreement_within_a_document_is_recorded(partnership: str, conflict_id: str) -> None:
    conflict = by_id(partnership, "conflicts")[conflict_id]
    assert len(conflict["readings"]) >= 2
    places = {(r["source"]["document"], r["source"]["section"]) for r in conflict["readings"]}
    assert len(places) >= 2


def test_each_level_that_the_two_flows_describe_differently_has_its_conflict() -> None:
    """Appendix 1 and Appendix 2 give the same Step 1 words for Level 2 only."""
    conflicts = by_id("derby-derbyshire", "conflicts")
    for level in (1, 3, 4):
        conflict = conflicts[f"level-{level}-described-differently-by-area"]
        assert {"kind": "level", "id": level} in conflict["affects"]
        sections = [reading["source"]["section"] for reading in conflict["readings"]]
        assert any(section.startswith("Appendix 1") for section in sections)
        assert any(section.startswith("Appendix 2") for section in sections)
    assert "level-2-described-differently-by-area" not in conflicts


@pytest.mark.skipif(not SOURCES.is_dir(), reason="../shared/sources is not beside this clone")
@pytest.mark.parametrize("partnership", ["derby-derbyshire", "stoke-staffordshire", "york"])
def test_every_conflict_reading_occurs_verbatim_in_its_source(partnership: str) -> None:
    expected = {
        ("conflicts", index, "readings", number, "text")
        for index, conflict in enumerate(document(partnership).get("conflicts", []))
        for number in range(len(conflict["readings"]))
    }
    assert expected <= verified(partnership)
