"""Everything the data gives as a source's words stands in the source it cites (when ../shared/sources is
present), checked by `thresholds verify`'s own code: indicators, level texts and steps, routes, consent,
guidance, checklists, rule quotes, conflict readings, scenario quotes, phone numbers, emails and hours.

CI always has ../shared beside the clone, so this runs there; a user's clone without it skips it, and the
hand-counted expectations in the per-partnership fidelity tests still run.
"""

from __future__ import annotations

import pytest

from navigator.model.problems import key_text
from tests.fidelity import SOURCES, document, failures, source_report, verified

pytestmark = pytest.mark.skipif(not SOURCES.is_dir(), reason="../shared/sources is not beside this clone")
PARTNERSHIPS = ("derby-derbyshire", "stoke-staffordshire", "york")


def test_everything_given_as_the_sources_words_is_found_there() -> None:
    assert failures() == []
    report = source_report()
    assert report.partnerships == set(PARTNERSHIPS)
    assert len(report.sources) == 5


@pytest.mark.parametrize("partnership", PARTNERSHIPS)
def test_every_indicator_occurs_verbatim_in_its_source(partnership: str) -> None:
    indicators = document(partnership).get("indicators", [])
    found = {path for path in verified(partnership) if path[0] == "indicators"}
    assert found == {("indicators", index, "text") for index in range(len(indicators))}


@pytest.mark.parametrize("partnership", PARTNERSHIPS)
def test_every_phone_number_occurs_in_its_source(partnership: str) -> None:
    """And every email address and opening-hours statement."""
    contacts = document(partnership)["contacts"]
    expected = {
        ("contacts", index, *field)
        for index, contact in enumerate(contacts)
        for field, present in (
            (("phone",), "phone" in contact),
            (("email",), "email" in contact),
            (("hours", "text"), "hours" in contact),
        )
        if present
    }
    assert expected
    assert expected <= verified(partnership)


def test_the_counts_of_what_was_verified() -> None:
    """Hand-counted: contacts with a phone (999 included), emails, web addresses and hours statements."""
    report = source_report()
    assert (report.verified["phone"], report.verified["email"], report.verified["address"]) == (10, 1, 2)
    assert report.verified["hours"] == 4
    assert report.verified["text"] > 1300


def test_our_readings_are_listed_and_never_counted_as_verified() -> None:
    report = source_report()
    listed = {(reading.position.file.parent.name, reading.key) for reading in report.readings}
    assert ("york", "contacts[0].reading") in listed  # the Front Door: a child-protection line by our reading
    assert sum(key.startswith("rules.significant_harm.review[") for _, key in listed) == 84 + 107
    counted = {(pid, key_text(path)) for pid, file, path in report.verified_paths if file != "scenarios.yaml"}
    assert not listed & counted
