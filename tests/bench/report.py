"""docs/performance.md from its sections: the parts measured now, and the others kept from the last report.

Each section says when and on which machine it was measured (its stamp), so a part run alone
(`python -m tests.bench scale`) leaves the other parts' figures, and their dates, as they were.
"""

from __future__ import annotations

import re
from pathlib import Path

ORDER = ("Build and scale", "Search", "Transfer sizes (gzip)", "Navigator", "Network", "Lighthouse")
HEADER = (
    "# Performance\n\n"
    "{{ urgent_routes() }}\n\n"
    "Measured by `make bench` (`python -m tests.bench`; `python -m tests.bench scale`, `navigator`, "
    "`network` or `lighthouse` for one part). Each part says when and on which machine it was measured: "
    "these are benchmark figures for that machine, not guarantees.\n"
)
STAMP = "Measured on "
# The report before sections had stamps: one date and machine for the whole report.
OLD_STAMP = re.compile(r"Measured by `make bench` on (.+?)\. These are benchmark figures")


def stamped(section: str, stamp: str) -> str:
    """The section with `stamp` as its first paragraph, under its heading."""
    heading, rest = section.split("\n", 1)
    return f"{heading}\n\n{stamp}\n{rest}"


def previous(report: Path) -> dict[str, str]:
    """The last report's sections by heading (each with its stamp), or none."""
    if not report.exists():
        return {}
    text = report.read_text(encoding="utf-8")
    old = OLD_STAMP.search(text)
    sections = {}
    for part in re.split(r"^(?=## )", text, flags=re.MULTILINE)[1:]:
        heading = part.split("\n", 1)[0].removeprefix("## ").strip()
        section = part.rstrip("\n") + "\n"
        first = [*section.split("\n\n", 2), ""][1]
        if not first.startswith(STAMP) and old is not None:
            section = stamped(section, f"{STAMP}{old.group(1)}.")
        sections[heading] = section
    return sections


def assemble(sections: dict[str, str]) -> str:
    """The report: the known sections in order (the last report's "Build" is now "Build and scale")."""
    return "\n".join([HEADER, *[sections[heading] for heading in ORDER if heading in sections]])
