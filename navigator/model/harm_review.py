"""Which indicators need a recorded significant-harm decision, and which of them have none.

Every indicator at the child-protection level needs one, and so does every lower one whose words name
abuse, neglect, injury, exploitation or harm: a new or revised document cannot skip the review
(rules.significant_harm.review, docs/safety/hazard-log.md H1).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from navigator.model.levels import protection_level

# Words that name abuse, neglect or harm. Broad on purpose: a needless review costs a line of YAML, a
# missed one can hide a child-protection indicator. Matched case-insensitively at a word's start.
HARM_WORDS = re.compile(
    r"\b(abus|neglect|injur|harm|assault|violen|fgm|female genital|mutilat|honour|forced marriage|"
    r"traffick|slavery|exploit|fabricated|induced illness|fii\b|sexual|grooming|radicali|"
    r"bruis|burn|fractur|cruel|ill[- ]treat|maltreat|non[- ]accidental|unexplained|coerc|chastis|"
    r"scapegoat|parental care|adequate care|victim|crime|extremis|lack of food|accident)",
    re.IGNORECASE,
)


def names_harm(text: str) -> bool:
    """Whether an indicator's words name abuse, neglect, injury, exploitation or harm."""
    return HARM_WORDS.search(text) is not None


def needs_decision(indicator: Mapping[str, Any], protection_level: int) -> bool:
    """Whether an indicator must have a significant-harm decision recorded."""
    return indicator["level"] >= protection_level or names_harm(str(indicator["text"]))


def decisions(rules: Mapping[str, Any]) -> dict[str, bool]:
    """Indicator id → whether it is marked as suspected significant harm (marked outright or reviewed)."""
    harm = rules.get("significant_harm", {})
    found = {entry["indicator"]: bool(entry["harm"]) for entry in harm.get("review", [])}
    found.update((indicator, True) for indicator in harm.get("indicators", []))
    return found


def marked(rules: Mapping[str, Any]) -> list[str]:
    """The indicators that mean significant harm is suspected, in the order the data gives them."""
    harm = rules.get("significant_harm", {})
    listed = list(harm.get("indicators", []))
    reviewed = [entry["indicator"] for entry in harm.get("review", []) if entry["harm"]]
    return listed + [indicator for indicator in reviewed if indicator not in listed]


def missing(document: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    """The indicators that need a decision and have none."""
    rules = document.get("rules", {})
    level = protection_level(document)
    if "significant_harm" not in rules or level is None:
        return
    decided = decisions(rules)
    for indicator in document.get("indicators", []):
        if indicator["id"] not in decided and needs_decision(indicator, level):
            yield indicator


def review_problems(document: Mapping[str, Any]) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """Missing, repeated or contradictory significant-harm decisions, as (path, message, severity)."""
    harm = document.get("rules", {}).get("significant_harm")
    if harm is None:
        return
    listed = set(harm.get("indicators", []))
    seen: set[str] = set()
    for index, entry in enumerate(harm.get("review", [])):
        path = ("rules", "significant_harm", "review", index, "indicator")
        if entry["indicator"] in seen:
            yield path, f"indicator '{entry['indicator']}' has two significant-harm decisions", "error"
        seen.add(entry["indicator"])
        if entry["indicator"] in listed and not entry["harm"]:
            said = "is listed in significant_harm.indicators but reviewed as not harm"
            yield path, f"indicator '{entry['indicator']}' {said}", "error"
    where = {indicator["id"]: index for index, indicator in enumerate(document.get("indicators", []))}
    for indicator in missing(document):
        message = (
            f"indicator '{indicator['id']}' (level {indicator['level']}) needs a significant-harm decision: "
            "add {indicator, harm: true or false, reason} to rules.significant_harm.review"
        )
        yield ("indicators", where[indicator["id"]], "id"), message, "error"
