"""The "What changed" page of a partnership: its versions, what changed between them, its changelog.

Versions come from navigator.model.versions (drafts only in a preview with drafts); the changes between
consecutive versions from navigator.model.diff, the same comparison `thresholds diff` prints (when the
levels changed, where each old level went comes first); the changelog entries naming the partnership
from thresholds/CHANGELOG.md.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
from pathlib import Path
from typing import Any

from navigator.handbook.render import text
from navigator.model import diff, versions
from navigator.model.changelog import CHANGELOG, Entry, parse
from navigator.model.partnership import Partnership

HTML_MARKS = {"=": "{}", "-": "<del>{}</del>", "+": "<ins>{}</ins>"}


def _words(parts: diff.Words) -> str:
    return diff.render_words([(op, html.escape(words)) for op, words in parts], HTML_MARKS)


def _change(change: diff.Change) -> str:
    kind = diff.KIND_TITLES.get(change.kind, change.kind)
    where = f"`{change.key}`" + (f" ({html.escape(change.field)})" if change.field else "")
    note = f" ({text(change.note)})" if change.note else ""
    if change.kind == "renamed":
        return f"- {kind}: `{change.old}` → `{change.new}`{note}"
    if change.words is not None:
        return f"- {kind} {where}: {_words(change.words)}{note}"
    if change.kind in ("added", "removed"):
        value = change.new if change.kind == "added" else change.old
        shown = value.get("text") if isinstance(value, dict) and "text" in value else value
        return f"- {kind} {where}: {text(str(shown))}{note}"
    return f"- {kind} {where}: {text(str(change.old))} → {text(str(change.new))}{note}"


def _section(comparison: diff.Comparison, section: str) -> str:
    """One section's changes; the levels' start with where each old level went, when they changed."""
    title = diff.SECTION_TITLES.get(section, section.replace("_", " ").capitalize())
    lines = [_change(c) for c in comparison.changes if c.section == section]
    parts = [f"### {title}"]
    if section == "levels" and comparison.levels is not None and comparison.levels_changed:
        moves = diff.level_summary(comparison.levels)
        parts.append(f"{text(diff.levels_heading(comparison.levels))}:")
        parts.append("\n".join(f"- **{what}**: {text(moved)}" for what, moved in moves))
        if lines:
            parts.append("Each level's own details, field by field:")
    if lines:
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def _label(partnership: Partnership) -> str:
    return f"Version {partnership.document['partnership']['version']}"


def page(
    document_versions: list[Partnership], in_use: Partnership, entries: list[Entry], today: dt.date
) -> str:
    """The page's Markdown (the urgent lines and print stamp are added by pages.page)."""
    ordered = versions.chronological(document_versions)
    parts = [
        "# What changed",
        "Every version of this document held in the handbook, what changed from one to the next "
        "(indicator by indicator, as `thresholds diff` shows it), and the changelog of this data.",
        "| Version | Status | In effect from | Review date | In this handbook |\n|---|---|---|---|---|",
    ]
    for partnership in ordered:
        meta = partnership.document["partnership"]
        used = "**in use here**" if partnership.folder == in_use.folder else ""
        if meta["status"] == "published" and not versions.in_force(partnership, today):
            used = "not yet in effect"
        parts[-1] += (
            f"\n| {text(str(meta['version']))} | {meta['status']} | "
            f"{text(versions.effective_from(partnership))} | {text(str(meta['review_date']))} | {used} |"
        )
    if len(ordered) == 1:
        parts.append(
            "This is the only version of this document in the handbook, so there is no earlier version to "
            "compare it with."
        )
    for older, newer in itertools.pairwise(ordered):
        comparison = diff.compare(older, newer, "", "")
        parts.append(f"## {text(_label(newer))}, compared with {text(_label(older).lower())}")
        if comparison.identical:
            parts.append("No changes.")
            continue
        parts += [_section(comparison, section) for section in comparison.sections()]
    mine = [entry for entry in entries if document_versions[0].id in entry.partnerships]
    parts.append("## Changelog of this data")
    if not mine:
        parts.append("No changelog entry names this partnership yet.")
    for entry in mine:
        parts.append(
            f"**{entry.version}** ({entry.date:%-d %B %Y}). Levels and domains: "
            f"{text(entry.levels_and_domains)}. {text(entry.summary)}"
        )
    return "\n\n".join(parts)


def page_for_document(document: dict[str, Any], today: dt.date) -> str:
    """The page from one document alone (no other version, no changelog): for tests and tools."""
    partnership = Partnership(Path(str(document["partnership"]["id"])), document)
    return page([partnership], partnership, [], today)


def bodies(
    all_versions: dict[str, list[Partnership]], in_use: list[Partnership], thresholds: Path, today: dt.date
) -> dict[str, str]:
    """Every partnership's "what changed" page body, by page path; drafts only when the one in use is."""
    log = thresholds / CHANGELOG
    entries = parse(log) if log.is_file() else []
    found = {}
    for partnership in in_use:
        shown = [
            p
            for p in all_versions[partnership.id]
            if p.folder == partnership.folder or versions.status(p) != "draft"
        ]
        found[f"{partnership.id}/what-changed.md"] = page(shown, partnership, entries, today)
    return found
