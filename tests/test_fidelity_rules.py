"""The rules quote the documents word for word: every quoted rule text is the data's own verbatim text
(checked without ../shared), and stands in the source it cites (when ../shared/sources is present; found
by `thresholds verify`'s own code, tests.fidelity.source_report)."""

from __future__ import annotations

from typing import Any

import pytest

from navigator.model.partnership import Partnership
from navigator.model.placeholders import strings
from navigator.model.problems import KeyPath, key_text
from tests.fidelity import SOURCES, flat, verified


def _quoted(rules: dict[str, Any]) -> list[tuple[KeyPath, str, dict[str, Any] | None]]:
    """(key path, verbatim text, its source) for every rule text that claims to be the document's words."""
    found: list[tuple[KeyPath, str, dict[str, Any] | None]] = []
    for key in ("significant_harm", "combined_needs"):
        rule = rules.get(key, {})
        for field in ("quote", "text"):
            if field in rule:
                found.append((("rules", key, field), rule[field], rule.get("source")))
    for index, rule in enumerate(rules.get("levels", [])):
        if "quote" in rule:
            found.append((("rules", "levels", index, "quote"), rule["quote"], rule["source"]))
    for index, note in enumerate(rules.get("flag_notes", [])):
        found.append((("rules", "flag_notes", index, "text"), note["text"], note["source"]))
    return found


def test_rules_quote_texts(partnerships: list[Partnership]) -> None:
    counts = {p.id: len(_quoted(p.document["rules"])) for p in partnerships}
    assert counts == {"derby-derbyshire": 7, "stoke-staffordshire": 3, "york": 1}


def test_every_quoted_rule_text_is_verbatim_data_text(partnerships: list[Partnership]) -> None:
    for partnership in partnerships:
        rest = {key: value for key, value in partnership.document.items() if key != "rules"}
        everything = " ".join(flat(text) for _, text in strings(rest))
        for path, text, _ in _quoted(partnership.document["rules"]):
            assert flat(text) in everything, f"{partnership.id} {key_text(path)}"


@pytest.mark.skipif(not SOURCES.is_dir(), reason="../shared/sources is not beside this clone")
def test_every_quoted_rule_text_stands_in_its_source(partnerships: list[Partnership]) -> None:
    for partnership in partnerships:
        rules = partnership.document["rules"]
        said = "if_suspected" in rules["significant_harm"]  # the document's words on suspected harm
        expected = {path for path, _, source in _quoted(rules) if source is not None}
        expected |= {("rules", "significant_harm", "if_suspected", "text")} if said else set()
        assert len(expected) == len(_quoted(rules)) + said, partnership.id  # every quote cites a source
        assert expected <= verified(partnership.id), partnership.id
