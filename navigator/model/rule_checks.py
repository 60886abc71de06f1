"""Checks on the decision rules beyond the schema: they must make sense for the data they refer to."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

Found = Iterator[tuple[tuple[str | int, ...], str, str]]


def rule_problems(document: dict[str, Any]) -> Found:
    """Rules that the decision module could not apply as written (references are checked elsewhere)."""
    rules = document.get("rules")
    if not rules:
        return
    questions = {question["id"]: question for question in document.get("questions", [])}
    yield from _method(rules)
    yield from _levels(rules.get("levels", []))
    yield from _immediate_danger(document, rules["immediate_danger"])
    for key in ("significant_harm", "crime_suspected"):
        for number, question in enumerate(rules.get(key, {}).get("questions", [])):
            if question in questions and questions[question]["type"] != "boolean":
                yield (
                    ("rules", key, "questions", number),
                    f"question '{question}' must be a yes/no question",
                    "error",
                )
    for index, rule in enumerate(rules.get("answers", [])):
        path = ("rules", "answers", index)
        yield from _condition(path, rule, questions)
        for number, condition in enumerate(rule.get("requires", [])):
            yield from _condition((*path, "requires", number), condition, questions)
    seen: set[str] = set()
    for index, note in enumerate(rules.get("flag_notes", [])):
        if note["id"] in seen:
            yield ("rules", "flag_notes", index, "id"), f"flag note id '{note['id']}' is used twice", "error"
        seen.add(note["id"])


def _method(rules: Mapping[str, Any]) -> Found:
    if rules["method"] == "indicators":
        for key in ("levels", "default_level"):
            if key not in rules:
                yield ("rules", "method"), f"method 'indicators' needs rules.{key}", "error"
    elif not rules.get("answers"):
        yield ("rules", "method"), "method 'answers' needs rules.answers", "error"


def _levels(levels: list[dict[str, Any]]) -> Found:
    previous = None
    for index, rule in enumerate(levels):
        if previous is not None and rule["level"] >= previous:
            yield ("rules", "levels", index, "level"), "level rules go from the highest level down", "error"
        previous = rule["level"]
        otherwise = rule.get("otherwise")
        if otherwise and otherwise["level"] >= rule["level"]:
            message = f"otherwise.level must be below {rule['level']}"
            yield ("rules", "levels", index, "otherwise", "level"), message, "error"
        if otherwise and rule["at_least"] < 2:
            yield ("rules", "levels", index, "at_least"), "otherwise needs at_least of 2 or more", "error"


def _immediate_danger(document: dict[str, Any], danger: Mapping[str, Any]) -> Found:
    if "route" not in danger:
        return
    routes = {route["id"]: route for route in document.get("routes", [])}
    contacts = {contact["id"]: contact for contact in document.get("contacts", [])}
    route = routes.get(danger["route"])
    if route is None:
        return
    path = ("rules", "immediate_danger", "route")
    if route["kind"] != "immediate_danger":
        yield path, f"route '{route['id']}' is of kind {route['kind']}, not immediate_danger", "error"
    phones = [contacts[c].get("phone") for c in route.get("contacts", []) if c in contacts]
    if "999" not in phones:
        yield path, f"route '{route['id']}' has no contact with phone 999", "error"


def _condition(path: tuple[str | int, ...], rule: Mapping[str, Any], questions: Mapping[str, Any]) -> Found:
    question = questions.get(rule["question"])
    if question is None:
        return
    kind = question["type"]
    ranged = "minimum" in rule or "maximum" in rule
    if kind == "number":
        if "equals" in rule or not ranged:
            yield path, f"question '{question['id']}' is a number: give minimum and/or maximum", "error"
    elif ranged or "equals" not in rule:
        yield path, f"question '{question['id']}' is {kind}: give equals, not minimum/maximum", "error"
    elif kind == "boolean" and not isinstance(rule["equals"], bool):
        yield (
            (*path, "equals"),
            f"question '{question['id']}' is yes/no: equals must be true or false",
            "error",
        )
    elif kind == "choice":
        values = [choice["value"] for choice in question.get("choices", [])]
        if rule["equals"] not in values:
            message = (
                f"'{rule['equals']}' is not a choice of '{question['id']}' ({', '.join(map(str, values))})"
            )
            yield (*path, "equals"), message, "error"
