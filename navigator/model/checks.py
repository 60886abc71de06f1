"""Checks the schema cannot express: unique ids, references that resolve, the declared levels, dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

from navigator.model.harm_review import review_problems
from navigator.model.levels import level_problems
from navigator.model.placeholders import placeholder_warnings
from navigator.model.problems import KeyPath, Position, Problem, key_text
from navigator.model.references import reference_problems
from navigator.model.rule_checks import rule_problems
from navigator.model.service_checks import (
    child_protection_problems,
    conflict_warnings,
    hours_problems,
    review_date_problems,
)

Locate = Callable[[KeyPath, bool], Position]
# Collections whose items carry an `id` that must be unique within the partnership.
ID_COLLECTIONS = (
    "areas",
    "domain_groups",
    "domains",
    "indicators",
    "questions",
    "contacts",
    "routes",
    "caveats",
    "guidance",
    "processes",
    "checklists",
    "conflicts",
)


def semantic_problems(document: dict[str, Any], locate: Locate, today: dt.date) -> list[Problem]:
    """Every semantic error and warning in a schema-valid partnership document."""
    found: list[tuple[KeyPath, str, str]] = [
        *_unique_ids(document),
        *level_problems(document),
        *reference_problems(document, ID_COLLECTIONS),
        *_sources(document),
        *hours_problems(document),
        *child_protection_problems(document),
        *rule_problems(document),
        *review_problems(document),
        *review_date_problems(document, today),
        *conflict_warnings(document),
        *placeholder_warnings(document),
    ]
    return [
        Problem(locate(path, False), key_text(path), message, severity)  # type: ignore[arg-type]
        for path, message, severity in found
    ]


def _items(document: dict[str, Any], collection: str) -> Iterator[tuple[KeyPath, dict[str, Any]]]:
    for index, item in enumerate(document.get(collection, [])):
        yield (collection, index), item


def _unique_ids(document: dict[str, Any]) -> Iterator[tuple[KeyPath, str, str]]:
    for collection in ID_COLLECTIONS:
        first_seen: dict[str, int] = {}
        for path, item in _items(document, collection):
            if item["id"] in first_seen:
                earlier = f"{collection}[{first_seen[item['id']]}]"
                yield (*path, "id"), f"duplicate id '{item['id']}' (also used by {earlier})", "error"
            first_seen.setdefault(item["id"], path[1])  # type: ignore[arg-type]
    for path, process in _items(document, "processes"):
        node_ids = [node["id"] for node in process["nodes"]]
        for index, node_id in enumerate(node_ids):
            if node_id in node_ids[:index]:
                yield (*path, "nodes", index, "id"), f"duplicate node id '{node_id}'", "error"


def _sources(document: dict[str, Any]) -> Iterator[tuple[KeyPath, str, str]]:
    """Every `source.document` names one of partnership.sources."""
    documents = {source["id"] for source in document["partnership"]["sources"]}

    def walk(value: Any, path: KeyPath) -> Iterator[tuple[KeyPath, str, str]]:
        if isinstance(value, dict):
            source = value.get("source")
            if isinstance(source, dict) and source.get("document") not in documents:
                known = ", ".join(sorted(documents))
                message = f"unknown source document {source.get('document')!r} (known: {known})"
                yield (*path, "source", "document"), message, "error"
            for key, item in value.items():
                yield from walk(item, (*path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from walk(item, (*path, index))

    yield from walk(document, ())
