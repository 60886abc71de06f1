"""`thresholds import SOURCE --id ID [--into PATH]`: a draft partnership folder from a threshold document.

Registered by navigator/cli.py (one call), kept here with the rest of the import. Bad arguments exit 2,
a document with nothing to import 1, each with one line naming the file (and table, row and column); a
draft written exits 0, with what it found on stdout and each finding for a person's eye on stderr.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from navigator.importing.docx_reader import read_docx
from navigator.importing.draft import Draft, write_draft
from navigator.importing.html_reader import read_html
from navigator.importing.merging import Reading, read_document
from navigator.importing.table import DocumentError, Table
from navigator.importing.text_reader import read_text
from navigator.model.problems import display_path
from navigator.model.scaffold import check_id

EXIT_OK, EXIT_NOTHING, EXIT_USAGE = 0, 1, 2
READERS: dict[str, Callable[[Path], list[Table]]] = {
    ".docx": read_docx,
    ".html": read_html,
    ".htm": read_html,
    ".tsv": read_text,
    ".txt": read_text,
}
KINDS = "a Word document (.docx), a web page (.html, .htm) or tab-separated text (.tsv, .txt)"


def add_import_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `import` to the `thresholds` sub-commands."""
    command = commands.add_parser(
        "import",
        help="make a draft partnership folder from a threshold document's indicator tables",
        description="Read the indicator table or tables of SOURCE (levels as columns and domains as rows, "
        "or the other way round) and write a draft partnership folder as `thresholds new` does, with the "
        "levels, domains and indicators word for word, each citing its table, row and column. SOURCE is "
        f"{KINDS}; in text, rows are lines, cells are separated by tabs, a blank line ends a table, and "
        "a cell's indicators are separated by line breaks (the cell in double quotes, as spreadsheets "
        "save it).",
    )
    command.add_argument("source", type=Path, metavar="SOURCE", help="the document to read")
    command.add_argument(
        "--id", dest="partnership_id", required=True, metavar="ID", help="the new partnership's id"
    )
    command.add_argument(
        "--into",
        type=Path,
        metavar="PATH",
        help="write PATH/ID (default: ./thresholds/ID under the current folder, made if missing)",
    )
    command.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    """Read SOURCE, write the draft, say what was found and what needs a person's eye."""
    source: Path = arguments.source
    reader = READERS.get(source.suffix.lower())
    if reader is None:
        said = f"{source.suffix} files" if source.suffix else "a file without an extension"
        return _refuse(f"{source}: cannot read {said}: give {KINDS}", EXIT_USAGE)
    if not source.is_file():
        return _refuse(f"{source}: no such file", EXIT_USAGE)
    try:
        check_id(arguments.partnership_id)
    except ValueError as error:
        return _refuse(f"--id: {error}", EXIT_USAGE)
    try:
        reading = read_document(source, reader(source))
        draft = write_draft(
            arguments.partnership_id,
            arguments.into or Path("thresholds"),
            source,
            reading,
            create_into=arguments.into is None,
        )
    except DocumentError as error:
        return _refuse(str(error), EXIT_NOTHING)
    except OSError as error:
        return _refuse(f"{source}: cannot read it: {error.strerror or error}", EXIT_NOTHING)
    _report(source, reading, draft)
    return EXIT_OK


def _refuse(message: str, code: int) -> int:
    print(f"thresholds import: {message}; nothing written", file=sys.stderr)
    return code


def _report(source: Path, reading: Reading, draft: Draft) -> None:
    """What was found on stdout (tables, levels, counts), each finding on stderr (as validate's warnings)."""
    tables = ", ".join(
        f"table {number} (levels as {'columns' if reading.across[number] else 'rows'})"
        for number in reading.read
    )
    skipped = (
        f"; not read, naming no levels: table {', '.join(map(str, reading.skipped))}"
        if reading.skipped
        else ""
    )
    print(f"read {source.name}: {tables}{skipped}")
    counts = ((len(draft.levels), "level"), (draft.domains, "domain"), (draft.indicators, "indicator"))
    print("found " + ", ".join(f"{count} {noun}{'' if count == 1 else 's'}" for count, noun in counts))
    for level, header in zip(draft.levels, reading.levels, strict=True):
        guessed = ", a guess from its place: choose it" if level.guessed else ""
        print(f"  level {level.number}: {header.title!r} as {level.name!r} ({level.kind}{guessed})")
    for finding in reading.findings:
        print(finding.line(source), file=sys.stderr)
    if reading.findings:
        print(
            f"{len(reading.findings)} finding(s) need a person's eye: each is printed as a warning and kept "
            "as a placeholder note in partnership.yaml"
        )
    folder = display_path(draft.folder)
    print(
        f"created {folder} (status: draft): replace every placeholder; "
        f"`thresholds validate {folder}` lists them and `--strict` refuses them"
    )
