"""The levels `thresholds new --levels` declares: each name's kind, guessed from its words or its place.

A kind read from a level's name is kept as it is. Where the name does not say, the level's place gives one
(the first universal, the last child protection, one above child protection specialist, any other
targeted) and the level's note is a placeholder,
so `validate` warns and `--strict` refuses the folder until someone chooses the kind. Exactly one level is
child protection (navigator/model/levels.py): when no name says which, the last level is, with that note.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from navigator.model.levels import FEWEST, MOST, PROTECTION

GUESSED_NOTE = (
    "PLACEHOLDER: the kind was guessed from the level's place, not its name: choose it from the schema's list"
)
# Words that make a level's kind obvious, matched case-insensitively as whole words.
KIND_WORDS = (
    ("universal", ("universal",)),
    ("early-help", ("early help", "emerging", "earliest")),
    ("family-help", ("family help",)),
    ("targeted", ("targeted", "intensive")),
    ("child-in-need", ("child in need", "children in need", "section 17")),
    ("specialist", ("specialist", "statutory")),
    (PROTECTION, ("child protection", "protection", "significant harm", "section 47")),
)
# The four levels a new folder has when --levels is not given.
DEFAULT_KINDS = ("universal", "early-help", "targeted", PROTECTION)


@dataclass(frozen=True)
class Level:
    """One level to write: its number, kind, name (None: a placeholder) and whether the kind is a guess."""

    number: int
    kind: str
    name: str | None = None
    guessed: bool = False


def default_levels() -> tuple[Level, ...]:
    """Four levels whose names are placeholders, of the kinds most documents have."""
    return tuple(Level(number, kind) for number, kind in enumerate(DEFAULT_KINDS, start=1))


def plan_levels(names: Sequence[str]) -> tuple[Level, ...]:
    """The levels named, lowest need first, each with a kind; ValueError (a sentence) when they cannot be."""
    names = [name.strip() for name in names]
    if "" in names:
        number = names.index("") + 1
        raise ValueError(
            f"--levels: level {number}'s name is empty: give every level's name, separated by commas"
        )
    if not FEWEST <= len(names) <= MOST:
        raise ValueError(
            f"--levels names {len(names)} level{'s' if len(names) > 1 else ''}; a document has {FEWEST} to "
            f"{MOST}: give their names separated by commas, lowest need first, e.g. "
            '--levels "Universal,Family Help,Child protection"'
        )
    kinds = [kind_in(name) for name in names]
    protection = [names[index] for index, kind in enumerate(kinds) if kind == PROTECTION]
    if len(protection) > 1:
        both = " and ".join(repr(name) for name in protection)
        raise ValueError(f"--levels: {both} both read as child protection; exactly one level can be that")
    if kinds[0] == PROTECTION:
        raise ValueError(
            f"--levels: {names[0]!r} reads as child protection but is the first level; levels go from the "
            "least need to the most, so child protection cannot be level 1"
        )
    forced = None if protection else len(names) - 1  # no name says child protection: the last level is
    top = kinds.index(PROTECTION) if protection else len(names) - 1
    for name, kind in zip(names[top + 1 :], kinds[top + 1 :], strict=True):
        if kind not in (None, "specialist"):
            raise ValueError(
                f"--levels: {name!r} reads as {kind} but comes after child protection; only a specialist "
                "level may stand above the child-protection level"
            )
    levels = []
    for index, (name, kind) in enumerate(zip(names, kinds, strict=True)):
        if index == forced:
            levels.append(Level(index + 1, PROTECTION, name, guessed=True))
        elif kind is None:
            place = "universal" if index == 0 else "specialist" if index > top else "targeted"
            levels.append(Level(index + 1, place, name, guessed=True))
        else:
            levels.append(Level(index + 1, kind, name))
    return tuple(levels)


def kind_in(name: str) -> str | None:
    """The kind a level's name makes obvious, or None when its words give none or disagree."""
    words = f" {re.sub(r'[^a-z0-9]+', ' ', name.lower()).strip()} "
    found = {kind for kind, phrases in KIND_WORDS if any(f" {phrase} " in words for phrase in phrases)}
    if PROTECTION in found:  # a level that holds child protection with anything else is child protection
        return PROTECTION
    if found == {"targeted", "early-help"}:  # "targeted early help": the schema's targeted
        return "targeted"
    return found.pop() if len(found) == 1 else None


def protection_number(levels: Sequence[Level]) -> int:
    """The number of the child-protection level (the plan makes sure there is exactly one)."""
    return next(level.number for level in levels if level.kind == PROTECTION)
