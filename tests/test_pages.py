"""The generated handbook pages, rendered without MkDocs: urgent lines first, every indicator anchored with
its source, both readings of every conflict, the four levels side by side, text always escaped."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

from navigator.handbook import pages
from navigator.model.partnership import Partnership

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def documents(partnerships: list[Partnership]) -> list[dict[str, Any]]:
    return [partnership.document for partnership in partnerships]


def _by_id(documents: list[dict[str, Any]], pid: str) -> dict[str, Any]:
    return next(d for d in documents if d["partnership"]["id"] == pid)


def test_page_table(documents: list[dict[str, Any]]) -> None:
    paths = [path for path, _ in pages.page_paths(documents)]
    assert len(paths) == 3 + 9 + 9 + 8
    assert "derby-derbyshire/level-3.md" in paths
    assert "york/indicators.md" not in paths  # York has no indicator table
    assert len(set(paths)) == len(paths)


def test_every_page_opens_with_the_urgent_lines(documents: list[dict[str, Any]]) -> None:
    for path, markdown in pages.all_pages(documents, TODAY):
        first = markdown.splitlines()
        assert first[0] == '!!! danger "Urgent: if a child is in danger"', path
        assert first[2] == "    - **Immediate danger: ring 999**", path
    derby = pages.page(documents, "derby-derbyshire/consent.md", TODAY)
    assert "**01629 533190**" in derby
    assert "**01332 641172**" in derby
    assert "01904 551900" not in derby  # a partnership's pages give its own lines
    york = pages.page(documents, "york/index.md", TODAY)
    assert "**01904 551900**" in york


def test_review_banner_only_once_the_review_date_has_passed(documents: list[dict[str, Any]]) -> None:
    derby = _by_id(documents, "derby-derbyshire")
    assert "Review date passed" in pages.overview(derby, TODAY)
    assert "Review date passed" in pages.level_page(derby, 2, TODAY)
    assert "Review date passed" not in pages.overview(derby, dt.date(2020, 11, 30))
    assert "Review date passed" not in pages.overview(_by_id(documents, "york"), TODAY)  # "not stated"


def test_every_indicator_has_its_anchor_and_source(documents: list[dict[str, Any]]) -> None:
    for pid, count in (("derby-derbyshire", 215), ("stoke-staffordshire", 278)):
        document = _by_id(documents, pid)
        markdown = pages.indicators_page(document, TODAY)
        assert markdown.count('<li id="') == count
        for indicator in document["indicators"]:
            assert f'<li id="{indicator["id"]}">' in markdown
        assert markdown.count('<span class="source">') == count
        assert markdown.count('<div class="level-column') == 4 * markdown.count('<div class="levels-grid">')
    stoke = pages.indicators_page(_by_id(documents, "stoke-staffordshire"), TODAY)
    assert stoke.count("(placement uncertain in the source)") == 19


def test_level_page_has_each_areas_steps_in_tabs(documents: list[dict[str, Any]]) -> None:
    markdown = pages.level_page(_by_id(documents, "derby-derbyshire"), 4, TODAY)
    assert '=== "Derbyshire"' in markdown
    assert '=== "Derby City"' in markdown
    assert "    - Discuss concerns with your manager or safeguarding lead without delay." in markdown
    assert "## From the threshold table" in markdown


def test_contacts_show_the_hours_conflict_beside_the_hours(documents: list[dict[str, Any]]) -> None:
    markdown = pages.contacts_page(_by_id(documents, "derby-derbyshire"), TODAY)
    block = markdown[markdown.index("**Consultation and Advice line at Starting Point**") :]
    block = block[: block.index("</div>")]
    assert "Hours: 9am to 5pm Monday to Friday" in block
    assert "**Sources disagree**" in block
    assert "operates from 10am to 4pm Monday to Friday" in block
    assert "(../conflicts.md#advice-line-hours)" in block


def test_conflicts_page_lists_every_reading(documents: list[dict[str, Any]]) -> None:
    markdown = pages.conflicts_page(documents)
    for document in documents:
        for conflict in document.get("conflicts", []):
            assert f"{{#{conflict['id']}}}" in markdown
            for reading in conflict["readings"]:
                assert pages.text(reading["text"]) in markdown


def test_compare_links_each_partnerships_indicators_by_domain(documents: list[dict[str, Any]]) -> None:
    markdown = pages.compare_page(documents)
    health = markdown[markdown.index("## Health") :]
    health = health[: health.index("\n## ")]
    rows = [line for line in health.splitlines() if line.startswith("| ") and "Partnership" not in line]
    assert [row.split(" | ")[0] for row in rows] == [
        "| Derby City and Derbyshire",
        "| Stoke-on-Trent and Staffordshire",
    ]
    assert '<a href="../derby-derbyshire/indicators/#l2-health-missing-immunisations-checks">' in health


def test_yaml_text_is_escaped_everywhere(documents: list[dict[str, Any]]) -> None:
    hostile = copy.deepcopy(_by_id(documents, "derby-derbyshire"))
    hostile["indicators"][0]["text"] = "<script>alert(1)</script>"
    hostile["levels"][0]["summary"]["text"] = "<img src=x onerror=alert(1)>"
    hostile["contacts"][1]["name"] = "*[link](javascript:alert(1))*"
    rendered = "".join(
        [
            pages.indicators_page(hostile, TODAY),
            pages.level_page(hostile, 1, TODAY),
            pages.contacts_page(hostile, TODAY),
            pages.compare_page([hostile]),
        ]
    )
    assert "<script>" not in rendered
    assert "<img" not in rendered
    assert "](javascript" not in rendered
    assert "&lt;script&gt;" in rendered


def test_glossary_acronyms_become_abbreviations(documents: list[dict[str, Any]]) -> None:
    derby = pages.abbreviations([_by_id(documents, "derby-derbyshire")]).splitlines()
    assert "*[TAF]: Team Around the Family" in derby
    assert "*[FGM]: Female Genital Mutilation" in derby
    assert len(derby) == 16
    assert len(pages.abbreviations(documents).splitlines()) >= 16
    assert pages.page_documents(documents, "york/index.md") == [_by_id(documents, "york")]
    assert pages.page_documents(documents, "compare.md") == documents
