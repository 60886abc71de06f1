"""navigator.model.diff on small hand-made documents: each kind of change, one at a time."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from navigator.model import diff
from navigator.model.partnership import Partnership

BASE: dict[str, Any] = {
    "partnership": {"id": "p", "version": "1", "status": "published"},
    "levels": [{"level": 2, "name": "Emerging needs", "summary": "Children whose needs are not being met"}],
    "indicators": [
        {"id": "a", "level": 2, "domain": "health", "text": "Missing immunisations"},
        {"id": "b", "level": 3, "domain": "health", "text": "Self-harming behaviours"},
    ],
    "contacts": [{"id": "line", "name": "Advice line", "phone": "01234 567890"}],
    "routes": [{"id": "cp", "kind": "child_protection", "contacts": ["line"]}],
    "rules": {"levels": [{"level": 3, "at_least": 2}]},
}


def changes(edit: Any) -> list[diff.Change]:
    new = copy.deepcopy(BASE)
    edit(new)
    return diff.compare(Partnership(Path("old"), BASE), Partnership(Path("new"), new), "", "").changes


def test_moved_domain_added_and_removed_indicators() -> None:
    def edit(document: dict[str, Any]) -> None:
        document["indicators"][0]["domain"] = "education"
        document["indicators"][1] = {
            "id": "c",
            "level": 4,
            "domain": "health",
            "text": "Something else entirely",
        }

    found = changes(edit)
    assert [(c.kind, c.key) for c in found] == [("removed", "b"), ("added", "c"), ("moved-domain", "a")]
    assert (found[2].old, found[2].new) == ("health", "education")


def test_routes_rules_and_level_wording() -> None:
    def edit(document: dict[str, Any]) -> None:
        document["routes"][0]["contacts"] = []
        document["rules"]["levels"][0]["at_least"] = 1
        document["levels"][0]["summary"] = "Children whose needs are not yet being met"

    found = {(c.section, c.kind, c.key, c.field): c for c in changes(edit)}
    assert ("routes", "removed", "cp", "contacts[0]") in found
    rule = found[("rules", "changed", "levels[0].at_least", "")]
    assert (rule.old, rule.new) == (2, 1)
    wording = found[("levels", "reworded", "2", "summary")]
    assert diff.render_words(wording.words or []) == "Children whose needs are not {+yet+} being met"


def test_nothing_changed_is_identical() -> None:
    assert changes(lambda document: None) == []
