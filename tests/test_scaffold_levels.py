"""`thresholds new ID --levels NAMES`: the levels a document declares, each of a kind guessed from its name
(or its place, marked to be chosen), and where the folder is written when --into is not given."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pytest

from navigator.decision import Assessor
from navigator.model import scaffold as scaffold_module
from navigator.model.compile import compile_catalogue
from navigator.model.partnership import load_partnership
from navigator.model.problems import DataError, Position, Problem
from navigator.model.scaffold import schema_link
from navigator.model.scaffold_levels import GUESSED_NOTE, kind_in
from navigator.model.scenarios import load_scenarios
from navigator.model.schema import SCHEMA_PATH
from navigator.model.yaml_positions import load_yaml_file
from tests.conftest import THRESHOLDS, Run

TODAY = dt.date(2026, 11, 22)
THREE = "Universal,Family Help,Child protection"
FIVE = "Universal,Early help,Targeted support,Child in need,Child protection"


def _new(cli: Callable[..., Run], into: Path, names: str, partnership_id: str = "north-town") -> Path:
    result = cli("new", partnership_id, "--levels", names, "--into", str(into))
    assert result.code == 0, result.err
    return into / partnership_id


def _levels(folder: Path) -> list[dict[str, Any]]:
    levels: list[dict[str, Any]] = load_yaml_file(folder / "levels.yaml").data["levels"]
    return levels


@pytest.mark.parametrize(
    ("names", "count"),
    [(THREE, 3), (FIVE, 5), ("Universal,Child protection", 2), (f"{FIVE},Looked after", 6)],
)
def test_the_levels_given_validate_as_a_draft_and_their_golden_scenarios_hold(
    cli: Callable[..., Run], tmp_path: Path, names: str, count: int
) -> None:
    folder = _new(cli, tmp_path, names)
    result = cli("validate", str(folder))
    assert result.code == 0, result.err
    assert result.out.startswith(f"valid: north-town ({count} indicators, {count + 2} golden scenarios)")
    assert ": warning: placeholder: " in result.err
    assert [level["name"] for level in _levels(folder)] == names.split(",")
    partnership = load_partnership(folder, TODAY)
    assessor = Assessor(json.dumps(compile_catalogue([partnership])))
    goldens = load_scenarios(partnership, assessor)
    assert {golden.expect["level"] for golden in goldens} == set(range(1, count + 1))
    for golden in goldens:
        assessment = assessor.assess(golden.scenario)
        assert assessment["level"] == golden.expect["level"], golden.name
        assert [entry["phone"] for entry in assessment["urgent"] if entry["phone"]] == golden.expect["urgent"]


def test_level_dependent_parts_follow_the_levels(cli: Callable[..., Run], tmp_path: Path) -> None:
    """Five levels, child protection the fifth: rules, routes and headers say five, not four."""
    folder = _new(cli, tmp_path, FIVE)
    rules = load_yaml_file(folder / "rules.yaml").data["rules"]
    assert [rule["level"] for rule in rules["levels"]] == [5, 4, 3, 2]
    assert "level" not in rules["significant_harm"]  # the level of kind child-protection decides
    assert [entry["indicator"] for entry in rules["significant_harm"]["review"]] == [
        "placeholder-l5-indicator"
    ]
    assert rules["next_steps"][1:] == [
        {"levels": [1, 2, 3, 4], "route": "advice"},
        {"levels": [5], "route": "child-protection"},
    ]
    routes = {
        route["id"]: route.get("levels") for route in load_yaml_file(folder / "contacts.yaml").data["routes"]
    }
    assert routes == {"immediate-danger": None, "child-protection": [5], "advice": [1, 2, 3, 4]}
    levels_text = (folder / "levels.yaml").read_text(encoding="utf-8")
    assert "five levels of need" in levels_text
    assert "four" not in levels_text
    assert "1 to 5 from the least need" in levels_text
    assert "level (1-5)" in (folder / "indicators.yaml").read_text(encoding="utf-8")
    assert "# The seven below" in (folder / "scenarios.yaml").read_text(encoding="utf-8")
    for path in folder.iterdir():
        assert not re.search(r"__[a-z_]+__", path.read_text(encoding="utf-8")), path.name


def test_kinds_are_read_from_the_names(cli: Callable[..., Run], tmp_path: Path) -> None:
    folder = _new(cli, tmp_path, THREE)
    levels = _levels(folder)
    assert [level["kind"] for level in levels] == ["universal", "family-help", "child-protection"]
    assert all("note" not in level for level in levels)
    assert GUESSED_NOTE not in (folder / "levels.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("UNIVERSAL services", "universal"),
        ("Early Help", "early-help"),
        ("Emerging needs", "early-help"),
        ("Family help", "family-help"),
        ("Targeted early help", "targeted"),
        ("Intensive support", "targeted"),
        ("Children in need (section 17)", "child-in-need"),
        ("Section-17", "child-in-need"),
        ("Specialist", "specialist"),
        ("Statutory services", "specialist"),
        ("Child in need and child protection", "child-protection"),
        ("Significant harm", "child-protection"),
        ("Section 47 / protection", "child-protection"),
        ("Additional needs", None),
        ("Intensive family help", None),  # two kinds: not obvious
        ("Protections", None),  # whole words only
    ],
)
def test_a_kind_is_guessed_only_where_the_name_makes_it_obvious(name: str, kind: str | None) -> None:
    assert kind_in(name) == kind


def test_a_kind_guessed_from_the_place_is_a_placeholder_strict_refuses(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    folder = _new(cli, tmp_path, "Universal,Additional needs,Child protection")
    levels = _levels(folder)
    assert [level["kind"] for level in levels] == ["universal", "targeted", "child-protection"]
    assert [level.get("note") for level in levels] == [None, GUESSED_NOTE, None]
    line = _line_of(folder / "levels.yaml", f"    note: {json.dumps(GUESSED_NOTE)}")
    result = cli("validate", str(folder), "--strict")
    assert result.code == 1
    assert f"levels.yaml:{line}:11: levels[1].note: warning: placeholder: the kind was guessed" in result.err
    assert "--strict: warnings count as errors" in result.err


def test_with_no_child_protection_name_the_last_level_is_it_marked_as_a_guess(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    levels = _levels(_new(cli, tmp_path, "Universal,Early help,Targeted"))
    assert [level["kind"] for level in levels] == ["universal", "early-help", "child-protection"]
    assert [level.get("note") for level in levels] == [None, None, GUESSED_NOTE]
    assert cli("validate", str(tmp_path / "north-town")).code == 0


@pytest.mark.parametrize(
    ("names", "words"),
    [
        ("Universal", "--levels names 1 level; a document has 2 to 6"),
        ("A,B,C,D,E,F,Child protection", "--levels names 7 levels; a document has 2 to 6"),
        ("Universal,,Child protection", "--levels: level 2's name is empty"),
        ("", "--levels: level 1's name is empty"),
        ("Universal,Child protection,Section 47", "'Child protection' and 'Section 47' both read as child"),
        ("Child protection,Universal", "child protection cannot be level 1"),
        (
            "Universal,Child protection,Targeted",
            "'Targeted' reads as targeted but comes after child protection",
        ),
    ],
)
def test_bad_levels_are_refused_with_nothing_written(
    cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, names: str, words: str
) -> None:
    result = cli("new", "north-town", "--levels", names, "--into", str(tmp_path))
    assert result.code == 2
    assert result.err.startswith("thresholds new: --levels")
    assert words in result.err
    monkeypatch.chdir(tmp_path)
    assert cli("new", "north-town", "--levels", names).code == 2  # not even ./thresholds is made
    assert list(tmp_path.iterdir()) == []


def test_without_levels_the_four_level_scaffold(cli: Callable[..., Run], tmp_path: Path) -> None:
    assert cli("new", "north-town", "--into", str(tmp_path)).code == 0
    levels = _levels(tmp_path / "north-town")
    assert [level["level"] for level in levels] == [1, 2, 3, 4]
    assert [level["kind"] for level in levels] == ["universal", "early-help", "targeted", "child-protection"]
    assert all(level["name"].startswith("PLACEHOLDER: ") and "note" not in level for level in levels)


def test_without_into_it_writes_thresholds_under_the_current_folder(
    cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = sorted(path.name for path in THRESHOLDS.iterdir())
    monkeypatch.chdir(tmp_path)
    result = cli("new", "north-town", "--levels", THREE)
    assert result.code == 0, result.err
    assert "created thresholds/north-town" in result.out
    folder = tmp_path / "thresholds" / "north-town"
    assert len(list(folder.iterdir())) == 7
    assert sorted(path.name for path in THRESHOLDS.iterdir()) == before
    assert not (THRESHOLDS / "north-town").exists()
    link = (folder / "rules.yaml").read_text(encoding="utf-8").splitlines()[0].partition("$schema=")[2]
    assert Path(unquote(urlparse(link).path)) == SCHEMA_PATH  # no schema/ beside it: the installed one
    assert cli("validate", "thresholds").code == 0


def test_a_failure_leaves_no_thresholds_folder_behind(
    cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(folder: Path, today: dt.date) -> None:
        raise DataError([Problem(Position(folder, 1, 1), "", "broken on purpose")])

    monkeypatch.setattr(scaffold_module, "load_partnership", broken)
    monkeypatch.chdir(tmp_path)
    assert cli("new", "north-town").code == 1
    assert list(tmp_path.iterdir()) == []


def test_the_schema_link_resolves_from_where_the_files_are(tmp_path: Path) -> None:
    schema = tmp_path / "project" / "thresholds" / "schema" / "partnership.schema.json"
    schema.parent.mkdir(parents=True)
    schema.write_text("{}", encoding="utf-8")
    beside = tmp_path / "project" / "thresholds" / "north-town"
    assert schema_link(beside, schema) == "../schema/partnership.schema.json"
    inside = tmp_path / "project" / "drafts" / "north-town"
    assert schema_link(inside, schema) == "../../thresholds/schema/partnership.schema.json"
    assert (inside / schema_link(inside, schema)).resolve() == schema.resolve()
    outside = tmp_path / "elsewhere" / "thresholds" / "north-town"
    assert schema_link(outside, schema) == schema.as_uri()


def _line_of(path: Path, start: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if line.startswith(start))
