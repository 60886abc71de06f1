"""Markdown for the handbook's pages; all text from YAML is escaped so it shows as text, never as HTML."""

from __future__ import annotations

import html
from typing import Any

Document = dict[str, Any]


def text(value: str) -> str:
    """Escape YAML text for Markdown: HTML characters and Markdown emphasis/link syntax are neutralised."""
    escaped = html.escape(value, quote=False)
    for character in "\\`*_[]#|":
        escaped = escaped.replace(character, f"&#{ord(character)};")
    return escaped


def urgent_routes(documents: list[Document]) -> str:
    """The urgent routes: immediate danger (999) once, first; then every area's child-protection line."""
    lines: list[str] = []
    for kind, lead in (
        ("immediate_danger", "Immediate danger"),
        ("child_protection", "suspected significant harm"),
    ):
        for document in documents:
            contacts = {contact["id"]: contact for contact in document["contacts"]}
            areas = {area["id"]: area["name"] for area in document["areas"]}
            for route in (route for route in document.get("routes", []) if route["kind"] == kind):
                for contact in (contacts[c] for c in route.get("contacts", []) if "phone" in contacts[c]):
                    name = "" if contact["name"] == contact["phone"] else f"{text(contact['name'])} on "
                    where = f"**{text(areas[route['area']])}**, " if "area" in route else ""
                    line = f"    - {where}{lead}: ring {name}**{text(contact['phone'])}**"
                    if line not in lines:  # 999 is listed by several partnerships: show it once
                        lines.append(line)
    return '!!! danger "Urgent: if a child is in danger"\n\n' + "\n".join(lines) + "\n"


def partnership_summaries(documents: list[Document]) -> str:
    """One line per partnership: title, version, publication and review dates."""
    rows = ["| Partnership | Version | Published | Review date |", "|---|---|---|---|"]
    for document in documents:
        meta = document["partnership"]
        rows.append(
            f"| {text(meta['title'])} | {text(meta['version'])} | {meta['published']} | "
            f"{meta['review_date']} |"
        )
    return "\n".join(rows) + "\n"
