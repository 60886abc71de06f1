"""One table's levels, domains and indicators, word for word, and what a person must look at.

Each cell under a level header and beside a domain heading holds indicators, one per item. A cell that
spans two levels or two domains is put at each, with a placeholder note, since only a person can say where
it belongs; merged, empty and image cells, headers that are not levels and rows that are not indicators
are reported with table, row and column, never guessed at.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from navigator.importing.headers import Header, read_header
from navigator.importing.layout import Layout
from navigator.importing.table import Cell, Finding


@dataclass(frozen=True)
class Domain:
    """A domain as a row heading names it; name None when the document gives none (a placeholder)."""

    key: str
    name: str | None
    where: str = ""


@dataclass(frozen=True)
class Placed:
    """An indicator as found: its words, its level and domain, where it stands, and a note if doubtful."""

    text: str
    level: Header
    domain: Domain
    table: int
    row: int
    column: int
    note: str | None = None


@dataclass
class TableReading:
    """What one table gives: levels in column order, domains in row order, indicators, findings."""

    number: int
    levels: list[Header] = field(default_factory=list)
    domains: list[Domain] = field(default_factory=list)
    indicators: list[Placed] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def find(self, cell: Cell, message: str) -> None:
        self.findings.append(Finding(message, self.number, cell.row, cell.column))


def read_table(layout: Layout) -> TableReading:
    """The table's indicators under its level headers and beside its domain headings."""
    reading = TableReading(layout.table.number)
    levels = _levels(layout, reading)
    title = _above_header(layout, reading)
    cells: list[tuple[Cell, list[Header], list[Domain]]] = []
    for row in range(layout.header_row + 1, layout.rows):
        domain = _domain(layout, row, title, levels, reading)
        if domain is None:
            continue
        for column, header in levels.items():
            cell = layout.at(row, column)
            if cell is None:
                where = layout.source_position(row, column)
                message = f"no cell: the row ends before {header.title!r}"
                reading.findings.append(Finding(message, reading.number, *where))
                continue
            if layout.domain_column is not None and cell is layout.at(row, layout.domain_column):
                if layout.rows_of(cell)[0] == row:
                    reading.find(cell, f"the domain heading spans {header.title!r}: nothing there is read")
                continue
            entry = next((entry for entry in cells if entry[0] is cell), None)
            if entry is None:
                entry = (cell, [], [])
                cells.append(entry)
            if all(seen.key != header.key for seen in entry[1]):
                entry[1].append(header)
            if all(seen.key != domain.key for seen in entry[2]):
                entry[2].append(domain)
    for cell, cell_levels, cell_domains in cells:
        _place(cell, cell_levels, cell_domains, reading)
    return reading


def _levels(layout: Layout, reading: TableReading) -> dict[int, Header]:
    """Each column's level; a header that is not a level is reported, and its column left out."""
    levels: dict[int, Header] = {}
    for cell in layout.row_cells(layout.header_row):
        columns = [column for column in layout.columns_of(cell) if column != layout.domain_column]
        if not columns:
            continue
        header = read_header(cell.text)
        if header is None:
            said = f"the header {cell.text!r} does not read as a level" if cell.text else "empty header"
            reading.find(cell, f"{said}: the cells under it were not imported")
            continue
        if cell.merged:
            reading.find(cell, f"merged header cell: every column under it read as {header.title!r}")
        levels.update((column, header) for column in columns)
        if all(seen.key != header.key for seen in reading.levels):
            reading.levels.append(header)
    return levels


def _above_header(layout: Layout, reading: TableReading) -> Domain:
    """Rows above the header are titles, reported; with no domain column, the last names the domain."""
    title = None
    for row in range(layout.header_row):
        for cell in layout.row_cells(row):
            if cell.text and layout.header_row not in layout.rows_of(cell):
                if layout.domain_column is not None:
                    reading.find(cell, f"{cell.text!r} stands above the level headers: not imported")
                title = cell
    if layout.domain_column is not None:
        return Domain("", None)
    if title is None:
        where = f"table {reading.number}"
        reading.findings.append(
            Finding("no domain headings: its indicators are put under a placeholder domain", reading.number)
        )
        domain = Domain(f"placeholder {where}", None, where)
    else:
        reading.find(title, f"no domain column: {title.text!r} above the headers is read as the domain")
        domain = Domain(" ".join(title.text.casefold().split()), title.text)
    reading.domains.append(domain)
    return domain


def _domain(
    layout: Layout, row: int, title: Domain, levels: dict[int, Header], reading: TableReading
) -> Domain | None:
    """The domain of a row; None for a row that holds no indicators (a heading or a repeated header)."""
    cells = layout.row_cells(row)
    if len(cells) == 1 and layout.columns > 1:
        if layout.rows_of(cells[0])[0] == row and cells[0].text:
            reading.find(cells[0], f"one cell across the row ({cells[0].text!r}): not read as indicators")
        return None
    if _repeats_header(layout, row, levels):
        return None  # the header again, as documents repeat it after a page break
    if layout.domain_column is None:
        return title
    cell = layout.at(row, layout.domain_column)
    if cell is not None and cell.text:
        domain = Domain(" ".join(cell.text.casefold().split()), cell.text)
        first = layout.rows_of(cell)[0] == row
        if cell.merged and first:
            reading.find(cell, "merged cell: read as the domain of every row it spans")
    else:
        position = layout.source_position(row, layout.domain_column)
        line = f"row {position[0]}" if layout.levels_across else f"column {position[1]}"
        where = f"table {reading.number}, {line}"
        domain = Domain(f"placeholder {where}", None, where)
        message = "no domain heading: the indicators beside it are put under a placeholder domain"
        reading.findings.append(Finding(message, reading.number, *position))
    if all(seen.key != domain.key for seen in reading.domains):
        reading.domains.append(domain)
    return domain


def _repeats_header(layout: Layout, row: int, levels: dict[int, Header]) -> bool:
    """Whether every level column of the row names its own level again (a header repeated)."""
    for column, header in levels.items():
        cell = layout.at(row, column)
        again = None if cell is None else read_header(cell.text)
        if again is None or again.key != header.key:
            return False
    return True


def _place(cell: Cell, levels: list[Header], domains: list[Domain], reading: TableReading) -> None:
    """A cell's items as indicators at each of its levels and domains, with what needs a person's eye."""
    level_names = " and ".join(repr(level.title) for level in levels)
    domain_names = " and ".join(repr(domain.name or domain.where) for domain in domains)
    if cell.images:
        reading.find(cell, f"{cell.images} image(s) in the cell: not read; type any indicators they hold")
    if cell.tables:
        reading.find(cell, "a table inside the cell: not read; type any indicators it holds")
    if not cell.items and not cell.images and not cell.tables:
        reading.find(cell, f"empty cell: no indicators for {domain_names} at {level_names}")
    note = None
    if len(levels) > 1 or len(domains) > 1:
        spans = " and ".join(
            [f"{len(levels)} levels ({level_names})"] * (len(levels) > 1)
            + [f"{len(domains)} domains ({domain_names})"] * (len(domains) > 1)
        )
        reading.find(cell, f"merged cell spans {spans}: its {len(cell.items)} indicator(s) are put at each")
        note = (
            f"PLACEHOLDER: in the document this cell (table {reading.number}, row {cell.row}, column "
            f"{cell.column}) spans {spans}: keep the indicator only where it belongs"
        )
    elif cell.merged:
        reading.find(cell, f"merged cell: read as {domain_names} at {level_names}")
    for number, text in enumerate(cell.items, start=1):
        if text[0].islower():
            reading.find(
                cell, f"item {number} ({text!r}) starts in lower case: does it go on from the one before?"
            )
        if text.endswith(":"):
            reading.find(
                cell, f"item {number} ({text!r}) ends with a colon: is it a subheading, not an indicator?"
            )
        for level in levels:
            for domain in domains:
                reading.indicators.append(
                    Placed(text, level, domain, reading.number, cell.row, cell.column, note)
                )
