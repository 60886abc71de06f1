"""Bad input gets a clear message naming file, line and key, and a non-zero exit: one case per mistake."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Run

# (case, file, text to replace, replacement, marker: the line the message must point at, key, words)
CASES = [
    (
        "an indicator naming abuse with no significant-harm decision",
        "indicators.yaml",
        "text: Fixture indicator at level two",
        "text: Fixture indicator of sexual abuse at level two",
        "  - id: l2-health-fixture",
        "indicators[0].id",
        "needs a significant-harm decision",
    ),
    (
        "a significant-harm decision naming an unknown indicator",
        "rules.yaml",
        "{indicator: l4-health-fixture, harm: false",
        "{indicator: l4-health-fixtur, harm: false",
        "      - {indicator: l4-health-fixtur",
        "rules.significant_harm.review[0].indicator",
        "unknown indicator 'l4-health-fixtur'",
    ),
    (
        "yaml syntax error",
        "indicators.yaml",
        "    domain: health\n    text: Fixture indicator at level two",
        "    domain: [health\n    text: Fixture indicator at level two",
        "    text: Fixture indicator at level two",
        "",
        "YAML syntax error",
    ),
    (
        "duplicate key",
        "indicators.yaml",
        "    level: 2\n",
        "    level: 2\n    level: 3\n",
        "    level: 3",
        "indicators[0].level",
        "duplicate key 'level' (first given at line",
    ),
    (
        "duplicate indicator id",
        "indicators.yaml",
        "id: l4-health-fixture",
        "id: l2-health-fixture",
        "  - id: l2-health-fixture\n    level: 4",
        "indicators[1].id",
        "duplicate id 'l2-health-fixture'",
    ),
    (
        "unknown domain",
        "indicators.yaml",
        "    domain: health\n    text: Fixture indicator at level four",
        "    domain: helth\n    text: Fixture indicator at level four",
        "    domain: helth",
        "indicators[1].domain",
        "unknown domain 'helth' (known: health)",
    ),
    (
        "an indicator at a level the document does not declare",
        "indicators.yaml",
        "    level: 4\n",
        "    level: 5\n",
        "    level: 5",
        "indicators[1].level",
        "unknown level 5 (known: 1, 2, 3, 4)",
    ),
    (
        "level 7",
        "indicators.yaml",
        "    level: 4\n",
        "    level: 7\n",
        "    level: 7",
        "indicators[1].level",
        "7 is above the maximum 6",
    ),
    (
        "no child-protection level",
        "partnership.yaml",
        "    kind: child-protection\n",
        "    kind: specialist\n",
        "  - level: 1\n",
        "levels",
        "exactly one level must be of kind 'child-protection'; none is",
    ),
    (
        "two child-protection levels",
        "partnership.yaml",
        "    kind: targeted\n",
        "    kind: child-protection\n",
        "    kind: child-protection\n    name: Four",
        "levels[3].kind",
        "exactly one level must be of kind 'child-protection'; 2 are",
    ),
    (
        "missing source",
        "indicators.yaml",
        '    text: Fixture indicator at level two\n    source: {document: fixture-source, section: "4"}\n',
        "    text: Fixture indicator at level two\n",
        "  - id: l2-health-fixture",
        "indicators[0].source",
        "missing required key 'source'",
    ),
    (
        "wrong type",
        "indicators.yaml",
        "    level: 2\n",
        "    level: two\n",
        "    level: two",
        "indicators[0].level",
        "expected a whole number, got text",
    ),
    (
        "unknown top-level key",
        "contacts.yaml",
        "routes:\n",
        "colour: blue\nroutes:\n",
        "colour: blue",
        "colour",
        "unknown key 'colour' (allowed here:",
    ),
    (
        "malformed phone number",
        "contacts.yaml",
        '"01632 960001"',
        '"01632 96000"',
        '    phone: "01632 96000"',
        "contacts[0].phone",
        "'01632 96000' is not valid: a phone number is 999 or a UK number of 11 digits",
    ),
    (
        "duplicate area id",
        "partnership.yaml",
        "  - id: south\n    name: South",
        "  - id: north\n    name: South",
        "  - id: north\n    name: South",
        "areas[1].id",
        "duplicate id 'north' (also used by areas[0])",
    ),
    (
        "missing level",
        "partnership.yaml",
        "  - level: 3\n    kind: targeted\n    name: Three",
        "  - level: 2\n    kind: targeted\n    name: Three",
        "  - level: 2\n    kind: targeted\n    name: Three",
        "levels[2].level",
        "level 2 is described twice",
    ),
    (
        "unknown contact in a route",
        "contacts.yaml",
        "contacts: [south-line]",
        "contacts: [west-line]",
        "    contacts: [west-line]",
        "routes[1].contacts[0]",
        "unknown contact 'west-line'",
    ),
    (
        "closing before opening",
        "contacts.yaml",
        'closes: "17:00"',
        'closes: "08:00"',
        "      weekly: [{days:",
        "contacts[0].hours.weekly[0]",
        "closes (08:00) must be after opens (09:00)",
    ),
    (
        "unknown source document",
        "indicators.yaml",
        'source: {document: fixture-source, section: "4"}\n  - id: l4',
        'source: {document: fixture-sauce, section: "4"}\n  - id: l4',
        "    source: {document: fixture-sauce",
        "indicators[0].source.document",
        "unknown source document 'fixture-sauce'",
    ),
    (
        "key in two files",
        "indicators.yaml",
        "domains:\n",
        "routes: []\ndomains:\n",
        "routes: []",
        "routes",
        "'routes' is already given in contacts.yaml at line",
    ),
    (
        "blank text",
        "indicators.yaml",
        "text: Fixture indicator at level two",
        "text: '   '",
        "    text: '   '",
        "indicators[0].text",
        "is not valid: text must not be blank",
    ),
    (
        "rules without method",
        "rules.yaml",
        "  method: indicators\n",
        "",
        "  default_level: 1",
        "rules.method",
        "missing required key 'method'",
    ),
    (
        "rules name an unknown route",
        "rules.yaml",
        "route: north-child-protection}",
        "route: north-child-protectio}",
        "    - {levels: [4], route: north-child-protectio}",
        "rules.next_steps[1].route",
        "unknown route 'north-child-protectio'",
    ),
    (
        "immediate danger route without 999",
        "rules.yaml",
        "immediate_danger: {route: immediate-danger,",
        "immediate_danger: {route: north-child-protection,",
        "  immediate_danger:",
        "rules.immediate_danger.route",
        "is of kind child_protection, not immediate_danger",
    ),
    (
        "borderline level not below its rule",
        "rules.yaml",
        "otherwise: {level: 2,",
        "otherwise: {level: 3,",
        "    - {level: 3, at_least: 2, otherwise: {level: 3,",
        "rules.levels[1].otherwise.level",
        "otherwise.level must be below 3",
    ),
    (
        "golden scenario with an unknown indicator",
        "scenarios.yaml",
        "      indicators: [l2-health-fixture]",
        "      indicators: [l2-health-fixture, l2-helth]",
        "      indicators: [l2-health-fixture, l2-helth]",
        "scenarios[0].scenario.indicators[1]",
        "unknown indicator 'l2-helth' for fixture",
    ),
    (
        "golden scenario with a bad flag value",
        "scenarios.yaml",
        "flags: {immediate_danger: true}",
        "flags: {immediate_danger: yes please}",
        "      flags: {immediate_danger: yes please}",
        "scenarios[1].scenario.flags.immediate_danger",
        "expected true/false or nothing, got text",
    ),
    (
        "golden scenarios with the same name",
        "scenarios.yaml",
        "  - name: Fixture immediate danger",
        "  - name: Fixture level two",
        '  - name: Fixture level two\n    based_on: {document: fixture-source, section: "5"}\n'
        "    scenario:\n      area: south",
        "scenarios[1].name",
        "scenario name 'Fixture level two' is also used at line 4",
    ),
]


def _line_of(text: str, marker: str) -> int:
    return text[: text.index(marker)].count("\n") + 1


@pytest.mark.parametrize(
    ("case", "file", "old", "new", "marker", "key", "words"), CASES, ids=[c[0] for c in CASES]
)
def test_bad_input_names_file_line_and_key(
    cli: Callable[..., Run],
    minimal: Path,
    case: str,
    file: str,
    old: str,
    new: str,
    marker: str,
    key: str,
    words: str,
) -> None:
    path = minimal / file
    original = path.read_text(encoding="utf-8")
    assert original.count(old) == 1, f"fixture text for {case!r} must occur exactly once"
    broken = original.replace(old, new)
    path.write_text(broken, encoding="utf-8")
    result = cli("validate", str(minimal))
    assert result.code == 1
    assert "Traceback" not in result.err
    line = _line_of(broken, marker)
    expected_start = f"{path}:{line}:"
    lines = [entry for entry in result.err.splitlines() if entry.startswith(expected_start)]
    assert lines, f"no message at {expected_start} in:\n{result.err}"
    assert any(f": {key or '(file)'}: " in entry and words in entry for entry in lines), result.err


def test_area_without_child_protection_line(cli: Callable[..., Run], minimal: Path) -> None:
    contacts = minimal / "contacts.yaml"
    text = contacts.read_text(encoding="utf-8")
    contacts.write_text(
        text.replace(
            "kind: child_protection\n    levels: [4]\n    title: South",
            "kind: advice\n    levels: [4]\n    title: South",
        ),
        encoding="utf-8",
    )
    partnership = (minimal / "partnership.yaml").read_text(encoding="utf-8")
    line = _line_of(partnership, "  - id: south")
    result = cli("validate", str(minimal))
    assert result.code == 1
    assert (
        f"{minimal / 'partnership.yaml'}:{line}:5: areas[1]: area 'south' has no child_protection route "
        "with an urgent phone contact"
    ) in result.err


def test_empty_file(cli: Callable[..., Run], minimal: Path) -> None:
    (minimal / "indicators.yaml").write_text("", encoding="utf-8")
    result = cli("validate", str(minimal))
    assert result.code == 1
    assert f"{minimal / 'indicators.yaml'}:1:1: (file): file is empty" in result.err


def test_comment_only_file_is_empty(cli: Callable[..., Run], minimal: Path) -> None:
    (minimal / "indicators.yaml").write_text("# nothing but a comment\n", encoding="utf-8")
    result = cli("validate", str(minimal))
    assert result.code == 1
    assert "indicators.yaml:1:1: (file): file is empty" in result.err


def test_non_utf8_file_points_at_the_byte(cli: Callable[..., Run], minimal: Path) -> None:
    path = minimal / "indicators.yaml"
    raw = path.read_bytes().replace(b"Fixture indicator at level four", b"Fixture indicator at level f\xf6ur")
    path.write_bytes(raw)
    line = raw[: raw.index(b"\xf6")].count(b"\n") + 1
    column = raw.index(b"\xf6") - raw.rfind(b"\n", 0, raw.index(b"\xf6"))
    result = cli("validate", str(minimal))
    assert result.code == 1
    assert f"{path}:{line}:{column}: (file): file is not UTF-8 text (byte 0xf6)" in result.err


def test_list_instead_of_mapping(cli: Callable[..., Run], minimal: Path) -> None:
    (minimal / "indicators.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    result = cli("validate", str(minimal))
    assert result.code == 1
    assert "indicators.yaml:1:1: (file): the file must be a mapping of top-level keys" in result.err


def test_every_error_is_reported_not_only_the_first(cli: Callable[..., Run], minimal: Path) -> None:
    path = minimal / "indicators.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("level: 2", "level: 7").replace("level: 4", "level: 9"),
        encoding="utf-8",
    )
    result = cli("validate", str(minimal))
    assert result.code == 1
    assert "indicators[0].level: 7 is above the maximum 6" in result.err
    assert "indicators[1].level: 9 is above the maximum 6" in result.err
    assert "2 error(s)" in result.err


def test_unquoted_dates_stay_text(cli: Callable[..., Run], minimal: Path) -> None:
    path = minimal / "partnership.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('published: "2024-01"', "published: 2024-01-05"),
        encoding="utf-8",
    )
    assert cli("validate", str(minimal)).code == 0


def test_a_lesser_need_above_child_protection_is_refused(cli: Callable[..., Run], minimal: Path) -> None:
    path = minimal / "partnership.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    kind: targeted\n", "    kind: child-protection\n")
    text = text.replace("    kind: child-protection\n    name: Four", "    kind: early-help\n    name: Four")
    path.write_text(text, encoding="utf-8")
    (minimal / "rules.yaml").write_text(
        (minimal / "rules.yaml").read_text(encoding="utf-8").replace("    level: 4\n", ""), encoding="utf-8"
    )
    result = cli("validate", str(minimal))
    assert result.code == 1
    line = text.splitlines().index("    kind: early-help", text.splitlines().index("  - level: 4")) + 1
    assert (
        f"{path}:{line}:11: levels[3].kind: a level of kind 'early-help' cannot be above the "
        "child-protection level 3"
    ) in result.err
