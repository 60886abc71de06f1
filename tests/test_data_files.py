"""Every YAML file under thresholds/ names the schema for editors and says what its fields are."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from navigator.model.schema import SCHEMA_PATH
from tests.conftest import THRESHOLDS

DATA_FILES = sorted(THRESHOLDS.glob("*/*.yaml"))


def test_there_is_data() -> None:
    assert len(DATA_FILES) >= 5


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_file_names_schema_and_starts_with_a_comment(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    schema = "scenarios" if path.name == "scenarios.yaml" else "partnership"
    assert lines[0] == f"# yaml-language-server: $schema=../schema/{schema}.schema.json"
    assert lines[1].startswith("# ")
    assert len(lines[1]) > 20


def test_schema_is_draft_2020_12_and_has_the_whole_document() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert {
        "partnership",
        "areas",
        "levels",
        "domains",
        "indicators",
        "contacts",
        "routes",
        "consent",
        "questions_to_consider",
        "principles",
        "glossary",
        "processes",
        "rules",
        "conflicts",
    } <= set(schema["properties"])
