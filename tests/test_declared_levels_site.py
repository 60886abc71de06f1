"""A three-level and a five-level partnership (test fixtures, never guidance) appear in the handbook, the
navigator and the compare page beside a four-level one, built with --strict (docs/adr/007)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from tests.declared_levels import FAMILIES_FIRST, FIVE_LEVELS

PARTNERSHIPS = {"derby-derbyshire": 4, FAMILIES_FIRST.partnership: 3, FIVE_LEVELS.partnership: 5}


def _page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_each_partnership_has_a_page_for_each_declared_level_and_no_more(shapes_site: Path) -> None:
    for pid, count in PARTNERSHIPS.items():
        for number in range(1, count + 1):
            assert (shapes_site / pid / f"level-{number}" / "index.html").is_file(), (pid, number)
        assert not (shapes_site / pid / f"level-{count + 1}").exists(), pid
    three = _page(shapes_site, f"{FAMILIES_FIRST.partnership}/level-3")
    assert "Child protection" in three
    assert "our classification" in three


def test_the_indicator_grids_have_a_column_per_level(shapes_site: Path) -> None:
    for pid, count in PARTNERSHIPS.items():
        grids = re.findall(r'class="levels-grid levels-(\d)"', _page(shapes_site, f"{pid}/indicators"))
        assert grids, pid
        assert set(grids) == {str(count)}, pid


def test_the_compare_page_lines_up_three_four_and_five_levels_by_kind(shapes_site: Path) -> None:
    compare = _page(shapes_site, "compare")
    assert "up by kind (from universal services to child protection), not by number" in compare
    for fixture in (FAMILIES_FIRST, FIVE_LEVELS):
        for number, (_, name) in enumerate(fixture.levels, start=1):
            assert f"Level {number}: {name}" in compare, (fixture.partnership, number)
    assert "no level of this kind" in compare  # Family Help has no counterpart in Derby and Derbyshire


def test_the_navigator_of_each_shape_carries_its_own_levels(shapes_site: Path) -> None:
    for pid, count in PARTNERSHIPS.items():
        page = _page(shapes_site, f"{pid}/navigator")
        attribute = re.search(r'data-runtime="([^"]+)"', page)
        assert attribute, pid
        runtime = json.loads(html.unescape(attribute.group(1)))
        data = json.loads((shapes_site / "assets" / "navigator" / runtime["data"]).read_bytes())
        (compiled,) = data["partnerships"]
        assert [level["level"] for level in compiled["levels"]] == list(range(1, count + 1)), pid
        kinds = [level["kind"] for level in compiled["levels"]]
        assert kinds.count("child-protection") == 1, pid
        assert compiled["rules"]["significant_harm"]["level"] == kinds.index("child-protection") + 1, pid
