"""`thresholds`: validate and export the threshold data (console script)."""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from navigator.decision import Assessor, ScenarioError
from navigator.decision.api import parse_scenario
from navigator.importing.command import add_import_command
from navigator.model import changelog, diff, impact, revisions, verify_command
from navigator.model.catalogue import REPOSITORY_THRESHOLDS, export_json, load_all, load_versions
from navigator.model.compile import compile_catalogue
from navigator.model.partnership import Partnership
from navigator.model.placeholders import file_placeholders
from navigator.model.problems import DataError, Position, Problem, display_path
from navigator.model.revisions import Pairing, Side
from navigator.model.scaffold import scaffold
from navigator.model.scenarios import load_scenarios, scenarios_path

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
    commands = parser.add_subparsers(required=True, metavar="COMMAND", dest="command")
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
    new = commands.add_parser(
        "new", help="make a draft partnership folder whose values are placeholders to fill in"
    )
    new.add_argument("partnership_id", metavar="ID", help="the new partnership's id, e.g. north-town")
    new.add_argument(
        "--levels",
        metavar="NAMES",
        help="the levels' names, lowest need first, separated by commas: two to six, e.g. "
        '"Universal,Family Help,Child protection" (default: four placeholder levels)',
    )
    new.add_argument(
        "--into",
        type=Path,
        metavar="PATH",
        help="write PATH/ID (default: ./thresholds/ID under the current folder, made if missing)",
    )
    new.set_defaults(run=_new)
    add_import_command(commands)
    for name, help_text in (
        ("diff", "what changed from OLD to NEW, indicator by indicator"),
        ("impact", "which golden scenarios land differently under NEW than under OLD"),
    ):
        command = commands.add_parser(
            name,
            help=help_text,
            description=f"{help_text[0].upper()}{help_text[1:]}. OLD and NEW are each a folder (thresholds/ "
            "or one partnership's), ID@VERSION (a version of a partnership in --thresholds), or a git "
            "revision (REV, meaning REV's thresholds/, or REV:PATH).",
        )
        command.add_argument("old", metavar="OLD")
        command.add_argument("new", metavar="NEW")
        command.add_argument("--json", action="store_true", help="print JSON for machines")
        command.add_argument(
            "--thresholds", type=Path, metavar="PATH", help="for ID@VERSION (default thresholds/)"
        )
        command.add_argument("--today", type=_date, help=argparse.SUPPRESS)
        command.set_defaults(run=_diff if name == "diff" else _impact)
    serve = commands.add_parser(
        "serve", help="build the handbook into a temporary folder and serve it on 127.0.0.1 (preview)"
    )
    serve.add_argument("path", nargs="?", type=Path, help="thresholds folder (default thresholds/)")
    serve.add_argument(
        "--drafts", action="store_true", help="show each partnership's newest draft, marked as such"
    )
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(run=_serve)
    verify_command.register(commands, _root)
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
    """Every version of every partnership, its golden scenarios, and thresholds/CHANGELOG.md if present."""
    root = _root(arguments.path)
    versions = load_versions(root, arguments.today or dt.date.today())
    everything = [partnership for found in versions.values() for partnership in found]
    goldens = _golden_counts(everything)
    changelog_file = root / changelog.CHANGELOG
    if changelog_file.is_file():
        changelog.parse(changelog_file)  # a DataError (file:line) when it breaks the fixed format
    warnings = [
        warning
        for partnership in everything
        for warning in (*partnership.warnings, *file_placeholders(scenarios_path(partnership)))
    ]
    for warning in warnings:
        print(warning, file=sys.stderr)
    summary = ", ".join(
        f"{p.id}{_version_note(p, len(versions[p.id]))} ({len(p.document.get('indicators', []))} indicators, "
        f"{goldens[str(p.folder)]} golden scenarios)"
        for p in everything
    )
    print(f"valid: {summary}; {len(warnings)} warning(s)")
    if warnings and arguments.strict:
        print("--strict: warnings count as errors", file=sys.stderr)
        return EXIT_INVALID
    return EXIT_OK


def _version_note(partnership: Partnership, count: int) -> str:
    meta = partnership.document["partnership"]
    return f" version {meta['version']} ({meta['status']})" if count > 1 else ""


def _golden_counts(partnerships: list[Partnership]) -> dict[str, int]:
    """Check every scenarios.yaml against its own version's data; the number of golden scenarios by folder."""
    counts, problems = {}, []
    for partnership in partnerships:
        assessor = Assessor(compile_catalogue([partnership]))
        try:
            counts[str(partnership.folder)] = len(load_scenarios(partnership, assessor))
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
    sys.stdout.write(export_json(partnerships))
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


def _new(arguments: argparse.Namespace) -> int:
    try:
        folder = scaffold(
            arguments.partnership_id,
            arguments.into or Path("thresholds"),
            levels=None if arguments.levels is None else arguments.levels.split(","),
            create_into=arguments.into is None,
        )
    except ValueError as error:
        print(f"thresholds new: {error}", file=sys.stderr)
        return EXIT_USAGE
    print(
        f"created {display_path(folder)} (status: draft): replace every placeholder; "
        f"`thresholds validate {display_path(folder)}` lists them and `--strict` refuses them"
    )
    return EXIT_OK


def _compared(arguments: argparse.Namespace, stack: ExitStack) -> tuple[Side, Side, Pairing] | None:
    """OLD and NEW resolved and paired; None (after a message) when either names nothing comparable."""
    thresholds = _root(arguments.thresholds)
    today = arguments.today or dt.date.today()
    try:
        old = revisions.resolve(arguments.old, thresholds, today, stack)
        new = revisions.resolve(arguments.new, thresholds, today, stack)
    except revisions.RevisionError as error:
        print(f"thresholds {arguments.command}: {error}", file=sys.stderr)
        return None
    return old, new, revisions.pair(old, new)


def _unpaired(pairing: Pairing, old: Side, new: Side) -> list[str]:
    lines = [
        f"only in OLD ({old.name}): {p.id} version {p.document['partnership']['version']}"
        for p in pairing.only_old
    ]
    lines += [
        f"only in NEW ({new.name}): {p.id} version {p.document['partnership']['version']}"
        for p in pairing.only_new
    ]
    return lines


def _diff(arguments: argparse.Namespace) -> int:
    def each(a: Partnership, b: Partnership, old: Side, new: Side) -> diff.Comparison:
        return diff.compare(a, b, old.where(a), new.where(b))

    def summary(found: list[Any], unpaired: list[str]) -> dict[str, Any]:
        return {"identical": all(c.identical for c in found) and not unpaired}

    return _compare(arguments, each, summary)


def _impact(arguments: argparse.Namespace) -> int:
    def each(a: Partnership, b: Partnership, old: Side, new: Side) -> impact.Impact:
        return impact.impact(a, b, diff.describe(a, old.where(a)), diff.describe(b, new.where(b)))

    def summary(found: list[Any], unpaired: list[str]) -> dict[str, Any]:
        del unpaired
        return {"changed": sum(len(i.changed) for i in found)}

    return _compare(arguments, each, summary)


def _compare(
    arguments: argparse.Namespace,
    each: Callable[[Partnership, Partnership, Side, Side], Any],
    summary: Callable[[list[Any], list[str]], dict[str, Any]],
) -> int:
    """OLD and NEW resolved and paired, `each` pair compared; text, or JSON led by `summary`."""
    with ExitStack() as stack:
        compared = _compared(arguments, stack)
        if compared is None:
            return EXIT_USAGE
        old, new, pairing = compared
        found = [each(a, b, old, new) for a, b in pairing.pairs]
        unpaired = _unpaired(pairing, old, new)
    if arguments.json:
        document = {
            **summary(found, unpaired),
            "comparisons": [item.as_json() for item in found],
            "only_old": [diff.describe(p, old.where(p)) for p in pairing.only_old],
            "only_new": [diff.describe(p, new.where(p)) for p in pairing.only_new],
        }
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    sys.stdout.write("\n".join(item.text() for item in found))
    for line in unpaired:
        print(line)
    return EXIT_OK


def _serve(arguments: argparse.Namespace) -> int:
    """Build with the same hooks as `make build`, into a temporary folder (a preview is never site/)."""
    root = _root(arguments.path).resolve()
    load_versions(root, dt.date.today())  # bad data: file:line messages, before any build
    repository = Path(__file__).resolve().parents[1]
    environment = dict(os.environ, THRESHOLDS_DIR=str(root), NO_MKDOCS_2_WARNING="1")
    environment["THRESHOLDS_DRAFTS"] = "1" if arguments.drafts else ""
    with tempfile.TemporaryDirectory(prefix="thresholds-preview-") as folder:
        built = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", folder],
            cwd=repository,
            env=environment,
            check=False,
        )
        if built.returncode != 0:
            print("thresholds serve: the build failed (see above)", file=sys.stderr)
            return EXIT_INVALID
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=folder)
        with http.server.ThreadingHTTPServer(("127.0.0.1", arguments.port), handler) as server:
            kind = "with drafts, marked as such" if arguments.drafts else "published versions"
            print(f"Serving a preview ({kind}) on http://127.0.0.1:{arguments.port}/ (Ctrl+C to stop)")
            server.serve_forever()
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
