"""`thresholds verify`: the repository's data stands in its sources; a changed digit or word fails at its
file and line; a PDF copy's differences are allowed and nothing else; our readings are listed, not verified.

The tests on the repository need ../shared/sources and skip without it (as the fidelity tests do); the
tests on made-up sources (TEST FIXTURE, NOT GUIDANCE) always run.
"""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from navigator.model.verify_sources import SourceError, load_source, read_source
from navigator.model.verify_text import SourceText
from tests.conftest import THRESHOLDS, Run
from tests.fidelity import SOURCES, document

needs_sources = pytest.mark.skipif(not SOURCES.is_dir(), reason="../shared/sources is not beside this clone")
DERBY = "derby-derbyshire"
DERBY_SOURCE = "derby-derbyshire-threshold-document-2019.txt"
# A made-up source for the minimal fixture: every claim of it, copied as a PDF copy would have it (lines
# broken inside phrases, "safe-" / "guarding", straight quotes for curly, a hyphen for a dash).
MADE_UP_SOURCE = """FIXTURE SOURCE (made up by tests/test_verify.py; not guidance)
2 Fixture level one. Fixture level two. Fixture
level three. Fixture level four.
3 Fixture caveat.
4 Concerns about safe-
guarding in the
home
The child's "wishes and
feelings" are not heard - or are dismissed
5 Fixture child-protection line. Ring 01632 960001 (9am to 5pm
Monday to Friday) or 01632-960002. Fixture emergency line. 999.
North child protection. South child protection. Fixture route. Immediate danger.
Fixture immediate danger route. Fixture: reviewed, not harm.
"""
HYPHENATED = "Concerns about safeguarding in the home"
QUOTED = "The child’s “wishes and feelings” are not heard – or are dismissed"


def _line(path: Path, text: str) -> int:
    """The number of the one line of path holding text."""
    lines = [number for number, line in enumerate(path.read_text().splitlines(), 1) if text in line]
    assert len(lines) == 1, lines
    return lines[0]


def _copy_derby(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, file: str, old: str, new: str) -> Path:
    """A copy of Derby and Derbyshire in tmp_path (the current folder) with old made new in one file."""
    shutil.copytree(THRESHOLDS / DERBY, tmp_path / DERBY)
    monkeypatch.chdir(tmp_path)
    changed = tmp_path / DERBY / file
    text = changed.read_text(encoding="utf-8")
    assert text.count(old) == 1
    changed.write_text(text.replace(old, new), encoding="utf-8")
    return changed


@needs_sources
def test_verify_passes_on_the_repository(cli: Callable[..., Run]) -> None:
    result = cli("verify", str(THRESHOLDS), "--sources", str(SOURCES))
    assert (result.code, result.err) == (0, "")
    [line] = result.out.splitlines()
    assert re.fullmatch(
        r"verified [\d,]+ texts \(8 joined across page breaks where their notes say\), 10 phone numbers, "
        r"1 email address, 2 web addresses, 4 opening hours statements in 3 partnerships against 5 sources; "
        r"205 readings listed as ours, not verified",
        line,
    ), line


@needs_sources
def test_one_changed_digit_of_a_phone_number_fails_at_its_line(
    cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    contacts = _copy_derby(
        tmp_path, monkeypatch, "contacts.yaml", 'phone: "01629 535353"', 'phone: "01629 535363"'
    )
    line = _line(contacts, "01629 535363")
    result = cli("verify", DERBY, "--sources", str(SOURCES))
    assert result.code == 1
    assert result.out == ""
    assert result.err.splitlines()[:-1] == [
        f"{DERBY}/contacts.yaml:{line}:12: contacts[2].phone: "
        f'not found in {DERBY_SOURCE} (closest: "01629 535353")'
    ]
    assert result.err.splitlines()[-1].startswith("1 not verified; verified ")


@needs_sources
def test_one_changed_word_of_an_indicator_fails_at_its_line(
    cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = '"Domestic abuse in the household"', '"Domestic abuse in the garden"'
    indicators = _copy_derby(tmp_path, monkeypatch, "indicators.yaml", old, new)
    index = [item["text"] for item in document(DERBY)["indicators"]].index(old.strip('"'))
    result = cli("verify", DERBY, "--sources", str(SOURCES))
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        f"{DERBY}/indicators.yaml:{_line(indicators, new)}:11: indicators[{index}].text: "
        f'not found in {DERBY_SOURCE} (closest: "Domestic abuse in the household")'
    )
    assert result.err.splitlines()[1].startswith("1 not verified; ")


@pytest.fixture
def made_up(minimal: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The minimal fixture with two indicators a PDF copy would alter, and a made-up source folder."""
    indicators = minimal / "indicators.yaml"
    text = indicators.read_text(encoding="utf-8")
    text = text.replace("Fixture indicator at level two", HYPHENATED)
    text = text.replace("Fixture indicator at level four", f'"{QUOTED}"')
    indicators.write_text(text, encoding="utf-8")
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "fixture-source.txt").write_text(MADE_UP_SOURCE, encoding="utf-8")
    return minimal, sources


def test_a_pdf_copys_differences_are_allowed(cli: Callable[..., Run], made_up: tuple[Path, Path]) -> None:
    """A line break inside a phrase, "safe-" / "guarding", curly quotes, a dash for a hyphen, spacing."""
    folder, sources = made_up
    result = cli("verify", str(folder), "--sources", str(sources))
    assert (result.code, result.err) == (0, ""), result.err
    assert result.out == (
        "verified 20 texts, 3 phone numbers, 0 email addresses, 0 web addresses, 1 opening hours statement "
        "in 1 partnership against 1 source; 1 reading listed as ours, not verified\n"
    )


@pytest.mark.parametrize(
    ("original", "changed", "key"),
    [
        ("guarding in the\nhome", "guarding in the\nschool", "indicators[0].text"),  # a changed word
        ("are not heard", "are not hear", "indicators[1].text"),  # a letter fewer
        ("wishes and\nfeelings", "wishes and\nfeeling", "indicators[1].text"),  # one letter
        ("Ring 01632 960001", "Ring 01632 960011", "contacts[0].phone"),  # one digit
        ("Fixture\nlevel three.", "Fixture\nlevel thee.", "levels[2].summary.text"),
    ],
)
def test_a_real_difference_is_not_allowed(
    cli: Callable[..., Run], made_up: tuple[Path, Path], original: str, changed: str, key: str
) -> None:
    folder, sources = made_up
    assert MADE_UP_SOURCE.count(original) == 1
    (sources / "fixture-source.txt").write_text(MADE_UP_SOURCE.replace(original, changed), encoding="utf-8")
    result = cli("verify", str(folder), "--sources", str(sources))
    assert result.code == 1
    failures = [line for line in result.err.splitlines() if ": not found in fixture-source.txt" in line]
    assert len(failures) == 1 + (key == "levels[2].summary.text"), result.err  # the description says it too
    assert f": {key}: not found in fixture-source.txt (closest: " in failures[0]
    assert result.err.splitlines()[-1].startswith(f"{len(failures)} not verified; ")


@pytest.mark.parametrize("recorded", [True, False])
def test_a_text_split_by_a_page_break_is_found_only_where_its_note_records_the_join(
    cli: Callable[..., Run], made_up: tuple[Path, Path], recorded: bool
) -> None:
    folder, sources = made_up
    partnership = folder / "partnership.yaml"
    note = "\n    note: 'Rejoined: “Fixture level four carries on” / “over the page.”'" if recorded else ""
    text = partnership.read_text().replace(
        "paragraphs: [Fixture level four.]", "paragraphs: [Fixture level four carries on over the page.]"
    )
    partnership.write_text(text.replace("    title: Level 4 – Four", f"    title: Level 4 – Four{note}"))
    source = sources / "fixture-source.txt"
    source.write_text(
        MADE_UP_SOURCE + "Fixture level four carries on\nLevel Needs Services\nover the page.\n"
    )
    result = cli("verify", str(folder), "--sources", str(sources))
    assert result.code == (0 if recorded else 1), result.err
    if recorded:
        assert result.out.startswith(
            "verified 20 texts (1 joined across page breaks where their notes say), "
        )
    else:
        assert ": levels[3].description.paragraphs[0]: not found in fixture-source.txt" in result.err


def test_only_whole_words_are_found() -> None:
    """Text cut out of longer words is not the source's text, though its letters stand there."""
    source = SourceText.of("made-up.txt", "Concerns about safe-\nguarding in the home.")
    assert source.contains("Concerns about safeguarding in the home.")
    assert not source.contains("Concerns about safeguarding in the hom")
    assert not source.contains("oncerns about safeguarding")


def test_our_readings_are_listed_not_verified(cli: Callable[..., Run], made_up: tuple[Path, Path]) -> None:
    """The harm decision and a contact's reading are listed as ours, though both stand in the source."""
    folder, sources = made_up
    contacts = folder / "contacts.yaml"
    contacts.write_text(
        contacts.read_text().replace(
            "    purpose: Fixture emergency line.\n",
            "    purpose: Fixture emergency line.\n    reading: Fixture route.\n",
        )
    )
    result = cli("verify", str(folder), "--sources", str(sources), "--readings")
    assert result.code == 0, result.err
    *listed, summary = result.out.splitlines()
    assert listed == [
        f"{contacts}:{_line(contacts, 'reading: Fixture')}:14: contacts[2].reading: "
        'our reading, not verified: "Fixture route."',
        f"{folder / 'rules.yaml'}:11:9: rules.significant_harm.review[0]: our reading, not verified: "
        '"Fixture: reviewed, not harm."',
    ]
    assert summary.startswith("verified 20 texts, ")  # neither reading counted as a verified text
    assert summary.endswith("; 2 readings listed as ours, not verified")


def test_a_missing_source_or_folder_stops_with_exit_2(
    cli: Callable[..., Run], made_up: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, sources = made_up
    result = cli("verify", str(folder), "--sources", str(tmp_path / "nowhere"))
    assert result.code == 2
    assert result.err == f"thresholds verify: --sources {tmp_path / 'nowhere'}: no such folder\n"
    (sources / "fixture-source.txt").unlink()
    result = cli("verify", str(folder), "--sources", str(sources))
    assert result.code == 2
    partnership = folder / "partnership.yaml"
    assert result.err.splitlines()[0] == (
        f"{partnership}:{_line(partnership, 'file: fixture-source.txt')}:13: partnership.sources[0].file: "
        f"{sources / 'fixture-source.txt'}: no such file"
    )
    assert "nothing was verified" in result.err


def test_web_pages_and_word_documents_are_read_as_their_text(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><style>p {}</style><script>var says = 'Made-up';</script></head><body>"
        "<p>Concerns about safe&shy;guarding</p><table><tr><td>Level 2</td>"
        "<td>Missed health<br>appointments</td></tr></table></body></html>",
        encoding="utf-8",
    )
    source = load_source(page)
    assert source.contains("Concerns about safeguarding")
    assert source.contains("Missed health appointments")
    assert not source.contains("var says")  # a script is no text of the page
    word = tmp_path / "made-up.docx"
    document = docx.Document()
    document.add_paragraph("The child’s “wishes” are not heard")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Level 2", "Missed health appointments"
    document.save(str(word))
    source = load_source(word)
    assert source.contains('The child\'s "wishes" are not heard')
    assert source.contains("Missed health appointments")
    assert not source.contains("Missed health appointment")


def test_word_documents_need_python_docx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    word = tmp_path / "made-up.docx"
    word.write_bytes(b"")
    monkeypatch.setitem(sys.modules, "docx", None)  # as if python-docx were not installed
    with pytest.raises(SourceError, match=r"made-up\.docx: reading \.docx sources needs python-docx"):
        read_source(word)
