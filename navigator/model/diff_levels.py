"""How a document's levels changed between two versions, and where each old level's indicators went.

Each old level is paired with the new level it became: first by kind (a new level of the same kind that
received some of its indicators, or any of that kind when it had none), then by where most of its
indicators went (matched by id), then by name, then by number. It is then

- `kept`: the same number, name, title and kind;
- `renamed` (name or title), `renumbered`, `kind-changed`: one or more of those changed;
- `merged`: it and one or more other old levels became one new level;
- `split`: its indicators now sit in two or more new levels, each of which took most of its indicators
  from it;
- `removed`: nothing of it is left: no new level of its kind, and none of its indicators anywhere (or,
  when it had none, no free level of its name or number).

A new level nothing became is `added`. Nothing here assumes a number of levels, or which of them is child
protection: the levels are the documents' own.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class LevelRef:
    """A level as one version declares it."""

    level: int
    kind: str | None
    name: str
    title: str

    @classmethod
    def of(cls, item: dict[str, Any]) -> LevelRef:
        return cls(
            int(item["level"]), item.get("kind"), str(item.get("name", "")), str(item.get("title", ""))
        )

    def label(self) -> str:
        """ "Level 3 Intensive (targeted)"."""
        return (
            f"Level {self.level}"
            + (f" {self.name}" if self.name else "")
            + (f" ({self.kind})" if self.kind else "")
        )

    def as_json(self) -> dict[str, Any]:
        return {key: value for key, value in asdict(self).items() if value not in (None, "")}


@dataclass
class LevelMove:
    """What became of one old level: the new level(s) it became and where its indicators went."""

    old: LevelRef
    new: list[LevelRef]  # the level it became first, then the other parts of a split; empty if removed
    changes: list[str]
    indicators: int  # how many indicators it had
    to: dict[int, int]  # new level → how many of its indicators sit there now
    removed_indicators: int
    merged_with: list[int] = field(default_factory=list)  # the other old levels it became one with


@dataclass
class LevelChanges:
    """Every old level's move, and the new levels nothing became."""

    old: list[LevelRef]
    new: list[LevelRef]
    moves: list[LevelMove]
    added: list[LevelRef]
    held: dict[int, int]  # indicators per new level

    @property
    def changed(self) -> bool:
        return bool(self.added) or any(move.changes != ["kept"] for move in self.moves)

    def counterparts(self, old_level: int) -> set[int]:
        """The new levels an old level became (the level itself when the old version does not declare it)."""
        for move in self.moves:
            if move.old.level == old_level:
                return {ref.level for ref in move.new}
        return {old_level}

    def same_level(self, old_level: int | None, new_level: int | None) -> bool:
        """Whether a result at new_level is where a result at old_level went (no level: still none)."""
        if old_level is None or new_level is None:
            return old_level == new_level
        return new_level in self.counterparts(old_level)

    def old_ref(self, level: int | None) -> LevelRef | None:
        return next((ref for ref in self.old if ref.level == level), None)

    def new_ref(self, level: int | None) -> LevelRef | None:
        return next((ref for ref in self.new if ref.level == level), None)

    def main_source(self, new: LevelRef) -> LevelRef | None:
        """The old level a new level is compared with, field by field: among those that became it, the
        one of its kind, else the one that gave it most indicators, else the one of its number."""
        sources = [move.old for move in self.moves if new in move.new]
        if not sources:
            return None
        return min(
            sources,
            key=lambda old: (
                old.kind != new.kind or new.kind is None,
                -self._moved(old.level, new.level),
                old.level != new.level,
                old.level,
            ),
        )

    def _moved(self, old_level: int, new_level: int) -> int:
        return next((move.to.get(new_level, 0) for move in self.moves if move.old.level == old_level), 0)


# ---- pairing -----------------------------------------------------------------------------------------
def compare_levels(old: dict[str, Any], new: dict[str, Any], pairs: list[tuple[str, str]]) -> LevelChanges:
    """The levels of two documents paired; `pairs` are the (old id, new id) of the indicators in both."""
    before = sorted((LevelRef.of(item) for item in old.get("levels", [])), key=lambda r: r.level)
    after = sorted((LevelRef.of(item) for item in new.get("levels", [])), key=lambda r: r.level)
    old_at = {item["id"]: item["level"] for item in old.get("indicators", [])}
    new_at = {item["id"]: item["level"] for item in new.get("indicators", [])}
    flows: dict[int, Counter[int]] = {ref.level: Counter() for ref in before}
    for old_id, new_id in pairs:
        if old_at[old_id] in flows:
            flows[old_at[old_id]][new_at[new_id]] += 1
    held = Counter(new_at.values())
    had = set(old_at.values())
    became = _pair(before, after, flows, held, had)
    moves = [_move(ref, became, flows, old_at, {old_id for old_id, _ in pairs}) for ref in before]
    for move in moves:
        if move.new and "merged" in move.changes:
            move.merged_with = [m.old.level for m in moves if m is not move and m.new[:1] == move.new[:1]]
    taken = {ref.level for move in moves for ref in move.new}
    return LevelChanges(before, after, moves, [ref for ref in after if ref.level not in taken], dict(held))


def _pair(
    before: list[LevelRef],
    after: list[LevelRef],
    flows: dict[int, Counter[int]],
    held: Counter[int],
    had: set[int],
) -> dict[int, list[LevelRef]]:
    """Old level → the new level(s) it became: by kind, by indicators, the parts of a split, then (an
    old level that had no indicators) by name, then by number. `flows[old][new]` counts old's indicators
    now at new; `held` counts every new level's indicators; `had` are the old levels with indicators."""
    became: dict[int, list[LevelRef]] = {}

    def free(ref: LevelRef) -> bool:
        return all(ref not in refs for refs in became.values())

    for old in before:  # by kind, unless none of its indicators went there
        same = [
            new
            for new in after
            if new.kind is not None
            and new.kind == old.kind
            and free(new)
            and (not flows[old.level] or flows[old.level][new.level])
        ]
        if same:
            became[old.level] = [min(same, key=lambda n: (n.name != old.name, n.level != old.level, n.level))]
    for old in before:  # by where most of its indicators went (two old levels may become one)
        if old.level not in became and flows[old.level]:
            level = min(flows[old.level], key=lambda n: (-flows[old.level][n], n))
            became[old.level] = [new for new in after if new.level == level][:1]
    for new in after:  # a new level nothing became, most of whose indicators came from one old level
        sources = {old: flows[old][new.level] for old in flows if flows[old][new.level]}
        source = min(sources, key=lambda old: (-sources[old], old), default=None)
        if free(new) and source is not None and sources[source] * 2 > held[new.level]:
            became.setdefault(source, []).append(new)
    for alike in (_same_name, _same_number):  # levels without indicators: nothing else to go by
        for old in (old for old in before if not became.get(old.level) and old.level not in had):
            match = [new for new in after if free(new) and alike(old, new)]
            if match:
                became[old.level] = match[:1]
    return became


def _same_name(old: LevelRef, new: LevelRef) -> bool:
    return old.name.casefold() == new.name.casefold()


def _same_number(old: LevelRef, new: LevelRef) -> bool:
    return old.level == new.level


def _move(
    old: LevelRef,
    became: dict[int, list[LevelRef]],
    flows: dict[int, Counter[int]],
    old_at: dict[str, int],
    kept: set[str],
) -> LevelMove:
    """What became of one old level; `kept` are the old ids of the indicators still there."""
    new = became.get(old.level, [])
    mine = [i for i, level in old_at.items() if level == old.level]
    removed = sum(1 for i in mine if i not in kept)
    if not new:
        return LevelMove(old, [], ["removed"], len(mine), dict(flows[old.level]), removed)
    first = new[0]
    changes = []
    if sum(1 for refs in became.values() if refs[:1] == [first]) > 1:
        changes.append("merged")
    if len(new) > 1:
        changes.append("split")
    if first.level != old.level:
        changes.append("renumbered")
    if (first.name, first.title) != (old.name, old.title):
        changes.append("renamed")
    if first.kind != old.kind:
        changes.append("kind-changed")
    return LevelMove(old, new, changes or ["kept"], len(mine), dict(flows[old.level]), removed)
