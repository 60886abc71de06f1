"""Every reference from one item to another resolves: a table of where references live and what they name."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from navigator.model.problems import KeyPath

Found = Iterator[tuple[KeyPath, str, str]]
ANY = "*"  # any list item, or any value of a mapping
KEY = "{key}"  # the keys of a mapping
# (where the reference is, the collection whose ids it names)
REFERENCES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("indicators", ANY, "domain"), "domains"),
    (("indicators", ANY, "level"), "levels"),
    (("indicators", ANY, "question"), "questions"),
    (("domains", ANY, "group"), "domain_groups"),
    (("questions", ANY, "domain"), "domains"),
    (("contacts", ANY, "area"), "areas"),
    (("routes", ANY, "area"), "areas"),
    (("routes", ANY, "contacts", ANY), "contacts"),
    (("guidance", ANY, "area"), "areas"),
    (("processes", ANY, "area"), "areas"),
    (("levels", ANY, "steps", KEY), "areas"),
    (("levels", ANY, "steps", ANY, "contacts", ANY), "contacts"),
    (("levels", ANY, "wordings", ANY, "area"), "areas"),
    (("rules", "immediate_danger", "route"), "routes"),
    (("rules", "significant_harm", "level"), "levels"),
    (("rules", "significant_harm", "indicators", ANY), "indicators"),
    (("rules", "significant_harm", "review", ANY, "indicator"), "indicators"),
    (("rules", "significant_harm", "questions", ANY), "questions"),
    (("rules", "default_level"), "levels"),
    (("rules", "levels", ANY, "level"), "levels"),
    (("rules", "levels", ANY, "otherwise", "level"), "levels"),
    (("rules", "answers", ANY, "question"), "questions"),
    (("rules", "answers", ANY, "requires", ANY, "question"), "questions"),
    (("rules", "answers", ANY, "indicator"), "indicators"),
    (("rules", "answers", ANY, "level"), "levels"),
    (("rules", "crime_suspected", "questions", ANY), "questions"),
    (("rules", "crime_suspected", "guidance"), "guidance"),
    (("rules", "next_steps", ANY, "levels", ANY), "levels"),
    (("rules", "next_steps", ANY, "route"), "routes"),
    (("rules", "next_steps", ANY, "guidance"), "guidance"),
    (("rules", "next_steps", ANY, "checklist"), "checklists"),
    (("rules", "flag_notes", ANY, "when", "areas", ANY), "areas"),
    (("rules", "flag_notes", ANY, "when", "levels", ANY), "levels"),
)
CONFLICT_KINDS = {
    "contact": "contacts",
    "route": "routes",
    "level": "levels",
    "indicator": "indicators",
    "process": "processes",
    "area": "areas",
    "guidance": "guidance",
    "checklist": "checklists",
    "consent": "consent situations",
    "flag_note": "flag notes",
}


def reference_problems(document: dict[str, Any], id_collections: tuple[str, ...]) -> Found:
    """Unknown domains, levels, areas, contacts, questions, process nodes and conflict targets."""
    known = {name: {item["id"] for item in document.get(name, [])} for name in id_collections}
    known["levels"] = {level["level"] for level in document["levels"]}
    known["consent situations"] = {s["id"] for s in (document.get("consent") or {}).get("situations", [])}
    known["flag notes"] = {note["id"] for note in document.get("rules", {}).get("flag_notes", [])}
    for pattern, collection in REFERENCES:
        for path, value in _find(document, pattern, ()):
            yield from _check(path, value, known[collection], collection.rstrip("s").replace("_", " "))
    for index, process in enumerate(document.get("processes", [])):
        nodes = {node["id"] for node in process["nodes"]}
        for path, value in _find(process, ("nodes", ANY, "next", ANY, "to"), ("processes", index)):
            yield from _check(path, value, nodes, "node")
    for index, conflict in enumerate(document.get("conflicts", [])):
        for number, affected in enumerate(conflict["affects"]):
            if affected["kind"] in CONFLICT_KINDS:
                path = ("conflicts", index, "affects", number, "id")
                choices = known[CONFLICT_KINDS[affected["kind"]]]
                yield from _check(path, affected["id"], choices, affected["kind"])


def _check(path: KeyPath, value: Any, choices: set[Any], what: str) -> Found:
    if value not in choices:
        listed = ", ".join(map(str, sorted(choices, key=str)))
        yield path, f"unknown {what} {value!r} (known: {listed})", "error"


def _find(value: Any, pattern: tuple[str, ...], path: KeyPath) -> Iterator[tuple[KeyPath, Any]]:
    """The values (and their paths) that a pattern of keys, ANY and KEY reaches from value."""
    if not pattern:
        yield path, value
        return
    head, rest = pattern[0], pattern[1:]
    if head == KEY and isinstance(value, dict):
        yield from (((*path, key), key) for key in value)
    elif head == ANY and isinstance(value, list):
        for index, item in enumerate(value):
            yield from _find(item, rest, (*path, index))
    elif head == ANY and isinstance(value, dict):
        for key, item in value.items():
            yield from _find(item, rest, (*path, key))
    elif isinstance(value, dict) and head in value:
        yield from _find(value[head], rest, (*path, head))
