"""A partnership's own levels: two to six, numbered in order, each of a kind; one is child protection.

Nothing in the code assumes four levels or that Level 4 is child protection: suspected significant harm
leads to the level whose kind is `child-protection` (docs/adr/007-declared-levels.md).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

from navigator.model.schema import SCHEMA_PATH

FEWEST, MOST = 2, 6
PROTECTION = "child-protection"
Found = Iterator[tuple[tuple[str | int, ...], str, str]]


@cache
def level_kinds() -> tuple[str, ...]:
    """The kinds of level, in their order along the continuum of need (the schema's vocabulary)."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return tuple(schema["$defs"]["level"]["properties"]["kind"]["enum"])


def protection_level(document: Mapping[str, Any]) -> int | None:
    """The number of the level whose kind is child protection (None when there is not exactly one)."""
    found = [level["level"] for level in document["levels"] if level["kind"] == PROTECTION]
    return found[0] if len(found) == 1 else None


def level_problems(document: Mapping[str, Any]) -> Found:
    """Levels numbered 1 to N without gaps, two to six of them, exactly one of them child protection."""
    numbers = [level["level"] for level in document["levels"]]
    for index, number in enumerate(numbers):
        if number in numbers[:index]:
            yield ("levels", index, "level"), f"level {number} is described twice", "error"
    count = len(set(numbers))
    if not FEWEST <= count <= MOST:
        yield ("levels",), f"a document declares {FEWEST} to {MOST} levels; this one has {count}", "error"
    missing = [str(number) for number in range(1, max(numbers, default=0) + 1) if number not in numbers]
    if missing:
        message = f"levels are numbered 1 to {max(numbers)} without gaps; missing: {', '.join(missing)}"
        yield ("levels",), message, "error"
    protection = [index for index, level in enumerate(document["levels"]) if level["kind"] == PROTECTION]
    if len(protection) != 1:
        said = "none is" if not protection else f"{len(protection)} are"
        where = ("levels", protection[1], "kind") if len(protection) > 1 else ("levels",)
        yield where, f"exactly one level must be of kind {PROTECTION!r}; {said}", "error"
    if len(protection) == 1:
        yield from _above_protection(document, protection[0])
    harm = document.get("rules", {}).get("significant_harm", {})
    if protection and "level" in harm and harm["level"] != document["levels"][protection[0]]["level"]:
        expected = document["levels"][protection[0]]["level"]
        message = f"must be {expected}, the level of kind {PROTECTION!r} (or leave it out)"
        yield ("rules", "significant_harm", "level"), message, "error"


def _above_protection(document: Mapping[str, Any], index: int) -> Found:
    """Only a specialist level may stand above child protection: needs below it never outrank harm."""
    top = document["levels"][index]["level"]
    below = level_kinds()[: level_kinds().index("specialist")]
    for number, level in enumerate(document["levels"]):
        if level["level"] > top and level["kind"] in below:
            message = (
                f"a level of kind {level['kind']!r} cannot be above the child-protection level {top}: "
                "suspected harm must never lead below a lesser need"
            )
            yield ("levels", number, "kind"), message, "error"
