"""thresholds/CHANGELOG.md: its fixed format, and a change to the data without an entry fails."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from navigator.model import changelog
from navigator.model.problems import DataError
from tests.conftest import REPOSITORY, THRESHOLDS

ENTRY = """## {version} ({date})
- Partnerships: {partnerships}
- Levels and domains: Level 2
- Summary: A change
  over two lines.
"""


def test_the_repositorys_changelog_parses_and_covers_every_partnership() -> None:
    entries = changelog.parse(THRESHOLDS / changelog.CHANGELOG)
    oldest = entries[-1]
    assert oldest.version == "2026.11.1"
    assert oldest.date == dt.date(2026, 11, 22)
    assert set(oldest.partnerships) == {"derby-derbyshire", "stoke-staffordshire", "york"}


def test_the_last_change_to_the_data_is_in_the_changelog() -> None:
    """What CI checks on every commit: data changed since the previous commit needs a new entry."""
    assert changelog.unlogged_changes(REPOSITORY) == []


def test_format_problems_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / changelog.CHANGELOG
    path.write_text(
        "# Changelog\n\n## 2026.11.2 (2026-11-23)\n- Partnerships: york\n- Summary: no levels line\n\n"
        + ENTRY.format(version="2026.11.3", date="2026-11-01", partnerships="York City")
        + "\n## 2026.11 (2026-11-01)\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as raised:
        changelog.parse(path)
    messages = [str(problem) for problem in raised.value.problems]
    assert any(
        ":5:1: changelog: entry 2026.11.2: expected a line `- Levels and domains: …` here" in m
        for m in messages
    )
    assert any(":8:1: changelog: entry 2026.11.3: not partnership ids: York City" in m for m in messages)
    assert any(":13:1: changelog: an entry's heading must read" in m for m in messages)


def test_versions_must_rise_and_summaries_may_wrap(tmp_path: Path) -> None:
    path = tmp_path / changelog.CHANGELOG
    path.write_text(
        ENTRY.format(version="2026.11.2", date="2026-11-23", partnerships="york")
        + ENTRY.format(version="2026.11.1", date="2026-11-22", partnerships="york, derby-derbyshire"),
        encoding="utf-8",
    )
    newest, oldest = changelog.parse(path)
    assert newest.summary == "A change over two lines."
    assert oldest.partnerships == ("york", "derby-derbyshire")
    path.write_text(path.read_text(encoding="utf-8").replace("2026.11.2", "2026.11.0"), encoding="utf-8")
    with pytest.raises(
        DataError, match=re.escape("entry 2026.11.0 must have a higher version than 2026.11.1")
    ):
        changelog.parse(path)


@pytest.fixture
def repository(tmp_path: Path) -> tuple[Path, Callable[..., None]]:
    folder = tmp_path / "repo"
    shutil.copytree(THRESHOLDS, folder / "thresholds")
    subprocess.run(["git", "init", "-q", str(folder)], check=True)

    def git(*arguments: str) -> None:
        identity = ["-c", "user.name=t", "-c", "user.email=t@example.invalid"]
        subprocess.run(["git", *identity, "-C", str(folder), *arguments], check=True)

    git("add", ".")
    git("commit", "-qm", "first")
    return folder, git


def _edit_york(folder: Path) -> None:
    contacts = folder / "thresholds" / "york" / "contacts.yaml"
    contacts.write_text(contacts.read_text(encoding="utf-8") + "\n# a change\n", encoding="utf-8")


def _log(folder: Path, version: str, partnerships: str) -> None:
    path = folder / "thresholds" / changelog.CHANGELOG
    text = path.read_text(encoding="utf-8")
    entry = ENTRY.format(version=version, date="2099-01-01", partnerships=partnerships)  # after any real one
    first = text.index("\n## ") + 1  # above the newest entry
    path.write_text(f"{text[:first]}{entry}\n{text[first:]}", encoding="utf-8")


def test_a_data_change_without_an_entry_fails_in_the_tree_and_in_the_commit(
    repository: tuple[Path, Callable[..., None]],
) -> None:
    folder, git = repository
    assert changelog.unlogged_changes(folder) == []  # the first commit logs everything
    _edit_york(folder)
    (problem,) = changelog.unlogged_changes(folder)
    assert (
        "thresholds/york/contacts.yaml changed in the working tree but thresholds/CHANGELOG.md did not"
        in problem
    )
    git("commit", "-qam", "york without an entry")
    (problem,) = changelog.unlogged_changes(folder)
    assert "changed in the last commit but thresholds/CHANGELOG.md did not" in problem


def test_an_entry_must_be_new_and_name_the_partnership(repository: tuple[Path, Callable[..., None]]) -> None:
    folder, git = repository
    _edit_york(folder)
    _log(folder, "2099.1.2", "derby-derbyshire")
    (problem,) = changelog.unlogged_changes(folder)
    assert "entry 2099.1.2 does not name york, whose data changed in the working tree" in problem
    _log(folder, "2099.1.3", "york")
    assert changelog.unlogged_changes(folder) == []
    git("commit", "-qam", "york with an entry")
    assert changelog.unlogged_changes(folder) == []
    _edit_york(folder)
    path = folder / "thresholds" / changelog.CHANGELOG
    path.write_text(
        path.read_text(encoding="utf-8").replace("- Summary: A change", "- Summary: Changed"),
        encoding="utf-8",
    )
    (problem,) = changelog.unlogged_changes(folder)
    assert "the newest entry's version 2099.1.3 was already there before" in problem
