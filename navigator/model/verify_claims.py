"""What the data claims a source says, and what it marks as our own reading: a table of where each lives.

Only fields that the schema or the data files' headers call the source's words are claims; names, titles
we chose, notes, ids and classifications are ours and are not looked up (they are never shown as the
source's words). Readings are the fields the data marks as ours (`reading`, `out_of_hours`, the harm
review's decisions, an instruction or level note in our words, a note opening "Our reading" or "Our
words"): they are listed apart so that nothing of ours is ever counted as verified.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from navigator.model.problems import KeyPath

Kind = Literal["text", "phone", "email", "address", "hours"]
ANY = "*"  # any list item, or any value of a mapping
PROSE = "{prose}"  # a prose list: its paragraphs and the items of its bullet lists
_LEVEL_TABLE = ("referral_route", "needs", "suggested_services", "outcome")
# (where the claim is, what kind of claim it is)
CLAIMS: tuple[tuple[tuple[str, ...], Kind], ...] = (
    (("indicators", ANY, "text"), "text"),
    (("levels", ANY, "summary", "text"), "text"),
    (("levels", ANY, "description", "paragraphs", PROSE), "text"),
    (("levels", ANY, "wordings", ANY, "paragraphs", PROSE), "text"),
    (("levels", ANY, "indicators_intro", "text"), "text"),
    *((("levels", ANY, "threshold_table", cell, PROSE), "text") for cell in _LEVEL_TABLE),
    (("levels", ANY, "steps", ANY, "concern"), "text"),
    (("levels", ANY, "steps", ANY, "actions", ANY), "text"),
    (("levels", ANY, "steps", ANY, "follow_up", ANY), "text"),
    (("areas", ANY, "written_follow_up", "text"), "text"),
    (("areas", ANY, "flowchart", "title"), "text"),
    (("areas", ANY, "flowchart", "steps", ANY), "text"),
    (("contacts", ANY, "purpose"), "text"),
    (("contacts", ANY, "phone_as_written"), "text"),
    (("contacts", ANY, "online_form"), "text"),
    (("contacts", ANY, "post"), "text"),
    (("contacts", ANY, "phone"), "phone"),
    (("contacts", ANY, "email"), "email"),
    (("contacts", ANY, "url"), "address"),
    (("contacts", ANY, "hours", "text"), "hours"),
    (("routes", ANY, "title"), "text"),
    (("routes", ANY, "text", PROSE), "text"),
    (("routes", ANY, "follow_up", "text"), "text"),
    (("consent", "intro", PROSE), "text"),
    (("consent", "situations", ANY, "steps", ANY), "text"),
    *(
        ((name, part, PROSE), "text")
        for name in ("principles", "questions_to_consider")
        for part in ("intro", "after")
    ),
    *(((name, "items", ANY), "text") for name in ("principles", "questions_to_consider")),
    (("caveats", ANY, "text"), "text"),
    (("guidance", ANY, "paragraphs", PROSE), "text"),
    (("glossary", ANY, "definition"), "text"),
    (("processes", ANY, "intro", PROSE), "text"),
    (("processes", ANY, "nodes", ANY, "text"), "text"),
    (("processes", ANY, "nodes", ANY, "timescale"), "text"),
    (("checklists", ANY, "intro", PROSE), "text"),
    (("checklists", ANY, "sections", ANY, "title"), "text"),
    (("checklists", ANY, "sections", ANY, "items", ANY), "text"),
    (("rules", "significant_harm", "quote"), "text"),
    (("rules", "significant_harm", "if_suspected", "text"), "text"),
    (("rules", "levels", ANY, "quote"), "text"),
    (("rules", "combined_needs", "text"), "text"),
    (("rules", "flag_notes", ANY, "text"), "text"),
    (("conflicts", ANY, "readings", ANY, "text"), "text"),
)
# The golden scenarios' quotes (scenarios.yaml, a file of its own): based_on names the document itself.
SCENARIO_CLAIMS: tuple[tuple[str, ...], ...] = (("scenarios", ANY, "based_on", "quote"),)
READINGS: tuple[tuple[str, ...], ...] = (
    ("contacts", ANY, "reading"),
    ("contacts", ANY, "out_of_hours"),
    ("routes", ANY, "reading"),
    ("routes", ANY, "out_of_hours"),
    ("rules", "immediate_danger", "reading"),
    ("rules", "immediate_danger", "instruction"),
    ("rules", "significant_harm", "review", ANY),
)
OUR_WORDS = ("Our reading", "Our words")  # how a note that is a reading opens


@dataclass(frozen=True)
class Claim:
    """One value the data gives as the source's: where it is, what it is, and the source id it cites."""

    path: KeyPath
    kind: Kind
    text: str
    document: str | None


def claims(document: dict[str, Any]) -> Iterator[Claim]:
    """Every claim of a partnership document, each citing its nearest `source` (None when none is given)."""
    for pattern, kind in CLAIMS:
        for path, value in find(document, pattern):
            if isinstance(value, str):
                yield Claim(path, kind, value, cited(document, path))
    level_note = document.get("rules", {}).get("level_note", {})
    if "source" in level_note:  # our words unless it cites a source (the schema says so)
        yield Claim(
            ("rules", "level_note", "text"), "text", level_note["text"], level_note["source"]["document"]
        )


def scenario_claims(scenarios: Any) -> Iterator[Claim]:
    """The verbatim quotes of a scenarios.yaml, each citing its based_on.document."""
    for pattern in SCENARIO_CLAIMS:
        for path, value in find(scenarios, pattern):
            based_on = scenarios["scenarios"][path[1]]["based_on"]
            yield Claim(path, "text", value, based_on.get("document"))


def readings(document: dict[str, Any]) -> Iterator[tuple[KeyPath, str]]:
    """Every value the data marks as our reading, with its key path (a harm decision as its reason)."""
    for pattern in READINGS:
        for path, value in find(document, pattern):
            yield path, value["reason"] if isinstance(value, dict) else str(value)
    level_note = document.get("rules", {}).get("level_note", {})
    if level_note and "source" not in level_note:
        yield ("rules", "level_note", "text"), level_note["text"]
    for path, value in _notes(document, ()):
        if value.startswith(OUR_WORDS):
            yield path, value


def _notes(value: Any, path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "note" and isinstance(item, str):
                yield (*path, key), item
            else:
                yield from _notes(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _notes(item, (*path, index))


def cited(document: dict[str, Any], path: KeyPath) -> str | None:
    """The document id of the nearest `source` on the way from path up to the top, if any."""
    chain: list[Any] = [document]
    for part in path[:-1]:
        chain.append(chain[-1][part])
    for node in reversed(chain):
        if isinstance(node, dict) and isinstance(node.get("source"), dict):
            return str(node["source"]["document"])
    return None


def find(value: Any, pattern: tuple[str, ...], path: KeyPath = ()) -> Iterator[tuple[KeyPath, Any]]:
    """The values (and their key paths) that a pattern of keys, ANY and PROSE reaches from value."""
    if not pattern:
        yield path, value
        return
    head, rest = pattern[0], pattern[1:]
    if head == PROSE and isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield from find(item.get("bullets", []), (ANY, *rest), (*path, index, "bullets"))
            else:
                yield from find(item, rest, (*path, index))
    elif head == ANY and isinstance(value, list):
        for index, item in enumerate(value):
            yield from find(item, rest, (*path, index))
    elif head == ANY and isinstance(value, dict):
        for key, item in value.items():
            yield from find(item, rest, (*path, key))
    elif isinstance(value, dict) and head in value:
        yield from find(value[head], rest, (*path, head))
