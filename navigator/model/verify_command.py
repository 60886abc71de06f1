"""`thresholds verify [PATH] --sources DIR`: the sub-command, registered by navigator.cli.

Kept apart from cli.py so the command's wording and exit codes live beside the checks they report:
0 when everything the data gives as the sources' words was found, 1 with one `file:line:column: key:`
line per failure, 2 when DIR or a cited source file is missing or unreadable (nothing can be proved).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from navigator.model.problems import display_path
from navigator.model.verify import MissingSourcesError, summary, verify_path

EXIT_OK, EXIT_NOT_FOUND, EXIT_USAGE = 0, 1, 2
HELP = "look up every verbatim text, phone number, email and opening hours in the cited source files"
DESCRIPTION = (
    "Look up every text the data gives as a source's words (indicators, level descriptions and steps, "
    "routes, consent, guidance, checklists, quotes in rules, conflict readings, scenario quotes), every "
    "phone number, email and web address and every opening-hours statement in the source file it cites, "
    "in DIR (.txt, .html or .docx). Allowed: the differences a copy from a PDF brings (line breaks, "
    "hyphenation across lines, curly or straight quotes, dashes, spacing). What the data marks as our "
    "reading is listed apart, never verified. Exit 1 naming file:line:column and key for each text not "
    "found, with the source's closest passage; exit 2 when DIR or a source file is missing."
)


def register(commands: Any, root: Callable[[Path | None], Path]) -> None:
    """Add `verify` to the CLI's sub-commands; root turns PATH (or None) into the thresholds folder."""
    verify = commands.add_parser("verify", help=HELP, description=DESCRIPTION)
    verify.add_argument("path", nargs="?", type=Path, help="thresholds/ or one partnership folder")
    verify.add_argument(
        "--sources", type=Path, required=True, metavar="DIR", help="the folder holding the source files"
    )
    verify.add_argument("--readings", action="store_true", help="list each of our readings, with its place")
    verify.add_argument("--today", type=dt.date.fromisoformat, help=argparse.SUPPRESS)
    verify.set_defaults(run=lambda arguments: run(arguments, root(arguments.path)))


def run(arguments: argparse.Namespace, path: Path) -> int:
    """Verify path against --sources; print failures (stderr) or the one line of counts (stdout)."""
    directory: Path = arguments.sources
    if not directory.is_dir():
        print(f"thresholds verify: --sources {display_path(directory)}: no such folder", file=sys.stderr)
        return EXIT_USAGE
    try:
        report = verify_path(path, directory, arguments.today)
    except MissingSourcesError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        count = len(error.problems)
        print(
            f"thresholds verify: {count} source file(s) missing or unreadable in {display_path(directory)}; "
            "nothing was verified",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if arguments.readings:
        places = sorted(
            report.readings, key=lambda r: (str(r.position.file), r.position.line, r.position.column)
        )
        for reading in places:
            print(reading)
    if report.failures:
        for problem in report.failures:
            print(problem, file=sys.stderr)
        print(f"{len(report.failures)} not verified; {summary(report)}", file=sys.stderr)
        return EXIT_NOT_FOUND
    print(summary(report))
    return EXIT_OK
