"""`thresholds diff` and `thresholds impact` when the levels change (issue 21): added, removed, renamed,
renumbered, merged or split, and where each old level's indicators went.

The revision is the test fixture in tests/fixtures/three_levels.py (made up, never published): Derby
and Derbyshire's four levels made three, Levels 2 and 3 merged into Family Help, Level 4 renumbered 3.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from navigator.handbook import changes
from navigator.model import diff
from navigator.model.catalogue import load_all, load_versions
from navigator.model.partnership import Partnership
from tests.conftest import THRESHOLDS, Run
from tests.fixtures import revised, three_levels

TODAY = dt.date(2026, 11, 22)
REAL = str(THRESHOLDS / "derby-derbyshire")
Cli = Callable[..., Run]
# Indicators per level in thresholds/derby-derbyshire/indicators.yaml, counted by hand (31 + 72 + 43 + 69
# = 215, the count `thresholds validate` gives).
LEVEL_1, LEVEL_2, LEVEL_3, LEVEL_4 = 31, 72, 43, 69
UNIVERSAL = "Level 1 Universal (universal)"
EMERGING_NEEDS = "Level 2 Emerging Needs (early-help)"
INTENSIVE = "Level 3 Intensive (targeted)"
SPECIALIST = "Level 4 Specialist (child-protection)"
FAMILY_HELP = "Level 2 Family Help (family-help)"
CHILD_PROTECTION = "Level 3 Child protection (child-protection)"


@pytest.fixture
def three(tmp_path: Path) -> Path:
    return three_levels.three_level_copy(tmp_path / "three")


def _diff_json(cli: Cli, old: str, new: str) -> dict[str, Any]:
    run = cli("diff", old, new, "--json")
    assert run.code == 0, run.err
    (comparison,) = json.loads(run.out)["comparisons"]
    return dict(comparison)


# ---- the fixture -------------------------------------------------------------------------------------------
def test_the_three_level_fixture_validates_and_says_what_it_is(cli: Cli, three: Path) -> None:
    run = cli("validate", str(three), "--today", "2026-11-22")
    assert run.code == 0, run.err
    assert "valid: derby-derbyshire (215 indicators, 41 golden scenarios)" in run.out
    for path in three.glob("*.yaml"):
        assert path.read_text(encoding="utf-8").startswith("# TEST FIXTURE, NOT GUIDANCE"), path
    assert not (THRESHOLDS / "derby-derbyshire" / "versions").exists()


# ---- diff --------------------------------------------------------------------------------------------------
def test_diff_says_where_each_old_level_went(cli: Cli, three: Path) -> None:
    run = cli("diff", REAL, str(three))
    assert run.code == 0, run.err
    assert "Levels, where each old level went (4 → 3 levels; indicators matched by id):" in run.out
    assert f"  kept          {UNIVERSAL}: {LEVEL_1} indicators\n" in run.out
    assert (
        f"  merged        {EMERGING_NEEDS} and {INTENSIVE} → {FAMILY_HELP}: "
        f"{LEVEL_2} and {LEVEL_3} indicators\n"
    ) in run.out
    assert f"  renumbered, renamed {SPECIALIST} → {CHILD_PROTECTION}: {LEVEL_4} indicators\n" in run.out
    # The merged level's own fields against Level 2's, the renumbered one's against Level 4's.
    assert '  changed       2 kind: "early-help" → "family-help"' in run.out
    assert '  changed       4 → 3 name: "Specialist" → "Child protection"' in run.out
    # Indicator by indicator, as before: every Level 3 and Level 4 indicator moved, with its level.
    assert f"Indicators: {LEVEL_3 + LEVEL_4} moved level" in run.out
    assert "moved level   l3-health-self-harming-behaviours level: 3 → 2 (with its level)" in run.out
    assert (
        "moved level   l4-health-evidence-of-significant-harm-or-neglect level: 4 → 3 (with its level)"
        in run.out
    )
    assert "l2-health-missing-immunisations-checks" not in run.out  # Level 2 stays Level 2


def test_diff_json_has_the_levels_object(cli: Cli, three: Path) -> None:
    comparison = _diff_json(cli, REAL, str(three))
    assert {"old", "new", "identical", "changes", "levels"} <= set(comparison)
    levels = comparison["levels"]
    assert levels["changed"] is True
    assert levels["count"] == {"old": 4, "new": 3}
    assert levels["added"] == []
    moves = {move["old"]["level"]: move for move in levels["moves"]}
    assert moves[1]["changes"] == ["kept"]
    assert moves[2]["changes"] == ["merged", "renamed", "kind-changed"]
    assert moves[3]["changes"] == ["merged", "renumbered", "renamed", "kind-changed"]
    assert moves[4]["changes"] == ["renumbered", "renamed"]
    assert (moves[2]["merged_with"], moves[3]["merged_with"], moves[4]["merged_with"]) == ([3], [2], [])
    family_help = {
        "level": 2,
        "kind": "family-help",
        "name": "Family Help",
        "title": "Level 2 – Family Help (test fixture)",
    }
    assert moves[3]["old"] == {
        "level": 3,
        "kind": "targeted",
        "name": "Intensive",
        "title": "Level 3 – Intensive",
    }
    assert moves[3]["new"] == [family_help]
    assert moves[3]["to"] == [{**family_help, "indicators": LEVEL_3}]
    assert [(m["indicators"], [t["indicators"] for t in m["to"]]) for m in moves.values()] == [
        (LEVEL_1, [LEVEL_1]),
        (LEVEL_2, [LEVEL_2]),
        (LEVEL_3, [LEVEL_3]),
        (LEVEL_4, [LEVEL_4]),
    ]
    assert moves[4]["new"][0]["kind"] == "child-protection"
    assert moves[4]["new"][0]["level"] == 3
    assert all(move["removed_indicators"] == 0 for move in moves.values())
    moved = [change for change in comparison["changes"] if change["kind"] == "moved-level"]
    assert len(moved) == LEVEL_3 + LEVEL_4
    assert {(c["old"], c["new"], c["note"]) for c in moved} == {
        (3, 2, "with its level"),
        (4, 3, "with its level"),
    }


def test_the_same_levels_report_no_level_change(cli: Cli, tmp_path: Path) -> None:
    assert _diff_json(cli, REAL, REAL)["levels"]["changed"] is False
    fixture = revised.revised_copy(tmp_path / "revised")  # one indicator moved from Level 2 to Level 3
    comparison = _diff_json(cli, REAL, str(fixture))
    levels = comparison["levels"]
    assert levels["changed"] is False
    assert all(move["changes"] == ["kept"] for move in levels["moves"])
    level_2 = next(move for move in levels["moves"] if move["old"]["level"] == 2)
    assert [(to["level"], to["indicators"]) for to in level_2["to"]] == [(2, LEVEL_2 - 1), (3, 1)]
    moved = next(change for change in comparison["changes"] if change["kind"] == "moved-level")
    assert "note" not in moved  # moved on its own, not with its level
    assert "Levels, where each old level went" not in cli("diff", REAL, str(fixture)).out


# ---- impact ------------------------------------------------------------------------------------------------
def test_impact_names_the_level_on_both_sides(cli: Cli, three: Path) -> None:
    run = cli("impact", REAL, str(three))
    assert run.code == 0, run.err
    # 40 scenarios of the old version, and the fixture's renamed one and its added one.
    assert (
        "42 golden scenario(s) run under both; 3 land differently; 31 land where their level went" in run.out
    )
    # One Level 3 indicator was Level 2, borderline; merged, one indicator is enough.
    assert (
        '  "Exactly one Level 3 indicator in Derbyshire suggests Level 2, borderline" '
        "(a golden scenario of the old version)\n"
        f"      level (where its level went): {EMERGING_NEEDS} → {FAMILY_HELP}\n"
        "      borderline: true → false\n"
    ) in run.out
    assert (
        '"A Level 2 and a former Level 3 indicator in Derby City suggest Family Help, not borderline"'
        in run.out
    )
    # Scenarios that land where their level went are listed apart, by level, named on both sides.
    followed = run.out.split(f"    {INTENSIVE} → {FAMILY_HELP}:\n")[1]
    assert followed.startswith('      "Two Level 3 indicators in Derby City suggest Level 3"')
    assert f"    {SPECIALIST} → {CHILD_PROTECTION}:\n" in run.out


def test_impact_json_gives_each_side_its_level(cli: Cli, three: Path) -> None:
    run = cli("impact", REAL, str(three), "--json")
    document = json.loads(run.out)
    assert document["changed"] == 3
    (comparison,) = document["comparisons"]
    assert {entry["name"] for entry in comparison["changed"]} == {
        "Exactly one Level 3 indicator in Derbyshire suggests Level 2, borderline",
        "Exactly one former Level 3 indicator in Derbyshire suggests Family Help, not borderline",
        "A Level 2 and a former Level 3 indicator in Derby City suggest Family Help, not borderline",
    }
    assert all(entry["differences"] == ["borderline"] for entry in comparison["changed"])
    followed = {entry["name"]: entry["levels"] for entry in comparison["followed"]}
    assert len(followed) == 31
    levels = followed[
        "A Level 4 indicator other than significant harm in Derbyshire suggests Level 4 with nothing urgent"
    ]
    assert (levels["old"]["level"], levels["old"]["kind"]) == (4, "child-protection")
    assert (levels["new"]["level"], levels["new"]["kind"], levels["new"]["name"]) == (
        3,
        "child-protection",
        "Child protection",
    )
    assert followed["Two Level 3 indicators in Derby City suggest Level 3"]["new"]["kind"] == "family-help"


# ---- the handbook ----------------------------------------------------------------------------------------
def test_what_changed_page_shows_where_the_levels_went(tmp_path: Path) -> None:
    root = tmp_path / "thresholds"
    shutil.copytree(THRESHOLDS, root)
    three_levels.three_level_copy(tmp_path / "made")
    shutil.copytree(tmp_path / "made" / "derby-derbyshire", root / "derby-derbyshire" / "versions" / "3")
    found = load_versions(root, TODAY)
    bodies = changes.bodies(found, load_all(root, TODAY, drafts=True), root, TODAY)
    page = bodies["derby-derbyshire/what-changed.md"]
    assert "### Levels\n\nLevels, where each old level went (4 → 3 levels; indicators matched by id):" in page
    assert f"- **merged**: {EMERGING_NEEDS} and {INTENSIVE} → {FAMILY_HELP}: 72 and 43 indicators" in page
    assert "(with its level)" in page
    published = changes.bodies(found, load_all(root, TODAY), root, TODAY)["derby-derbyshire/what-changed.md"]
    assert "where each old level went" not in published  # drafts stay out


# ---- small documents: each kind of level change ------------------------------------------------------------
BASE: dict[str, Any] = {
    "partnership": {"id": "p", "version": "1", "status": "published"},
    "levels": [
        {"level": 1, "kind": "universal", "name": "Universal", "title": "Level 1"},
        {"level": 2, "kind": "targeted", "name": "Targeted", "title": "Level 2"},
        {"level": 3, "kind": "child-protection", "name": "Protection", "title": "Level 3"},
    ],
    "indicators": [
        {"id": f"i{level}{n}", "level": level, "domain": "d", "text": f"Indicator {level}.{n}"}
        for level in (1, 2, 3)
        for n in range(4)
    ],
}


def _levels(edit: Callable[[dict[str, Any]], None], old: dict[str, Any] = BASE) -> tuple[dict[str, Any], str]:
    """Each old level's changes and the `levels` JSON, and the text, from BASE (or `old`) to its edit."""
    new = copy.deepcopy(old)
    edit(new)
    comparison = diff.compare(Partnership(Path("old"), old), Partnership(Path("new"), new), "", "")
    moves = {move.old.level: move.changes for move in comparison.levels.moves} if comparison.levels else {}
    return {"moves": moves, "json": comparison.as_json()["levels"]}, comparison.text()


def test_a_level_split_in_two() -> None:
    def edit(document: dict[str, Any]) -> None:
        document["levels"].insert(
            2, {"level": 3, "kind": "child-in-need", "name": "In need", "title": "Level 3"}
        )
        document["levels"][3] = {**document["levels"][3], "level": 4, "title": "Level 4"}
        for indicator in document["indicators"]:
            indicator["level"] += 1 if indicator["level"] == 3 or indicator["id"] in ("i22", "i23") else 0

    found, text = _levels(edit)
    assert found["moves"] == {1: ["kept"], 2: ["split"], 3: ["renumbered", "renamed"]}
    assert (
        "split         Level 2 Targeted (targeted) → Level 2 Targeted (targeted) and Level 3 In need" in text
    )
    assert ": 2 and 2 indicators" in text
    assert found["json"]["added"] == []


def test_a_level_removed_and_one_added() -> None:
    def edit(document: dict[str, Any]) -> None:
        document["levels"][1] = {"level": 2, "kind": "specialist", "name": "Specialist", "title": "Level 2"}
        document["indicators"] = [i for i in document["indicators"] if i["level"] != 2]
        document["indicators"].append({"id": "new", "level": 2, "domain": "d", "text": "A new one"})

    found, text = _levels(edit)
    assert found["moves"][2] == ["removed"]
    assert "removed       Level 2 Targeted (targeted): its 4 indicators removed" in text
    assert "added         Level 2 Specialist (specialist): 1 indicator" in text


def test_levels_without_indicators_pair_by_kind_then_number() -> None:
    """Like York's disposals: no indicators on either side, so kind, then name, then number."""

    def edit(document: dict[str, Any]) -> None:
        document["levels"] = [
            {"level": 1, "kind": "universal", "name": "Universal", "title": "Level 1"},
            {"level": 2, "kind": "early-help", "name": "Early help", "title": "Level 2"},
            {"level": 3, "kind": "child-in-need", "name": "In need", "title": "Level 3"},
            {"level": 4, "kind": "child-protection", "name": "Protection", "title": "Level 4"},
        ]

    found, text = _levels(edit, {**BASE, "indicators": []})
    assert found["moves"] == {
        1: ["kept"],
        2: ["renamed", "kind-changed"],
        3: ["renumbered", "renamed"],
    }
    assert "added         Level 3 In need (child-in-need)\n" in text  # no indicators, no count


def test_a_renamed_level_keeps_its_indicators() -> None:
    def edit(document: dict[str, Any]) -> None:
        document["levels"][1]["name"] = "Early help"

    found, text = _levels(edit)
    assert found["moves"] == {1: ["kept"], 2: ["renamed"], 3: ["kept"]}
    assert "renamed       Level 2 Targeted (targeted) → Level 2 Early help (targeted): 4 indicators" in text
    assert '  changed       2 name: "Targeted" → "Early help"' in text
