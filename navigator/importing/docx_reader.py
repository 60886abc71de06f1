"""Tables from a Word document: python-docx opens the package, the table XML is read here.

The XML is read directly because what matters is what Word itself records: a cell's gridSpan (columns
merged) and vMerge (rows merged), rows that start late (gridBefore), tracked insertions (kept) and
deletions (dropped), drawings (images: counted, never read as text) and tables inside cells.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import docx

from navigator.importing.table import Cell, DocumentError, Table, items_of

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Whatever holds a picture, a shape or an embedded object rather than text: counted as an image.
PICTURES = {f"{W}drawing", f"{W}pict", f"{W}object", f"{MC}AlternateContent"}
# Text that is not shown as the cell's words: deleted or moved-away revisions.
HIDDEN = {f"{W}del", f"{W}moveFrom", f"{W}rPr", f"{W}pPr"}


@dataclass(frozen=True)
class _Slot:
    """A w:tc as written: where its grid columns start, how many it spans, whether it continues a merge."""

    row: int
    column: int
    span: int
    continues: bool
    paragraphs: list[str]
    images: int
    tables: int


def read_docx(path: Path) -> list[Table]:
    """Every table of the document's body (not those inside cells), in order."""
    try:
        document = docx.Document(str(path))
        body = ET.fromstring(document.part.blob)  # noqa: S314 - python-docx's parser already refused entities
    except Exception as error:  # python-docx raises many kinds for a file that is not a Word document
        raise DocumentError(f"{path.name}: cannot read it as a Word document (.docx): {error}") from None
    return [_table(number, element) for number, element in enumerate(_tables(body), start=1)]


def _tables(element: ET.Element) -> Iterator[ET.Element]:
    """Tables in document order, not descending into a table (its nested tables belong to a cell)."""
    for child in element:
        if child.tag == f"{W}tbl":
            yield child
        else:
            yield from _tables(child)


def _table(number: int, table: ET.Element) -> Table:
    """The table's cells; a w:tc that continues a vertical merge lengthens the cell it continues."""
    starts: list[_Slot] = []
    rows: list[int] = []
    open_at: dict[int, int] = {}  # grid column → the index of the last cell that starts there
    for slot in _slots(table):
        at = open_at.get(slot.column)
        if slot.continues and at is not None and starts[at].row + rows[at] == slot.row:
            rows[at] += 1
            continue
        open_at[slot.column] = len(starts)
        starts.append(slot)
        rows.append(1)
    cells = (
        Cell(s.row, s.column, items_of(s.paragraphs), span, s.span, s.images, s.tables)
        for s, span in zip(starts, rows, strict=True)
    )
    return Table(number, tuple(cells))


def _slots(table: ET.Element) -> Iterator[_Slot]:
    for row_number, row in enumerate(_children(table, f"{W}tr"), start=1):
        column = 1 + _value(row.find(f"{W}trPr/{W}gridBefore"), 0)
        for cell in _children(row, f"{W}tc"):
            span = _value(cell.find(f"{W}tcPr/{W}gridSpan"), 1)
            merge = cell.find(f"{W}tcPr/{W}vMerge")
            continues = merge is not None and merge.get(f"{W}val", "continue") == "continue"
            paragraphs = [_text(paragraph) for paragraph in _children(cell, f"{W}p")]
            tables = sum(1 for _ in _children(cell, f"{W}tbl"))
            yield _Slot(row_number, column, span, continues, paragraphs, _pictures(cell), tables)
            column += span


def _children(element: ET.Element, tag: str) -> Iterator[ET.Element]:
    """Children with tag, looking through content controls (w:sdt) and custom XML that wrap them."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
            yield from _children(child, tag)


def _value(element: ET.Element | None, default: int) -> int:
    text = None if element is None else element.get(f"{W}val")
    return int(text) if text and text.isdigit() else default


def _pictures(element: ET.Element) -> int:
    """How many pictures, shapes or objects the element holds (one for each, however it is wrapped)."""
    return sum(1 if child.tag in PICTURES else _pictures(child) for child in element)


def _text(element: ET.Element) -> str:
    """A paragraph's words as Word shows them: text, tabs and line breaks, in order."""
    parts = []
    for child in element:
        if child.tag in PICTURES or child.tag in HIDDEN:
            continue
        if child.tag == f"{W}t":
            parts.append(child.text or "")
        elif child.tag == f"{W}tab":
            parts.append("\t")
        elif child.tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
        elif child.tag == f"{W}noBreakHyphen":
            parts.append("-")
        elif child.tag == f"{W}sym":
            parts.append(_symbol(child.get(f"{W}char", "")))
        else:
            parts.append(_text(child))
    return "".join(parts)


def _symbol(code: str) -> str:
    """A w:sym's character (a Symbol-font bullet is U+F0B7); nothing when its code is not hexadecimal."""
    try:
        return chr(int(code, 16))
    except (ValueError, OverflowError):
        return ""
