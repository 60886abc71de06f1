"""Our readings shown as ours (docs/safety/hazard-log.md H4): where a line is a child-protection line only by
our reading, or the source gives no hours and no out-of-hours route, every urgent box and result says so.

The expected words are carried here, so a reading dropped from the data or from a page fails.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

import pytest

from navigator.decision import Assessor
from navigator.handbook import pages
from navigator.model.partnership import Partnership

TODAY = dt.date(2026, 11, 22)
# (partnership, area): the start of the reading each child-protection line carries, or None for a line the
# source itself names as the child-protection line.
READINGS = {
    ("derby-derbyshire", "derbyshire"): None,
    ("derby-derbyshire", "derby-city"): None,
    (
        "stoke-staffordshire",
        "staffordshire",
    ): "Our reading: the framework does not name a child-protection line",
    ("stoke-staffordshire", "stoke-on-trent"): "Our reading: the framework does not say in so many words",
    ("york", "york"): "Our reading: the procedure does not call this a child-protection line.",
}
NO_HOURS = {
    ("derby-derbyshire", "derby-city"),
    ("stoke-staffordshire", "staffordshire"),
    ("stoke-staffordshire", "stoke-on-trent"),
    ("york", "york"),
}
YORK_999 = "Our words: the York procedure gives no emergency number and never mentions 999"


def _harm(assessor: Assessor, pid: str, area: str) -> list[dict[str, Any]]:
    scenario = {"partnership": pid, "area": area, "flags": {"immediate_danger": True}}
    return list(assessor.assess(scenario)["urgent"])


@pytest.mark.parametrize(("pid", "area"), sorted(READINGS))
def test_a_result_marks_our_readings_on_its_urgent_lines(assessor: Assessor, pid: str, area: str) -> None:
    danger, *protection = _harm(assessor, pid, area)
    assert len(protection) == 1
    reading = READINGS[(pid, area)]
    if reading is None:
        assert protection[0]["reading"] is None
    else:
        assert protection[0]["reading"].startswith(reading)
    assert (danger["reading"] or "").startswith(YORK_999) is (pid == "york")
    result = assessor.assess(
        {"partnership": pid, "area": area, "flags": {"significant_harm_suspected": True}}
    )
    contact = next(c for c in result["contacts"] if c["id"] == protection[0]["contact"])
    assert contact["reading"] == protection[0]["reading"]


@pytest.mark.parametrize(("pid", "area"), sorted(READINGS))
def test_a_line_whose_source_gives_no_hours_says_so(assessor: Assessor, pid: str, area: str) -> None:
    _, line = _harm(assessor, pid, area)
    said = line["out_of_hours"] or ""
    if (pid, area) in NO_HOURS:
        assert "no opening hours for this line and no out-of-hours route" in said
    else:  # Derbyshire: the web page sends urgent calls outside the inbox's hours to Call Derbyshire
        assert "outside the Starting Point inbox's hours" in said


def test_every_page_marks_our_readings_in_the_urgent_box(partnerships: list[Partnership]) -> None:
    documents = [p.document for p in partnerships]
    checked = 0
    for path, markdown in pages.all_pages(documents, TODAY):
        banner = html.unescape(pages.urgent_banner(pages.page_documents(documents, path)))
        assert markdown.startswith(pages.urgent_banner(pages.page_documents(documents, path)))
        shown = [d["partnership"]["id"] for d in pages.page_documents(documents, path)]
        for (pid, area), reading in READINGS.items():
            if pid not in shown:
                continue
            if reading:
                assert reading in banner, (path, area)
            if (pid, area) in NO_HOURS:
                assert banner.count("no out-of-hours route") >= 1, path
        assert (YORK_999 in banner) is (shown == ["york"]), path  # elsewhere 999 comes from a source
        checked += 1
    assert checked >= 40


def test_the_contacts_pages_show_readings_and_hours(partnerships: list[Partnership]) -> None:
    for partnership in partnerships:
        page = html.unescape(pages.contacts_page(partnership.document, TODAY))
        for (pid, _), reading in READINGS.items():
            if pid == partnership.id and reading:
                assert reading in page
        if partnership.id != "derby-derbyshire":
            assert "Out of hours: The" in page
    stoke = next(p for p in partnerships if p.id == "stoke-staffordshire")
    marf = html.unescape(pages.contacts_page(stoke.document, TODAY))
    assert "Our reading: the framework does not say which levels the MARF is for." in marf
