"""What `thresholds import` refuses, each with one clear line naming the file (and table), a non-zero exit
and nothing written: an existing folder, a document with no table that names levels, a file of another
kind, a file that is not what its name says, a bad id, levels that cannot be a document's."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from navigator.model import scaffold
from navigator.model.problems import DataError, Position, Problem
from tests.conftest import Run
from tests.fixtures.import_documents import FOUR, MADE_UP, THREE, Rows, write_docx, write_html


def everything(folder: Path) -> dict[str, bytes]:
    """Every file under folder (hidden ones too: a temporary folder left behind would show)."""
    return {str(path.relative_to(folder)): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def test_an_existing_folder_is_never_touched(cli: Callable[..., Run], tmp_path: Path) -> None:
    source = write_docx(tmp_path / "four.docx", FOUR.rows())
    into = tmp_path / "thresholds"
    (into / "four").mkdir(parents=True)
    (into / "four" / "mine.yaml").write_text("# someone's work\n", encoding="utf-8")
    before = everything(into)
    result = cli("import", str(source), "--id", "four", "--into", str(into))
    assert result.code == 1
    assert "already exists" in result.err
    assert everything(into) == before
    assert [path.name for path in into.iterdir()] == ["four"]


def test_a_document_whose_tables_name_no_levels(cli: Callable[..., Run], tmp_path: Path) -> None:
    rows: Rows = [
        ["Made-up service", "Made-up phone"],
        [["Made-up: help desk"], ["Made-up: ring us"]],
    ]
    source = write_docx(tmp_path / "contacts.docx", rows)
    result = cli("import", str(source), "--id", "contacts", "--into", str(tmp_path))
    assert result.code == 1
    assert result.err.startswith("thresholds import: contacts.docx: none of its 1 table(s) names levels")
    assert result.err.rstrip().endswith("nothing written")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["contacts.docx"]


def test_a_page_with_no_table_at_all(cli: Callable[..., Run], tmp_path: Path) -> None:
    source = tmp_path / "prose.html"
    source.write_text(f"<p>{MADE_UP}</p><ul><li>Level 2: Family Help</ul>", encoding="utf-8")
    result = cli("import", str(source), "--id", "prose", "--into", str(tmp_path))
    assert result.code == 1
    assert "prose.html: no tables" in result.err
    assert sorted(path.name for path in tmp_path.iterdir()) == ["prose.html"]


def test_the_default_thresholds_folder_is_made_only_for_a_draft(
    cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --into the draft goes to ./thresholds/ID: made if missing, and gone again after a refusal."""
    monkeypatch.chdir(tmp_path)
    write_html(tmp_path / "headers.html", [["Made-up domain", "Universal", "Level 2: Family Help"]])
    refused = cli("import", "headers.html", "--id", "headers")
    assert refused.code == 1
    assert "headers.html: table(s) 1 name levels but hold no indicators" in refused.err
    assert not (tmp_path / "thresholds").exists()
    write_html(tmp_path / "three.html", THREE.rows())
    made = cli("import", "three.html", "--id", "made-here")
    assert made.code == 0, made.err
    assert "created thresholds/made-here (status: draft)" in made.out
    assert sorted(path.name for path in (tmp_path / "thresholds").iterdir()) == ["made-here"]


def test_a_draft_that_fails_its_checks_leaves_nothing_behind(
    cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Written to a temporary folder beside the target and checked there: a failure removes it all."""

    def failing(*_: object) -> None:
        raise DataError([Problem(Position(tmp_path, 1, 1), "", "made-up failure")])

    monkeypatch.setattr(scaffold, "load_scenarios", failing)  # the shared writer (scaffold.write_folder)
    source = write_docx(tmp_path / "four.docx", FOUR.rows())
    into = tmp_path / "into"
    into.mkdir()
    result = cli("import", str(source), "--id", "four", "--into", str(into))
    assert result.code == 1
    assert "made-up failure" in result.err
    assert list(into.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        (
            "thresholds.pdf",
            b"%PDF-1.7",
            "thresholds.pdf: cannot read .pdf files: give a Word document (.docx)",
        ),
        ("thresholds", b"", "thresholds: cannot read a file without an extension"),
        ("broken.docx", b"not a zip", "broken.docx: cannot read it as a Word document (.docx)"),
        ("latin.html", "<td>Universal caf\xe9".encode("latin-1"), "latin.html: not UTF-8 text (byte 18)"),
        ("plain.txt", b"Universal, Level 2: Family Help\n", "plain.txt: no tab-separated table"),
    ],
)
def test_files_it_cannot_read(
    cli: Callable[..., Run], tmp_path: Path, name: str, content: bytes, said: str
) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    result = cli("import", str(source), "--id", "unread", "--into", str(tmp_path))
    assert result.code != 0
    assert said in result.err
    assert len(result.err.splitlines()) == 1
    assert sorted(path.name for path in tmp_path.iterdir()) == [name]


def test_bad_arguments(cli: Callable[..., Run], tmp_path: Path) -> None:
    source = write_docx(tmp_path / "three.docx", THREE.rows())
    missing = cli("import", str(tmp_path / "gone.docx"), "--id", "gone", "--into", str(tmp_path))
    assert missing.code == 2
    assert "gone.docx: no such file" in missing.err
    bad_id = cli("import", str(source), "--id", "North Town", "--into", str(tmp_path))
    assert bad_id.code == 2
    assert "--id: 'North Town' is not a valid partnership id" in bad_id.err
    assert cli("import", str(source), "--id", "placeholder-town", "--into", str(tmp_path)).code == 2
    with pytest.raises(SystemExit) as no_id:
        cli("import", str(source))
    assert no_id.value.code == 2
    assert sorted(path.name for path in tmp_path.iterdir()) == ["three.docx"]


def test_levels_that_cannot_be_a_documents_are_refused_naming_them(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """Two headers that both read as child protection: the import says which, and writes nothing."""
    rows: Rows = [
        ["Made-up domain", "Universal", "Level 2: Child Protection", "Level 3: Section 47"],
        ["Made-up: hats", ["Made-up: a"], ["Made-up: b"], ["Made-up: c"]],
    ]
    source = write_docx(tmp_path / "twice.docx", rows)
    result = cli("import", str(source), "--id", "twice", "--into", str(tmp_path))
    assert result.code == 1
    assert "twice.docx: the level headers (" in result.err
    assert "both read as child protection" in result.err
    assert sorted(path.name for path in tmp_path.iterdir()) == ["twice.docx"]


def test_seven_levels_are_too_many(cli: Callable[..., Run], tmp_path: Path) -> None:
    levels = [f"Level {number}: Made-up" for number in range(1, 8)]
    source = write_html(
        tmp_path / "seven.html",
        [["Made-up domain", *levels], ["Made-up: x", *(["Made-up: y"] for _ in levels)]],
    )
    result = cli("import", str(source), "--id", "seven", "--into", str(tmp_path))
    assert result.code == 1
    assert "seven.html: table(s) 1 name 7 levels" in result.err
    assert sorted(path.name for path in tmp_path.iterdir()) == ["seven.html"]
