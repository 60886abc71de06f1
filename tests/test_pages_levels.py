"""The handbook follows the levels a partnership declares (two to six), never four by assumption.

In-memory variants of a real document, one with three levels and one with five, render every page: a level
page per level, a column per level, the child-protection level marked by its kind, the compare page lining
partnerships up by kind (docs/adr/007-declared-levels.md)."""

from __future__ import annotations

import copy
import datetime as dt
import re
from typing import Any

import pytest

from navigator.handbook import open_data, pages, processes
from navigator.handbook.navigator_page import navigator_page
from navigator.handbook.open_data_tables import LEVELS, csv_text, level_rows
from navigator.model.levels import FEWEST, MOST, level_problems, protection_level
from navigator.model.partnership import Partnership
from navigator.model.schema import validators
from tests.conftest import REPOSITORY

TODAY = dt.date(2026, 11, 22)
Document = dict[str, Any]


@pytest.fixture(scope="module")
def documents(partnerships: list[Partnership]) -> dict[str, Document]:
    return {partnership.id: partnership.document for partnership in partnerships}


def _renumbered(document: Document, pid: str, mapping: dict[int, int]) -> Document:
    """A copy of the document as partnership `pid`, every level number in it mapped old → new: indicators,
    process nodes, rules (`level`, lists of `levels`) and the conflicts on a level. Its levels are still
    the old ones: the caller sets them."""

    def walk(node: Any) -> Any:
        if isinstance(node, list):
            return [walk(item) for item in node]
        if not isinstance(node, dict):
            return node
        found = {key: walk(value) for key, value in node.items()}
        if isinstance(found.get("level"), int):
            found["level"] = mapping[found["level"]]
        if isinstance(found.get("levels"), list) and all(isinstance(n, int) for n in found["levels"]):
            found["levels"] = sorted({mapping[n] for n in found["levels"]})
        if found.get("kind") == "level":
            found["id"] = mapping[found["id"]]
        return found

    variant: Document = walk(copy.deepcopy(document))
    variant["partnership"]["id"] = pid
    variant["partnership"]["short_title"] = f"{pid} (a test variant)"
    return variant


def _level(old: Document, number: int, kind: str, name: str | None = None) -> Document:
    level = copy.deepcopy(old)
    level.update(
        level=number, kind=kind, name=name or old["name"], title=f"Level {number} – {name or old['name']}"
    )
    return level


def three_levels(derby: Document) -> Document:
    """Derby's four levels as three: Emerging Needs and Intensive merged into one level of early help."""
    variant = _renumbered(derby, "three-levels", {1: 1, 2: 2, 3: 2, 4: 3})
    old = {level["level"]: level for level in derby["levels"]}
    variant["levels"] = [
        _level(old[1], 1, "universal"),
        _level(old[2], 2, "early-help", "Emerging and Intensive Needs"),
        _level(old[4], 3, "child-protection"),
    ]
    variant["rules"]["levels"] = [rule for rule in variant["rules"]["levels"] if rule.get("at_least", 0) < 2]
    return variant


def five_levels(derby: Document) -> Document:
    """Derby's four levels as five: every other Intensive indicator moved to a new child-in-need level."""
    variant = _renumbered(derby, "five-levels", {1: 1, 2: 2, 3: 3, 4: 5})
    old = {level["level"]: level for level in derby["levels"]}
    variant["levels"] = [
        _level(old[1], 1, "universal"),
        _level(old[2], 2, "early-help"),
        _level(old[3], 3, "targeted"),
        _level(old[3], 4, "child-in-need", "Child in Need"),
        _level(old[4], 5, "child-protection"),
    ]
    intensive = [i for i in variant["indicators"] if i["level"] == 3]
    for indicator in intensive[1::2]:
        indicator["level"] = 4
    return variant


@pytest.fixture(scope="module")
def variants(documents: dict[str, Document]) -> dict[int, Document]:
    derby = documents["derby-derbyshire"]
    return {3: three_levels(derby), 5: five_levels(derby)}


def test_the_variants_are_valid_documents(variants: dict[int, Document]) -> None:
    for count, variant in variants.items():
        assert len(variant["levels"]) == count
        assert list(level_problems(variant)) == []
        assert [error.message for error in validators()[1].iter_errors(variant)] == []
        assert protection_level(variant) == count


def test_a_level_page_per_declared_level_and_every_page_renders(
    documents: dict[str, Document], variants: dict[int, Document]
) -> None:
    compared = [variants[3], variants[5], documents["stoke-staffordshire"], documents["york"]]
    for count, variant in variants.items():
        pid = variant["partnership"]["id"]
        paths = [
            path for path, _ in pages.page_paths([variant]) if re.fullmatch(rf"{pid}/level-\d+\.md", path)
        ]
        assert paths == [f"{pid}/level-{number}.md" for number in range(1, count + 1)]
    rendered = dict(pages.all_pages(compared, TODAY))  # no renderer raises
    assert "three-levels/level-3.md" in rendered
    assert "three-levels/level-4.md" not in rendered
    assert "five-levels/level-5.md" in rendered
    for variant in variants.values():
        assert open_data.page(variant)
        assert csv_text(LEVELS, level_rows(variant))


def test_the_indicator_grid_has_a_column_per_level(variants: dict[int, Document]) -> None:
    for count, variant in variants.items():
        markdown = pages.indicators_page(variant, TODAY)
        grids = re.findall(r'<div class="levels-grid([^"]*)"', markdown)
        assert grids
        assert set(grids) == {f" levels-{count}"}
        headings = re.findall(r'<p class="level-heading">(Level \d+): ', markdown)
        assert headings == [f"Level {n}" for n in range(1, count + 1)] * len(grids)
        assert 'style="' not in markdown  # the policy allows no inline styles: a class per count instead


def test_the_style_sheet_has_a_grid_for_every_number_of_levels() -> None:
    css = (REPOSITORY / "docs" / "stylesheets" / "handbook.css").read_text(encoding="utf-8")
    for count in range(FEWEST, MOST + 1):
        rule = f".md-typeset .levels-{count} {{ grid-template-columns: repeat({count}, minmax(0, 1fr)); }}"
        assert rule in css, count
    assert "four levels" not in css


def _row(markdown: str, heading: str, partnership: str) -> list[str]:
    """The cells of one partnership's row in one table of the compare page."""
    table = markdown[markdown.index(f"\n## {heading}\n") + 1 :]
    table = table[: table.find("\n## ")] if "\n## " in table else table
    header = next(line for line in table.splitlines() if line.startswith("| Partnership |"))
    row = next(line for line in table.splitlines() if line.startswith(f"| {partnership}"))
    kinds, cells = (line.strip("| ").split(" | ")[1:] for line in (header, row))
    return [f"{kind}: {cell}" for kind, cell in zip(kinds, cells, strict=True)]


def test_compare_lines_up_three_and_four_levels_by_kind(
    documents: dict[str, Document], variants: dict[int, Document]
) -> None:
    stoke = documents["stoke-staffordshire"]
    markdown = pages.compare_page([variants[3], stoke])
    intro = markdown[: markdown.index("\n## ")]
    assert "different numbers of levels" in intro
    assert "by kind" in intro
    assert "our classification" in intro
    assert "| Partnership | Universal | Early help | Targeted | Child protection |" in markdown
    three = _row(markdown, "Health", "three-levels")
    assert three[0].startswith("Universal: **Level 1: Universal**<br>[")
    assert three[1].startswith("Early help: **Level 2: Emerging and Intensive Needs**<br>[")
    assert "(three-levels/indicators.md#l3-health-" in three[1]  # Intensive's indicators, now Level 2
    assert three[2] == "Targeted: *no level of this kind*"
    assert three[3].startswith("Child protection: **Level 3: Specialist**<br>[")
    four = _row(markdown, "Health", "Stoke-on-Trent and Staffordshire")
    assert four[2].startswith("Targeted: **Level 3: Targeted Early Help**")
    assert four[3].startswith("Child protection: **Level 4: Statutory / Specialist**")
    levels = _row(markdown, "Levels by kind", "three-levels")
    assert levels[3] == "Child protection: [Level 3: Specialist](three-levels/level-3.md)"
    five = _row(pages.compare_page([variants[3], variants[5]]), "Levels by kind", "five-levels")
    assert [cell.partition(":")[0] for cell in five] == [
        "Universal",
        "Early help",
        "Targeted",
        "Child in need",
        "Child protection",
    ]


def test_processes_mark_the_child_protection_level_by_kind(variants: dict[int, Document]) -> None:
    for count, variant in variants.items():
        derbyshire = next(area for area in variant["areas"] if area["id"] == "derbyshire")
        lines = processes.flow_mermaid(variant, derbyshire)
        assert [line for line in lines if line.startswith("class ")] == [
            f"class c{count},a{count},f{count} urgent"
        ]
        workflow = next(p for p in variant["processes"] if p["id"] == "starting-point-workflow")
        marked = [
            f"class n{i} urgent" for i, node in enumerate(workflow["nodes"]) if node.get("level") == count
        ]
        assert marked
        assert [
            line for line in processes.process_mermaid(workflow, count) if line.startswith("class ")
        ] == marked
        assert not any(line.startswith("class ") for line in processes.process_mermaid(workflow, None))
        page = pages.processes_page(variant, TODAY)
        assert all(line in page for line in marked)
    assert "class c4,a4,f4 urgent" not in pages.processes_page(variants[5], TODAY)


def test_level_pages_and_overview_show_each_kind_as_ours(variants: dict[int, Document]) -> None:
    five = variants[5]
    level_4 = pages.level_page(five, 4, TODAY)
    assert "Kind: child in need <em>(our classification, not the document's words;" in level_4
    overview = pages.overview(five, TODAY)
    assert "The document declares 5 levels." in overview
    assert "- [Level 5: Specialist](level-5.md) (kind: child protection)" in overview
    assert "our classification" in overview


def test_the_levels_csv_gives_each_kind(variants: dict[int, Document]) -> None:
    assert [row["kind"] for row in level_rows(variants[3])] == ["universal", "early-help", "child-protection"]
    header = csv_text(LEVELS, level_rows(variants[5])).splitlines()[0].split(",")
    assert header[header.index("level") + 1] == "kind"
    assert "`child-in-need`" in open_data.page(variants[5])  # the column's values are documented


def test_the_navigator_form_labels_indicators_by_their_declared_level(variants: dict[int, Document]) -> None:
    three = navigator_page(variants[3], "version x")
    assert "Level 4" not in three
    assert '<span class="indicator-level">Level 3: Specialist</span>' in three
    five = navigator_page(variants[5], "version x")
    assert '<span class="indicator-level">Level 4: Child in Need</span>' in five
