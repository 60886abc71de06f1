"""Tables from a web page: cells laid out with their colspan and rowspan, items from paragraphs and lists.

A cell's items are its block elements' texts (paragraphs, list items, divisions) and the lines its <br>s
separate, with HTML's whitespace collapsed (spaces, tabs and newlines, never a non-breaking space) and
nothing else changed: entities are decoded, curly quotes and dashes kept.
"""

from __future__ import annotations

import re
from pathlib import Path

from navigator.importing.html_tree import BLOCKS, Element, parse
from navigator.importing.table import Cell, DocumentError, Table, items_of

SPACES = re.compile(r"[ \t\n\r\f]+")


def read_html(path: Path) -> list[Table]:
    """Every table of the page that is not inside another table, in order."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DocumentError(f"{path.name}: not UTF-8 text (byte {error.start + 1})") from None
    tables = parse(text).elements("table")
    return [_table(number, table) for number, table in enumerate(tables, start=1)]


def _table(number: int, table: Element) -> Table:
    """The cells placed the way a browser places them: spans claim slots in the rows below."""
    taken: set[tuple[int, int]] = set()
    cells = []
    for row_index, row in enumerate(_rows(table)):
        column = 0
        for cell in _cells(row):
            while (row_index, column) in taken:
                column += 1
            rows, columns = _span(cell, "rowspan"), _span(cell, "colspan")
            taken.update(
                (row_index + down, column + across) for down in range(rows) for across in range(columns)
            )
            paragraphs, images, tables = _content(cell)
            cells.append(Cell(row_index + 1, column + 1, items_of(paragraphs), rows, columns, images, tables))
            column += columns
    return Table(number, tuple(cells))


def _rows(table: Element) -> list[Element]:
    """The table's own rows, inside sections or not (never those of a table in a cell)."""
    rows: list[Element] = []
    for child in table.children:
        if isinstance(child, Element) and child.tag == "tr":
            rows.append(child)
        elif isinstance(child, Element) and child.tag in ("thead", "tbody", "tfoot"):
            rows.extend(_rows(child))
    return rows


def _cells(row: Element) -> list[Element]:
    return [child for child in row.children if isinstance(child, Element) and child.tag in ("td", "th")]


def _span(cell: Element, name: str) -> int:
    """A span attribute as browsers read it: its leading digits, at least 1 (0 and junk count as 1)."""
    digits = re.match(r"\s*(\d+)", cell.attributes.get(name, ""))
    return max(1, min(int(digits[1]), 1000)) if digits else 1


def _content(cell: Element) -> tuple[list[str], int, int]:
    """The cell's items as text (whitespace collapsed), its images and the tables inside it."""
    items: list[str] = [""]
    images = tables = 0

    def walk(element: Element) -> None:
        nonlocal images, tables
        for child in element.children:
            if isinstance(child, str):
                items[-1] += child
            elif child.tag == "br":
                items.append("")
            elif child.tag in ("img", "svg", "picture", "canvas", "object", "embed", "video"):
                images += 1
            elif child.tag == "table":
                tables += 1
                items.append("")
            elif child.tag in BLOCKS:
                items.append("")
                walk(child)
                items.append("")
            else:
                walk(child)

    walk(cell)
    return [SPACES.sub(" ", item) for item in items], images, tables
