"""The validated documents the handbook is built from, loaded once per build (from $THRESHOLDS_DIR)."""

from __future__ import annotations

import datetime as dt
import os
from functools import cache
from pathlib import Path
from typing import Any

from navigator.model.catalogue import REPOSITORY_THRESHOLDS, load_all


def thresholds_folder() -> Path:
    return Path(os.environ.get("THRESHOLDS_DIR", REPOSITORY_THRESHOLDS))


@cache
def _load(folder: Path, today: dt.date) -> tuple[dict[str, Any], ...]:
    return tuple(partnership.document for partnership in load_all(folder, today))


def documents(today: dt.date) -> list[dict[str, Any]]:
    """Every partnership's validated document; DataError (every problem, file:line) stops the build."""
    return list(_load(thresholds_folder(), today))
