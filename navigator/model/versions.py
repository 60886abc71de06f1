"""Versions of a partnership's document: which one the handbook and navigator use, and which are drafts.

A partnership folder (`thresholds/<id>/`) holds one version of the document. More versions sit beside it in
`thresholds/<id>/versions/<name>/`, each a complete folder of the same shape (its own scenarios.yaml
too), e.g. the 2019 document in the folder and a revised draft in `versions/2/`.

Each version says in partnership.yaml its `version`, `status` (draft, published or withdrawn),
`effective_from` (optional: without it a published version is in force from its `published` date) and
`review_date`. The version in use is the published one in force on the day of the build with the latest
effective date; withdrawn versions and drafts are never used. A preview with drafts
(`thresholds serve --drafts`) uses the newest draft instead, and every page then says it is a draft.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from navigator.model.partnership import Partnership, partnership_files
from navigator.model.problems import Position, Problem

VERSIONS_FOLDER = "versions"


def version_folders(folder: Path) -> list[Path]:
    """The folders of a partnership's other versions (`versions/*/` holding YAML), in name order."""
    versions = folder / VERSIONS_FOLDER
    if not versions.is_dir():
        return []
    return sorted(child for child in versions.iterdir() if child.is_dir() and partnership_files(child))


def effective_from(partnership: Partnership) -> str:
    """The month or day the version takes effect: `effective_from`, else `published` ("not stated" too)."""
    meta = partnership.document["partnership"]
    return str(meta.get("effective_from") or meta["published"])


def _start(date: str) -> dt.date | None:
    if date == "not stated":
        return None
    year, month, *day = (int(part) for part in date.split("-"))
    return dt.date(year, month, day[0] if day else 1)


def chronological(versions: list[Partnership]) -> list[Partnership]:
    """Oldest first by effective date; a version whose date is not stated first, then in folder order."""
    return sorted(versions, key=lambda p: (_start(effective_from(p)) or dt.date.min, str(p.folder)))


def status(partnership: Partnership) -> str:
    return str(partnership.document["partnership"]["status"])


def in_force(partnership: Partnership, today: dt.date) -> bool:
    start = _start(effective_from(partnership))
    return status(partnership) == "published" and (start is None or start <= today)


def current(versions: list[Partnership], today: dt.date, drafts: bool = False) -> Partnership | None:
    """The version the handbook uses: the newest draft when previewing drafts, else the newest in force."""
    ordered = chronological(versions)
    if drafts:
        newest_draft = [p for p in ordered if status(p) == "draft"][-1:]
        if newest_draft:
            return newest_draft[0]
    published = [p for p in ordered if in_force(p, today)]
    return published[-1] if published else None


def version_problems(versions: list[Partnership], today: dt.date) -> list[Problem]:
    """Errors across one partnership's versions (same id, distinct version names), and a warning when
    none is in force (the partnership is then left out of the handbook)."""
    problems: list[Problem] = []
    first = versions[0]
    seen: dict[str, Partnership] = {}
    for partnership in versions:
        where = partnership.locate(("partnership", "id"))
        if partnership.id != first.id:
            message = f"a version of '{first.id}' ({first.folder}) must keep its id, not '{partnership.id}'"
            problems.append(Problem(where, "partnership.id", message))
        name = str(partnership.document["partnership"]["version"])
        if name in seen:
            message = (
                f"version '{name}' is also given in {seen[name].folder}: each version needs its own name"
            )
            problems.append(
                Problem(partnership.locate(("partnership", "version")), "partnership.version", message)
            )
        seen.setdefault(name, partnership)
    if not problems and current(versions, today) is None:
        message = (
            "no version is published and in force today: the partnership is left out of the handbook "
            "(drafts show with `thresholds serve --drafts`)"
        )
        problems.append(
            Problem(
                Position(first.folder / "partnership.yaml", 1, 1), "partnership.status", message, "warning"
            )
        )
    return problems
