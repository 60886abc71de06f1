"""Find and load every partnership under a thresholds folder, and export them as plain JSON."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from navigator.model.partnership import Partnership, load_partnership, partnership_files
from navigator.model.problems import DataError, Position, Problem

REPOSITORY_THRESHOLDS = Path(__file__).resolve().parents[2] / "thresholds"
# Lists every export carries, empty where a partnership has none (York has no indicator table).
EXPORTED_LISTS = (
    "areas",
    "levels",
    "domain_groups",
    "domains",
    "questions",
    "indicators",
    "contacts",
    "routes",
)


def partnership_folders(path: Path) -> list[Path]:
    """path itself when it is a partnership folder, else its sub-folders that hold YAML (not schema/)."""
    if not path.is_dir():
        raise DataError([Problem(Position(path, 1, 1), "", "no such folder")])
    if partnership_files(path):
        return [path]
    folders = sorted(child for child in path.iterdir() if child.is_dir() and partnership_files(child))
    if not folders:
        raise DataError([Problem(Position(path, 1, 1), "", "no partnership folders (with .yaml files) here")])
    return folders


def load_all(path: Path, today: dt.date) -> list[Partnership]:
    """Load every partnership under path; raise one DataError listing the errors of all of them."""
    partnerships, problems = [], []
    for folder in partnership_folders(path):
        try:
            partnerships.append(load_partnership(folder, today))
        except DataError as error:
            problems.extend(error.problems)
    seen: dict[str, Path] = {}
    for partnership in partnerships:
        if partnership.id in seen:
            message = f"partnership id '{partnership.id}' is also used in {seen[partnership.id]}"
            problems.append(Problem(partnership.locate(("partnership", "id")), "partnership.id", message))
        seen.setdefault(partnership.id, partnership.folder)
    if problems:
        raise DataError(problems)
    return partnerships


def export_partnership(partnership: Partnership) -> dict[str, Any]:
    """The partnership as plain JSON: its metadata first, then every list and section of the document."""
    document = partnership.document
    meta = document["partnership"]
    exported: dict[str, Any] = {
        "id": meta["id"],
        "title": meta["title"],
        "version": meta["version"],
        "status": meta["status"],
        "published": meta["published"],
        "review_date": meta["review_date"],
        "partnership": meta,
    }
    exported.update({name: document.get(name, []) for name in EXPORTED_LISTS})
    exported.update({name: value for name, value in document.items() if name not in exported})
    return exported
