"""Tables from tab-separated text (.tsv, .txt), as a spreadsheet saves them.

The rule, kept simple on purpose: one row per line, cells separated by tabs; a blank line ends a table and
the next row starts another; the indicators in a cell are separated by line breaks, and a cell holding
line breaks is written in double quotes ("" for a quote inside it), as spreadsheets write it. A bullet that
opens a line is list markup and is dropped; nothing else is changed.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from navigator.importing.table import Cell, DocumentError, Table, items_of


def read_text(path: Path) -> list[Table]:
    """Every table in the file, in order."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DocumentError(f"{path.name}: not UTF-8 text (byte {error.start + 1})") from None
    if "\t" not in text:
        raise DocumentError(
            f"{path.name}: no tab-separated table: a text file holds rows of cells separated by tabs "
            "(as a spreadsheet saves them), levels in the first row and domains in the first column"
        )
    groups: list[list[list[str]]] = [[]]
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter="\t", strict=True):
            if row:
                groups[-1].append(row)
            elif groups[-1]:
                groups.append([])
    except csv.Error as error:
        raise DocumentError(f"{path.name}: cannot read its tab-separated rows: {error}") from None
    tables = [group for group in groups if group]
    return [_table(number, rows) for number, rows in enumerate(tables, start=1)]


def _table(number: int, rows: list[list[str]]) -> Table:
    cells = (
        Cell(row_number, column_number, items_of([text]))
        for row_number, row in enumerate(rows, start=1)
        for column_number, text in enumerate(row, start=1)
    )
    return Table(number, tuple(cells))
