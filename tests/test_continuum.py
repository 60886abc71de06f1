"""The levels as a picture (navigator/handbook/continuum.py): one named segment per declared level, the
child-protection one marked by its words, the marked level by a class, with a text alternative."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest

from navigator.handbook.continuum import continuum
from navigator.handbook.level_pages import level_page
from navigator.model.partnership import Partnership

SVG = "{http://www.w3.org/2000/svg}"
KINDS = {
    2: ("universal", "child-protection"),
    3: ("universal", "family-help", "child-protection"),
    4: ("universal", "early-help", "targeted", "child-protection"),
    5: ("universal", "early-help", "targeted", "child-protection", "specialist"),
}


def _document(count: int) -> dict[str, Any]:
    levels = [
        {"level": number, "kind": kind, "name": f"Name {number} & co"}
        for number, kind in enumerate(KINDS[count], start=1)
    ]
    return {"levels": list(reversed(levels))}  # drawn in number order whatever the data's order


def _picture(page: str) -> ET.Element:
    found = re.search(r"<svg .*</svg>", page)
    assert found, page
    return ET.fromstring(found.group(0))


def _segments(svg: ET.Element) -> list[ET.Element]:
    return [node for node in svg.iter(f"{SVG}g") if "continuum-segment" in node.get("class", "")]


@pytest.mark.parametrize("count", [2, 3, 4, 5])
def test_one_named_segment_per_declared_level_the_child_protection_one_marked(count: int) -> None:
    svg = _picture(continuum(_document(count)))
    segments = _segments(svg)
    assert [int(str(s.get("data-level"))) for s in segments] == list(range(1, count + 1))
    for number, segment in enumerate(segments, start=1):
        assert segment.get("data-name") == f"Name {number} & co"
        title = segment.find(f"{SVG}title")
        assert title is not None
        assert (
            title.text == f"Level {number}: Name {number} & co ({KINDS[count][number - 1].replace('-', ' ')})"
        )
        assert f"continuum-kind-{KINDS[count][number - 1]}" in str(segment.get("class"))
    protection = [s for s in segments if "continuum-protection" in str(s.get("class"))]
    assert [s.get("data-level") for s in protection] == [str(KINDS[count].index("child-protection") + 1)]
    words = [text.text for text in protection[0].iter(f"{SVG}text")]
    assert "child protection" in words  # in words, not by colour alone
    assert svg.get("viewBox", "").startswith(f"0 0 {count * 120} ")


@pytest.mark.parametrize("count", [2, 3, 4, 5])
def test_the_marked_level_and_only_it_is_marked_in_the_picture_and_the_list(count: int) -> None:
    page = continuum(_document(count), count - 1)
    marked = [
        s.get("data-level") for s in _segments(_picture(page)) if "continuum-marked" in str(s.get("class"))
    ]
    assert marked == [str(count - 1)]
    assert page.count('class="continuum-marked"') == 1
    assert re.search(rf'<li data-level="{count - 1}" class="continuum-marked">[^<]*<', page)
    assert page.count('class="continuum-here"') == 1
    assert "(this page)</strong></li>" in page
    nothing = continuum(_document(count))
    assert not re.search(r'class="[^"]*continuum-marked', nothing)
    assert "continuum-here" not in nothing


def test_the_text_alternative_names_the_levels_the_protection_level_and_the_marked_one() -> None:
    page = continuum(_document(4), 2, ident="nav-continuum", mark_word="Suggested", unmarked="No suggestion.")
    svg = _picture(page)
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "nav-continuum-title nav-continuum-marked"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert title is not None
    assert desc is not None
    assert title.get("id") == "nav-continuum-title"
    assert (
        title.text
        == "The 4 levels of need, from Level 1 to Level 4; Level 4, Name 4 & co, is child protection."
    )
    assert desc.get("id") == "nav-continuum-marked"
    assert desc.text == "Suggested: Level 2, Name 2 & co."
    assert 'data-mark-word="Suggested"' in page
    assert 'data-unmarked="No suggestion."' in page
    none = _picture(continuum(_document(4), None, ident="x", unmarked="No suggestion."))
    assert [node.text for node in none.iter(f"{SVG}desc")] == ["No suggestion."]
    # The visible list says the same in text: every level, its name, child protection in words.
    items = re.findall(r"<li [^>]*>(.*?)</li>", page)
    assert len(items) == 4
    assert re.sub("<[^>]+>", "", items[3]) == "Level 4: Name 4 &amp; co (child protection)"
    assert re.sub("<[^>]+>", "", items[1]) == "Level 2: Name 2 &amp; co (early help) (suggested)"
    assert "style=" not in page  # the pages' policy allows no inline styles


def test_each_level_page_shows_the_picture_with_its_own_level_marked(partnerships: list[Partnership]) -> None:
    for partnership in partnerships:
        document = partnership.document
        for level in document["levels"]:
            page = level_page(document, level["level"], dt.date(2026, 11, 22))
            assert page.count("<svg ") == 1
            assert f'<li data-level="{level["level"]}" class="continuum-marked">' in page
            assert page.count('class="continuum-marked"') == 1
