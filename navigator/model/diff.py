"""What changed between two versions of a partnership's document, indicator by indicator and level by level.

Indicators are matched by id: added, removed, moved level, moved domain, reworded (with a word diff) and
other field changes; an id changed with (nearly) the same words is a renamed id (navigator/model/
diff_items.py). Levels are paired old to new by kind, then by where their indicators went, then by name
and number, so a revision that renumbers, renames, merges or splits levels says where each old level
went (navigator/model/diff_levels.py); each new level is then compared field by field with the old
level it came from. Contacts, routes and every other list of items with ids are matched by id; rules and
the document's details by key.

`thresholds diff --json` gives, per pair of versions compared: `old` and `new` (partnership, version,
status, where), `identical`, `changes` (each: section, kind, key, field, old, new, words as
[op, text] pairs, note, whichever apply; a level's key is its number, "4 → 3" when renumbered) and
`levels`:

    {"changed": true, "count": {"old": 4, "new": 3},
     "moves": [{"old": {"level", "kind", "name", "title"},
                "new": [the level(s) it became, same shape; empty when removed],
                "changes": ["kept"] or some of ["merged", "split", "renumbered", "renamed",
                           "kind-changed", "removed"],
                "merged_with": [the other old levels that became the same level],
                "indicators": how many it had,
                "to": [{"level", "kind", "name", "title", "indicators": how many of its indicators
                        sit there now}, ...],
                "removed_indicators": how many of its indicators are gone}, ...],
     "added": [{"level", "kind", "name", "title", "indicators"}, ...]}

`changed` is false when every level was kept, even if some indicators moved between them (those are in
`changes`, kind moved-level).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from navigator.model.diff_items import (
    KIND_TITLES,
    Change,
    Words,
    deep,
    has_ids,
    indicator_changes,
    indicator_pairs,
    render_words,
    words,
)
from navigator.model.diff_levels import LevelChanges, compare_levels
from navigator.model.diff_levels_text import as_json as levels_json
from navigator.model.diff_levels_text import summary as level_summary
from navigator.model.partnership import Partnership

__all__ = [
    "KIND_TITLES",
    "SECTION_TITLES",
    "Change",
    "Comparison",
    "Words",
    "compare",
    "describe",
    "level_summary",
    "levels_heading",
    "render_words",
    "sections",
    "words",
]

# Sections in the order a reader cares about; anything else follows in the document's order.
SECTION_ORDER = ("partnership", "levels", "indicators", "contacts", "routes", "rules", "areas", "domains")
SECTION_TITLES = {
    "partnership": "The document",
    "levels": "Levels",
    "indicators": "Indicators",
    "contacts": "Contacts",
    "routes": "Referral routes",
    "rules": "Decision rules",
}
LEVELS_HEADING = "Levels, where each old level went ({} → {} levels; indicators matched by id)"


@dataclass
class Comparison:
    """The changes from one version (`old`) to another (`new`) of one partnership."""

    old: dict[str, str]
    new: dict[str, str]
    changes: list[Change] = field(default_factory=list)
    levels: LevelChanges | None = None

    @property
    def identical(self) -> bool:
        return not self.changes and not self.levels_changed

    @property
    def levels_changed(self) -> bool:
        return self.levels is not None and self.levels.changed

    def as_json(self) -> dict[str, Any]:
        changes = []
        for change in self.changes:
            entry = {key: value for key, value in asdict(change).items() if value not in (None, "")}
            if change.words is not None:
                entry["words"] = [list(part) for part in change.words]
            changes.append(entry)
        found = {"old": self.old, "new": self.new, "identical": self.identical, "changes": changes}
        return found | ({"levels": levels_json(self.levels)} if self.levels is not None else {})

    def sections(self) -> list[str]:
        return sections(self.changes, ["levels"] if self.levels_changed else [])

    def text(self) -> str:
        """The comparison as text, grouped by section, with counts; the levels' moves first."""
        head = f"{_label(self.old)} → {_label(self.new)}"
        if self.identical:
            return f"{head}\nNo changes: the two versions are identical.\n"
        lines = [head]
        for section in self.sections():
            title = SECTION_TITLES.get(section, section.replace("_", " ").capitalize())
            if section == "levels" and self.levels is not None and self.levels_changed:
                lines.append(f"{levels_heading(self.levels)}:")
                lines += [f"  {what:13} {moved}" for what, moved in level_summary(self.levels)]
                title = "Levels, field by field"
            mine = [change for change in self.changes if change.section == section]
            if not mine:
                continue
            counts: dict[str, int] = {}
            for change in mine:
                kind = KIND_TITLES.get(change.kind, change.kind)
                counts[kind] = counts.get(kind, 0) + 1
            lines.append(f"{title}: {', '.join(f'{count} {kind}' for kind, count in counts.items())}")
            lines += [f"  {change.line()}" for change in mine]
        lines.append(f"{len(self.changes)} change(s).")
        return "\n".join(lines) + "\n"


def levels_heading(levels: LevelChanges) -> str:
    return LEVELS_HEADING.format(len(levels.old), len(levels.new))


def _label(side: dict[str, str]) -> str:
    return f"{side['partnership']} version {side['version']} ({side['status']}, {side['where']})"


def describe(partnership: Partnership, where: str) -> dict[str, str]:
    meta = partnership.document["partnership"]
    return {
        "partnership": partnership.id,
        "version": str(meta["version"]),
        "status": meta["status"],
        "where": where,
    }


def sections(changes: list[Change], also: Iterable[str] = ()) -> list[str]:
    """The sections with changes (and `also`), in the order a reader cares about."""
    present = list(dict.fromkeys([*(change.section for change in changes), *also]))
    return sorted(present, key=lambda s: SECTION_ORDER.index(s) if s in SECTION_ORDER else len(SECTION_ORDER))


# ---- comparing -----------------------------------------------------------------------------------------
def compare(old: Partnership, new: Partnership, old_where: str, new_where: str) -> Comparison:
    """Every change from old to new."""
    a, b = old.document, new.document
    pairs = indicator_pairs(a.get("indicators", []), b.get("indicators", []))
    levels = compare_levels(a, b, pairs)
    comparison = Comparison(describe(old, old_where), describe(new, new_where), levels=levels)
    changes = comparison.changes
    changes += indicator_changes(a.get("indicators", []), b.get("indicators", []), pairs, levels.same_level)
    changes += _levels(a.get("levels", []), b.get("levels", []), levels)
    for name in dict.fromkeys([*a, *b]):
        if name in ("indicators", "levels"):
            continue
        before, after = a.get(name), b.get(name)
        if before == after:
            continue
        if has_ids(before) and has_ids(after):
            changes += _keyed(name, before or [], after or [])
        else:
            changes += [
                Change(name, kind, path or name, "", x, y, w)
                for path, kind, x, y, w in deep(before, after, "")
            ]
    order = {section: index for index, section in enumerate(sections(changes))}
    changes.sort(key=lambda change: order[change.section])
    return comparison


def _levels(old: list[dict[str, Any]], new: list[dict[str, Any]], levels: LevelChanges) -> list[Change]:
    """Levels removed and added, and each new level field by field against the old level it came from
    (keyed by its number, or "4 → 3" when renumbered); any text of a level that changed is reworded."""
    before = {item["level"]: item for item in old}
    after = {item["level"]: item for item in new}
    changes = [
        Change("levels", "removed", str(move.old.level), "", _title(before[move.old.level]))
        for move in levels.moves
        if not move.new
    ]
    for ref in levels.new:
        source = levels.main_source(ref)
        if source is None:
            changes.append(Change("levels", "added", str(ref.level), "", None, _title(after[ref.level])))
            continue
        key = str(ref.level) if source.level == ref.level else f"{source.level} → {ref.level}"
        a = {k: v for k, v in before[source.level].items() if k != "level"}
        b = {k: v for k, v in after[ref.level].items() if k != "level"}
        for path, kind, x, y, w in deep(a, b, ""):
            changes.append(Change("levels", "reworded" if w is not None else kind, key, path, x, y, w))
    return changes


def _keyed(section: str, old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[Change]:
    before = {str(item["id"]): item for item in old}
    after = {str(item["id"]): item for item in new}
    changes = [Change(section, "removed", k, "", _title(before[k])) for k in before if k not in after]
    changes += [Change(section, "added", k, "", None, _title(after[k])) for k in after if k not in before]
    for k in (k for k in after if k in before and before[k] != after[k]):
        changes += [
            Change(section, kind, k, path, x, y, w) for path, kind, x, y, w in deep(before[k], after[k], "")
        ]
    return changes


def _title(item: dict[str, Any]) -> Any:
    for name in ("text", "name", "title"):
        if isinstance(item.get(name), str):
            return item[name]
    return item
