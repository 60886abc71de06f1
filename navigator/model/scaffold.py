"""`thresholds new`: a draft partnership folder holding every file, each value a marked placeholder.

The files are the commented, schema-linked templates in templates/ with the partnership id and the month
filled in (placeholders: navigator.model.placeholders). They are written to a temporary folder beside the
target, validated with their golden scenarios, then renamed into place: a failure leaves nothing behind,
and an existing folder is never touched.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import uuid
from functools import cache
from pathlib import Path

from navigator.decision import Assessor
from navigator.model.compile import compile_catalogue
from navigator.model.partnership import load_partnership
from navigator.model.placeholders import ID_MARKER
from navigator.model.problems import DataError, Position, Problem
from navigator.model.scenarios import load_scenarios
from navigator.model.schema import SCHEMA_PATH

TEMPLATES = Path(__file__).resolve().parent / "templates"
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


def scaffold(partnership_id: str, into: Path, today: dt.date | None = None) -> Path:
    """Write into/<partnership_id>/ and return it; ValueError for a bad id, DataError when it cannot."""
    _check_id(partnership_id)
    target = into / partnership_id
    if not into.is_dir():
        raise DataError([Problem(Position(into, 1, 1), "", "no such folder")])
    if target.exists() or target.is_symlink():
        message = "already exists: `thresholds new` never overwrites a folder; choose another id or remove it"
        raise DataError([Problem(Position(target, 1, 1), "", message)])
    today = today or dt.date.today()
    work = into / f".{partnership_id}.{uuid.uuid4().hex[:8]}.new"
    try:
        work.mkdir()
        for name in FILES:
            text = (TEMPLATES / name).read_text(encoding="utf-8")
            text = text.replace("__partnership_id__", partnership_id).replace("__month__", f"{today:%Y-%m}")
            (work / name).write_text(text, encoding="utf-8")
        partnership = load_partnership(work, today)
        load_scenarios(partnership, Assessor(compile_catalogue([partnership])))
        work.rename(target)
    except OSError as error:
        shutil.rmtree(work, ignore_errors=True)
        problem = Problem(Position(target, 1, 1), "", f"cannot write the folder: {error.strerror or error}")
        raise DataError([problem]) from None
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return target


def _check_id(partnership_id: str) -> None:
    if not id_pattern().fullmatch(partnership_id):
        raise ValueError(
            f"{partnership_id!r} is not a valid partnership id: "
            "use lower-case words joined by hyphens, e.g. 'north-town'"
        )
    if partnership_id.startswith(ID_MARKER):
        raise ValueError(f"{partnership_id!r} starts with {ID_MARKER!r}, the mark of a placeholder")
