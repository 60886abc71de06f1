"""A document's levels, domains and indicators from all of its tables that name levels.

Tables that name the same level (the same number, or with none the same name) share it; when every header
gives a number the levels go in that order, otherwise in the order the document first names them. The
draft numbers levels 1 to N: where the document numbers one otherwise, a finding says so. A document with
no table that names levels, or that names more than six, is refused with a message naming the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from navigator.importing.headers import Header
from navigator.importing.layout import layout
from navigator.importing.reading import Domain, Placed, TableReading, read_table
from navigator.importing.table import DocumentError, Finding, Table
from navigator.model.levels import MOST


@dataclass
class Reading:
    """All a document's indicator tables give, and which tables were read."""

    levels: list[Header] = field(default_factory=list)
    domains: list[Domain] = field(default_factory=list)
    indicators: list[Placed] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    read: list[int] = field(default_factory=list)
    across: dict[int, bool] = field(default_factory=dict)  # table → levels as columns (else as rows)
    skipped: list[int] = field(default_factory=list)
    headings: dict[str, list[str]] = field(default_factory=dict)  # domain key → its spellings

    def level_number(self, header: Header) -> int:
        """The draft's number for a level: its place, from 1."""
        return next(index for index, level in enumerate(self.levels, start=1) if level.key == header.key)


def read_document(source: Path, tables: list[Table]) -> Reading:
    """Every table that names levels, read and joined; DocumentError when none does or levels are too many."""
    reading = Reading()
    if not tables:
        raise DocumentError(f"{source.name}: no tables: the import reads the indicators from a table")
    for table in tables:
        found = layout(table)
        if found is None:
            reading.skipped.append(table.number)
            continue
        reading.read.append(table.number)
        reading.across[table.number] = found.levels_across
        _join(reading, read_table(found))
    if not reading.read:
        raise DocumentError(
            f"{source.name}: none of its {len(tables)} table(s) names levels in its first rows or first "
            "columns (headers such as 'Level 2: Family Help', 'Level 2 \u2013 Emerging Needs', "
            "'Universal' or 'Level 4 - Specialist/Statutory')"
        )
    tables_read = ", ".join(map(str, reading.read))
    if not reading.indicators:
        raise DocumentError(f"{source.name}: table(s) {tables_read} name levels but hold no indicators")
    if len(reading.levels) > MOST:
        names = ", ".join(repr(level.title) for level in reading.levels)
        raise DocumentError(
            f"{source.name}: table(s) {tables_read} name {len(reading.levels)} levels ({names}); "
            f"a document has at most {MOST}"
        )
    if all(level.number is not None for level in reading.levels):
        reading.levels.sort(key=lambda level: level.number or 0)
    for place, level in enumerate(reading.levels, start=1):
        if level.number is not None and level.number != place:
            message = f"the document numbers {level.title!r} {level.number}; the draft makes it level {place}"
            reading.findings.append(Finding(message))
    reading.findings.sort(key=lambda finding: (finding.table or 0, finding.row or 0, finding.column or 0))
    domains = [domain.key for domain in reading.domains]
    reading.indicators.sort(
        key=lambda item: (reading.level_number(item.level), domains.index(item.domain.key))
    )
    return reading


def _join(reading: Reading, table: TableReading) -> None:
    """Add one table's reading: its levels and domains where new, a finding where it spells one anew."""
    for header in table.levels:
        known = next((level for level in reading.levels if level.key == header.key), None)
        if known is None:
            reading.levels.append(header)
        elif known.title != header.title:
            message = f"the header {header.title!r} is read as the level {known.title!r} of an earlier table"
            reading.findings.append(Finding(message, table.number))
    for domain in table.domains:
        spellings = reading.headings.setdefault(domain.key, [])
        if domain.name is not None and domain.name not in spellings:
            spellings.append(domain.name)
        if all(seen.key != domain.key for seen in reading.domains):
            reading.domains.append(domain)
    reading.findings.extend(table.findings)
    reading.indicators.extend(table.indicators)
