"""What changed between two versions of a partnership's document, indicator by indicator.

Indicators are matched by id: added, removed, moved level, moved domain, reworded (with a word diff) and
other field changes. An indicator whose id changed but whose words did not (or barely did: at least
`RENAME_SIMILARITY` alike, same level) is reported as renamed, not as removed and added. Levels are
matched by number; contacts, routes and every other list of items with ids by id; rules and the
document's details by key. Words are compared word by word (`words`), shown as `[-old-]{+new+}`.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import asdict, dataclass, field
from typing import Any

from navigator.model.partnership import Partnership

RENAME_SIMILARITY = 0.9
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


@dataclass(frozen=True)
class Change:
    """One change. `key` is the item's id (or level number, or a key path for rules and details);
    `field` the part of the item that changed; `words` the word diff when a text changed."""

    section: str
    kind: str
    key: str
    field: str = ""
    old: Any = None
    new: Any = None
    words: Words | None = None

    def line(self) -> str:
        """The change as one line of text (without its section)."""
        kind = KIND_TITLES.get(self.kind, self.kind)
        where = f"{self.key}" + (f" {self.field}" if self.field else "")
        if self.kind == "renamed":
            return f"{kind:13} {self.old} → {self.new}"
        if self.words is not None:
            return f"{kind:13} {where}: {render_words(self.words)}"
        if self.kind == "added":
            return f"{kind:13} {where}: {_short(self.new)}"
        if self.kind == "removed":
            return f"{kind:13} {where}: {_short(self.old)}"
        return f"{kind:13} {where}: {_short(self.old)} → {_short(self.new)}"


@dataclass
class Comparison:
    """The changes from one version (`old`) to another (`new`) of one partnership."""

    old: dict[str, str]
    new: dict[str, str]
    changes: list[Change] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        return not self.changes

    def as_json(self) -> dict[str, Any]:
        changes = []
        for change in self.changes:
            entry = {key: value for key, value in asdict(change).items() if value not in (None, "")}
            if change.words is not None:
                entry["words"] = [list(part) for part in change.words]
            changes.append(entry)
        return {"old": self.old, "new": self.new, "identical": self.identical, "changes": changes}

    def text(self) -> str:
        """The comparison as text, grouped by section, with counts."""
        head = f"{_label(self.old)} → {_label(self.new)}"
        if self.identical:
            return f"{head}\nNo changes: the two versions are identical.\n"
        lines = [head]
        for section in sections(self.changes):
            mine = [change for change in self.changes if change.section == section]
            counts: dict[str, int] = {}
            for change in mine:
                title = KIND_TITLES.get(change.kind, change.kind)
                counts[title] = counts.get(title, 0) + 1
            tally = ", ".join(f"{count} {kind}" for kind, count in counts.items())
            lines.append(f"{SECTION_TITLES.get(section, section.replace('_', ' ').capitalize())}: {tally}")
            lines += [f"  {change.line()}" for change in mine]
        lines.append(f"{len(self.changes)} change(s).")
        return "\n".join(lines) + "\n"


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


def sections(changes: list[Change]) -> list[str]:
    present = list(dict.fromkeys(change.section for change in changes))
    return sorted(present, key=lambda s: SECTION_ORDER.index(s) if s in SECTION_ORDER else len(SECTION_ORDER))


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


TEXT_MARKS = {"=": "{}", "-": "[-{}-]", "+": "{{+{}+}}"}


def render_words(parts: Words, marks: dict[str, str] = TEXT_MARKS) -> str:
    """A word diff as text, `[-old-]{+new+}`, or in other marks (the handbook's <del> and <ins>)."""
    return " ".join(marks[op].format(text) for op, text in parts)


def _short(value: Any, limit: int = 100) -> str:
    shown = (
        value
        if isinstance(value, str)
        else repr(value)
        if not isinstance(value, dict | list)
        else _json(value)
    )
    return (
        f'"{shown}"'
        if isinstance(value, str) and len(shown) <= limit
        else shown[:limit] + ("…" if len(shown) > limit else "")
    )


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


# ---- comparing -----------------------------------------------------------------------------------------
def compare(old: Partnership, new: Partnership, old_where: str, new_where: str) -> Comparison:
    """Every change from old to new."""
    comparison = Comparison(describe(old, old_where), describe(new, new_where))
    a, b = old.document, new.document
    changes = comparison.changes
    changes += _indicators(a.get("indicators", []), b.get("indicators", []))
    changes += _keyed("levels", a.get("levels", []), b.get("levels", []), "level")
    for name in dict.fromkeys([*a, *b]):
        if name in ("indicators", "levels"):
            continue
        before, after = a.get(name), b.get(name)
        if before == after:
            continue
        if _has_ids(before) and _has_ids(after):
            changes += _keyed(name, before or [], after or [], "id")
        else:
            changes += [
                Change(name, kind, path or name, "", x, y, w)
                for path, kind, x, y, w in _deep(before, after, "")
            ]
    order = {section: index for index, section in enumerate(sections(changes))}
    changes.sort(key=lambda change: order[change.section])
    return comparison


def _prose(value: Any) -> bool:
    return isinstance(value, str) and len(value.split()) > 2


def _has_ids(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, dict) and "id" in item for item in value)


def _keyed(section: str, old: list[dict[str, Any]], new: list[dict[str, Any]], key: str) -> list[Change]:
    before = {str(item[key]): item for item in old}
    after = {str(item[key]): item for item in new}
    changes = [Change(section, "removed", k, "", _title(before[k])) for k in before if k not in after]
    changes += [Change(section, "added", k, "", None, _title(after[k])) for k in after if k not in before]
    for k in (k for k in after if k in before and before[k] != after[k]):
        for path, kind, x, y, w in _deep(before[k], after[k], ""):
            reworded = w is not None and section == "levels"  # a level's wording; elsewhere "changed"
            changes.append(Change(section, "reworded" if reworded else kind, k, path, x, y, w))
    return changes


def _title(item: dict[str, Any]) -> Any:
    for name in ("text", "name", "title"):
        if isinstance(item.get(name), str):
            return item[name]
    return item


def _deep(old: Any, new: Any, path: str) -> list[tuple[str, str, Any, Any, Words | None]]:
    """(path, kind, old, new, word diff) for every difference, descending into mappings and lists."""
    if old == new:
        return []
    before, after = _children(old, new, path)
    if before is None or after is None:
        if _prose(old) or _prose(new):  # a phone number or a time is shown whole, not word by word
            return [(path, "changed", old, new, words(old, new))]
        return [(path, "changed", old, new, None)]
    found: list[tuple[str, str, Any, Any, Words | None]] = []
    for inner in dict.fromkeys([*before, *after]):
        if inner not in after:
            found.append((inner, "removed", before[inner], None, None))
        elif inner not in before:
            found.append((inner, "added", None, after[inner], None))
        else:
            found += _deep(before[inner], after[inner], inner)
    return found


def _children(old: Any, new: Any, path: str) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """Both values' parts by their paths: mappings by key, lists of items with ids by id, else by place."""
    by_id = _has_ids(old) and _has_ids(new)

    def parts(value: Any) -> dict[str, Any]:
        if isinstance(value, dict):
            return {f"{path}.{key}" if path else str(key): item for key, item in value.items()}
        if by_id:
            return {f"{path}[{item['id']}]": item for item in value}
        return {f"{path}[{index}]": item for index, item in enumerate(value)}

    if (isinstance(old, dict) and isinstance(new, dict)) or (isinstance(old, list) and isinstance(new, list)):
        return parts(old), parts(new)
    return None, None


def _indicators(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[Change]:
    before = {item["id"]: item for item in old}
    after = {item["id"]: item for item in new}
    removed = [k for k in before if k not in after]
    added = [k for k in after if k not in before]
    pairs = [(k, k) for k in after if k in before]
    for old_id in list(removed):
        match = _renamed(before[old_id], [after[k] for k in added])
        if match is not None:
            removed.remove(old_id)
            added.remove(match)
            pairs.append((old_id, match))
    changes = [
        Change("indicators", "removed", k, "", _where(before[k]) | {"text": before[k]["text"]})
        for k in removed
    ]
    changes += [
        Change("indicators", "added", k, "", None, _where(after[k]) | {"text": after[k]["text"]})
        for k in added
    ]
    for old_id, new_id in pairs:
        a, b = before[old_id], after[new_id]
        if old_id != new_id:
            changes.append(Change("indicators", "renamed", new_id, "id", old_id, new_id))
        if a["level"] != b["level"]:
            changes.append(Change("indicators", "moved-level", new_id, "level", a["level"], b["level"]))
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
        for path, kind, x, y, w in _deep(rest_a, rest_b, ""):
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
