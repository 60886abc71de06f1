"""`thresholds import` of web pages and tab-separated text (made up by the tests, not guidance): list items,
paragraphs and line breaks as indicators word for word, colspan and rowspan reported, HTML as pages really
write it (end tags left out, entities), and the text rule (tabs, quoted cells holding line breaks)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from tests.conftest import Run
from tests.fixtures.import_documents import FOUR, MADE_UP, THREE, Image, Rows, imported, write_html

FINDING = re.compile(r"^[^:]+: table 1, row (?P<row>\d+), column (?P<column>\d+): warning: (?P<message>.+)$")


def findings(err: str) -> dict[tuple[int, int], str]:
    return {
        (int(m["row"]), int(m["column"])): m["message"] for m in map(FINDING.match, err.splitlines()) if m
    }


def test_levels_as_columns_from_list_items(cli: Callable[..., Run], tmp_path: Path) -> None:
    source = write_html(tmp_path / "four.html", FOUR.rows("columns"))
    result = cli("import", str(source), "--id", "four", "--into", str(tmp_path))
    assert result.code == 0, result.err
    assert imported(tmp_path / "four") == FOUR.expected()
    assert result.err == ""


def test_levels_as_rows_with_spans_pictures_and_a_header_that_is_no_level(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """Levels down the side: a cell over two rows spans two levels; a domain heading over two columns."""
    universal, family, protection = THREE.levels
    rows: Rows = [
        ["Made-up domain", "Made-up: pets", "Made-up: parks", None],
        [universal, ["Made-up: a"], ["Made-up: b"], ["Made-up: c"]],
        [family, ["Made-up: over two levels"], Image(("Made-up: beside a picture",)), []],
        [protection, None, ["Made-up: d"], ["Made-up: e"]],
        ["Made-up notes", ["Made-up: not an indicator"], [], []],
    ]
    spans = {(0, 2): (1, 2), (2, 1): (2, 1)}
    source = write_html(tmp_path / "rows.html", rows, spans)
    result = cli("import", str(source), "--id", "rows", "--into", str(tmp_path))
    assert result.code == 0, result.err
    pets, parks = "Made-up: pets", "Made-up: parks"
    assert imported(tmp_path / "rows") == Counter(
        [
            (universal, pets, "Made-up: a"),
            (universal, parks, "Made-up: b"),
            (universal, parks, "Made-up: c"),
            (family, pets, "Made-up: over two levels"),
            (protection, pets, "Made-up: over two levels"),
            (family, parks, "Made-up: beside a picture"),
            (protection, parks, "Made-up: d"),
            (protection, parks, "Made-up: e"),
        ]
    )
    said = findings(result.err)
    assert set(said) == {(1, 3), (3, 2), (3, 3), (3, 4), (5, 1)}
    assert said[1, 3].startswith("merged cell: read as the domain")
    assert said[3, 2].startswith("merged cell spans 2 levels")
    assert "image" in said[3, 3]
    assert said[3, 4].startswith(f"empty cell: no indicators for {parks!r} at {family!r}")
    assert said[5, 1].startswith("the header 'Made-up notes' does not read as a level")
    assert "found 3 levels, 2 domains, 8 indicators" in result.out


def test_html_as_pages_write_it(cli: Callable[..., Run], tmp_path: Path) -> None:
    """End tags left out, entities, <br> and <p> items, a nested list, a script, whitespace collapsed."""
    page = f"""<!doctype html><title>Made-up</title><script>var x = "<td>Level 9</td>";</script>
    <p>{MADE_UP}
    <table>
      <thead><tr><th>Made-up area<th>Level 1:
          Universal<th>Level 2 &ndash; Emerging Needs<th>Level 3 - Specialist/Statutory
      <tbody>
      <tr><td>Made-up: ponds
        <td><ul><li>Made-up: feeds &ldquo;ducks&rdquo;<li>Made-up: fish &amp; chips
              <ul><li>Made-up: a nested item</ul></ul>
        <td>Made-up: wet socks<br>Made-up: muddy&nbsp;boots
        <td><p>Made-up: pond &mdash; unfenced<p>  Made-up:   frogs
            everywhere  </td>
    </table>"""
    source = tmp_path / "page.htm"
    source.write_text(page, encoding="utf-8")
    result = cli("import", str(source), "--id", "page", "--into", str(tmp_path))
    assert result.code == 0, result.err
    universal, emerging, specialist = (
        "Level 1: Universal",
        "Level 2 – Emerging Needs",
        "Level 3 - Specialist/Statutory",
    )
    ponds = "Made-up: ponds"
    assert imported(tmp_path / "page") == Counter(
        [
            (universal, ponds, "Made-up: feeds “ducks”"),
            (universal, ponds, "Made-up: fish & chips"),
            (universal, ponds, "Made-up: a nested item"),
            (emerging, ponds, "Made-up: wet socks"),
            (emerging, ponds, "Made-up: muddy\u00a0boots"),
            (specialist, ponds, "Made-up: pond — unfenced"),
            (specialist, ponds, "Made-up: frogs everywhere"),
        ]
    )


def test_tab_separated_text_quoted_cells_and_two_tables(cli: Callable[..., Run], tmp_path: Path) -> None:
    """Line breaks inside a quoted cell separate indicators; a blank line starts another table."""
    text = (
        f"{MADE_UP}\n"
        "\n"
        "Made-up domain\tUniversal\tLevel 2: Family Help\tLevel 3 – Child Protection\n"
        'Made-up: shoes\t"• Made-up: laces tied\n• Made-up: “shiny” shoes"\tMade-up: one shoe lost\t\n'
        "\n"
        "Made-up domain\tUniversal\tLevel 2: Family Help\tLevel 3 – Child Protection\n"
        'Made-up: hats\tMade-up: sun hat\t\t"Made-up: no hat — ever\nMade-up: hat, ""borrowed"""\n'
    )
    source = tmp_path / "sheet.tsv"
    source.write_text(text, encoding="utf-8")
    result = cli("import", str(source), "--id", "sheet", "--into", str(tmp_path))
    assert result.code == 0, result.err
    universal, family, protection = THREE.levels
    assert imported(tmp_path / "sheet") == Counter(
        [
            (universal, "Made-up: shoes", "Made-up: laces tied"),
            (universal, "Made-up: shoes", "Made-up: “shiny” shoes"),
            (family, "Made-up: shoes", "Made-up: one shoe lost"),
            (universal, "Made-up: hats", "Made-up: sun hat"),
            (protection, "Made-up: hats", "Made-up: no hat — ever"),
            (protection, "Made-up: hats", 'Made-up: hat, "borrowed"'),
        ]
    )
    assert "not read, naming no levels: table 1" in result.out  # the line saying it is made up
    assert "table 2, row 2, column 4: warning: empty cell" in result.err
    assert "table 3, row 2, column 3: warning: empty cell" in result.err


def test_levels_numbered_otherwise_than_their_place_are_said_to_be(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A table of Levels 2 and 3 only: the draft numbers them 1 and 2 and says so (never makes up a 1)."""
    rows: Rows = [
        ["Made-up domain", "Level 2: Family Help", "Level 3: Child Protection"],
        ["Made-up: kites", ["Made-up: a"], ["Made-up: b"]],
    ]
    source = write_html(tmp_path / "partial.html", rows)
    result = cli("import", str(source), "--id", "partial", "--into", str(tmp_path))
    assert result.code == 0, result.err
    said = "partial.html: warning: the document numbers"
    assert result.err.splitlines() == [
        f"{said} 'Level 2: Family Help' 2; the draft makes it level 1",
        f"{said} 'Level 3: Child Protection' 3; the draft makes it level 2",
    ]
    partnership = (tmp_path / "partial" / "partnership.yaml").read_text(encoding="utf-8")
    assert (
        "\"PLACEHOLDER: check the import: partial.html: the document numbers 'Level 2: Family Help' 2;"
        in partnership
    )
