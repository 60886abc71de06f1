"""The import's seams one by one: which headers name levels, what counts as list markup, how a Word
paragraph's revisions and symbols read, how HTML with end tags left out nests, and that any text the
document holds survives the draft's YAML unchanged. Made-up words throughout, not guidance."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
import yaml
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from navigator.importing.docx_reader import read_docx
from navigator.importing.draft_yaml import slug, text
from navigator.importing.headers import Header, read_header
from navigator.importing.html_tree import Element, parse
from navigator.importing.table import item_text


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Level 2: Family Help", Header("Level 2: Family Help", "Family Help", 2)),
        ("Level 2 – Emerging Needs", Header("Level 2 – Emerging Needs", "Emerging Needs", 2)),
        ("Universal", Header("Universal", "Universal", None)),
        (
            "Level 4 - Specialist/Statutory",
            Header("Level 4 - Specialist/Statutory", "Specialist/Statutory", 4),
        ),
        ("  LEVEL THREE —  Targeted ", Header("LEVEL THREE —  Targeted", "Targeted", 3)),
        ("Level 5", Header("Level 5", "Level 5", 5)),
        ("Made-up: health", None),
        ("Made-up domain", None),
        ("", None),
        # An indicator's words may name a kind; a long cell is not read as a level header.
        ("Made-up: the family refuses every offer of early help and the school has been told twice", None),
    ],
)
def test_which_header_cells_name_levels(cell: str, expected: Header | None) -> None:
    assert read_header(cell) == expected


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("•\tMade-up: item", "Made-up: item"),
        ("\uf0b7 Made-up: Word's Symbol bullet", "Made-up: Word's Symbol bullet"),
        ("  ◦ ▪ Made-up: two bullets ", "Made-up: two bullets"),
        ("– Made-up: a dash is words", "– Made-up: a dash is words"),
        ("Made-up: inner  spaces • and bullets kept", "Made-up: inner  spaces • and bullets kept"),
        ("\u00a0•\u00a0", ""),
    ],
)
def test_only_list_markup_and_surrounding_space_are_trimmed(written: str, kept: str) -> None:
    assert item_text(written) == kept


def test_word_revisions_symbols_and_line_breaks(tmp_path: Path) -> None:
    """Tracked insertions count, deletions do not; a Symbol-font bullet is markup; a line break splits."""
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for column, header in enumerate(["Made-up domain", "Universal", "Level 2: Family Help"]):
        table.cell(0, column).text = header
    table.cell(1, 0).text = "Made-up: lamps"
    paragraph = table.cell(1, 1).paragraphs[0]
    paragraph.add_run("Made-up: bulb ")
    inserted, deleted = OxmlElement("w:ins"), OxmlElement("w:del")
    for wrapper, words, tag in ((inserted, "always ", "w:t"), (deleted, "never ", "w:delText")):
        run, words_element = OxmlElement("w:r"), OxmlElement(tag)
        words_element.text = words
        words_element.set(qn("xml:space"), "preserve")
        run.append(words_element)
        wrapper.append(run)
        paragraph._p.append(wrapper)
    paragraph.add_run("on")
    second = table.cell(1, 2).paragraphs[0]
    symbol = OxmlElement("w:sym")
    symbol.set(qn("w:font"), "Symbol")
    symbol.set(qn("w:char"), "F0B7")
    second.add_run()._r.append(symbol)
    second.add_run(" Made-up: first line")
    second.add_run().add_break()
    second.add_run("Made-up: second line")
    document.save(str(tmp_path / "revised.docx"))
    [read] = read_docx(tmp_path / "revised.docx")
    cells = {(cell.row, cell.column): cell.items for cell in read.cells}
    assert cells[2, 2] == ("Made-up: bulb always on",)
    assert cells[2, 3] == ("Made-up: first line", "Made-up: second line")


def tags(element: Element) -> str:
    """The tree's shape as nested tags, text left out."""
    inner = "".join(tags(child) for child in element.children if isinstance(child, Element))
    return f"{element.tag}({inner})" if inner else element.tag


def test_html_end_tags_left_out_close_as_browsers_close_them() -> None:
    [table] = parse(
        "<table><tr><td>a<td><ul><li>b<li>c<ul><li>d</ul></ul><tr><td><p>e<p>f<td>g</table><p>after"
    ).elements("table")
    assert tags(table) == "table(tr(td td(ul(li li(ul(li))))) tr(td(p p) td))".replace(" ", "")


def test_a_stray_end_tag_never_closes_the_table_around_it() -> None:
    root = parse("<div><table><tr><td>a</div>b</td><td>c</td></tr></table></div>")
    [table] = root.elements("table")
    assert [len(row.elements("td")) for row in table.elements("tr")] == [2]


@pytest.mark.parametrize(
    "words",
    [
        "Made-up: “curly” ‘quotes’ — and – dashes",
        'Made-up: "straight" quotes, a back\\slash and a tab\there',
        "Made-up: next line\x85 line separator\u2028 paragraph\u2029 delete\x7f",
        "Made-up: PLACEHOLDER is only a word here: # not a comment",
        "Made-up: 🐝 astral and \u00a0non-breaking space",
    ],
)
def test_any_text_survives_the_drafts_yaml_unchanged(words: str) -> None:
    assert yaml.safe_load(f"text: {text(words)}\n") == {"text": words}


def test_ids_are_made_from_words() -> None:
    assert slug("Made-up: Café “crèche” — 24/7, ages 0–5 and more words beyond") == (
        "made-up-cafe-creche-24-7-ages-0"  # eight words at most
    )
    assert slug("— “ ”") == ""
