"""mkdocs-macros entry point: load and validate thresholds/ once, then expose small rendering macros."""

from __future__ import annotations

import datetime as dt
from typing import Any

from navigator.handbook import changes, pages, render
from navigator.sitebuild import site


def define_env(env: Any) -> None:
    """Validate every partnership under $THRESHOLDS_DIR (default thresholds/); a DataError stops the build."""
    today = dt.date.today()
    documents = site.documents(today)
    env.macro(lambda: pages.urgent_banner(documents), "urgent_routes")
    env.macro(lambda: render.partnership_summaries(documents), "partnership_summaries")
    history = changes.bodies(site.versions(today), site.partnerships(today), site.thresholds_folder(), today)
    env.macro(lambda path: pages.page(documents, path, today, history), "handbook_page")
