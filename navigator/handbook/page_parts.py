"""The pieces every handbook page is made of: the urgent lines first, banners, conflict notes, citations."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from navigator.handbook.render import text
from navigator.model.levels import level_kinds
from navigator.model.service_checks import month_end

Document = dict[str, Any]
KIND_TITLES = {
    "child_protection": "Child protection (suspected significant harm)",
    "referral": "Referral",
    "early_help": "Early help",
    "advice": "Advice and consultation",
    "public": "Members of the public",
}
DOUBTFUL = " <em>(placement uncertain in the source)</em>"
KIND_ORDER = ("immediate_danger", "child_protection", "referral", "early_help", "advice", "public")


# ---- a level's kind (our classification, navigator.model.levels) ------------------------------------------
def kind_words(kind: str) -> str:
    """A kind of level in plain words: `child-protection` is "child protection"."""
    return kind.replace("-", " ")


def kinds_in_order(documents: list[Document]) -> list[str]:
    """The kinds of the documents' levels, in their order along the continuum of need (the schema's)."""
    present = {level["kind"] for document in documents for level in document["levels"]}
    return [kind for kind in level_kinds() if kind in present] + sorted(present - set(level_kinds()))


# ---- small pieces ------------------------------------------------------------------------------------
def phone_link(number: str, words: str | None = None) -> str:
    """A tap-to-call link: `number` as the data writes it, dialled without its spaces (`tel:01629533190`).

    `words` (Markdown, already escaped) is what the link shows, the number included; by default the number.
    """
    shown = text(number)
    if words is None:
        words = shown
    if shown not in words:
        raise ValueError(f"a phone link must show its number: {number!r} is not in {words!r}")
    return f'<a class="tel" href="tel:{re.sub(r"[^0-9+]", "", number)}">{words}</a>'


def cite(source: dict[str, Any], documents: dict[str, str]) -> str:
    """`Source: <document title>, <section>` in small print."""
    title = documents.get(source["document"], source["document"])
    return f'<span class="source">Source: {text(title)}, {text(source["section"])}</span>'


def bullets(items: list[str]) -> str:
    return "\n".join(f"- {text(item)}" for item in items)


def document_titles(document: Document) -> dict[str, str]:
    return {source["id"]: source["title"] for source in document["partnership"]["sources"]}


def contacts_by_id(document: Document) -> dict[str, dict[str, Any]]:
    return {contact["id"]: contact for contact in document["contacts"]}


def short_title(document: Document) -> str:
    return str(document["partnership"].get("short_title", document["partnership"]["title"]))


def area_names(document: Document) -> dict[str, str]:
    return {area["id"]: area["name"] for area in document["areas"]}


def review_passed(review_date: str, today: dt.date) -> bool:
    """The same test as the validator's review-date warning: a month counts to its last day."""
    return review_date != "not stated" and month_end(review_date) < today


def draft_banner(document: Document) -> str:
    """On every page of a draft (a preview with drafts only), right after the urgent lines."""
    meta = document["partnership"]
    if meta["status"] != "draft":
        return ""
    return (
        '!!! danger "Draft: not published guidance"\n'
        f"    This page shows version {text(str(meta['version']))} of the document, a draft that "
        f"{text(meta['publisher'])} has not published. Do not use it for decisions about a child; use the "
        "published version.\n\n"
    )


# ---- the urgent banner on every page ----------------------------------------------------------------
def urgent_banner(documents: list[Document]) -> str:
    """999 once, first; then every area's child-protection line, with the partnership when several.

    Each line's "ring ... on <number>" is a tap-to-call link (`phone_link`), so a phone dials it at a tap."""
    lines: list[str] = []
    for kind in ("immediate_danger", "child_protection"):
        for document in documents:
            contacts, areas = contacts_by_id(document), area_names(document)
            for route in (r for r in document.get("routes", []) if r["kind"] == kind):
                for contact in (contacts[c] for c in route.get("contacts", []) if contacts[c].get("phone")):
                    if kind == "immediate_danger":
                        line = f"    - {_danger_line(contact['phone'])}"
                    else:
                        if not contact.get("urgent"):
                            continue
                        where = text(areas[route["area"]] if "area" in route else short_title(document))
                        words = f"ring {text(contact['name'])} on **{text(contact['phone'])}**"
                        line = (
                            f"    - **{where}**, suspected significant harm: "
                            f"{phone_link(contact['phone'], words)}{_line_caveats(contact)}"
                        )
                    if line not in lines:
                        lines.append(line)
    if not any("Immediate danger" in line for line in lines):
        readings = [d["rules"]["immediate_danger"].get("reading") for d in documents if "rules" in d]
        said = " ".join(f"<em>{text(r)}</em>" for r in dict.fromkeys(readings) if r)
        lines.insert(0, f"    - {_danger_line('999')}" + (f" {said}" if said else ""))
    return '!!! danger "Urgent: if a child is in danger"\n\n' + "\n".join(lines) + "\n"


def _danger_line(number: str) -> str:
    """The immediate-danger line, the whole of it one tap to call (a large target on a phone)."""
    return phone_link(number, f"**Immediate danger: ring {text(number)}**")


def _line_caveats(contact: dict[str, Any]) -> str:
    """What an urgent line's reader must know: where it is our reading, and what is said of its hours."""
    said = []
    if contact.get("reading"):
        said.append(f"<em>{text(contact['reading'])}</em>")
    if contact.get("hours"):
        said.append(f"Hours: {text(contact['hours']['text'])}.")
    if contact.get("out_of_hours"):
        said.append(text(contact["out_of_hours"]))
    return (" " + " ".join(said)) if said else ""


def review_banner(document: Document, today: dt.date) -> str:
    meta = document["partnership"]
    if not review_passed(meta["review_date"], today):
        return ""
    return (
        '!!! warning "Review date passed"\n\n'
        f"    This document's review date ({text(meta['review_date'])}) has passed. Check with "
        f"{text(meta['publisher'])} that it is still current.\n"
    )


def conflict_notes(document: Document, affected: list[tuple[str, Any]]) -> str:
    """A warning on a page touched by a disagreement between sources: every reading with its source."""
    titles = document_titles(document)
    notes = []
    for conflict in document.get("conflicts", []):
        if not any((a["kind"], a["id"]) in affected for a in conflict["affects"]):
            continue
        readings = "\n".join(
            f"    - “{text(r['text'])}” {cite(r['source'], titles)}" for r in conflict["readings"]
        )
        notes.append(
            f'!!! warning "Sources disagree: {_attribute(conflict["topic"])}"\n\n'
            f"    Both readings are shown; ask the partnership which is current.\n\n{readings}\n\n"
            f"    [Where sources disagree](../conflicts.md#{conflict['id']})\n"
        )
    return "\n\n".join(notes)


def _attribute(value: str) -> str:
    """Text for an admonition title, which sits inside double quotes."""
    return text(value).replace('"', "&quot;")


def print_stamp(documents: list[Document]) -> str:
    """Shown only on paper: which document and version the page is from, and when it was printed."""
    versions = "; ".join(
        f"{text(short_title(d))}: {text(d['partnership']['title'])} "
        f"(version {text(d['partnership']['version'])}; published {text(d['partnership']['published'])})"
        for d in documents
    )
    return (
        f'<p class="print-stamp">{versions}. Printed on <span class="printed-on">____________</span>: '
        "check the online version is current before relying on a printed copy.</p>"
    )
