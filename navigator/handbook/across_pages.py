"""Pages across partnerships (compare, where sources disagree, sources) and the indicator search entries."""

from __future__ import annotations

import html
from typing import Any

from navigator.handbook.page_parts import Document, cite, document_titles, short_title
from navigator.handbook.render import text


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
    """For each domain, what each partnership places at each level, side by side."""
    parts = [
        "# Compare partnerships",
        "When a child moves across a boundary, the same need may sit at a different level. For each domain, "
        "the indicators each partnership places at each level, in its own words; each links to the "
        "indicator on its partnership's page.",
        "Where two documents name the same domain differently (for example “Housing, work and income” "
        "and “Housing, Employment and Finance”), we show them together and give each partnership's own "
        "name in its row. That pairing is ours, not the documents'.",
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
            pid = document["partnership"]["id"]
            title = text(short_title(document))
            if len(names) > 1:
                title += f" ({text(domain['name'])})"
            cells = []
            for level in document["levels"]:
                found = [
                    i
                    for i in document.get("indicators", [])
                    if i["domain"] == domain["id"] and i["level"] == level["level"]
                ]
                links = "<br>".join(f"[{text(i['text'])}]({pid}/indicators.md#{i['id']})" for i in found)
                cells.append(links or "none")
            rows.append(f"| {title} | " + " | ".join(cells) + " |")
        heading = " / ".join(text(name) for name in names)
        parts.append(
            f"## {heading}\n\n| Partnership | Level 1 | Level 2 | Level 3 | Level 4 |\n"
            "|---|---|---|---|---|\n" + "\n".join(rows)
        )
    return "\n\n".join(parts)


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
