"""Every phone number the handbook gives is a tap-to-call link (issue 22): the urgent lines at the top of
every page, the contacts pages and the level pages' step contacts. The link shows the number as the data
writes it and dials it without spaces. Rendered with the handbook's Markdown extensions, without MkDocs.
How big the links are on a phone: tests/browser/test_phone_handbook.py."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from typing import Any

import markdown
import pytest

from navigator.handbook import pages
from navigator.handbook.page_parts import contacts_by_id, phone_link
from navigator.model.partnership import Partnership

TODAY = dt.date(2026, 11, 22)
EXTENSIONS = ["abbr", "attr_list", "admonition", "tables", "md_in_html", "pymdownx.superfences"]
EXTENSION_CONFIGS = {"pymdownx.tabbed": {"alternate_style": True}}


@pytest.fixture(scope="module")
def documents(partnerships: list[Partnership]) -> list[dict[str, Any]]:
    return [partnership.document for partnership in partnerships]


class _TelLinks(HTMLParser):
    """The tel: links of a page, as (href, the words shown), and whether each sits in the urgent box."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, bool]] = []
        self._open: list[str] | None = None
        self._href = ""
        self._depth = 0  # <div> nesting, and where the urgent box began
        self._urgent_at: int | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "div":
            self._depth += 1
            if "danger" in (found.get("class") or "").split() and self._urgent_at is None:
                self._urgent_at = self._depth
        if tag == "a" and (found.get("href") or "").startswith("tel:"):
            self._open, self._href = [], found["href"] or ""

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open is not None:
            self.links.append((self._href, "".join(self._open), self._urgent_at is not None))
            self._open = None
        if tag == "div":
            if self._depth == self._urgent_at:
                self._urgent_at = None
            self._depth -= 1


def _tel_links(page_markdown: str) -> list[tuple[str, str, bool]]:
    html = markdown.markdown(
        page_markdown, extensions=[*EXTENSIONS, *EXTENSION_CONFIGS], extension_configs=EXTENSION_CONFIGS
    )
    parser = _TelLinks()
    parser.feed(html)
    return parser.links


def _tel(number: str) -> str:
    return "tel:" + re.sub(r"[^0-9+]", "", number)


def _urgent_numbers(documents: list[dict[str, Any]]) -> set[str]:
    """The numbers the urgent box gives: immediate danger (999), then every urgent child-protection line."""
    numbers = set()
    for document in documents:
        contacts = contacts_by_id(document)
        for route in document.get("routes", []):
            for contact in (contacts[c] for c in route.get("contacts", []) if contacts[c].get("phone")):
                if route["kind"] == "immediate_danger" or (
                    route["kind"] == "child_protection" and contact.get("urgent")
                ):
                    numbers.add(contact["phone"])
    return numbers | {"999"}


# ---- the helper ----------------------------------------------------------------------------------------
def test_a_phone_link_dials_the_number_without_spaces_and_shows_it_as_written() -> None:
    assert phone_link("01629 533190") == '<a class="tel" href="tel:01629533190">01629 533190</a>'
    assert phone_link("0800 1313126") == '<a class="tel" href="tel:08001313126">0800 1313126</a>'
    assert phone_link("999") == '<a class="tel" href="tel:999">999</a>'
    assert phone_link("+44 1629 533190").startswith('<a class="tel" href="tel:+441629533190">')


def test_a_phone_link_always_shows_its_number_and_escapes_it() -> None:
    words = "**Immediate danger: ring 999**"
    assert phone_link("999", words) == f'<a class="tel" href="tel:999">{words}</a>'
    with pytest.raises(ValueError, match="must show its number"):
        phone_link("999", "**Immediate danger**")
    hostile = phone_link('01 <script>"')
    assert "<script" not in hostile
    assert 'href="tel:01"' in hostile


# ---- the pages -----------------------------------------------------------------------------------------
def test_every_urgent_line_on_every_page_is_a_tap_to_call_link(documents: list[dict[str, Any]]) -> None:
    """Each line of the urgent box is one tel: link, 999 first; together they dial every urgent number."""
    checked = 0
    for path, page_markdown in pages.all_pages(documents, TODAY):
        shown = pages.page_documents(documents, path)
        banner = pages.urgent_banner(shown)
        lines = [line for line in banner.splitlines() if line.startswith("    - ")]
        assert all(line.count('<a class="tel" href="tel:') == 1 for line in lines), path
        urgent = [(href, words) for href, words, in_box in _tel_links(page_markdown) if in_box]
        assert len(urgent) == len(lines), path
        assert urgent[0] == ("tel:999", "Immediate danger: ring 999"), path
        expected = _urgent_numbers(shown)
        assert {href for href, _ in urgent} == {_tel(number) for number in expected}, path
        for href, words in urgent:
            number = next(n for n in expected if _tel(n) == href)
            assert words.endswith(number), (path, words)  # "ring Call Derbyshire on 01629 533190"
        checked += 1
    assert checked >= 40


def test_the_home_page_and_the_typed_pages_link_every_partnerships_lines(
    documents: list[dict[str, Any]],
) -> None:
    """The `urgent_routes()` macro of docs/*.md (home, privacy, hazard log...) is urgent_banner over all."""
    links = {(href, words) for href, words, _ in _tel_links(pages.urgent_banner(documents))}
    for number in ("01629 533190", "01332 641172", "0800 1313126", "01782 235100", "01904 551900"):
        assert any(href == _tel(number) and words.endswith(number) for href, words in links), number
    assert ("tel:999", "Immediate danger: ring 999") in links


def test_every_phone_on_the_contacts_pages_is_a_tap_to_call_link(documents: list[dict[str, Any]]) -> None:
    """Every contact's phone line; the routes' own words quoted from the source may hold plain numbers."""
    for document in documents:
        page_markdown = pages.contacts_page(document, TODAY)
        blocks = re.findall(r'<div class="contact" markdown>(.*?)</div>', page_markdown, re.DOTALL)
        assert blocks
        assert not [block for block in blocks if re.search(r'Phone: (?!<a class="tel")', block)]
        links = {(href, words) for href, words, _ in _tel_links(page_markdown)}
        contacts = contacts_by_id(document)
        listed = {c for route in document.get("routes", []) for c in route.get("contacts", [])}
        for contact in (contacts[c] for c in listed if contacts[c].get("phone")):
            assert (_tel(contact["phone"]), contact["phone"]) in links, contact["id"]
    stoke = next(d for d in documents if d["partnership"]["id"] == "stoke-staffordshire")
    shown = {(href, words) for href, words, _ in _tel_links(pages.contacts_page(stoke, TODAY))}
    assert ("tel:08001313126", "0800 1313126") in shown  # as the data writes it (the source: 0800 13 13 126)


def test_every_step_contact_with_a_phone_on_the_level_pages_is_a_tap_to_call_link(
    documents: list[dict[str, Any]],
) -> None:
    checked = 0
    for document in documents:
        contacts = contacts_by_id(document)
        for level in document["levels"]:
            page_markdown = pages.level_page(document, level["level"], TODAY)
            links = {(href, words) for href, words, _ in _tel_links(page_markdown)}
            for flow in level.get("steps", {}).values():
                for contact in (contacts[c] for c in flow.get("contacts", []) if contacts[c].get("phone")):
                    assert (_tel(contact["phone"]), contact["phone"]) in links, contact["id"]
                    checked += 1
    assert checked >= 3
