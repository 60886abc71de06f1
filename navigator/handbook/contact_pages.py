"""A partnership's contacts and routes page (urgent first, our readings shown) and its consent page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from navigator.handbook.page_parts import (
    KIND_ORDER,
    KIND_TITLES,
    Document,
    area_names,
    bullets,
    cite,
    conflict_notes,
    contacts_by_id,
    document_titles,
    phone_link,
    review_banner,
)
from navigator.handbook.render import prose, text


def contacts_page(document: Document, today: dt.date) -> str:
    documents, areas, contacts = document_titles(document), area_names(document), contacts_by_id(document)
    conflicts = document.get("conflicts", [])
    parts = ["# Contacts and referral routes", review_banner(document, today)]
    for area_id, area_name in [(None, "Every area"), *areas.items()]:
        routes = [r for r in document.get("routes", []) if r.get("area") == area_id]
        if not routes:
            continue
        parts.append(f"## {text(area_name)}")
        for route in sorted(routes, key=lambda r: KIND_ORDER.index(r["kind"])):
            parts.append(
                f"### {text(route['title'])}\n\n*{KIND_TITLES.get(route['kind'], 'Immediate danger')}*"
            )
            parts.append(f"{prose(route['text'])}\n\n{cite(route['source'], documents)}")
            if route.get("reading"):
                parts.append(f"<em>{text(route['reading'])}</em>")
            parts.append(conflict_notes(document, [("route", route["id"])]))
            for contact in (contacts[c] for c in route.get("contacts", [])):
                parts.append(_contact_block(contact, conflicts, documents))
        follow = next((a.get("written_follow_up") for a in document["areas"] if a["id"] == area_id), None)
        if follow:
            parts.append(
                f"**Written follow-up:** {text(follow['text'])}\n\n{cite(follow['source'], documents)}"
            )
    return "\n\n".join(part for part in parts if part)


def _contact_block(
    contact: dict[str, Any], conflicts: list[dict[str, Any]], documents: dict[str, str]
) -> str:
    lines = [f"**{text(contact['name'])}**"]
    if contact.get("phone"):
        lines.append(f"Phone: {phone_link(contact['phone'])}")
    for key, label in (
        ("email", "Email"),
        ("url", "Web"),
        ("online_form", "Online form"),
        ("post", "Post"),
    ):
        if contact.get(key):
            lines.append(f"{label}: {text(contact[key])}")
    hours = contact.get("hours")
    lines.append(f"Hours: {text(hours['text'])}" if hours else "Hours: not stated in the source")
    if hours and hours.get("note"):
        lines.append(f"({text(hours['note'])})")
    if contact.get("out_of_hours"):
        lines.append(f"Out of hours: {text(contact['out_of_hours'])}")
    if contact.get("reading"):
        lines.append(f"<em>{text(contact['reading'])}</em>")
    for conflict in conflicts:
        if any(a["kind"] == "contact" and a["id"] == contact["id"] for a in conflict["affects"]):
            readings = "; ".join(
                f"{text(documents.get(r['source']['document'], r['source']['document']))}: "
                f"“{text(r['text'])}”"
                for r in conflict["readings"]
            )
            lines.append(
                f"**Sources disagree** on {text(conflict['topic'])}: {readings} "
                f"([all conflicts](../conflicts.md#{conflict['id']}))"
            )
    return '<div class="contact" markdown>\n\n' + "  \n".join(lines) + "\n\n</div>"


def consent_page(document: Document, today: dt.date) -> str:
    documents = document_titles(document)
    consent = document.get("consent")
    parts = ["# Consent and information sharing", review_banner(document, today)]
    if not consent:
        return "\n\n".join([*parts, "The document has no section on consent."])
    parts[0] = f"# {text(consent['title'])}"
    if consent.get("intro"):
        parts.append(prose(consent["intro"]))
    for number, situation in enumerate(consent["situations"], start=1):
        steps = "\n".join(f"{n}. {text(step)}" for n, step in enumerate(situation["steps"], start=1))
        parts.append(
            f"## {number}. {text(situation['title'])}\n\n{steps}\n\n{cite(situation['source'], documents)}"
        )
        parts.append(conflict_notes(document, [("consent", situation["id"])]))
    if consent.get("see_also"):
        parts.append("## See also\n\n" + bullets(consent["see_also"]))
    return "\n\n".join(part for part in parts if part)
