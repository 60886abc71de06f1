"""Helpers shared by the per-partnership fidelity tests."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

from navigator.model.partnership import load_partnership
from tests.conftest import THRESHOLDS


@cache
def document(partnership_id: str) -> dict[str, Any]:
    """A partnership's validated document (loaded once per test run)."""
    return load_partnership(THRESHOLDS / partnership_id, dt.date(2026, 1, 1)).document


SOURCES = Path(__file__).resolve().parents[2] / "shared" / "sources"


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


def flat(text: str) -> str:
    """Text as compared with a source copy: bullets, no-break spaces, Markdown emphasis and links dropped,
    runs of white space made one space."""
    text = re.sub(r"\*+|\[|\]\([^)]*\)|\]", "", text.replace("•", " ").replace("\u00a0", " "))
    return re.sub(r"\s+", " ", text).strip()
