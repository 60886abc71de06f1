"""Problems found in threshold data, each pointing at a file, line, column and key."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]
KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Position:
    """Where a value starts in a YAML file (line and column count from 1)."""

    file: Path
    line: int
    column: int


@dataclass(frozen=True)
class Problem:
    """One error or warning, printed as `file:line:column: key: message`."""

    position: Position
    key: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{display_path(self.position.file)}:{self.position.line}:{self.position.column}"
        label = "" if self.severity == "error" else "warning: "
        return f"{where}: {self.key or '(file)'}: {label}{self.message}"


class DataError(Exception):
    """Raised when threshold data cannot be used; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


def key_text(path: KeyPath) -> str:
    """Render a key path as `indicators[3].domain`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def display_path(path: Path) -> str:
    """Show a path relative to the working directory when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
