"""Where a table keeps its levels: along its top (levels as columns) or down its side (levels as rows).

A table is turned, when need be, so that levels always run across: the rest of the import reads one
shape. The header is the first of the top three rows (a title row may stand above it) with at least two
cells that read as levels; the orientation with more such cells wins, levels as columns on a tie.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from navigator.importing.headers import Header, read_header
from navigator.importing.table import Cell, Table

HEADER_ROWS = 3
Grid = dict[tuple[int, int], Cell]


@dataclass(frozen=True)
class Layout:
    """A table turned so that levels run across: its grid, size, header row and domain column."""

    table: Table
    grid: Grid
    rows: int
    columns: int
    header_row: int
    levels_across: bool
    domain_column: int | None  # None when the header's first cell is a level too: no domain column

    def at(self, row: int, column: int) -> Cell | None:
        """The cell covering a slot of the turned grid (None where a row ends early)."""
        return self.grid.get((row, column))

    def header(self, column: int) -> Header | None:
        """The level the header names above a column, if it names one."""
        cell = self.at(self.header_row, column)
        return None if cell is None else read_header(cell.text)

    def row_cells(self, row: int) -> list[Cell]:
        """The distinct cells of a row of the turned grid, left to right."""
        return distinct(self.at(row, column) for column in range(self.columns))

    def source_position(self, row: int, column: int) -> tuple[int, int]:
        """A slot of the turned grid as the document counts it: (row, column) from 1."""
        return (row + 1, column + 1) if self.levels_across else (column + 1, row + 1)

    def columns_of(self, cell: Cell) -> list[int]:
        """The columns of the turned grid that a cell covers."""
        return sorted({column for (_, column), found in self.grid.items() if found is cell})

    def rows_of(self, cell: Cell) -> list[int]:
        """The rows of the turned grid that a cell covers."""
        return sorted({row for (row, _), found in self.grid.items() if found is cell})


def distinct(cells: Iterable[Cell | None]) -> list[Cell]:
    """Cells without repeats (a merged cell covers several slots), in the order first met."""
    found: list[Cell] = []
    for cell in cells:
        if cell is not None and all(cell is not seen for seen in found):
            found.append(cell)
    return found


def layout(table: Table) -> Layout | None:
    """The table's layout, or None when no row or column near its start names two levels."""
    grid = table.grid()
    if not grid:
        return None
    found: list[tuple[int, bool, int, Grid]] = []
    for across in (True, False):
        turned = grid if across else {(column, row): cell for (row, column), cell in grid.items()}
        rows = max(row for row, _ in turned) + 1
        columns = max(column for _, column in turned) + 1
        for row in range(min(HEADER_ROWS, rows)):
            cells = distinct(turned.get((row, column)) for column in range(columns))
            count = sum(1 for cell in cells if read_header(cell.text) is not None)
            if count >= 2:
                found.append((count, across, row, turned))
                break
    if not found:
        return None
    _, across, header_row, turned = max(found, key=lambda candidate: (candidate[0], candidate[1]))
    rows = max(row for row, _ in turned) + 1
    columns = max(column for _, column in turned) + 1
    corner = turned.get((header_row, 0))
    domain_column = None if corner is not None and read_header(corner.text) is not None else 0
    return Layout(table, turned, rows, columns, header_row, across, domain_column)
