"""Pages across partnerships (compare, where sources disagree, sources) and the indicator search entries."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from navigator.handbook.page_parts import (
    Document,
    cite,
    document_titles,
    kind_words,
    kinds_in_order,
    short_title,
)
from navigator.handbook.render import text

NO_LEVEL = "*no level of this kind*"


def indicator_search_entries(documents: list[Document], directory_urls: bool) -> list[dict[str, str]]:
    """Search-index entries, one per indicator: its words as the title, landing on its anchor."""
    entries = []
    for document in documents:
        pid = document["partnership"]["id"]
        page_url = f"{pid}/indicators/" if directory_urls else f"{pid}/indicators.html"
        levels = {level["level"]: level["name"] for level in document["levels"]}
        domains = {domain["id"]: domain["name"] for domain in document.get("domains", [])}
        for indicator in document.get("indicators", []):
            entries.append(
                {
                    "location": f"{page_url}#{indicator['id']}",
                    "title": html.escape(indicator["text"], quote=False),
                    "text": html.escape(
                        f"{short_title(document)}: Level {indicator['level']} "
                        f"({levels[indicator['level']]}), {domains[indicator['domain']]}",
                        quote=False,
                    ),
                }
            )
    return entries


# ---- pages across partnerships ----------------------------------------------------------------------
def conflicts_page(documents: list[Document]) -> str:
    parts = [
        "# Where sources disagree",
        "Where two sources give different guidance, both readings are shown with their sources. "
        "Nothing here picks one: ask the partnership which is current.",
    ]
    for document in documents:
        titles = document_titles(document)
        for conflict in document.get("conflicts", []):
            readings = "\n".join(
                f"- “{text(r['text'])}” {cite(r['source'], titles)}" for r in conflict["readings"]
            )
            note = f"\n\n{text(conflict['note'])}" if conflict.get("note") else ""
            parts.append(
                f"## {text(short_title(document))}: "
                f"{text(conflict['topic'])} {{#{conflict['id']}}}\n\n{readings}{note}"
            )
    return "\n\n".join(parts)


def compare_page(documents: list[Document]) -> str:
    """For each domain, what each partnership places at each kind of level, side by side.

    Partnerships declare their own levels (two to six), so the columns are kinds of level, our
    classification, in their order along the continuum (navigator.model.levels), not level numbers. Each
    cell names the partnership's own level of that kind ("Level 2: Emerging Needs") above its indicators
    there, or says the partnership has no level of that kind."""
    parts = [
        "# Compare partnerships",
        "When a child moves across a boundary, the same need may sit at a different level. For each domain, "
        "the indicators each partnership places at each level, in its own words; each links to the "
        "indicator on its partnership's page.",
        "Partnerships may have different numbers of levels, each numbered its own way, so the columns line "
        "the levels up by kind (from universal services to child protection), not by number. The kind of "
        "each level is our classification, not the documents' words: each cell names the partnership's own "
        "level (“Level 2: …”), and says so where a partnership has no level of that kind.",
        "Where two documents name the same domain differently (for example “Housing, work and income” "
        "and “Housing, Employment and Finance”), we show them together and give each partnership's own "
        "name in its row. That pairing is ours, not the documents'.",
        "## Levels by kind\n\n" + _kind_table([(text(short_title(d)), d, _level_link) for d in documents]),
    ]
    groups: dict[str, list[tuple[Document, dict[str, Any]]]] = {}
    for document in documents:
        for domain in document.get("domains", []):
            groups.setdefault(domain.get("compare_as", domain["id"]), []).append((document, domain))
    for entries in groups.values():
        names = list({domain["name"].casefold(): domain["name"] for _, domain in reversed(entries)}.values())
        names.reverse()
        rows = []
        for document, domain in entries:
            title = text(short_title(document))
            if len(names) > 1:
                title += f" ({text(domain['name'])})"
            rows.append((title, document, _indicators_cell(domain["id"])))
        heading = " / ".join(text(name) for name in names)
        parts.append(f"## {heading}\n\n{_kind_table(rows)}")
    return "\n\n".join(parts)


Cell = Callable[[Document, dict[str, Any]], str]  # a partnership's level in a table cell


def _kind_table(rows: list[tuple[str, Document, Cell]]) -> str:
    """A row per partnership (title, document, how to show a level), a column per kind of level."""
    kinds = kinds_in_order([document for _, document, _ in rows])
    lines = [
        "| Partnership | " + " | ".join(text(kind_words(kind).capitalize()) for kind in kinds) + " |",
        "|---|" + "---|" * len(kinds),
    ]
    for title, document, cell in rows:
        cells = [
            "<br>".join(cell(document, level) for level in document["levels"] if level["kind"] == kind)
            or NO_LEVEL
            for kind in kinds
        ]
        lines.append(f"| {title} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _level_link(document: Document, level: dict[str, Any]) -> str:
    """A partnership's level, "Level N: name", linking its page."""
    number = level["level"]
    return f"[Level {number}: {text(level['name'])}]({document['partnership']['id']}/level-{number}.md)"


def _indicators_cell(domain_id: str) -> Cell:
    """A level's indicators in one domain under its "Level N: name", each linking its place on the
    partnership's indicators page."""

    def cell(document: Document, level: dict[str, Any]) -> str:
        pid = document["partnership"]["id"]
        links = "<br>".join(
            f"[{text(i['text'])}]({pid}/indicators.md#{i['id']})"
            for i in document.get("indicators", [])
            if i["domain"] == domain_id and i["level"] == level["level"]
        )
        return f"**Level {level['level']}: {text(level['name'])}**<br>{links or 'none'}"

    return cell


def sources_page(documents: list[Document]) -> str:
    parts = ["# About the sources", "Every page is taken word for word from these documents."]
    for document in documents:
        meta = document["partnership"]
        rows = "\n".join(
            f"| {text(s['title'])} | {text(s.get('publisher', meta['publisher']))} "
            f"| {text(s.get('date', 'not stated'))} "
            f"| {text(s.get('kind', ''))} |"
            for s in meta["sources"]
        )
        parts.append(
            f"## {text(meta['title'])}\n\n| Title | Publisher | Date | Kind |\n|---|---|---|---|\n{rows}"
        )
    return "\n\n".join(parts)


def abbreviations(documents: list[Document]) -> str:
    """Markdown abbreviation definitions (`*[TAF]: Team Around the Family`) from the glossaries: the `abbr`
    extension then explains each acronym wherever it appears in Markdown text. First definition wins."""
    seen: dict[str, str] = {}
    for document in documents:
        for entry in document.get("glossary", []):
            acronym = entry.get("acronym")
            if acronym and acronym not in seen:
                meaning = entry["term"] if entry["term"] != acronym else entry["definition"]
                seen[acronym] = " ".join(meaning.replace("]", ")").split())
    return "\n".join(f"*[{acronym}]: {meaning}" for acronym, meaning in seen.items())
