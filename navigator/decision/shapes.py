"""The small shapes an assessment is made of: reasons, urgent lines, notes, action items, prose."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

Json = dict[str, Any]


def prose(paragraphs: list[Any]) -> Iterator[tuple[str, bool]]:
    """(text, is a bullet) for each paragraph and bullet of a prose list."""
    for paragraph in paragraphs:
        if isinstance(paragraph, str):
            yield paragraph, False
        else:
            yield from ((bullet, True) for bullet in paragraph["bullets"])


def reason(**fields: Any) -> Json:
    """One reason for the suggestion: an indicator, a flag or an answer."""
    shaped: Json = {
        "indicator": None,
        "text": "",
        "level": None,
        "domain": None,
        "domain_name": None,
        "placement": None,
        "significant_harm": False,
        "flag": None,
        "question": None,
        "answer": None,
        "answer_label": None,
        "source": None,
    }
    shaped.update(fields)
    return shaped


def urgent_entry(instruction: str, kind: str, **fields: Any) -> Json:
    """One urgent line: what to do, the number, and whether any of it is our reading."""
    entry: Json = {
        "instruction": instruction,
        "phone": None,
        "kind": kind,
        "area": None,
        "contact": None,
        "name": None,
        "follow_up": None,
        "note": None,
        "reading": None,
        "hours": None,
        "out_of_hours": None,
        "source": None,
    }
    entry.update(fields)
    return entry


def note(kind: str, text: str, source: Any = None, **extra: Any) -> Json:
    """A note on the result; source None means our words."""
    return {"kind": kind, "text": text, "source": source, **extra}


def items(
    heading: str, paragraphs: list[Any], area: str | None, source: Any, route: str | None = None
) -> list[Json]:
    """Action items, one per paragraph or bullet, under a heading (and the route they quote, if any)."""
    return [
        {"heading": heading, "text": text, "bullet": bullet, "area": area, "route": route, "source": source}
        for text, bullet in prose(paragraphs)
    ]


def answer_label(question: Mapping[str, Any], answer: Any) -> str:
    """An answer as a person reads it: yes/no, a choice's label, or a number with its unit."""
    if isinstance(answer, bool):
        return "yes" if answer else "no"
    for choice in question.get("choices", []):
        if choice["value"] == answer:
            return str(choice["label"])
    unit = question.get("unit")
    return f"{answer:g} {unit}" if unit and isinstance(answer, int | float) else str(answer)


def matches(rule: Mapping[str, Any], answers: Mapping[str, Any]) -> bool:
    """An answers-rule condition: equals, or a minimum / maximum for numbers."""
    if rule["question"] not in answers:
        return False
    answer = answers[rule["question"]]
    if "equals" in rule:
        expected = rule["equals"]
        if isinstance(answer, bool) != isinstance(expected, bool) or answer != expected:
            return False
    if "minimum" in rule and answer < rule["minimum"]:
        return False
    return not ("maximum" in rule and answer > rule["maximum"])
