"""Search scoped to a partnership (navigator/sitebuild/search_scope.py): made-up entries and the site."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from navigator.sitebuild import search_scope

CONFIG = {"lang": ["en"], "separator": "[\\s]+"}
DOCS = [
    {"location": "", "title": "Home", "text": "home"},
    {"location": "north/", "title": "North", "text": "overview"},
    {"location": "north/#urgent", "title": "Urgent", "text": "ring 999"},
    {"location": "north/level-2/", "title": "Level 2", "text": "emerging"},
    {"location": "south/", "title": "South", "text": "overview"},
    {"location": "south/indicators/#l4-x", "title": "X", "text": "indicator"},
    {"location": "compare/", "title": "Compare", "text": "across"},
    {"location": "privacy/", "title": "Privacy", "text": "nothing sent"},
]


def _locations(index: dict) -> list[str]:
    return [doc["location"] for doc in index["docs"]]


def test_each_partnership_gets_its_own_pages_and_the_shared_pages_but_not_those_across() -> None:
    shared, scoped = search_scope.split({"config": CONFIG, "docs": DOCS}, ["north", "south"], {"compare"})
    assert _locations(scoped["north"]) == ["", "north/", "north/#urgent", "north/level-2/", "privacy/"]
    assert _locations(scoped["south"]) == ["", "south/", "south/indicators/#l4-x", "privacy/"]
    assert _locations(shared) == ["", "north/", "south/", "compare/", "privacy/"]
    assert shared["config"] == scoped["north"]["config"] == CONFIG


def test_a_partnership_with_no_entries_still_gets_an_index_of_the_shared_pages() -> None:
    _, scoped = search_scope.split({"config": CONFIG, "docs": DOCS}, ["north", "south", "west"], set())
    assert _locations(scoped["west"]) == ["", "compare/", "privacy/"]


def test_the_built_site_searches_each_partnership_on_its_own_pages(built_site: Path) -> None:
    folder = built_site / "search"
    partnerships = sorted(path.stem for path in folder.glob("*.json") if path.stem != "search_index")
    assert partnerships == ["derby-derbyshire", "stoke-staffordshire", "york"]
    shared = json.loads((folder / "search_index.json").read_text(encoding="utf-8"))
    for pid in partnerships:
        scoped = json.loads((folder / f"{pid}.json").read_text(encoding="utf-8"))
        firsts = {doc["location"].split("#")[0].split("/")[0] for doc in scoped["docs"]}
        assert not firsts & (set(partnerships) - {pid}), f"{pid}'s index holds another partnership"
        assert not firsts & {"compare", "conflicts", "sources"}
        assert any(doc["location"].startswith(f"{pid}/level-") for doc in scoped["docs"])
        # Its pages, and only its pages, ask for it.
        for page in (built_site / pid).rglob("index.html"):
            tags = re.findall(
                r'<script src="[^"]*/search-[0-9a-f]{16}\.js" data-search-index="([^"]+)"', page.read_text()
            )
            assert len(tags) == 1, page
            assert (page.parent / html.unescape(tags[0])).resolve() == (folder / f"{pid}.json").resolve()
        # The shared index has the overview, not the partnership's sections.
        own = [doc["location"] for doc in shared["docs"] if doc["location"].startswith(f"{pid}/")]
        assert own == [f"{pid}/"]
    for page in ("index.html", "compare/index.html", "privacy/index.html"):  # on demand, the site's index
        text = (built_site / page).read_text(encoding="utf-8")
        assert re.search(r'<script src="(\.\./)?javascripts/search-[0-9a-f]{16}\.js"></script>', text), page
    missing = (built_site / "404.html").read_text(encoding="utf-8")  # addresses from the root, as the theme's
    assert re.search(r'<script src="/javascripts/search-[0-9a-f]{16}\.js"></script>', missing)
    assert re.search(r'<script src="/javascripts/handbook-[0-9a-f]{16}\.js"></script>', missing)


def test_a_page_indexed_by_title_keeps_its_first_two_entries_only() -> None:
    docs = [
        {"location": "compare/", "title": "Compare", "text": "urgent lines"},
        {"location": "compare/#compare-partnerships", "title": "Compare partnerships", "text": "intro"},
        {"location": "compare/#health", "title": "Health", "text": "every partnership's indicators"},
        {"location": "compare/#education", "title": "Education", "text": "more of them"},
        {"location": "privacy/", "title": "Privacy", "text": "nothing sent"},
        {"location": "privacy/#cookies", "title": "Cookies", "text": "none"},
    ]
    shared, _ = search_scope.split(
        {"config": CONFIG, "docs": docs}, [], {"compare"}, titles_only=frozenset({"compare"})
    )
    assert _locations(shared) == ["compare/", "compare/#compare-partnerships", "privacy/", "privacy/#cookies"]
