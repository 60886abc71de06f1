"""Helpers shared by the per-partnership fidelity tests.

Comparing with a source is `thresholds verify`'s own code (navigator.model.verify and its normalisation,
navigator.model.verify_text), so the tests and the command can never disagree on what "verbatim" means.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

from navigator.model.partnership import load_partnership
from navigator.model.problems import KeyPath
from navigator.model.verify import Report, verify_path
from navigator.model.verify_text import flat
from tests.conftest import THRESHOLDS

__all__ = [
    "SOURCES",
    "by_id",
    "counts",
    "document",
    "failures",
    "flat",
    "places",
    "source_report",
    "verified",
]
SCENARIOS = "scenarios.yaml"


@cache
def document(partnership_id: str) -> dict[str, Any]:
    """A partnership's validated document (loaded once per test run)."""
    return load_partnership(THRESHOLDS / partnership_id, dt.date(2026, 1, 1)).document


SOURCES = Path(__file__).resolve().parents[2] / "shared" / "sources"


@cache
def source_report() -> Report:
    """`thresholds verify thresholds --sources ../shared/sources`, run once per test run (needs SOURCES)."""
    return verify_path(THRESHOLDS, SOURCES, dt.date(2026, 1, 1))


def counts(partnership_id: str) -> dict[tuple[int, str], int]:
    """Indicators per (level, domain)."""
    return dict(
        Counter((item["level"], item["domain"]) for item in document(partnership_id).get("indicators", []))
    )


def places(partnership_id: str, text: str) -> list[tuple[int, str]]:
    """Every (level, domain) at which an indicator with exactly this text is listed."""
    indicators = document(partnership_id).get("indicators", [])
    return [(item["level"], item["domain"]) for item in indicators if item["text"] == text]


def by_id(partnership_id: str, collection: str) -> dict[str, dict[str, Any]]:
    """A collection of the partnership keyed by id."""
    return {item["id"]: item for item in document(partnership_id).get(collection, [])}


def verified(partnership_id: str) -> set[KeyPath]:
    """The key paths of the partnership's document that source_report() found in their sources."""
    report = source_report()
    return {path for pid, file, path in report.verified_paths if pid == partnership_id and file != SCENARIOS}


def failures() -> list[str]:
    """source_report()'s failures, one `file:line:column: key: message` line each."""
    return [str(problem) for problem in source_report().failures]
