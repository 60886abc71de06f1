"""The two made-up partnerships that test declared levels (issue 21), and what each must lead to.

tests/fixtures/families-first (three levels, two areas) and tests/fixtures/five-levels (five levels, one
area) are test fixtures, never guidance. The numbers, names, phone lines and harm indicators are carried
here, not read from the data, so a wrong edit to a fixture (or an engine that still assumes four levels)
fails. Shared by tests/test_declared_levels.py and tests/test_declared_levels_pyodide.py.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from navigator.decision import Assessor
from navigator.model.catalogue import load_all
from navigator.model.compile import compile_catalogue
from navigator.model.scenarios import load_scenarios

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = dt.date(2026, 11, 22)


@dataclass(frozen=True)
class Fixture:
    """What one fixture partnership must declare and lead to."""

    folder: str
    partnership: str
    levels: tuple[tuple[str, str], ...]  # (kind, name) of Level 1, 2, ...
    protection: int  # the child-protection level's number
    lines: dict[str, list[str]]  # area → its child-protection phones, in order (areas in the data's order)
    harm: frozenset[str]  # the indicators reviewed as harm
    not_harm: str  # an indicator at the child-protection level reviewed as not harm
    indicators: int
    goldens: int

    def name(self, level: int) -> str:
        return self.levels[level - 1][1]

    def lines_for(self, area: str | None) -> list[str]:
        """The child-protection phones a result must lead with: the area's, or every area's in order."""
        return self.lines[area] if area else [phone for lines in self.lines.values() for phone in lines]


FAMILIES_FIRST = Fixture(
    folder="families-first",
    partnership="families-first-fixture",
    levels=(
        ("universal", "Universal"),
        ("family-help", "Family Help"),
        ("child-protection", "Child protection"),
    ),
    protection=3,
    lines={"north-vale": ["01632 960101"], "south-vale": ["01632 960201"]},
    harm=frozenset(
        {
            "l3-health-unexplained-injury",
            "l3-health-basic-needs-persistently-unmet",
            "l3-learning-missing-from-education-not-seen",
            "l3-family-and-home-child-says-they-are-abused",
            "l3-family-and-home-domestic-abuse-child-hurt",
            "l3-safety-and-community-exploited",
        }
    ),
    not_harm="l3-family-and-home-parents-refuse-family-help",
    indicators=18,
    goldens=16,
)
FIVE_LEVELS = Fixture(
    folder="five-levels",
    partnership="five-levels-fixture",
    levels=(
        ("universal", "Universal"),
        ("early-help", "Early help"),
        ("targeted", "Targeted"),
        ("child-in-need", "Child in need"),
        ("child-protection", "Child protection"),
    ),
    protection=5,
    lines={"eastmere": ["01632 960501", "01632 960509"]},
    harm=frozenset(
        {
            "l4-parenting-and-care-emerging-neglect",
            "l5-health-unexplained-injury",
            "l5-parenting-and-care-serious-neglect",
            "l5-family-relationships-child-discloses-sexual-abuse",
            "l5-community-criminally-exploited",
        }
    ),
    not_harm="l5-family-relationships-protection-plan-moves-in",
    indicators=21,
    goldens=16,
)
ALL = (FAMILIES_FIRST, FIVE_LEVELS)
PARTNERSHIPS = {f.partnership: load_all(FIXTURES / f.folder, TODAY)[0] for f in ALL}
ASSESSOR = Assessor(json.dumps(compile_catalogue(list(PARTNERSHIPS.values()))))
GOLDENS = [golden for p in PARTNERSHIPS.values() for golden in load_scenarios(p, ASSESSOR)]
