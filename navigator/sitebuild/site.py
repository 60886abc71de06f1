"""The validated partnerships the handbook is built from, loaded once per build (from $THRESHOLDS_DIR).

Each partnership's version in use (navigator.model.versions); with THRESHOLDS_DRAFTS=1 (`thresholds
serve --drafts`) its newest draft instead, and every page of a draft says so.
"""

from __future__ import annotations

import datetime as dt
import os
from functools import cache
from pathlib import Path
from typing import Any

from navigator.model.catalogue import REPOSITORY_THRESHOLDS, in_use, load_versions
from navigator.model.partnership import Partnership


def thresholds_folder() -> Path:
    return Path(os.environ.get("THRESHOLDS_DIR", REPOSITORY_THRESHOLDS))


def drafts() -> bool:
    return os.environ.get("THRESHOLDS_DRAFTS", "") not in ("", "0")


@cache
def _versions(folder: Path, today: dt.date) -> dict[str, list[Partnership]]:
    return load_versions(folder, today)


def partnerships(today: dt.date) -> list[Partnership]:
    """Every partnership's version in use, validated; DataError (every problem, file:line) stops the build.
    The YAML is read and validated once per build (`versions` shares the load)."""
    folder = thresholds_folder()
    return in_use(_versions(folder, today), folder, today, drafts())


def versions(today: dt.date) -> dict[str, list[Partnership]]:
    """Every version of every partnership, by id (for the "what changed" pages)."""
    return _versions(thresholds_folder(), today)


def documents(today: dt.date) -> list[dict[str, Any]]:
    """Every partnership's validated document."""
    return [partnership.document for partnership in partnerships(today)]
