"""Check data against thresholds/schema/partnership.schema.json and explain each failure in plain words."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match
from referencing import Registry, Resource

from navigator.model.problems import KeyPath, Position, Problem, key_text

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "thresholds" / "schema" / "partnership.schema.json"
SCENARIOS_SCHEMA_PATH = SCHEMA_PATH.with_name("scenarios.schema.json")
Locate = Callable[[KeyPath, bool], Position]
_JSON_TYPES = {
    dict: "a mapping",
    list: "a list",
    str: "text",
    bool: "true/false",
    int: "a whole number",
    float: "a number",
    type(None): "nothing (null)",
}


@cache
def validators() -> tuple[Draft202012Validator, Draft202012Validator]:
    """The validator for one file and the one for a whole merged partnership document."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    registry: Registry[Any] = Registry().with_resource(schema["$id"], Resource.from_contents(schema))
    whole = {"$ref": f"{schema['$id']}#/$defs/partnership_document"}
    return Draft202012Validator(schema, registry=registry), Draft202012Validator(whole, registry=registry)


@cache
def scenarios_validator() -> Draft202012Validator:
    """The validator for a partnership's golden scenarios file (scenarios.yaml)."""
    return Draft202012Validator(json.loads(SCENARIOS_SCHEMA_PATH.read_text(encoding="utf-8")))


def schema_problems(validator: Draft202012Validator, instance: Any, locate: Locate) -> list[Problem]:
    """Every schema failure in instance, as problems located by key path."""
    problems = {
        Problem(locate(path, of_key), key_text(key), message)
        for error in validator.iter_errors(instance)
        for path, of_key, key, message in _explain(_most_specific(error))
    }
    return sorted(
        problems, key=lambda problem: (str(problem.position.file), problem.position.line, problem.key)
    )


def _most_specific(error: ValidationError) -> ValidationError:
    """For oneOf/anyOf failures, the alternative that came closest (jsonschema's best match)."""
    while error.validator in {"oneOf", "anyOf"} and error.context:
        if error.validator == "anyOf" and all(sub.validator == "required" for sub in error.context):
            return error
        error = best_match(error.context)
    return error


def _explain(error: ValidationError) -> Iterator[tuple[KeyPath, bool, KeyPath, str]]:
    """(where to point, point at the key?, the key path to name, message) for one failure."""
    path: KeyPath = tuple(error.absolute_path)
    value, rule = error.instance, error.validator
    limit: Any = error.validator_value
    schema: Any = error.schema
    if rule == "required":
        for name in limit:
            if isinstance(value, dict) and name not in value:
                yield path, False, (*path, name), f"missing required key '{name}'"
    elif rule == "additionalProperties" and isinstance(value, dict):
        allowed = sorted(schema.get("properties", {}))
        for name in sorted(set(value) - set(allowed)):
            yield (
                (*path, name),
                True,
                (*path, name),
                f"unknown key '{name}' (allowed here: {', '.join(allowed)})",
            )
    elif rule == "anyOf":
        options = ", ".join(sub.validator_value[0] for sub in error.context)  # type: ignore[index]
        yield path, False, path, f"needs at least one of: {options}"
    else:
        yield path, False, path, _sentence(str(rule), value, limit, schema) or str(error.message)


def _expected(names: str | list[str]) -> str:
    words = {
        "object": "a mapping",
        "array": "a list",
        "string": "text",
        "boolean": "true/false",
        "integer": "a whole number",
        "number": "a number",
        "null": "nothing",
    }
    return " or ".join(words.get(name, name) for name in ([names] if isinstance(names, str) else names))


def _sentence(rule: str, value: Any, limit: Any, schema: Any) -> str | None:
    """A plain-English sentence for the common schema rules (None: use jsonschema's own message)."""
    hint = schema.get("x-message", f"it must match {limit}") if isinstance(schema, dict) else ""
    plural = "" if limit == 1 else "s"
    sentences: dict[str, Callable[[], str]] = {
        "type": lambda: f"expected {_expected(limit)}, got {_JSON_TYPES.get(type(value), '?')}",
        "pattern": lambda: f"{value!r} is not valid: {hint}",
        "enum": lambda: f"{value!r} is not one of: {', '.join(repr(option) for option in limit)}",
        "maximum": lambda: f"{value!r} is above the maximum {limit}",
        "minimum": lambda: f"{value!r} is below the minimum {limit}",
        "minItems": lambda: f"must list at least {limit} item{plural}",
        "minLength": lambda: "must not be empty",
        "uniqueItems": lambda: "must not repeat an item",
    }
    return sentences[rule]() if rule in sentences else None
