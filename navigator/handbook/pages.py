"""Every generated handbook page as Markdown, keyed by its path under docs/ (`derby-derbyshire/level-2.md`).

Pure functions of the validated documents, unit-tested without MkDocs. All YAML text goes through
`render.text`, so it always shows as text. The MkDocs hook (navigator.handbook.hooks) adds one file per
page, holding only a macro call; macros.py renders it with `page()` here.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Iterator
from typing import Any

from navigator.handbook import changes, navigator_page, open_data, processes
from navigator.handbook.render import prose, text
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


# ---- small pieces ------------------------------------------------------------------------------------
def cite(source: dict[str, Any], documents: dict[str, str]) -> str:
    """`Source: <document title>, <section>` in small print."""
    title = documents.get(source["document"], source["document"])
    return f'<span class="source">Source: {text(title)}, {text(source["section"])}</span>'


def bullets(items: list[str]) -> str:
    return "\n".join(f"- {text(item)}" for item in items)


def _documents(document: Document) -> dict[str, str]:
    return {source["id"]: source["title"] for source in document["partnership"]["sources"]}


def _contacts(document: Document) -> dict[str, dict[str, Any]]:
    return {contact["id"]: contact for contact in document["contacts"]}


def short_title(document: Document) -> str:
    return str(document["partnership"].get("short_title", document["partnership"]["title"]))


def _areas(document: Document) -> dict[str, str]:
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
    """999 once, first; then every area's child-protection line, with the partnership when several."""
    lines: list[str] = []
    for kind in ("immediate_danger", "child_protection"):
        for document in documents:
            contacts, areas = _contacts(document), _areas(document)
            for route in (r for r in document.get("routes", []) if r["kind"] == kind):
                for contact in (contacts[c] for c in route.get("contacts", []) if contacts[c].get("phone")):
                    if kind == "immediate_danger":
                        line = f"    - **Immediate danger: ring {text(contact['phone'])}**"
                    else:
                        if not contact.get("urgent"):
                            continue
                        where = text(areas[route["area"]] if "area" in route else short_title(document))
                        line = (
                            f"    - **{where}**, suspected significant harm: ring {text(contact['name'])} on "
                            f"**{text(contact['phone'])}**"
                        )
                    if line not in lines:
                        lines.append(line)
    if not any("Immediate danger" in line for line in lines):
        lines.insert(0, "    - **Immediate danger: ring 999**")
    return '!!! danger "Urgent: if a child is in danger"\n\n' + "\n".join(lines) + "\n"


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
    titles = _documents(document)
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


# ---- partnership pages --------------------------------------------------------------------------------
def overview(document: Document, today: dt.date) -> str:
    meta = document["partnership"]
    documents = _documents(document)
    rows = [
        ("Title", meta["title"]),
        ("Published by", meta["publisher"]),
        ("Version", meta["version"]),
        ("Status", meta["status"]),
        ("Published", meta["published"]),
        ("Signed off by", meta["signed_off_by"]),
        ("Review date", meta["review_date"]),
        ("Areas", ", ".join(_areas(document).values())),
    ]
    table = "| | |\n|---|---|\n" + "\n".join(f"| {label} | {text(str(value))} |" for label, value in rows)
    levels = "\n".join(
        f"- [Level {level['level']}: {text(level['name'])}](level-{level['level']}.md)"
        for level in document["levels"]
    )
    caveats = "\n\n".join(
        f"> {text(c['text'])}\n>\n> {cite(c['source'], documents)}" for c in document["caveats"]
    )
    return "\n\n".join(
        part
        for part in (
            f"# {text(meta['title'])}",
            review_banner(document, today),
            conflict_notes(document, [("partnership", meta["id"])] + [("area", a) for a in _areas(document)]),
            table,
            "## Guidance, not a checklist",
            caveats,
            "## Levels of need",
            levels,
            "## In this handbook",
            "\n".join(
                f"- [{text(title)}]({path.partition('/')[2]})"
                for path, title in page_paths([document])
                if path.startswith(f"{meta['id']}/")
                and not path.endswith("/index.md")
                and "/level-" not in path
            ),
        )
        if part
    )


def level_page(document: Document, number: int, today: dt.date) -> str:
    level = next(item for item in document["levels"] if item["level"] == number)
    documents, areas, contacts = _documents(document), _areas(document), _contacts(document)
    parts = [
        f"# {text(level['title'])}",
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
                lines += ["", _indent(bullets([_contact_line(c) for c in named]))]
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
    how = (
        contact.get("phone") or contact.get("url") or contact.get("online_form") or contact.get("email") or ""
    )
    return f"{contact['name']}: {how}"


def _indent(markdown: str) -> str:
    return "\n".join(f"    {line}" if line else "" for line in markdown.splitlines())


def indicators_page(document: Document, today: dt.date) -> str:
    """Every domain with its indicators at each level side by side; each indicator anchored by its id."""
    documents = _documents(document)
    levels = {level["level"]: level["name"] for level in document["levels"]}
    by_domain: dict[str, dict[int, list[dict[str, Any]]]] = {}
    for indicator in document.get("indicators", []):
        by_domain.setdefault(indicator["domain"], {}).setdefault(indicator["level"], []).append(indicator)
    parts = [
        f"# Indicators by domain: {text(short_title(document))}",
        review_banner(document, today),
    ]
    parts += [f"> {text(c['text'])}" for c in document["caveats"][:1]]
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
        grid = f'<div class="levels-grid" data-search-exclude>{"".join(cells)}</div>'
        parts.append(f"## {text(domain['name'])}\n\n{grid}")
    return "\n\n".join(part for part in parts if part)


def contacts_page(document: Document, today: dt.date) -> str:
    documents, areas, contacts = _documents(document), _areas(document), _contacts(document)
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
    for key, label in (
        ("phone", "Phone"),
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
    documents = _documents(document)
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
    if consent.get("see_also"):
        parts.append("## See also\n\n" + bullets(consent["see_also"]))
    return "\n\n".join(part for part in parts if part)


def guidance_page(document: Document, today: dt.date) -> str:
    documents, areas = _documents(document), _areas(document)
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
    documents, areas = _documents(document), _areas(document)
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
        parts.append(processes.process_section(process, areas, cite(process["source"], documents)))
    return "\n\n".join(part for part in parts if part)


def checklist_page(document: Document, checklist_id: str, today: dt.date) -> str:
    """A checklist as tick boxes, laid out to print on its own."""
    documents = _documents(document)
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
            f"> {text(caveat['text'])}\n>\n> {cite(caveat['source'], _documents(document))}",
            "This suggests a level for a **hypothetical** scenario from the document's own indicators and "
            f"rules ({text(version)}), with the reasons. It is guidance to support your professional "
            "judgement, not a decision: talk to your manager or safeguarding lead, and ring the advice "
            "line if you are unsure.",
            navigator_page.navigator_page(document, version),
        )
        if part
    )


# ---- pages across partnerships ----------------------------------------------------------------------
def conflicts_page(documents: list[Document]) -> str:
    parts = [
        "# Where sources disagree",
        "Where two sources give different guidance, both readings are shown with their sources. "
        "Nothing here picks one: ask the partnership which is current.",
    ]
    for document in documents:
        titles = _documents(document)
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


def page_documents(documents: list[Document], path: str) -> list[Document]:
    """The partnership a page belongs to (its glossary, its urgent lines), or every one."""
    head = path.partition("/")[0]
    own = [d for d in documents if d["partnership"]["id"] == head]
    return own or documents


# ---- the page table --------------------------------------------------------------------------------------
def page_paths(documents: list[Document]) -> list[tuple[str, str]]:
    """(path, navigation title) of every generated page, in navigation order."""
    paths: list[tuple[str, str]] = []
    for document in documents:
        pid = document["partnership"]["id"]
        paths.append((f"{pid}/index.md", "Overview"))
        paths += [
            (f"{pid}/level-{level['level']}.md", f"Level {level['level']}: {level['name']}")
            for level in document["levels"]
        ]
        if document.get("indicators"):
            paths.append((f"{pid}/indicators.md", "Indicators by domain"))
        paths.append((f"{pid}/navigator.md", "Navigator (hypothetical scenarios)"))
        if has_processes(document):
            paths.append((f"{pid}/processes.md", "Front-door processes"))
        paths += [(f"{pid}/checklist-{c['id']}.md", c["title"]) for c in document.get("checklists", [])]
        paths += [
            (f"{pid}/what-changed.md", "What changed (versions)"),
            (f"{pid}/contacts.md", "Contacts and referral routes"),
            (f"{pid}/consent.md", "Consent and information sharing"),
            (f"{pid}/guidance.md", "Guidance, principles and glossary"),
            (f"{pid}/open-data.md", "Open data (JSON, CSV)"),
        ]
    paths += [
        ("compare.md", "Compare partnerships"),
        ("conflicts.md", "Where sources disagree"),
        ("sources.md", "About the sources"),
    ]
    return paths


def page(documents: list[Document], path: str, today: dt.date, bodies: dict[str, str] | None = None) -> str:
    """The Markdown of one generated page, urgent lines first. `bodies`: pages whose content needs more
    than the document (the "what changed" pages: every version and the changelog), rendered already."""
    by_id = {document["partnership"]["id"]: document for document in documents}
    head, _, name = path.partition("/")
    if not name:
        renderers: dict[str, Callable[[list[Document]], str]] = {
            "compare.md": compare_page,
            "conflicts.md": conflicts_page,
            "sources.md": sources_page,
        }
        return f"{urgent_banner(documents)}\n\n{renderers[head](documents)}\n\n{print_stamp(documents)}\n"
    document = by_id[head]
    if name.startswith("level-"):
        body = level_page(document, int(name.removeprefix("level-").removesuffix(".md")), today)
    elif name == "what-changed.md":
        body = (bodies or {}).get(path) or changes.page_for_document(document, today)
    elif name.startswith("checklist-"):
        body = checklist_page(document, name.removeprefix("checklist-").removesuffix(".md"), today)
    elif name == "open-data.md":
        body = open_data.page(document)
    else:
        single: dict[str, Callable[[Document, dt.date], str]] = {
            "index.md": overview,
            "indicators.md": indicators_page,
            "contacts.md": contacts_page,
            "consent.md": consent_page,
            "guidance.md": guidance_page,
            "processes.md": processes_page,
            "navigator.md": navigator,
        }
        body = single[name](document, today)
    return f"{urgent_banner([document])}\n\n{draft_banner(document)}{body}\n\n{print_stamp([document])}\n"


def all_pages(documents: list[Document], today: dt.date) -> Iterator[tuple[str, str]]:
    for path, _ in page_paths(documents):
        yield path, page(documents, path, today)
