"""`thresholds new`: a draft partnership folder holding every file, each value a marked placeholder.

The files are the commented templates in templates/ with the partnership id, the month, the schema links
and the parts that follow the declared levels filled in (scaffold_levels.py works out the levels,
scaffold_yaml.py writes their YAML; placeholders: navigator.model.placeholders). They are written to a
temporary folder beside the target, validated with their golden scenarios, then renamed into place: a
failure leaves nothing behind, and an existing folder is never touched.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import shutil
import uuid
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from navigator.decision import Assessor
from navigator.model.compile import compile_catalogue
from navigator.model.partnership import load_partnership
from navigator.model.placeholders import ID_MARKER
from navigator.model.problems import DataError, Position, Problem
from navigator.model.scaffold_levels import default_levels, plan_levels
from navigator.model.scaffold_yaml import level_values
from navigator.model.scenarios import load_scenarios
from navigator.model.schema import SCENARIOS_SCHEMA_PATH, SCHEMA_PATH

TEMPLATES = Path(__file__).resolve().parent / "templates"
MARKER = re.compile(r"__([a-z_]+)__")
FILES = (
    "partnership.yaml",
    "levels.yaml",
    "indicators.yaml",
    "contacts.yaml",
    "rules.yaml",
    "guidance.yaml",
    "scenarios.yaml",
)


@cache
def id_pattern() -> re.Pattern[str]:
    """The schema's pattern for ids, so `new` refuses exactly what validation would."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return re.compile(schema["$defs"]["id"]["pattern"])


def scaffold(
    partnership_id: str,
    into: Path,
    today: dt.date | None = None,
    levels: Sequence[str] | None = None,
    create_into: bool = False,
) -> Path:
    """Write into/<partnership_id>/ and return it: the level names given (else four placeholder levels).

    ValueError (a sentence) for a bad id or bad level names, before anything is written; DataError when it
    cannot write or the result does not validate. create_into makes a missing `into` (removed on failure).
    """
    check_id(partnership_id)
    planned = plan_levels(levels) if levels is not None else default_levels()
    target, created = prepare_target(partnership_id, into, "new", create_into)
    today = today or dt.date.today()
    values = {
        "partnership_id": partnership_id,
        "month": f"{today:%Y-%m}",
        "partnership_schema": schema_link(target, SCHEMA_PATH),
        "scenarios_schema": schema_link(target, SCENARIOS_SCHEMA_PATH),
        **level_values(planned),
    }
    texts = {
        name: MARKER.sub(lambda found: values[found[1]], (TEMPLATES / name).read_text(encoding="utf-8"))
        for name in FILES
    }
    write_folder(target, texts, today, created=created, suffix="new")
    return target


def schema_link(folder: Path, schema: Path) -> str:
    """How a file in folder names a schema so editors find it: ../schema/NAME when the folder beside it
    holds it (as thresholds/ does), a relative path inside this installation's project, else a file: URI."""
    if (folder.parent / "schema" / schema.name).is_file():
        return f"../schema/{schema.name}"
    where, project = folder.resolve(), schema.parents[2]
    if where.is_relative_to(project):
        return Path(os.path.relpath(schema, where)).as_posix()
    return schema.as_uri()


def prepare_target(partnership_id: str, into: Path, command: str, create_into: bool) -> tuple[Path, bool]:
    """into/<partnership_id>, refused when it exists (DataError naming `thresholds COMMAND`), and whether
    `into` was made for this run (create_into makes a missing one)."""
    target = into / partnership_id
    created = create_into and not into.exists() and not into.is_symlink()
    if created:
        _make_folder(into)
    if not into.is_dir():
        raise DataError([Problem(Position(into, 1, 1), "", "no such folder")])
    if target.exists() or target.is_symlink():
        message = (
            f"already exists: `thresholds {command}` never overwrites a folder; "
            "choose another id or remove it"
        )
        raise DataError([Problem(Position(target, 1, 1), "", message)])
    return target, created


def write_folder(target: Path, texts: dict[str, str], today: dt.date, *, created: bool, suffix: str) -> None:
    """The files written whole beside the target, validated with their golden scenarios, then renamed into
    place: all files or none (a failure removes them, and `into` when it was made for this run)."""
    into = target.parent
    work = into / f".{target.name}.{uuid.uuid4().hex[:8]}.{suffix}"
    try:
        work.mkdir()
        for name, text in texts.items():
            (work / name).write_text(text, encoding="utf-8")
        partnership = load_partnership(work, today)
        load_scenarios(partnership, Assessor(compile_catalogue([partnership])))
        work.rename(target)
    except OSError as error:
        _discard(work, into if created else None)
        problem = Problem(Position(target, 1, 1), "", f"cannot write the folder: {error.strerror or error}")
        raise DataError([problem]) from None
    except BaseException:
        _discard(work, into if created else None)
        raise


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir()
    except OSError as error:
        problem = Problem(Position(folder, 1, 1), "", f"cannot make the folder: {error.strerror or error}")
        raise DataError([problem]) from None


def _discard(work: Path, made: Path | None) -> None:
    """Remove the temporary folder, and the thresholds folder when it was made for this run."""
    shutil.rmtree(work, ignore_errors=True)
    if made is not None:
        with contextlib.suppress(OSError):
            made.rmdir()  # only when empty: nothing but ours is ever removed


def check_id(partnership_id: str) -> None:
    """ValueError (a sentence) for an id `thresholds new` and `thresholds import` refuse."""
    if not id_pattern().fullmatch(partnership_id):
        raise ValueError(
            f"{partnership_id!r} is not a valid partnership id: "
            "use lower-case words joined by hyphens, e.g. 'north-town'"
        )
    if partnership_id.startswith(ID_MARKER):
        raise ValueError(f"{partnership_id!r} starts with {ID_MARKER!r}, the mark of a placeholder")
