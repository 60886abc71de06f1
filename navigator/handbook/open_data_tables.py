"""A partnership's indicators, levels and contacts as CSV tables: one row per item, text verbatim.

Pure functions of the validated document. Every row starts with the partnership and the document's
version and ends with the item's source (document id, title, section). A value is written as the data
holds it: lists joined with " | ", true/false, numbers as digits, blank where the data has nothing. The
rules table is in navigator.handbook.open_data_rules; the files and the page in navigator.handbook.open_data.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from typing import Any

from navigator.model.levels import FEWEST, MOST, PROTECTION, level_kinds

Document = dict[str, Any]
Column = tuple[str, str]  # name, what it holds
Row = dict[str, Any]
JOIN = " | "

FIRST: list[Column] = [
    ("partnership", "the partnership's id"),
    ("version", "the document's version, as the partnership gives it"),
]
SOURCE: list[Column] = [
    ("source_document", "the id of the source document (as in the JSON's partnership.sources)"),
    ("source_title", "the source document's title"),
    ("source_section", "the section, appendix or heading of the source"),
]
INDICATORS: list[Column] = [
    *FIRST,
    ("id", "the indicator's id (stable: never renamed)"),
    ("level", "the level of need it is listed at (1 to the number of levels the document declares)"),
    ("level_name", "that level's name"),
    ("domain_id", "the domain's id"),
    ("domain_name", "the domain's name"),
    ("domain_group", "the group of domains the domain is in, where the document groups them"),
    ("subheading", "the subheading it is listed under, where there is one"),
    ("text", "the indicator, word for word"),
    ("question", "the question that counts it, for an indicator asked as a number"),
    ("placement", "certain, or doubtful where the source's layout leaves its heading in doubt"),
    ("note", "our note on the text or its placement (not the source's words)"),
    *SOURCE,
]
LEVELS: list[Column] = [
    *FIRST,
    (
        "level",
        f"the level: 1 to the number of levels the document declares ({FEWEST} to {MOST}), least need first",
    ),
    (
        "kind",
        "its kind, our classification (not the document's words), one of "
        + ", ".join(f"`{kind}`" for kind in level_kinds())
        + f" (in that order along the continuum of need; exactly one level is `{PROTECTION}`)",
    ),
    ("name", "its short name"),
    ("title", "its heading, as written"),
    ("summary", "the paragraph under the heading, word for word"),
    ("description", "the paragraphs (and list items) about the level, in order, joined with “ | ”"),
    ("note", "our note on the level (not the source's words)"),
    *SOURCE,
    ("description_source_title", "the source document of the description"),
    ("description_source_section", "the section of the description"),
]
CONTACTS: list[Column] = [
    *FIRST,
    ("id", "the contact's id"),
    ("name", "its name, as written"),
    ("area_id", "the area it serves (blank: every area)"),
    ("area_name", "that area's name"),
    ("phone", "phone number"),
    ("phone_as_written", "the number as the source writes it, where that differs"),
    ("email", "email address"),
    ("url", "web address"),
    ("online_form", "the name of an online form the source names without its address"),
    ("post", "postal address"),
    ("hours", "opening hours in the source's words (blank: the source states none)"),
    ("hours_weekly", "the same hours as data: days and opens-closes per period, joined with “ | ”"),
    ("hours_always", "true where it is answered at all hours"),
    ("bank_holidays", "closed, open or not stated"),
    ("hours_note", "our note on the hours"),
    ("hours_source_title", "the source document of the hours"),
    ("hours_source_section", "the section of the hours"),
    ("audience", "professionals, public or everyone, joined with “ | ”"),
    ("purpose", "what it is for, word for word"),
    ("urgent", "true for a line to ring when a child may be at risk of significant harm"),
    ("note", "our note on the contact (not the source's words)"),
    *SOURCE,
]


def cell(value: Any) -> str:
    """A value as CSV text: blank for none, true/false, lists joined with " | "."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return JOIN.join(cell(item) for item in value)
    return str(value)


def csv_text(columns: list[Column], rows: Iterable[Row]) -> str:
    """UTF-8 CSV text: a header row, RFC 4180 quoting, "\\n" line ends. A carriage return is not a line end
    here, so the csv module leaves it bare; a row holding one is quoted throughout instead."""
    buffer = io.StringIO()
    minimal = csv.writer(buffer, lineterminator="\n")
    quoted = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    minimal.writerow(name for name, _ in columns)
    for row in rows:
        cells = [cell(row.get(name)) for name, _ in columns]
        (quoted if any("\r" in c for c in cells) else minimal).writerow(cells)
    return buffer.getvalue()


def first(document: Document) -> Row:
    meta = document["partnership"]
    return {"partnership": meta["id"], "version": meta["version"]}


def source(document: Document, cited: dict[str, Any] | None, prefix: str = "source") -> Row:
    """The source columns of a row; only title and section for a secondary source (prefix not "source")."""
    if not cited:
        return {}
    titles = {s["id"]: s["title"] for s in document["partnership"]["sources"]}
    row = {f"{prefix}_title": titles.get(cited["document"]), f"{prefix}_section": cited["section"]}
    if prefix == "source":
        row["source_document"] = cited["document"]
    return row


def indicator_rows(document: Document) -> list[Row]:
    levels = {level["level"]: level["name"] for level in document["levels"]}
    groups = {group["id"]: group["name"] for group in document.get("domain_groups", [])}
    domains = {domain["id"]: domain for domain in document.get("domains", [])}
    rows = []
    for indicator in document.get("indicators", []):
        domain = domains[indicator["domain"]]
        rows.append(
            {
                **first(document),
                **{key: indicator.get(key) for key in ("id", "level", "subheading", "text", "question")},
                "level_name": levels.get(indicator["level"]),
                "domain_id": domain["id"],
                "domain_name": domain["name"],
                "domain_group": groups.get(domain.get("group", "")),
                "placement": indicator.get("placement", "certain"),
                "note": indicator.get("note"),
                **source(document, indicator["source"]),
            }
        )
    return rows


def _paragraphs(paragraphs: list[Any]) -> list[str]:
    """Prose as a flat list: each paragraph, and each item of a bulleted list, in order."""
    return [item for p in paragraphs for item in ([p] if isinstance(p, str) else p["bullets"])]


def level_rows(document: Document) -> list[Row]:
    return [
        {
            **first(document),
            **{key: level.get(key) for key in ("level", "kind", "name", "title", "note")},
            "summary": level["summary"]["text"],
            "description": _paragraphs(level["description"]["paragraphs"]),
            **source(document, level["summary"]["source"]),
            **source(document, level["description"]["source"], "description_source"),
        }
        for level in document["levels"]
    ]


def _weekly(hours: dict[str, Any]) -> list[str]:
    """Each opening period as `mon,tue 09:00-17:00`; no days where the source does not say which."""
    return [
        f"{','.join(period['days'])} {period['opens']}-{period['closes']}"
        if period.get("days")
        else f"{period['opens']}-{period['closes']}"
        for period in hours.get("weekly", [])
    ]


def contact_rows(document: Document) -> list[Row]:
    areas = {area["id"]: area["name"] for area in document["areas"]}
    rows = []
    for contact in document["contacts"]:
        hours = contact.get("hours") or {}
        rows.append(
            {
                **first(document),
                **{key: contact.get(key) for key in ("id", "name", "phone", "phone_as_written", "email")},
                **{key: contact.get(key) for key in ("url", "online_form", "post", "audience", "purpose")},
                "area_id": contact.get("area"),
                "area_name": areas.get(contact.get("area", "")),
                "hours": hours.get("text"),
                "hours_weekly": _weekly(hours) if hours else None,
                "hours_always": hours.get("always"),
                "bank_holidays": hours.get("bank_holidays"),
                "hours_note": hours.get("note"),
                "urgent": contact["urgent"],
                "note": contact.get("note"),
                **source(document, hours.get("source"), "hours_source"),
                **source(document, contact["source"]),
            }
        )
    return rows


TABLES: dict[str, tuple[list[Column], Callable[[Document], list[Row]]]] = {
    "indicators": (INDICATORS, indicator_rows),
    "levels": (LEVELS, level_rows),
    "contacts": (CONTACTS, contact_rows),
}
