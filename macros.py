"""mkdocs-macros entry point: load and validate thresholds/ once, then expose small rendering macros."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from navigator.handbook import render
from navigator.model.catalogue import REPOSITORY_THRESHOLDS, load_all


def define_env(env: Any) -> None:
    """Validate every partnership under $THRESHOLDS_DIR (default thresholds/); a DataError stops the build."""
    folder = Path(os.environ.get("THRESHOLDS_DIR", REPOSITORY_THRESHOLDS))
    partnerships = load_all(folder, dt.date.today())
    documents = [partnership.document for partnership in partnerships]
    env.macro(lambda: render.urgent_routes(documents), "urgent_routes")
    env.macro(lambda: render.partnership_summaries(documents), "partnership_summaries")
