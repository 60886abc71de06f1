"""Controls of the hazard log (docs/safety/hazard-log.md) that no other test proved: every result carries
the document's own caveats, the navigator says it is not a decision, a passed review date shows on every
page a practitioner acts on, every written page opens with the urgent lines, no scenario carries free text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from navigator.decision import Assessor, ScenarioError
from navigator.handbook import pages
from navigator.handbook.render import text
from navigator.model.partnership import Partnership
from navigator.model.scenarios import load_scenarios
from tests.conftest import REPOSITORY

TODAY = dt.date(2026, 11, 22)
DOCS = REPOSITORY / "docs"


def _document(partnerships: list[Partnership], pid: str) -> dict[str, Any]:
    return next(p for p in partnerships if p.id == pid).document


def test_every_result_carries_every_caveat_of_its_document(
    assessor: Assessor, partnerships: list[Partnership]
) -> None:
    """H7: whatever the scenario, the result quotes all of the document's not-a-checklist words."""
    for partnership in partnerships:
        caveats = [{"text": c["text"], "source": c["source"]} for c in partnership.document["caveats"]]
        assert caveats, partnership.id
        scenarios = [{"partnership": partnership.id}] + [
            golden.scenario for golden in load_scenarios(partnership, assessor)
        ]
        for scenario in scenarios:
            assert assessor.assess(scenario)["caveats"] == caveats, (partnership.id, scenario)


def test_the_navigator_says_hypothetical_and_not_a_decision_before_its_form(
    partnerships: list[Partnership],
) -> None:
    """H7: before anything can be ticked, the page quotes the document's caveat and says what it is not."""
    for partnership in partnerships:
        document = partnership.document
        markdown = pages.navigator(document, TODAY)
        form = markdown.index("<form")
        caveat = text(document["caveats"][0]["text"])
        for words in (caveat, "**hypothetical** scenario", "not a decision", "professional judgement"):
            assert -1 < markdown.find(words) < form, (partnership.id, words)


# Pages that give no guidance to act on: the history of versions, and the data for download.
NOT_ACTED_ON = ("what-changed.md", "open-data.md")


def test_a_passed_review_date_shows_on_every_page_a_practitioner_acts_on(
    partnerships: list[Partnership],
) -> None:
    """H3, H5: Derby and Derbyshire's review date (2020-11) has passed; every page it guides says so."""
    documents = [partnership.document for partnership in partnerships]
    paths = [p for p, _ in pages.page_paths(documents) if p.startswith("derby-derbyshire/")]
    acted_on = [path for path in paths if not path.endswith(NOT_ACTED_ON)]
    assert "derby-derbyshire/navigator.md" in acted_on
    for path in acted_on:
        assert "Review date passed" in pages.page(documents, path, TODAY), path
        assert "Review date passed" not in pages.page(documents, path, dt.date(2020, 11, 30)), path


def _written_pages() -> list[Path]:
    return sorted(path for path in DOCS.rglob("*.md") if "adr" not in path.relative_to(DOCS).parts)


@pytest.mark.parametrize("page", _written_pages(), ids=lambda path: path.relative_to(DOCS).as_posix())
def test_every_written_page_opens_with_the_urgent_lines(page: Path) -> None:
    """H10: the pages typed into docs/ open, as the generated ones do, with 999 and the child-protection
    lines (the `urgent_routes` macro) right under their title."""
    lines = [line for line in page.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert lines[0].startswith("# ")
    assert lines[1] == "{{ urgent_routes() }}"


@pytest.mark.parametrize(
    "scenario",
    [
        {"partnership": "york", "notes": "Jane, aged 4, bruises on her arm"},
        {"partnership": "derby-derbyshire", "indicators": ["Jane, aged 4, bruises on her arm"]},
        {"partnership": "york", "answers": {"level-of-need": "Jane, aged 4"}},
        {"partnership": "york", "flags": {"consent": "mother refused on 3 May"}},
        {"partnership": "stoke-staffordshire", "area": "12 Acacia Avenue"},
    ],
    ids=["field", "indicator", "answer", "flag", "area"],
)
def test_a_scenario_carrying_free_text_is_refused(assessor: Assessor, scenario: dict[str, Any]) -> None:
    """H6: a scenario (typed, loaded from a file or a link) holds only ids and choices; text is refused."""
    with pytest.raises(ScenarioError):
        assessor.assess(scenario)
