"""Texts the data rejoined where the source breaks them across a page, as the data's own notes record.

A PDF table row split over two pages leaves a cell's words in two places, with the rest of the row and a
repeated header between them. The data keeps the cell whole and its note says where it was joined, as
“end of the first part” / “start of the second”. Such a text counts as found only at a join its note
records, and only when each part stands word for word in the source, in order and near each other: a join
the notes do not record, or a changed word in either part, still fails.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Any

from navigator.model.problems import KeyPath
from navigator.model.verify_text import SourceText, comparable, find_words

_RECORDED = re.compile(r"“([^”]+)”\s*/\s*“([^”]+)”")
_ELLIPSIS = re.compile(r"^(?:\.\.\.|…)\s*|\s*(?:\.\.\.|…)$")
NEAR = 5000  # characters between the parts: the rest of a table row and a page's header, not a chapter


def recorded_joins(document: dict[str, Any], path: KeyPath) -> list[tuple[str, str]]:
    """The (end of first part, start of second) pairs recorded in the notes on the way up to path."""
    pairs = []
    for note in _notes_above(document, path):
        for first, second in _RECORDED.findall(note):
            end, start = comparable(_ELLIPSIS.sub("", first)), comparable(_ELLIPSIS.sub("", second))
            if end and start:
                pairs.append((end, start))
    return pairs


def joined_parts(text: str, joins: list[tuple[str, str]]) -> list[str] | None:
    """text cut at every recorded join it holds (comparable form), or None when it holds none."""
    whole = comparable(text)
    cuts = sorted(
        match.start() + len(end)
        for end, start in joins
        for match in re.finditer(re.escape(f"{end} {start}"), whole)
    )
    if not cuts:
        return None
    bounds = [0, *cuts, len(whole)]
    return [whole[a:b].strip() for a, b in itertools.pairwise(bounds)]


def in_order(source: SourceText, parts: list[str]) -> bool:
    """Whether every part stands in the source, each after the one before and within NEAR of it."""
    return any(_embedded(form, parts, 0, first=True) for form in (source.kept, source.joined))


def _embedded(form: str, parts: list[str], position: int, *, first: bool = False) -> bool:
    if not parts:
        return True
    at = find_words(form, parts[0], position) if parts[0] else -1
    while at >= 0 and (first or at - position <= NEAR):
        if _embedded(form, parts[1:], at + len(parts[0])):
            return True
        at = find_words(form, parts[0], at + 1)
    return False


def _notes_above(document: dict[str, Any], path: KeyPath) -> Iterator[str]:
    node: Any = document
    for part in path:
        if isinstance(node, dict) and isinstance(node.get("note"), str):
            yield node["note"]
        node = node[part]
