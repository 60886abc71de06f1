"""The validated partnerships the handbook is built from, loaded once per build (from $THRESHOLDS_DIR)."""

from __future__ import annotations

import datetime as dt
import os
from functools import cache
from pathlib import Path
from typing import Any

from navigator.model.catalogue import REPOSITORY_THRESHOLDS, load_all
from navigator.model.partnership import Partnership


def thresholds_folder() -> Path:
    return Path(os.environ.get("THRESHOLDS_DIR", REPOSITORY_THRESHOLDS))


@cache
def _load(folder: Path, today: dt.date) -> tuple[Partnership, ...]:
    return tuple(load_all(folder, today))


def partnerships(today: dt.date) -> list[Partnership]:
    """Every partnership, validated; DataError (every problem, file:line) stops the build."""
    return list(_load(thresholds_folder(), today))


def documents(today: dt.date) -> list[dict[str, Any]]:
    """Every partnership's validated document."""
    return [partnership.document for partnership in partnerships(today)]
