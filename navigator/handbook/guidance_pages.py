"""A partnership's guidance, front-door processes, checklists and navigator pages."""

from __future__ import annotations

import datetime as dt

from navigator.handbook import navigator_page, processes
from navigator.handbook.page_parts import (
    Document,
    area_names,
    bullets,
    cite,
    conflict_notes,
    document_titles,
    review_banner,
    short_title,
)
from navigator.handbook.render import prose, text
from navigator.model.levels import protection_level


def guidance_page(document: Document, today: dt.date) -> str:
    documents, areas = document_titles(document), area_names(document)
    parts = ["# Guidance, principles and glossary", review_banner(document, today)]
    for key in ("questions_to_consider", "principles"):
        block = document.get(key)
        if block:
            body = [f"## {text(block['title'])}"]
            if block.get("intro"):
                body.append(prose(block["intro"]))
            body.append(bullets(block["items"]))
            if block.get("after"):
                body.append(prose(block["after"]))
            body.append(cite(block["source"], documents))
            parts.append("\n\n".join(body))
    for section in document.get("guidance", []):
        where = f" ({text(areas[section['area']])})" if section.get("area") else ""
        parts.append(
            f"## {text(section['title'])}{where}\n\n{prose(section['paragraphs'])}\n\n"
            f"{cite(section['source'], documents)}"
        )
        parts.append(conflict_notes(document, [("guidance", section["id"])]))
    glossary = document.get("glossary", [])
    if glossary:
        rows = "\n".join(
            f"| {text(entry['term'])} | {text(entry.get('acronym', ''))} | {text(entry['definition'])} |"
            for entry in glossary
        )
        parts.append(f"## Glossary\n\n| Term | Acronym | Meaning |\n|---|---|---|\n{rows}")
    return "\n\n".join(part for part in parts if part)


def has_processes(document: Document) -> bool:
    return bool(document.get("processes")) or any(area.get("flowchart") for area in document["areas"])


def processes_page(document: Document, today: dt.date) -> str:
    """Each area's "if you are concerned" flow, then each front-door process: diagram and text version."""
    documents, areas = document_titles(document), area_names(document)
    parts = [
        "# Front-door processes",
        review_banner(document, today),
        "Each diagram is followed by a text version with the same words.",
    ]
    for area in document["areas"]:
        if area.get("flowchart"):
            parts.append(processes.flow_section(document, area, cite(area["flowchart"]["source"], documents)))
    for process in document.get("processes", []):
        parts.append(conflict_notes(document, [("process", process["id"])]))
        cited = cite(process["source"], documents)
        parts.append(processes.process_section(process, areas, cited, protection_level(document)))
    return "\n\n".join(part for part in parts if part)


def checklist_page(document: Document, checklist_id: str, today: dt.date) -> str:
    """A checklist as tick boxes, laid out to print on its own."""
    documents = document_titles(document)
    checklist = next(c for c in document["checklists"] if c["id"] == checklist_id)
    parts = [f"# {text(checklist['title'])}", review_banner(document, today)]
    if checklist.get("intro"):
        parts.append(prose(checklist["intro"]))
    parts.append(
        "Print this page to have it beside you when you ring; it is a list to think through, not a form."
    )
    for section in checklist["sections"]:
        items = "\n".join(f"- {text(item)}" for item in section["items"])
        parts.append(f'## {text(section["title"])}\n\n<div class="checklist" markdown>\n\n{items}\n\n</div>')
    source = checklist["source"]
    parts.append(cite(source, documents) + (f"\n\n{text(source['note'])}" if source.get("note") else ""))
    return "\n\n".join(part for part in parts if part)


def navigator(document: Document, today: dt.date) -> str:
    """The navigator: the document's own caveat first, then the form and the result panel."""
    meta = document["partnership"]
    version = f"version {meta['version']} (published {meta['published']})"
    caveat = document["caveats"][0]
    return "\n\n".join(
        part
        for part in (
            f"# Navigator: {text(short_title(document))}",
            review_banner(document, today),
            f"> {text(caveat['text'])}\n>\n> {cite(caveat['source'], document_titles(document))}",
            "This suggests a level for a **hypothetical** scenario from the document's own indicators and "
            f"rules ({text(version)}), with the reasons. It is guidance to support your professional "
            "judgement, not a decision: talk to your manager or safeguarding lead, and ring the advice "
            "line if you are unsure.",
            navigator_page.navigator_page(document, version),
        )
        if part
    )
