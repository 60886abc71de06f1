"""Where each old level went, in words (`thresholds diff`, the "What changed" page) and as JSON.

One line per old level (levels merged into one new level share a line), then one per added level: what
happened (kept, merged, renumbered, renamed, ...) and the levels on each side, with how many of the old
level's indicators sit in each ("Level 2 Emerging Needs (early-help) and Level 3 Intensive (targeted) →
Level 2 Family Help (family-help): 72 and 43 indicators"), and any that went elsewhere or were removed.
"""

from __future__ import annotations

from typing import Any

from navigator.model.diff_levels import LevelChanges, LevelMove, LevelRef

CHANGE_TITLES = {"kind-changed": "kind changed"}


def summary(levels: LevelChanges) -> list[tuple[str, str]]:
    """(what happened, to which levels) per old level, merged levels together, then added levels."""
    lines: list[tuple[str, str]] = []
    done: set[int] = set()
    for move in levels.moves:
        if move.old.level in done:
            continue
        group = [m for m in levels.moves if m.old.level == move.old.level or m.old.level in move.merged_with]
        done |= {m.old.level for m in group}
        lines.append(_line(levels, move, group))
    lines += [("added", f"{ref.label()}{_count([levels.held.get(ref.level, 0)])}") for ref in levels.added]
    return lines


def _line(levels: LevelChanges, move: LevelMove, group: list[LevelMove]) -> tuple[str, str]:
    if not move.new:
        gone = f": its {_plural(move.removed_indicators)} removed" if move.removed_indicators else ""
        return "removed", f"{move.old.label()}{gone}"
    if "merged" in move.changes:
        into = move.new[0]
        counts = _count([m.to.get(into.level, 0) for m in group])
        olds = " and ".join(m.old.label() for m in group)
        elsewhere = [f"from Level {m.old.level}, {text}" for m in group for text in _elsewhere(levels, m)]
        return "merged", f"{olds} → {into.label()}{counts}" + "".join(f"; {t}" for t in elsewhere)
    counts = _count([move.to.get(ref.level, 0) for ref in move.new])
    tail = "".join(f"; {text}" for text in _elsewhere(levels, move))
    if move.changes == ["kept"]:
        return "kept", f"{move.old.label()}{counts}{tail}"
    what = ", ".join(CHANGE_TITLES.get(change, change) for change in move.changes)
    targets = " and ".join(ref.label() for ref in move.new)
    return what, f"{move.old.label()} → {targets}{counts}{tail}"


def _elsewhere(levels: LevelChanges, move: LevelMove) -> list[str]:
    """The indicators of an old level that went to a level other than the one(s) it became."""
    became = {ref.level for ref in move.new}
    found = [
        f"{_plural(count)} to {_label(levels.new_ref(level), level)}"
        for level, count in sorted(move.to.items())
        if level not in became
    ]
    if move.removed_indicators:
        found.append(f"{_plural(move.removed_indicators)} removed")
    return found


def as_json(levels: LevelChanges) -> dict[str, Any]:
    """The `levels` object of `thresholds diff --json` (described in navigator/model/diff.py)."""
    return {
        "changed": levels.changed,
        "count": {"old": len(levels.old), "new": len(levels.new)},
        "moves": [
            {
                "old": move.old.as_json(),
                "new": [ref.as_json() for ref in move.new],
                "changes": move.changes,
                "merged_with": move.merged_with,
                "indicators": move.indicators,
                "to": [
                    {**_ref_json(levels.new_ref(level), level), "indicators": count}
                    for level, count in sorted(move.to.items())
                ],
                "removed_indicators": move.removed_indicators,
            }
            for move in levels.moves
        ],
        "added": [ref.as_json() | {"indicators": levels.held.get(ref.level, 0)} for ref in levels.added],
    }


def _plural(count: int) -> str:
    return f"{count} indicator" + ("" if count == 1 else "s")


def _count(counts: list[int]) -> str:
    """': 72 and 43 indicators', or nothing when no level has indicators (York's disposals, say)."""
    if not any(counts):
        return ""
    return f": {' and '.join(str(count) for count in counts)} indicator" + ("" if counts == [1] else "s")


def _label(ref: LevelRef | None, level: int) -> str:
    return ref.label() if ref is not None else f"Level {level}"


def _ref_json(ref: LevelRef | None, level: int) -> dict[str, Any]:
    return ref.as_json() if ref is not None else {"level": level}
