"""Load one partnership folder: read its YAML files, merge them and validate the whole."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from navigator.model.checks import semantic_problems
from navigator.model.problems import DataError, KeyPath, Position, Problem
from navigator.model.schema import schema_problems, validators
from navigator.model.yaml_positions import LoadedFile, load_yaml_file

NOT_PARTNERSHIP_FILES = frozenset({"scenarios.yaml"})


@dataclass
class Partnership:
    """A partnership's merged document, with the file that holds each top-level key."""

    folder: Path
    document: dict[str, Any] = field(default_factory=dict)
    owners: dict[str, LoadedFile] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def id(self) -> str:
        """The partnership id from partnership.yaml."""
        return str(self.document["partnership"]["id"])

    def locate(self, path: KeyPath, of_key: bool = False) -> Position:
        """Where the value at path (a key path into the merged document) is written."""
        if path and path[0] in self.owners:
            return self.owners[str(path[0])].position(path, of_key=of_key)
        return Position(self._main_file(), 1, 1)

    def _main_file(self) -> Path:
        preferred = self.folder / "partnership.yaml"
        files = partnership_files(self.folder)
        return preferred if preferred in files or not files else files[0]


def partnership_files(folder: Path) -> list[Path]:
    """The YAML files that make up a partnership document (scenario files are separate)."""
    return sorted(path for path in folder.glob("*.yaml") if path.name not in NOT_PARTNERSHIP_FILES)


def load_partnership(folder: Path, today: dt.date) -> Partnership:
    """Read, merge and validate folder; raise DataError listing every error found."""
    partnership = Partnership(folder)
    files = partnership_files(folder)
    if not files:
        raise DataError([Problem(Position(folder, 1, 1), "", "no .yaml files in this partnership folder")])
    errors: list[Problem] = []
    file_validator, document_validator = validators()
    for path in files:
        try:
            loaded = load_yaml_file(path)
        except DataError as error:
            errors.extend(error.problems)
            continue
        if not isinstance(loaded.data, dict):
            errors.append(Problem(loaded.position(()), "", "the file must be a mapping of top-level keys"))
            continue
        errors.extend(schema_problems(file_validator, loaded.data, _locator(loaded)))
        errors.extend(_merge(partnership, loaded))
    if not errors:
        errors.extend(schema_problems(document_validator, partnership.document, partnership.locate))
    if not errors:
        problems = semantic_problems(partnership.document, partnership.locate, today)
        errors.extend(problem for problem in problems if problem.severity == "error")
        partnership.warnings = [problem for problem in problems if problem.severity == "warning"]
    if errors:
        raise DataError(errors)
    return partnership


def _locator(loaded: LoadedFile) -> Callable[[KeyPath, bool], Position]:
    def locate(path: KeyPath, of_key: bool) -> Position:
        return loaded.position(path, of_key=of_key)

    return locate


def _merge(partnership: Partnership, loaded: LoadedFile) -> list[Problem]:
    problems = []
    for key, value in loaded.data.items():
        if key in partnership.owners:
            first = partnership.owners[key].position((key,), of_key=True)
            message = (
                f"'{key}' is already given in {first.file.name} at line {first.line}; give it in one file"
            )
            problems.append(Problem(loaded.position((key,), of_key=True), key, message))
            continue
        partnership.owners[key] = loaded
        partnership.document[key] = value
    return problems
