"""`thresholds`: validate and export the threshold data (console script)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from navigator.decision import Assessor, ScenarioError
from navigator.decision.api import parse_scenario
from navigator.model.catalogue import REPOSITORY_THRESHOLDS, export_partnership, load_all
from navigator.model.compile import compile_catalogue
from navigator.model.partnership import Partnership
from navigator.model.problems import DataError, Position, Problem
from navigator.model.scenarios import load_scenarios

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run a sub-command; print problems as `file:line:column: key: message`, never a traceback."""
    arguments = _parser().parse_args(argv)
    try:
        return int(arguments.run(arguments))
    except DataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"{len(error.problems)} error(s)", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader stopped early (e.g. `| head`): no traceback
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="thresholds", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    validate = commands.add_parser("validate", help="check every partnership folder under PATH")
    validate.add_argument("path", nargs="?", type=Path, help="thresholds/ or one partnership folder")
    validate.add_argument("--strict", action="store_true", help="treat warnings as errors")
    validate.add_argument("--today", type=_date, help="the date to check review dates against (YYYY-MM-DD)")
    validate.set_defaults(run=_validate)
    export = commands.add_parser("export", help="print the validated data as JSON")
    export.add_argument("path", nargs="?", type=Path, help="thresholds/ or one partnership folder")
    export.add_argument("--partnership", metavar="ID", help="only this partnership")
    export.add_argument("--today", type=_date, help=argparse.SUPPRESS)
    export.set_defaults(run=_export)
    assess = commands.add_parser(
        "assess",
        help="read a scenario JSON on stdin, print the assessment JSON (bad scenario: exit 2)",
        description="Read a hypothetical scenario as JSON on stdin and print its assessment as JSON. "
        'Scenario: {"partnership": id, "area": id, "indicators": [ids], "answers": {question: value}, '
        '"flags": {...}, "now": "2026-11-23T10:30"}; every key but partnership is optional.',
    )
    assess.add_argument(
        "--thresholds", type=Path, metavar="PATH", help="thresholds folder (default: thresholds/)"
    )
    assess.add_argument("--today", type=_date, help=argparse.SUPPRESS)
    assess.set_defaults(run=_assess)
    compiled = commands.add_parser("compile", help="print the compiled data the decision module reads")
    compiled.add_argument("path", nargs="?", type=Path, help="thresholds/ or one partnership folder")
    compiled.add_argument("--today", type=_date, help=argparse.SUPPRESS)
    compiled.set_defaults(run=_compile)
    return parser


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _root(path: Path | None) -> Path:
    if path is not None:
        return path
    local = Path("thresholds")
    return local if local.is_dir() else REPOSITORY_THRESHOLDS


def _validate(arguments: argparse.Namespace) -> int:
    partnerships = load_all(_root(arguments.path), arguments.today or dt.date.today())
    goldens = _golden_counts(partnerships)
    warnings = [warning for partnership in partnerships for warning in partnership.warnings]
    for warning in warnings:
        print(warning, file=sys.stderr)
    summary = ", ".join(
        f"{p.id} ({len(p.document.get('indicators', []))} indicators, {goldens[p.id]} golden scenarios)"
        for p in partnerships
    )
    print(f"valid: {summary}; {len(warnings)} warning(s)")
    if warnings and arguments.strict:
        print("--strict: warnings count as errors", file=sys.stderr)
        return EXIT_INVALID
    return EXIT_OK


def _golden_counts(partnerships: list[Partnership]) -> dict[str, int]:
    """Check every scenarios.yaml against the data; the number of golden scenarios of each partnership."""
    assessor = Assessor(compile_catalogue(partnerships))
    counts, problems = {}, []
    for partnership in partnerships:
        try:
            counts[partnership.id] = len(load_scenarios(partnership, assessor))
        except DataError as error:
            problems.extend(error.problems)
    if problems:
        raise DataError(problems)
    return counts


def _export(arguments: argparse.Namespace) -> int:
    partnerships = load_all(_root(arguments.path), arguments.today or dt.date.today())
    if arguments.partnership:
        partnerships = [p for p in partnerships if p.id == arguments.partnership]
        if not partnerships:
            where = Position(_root(arguments.path), 1, 1)
            raise DataError(
                [Problem(where, "--partnership", f"no partnership with id {arguments.partnership!r}")]
            )
    json.dump(
        {"partnerships": [export_partnership(p) for p in partnerships]},
        sys.stdout,
        ensure_ascii=False,
        indent=2,
    )
    sys.stdout.write("\n")
    return EXIT_OK


def _assess(arguments: argparse.Namespace) -> int:
    text = sys.stdin.read()
    partnerships = load_all(_root(arguments.thresholds), arguments.today or dt.date.today())
    assessor = Assessor(compile_catalogue(partnerships))
    try:
        assessment = assessor.assess(parse_scenario(text))
    except ScenarioError as error:
        print(f"thresholds assess: {error}", file=sys.stderr)
        return EXIT_USAGE
    json.dump(assessment, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return EXIT_OK


def _compile(arguments: argparse.Namespace) -> int:
    partnerships = load_all(_root(arguments.path), arguments.today or dt.date.today())
    json.dump(compile_catalogue(partnerships), sys.stdout, ensure_ascii=False, separators=(",", ":"))
    sys.stdout.write("\n")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
