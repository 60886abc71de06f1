"""A table as the document holds it: cells with their place, spans, items and images.

Every reader turns its format into these, so levels, domains and indicators are read once (reading.py)
and every message can say table, row and column in the document's own terms (counted from 1).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# Characters that only mark a list item when they open a line: bullets typed (• ◦ ▪ ▫ ● ○ ■ □ ‣ ∙ ·, the
# hyphen bullet U+2043) and Word's Symbol- and Wingdings-font bullets (private use).
# Dashes are not among them: a dash may be the document's own words.
BULLETS = "\u2022\u25e6\u25aa\u25ab\u25cf\u25cb\u25a0\u25a1\u2023\u2043\u2219\u00b7\uf0b7\uf0a7\uf076\uf0d8"


@dataclass(frozen=True)
class Cell:
    """One cell where it starts (row, column) and how far it spans, with its items in order."""

    row: int
    column: int
    items: tuple[str, ...]
    rows: int = 1
    columns: int = 1
    images: int = 0
    tables: int = 0

    @property
    def text(self) -> str:
        """The items joined by spaces: how a heading cell reads."""
        return " ".join(self.items)

    @property
    def merged(self) -> bool:
        """Whether the cell spans more than one row or column."""
        return self.rows > 1 or self.columns > 1


@dataclass(frozen=True)
class Table:
    """A table, numbered in document order, as its cells."""

    number: int
    cells: tuple[Cell, ...]

    def grid(self) -> dict[tuple[int, int], Cell]:
        """Each (row, column) slot, counted from 0, mapped to the cell that covers it."""
        slots: dict[tuple[int, int], Cell] = {}
        for cell in self.cells:
            for row in range(cell.row - 1, cell.row - 1 + cell.rows):
                for column in range(cell.column - 1, cell.column - 1 + cell.columns):
                    slots.setdefault((row, column), cell)
        return slots


@dataclass(frozen=True)
class Finding:
    """Something a person must look at in the document, and where."""

    message: str
    table: int | None = None
    row: int | None = None
    column: int | None = None

    def where(self) -> str:
        """'table 1, row 3, column 2' (as much of it as is known)."""
        parts = [
            f"{name} {value}"
            for name, value in (("table", self.table), ("row", self.row), ("column", self.column))
            if value is not None
        ]
        return ", ".join(parts)

    def said(self, source: Path, label: str = "") -> str:
        """`FILE: table 1, row 3, column 2: LABEL MESSAGE` (the place left out when there is none)."""
        where = self.where()
        return f"{source.name}: {where + ': ' if where else ''}{label}{self.message}"

    def line(self, source: Path) -> str:
        """The finding as printed, as validate prints its warnings."""
        return self.said(source, "warning: ")


class DocumentError(Exception):
    """Nothing can be imported; the message names the file and, where known, table, row and column."""


def item_text(text: str) -> str:
    """An item word for word, less the whitespace around it and a bullet that is only list markup."""
    text = text.strip()
    while text and text[0] in BULLETS:
        text = text[1:].strip()
    return text


def items_of(paragraphs: list[str]) -> tuple[str, ...]:
    """The non-empty items of a cell: each paragraph, split at line breaks, trimmed."""
    lines = (line for paragraph in paragraphs for line in paragraph.splitlines())
    return tuple(item for item in map(item_text, lines) if item)
