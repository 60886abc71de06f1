"""Many partnerships for the scale benchmark: renamed copies of the real ones, in a temporary folder.

Copy n of a real partnership gets the id `<id>-copy-<n>` and "(generated copy n)" after its titles, so
every page, navigator and search entry is its own. They exist only to measure how the build, the site and
the search grow with the number of partnerships; they are never committed, built into `site/` or published.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from navigator.model.catalogue import REPOSITORY_THRESHOLDS

TITLE_KEYS = ("title", "short_title")


def real_partnerships(thresholds: Path = REPOSITORY_THRESHOLDS) -> list[str]:
    return sorted(path.parent.name for path in thresholds.glob("*/partnership.yaml"))


def _renamed(text: str, old: str, new: str, copy: int) -> str:
    """The partnership's own id (in partnership.yaml and conflicts) and its titles, renamed.

    Only the partnership's id: York's one area has the same id as the partnership and keeps it.
    """
    text = re.sub(rf"^(  id: ){re.escape(old)}$", rf"\g<1>{new}", text, count=1, flags=re.MULTILINE)
    text = text.replace(f"{{kind: partnership, id: {old}}}", f"{{kind: partnership, id: {new}}}")
    for key in TITLE_KEYS:
        text = re.sub(
            rf'^(  {key}: )"(.*)"$', rf'\1"\2 (generated copy {copy})"', text, count=1, flags=re.MULTILINE
        )
    return text


def generate(into: Path, count: int, thresholds: Path = REPOSITORY_THRESHOLDS) -> list[str]:
    """Write `count` partnerships into `into` (a thresholds folder with the schema) and return their ids."""
    real = real_partnerships(thresholds)
    shutil.copytree(thresholds / "schema", into / "schema")
    ids = []
    for copy in range(1, count + 1):
        source = real[(copy - 1) % len(real)]
        pid = f"{source}-copy-{copy}"
        folder = into / pid
        shutil.copytree(thresholds / source, folder, ignore=shutil.ignore_patterns("versions"))
        for path in folder.glob("*.yaml"):
            text = path.read_text(encoding="utf-8")
            renamed = _renamed(text, source, pid, copy)
            if renamed != text:
                path.write_text(renamed, encoding="utf-8")
        ids.append(pid)
    return ids
