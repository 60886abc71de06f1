"""Golden scenarios (thresholds/<id>/scenarios.yaml): load, check against the data, locate every problem."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from navigator.decision import Assessor, ScenarioError
from navigator.model.partnership import Partnership
from navigator.model.problems import DataError, KeyPath, Position, Problem
from navigator.model.schema import scenarios_validator, schema_problems
from navigator.model.yaml_positions import LoadedFile, load_yaml_file

SCENARIOS_FILE = "scenarios.yaml"
_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


@dataclass(frozen=True)
class Golden:
    """One golden scenario: the full scenario (with its partnership) and what the source leads to."""

    partnership: str
    name: str
    scenario: dict[str, Any]
    expect: dict[str, Any]
    position: Position


def scenarios_path(partnership: Partnership) -> Path:
    return partnership.folder / SCENARIOS_FILE


def load_scenarios(partnership: Partnership, assessor: Assessor) -> list[Golden]:
    """The partnership's golden scenarios, each assessable; DataError locating every problem."""
    path = scenarios_path(partnership)
    if not path.exists():
        return []
    loaded = load_yaml_file(path)

    def locate(key_path: KeyPath, of_key: bool = False) -> Position:
        return loaded.position(key_path, of_key=of_key)

    problems = schema_problems(scenarios_validator(), loaded.data, locate)
    if problems:
        raise DataError(problems)
    goldens: list[Golden] = []
    names: dict[str, int] = {}
    for index, item in enumerate(loaded.data["scenarios"]):
        where = ("scenarios", index)
        if item["name"] in names:
            message = f"scenario name {item['name']!r} is also used at line {names[item['name']]}"
            problems.append(Problem(locate((*where, "name")), f"scenarios[{index}].name", message))
        names[item["name"]] = locate((*where, "name")).line
        scenario = {"partnership": partnership.id, **item["scenario"]}
        problem = _assessable(assessor, scenario, loaded, where)
        if problem:
            problems.append(problem)
        goldens.append(Golden(partnership.id, item["name"], scenario, item["expect"], locate(where)))
    if problems:
        raise DataError(problems)
    return goldens


def _assessable(
    assessor: Assessor, scenario: dict[str, Any], loaded: LoadedFile, where: KeyPath
) -> Problem | None:
    try:
        assessor.assess(scenario)
    except ScenarioError as error:
        field_path = _field_path(error.field)
        key_path = (*where, "scenario", *field_path)
        position = loaded.position(key_path) if field_path else loaded.position((*where, "scenario"))
        key = f"scenarios[{where[1]}].scenario" + error.field.removeprefix("scenario")
        return Problem(position, key, error.message)
    return None


def _field_path(field: str) -> tuple[str | int, ...]:
    """`scenario.indicators[2]` -> ("indicators", 2)."""
    parts = [name or int(number) for name, number in _PART.findall(field)]
    return tuple(parts[1:])
