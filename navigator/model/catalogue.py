"""Find and load every partnership under a thresholds folder, and export them as plain JSON."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from navigator.model import versions as versions_module
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


def load_versions(path: Path, today: dt.date) -> dict[str, list[Partnership]]:
    """Every version of every partnership under path, by id (navigator.model.versions); one DataError
    listing the errors of all of them."""
    by_id: dict[str, list[Partnership]] = {}
    problems: list[Problem] = []
    seen: dict[str, Path] = {}
    for folder in partnership_folders(path):
        versions = []
        for version_folder in [folder, *versions_module.version_folders(folder)]:
            try:
                versions.append(load_partnership(version_folder, today))
            except DataError as error:
                problems.extend(error.problems)
        if not versions:
            continue
        found = versions_module.version_problems(versions, today)
        problems.extend(problem for problem in found if problem.severity == "error")
        versions[0].warnings.extend(problem for problem in found if problem.severity == "warning")
        pid = versions[0].id
        if pid in seen:
            message = f"partnership id '{pid}' is also used in {seen[pid]}"
            problems.append(Problem(versions[0].locate(("partnership", "id")), "partnership.id", message))
            continue
        seen[pid] = folder
        by_id[pid] = versions
    if problems:
        raise DataError(problems)
    return by_id


def load_all(path: Path, today: dt.date, drafts: bool = False) -> list[Partnership]:
    """The version in use of every partnership under path (the newest draft instead when `drafts`);
    a partnership with no version in force is left out. When path is one partnership's folder, the
    version in that folder. Raises one DataError listing every error."""
    return in_use(load_versions(path, today), path, today, drafts)


def in_use(
    found: dict[str, list[Partnership]], path: Path, today: dt.date, drafts: bool = False
) -> list[Partnership]:
    """load_all's choice among the versions load_versions(path) found."""
    if partnership_files(path):  # one partnership's folder, named: that very version, whatever its status
        return [p for versions in found.values() for p in versions if p.folder == path]
    chosen = (versions_module.current(v, today, drafts) for v in found.values())
    return [partnership for partnership in chosen if partnership is not None]


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


def export_json(partnerships: list[Partnership]) -> str:
    """`thresholds export` as text: one serialisation, so the site's JSON downloads never drift from it."""
    exported = {"partnerships": [export_partnership(p) for p in partnerships]}
    return json.dumps(exported, ensure_ascii=False, indent=2) + "\n"
