"""Placeholders left by `thresholds new`: each one a warning, so `validate --strict` refuses the folder.

The marker is the word "placeholder" in the one form each kind of value allows: text starts with
`PLACEHOLDER:`, ids and file names (lower-case words joined by hyphens) start with `placeholder-`, and a
phone number (digits only, by the schema) is 00000 000000, which no UK number can be (00 dials abroad).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from navigator.model.problems import KeyPath, Problem, key_text
from navigator.model.yaml_positions import load_yaml_file

MARKER = "PLACEHOLDER:"
ID_MARKER = "placeholder-"
PHONE = "00000 000000"
Found = Iterator[tuple[KeyPath, str, str]]


def is_placeholder(value: object) -> bool:
    """Whether value is text the policy group must still replace."""
    return isinstance(value, str) and (MARKER in value or value.startswith(ID_MARKER) or value == PHONE)


def placeholder_warnings(document: dict[str, Any]) -> Found:
    """Every placeholder value in a partnership document, as (key path, message, "warning")."""
    for path, value in strings(document):
        if is_placeholder(value):
            yield path, _message(value), "warning"


def file_placeholders(path: Path) -> list[Problem]:
    """Every placeholder in a YAML file outside the document (scenarios.yaml), as located warnings."""
    if not path.exists():
        return []
    loaded = load_yaml_file(path)
    return [
        Problem(loaded.position(key_path), key_text(key_path), _message(value), "warning")
        for key_path, value in strings(loaded.data)
        if is_placeholder(value)
    ]


def _message(value: str) -> str:
    if MARKER in value:
        return f"placeholder: {value.partition(MARKER)[2].strip()}"
    if value == PHONE:
        return f"placeholder: {PHONE} stands for a phone number: give the real one"
    return f"placeholder: '{value}' stands for an id or file name: give the real one"


def strings(value: Any, path: KeyPath = ()) -> Iterator[tuple[KeyPath, str]]:
    """Every text value (not mapping keys: references to ids are checked elsewhere) with its key path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, (*path, index))
