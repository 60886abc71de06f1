"""Fidelity: the Stoke-on-Trent and Staffordshire framework, counted by hand from its Level 1-4 tables."""

from __future__ import annotations

import pytest

from tests.fidelity import by_id, counts, document, places

ID = "stoke-staffordshire"
# Counted from the framework's tables (each "·" bullet under its heading, both columns, split pages joined).
COUNTS = {
    "health": (10, 15, 9, 16),
    "education-learning": (9, 8, 4, 1),
    "emotional-behavioural-development": (6, 7, 8, 18),
    "identity-self-esteem": (3, 5, 2, 5),
    "family-social-relationships": (3, 5, 4, 6),
    "social-presentation": (2, 2, 2, 1),
    "self-care-skills": (1, 3, 2, 3),
    "exploitation": (0, 5, 4, 0),
    "other-indicators": (0, 0, 0, 8),
    "basic-care-safety-protection": (2, 8, 9, 2),
    "emotional-warmth": (3, 3, 4, 3),
    "guidance-boundaries-stimulation": (2, 7, 2, 4),
    "family-history-functioning": (2, 10, 4, 4),
    "housing-employment-finance": (3, 7, 2, 4),
    "family-social-integration": (1, 2, 3, 2),
    "community-resources": (3, 2, 2, 1),
}
GROUPS = {
    "child-developmental-needs": {
        "health",
        "education-learning",
        "emotional-behavioural-development",
        "identity-self-esteem",
        "family-social-relationships",
        "social-presentation",
        "self-care-skills",
        "exploitation",
        "other-indicators",
    },
    "parents-and-carers": {
        "basic-care-safety-protection",
        "emotional-warmth",
        "guidance-boundaries-stimulation",
    },
    "family-environmental-factors": {
        "family-history-functioning",
        "housing-employment-finance",
        "family-social-integration",
        "community-resources",
    },
}
SPOT_TEXTS = [
    (1, "health", "Registered with a GP"),
    (1, "emotional-warmth", "There may be low level post-natal depression"),
    (2, "exploitation", "At risk of gang association"),
    (2, "family-history-functioning", "Parental offending behaviour / custodial sentences"),
    (
        2,
        "housing-employment-finance",
        "Children subject to kinship care arrangements made by their own family",
    ),
    (
        3,
        "basic-care-safety-protection",
        "Child at risk of Female Genital Mutilation and other harmful "
        "traditional/cultural practices, Forced Marriage or Honour Based Abuse where a protective parent "
        "is engaging "
        "with targeted services to seek protection",
    ),
    (
        3,
        "exploitation",
        "Medium risk of child exploitation – knowledge of a key risk that the child is currently "
        "being targeted but not actively involved / exploited eg sexual exploitation, criminal exploitation.",
    ),
    (3, "family-social-relationships", "Misses school consistently"),
    (4, "health", "Non-accidental injury"),
    (4, "other-indicators", "Privately fostered"),
    (4, "other-indicators", "Unaccompanied refuge / asylum seeker"),
    (
        4,
        "identity-self-esteem",
        "Failed Education Supervision Order – three prosecutions for non-attendance: family "
        "refusing to engage",
    ),
    (4, "family-history-functioning", "Family home used for drug taking, prostitution, illegal activities"),
]


def test_indicator_counts_per_level_and_domain() -> None:
    expected = {
        (level, domain): number
        for domain, numbers in COUNTS.items()
        for level, number in enumerate(numbers, start=1)
        if number
    }
    assert counts(ID) == expected
    assert sum(expected.values()) == 278


def test_domains_sit_in_their_column_groups() -> None:
    domains = by_id(ID, "domains")
    for group, members in GROUPS.items():
        assert {domain for domain, item in domains.items() if item["group"] == group} == members


@pytest.mark.parametrize(("level", "domain", "text"), SPOT_TEXTS, ids=[t[2][:40] for t in SPOT_TEXTS])
def test_indicator_text_is_verbatim(level: int, domain: str, text: str) -> None:
    assert places(ID, text) == [(level, domain)]


def test_flattened_columns_are_flagged_where_doubtful() -> None:
    doubtful = {i["text"] for i in document(ID)["indicators"] if i.get("placement") == "doubtful"}
    assert "Misses school consistently" in doubtful
    assert "Continuous patterns of domestic abuse" in doubtful
    assert all("note" in i for i in document(ID)["indicators"] if i.get("placement") == "doubtful")


def test_missing_from_home_is_one_numeric_question_at_two_levels() -> None:
    question = by_id(ID, "questions")["missing-from-home"]
    assert question["type"] == "number"
    assert question["minimum"] == 0
    counted = sorted((i["level"], i["text"]) for i in document(ID)["indicators"] if i.get("question"))
    assert counted == [
        (3, "Incidents of missing form home (less than 3 incidents in 90 days)"),
        (4, "Persistent and regular incidents of missing from home (three or more incidents in 90 days)"),
    ]


def test_levels_have_the_frameworks_names() -> None:
    assert [(level["level"], level["name"]) for level in document(ID)["levels"]] == [
        (1, "Universal"),
        (2, "Universal Plus / Earliest Help"),
        (3, "Targeted Early Help"),
        (4, "Statutory / Specialist"),
    ]


def test_each_area_has_its_own_lines() -> None:
    contacts = by_id(ID, "contacts")
    assert contacts["staffordshire-first-response"]["phone"] == "0800 1313126"
    assert contacts["staffordshire-first-response"]["area"] == "staffordshire"
    assert contacts["staffordshire-online-enquiry"]["url"] == "www.staffordshire.gov.uk/firstresponse"
    consultation = contacts["stoke-consultation-line"]
    assert (consultation["phone"], consultation["area"], consultation["urgent"]) == (
        "01782 237460",
        "stoke-on-trent",
        False,
    )
    assert consultation["audience"] == ["professionals"]
    assert consultation["hours"]["weekly"] == [
        {"days": ["mon", "tue", "wed", "thu", "fri"], "opens": "09:00", "closes": "16:00"}
    ]
    assert contacts["stoke-safeguarding-referral-team"]["phone"] == "01782 235100"
    assert "MARF" in contacts["stoke-marf"]["online_form"]
    assert contacts["emergency-999"]["phone"] == "999"
    routes = {r["area"]: r["contacts"][0] for r in document(ID)["routes"] if r["kind"] == "child_protection"}
    assert routes == {
        "staffordshire": "staffordshire-first-response",
        "stoke-on-trent": "stoke-safeguarding-referral-team",
    }


def test_guidance_sections_and_windscreen_caveats() -> None:
    sections = by_id(ID, "guidance")
    assert {"section-17", "section-47", "windscreen", "early-help", "professional-disagreements"} <= set(
        sections
    )
    assert sections["signs-of-safety"]["area"] == "stoke-on-trent"
    assert sections["restorative-practice"]["area"] == "staffordshire"
    caveats = " ".join(c["text"] for c in document(ID)["caveats"])
    assert "should not be used as a checklist or an assessment of need" in caveats
    assert "family strengths that are mitigating factors" in caveats
    assert "may indicate a higher level of support needed" in caveats


def test_consent_includes_the_parent_refuses_path() -> None:
    refused = next(s for s in document(ID)["consent"]["situations"] if s["id"] == "refused")
    assert any(
        "The Children’s Social Care Services team must be told that the parent has withheld" in step
        for step in refused["steps"]
    )


def test_no_dates_are_invented() -> None:
    meta = document(ID)["partnership"]
    assert (meta["published"], meta["review_date"]) == ("not stated", "not stated")
