"""Read a scenario (plain JSON data) against a prepared partnership: one clear error naming the field."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from navigator.decision.partnership import Prepared

BOOLEAN_FLAGS = ("immediate_danger", "significant_harm_suspected", "crime_suspected")
CHOICE_FLAGS: dict[str, tuple[str, ...]] = {
    "consent": ("given", "refused", "not_asked", "would_increase_risk"),
    "early_help_assessment": ("none", "completed"),
    "team_around_family": ("none", "in_progress", "not_achieved"),
}
SCENARIO_KEYS = ("partnership", "area", "indicators", "answers", "flags", "now")


class ScenarioError(ValueError):
    """A scenario that cannot be assessed; str() is one line naming the field."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message


@dataclass(frozen=True)
class Scenario:
    """A checked scenario: ids known, answers and flags of the right types, `None` meaning not given."""

    partnership: str
    area: str | None = None
    indicators: tuple[str, ...] = ()
    answers: Mapping[str, Any] = field(default_factory=dict)
    flags: Mapping[str, Any] = field(default_factory=dict)
    now: dt.datetime | None = None

    def flag(self, name: str) -> Any:
        return self.flags.get(name)


def read_scenario(raw: Any, partnerships: Mapping[str, Prepared]) -> tuple[Prepared, Scenario]:
    """Check raw against the partnership it names; raise ScenarioError for the first problem found."""
    if not isinstance(raw, dict):
        raise ScenarioError("scenario", f"expected a JSON object, got {_kind(raw)}")
    for key in raw:
        if key not in SCENARIO_KEYS:
            raise ScenarioError(
                f"scenario.{key}", f"unknown field; the fields are {', '.join(SCENARIO_KEYS)}"
            )
    if "partnership" not in raw:
        raise ScenarioError("scenario.partnership", "missing; name the partnership id")
    name = raw["partnership"]
    if not isinstance(name, str) or name not in partnerships:
        known = ", ".join(sorted(partnerships))
        raise ScenarioError("scenario.partnership", f"unknown partnership {name!r}; known: {known}")
    partnership = partnerships[name]
    return partnership, Scenario(
        partnership=name,
        area=_area(raw.get("area"), partnership),
        indicators=_indicators(raw.get("indicators"), partnership),
        answers=_answers(raw.get("answers"), partnership),
        flags=_flags(raw.get("flags")),
        now=_now(raw.get("now")),
    )


def _area(value: Any, partnership: Prepared) -> str | None:
    if value is None:
        only = list(partnership.areas)
        return only[0] if len(only) == 1 else None
    if value not in partnership.areas:
        known = ", ".join(partnership.areas)
        raise ScenarioError("scenario.area", f"unknown area {value!r} for {partnership.id}; known: {known}")
    return str(value)


def _indicators(value: Any, partnership: Prepared) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ScenarioError("scenario.indicators", f"expected a list of indicator ids, got {_kind(value)}")
    chosen: list[str] = []
    for index, item in enumerate(value):
        if not isinstance(item, str) or item not in partnership.indicators:
            raise ScenarioError(
                f"scenario.indicators[{index}]", f"unknown indicator {item!r} for {partnership.id}"
            )
        if item not in chosen:
            chosen.append(item)
    return tuple(chosen)


def _answers(value: Any, partnership: Prepared) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ScenarioError(
            "scenario.answers", f"expected an object of question id: answer, got {_kind(value)}"
        )
    answers: dict[str, Any] = {}
    for key, answer in value.items():
        where = f"scenario.answers.{key}"
        question = partnership.questions.get(key)
        if question is None:
            known = ", ".join(partnership.questions) or "none"
            raise ScenarioError(where, f"unknown question for {partnership.id}; its questions: {known}")
        if answer is not None:
            answers[key] = _answer(where, question, answer)
    return answers


def _answer(where: str, question: Mapping[str, Any], answer: Any) -> Any:
    kind = question["type"]
    if kind == "boolean":
        if not isinstance(answer, bool):
            raise ScenarioError(where, f"expected true or false, got {_kind(answer)}")
        return answer
    if kind == "number":
        if isinstance(answer, bool) or not isinstance(answer, int | float) or not math.isfinite(answer):
            raise ScenarioError(where, f"expected a number, got {_kind(answer)}")
        if "minimum" in question and answer < question["minimum"]:
            raise ScenarioError(where, f"must be at least {question['minimum']}, got {answer}")
        return answer
    values = [choice["value"] for choice in question.get("choices", [])]
    if answer not in values:
        raise ScenarioError(where, f"expected one of {', '.join(map(str, values))}, got {answer!r}")
    return answer


def _flags(value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ScenarioError("scenario.flags", f"expected an object, got {_kind(value)}")
    flags: dict[str, Any] = {}
    for key, flag in value.items():
        where = f"scenario.flags.{key}"
        if flag is None:
            continue
        if key in BOOLEAN_FLAGS:
            if not isinstance(flag, bool):
                raise ScenarioError(where, f"expected true or false, got {_kind(flag)}")
        elif key in CHOICE_FLAGS:
            if flag not in CHOICE_FLAGS[key]:
                raise ScenarioError(where, f"expected one of {', '.join(CHOICE_FLAGS[key])}, got {flag!r}")
        else:
            known = ", ".join((*BOOLEAN_FLAGS, *CHOICE_FLAGS))
            raise ScenarioError(where, f"unknown flag; the flags are {known}")
        flags[key] = flag
    return flags


def _now(value: Any) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            pass
    raise ScenarioError(
        "scenario.now", f"expected an ISO date and time such as 2026-11-23T10:30, got {value!r}"
    )


def _kind(value: Any) -> str:
    names = {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "an object",
    }
    return "null" if value is None else names.get(type(value), type(value).__name__)
