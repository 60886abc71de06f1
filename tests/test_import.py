"""`thresholds import` of Word documents (made up by the tests, not guidance): every indicator word for word
at its level and domain, either orientation, each citing its table, row and column; merged, empty and
picture cells reported where they stand; the draft validates as a `thresholds new` draft does."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.conftest import Run
from tests.fixtures.import_documents import FOUR, THREE, Image, Rows, imported, write_docx

FINDING = re.compile(
    r"^(?P<file>[^:]+): table (?P<table>\d+), row (?P<row>\d+), column (?P<column>\d+): "
    r"warning: (?P<message>.+)$"
)


def findings(err: str) -> set[tuple[int, int, str]]:
    """(row, column, message) of each finding printed for table 1."""
    return {
        (int(m["row"]), int(m["column"]), m["message"]) for m in map(FINDING.match, err.splitlines()) if m
    }


def levels_of(folder: Path) -> list[tuple[int, str, str, str]]:
    document = yaml.safe_load((folder / "levels.yaml").read_text(encoding="utf-8"))
    return [(level["level"], level["name"], level["title"], level["kind"]) for level in document["levels"]]


def test_levels_as_columns_every_indicator_at_its_level_and_domain(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    source = write_docx(tmp_path / "Made-up Thresholds.docx", FOUR.rows("columns"))
    result = cli("import", str(source), "--id", "made-up-four", "--into", str(tmp_path))
    assert result.code == 0, result.err
    folder = tmp_path / "made-up-four"
    assert imported(folder) == FOUR.expected()
    assert levels_of(folder) == [
        (1, "Universal", "Universal", "universal"),
        (2, "Emerging Needs", "Level 2 – Emerging Needs", "early-help"),
        (3, "Family Help", "Level 3: Family Help", "family-help"),
        (4, "Specialist/Statutory", "Level 4 - Specialist/Statutory", "child-protection"),  # a guess, marked
    ]
    assert "found 4 levels, 2 domains, 10 indicators" in result.out
    assert result.err == ""  # nothing needs a person's eye in a plain full table


def test_levels_as_rows_the_same_as_columns(cli: Callable[..., Run], tmp_path: Path) -> None:
    source = write_docx(tmp_path / "rows.docx", THREE.rows("rows"), list_style=None)
    result = cli("import", str(source), "--id", "made-up-three", "--into", str(tmp_path))
    assert result.code == 0, result.err
    assert imported(tmp_path / "made-up-three") == THREE.expected()
    assert [kind for *_, kind in levels_of(tmp_path / "made-up-three")] == [
        "universal",
        "family-help",
        "child-protection",
    ]
    assert "table 1 (levels as rows)" in result.out
    assert "found 3 levels, 3 domains, 8 indicators" in result.out
    # The sheet leaves two cells empty: where each stands in the document (levels down the side).
    assert {
        (row, column) for row, column, message in findings(result.err) if message.startswith("empty cell")
    } == {
        (2, 4),  # Universal, Made-up: weekends
        (4, 3),  # Level 3 (Child Protection), Made-up: gardens
    }


def test_each_indicator_cites_its_table_row_and_column(cli: Callable[..., Run], tmp_path: Path) -> None:
    """One table with no levels comes first, so the indicator table is the document's table 2."""
    source = write_docx(tmp_path / "cited.docx", FOUR.rows("columns"), tables_before=1)
    result = cli("import", str(source), "--id", "cited", "--into", str(tmp_path))
    assert result.code == 0, result.err
    assert "not read, naming no levels: table 1" in result.out
    document = yaml.safe_load((tmp_path / "cited" / "indicators.yaml").read_text(encoding="utf-8"))
    found = Counter(
        (item["text"], item["source"]["section"].partition(":")[0]) for item in document["indicators"]
    )
    expected = Counter(
        (text, f"table 2, row {FOUR.domains.index(domain) + 2}, column {FOUR.levels.index(level) + 2}")
        for (domain, level), texts in FOUR.cells.items()
        for text in texts
    )
    assert found == expected
    sources = yaml.safe_load((tmp_path / "cited" / "partnership.yaml").read_text(encoding="utf-8"))
    entry = sources["partnership"]["sources"][0]
    assert {item["source"]["document"] for item in document["indicators"]} == {entry["id"]}
    assert "cited.docx" in entry["note"]


def test_bullets_and_whitespace_are_list_markup_words_are_kept(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """Typed bullets and the spaces around an item go; dashes, curly quotes and inner spaces stay."""
    rows: Rows = [
        ["Made-up domain", "Universal", "Level 2: Family Help"],
        [
            "Made-up: kites",
            ["•\tMade-up: flies a kite  “high”", "  Made-up: – string tangled –  "],
            ["\u2022 Made-up: lost a kite"],
        ],
    ]
    source = write_docx(tmp_path / "bullets.docx", rows, list_style=None)
    assert cli("import", str(source), "--id", "bullets", "--into", str(tmp_path)).code == 0
    assert imported(tmp_path / "bullets") == Counter(
        {
            ("Universal", "Made-up: kites", "Made-up: flies a kite  “high”"): 1,
            ("Universal", "Made-up: kites", "Made-up: – string tangled –"): 1,
            ("Level 2: Family Help", "Made-up: kites", "Made-up: lost a kite"): 1,
        }
    )


def test_merged_empty_and_picture_cells_are_reported_where_they_stand(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A title row across the table, a domain over two rows, an empty cell, a picture, a cell over two
    levels: each reported at its table, row and column; only the words are imported."""
    title = "Made-up indicators (not guidance)"
    rows: Rows = [
        [title, None, None, None, None],
        ["Made-up domain", *FOUR.levels],
        ["Made-up: bicycles", ["Made-up: a"], ["Made-up: b"], ["Made-up: c"], ["Made-up: d"]],
        [None, [], Image(), ["Made-up: over two levels"], None],
        ["Made-up: boats", ["Made-up: e"], ["Made-up: f"], ["Made-up: g"], ["Made-up: h"]],
    ]
    merges = [((0, 0), (0, 4)), ((2, 0), (3, 0)), ((3, 3), (3, 4))]
    source = write_docx(tmp_path / "merged.docx", rows, merges=merges)
    result = cli("import", str(source), "--id", "merged", "--into", str(tmp_path))
    assert result.code == 0, result.err
    universal, emerging, family, specialist = FOUR.levels
    bicycles, boats = "Made-up: bicycles", "Made-up: boats"
    assert imported(tmp_path / "merged") == Counter(
        [
            *(
                (level, bicycles, f"Made-up: {letter}")
                for level, letter in zip(FOUR.levels, "abcd", strict=True)
            ),
            *(
                (level, boats, f"Made-up: {letter}")
                for level, letter in zip(FOUR.levels, "efgh", strict=True)
            ),
            (family, bicycles, "Made-up: over two levels"),
            (specialist, bicycles, "Made-up: over two levels"),
        ]
    )
    reported = findings(result.err)
    assert {(row, column) for row, column, _ in reported} == {(1, 1), (3, 1), (4, 2), (4, 3), (4, 4)}
    said = {(row, column): message for row, column, message in reported}
    assert title in said[1, 1]
    assert said[3, 1].startswith("merged cell")
    assert said[4, 2].startswith(f"empty cell: no indicators for {bicycles!r} at {universal!r}")
    assert "image" in said[4, 3]
    assert said[4, 4].startswith("merged cell spans 2 levels")
    assert emerging not in said[4, 4]
    notes = (
        (tmp_path / "merged" / "indicators.yaml")
        .read_text(encoding="utf-8")
        .count('note: "PLACEHOLDER: in the')
    )
    assert notes == 2  # the indicator over two levels, once at each, waits for a person's decision


def test_the_draft_validates_as_a_new_draft_does_and_strict_refuses_it(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    source = write_docx(tmp_path / "three.docx", THREE.rows("rows"))
    assert cli("import", str(source), "--id", "three", "--into", str(tmp_path)).code == 0
    folder = tmp_path / "three"
    result = cli("validate", str(folder))
    assert result.code == 0, result.err
    assert result.out.startswith("valid: three (8 indicators, ")
    partnership = (folder / "partnership.yaml").read_text(encoding="utf-8")
    assert "  status: draft\n" in partnership
    # Each finding is a placeholder note, so validate names it as a warning at its line.
    assert result.err.count("placeholder: check the import: three.docx: table 1, row ") == 2
    assert cli("validate", "--strict", str(folder)).code == 1


@pytest.mark.parametrize("name", ["made-up.DOCX", "made up (v2).docx"])
def test_the_document_file_name_becomes_the_source_id(
    cli: Callable[..., Run], tmp_path: Path, name: str
) -> None:
    source = write_docx(tmp_path / name, THREE.rows("columns"))
    assert cli("import", str(source), "--id", "named", "--into", str(tmp_path)).code == 0
    document = yaml.safe_load((tmp_path / "named" / "partnership.yaml").read_text(encoding="utf-8"))
    entry = document["partnership"]["sources"][0]
    assert entry["id"] == ("made-up" if name == "made-up.DOCX" else "made-up-v2")
    assert name in entry["note"]


def test_items_that_may_not_be_whole_indicators_are_kept_and_flagged(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A lead-in ending with a colon, a line that starts in lower case: kept word for word, each flagged."""
    rows: Rows = [
        ["Made-up domain", "Universal", "Level 2: Family Help"],
        [
            "Made-up: clocks",
            ["Made-up: any of these:", "made-up: a clock that", "Made-up: whole"],
            ["Made-up: x"],
        ],
    ]
    source = write_docx(tmp_path / "split.docx", rows)
    result = cli("import", str(source), "--id", "split", "--into", str(tmp_path))
    assert result.code == 0, result.err
    texts = [text for (_, _, text), count in imported(tmp_path / "split").items() for _ in range(count)]
    assert sorted(texts) == sorted(
        ["Made-up: any of these:", "made-up: a clock that", "Made-up: whole", "Made-up: x"]
    )
    said = sorted(message for row, column, message in findings(result.err) if (row, column) == (2, 2))
    assert len(said) == 2
    assert said[0].startswith("item 1 ('Made-up: any of these:') ends with a colon")
    assert said[1].startswith("item 2 ('made-up: a clock that') starts in lower case")
