"""What `thresholds diff` and `thresholds impact` compare: OLD and NEW, each a folder, a version of one
partnership (`ID@VERSION`) or a git revision (`REV`, or `REV:PATH` for a folder in it), resolved to
partnership versions and paired.

Pairs: one version on each side are compared whatever their ids (a renamed partnership shows as a change
of id); otherwise versions are paired by partnership id and version name, then by id alone when one
version of that id is left on each side. Versions on one side only are listed, not compared.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import tarfile
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from navigator.model import legacy
from navigator.model.catalogue import load_versions
from navigator.model.partnership import Partnership
from navigator.model.problems import DataError, Position, Problem

GIT_FOLDER = "thresholds"


class RevisionError(ValueError):
    """OLD or NEW names nothing that can be compared."""


@dataclass
class Side:
    """One side of a comparison: what the user named, and the partnership versions it holds."""

    name: str
    versions: list[Partnership]

    def where(self, partnership: Partnership) -> str:
        return f"{self.name}" if len(self.versions) == 1 else f"{self.name}: {partnership.folder.name}"


@dataclass
class Pairing:
    pairs: list[tuple[Partnership, Partnership]]
    only_old: list[Partnership]
    only_new: list[Partnership]


def resolve(name: str, thresholds: Path, today: dt.date, stack: ExitStack) -> Side:
    """The versions `name` stands for; temporary folders (git) live as long as `stack`."""
    path = Path(name)
    if path.exists():
        return Side(name, _load(path, today))
    if "@" in name:
        pid, _, version = name.partition("@")
        by_id = _load_by_id(thresholds, today)
        if pid not in by_id:
            raise RevisionError(
                f"{name}: no partnership '{pid}' in {thresholds} (ids: {', '.join(sorted(by_id))})"
            )
        found = [p for p in by_id[pid] if str(p.document["partnership"]["version"]) == version]
        if not found:
            names = ", ".join(str(p.document["partnership"]["version"]) for p in by_id[pid])
            raise RevisionError(f"{name}: '{pid}' has no version '{version}' (versions: {names})")
        return Side(name, found)
    revision, _, inside = name.partition(":")
    folder = _from_git(revision, inside or GIT_FOLDER, thresholds, stack)
    if folder is None:
        raise RevisionError(
            f"{name}: not a folder, an ID@VERSION of a partnership in {thresholds}, or a git revision"
        )
    return Side(name, _load(folder, today, shown_as=f"{revision}:{inside or GIT_FOLDER}"))


def _load_by_id(path: Path, today: dt.date, shown_as: str | None = None) -> dict[str, list[Partnership]]:
    try:
        return load_versions(path, today)
    except DataError as error:
        if shown_as is None:
            raise
        # Problems in a git revision's files name the revision and path, not the temporary folder.
        raise DataError(
            Problem(
                Position(
                    Path(shown_as) / p.position.file.relative_to(path), p.position.line, p.position.column
                ),
                p.key,
                p.message,
                p.severity,
            )
            for p in error.problems
        ) from None


def _load(path: Path, today: dt.date, shown_as: str | None = None) -> list[Partnership]:
    return [p for versions in _load_by_id(path, today, shown_as).values() for p in versions]


def _from_git(revision: str, inside: str, thresholds: Path, stack: ExitStack) -> Path | None:
    repository = thresholds.resolve().parent
    verified = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"],
        cwd=repository,
        capture_output=True,
        text=True,
        check=False,
    )
    if not revision or verified.returncode != 0:
        return None
    archive = subprocess.run(
        ["git", "archive", "--format=tar", verified.stdout.strip(), inside],
        cwd=repository,
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        message = archive.stderr.decode(errors="replace").strip()
        raise RevisionError(f"{revision}:{inside}: not in that revision ({message})")
    folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="thresholds-git-")))
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(folder, filter="data")
    legacy.upgrade(folder)  # data from before a model change, brought up to it where its meaning is certain
    return folder / inside


def pair(old: Side, new: Side) -> Pairing:
    if len(old.versions) == 1 and len(new.versions) == 1:
        return Pairing([(old.versions[0], new.versions[0])], [], [])

    def key(p: Partnership) -> tuple[str, str]:
        return p.id, str(p.document["partnership"]["version"])

    after = {key(p): p for p in new.versions}
    pairs = [(p, after.pop(key(p))) for p in old.versions if key(p) in after]
    paired = {id(a) for a, _ in pairs}
    left_old = [p for p in old.versions if id(p) not in paired]
    left_new = list(after.values())
    for p in list(left_old):
        same = [q for q in left_new if q.id == p.id]
        if len(same) == 1 and sum(1 for o in left_old if o.id == p.id) == 1:
            pairs.append((p, same[0]))
            left_old.remove(p)
            left_new.remove(same[0])
    return Pairing(pairs, left_old, left_new)
