"""A git revision from before level kinds and the significant-harm review can still be compared: `diff`
and `impact` read it as that version meant it (navigator/model/legacy.py)."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from tests.conftest import THRESHOLDS, Run

GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]


def _commit(repository: Path, message: str) -> None:
    subprocess.run([*GIT, "-C", str(repository), "add", "-A"], check=True)
    subprocess.run([*GIT, "-C", str(repository), "commit", "-qm", message], check=True)


def _as_before(thresholds: Path) -> None:
    """The data as it was before December 2026: no level kinds, no review, Level 4 child protection."""
    for levels in thresholds.glob("*/levels.yaml"):
        text = levels.read_text(encoding="utf-8")
        levels.write_text(re.sub(r"\n    kind: [a-z-]+", "", text), encoding="utf-8")
    for rules in thresholds.glob("*/rules.yaml"):
        text = rules.read_text(encoding="utf-8")
        text = re.sub(r"\n    review:\n(?:      .*\n)+", "\n", text)
        rules.write_text(
            text.replace("    level: 4\n    quote:", "    level: 4\n    indicators: []\n    quote:")
        )


def test_a_revision_from_before_kinds_and_the_harm_review_is_compared(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    repository = tmp_path / "repo"
    thresholds = repository / "thresholds"
    shutil.copytree(THRESHOLDS, thresholds)
    subprocess.run(["git", "init", "-q", str(repository)], check=True)
    _as_before(thresholds)
    assert "kind:" not in (thresholds / "york" / "levels.yaml").read_text(encoding="utf-8")
    _commit(repository, "before")
    shutil.copytree(THRESHOLDS, thresholds, dirs_exist_ok=True)
    _commit(repository, "now")
    diff = cli("diff", "HEAD~1", "HEAD", "--thresholds", str(thresholds))
    assert diff.code == 0, diff.err
    assert "derby-derbyshire version 1 (published, HEAD~1: derby-derbyshire) →" in diff.out
    impact = cli("impact", "HEAD~1", "HEAD", "--thresholds", str(thresholds))
    assert impact.code == 0, impact.err
    # Under the old reading sexual abuse alone gave Level 4 without the child-protection line.
    sexual_abuse = impact.out.split('"Sexual abuse in Derbyshire with no Early Help Assessment', 1)[1]
    assert sexual_abuse.split('\n  "', 1)[0].count("urgent route: none → 01629 533190") == 1
