"""Which header cells name a level, in the forms documents use, and the level's number, name and title.

"Level 2: Family Help", "Level 2 - Emerging Needs", "Level 4 - Specialist/Statutory" (a number, then the
name after a colon, a hyphen or an en or em dash) and "Universal" (a name whose words make its kind
obvious, as `thresholds new --levels` reads them: navigator.model.scaffold_levels.kind_in). The title is
the cell's text as it stands; nothing is made up: a header that gives no number has none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from navigator.model.scaffold_levels import kind_in

# A name alone reads as a level only when short: an indicator cell's words often name a kind too.
NAME_WORDS = 12
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
NUMBERED = re.compile(
    r"(?:level|tier)\s*(?P<number>\d+|one|two|three|four|five|six)\b\s*(?:[:\-\u2013\u2014.)]\s*)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Header:
    """A level as a header cell names it: its title (the cell's text), short name and number, if given."""

    title: str
    name: str
    number: int | None

    @property
    def key(self) -> str:
        """What makes two headers the same level: the number if given, else the name in any case."""
        return f"level {self.number}" if self.number is not None else " ".join(self.name.casefold().split())


def read_header(text: str) -> Header | None:
    """The level a header cell names, or None when it does not read as a level."""
    title = text.strip()
    numbered = NUMBERED.match(title)
    if numbered:
        found = numbered["number"].lower()
        number = NUMBER_WORDS[found] if found in NUMBER_WORDS else int(found)
        name = title[numbered.end() :].strip() or title
        return Header(title, name, number)
    if title and len(title.split()) <= NAME_WORDS and kind_in(title) is not None:
        return Header(title, title, None)
    return None
