"""Publishing revised thresholds: versions, `thresholds diff`, `thresholds impact`, drafts, what changed.

The revised copy is the test fixture in tests/fixtures/revised.py (made up, never published): one
indicator moved from Level 2 to Level 3, one reworded, one renamed, one contact's hours changed.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from navigator.handbook import changes, pages
from navigator.model import versions
from navigator.model.catalogue import load_all, load_versions
from navigator.model.problems import DataError
from tests.conftest import THRESHOLDS, Run, mkdocs_build
from tests.fixtures import revised

TODAY = dt.date(2026, 11, 22)
REAL = str(THRESHOLDS / "derby-derbyshire")
Cli = Callable[..., Run]


@pytest.fixture
def fixture(tmp_path: Path) -> Path:
    return revised.revised_copy(tmp_path / "revised")


@pytest.fixture
def with_versions(tmp_path: Path) -> Path:
    """A copy of thresholds/ where Derby and Derbyshire also holds the fixture as the draft versions/2."""
    root = tmp_path / "thresholds"
    shutil.copytree(THRESHOLDS, root)
    revised.revised_copy(tmp_path / "made")
    shutil.copytree(tmp_path / "made" / "derby-derbyshire", root / "derby-derbyshire" / "versions" / "2")
    return root


def _set(folder: Path, before: str, after: str) -> None:
    path = folder / "partnership.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(before) == 1
    path.write_text(text.replace(before, after), encoding="utf-8")


# ---- diff --------------------------------------------------------------------------------------------------
def test_diff_lists_each_indicator_change_and_the_contacts_hours(cli: Cli, fixture: Path) -> None:
    run = cli("diff", REAL, str(fixture))
    assert run.code == 0, run.err
    assert "moved level   l2-health-missing-immunisations-checks level: 2 → 3" in run.out
    assert (
        "reworded      l2-health-child-is-slow-in-reaching-developmental text: "
        "Child is slow [-in reaching-] {+to reach+} developmental milestones"
    ) in run.out
    assert "renamed id    l1-health-physically-well → l1-health-is-physically-well" in run.out
    assert "starting-point-advice-line hours.text: 9am to [-5pm-] {+4pm+} Monday to Friday" in run.out
    assert "Indicators: 1 moved level, 1 reworded, 1 renamed id" in run.out
    assert "removed" not in run.out  # the renamed indicator is not "removed and added"


def test_diff_json_for_machines(cli: Cli, fixture: Path) -> None:
    run = cli("diff", REAL, str(fixture), "--json")
    document = json.loads(run.out)
    assert document["identical"] is False
    (comparison,) = document["comparisons"]
    assert comparison["old"]["version"] == "1"
    assert comparison["new"]["status"] == "draft"
    moved = [c for c in comparison["changes"] if c["kind"] == "moved-level"]
    assert moved == [
        {
            "section": "indicators",
            "kind": "moved-level",
            "key": "l2-health-missing-immunisations-checks",
            "field": "level",
            "old": 2,
            "new": 3,
        }
    ]
    reworded = next(c for c in comparison["changes"] if c["kind"] == "reworded")
    assert reworded["words"] == [
        ["=", "Child is slow"],
        ["-", "in reaching"],
        ["+", "to reach"],
        ["=", "developmental milestones"],
    ]


def test_identical_inputs_say_so(cli: Cli) -> None:
    run = cli("diff", REAL, REAL)
    assert "No changes: the two versions are identical." in run.out
    assert json.loads(cli("diff", REAL, REAL, "--json").out)["identical"] is True
    impact = cli("impact", REAL, REAL)
    assert "40 golden scenario(s) run under both; 0 land differently" in impact.out


def test_diff_of_two_versions_of_one_partnership(cli: Cli, with_versions: Path) -> None:
    new = f"derby-derbyshire@{revised.VERSION}"
    run = cli("diff", "derby-derbyshire@1", new, "--thresholds", str(with_versions))
    assert run.code == 0, run.err
    assert "moved level   l2-health-missing-immunisations-checks" in run.out
    missing = cli("diff", "derby-derbyshire@9", new, "--thresholds", str(with_versions))
    assert missing.code == 2
    assert "'derby-derbyshire' has no version '9' (versions: 1, test fixture, not guidance)" in missing.err


def test_diff_of_two_git_revisions(cli: Cli, tmp_path: Path) -> None:
    repository = tmp_path / "repo"
    shutil.copytree(THRESHOLDS, repository / "thresholds")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run(["git", "init", "-q", str(repository)], check=True)
    subprocess.run([*git, "-C", str(repository), "add", "."], check=True)
    subprocess.run([*git, "-C", str(repository), "commit", "-qm", "one"], check=True)
    contacts = repository / "thresholds" / "york" / "contacts.yaml"
    text = contacts.read_text(encoding="utf-8")
    contacts.write_text(text.replace("01904 551900", "01904 000000", 1), encoding="utf-8")
    subprocess.run([*git, "-C", str(repository), "commit", "-qam", "two"], check=True)
    run = cli("diff", "HEAD~1", "HEAD", "--thresholds", str(repository / "thresholds"))
    assert run.code == 0, run.err
    assert "york version undated" in run.out
    assert 'york-front-door phone: "01904 551900" → "01904 000000"' in run.out
    assert "derby-derbyshire version 1 (published, HEAD~1: derby-derbyshire) →" in run.out
    assert run.out.count("No changes") == 2  # Derby and Stoke are unchanged
    bad = cli("diff", "no-such-revision", "HEAD", "--thresholds", str(repository / "thresholds"))
    assert bad.code == 2
    assert "no-such-revision: not a folder, an ID@VERSION" in bad.err


def test_malformed_input_is_named_by_file_line_and_key(cli: Cli, fixture: Path) -> None:
    levels = fixture / "levels.yaml"
    levels.write_text(
        levels.read_text(encoding="utf-8").replace("level: 4", "level: four", 1), encoding="utf-8"
    )
    run = cli("diff", REAL, str(fixture))
    assert run.code == 1
    assert "levels.yaml:" in run.err
    assert "levels[3].level" in run.err
    assert run.out == ""


# ---- impact ------------------------------------------------------------------------------------------------
def test_impact_lists_the_scenarios_that_land_differently(cli: Cli, fixture: Path) -> None:
    run = cli("impact", REAL, str(fixture))
    assert run.code == 0, run.err
    assert "41 golden scenario(s) run under both; 3 land differently" in run.out
    assert (
        '"One Level 2 indicator in Derbyshire suggests Level 2" (a golden scenario of the old version)'
        in run.out
    )
    assert "      borderline: false → true" in run.out
    assert "unknown indicator 'l1-health-physically-well'" in run.out  # the renamed id
    document = json.loads(cli("impact", REAL, str(fixture), "--json").out)
    assert document["changed"] == 3
    moved = next(c for c in document["comparisons"][0]["changed"] if c["differences"] == ["borderline"])
    assert moved["old"] == {"level": 2, "borderline": False, "urgent": [], "phones": ["01629 535353"]}
    assert moved["new"]["level"] == 2


# ---- versions ----------------------------------------------------------------------------------------------
def test_the_published_version_in_effect_is_used_and_drafts_only_on_request(with_versions: Path) -> None:
    chosen = {p.id: p for p in load_all(with_versions, TODAY)}
    assert chosen["derby-derbyshire"].document["partnership"]["version"] == "1"
    with_drafts = {p.id: p for p in load_all(with_versions, TODAY, drafts=True)}
    assert with_drafts["derby-derbyshire"].document["partnership"]["version"] == revised.VERSION
    assert with_drafts["york"].document["partnership"]["version"] == "undated"  # no draft: the published
    draft = with_versions / "derby-derbyshire" / "versions" / "2"
    _set(draft, "  status: draft\n", '  status: published\n  effective_from: "2027-01"\n')
    assert {p.id: p for p in load_all(with_versions, TODAY)}[
        "derby-derbyshire"
    ].folder.name == "derby-derbyshire"
    later = {p.id: p for p in load_all(with_versions, dt.date(2027, 1, 1))}
    assert later["derby-derbyshire"].folder == draft  # in effect from January 2027
    _set(draft, "  status: published\n", "  status: withdrawn\n")
    assert {p.id: p for p in load_all(with_versions, dt.date(2027, 1, 1))}["derby-derbyshire"].folder != draft


def test_versions_must_keep_the_id_and_have_distinct_names(with_versions: Path) -> None:
    draft = with_versions / "derby-derbyshire" / "versions" / "2"
    _set(draft, f'  version: "{revised.VERSION}"\n', '  version: "1"\n')
    with pytest.raises(DataError, match="version '1' is also given in"):
        load_versions(with_versions, TODAY)


def test_a_partnership_with_only_a_draft_is_left_out_with_a_warning(cli: Cli, fixture: Path) -> None:
    assert load_all(fixture.parent, TODAY) == []  # under a thresholds folder: no version in force
    assert load_all(fixture, TODAY)[0].folder == fixture  # the folder named: that version
    run = cli("validate", str(fixture), "--today", "2026-11-22")
    assert run.code == 0
    assert "no version is published and in force today" in run.err
    assert cli("validate", str(fixture), "--strict", "--today", "2026-11-22").code == 1


def test_chronological_order_and_effective_dates(with_versions: Path) -> None:
    found = load_versions(with_versions, TODAY)["derby-derbyshire"]
    assert [versions.effective_from(p) for p in versions.chronological(found)] == ["2019-12", "2019-12"]
    assert versions.current(found, TODAY) is not None


# ---- the handbook ----------------------------------------------------------------------------------------
def test_what_changed_page_lists_versions_and_changes(with_versions: Path) -> None:
    found = load_versions(with_versions, TODAY)
    in_use = load_all(with_versions, TODAY, drafts=True)
    bodies = changes.bodies(found, in_use, with_versions, TODAY)
    derby = bodies["derby-derbyshire/what-changed.md"]
    assert "| test fixture, not guidance | draft | 2019-12 | 2020-11 | **in use here** |" in derby
    assert "moved level `l2-health-missing-immunisations-checks` (level): 2 → 3" in derby
    assert "Child is slow <del>in reaching</del> <ins>to reach</ins> developmental milestones" in derby
    assert "**2026.11.1** (22 November 2026)" in derby  # the changelog entry naming the partnership
    published = changes.bodies(found, load_all(with_versions, TODAY), with_versions, TODAY)
    assert "test fixture" not in published["derby-derbyshire/what-changed.md"]  # drafts stay out
    assert "only version of this document" in published["york/what-changed.md"]


def test_every_page_of_a_draft_says_so_after_the_urgent_lines(with_versions: Path) -> None:
    documents = [p.document for p in load_all(with_versions, TODAY, drafts=True)]
    for path, _ in pages.page_paths(documents):
        if not path.startswith("derby-derbyshire/"):
            continue
        markdown = pages.page(documents, path, TODAY)
        assert 'Draft: not published guidance"' in markdown, path
        assert markdown.index("999") < markdown.index("Draft: not published"), path
    york = pages.page(documents, "york/index.md", TODAY)
    assert "Draft" not in york


def test_a_drafts_build_marks_the_draft_and_a_normal_build_does_not(
    with_versions: Path, tmp_path: Path
) -> None:
    for drafts, expected in (("1", True), ("", False)):
        site = tmp_path / f"site-{drafts or 'published'}"
        mkdocs_build(site, {"THRESHOLDS_DIR": str(with_versions), "THRESHOLDS_DRAFTS": drafts})
        level = (site / "derby-derbyshire" / "level-3" / "index.html").read_text(encoding="utf-8")
        assert ("Draft: not published guidance" in level) is expected
        history = (site / "derby-derbyshire" / "what-changed" / "index.html").read_text(encoding="utf-8")
        assert ("l2-health-missing-immunisations-checks" in history) is expected  # drafts' changes only
    assert (tmp_path / "site-published" / "schema" / "partnership.schema.json").is_file()
