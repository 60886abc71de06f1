"""The rules quote the documents word for word: every quoted rule text is the data's own verbatim text
(checked without ../shared), and stands in the source it cites (when ../shared/sources is present)."""

from __future__ import annotations

from typing import Any

import pytest

from navigator.model.partnership import Partnership
from navigator.model.placeholders import strings
from tests.fidelity import SOURCES, flat


def _quoted(rules: dict[str, Any]) -> list[tuple[str, str, dict[str, Any] | None]]:
    """(where, verbatim text, its source) for every rule text that claims to be the document's words."""
    found = []
    for key in ("significant_harm", "combined_needs"):
        rule = rules.get(key, {})
        for field in ("quote", "text"):
            if field in rule:
                found.append((f"rules.{key}.{field}", rule[field], rule.get("source")))
    for index, rule in enumerate(rules.get("levels", [])):
        if "quote" in rule:
            found.append((f"rules.levels[{index}].quote", rule["quote"], rule["source"]))
    for note in rules.get("flag_notes", []):
        found.append((f"rules.flag_notes.{note['id']}", note["text"], note["source"]))
    return found


def test_rules_quote_texts(partnerships: list[Partnership]) -> None:
    counts = {p.id: len(_quoted(p.document["rules"])) for p in partnerships}
    assert counts == {"derby-derbyshire": 7, "stoke-staffordshire": 3, "york": 1}


def test_every_quoted_rule_text_is_verbatim_data_text(partnerships: list[Partnership]) -> None:
    for partnership in partnerships:
        rest = {key: value for key, value in partnership.document.items() if key != "rules"}
        everything = " ".join(flat(text) for _, text in strings(rest))
        for where, text, _ in _quoted(partnership.document["rules"]):
            assert flat(text) in everything, f"{partnership.id} {where}"


@pytest.mark.skipif(not SOURCES.is_dir(), reason="../shared/sources is not beside this clone")
def test_every_quoted_rule_text_stands_in_its_source(partnerships: list[Partnership]) -> None:
    for partnership in partnerships:
        files = {source["id"]: source["file"] for source in partnership.document["partnership"]["sources"]}
        rules = partnership.document["rules"]
        said = rules["significant_harm"].get("if_suspected")  # the document's words on suspected harm
        extra = [("rules.significant_harm.if_suspected", said["text"], said["source"])] if said else []
        for where, text, source in [*_quoted(rules), *extra]:
            assert source is not None, where
            original = flat((SOURCES / files[source["document"]]).read_text(encoding="utf-8"))
            assert flat(text) in original, f"{partnership.id} {where}"
