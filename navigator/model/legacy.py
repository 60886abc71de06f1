"""Data from before a model change, read from a git revision for `diff` and `impact`: brought up to the
current model where the old meaning is certain, so an old revision can still be compared.

Only git revisions are upgraded (their files are written to a temporary folder); a partnership's folders
must be current. Two changes of December 2026 are upgraded:
- levels without a `kind` (the model had four levels, Level 4 child protection): kinds by number;
- significant harm without `review` (only `significant_harm.indicators` meant harm): every other
  indicator that now needs a decision is recorded as not harm, as that version read it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from navigator.model.harm_review import needs_decision

FOUR_LEVEL_KINDS = {1: "universal", 2: "early-help", 3: "targeted", 4: "child-protection"}
NOT_MARKED = "Not marked in this earlier version, which had no significant-harm review."


def upgrade(folder: Path) -> None:
    """Upgrade, in place, every partnership folder (one with a partnership.yaml) under folder."""
    for partnership in sorted(folder.rglob("partnership.yaml")):
        files = {path: _load(path) for path in sorted(partnership.parent.glob("*.yaml"))}
        documents = [data for data in files.values() if isinstance(data, dict)]
        indicators = [i for data in documents for i in data.get("indicators", []) if isinstance(i, dict)]
        for path, data in files.items():
            if isinstance(data, dict) and (_add_kinds(data) | _add_review(data, indicators)):
                path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _load(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError):
        return None  # left as it is: validation names the problem


def _add_kinds(data: dict[str, Any]) -> bool:
    levels = data.get("levels")
    if not isinstance(levels, list) or len(levels) != len(FOUR_LEVEL_KINDS):
        return False
    if any(not isinstance(level, dict) or "kind" in level for level in levels):
        return False
    for level in levels:
        level["kind"] = FOUR_LEVEL_KINDS.get(level.get("level"), "targeted")
    return True


def _add_review(data: dict[str, Any], indicators: list[dict[str, Any]]) -> bool:
    harm = data.get("rules", {}).get("significant_harm") if isinstance(data.get("rules"), dict) else None
    if not isinstance(harm, dict) or "review" in harm or not isinstance(harm.get("level"), int):
        return False
    marked = set(harm.get("indicators", []))
    harm["review"] = [
        {"indicator": indicator["id"], "harm": False, "reason": NOT_MARKED}
        for indicator in indicators
        if indicator.get("id") not in marked and needs_decision(indicator, harm["level"])
    ]
    return True
