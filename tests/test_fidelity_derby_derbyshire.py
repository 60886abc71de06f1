"""Fidelity: the Derby City and Derbyshire data holds what the 2019 threshold document says, counted by hand.

Counts were taken by reading Appendix 3 of derby-derbyshire-threshold-document-2019.txt; the texts are
copied from it. These tests need no ../shared: they carry their own expectations.
"""

from __future__ import annotations

import pytest

from navigator.model.verify_sources import load_source
from navigator.model.verify_text import comparable
from tests.fidelity import SOURCES, by_id, counts, document, places, verified

ID = "derby-derbyshire"

# Appendix 3, counted by hand: (level, domain) -> number of indicators.
COUNTS = {
    (1, "health"): 8,
    (1, "emotional-behavioural-development"): 7,
    (1, "identity-self-esteem"): 1,
    (1, "family-social-relationships"): 3,
    (1, "basic-care-safety-protection"): 3,
    (1, "housing-work-income"): 2,
    (1, "social-community-integration"): 2,
    (1, "education-learning"): 5,
    (2, "health"): 11,
    (2, "identity-self-esteem"): 6,
    (2, "family-social-relationships"): 10,
    (2, "emotional-behavioural-development"): 16,
    (2, "education-learning"): 7,
    (2, "basic-care-safety-protection"): 9,
    (2, "housing-work-income"): 9,
    (2, "social-community-integration"): 4,
    (3, "health"): 9,
    (3, "emotional-behavioural-development"): 9,
    (3, "family-social-relationships"): 2,
    (3, "basic-care-safety-protection"): 4,
    (3, "education-learning"): 6,
    (3, "social-community-integration"): 6,
    (3, "identity-self-esteem"): 3,
    (3, "housing-work-income"): 4,
    (4, "health"): 15,
    (4, "basic-care-safety-protection"): 8,
    (4, "emotional-behavioural-development"): 12,
    (4, "identity-self-esteem"): 3,
    (4, "education-learning"): 4,
    (4, "housing-work-income"): 5,
    (4, "family-social-relationships"): 10,
    (4, "social-community-integration"): 5,
    (4, "specific-issues"): 7,
}

# (level, domain, verbatim text): a spot list across every level and several domains.
SPOT_TEXTS = [
    (
        1,
        "health",
        "Pregnant women accessing appropriate antenatal care and making good health choices for their unborn",
    ),
    (
        1,
        "identity-self-esteem",
        "Can discriminate between safe and unsafe contacts/relationships offline and online",
    ),
    (1, "education-learning", "Planning for career and adult life"),
    (2, "health", "'Was not brought' to some routine and non-routine health appointments"),
    (2, "family-social-relationships", "Domestic abuse in the household"),
    (2, "emotional-behavioural-development", "Disability limits amount of self-care possible"),
    (
        2,
        "basic-care-safety-protection",
        "Failing to bring the child to planned medical appointments where there is a "
        "known health need, or for routine health care such as immunisations. "
        "Not seeking appropriate medical advice "
        "when in the child's best interest",
    ),
    (2, "housing-work-income", "Not in education employment or training post-16"),
    (3, "health", "Self-harming behaviours"),
    (
        3,
        "emotional-behavioural-development",
        "Changed behaviour and reference to radicalised thoughts and threats to act",
    ),
    (3, "basic-care-safety-protection", "Child has few positive relationships"),
    (
        3,
        "social-community-integration",
        "Exposure to risks outside of the family environment e.g. child at risk of exploitation",
    ),
    (3, "education-learning", "Unsuitable home education"),
    (4, "health", "Suspicion /evidence of Fabricated or Induced Illness (FII)"),
    (4, "health", "Child at risk of exploitation (CRE) medium or high risk"),
    (4, "basic-care-safety-protection", "Persistence abuse/violence in the home"),
    (4, "emotional-behavioural-development", "Puts self or others in danger e.g. missing from home"),
    (4, "emotional-behavioural-development", "Child 'beyond parental control'"),
    (4, "specific-issues", "Privately fostered child or young person"),
    (4, "specific-issues", "'Honour' based abuse/violence/forced marriage/ female genital mutilation (FGM)"),
    (4, "housing-work-income", "At risk of homelessness or homeless 16-17 year olds"),
]


def test_indicator_counts_per_level_and_domain() -> None:
    assert counts(ID) == COUNTS
    assert sum(COUNTS.values()) == 215


@pytest.mark.parametrize(("level", "domain", "text"), SPOT_TEXTS, ids=[t[2][:40] for t in SPOT_TEXTS])
def test_indicator_text_is_verbatim(level: int, domain: str, text: str) -> None:
    assert places(ID, text) == [(level, domain)]


def test_bereavement_listed_once_per_level() -> None:
    domain = "emotional-behavioural-development"
    found = places(ID, "Child/young person has experienced a bereavement")
    assert found == [(2, domain), (3, domain), (4, domain)]


def test_every_indicator_cites_appendix_3() -> None:
    for item in document(ID)["indicators"]:
        assert item["source"]["document"] == "ddscp-2019"
        assert item["source"]["section"].startswith(f"Appendix 3: Level {item['level']} ")


def test_levels_are_named_as_in_the_document() -> None:
    names = {level["level"]: level["name"] for level in document(ID)["levels"]}
    assert names == {1: "Universal", 2: "Emerging Needs", 3: "Intensive", 4: "Specialist"}


def test_each_level_has_both_areas_steps() -> None:
    for level in document(ID)["levels"]:
        assert set(level["steps"]) == {"derbyshire", "derby-city"}
        assert level["threshold_table"]["outcome"]


def test_phone_numbers_are_the_documents() -> None:
    contacts = by_id(ID, "contacts")
    assert contacts["call-derbyshire"]["phone"] == "01629 533190"
    assert contacts["call-derbyshire"]["urgent"] is True
    assert contacts["derby-city-first-contact-team"]["phone"] == "01332 641172"
    assert contacts["derby-city-first-contact-team"]["urgent"] is True
    assert contacts["starting-point-advice-line"]["phone"] == "01629 535353"
    assert contacts["starting-point-advice-line"]["hours"]["text"] == "9am to 5pm Monday to Friday"
    assert contacts["starting-point-advice-line"]["hours"]["weekly"] == [
        {"days": ["mon", "tue", "wed", "thu", "fri"], "opens": "09:00", "closes": "17:00"}
    ]
    assert contacts["derby-city-consultation-line"]["phone_as_written"] == "07812300329"
    assert contacts["derby-city-consultation-line"]["hours"]["weekly"] == [
        {"opens": "10:00", "closes": "13:00"}
    ]
    assert contacts["emergency-999"]["phone"] == "999"


def test_child_protection_routes_need_written_follow_up_within_48_hours() -> None:
    routes = [route for route in document(ID)["routes"] if route["kind"] == "child_protection"]
    assert {route["area"] for route in routes} == {"derbyshire", "derby-city"}
    for route in routes:
        assert route["follow_up"]["within_hours"] == 48
    for area in document(ID)["areas"]:
        assert area["written_follow_up"]["within_hours"] == 48
        assert "48 hours" in area["written_follow_up"]["text"]


def test_document_metadata() -> None:
    meta = document(ID)["partnership"]
    assert (meta["version"], meta["signed_off_by"], meta["review_date"]) == (
        "1",
        "DDSCP Policies & Procedures Group",
        "2020-11",
    )
    assert meta["sources"][0]["file"] == "derby-derbyshire-threshold-document-2019.txt"


def test_consent_paths() -> None:
    situations = {situation["id"]: situation for situation in document(ID)["consent"]["situations"]}
    assert {"given", "refused", "would_increase_risk"} <= set(situations)
    assert any(
        "The reason for proceeding without agreement must be recorded" in step
        for step in situations["refused"]["steps"]
    )


def test_principles_questions_and_glossary() -> None:
    assert len(document(ID)["principles"]["items"]) == 11
    assert len(document(ID)["questions_to_consider"]["items"]) == 9
    acronyms = {entry.get("acronym") for entry in document(ID)["glossary"]}
    assert {"DDSCP", "EHA", "TAF", "CSC", "CAMHS", "FGM", "CRE", "MARAC", "MAPPA"} <= acronyms
    assert len(document(ID)["glossary"]) == 20


def test_caveats_say_not_a_checklist() -> None:
    texts = " ".join(caveat["text"] for caveat in document(ID)["caveats"])
    assert "check list approach is mechanistic" in texts
    assert "The indicators are a guide and not a pre-determined level of response." in texts


STEP_TITLES = [
    "Step 1: What is the nature of your concern?",
    "Step 2: What action should you take?",
    "Step 3: Follow up if you need to make a request for support or a referral to Social Care",
]


def test_each_areas_flowchart_is_titled_in_the_documents_words() -> None:
    areas = {area["id"]: area for area in document(ID)["areas"]}
    assert areas["derbyshire"]["flowchart"]["title"] == (
        "Derbyshire: If you are concerned about an unborn baby, child, young person or family"
    )
    assert areas["derby-city"]["flowchart"]["title"] == (
        "Derby City: If you are concerned about a child, young person or family process flowchart"
    )
    for area in areas.values():
        assert area["flowchart"]["steps"] == STEP_TITLES


@pytest.mark.skipif(not SOURCES.is_dir(), reason="../shared/sources is not beside this clone")
def test_flowchart_titles_stand_in_the_source() -> None:
    for index, area in enumerate(document(ID)["areas"]):
        flowchart = ("areas", index, "flowchart")
        expected = {(*flowchart, "title"), *((*flowchart, "steps", step) for step in range(3))}
        assert expected <= verified(ID), area["id"]
    source = load_source(SOURCES / "derby-derbyshire-threshold-document-2019.txt")
    assert source.kept.count(comparable(STEP_TITLES[2])) == 2
