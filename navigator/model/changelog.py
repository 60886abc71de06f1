"""thresholds/CHANGELOG.md: one entry per change to the threshold data, newest first, in a fixed format.

    ## 2026.11.1 (2026-11-22)
    - Partnerships: derby-derbyshire, york
    - Levels and domains: Level 2, Level 3; Health
    - Summary: What changed and why, in a sentence or two (continuation lines
      indented by two spaces).

The heading holds the data version (year.month.sequence, each number higher than the entry below it) and
the date; the three lines are required, in this order. `thresholds validate` checks the format, and
`unlogged_changes` (run by a test, as CI can) fails when data under thresholds/ changed since the previous
commit, or in the working tree, without a new entry naming the partnerships changed.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from navigator.model.problems import DataError, Position, Problem

CHANGELOG = "CHANGELOG.md"
HEADING = re.compile(r"## (?P<version>\d{4}\.\d{1,2}\.\d+) \((?P<date>\d{4}-\d{2}-\d{2})\)")
FIELDS = ("Partnerships", "Levels and domains", "Summary")
ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"  # git's id of the empty tree


@dataclass(frozen=True)
class Entry:
    version: str
    date: dt.date
    partnerships: tuple[str, ...]
    levels_and_domains: str
    summary: str
    line: int

    @property
    def order(self) -> tuple[int, ...]:
        return tuple(int(part) for part in self.version.split("."))


def parse(path: Path, text: str | None = None) -> list[Entry]:
    """The entries of a changelog, newest first; DataError naming the line of every format problem."""
    lines = (path.read_text(encoding="utf-8") if text is None else text).splitlines()
    entries: list[Entry] = []
    problems: list[Problem] = []
    for start, line in enumerate(lines, start=1):
        if line.startswith("## "):
            entry = _entry(lines, start, problems, path)
            if entry is not None:
                entries.append(entry)
    if not entries and not problems:
        problems.append(
            _problem(
                path, 1, "no entries: each change to the data needs one (`## YEAR.MONTH.N (YYYY-MM-DD)`)"
            )
        )
    for newer, older in itertools.pairwise(entries):
        if newer.order <= older.order:
            message = f"entry {newer.version} must have a higher version than {older.version} below it"
            problems.append(_problem(path, newer.line, message))
        if newer.date < older.date:
            problems.append(
                _problem(path, newer.line, f"entry {newer.version} is dated before {older.version} below it")
            )
    if problems:
        raise DataError(problems)
    return entries


def _problem(path: Path, line: int, message: str) -> Problem:
    return Problem(Position(path, line, 1), "changelog", message)


def _entry(lines: list[str], start: int, problems: list[Problem], path: Path) -> Entry | None:
    """The entry whose heading is on line `start` (counting from 1), or None after noting its problem."""
    heading = HEADING.fullmatch(lines[start - 1].rstrip())
    if heading is None:
        problems.append(_problem(path, start, "an entry's heading must read `## YEAR.MONTH.N (YYYY-MM-DD)`"))
        return None
    version, values, index = heading["version"], {}, start
    for name in FIELDS:
        prefix = f"- {name}: "
        value = (
            lines[index][len(prefix) :].strip()
            if index < len(lines) and lines[index].startswith(prefix)
            else ""
        )
        if not value:
            problems.append(_problem(path, index + 1, f"entry {version}: expected a line `{prefix}…` here"))
            return None
        index += 1
        while (
            name == "Summary"
            and index < len(lines)
            and lines[index].startswith("  ")
            and lines[index].strip()
        ):
            value += " " + lines[index].strip()
            index += 1
        values[name] = value
    try:
        date = dt.date.fromisoformat(heading["date"])
    except ValueError:
        problems.append(_problem(path, start, f"entry {version}: {heading['date']} is not a date"))
        return None
    ids = tuple(part.strip() for part in values["Partnerships"].split(","))
    bad = [pid for pid in ids if not ID.fullmatch(pid)]
    if bad:
        problems.append(_problem(path, start + 1, f"entry {version}: not partnership ids: {', '.join(bad)}"))
    return Entry(version, date, ids, values["Levels and domains"], values["Summary"], start)


def _git(repository: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *arguments], cwd=repository, capture_output=True, text=True, check=False)


def _show(repository: Path, revision: str, path: str) -> str | None:
    shown = _git(repository, "show", f"{revision}:{path}")
    return shown.stdout if shown.returncode == 0 else None


def unlogged_changes(repository: Path, folder: str = "thresholds") -> list[str]:
    """Why the changelog does not cover the latest change to the data (empty when it does).

    The change is the working tree against HEAD when files under `folder` are modified there, else HEAD
    against its parent (the first commit: against nothing). Data is every file under `folder` but the
    changelog and schema/.
    """
    dirty = _git(repository, "status", "--porcelain", "--", folder).stdout.strip()
    if dirty:
        base, head = "HEAD", None
    else:
        has_parent = _git(repository, "rev-parse", "--verify", "--quiet", "HEAD~1^{commit}").returncode == 0
        if (
            not has_parent
            and _git(repository, "rev-parse", "--is-shallow-repository").stdout.strip() == "true"
        ):
            return ["the clone is shallow: the previous commit is needed (git fetch --deepen=1)"]
        base, head = ("HEAD~1" if has_parent else EMPTY_TREE), "HEAD"
    listed = _git(repository, "diff", "--name-only", base, *([head] if head else []), "--", folder)
    if listed.returncode != 0:
        return [f"git diff failed: {listed.stderr.strip()}"]
    changed = set(listed.stdout.split())
    if head is None:
        changed |= set(
            _git(repository, "ls-files", "--others", "--exclude-standard", "--", folder).stdout.split()
        )
    log_path = f"{folder}/{CHANGELOG}"
    data = sorted(name for name in changed if name != log_path and not name.startswith(f"{folder}/schema/"))
    if not data:
        return []
    where = "in the working tree" if head is None else "in the last commit"
    partnerships = sorted({name.split("/")[1] for name in data if name.count("/") >= 2})
    if log_path not in changed:
        return [f"{', '.join(data)} changed {where} but {log_path} did not: add an entry for the change"]
    new_text = (
        (repository / log_path).read_text(encoding="utf-8")
        if head is None
        else _show(repository, head, log_path)
    )
    if new_text is None:
        return [f"{log_path} was removed {where}: every change to the data needs an entry in it"]
    newest = parse(repository / log_path, new_text)[0]
    old_text = _show(repository, base, log_path) if base != EMPTY_TREE else None
    old_versions = {entry.version for entry in parse(repository / log_path, old_text)} if old_text else set()
    problems = []
    if newest.version in old_versions:
        problems.append(
            f"{log_path}: the newest entry's version {newest.version} was already there before; the change "
            "to the data needs a new entry with a higher version"
        )
    missing = [pid for pid in partnerships if pid not in newest.partnerships]
    if missing:
        problems.append(
            f"{log_path}: entry {newest.version} does not name {', '.join(missing)}, "
            f"whose data changed {where}"
        )
    return problems
