"""A partnership's level pages and its indicators page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from navigator.handbook.continuum import continuum
from navigator.handbook.page_parts import (
    DOUBTFUL,
    Document,
    area_names,
    bullets,
    cite,
    conflict_notes,
    contacts_by_id,
    document_titles,
    kind_words,
    phone_link,
    review_banner,
    short_title,
)
from navigator.handbook.render import prose, text


def level_page(document: Document, number: int, today: dt.date) -> str:
    level = next(item for item in document["levels"] if item["level"] == number)
    documents, areas, contacts = document_titles(document), area_names(document), contacts_by_id(document)
    parts = [
        f"# {text(level['title'])}",
        # Marked as ours: the documents do not use these words for their levels.
        f"Kind: {text(kind_words(level['kind']))} <em>(our classification, not the document's words; "
        "[Compare partnerships](../compare.md) lines partnerships up by kind)</em>",
        continuum(document, number),
        review_banner(document, today),
        conflict_notes(document, [("level", number)]),
        f"{text(level['summary']['text'])}\n\n{cite(level['summary']['source'], documents)}",
        "## Description",
        f"{prose(level['description']['paragraphs'])}\n\n{cite(level['description']['source'], documents)}",
    ]
    if level.get("steps"):
        parts.append("## What to do")
        tabs = []
        charts = {area["id"]: area.get("flowchart") for area in document["areas"]}
        for area_id, flow in level["steps"].items():
            named = [contacts[c] for c in flow.get("contacts", [])]
            chart = charts.get(area_id)
            titles = (
                chart["steps"]
                if chart
                else ["Step 1: the concern.", "Step 2: what to do.", "Step 3: follow up."]
            )
            lines = [
                f'=== "{text(areas[area_id])}"',
                "",
                f'    <p class="print-only">{text(areas[area_id])}</p>',
                "",
                f"    **{text(titles[0])}** {text(flow['concern'])}",
                "",
                f"    **{text(titles[1])}**",
                "",
                _indent(bullets(flow["actions"])),
                "",
                f"    **{text(titles[2])}**",
                "",
                _indent(bullets(flow["follow_up"])),
            ]
            if named:
                lines += ["", *(f"    - {_contact_line(c)}" for c in named)]
            lines += ["", f"    {cite(flow['source'], documents)}"]
            if chart:
                lines += ["", f"    [The whole flow as a diagram](processes.md#{area_id}-flowchart)"]
            tabs.append("\n".join(lines))
        parts.append("\n\n".join(tabs))
    table = level.get("threshold_table")
    if table:
        parts.append("## From the threshold table")
        for key, title in (
            ("referral_route", "Referral route"),
            ("needs", "Needs"),
            ("suggested_services", "Suggested services"),
            ("outcome", "Outcome"),
        ):
            if table.get(key):
                parts.append(f"### {title}\n\n{prose(table[key])}")
        parts.append(cite(table["source"], documents))
    for wording in level.get("wordings", []):
        parts.append(
            f"## In the words of {text(documents.get(wording['source']['document'], ''))} "
            f"({text(areas[wording['area']])})"
            f"\n\n{prose(wording['paragraphs'])}\n\n{cite(wording['source'], documents)}"
        )
    count = sum(1 for i in document.get("indicators", []) if i["level"] == number)
    if count:
        parts.append(f"[The {count} indicators at this level, by domain](indicators.md)")
    return "\n\n".join(part for part in parts if part)


def _contact_line(contact: dict[str, Any]) -> str:
    """A step's contact, escaped: its phone as a tap-to-call link, else its web page, form or email."""
    if contact.get("phone"):
        return f"{text(contact['name'])}: {phone_link(contact['phone'])}"
    how = contact.get("url") or contact.get("online_form") or contact.get("email") or ""
    return f"{text(contact['name'])}: {text(how)}"


def _indent(markdown: str) -> str:
    return "\n".join(f"    {line}" if line else "" for line in markdown.splitlines())


def indicators_page(document: Document, today: dt.date) -> str:
    """Every domain with its indicators at each level side by side; each indicator anchored by its id.

    One column per level the document declares: the grid's class `levels-N` sets N columns (the pages'
    Content-Security-Policy allows no inline styles), handbook.css has a rule for each count."""
    documents = document_titles(document)
    levels = {level["level"]: level["name"] for level in document["levels"]}
    by_domain: dict[str, dict[int, list[dict[str, Any]]]] = {}
    for indicator in document.get("indicators", []):
        by_domain.setdefault(indicator["domain"], {}).setdefault(indicator["level"], []).append(indicator)
    parts = [
        f"# Indicators by domain: {text(short_title(document))}",
        review_banner(document, today),
    ]
    parts += [f"> {text(c['text'])}" for c in document["caveats"][:1]]
    parts.append(conflict_notes(document, [("indicator", i["id"]) for i in document.get("indicators", [])]))
    for domain in document.get("domains", []):
        columns = by_domain.get(domain["id"], {})
        if not columns:
            continue
        cells = []
        for number, name in levels.items():
            items = "".join(
                f'<li id="{i["id"]}"><span class="indicator-text">{text(i["text"])}</span>'
                f"{DOUBTFUL if i.get('placement') == 'doubtful' else ''}"
                f" {cite(i['source'], documents)}</li>"
                for i in columns.get(number, [])
            )
            body = f"<ul>{items}</ul>" if items else "<p>None at this level.</p>"
            cells.append(
                f'<div class="level-column level-{number}">'
                f'<p class="level-heading">Level {number}: {text(name)}</p>{body}</div>'
            )
        # Search indexes each indicator as its own entry (indicator_search_entries), not the grid as a whole.
        grid = f'<div class="levels-grid levels-{len(levels)}" data-search-exclude>{"".join(cells)}</div>'
        parts.append(f"## {text(domain['name'])}\n\n{grid}")
    return "\n\n".join(part for part in parts if part)
