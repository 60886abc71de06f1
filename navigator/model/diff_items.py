"""The parts of a comparison: one change, word diffs, the walk through nested values, indicators by id.

Words are compared word by word (`words`), shown as `[-old-]{+new+}`. Indicators are matched by id; an
indicator whose id changed but whose words did not (or barely did: at least `RENAME_SIMILARITY` alike,
same level) is matched to its new id, not reported as removed and added.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

RENAME_SIMILARITY = 0.9
KIND_TITLES = {
    "added": "added",
    "removed": "removed",
    "moved-level": "moved level",
    "moved-domain": "moved domain",
    "reworded": "reworded",
    "renamed": "renamed id",
    "changed": "changed",
}
Words = list[tuple[str, str]]  # ("=", "same words") / ("-", "removed") / ("+", "added")
Found = list[tuple[str, str, Any, Any, Words | None]]  # (path, kind, old, new, word diff)
TEXT_MARKS = {"=": "{}", "-": "[-{}-]", "+": "{{+{}+}}"}
WITH_ITS_LEVEL = "with its level"


@dataclass(frozen=True)
class Change:
    """One change. `key` is the item's id (or level number, or a key path for rules and details);
    `field` the part of the item that changed; `words` the word diff when a text changed; `note` what
    else a reader needs (an indicator that moved level with its level: "with its level")."""

    section: str
    kind: str
    key: str
    field: str = ""
    old: Any = None
    new: Any = None
    words: Words | None = None
    note: str = ""

    def line(self) -> str:
        """The change as one line of text (without its section)."""
        kind = KIND_TITLES.get(self.kind, self.kind)
        where = f"{self.key}" + (f" {self.field}" if self.field else "")
        note = f" ({self.note})" if self.note else ""
        if self.kind == "renamed":
            return f"{kind:13} {self.old} → {self.new}{note}"
        if self.words is not None:
            return f"{kind:13} {where}: {render_words(self.words)}{note}"
        if self.kind == "added":
            return f"{kind:13} {where}: {_short(self.new)}{note}"
        if self.kind == "removed":
            return f"{kind:13} {where}: {_short(self.old)}{note}"
        return f"{kind:13} {where}: {_short(self.old)} → {_short(self.new)}{note}"


def words(old: str, new: str) -> Words:
    """A word-by-word diff of two texts."""
    before, after = old.split(), new.split()
    parts: Words = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(("=", " ".join(before[i1:i2])))
            continue
        if i2 > i1:
            parts.append(("-", " ".join(before[i1:i2])))
        if j2 > j1:
            parts.append(("+", " ".join(after[j1:j2])))
    return parts


def render_words(parts: Words, marks: dict[str, str] = TEXT_MARKS) -> str:
    """A word diff as text, `[-old-]{+new+}`, or in other marks (the handbook's <del> and <ins>)."""
    return " ".join(marks[op].format(text) for op, text in parts)


def _short(value: Any, limit: int = 100) -> str:
    shown = (
        value
        if isinstance(value, str)
        else repr(value)
        if not isinstance(value, dict | list)
        else json.dumps(value, ensure_ascii=False, sort_keys=True)
    )
    return (
        f'"{shown}"'
        if isinstance(value, str) and len(shown) <= limit
        else shown[:limit] + ("…" if len(shown) > limit else "")
    )


# ---- nested values -------------------------------------------------------------------------------------
def has_ids(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, dict) and "id" in item for item in value)


def deep(old: Any, new: Any, path: str) -> Found:
    """(path, kind, old, new, word diff) for every difference, descending into mappings and lists."""
    if old == new:
        return []
    before, after = _children(old, new, path)
    if before is None or after is None:
        if _prose(old) or _prose(new):  # a phone number or a time is shown whole, not word by word
            return [(path, "changed", old, new, words(old, new))]
        return [(path, "changed", old, new, None)]
    found: Found = []
    for inner in dict.fromkeys([*before, *after]):
        if inner not in after:
            found.append((inner, "removed", before[inner], None, None))
        elif inner not in before:
            found.append((inner, "added", None, after[inner], None))
        else:
            found += deep(before[inner], after[inner], inner)
    return found


def _prose(value: Any) -> bool:
    return isinstance(value, str) and len(value.split()) > 2


def _children(old: Any, new: Any, path: str) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """Both values' parts by their paths: mappings by key, lists of items with ids by id, else by place."""
    by_id = has_ids(old) and has_ids(new)

    def parts(value: Any) -> dict[str, Any]:
        if isinstance(value, dict):
            return {f"{path}.{key}" if path else str(key): item for key, item in value.items()}
        if by_id:
            return {f"{path}[{item['id']}]": item for item in value}
        return {f"{path}[{index}]": item for index, item in enumerate(value)}

    if (isinstance(old, dict) and isinstance(new, dict)) or (isinstance(old, list) and isinstance(new, list)):
        return parts(old), parts(new)
    return None, None


# ---- indicators ----------------------------------------------------------------------------------------
def indicator_pairs(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(old id, new id) of every indicator in both versions: the same id, or a renamed one."""
    before = {item["id"]: item for item in old}
    after = {item["id"]: item for item in new}
    added = [k for k in after if k not in before]
    pairs = [(k, k) for k in after if k in before]
    for old_id in (k for k in before if k not in after):
        match = _renamed(before[old_id], [after[k] for k in added])
        if match is not None:
            added.remove(match)
            pairs.append((old_id, match))
    return pairs


def indicator_changes(
    old: list[dict[str, Any]],
    new: list[dict[str, Any]],
    pairs: list[tuple[str, str]],
    with_its_level: Callable[[int, int], bool],
) -> list[Change]:
    """Every indicator added, removed, renamed, moved, reworded or otherwise changed (`pairs` from
    `indicator_pairs`); a move of level that follows the indicator's level (renumbered or merged, as
    `with_its_level` says) is noted so."""
    before = {item["id"]: item for item in old}
    after = {item["id"]: item for item in new}
    paired_old, paired_new = {a for a, _ in pairs}, {b for _, b in pairs}
    changes = [
        Change("indicators", "removed", k, "", _where(before[k]) | {"text": before[k]["text"]})
        for k in before
        if k not in paired_old
    ]
    changes += [
        Change("indicators", "added", k, "", None, _where(after[k]) | {"text": after[k]["text"]})
        for k in after
        if k not in paired_new
    ]
    for old_id, new_id in pairs:
        a, b = before[old_id], after[new_id]
        if old_id != new_id:
            changes.append(Change("indicators", "renamed", new_id, "id", old_id, new_id))
        if a["level"] != b["level"]:
            note = WITH_ITS_LEVEL if with_its_level(a["level"], b["level"]) else ""
            changes.append(
                Change("indicators", "moved-level", new_id, "level", a["level"], b["level"], None, note)
            )
        if a.get("domain") != b.get("domain"):
            changes.append(
                Change("indicators", "moved-domain", new_id, "domain", a.get("domain"), b.get("domain"))
            )
        if a["text"] != b["text"]:
            changes.append(
                Change(
                    "indicators",
                    "reworded",
                    new_id,
                    "text",
                    a["text"],
                    b["text"],
                    words(a["text"], b["text"]),
                )
            )
        rest_a = {k: v for k, v in a.items() if k not in ("id", "level", "domain", "text")}
        rest_b = {k: v for k, v in b.items() if k not in ("id", "level", "domain", "text")}
        for path, kind, x, y, w in deep(rest_a, rest_b, ""):
            changes.append(Change("indicators", kind, new_id, path, x, y, w))
    return changes


def _where(item: dict[str, Any]) -> dict[str, Any]:
    return {"level": item["level"], "domain": item.get("domain")}


def _renamed(old: dict[str, Any], candidates: list[dict[str, Any]]) -> str | None:
    """The id of the added indicator that is `old` under a new id, if one is close enough."""
    best, best_ratio = None, 0.0
    for candidate in candidates:
        if candidate["text"] == old["text"]:
            return str(candidate["id"])
        if candidate["level"] != old["level"]:
            continue
        ratio = difflib.SequenceMatcher(a=old["text"], b=candidate["text"], autojunk=False).ratio()
        if ratio >= RENAME_SIMILARITY and ratio > best_ratio:
            best, best_ratio = str(candidate["id"]), ratio
    return best
