"""`thresholds new ID`: a commented, schema-linked draft folder that validates (a warning per placeholder),
that `--strict` refuses, that builds into the handbook, and that never overwrites or half-writes."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from navigator.decision import Assessor
from navigator.model import scaffold as scaffold_module
from navigator.model.compile import compile_catalogue
from navigator.model.partnership import load_partnership
from navigator.model.placeholders import strings
from navigator.model.problems import DataError, Position, Problem
from navigator.model.scenarios import load_scenarios
from navigator.model.schema import SCENARIOS_SCHEMA_PATH, SCHEMA_PATH
from navigator.model.yaml_positions import load_yaml_file
from tests.conftest import THRESHOLDS, Run, mkdocs_build

FILES = {
    "partnership.yaml",
    "levels.yaml",
    "indicators.yaml",
    "contacts.yaml",
    "rules.yaml",
    "guidance.yaml",
    "scenarios.yaml",
}
# A placeholder as written in the YAML: marked text, a placeholder id or file name (not a mapping key), the
# placeholder phone number.
WRITTEN_PLACEHOLDER = re.compile(
    r'"PLACEHOLDER: |(?<![\w-])placeholder-[a-z0-9-]+(?:\.txt)?\b(?![:\w-])|"00000 000000"'
)
WARNING = re.compile(r"^(?P<file>\S+\.yaml):(?P<line>\d+):\d+: (?P<key>\S+): warning: placeholder: \S")


@pytest.fixture
def made(cli: Callable[..., Run], tmp_path: Path) -> Path:
    """`thresholds new test-area --into <tmp>/thresholds`: the new folder."""
    into = tmp_path / "thresholds"
    into.mkdir()
    result = cli("new", "test-area", "--into", str(into))
    assert result.code == 0, result.err
    assert "created" in result.out
    return into / "test-area"


def test_every_file_is_written_commented_and_schema_linked(made: Path) -> None:
    """Outside the project, with no schema/ beside the folder, the link is the installed schema's URI."""
    assert {path.name for path in made.iterdir()} == FILES
    for path in made.iterdir():
        lines = path.read_text(encoding="utf-8").splitlines()
        schema = SCENARIOS_SCHEMA_PATH if path.name == "scenarios.yaml" else SCHEMA_PATH
        assert lines[0] == f"# yaml-language-server: $schema={schema.as_uri()}"
        assert lines[1].startswith("# ")
    assert "  status: draft\n" in (made / "partnership.yaml").read_text(encoding="utf-8")


def test_it_validates_with_a_located_warning_for_every_placeholder(
    cli: Callable[..., Run], made: Path
) -> None:
    result = cli("validate", str(made))
    assert result.code == 0, result.err
    assert result.out.startswith("valid: test-area (4 indicators, 6 golden scenarios)")
    warnings = [WARNING.match(line) for line in result.err.splitlines() if ": warning: placeholder: " in line]
    assert all(warnings), result.err
    found = Counter((Path(m["file"]).name, int(m["line"])) for m in warnings if m)
    written: Counter[tuple[str, int]] = Counter()
    for path in made.iterdir():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.lstrip().startswith("#"):
                written[(path.name, number)] += len(WRITTEN_PLACEHOLDER.findall(line))
    assert found == +written
    title_line = _line_of(made / "partnership.yaml", "  title: ")
    assert f"partnership.yaml:{title_line}:10: partnership.title: warning: placeholder: the document's" in (
        result.err
    )
    phone_line = _line_of(made / "contacts.yaml", '    phone: "00000 000000"')
    assert (
        f"contacts.yaml:{phone_line}:12: contacts[1].phone: warning: placeholder: 00000 000000" in result.err
    )


def test_strict_refuses_it_naming_the_placeholders(cli: Callable[..., Run], made: Path) -> None:
    result = cli("validate", str(made), "--strict")
    assert result.code == 1
    assert "--strict: warnings count as errors" in result.err
    assert re.search(r"levels\.yaml:\d+:\d+: levels\[3\]\.name: warning: placeholder: ", result.err)


def test_the_golden_scenarios_load_and_hold(made: Path) -> None:
    partnership = load_partnership(made, dt.date(2026, 11, 22))
    assessor = Assessor(json.dumps(compile_catalogue([partnership])))
    goldens = load_scenarios(partnership, assessor)
    assert {golden.expect["level"] for golden in goldens} == {1, 2, 3, 4}
    for golden in goldens:
        result = assessor.assess(golden.scenario)
        assert result["level"] == golden.expect["level"], golden.name
        assert [entry["phone"] for entry in result["urgent"] if entry["phone"]] == golden.expect["urgent"]
        assert {c["phone"] for c in result["contacts"] if c["phone"]} == set(golden.expect["contacts"])


def test_no_value_reads_as_guidance(made: Path) -> None:
    """Every text is a marked placeholder or a fixed value: an id or choice (one lower-case word or words
    joined by hyphens), 999, "not stated" or the source's date (a placeholder note says to change it)."""
    month = f"{dt.date.today():%Y-%m}"
    for path in made.iterdir():
        for _, value in strings(load_yaml_file(path).data):
            placeholder = value.startswith("PLACEHOLDER: ") or value == "00000 000000"
            fixed = re.fullmatch(r"[a-z0-9_]+(-[a-z0-9_]+)*(\.txt)?", value) or value in {
                "999",
                "not stated",
                "threshold document",
                month,
            }
            assert placeholder or fixed, f"{path.name}: {value!r}"
            assert "PLACEHOLDER" not in value or value.startswith("PLACEHOLDER: "), value


@pytest.mark.parametrize("bad", ["Bad_Id", "north town", "-north", "north-", "a--b", "", "placeholder-x"])
def test_a_bad_id_is_refused_with_nothing_written(cli: Callable[..., Run], tmp_path: Path, bad: str) -> None:
    result = cli("new", "--into", str(tmp_path), "--", bad)
    assert result.code == 2
    assert result.err.startswith(f"thresholds new: {bad!r} ")
    assert list(tmp_path.iterdir()) == []


def test_an_existing_folder_is_never_overwritten(cli: Callable[..., Run], tmp_path: Path) -> None:
    (tmp_path / "york").mkdir()
    (tmp_path / "york" / "notes.txt").write_text("keep me", encoding="utf-8")
    result = cli("new", "york", "--into", str(tmp_path))
    assert result.code == 1
    assert "york:1:1: (file): already exists" in result.err
    assert [path.name for path in tmp_path.iterdir()] == ["york"]
    assert [path.name for path in (tmp_path / "york").iterdir()] == ["notes.txt"]


def test_a_missing_thresholds_folder_is_refused(cli: Callable[..., Run], tmp_path: Path) -> None:
    result = cli("new", "north-town", "--into", str(tmp_path / "nowhere"))
    assert result.code == 1
    assert "nowhere:1:1: (file): no such folder" in result.err
    assert list(tmp_path.iterdir()) == []


def test_a_failure_part_way_leaves_nothing(
    cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(folder: Path, today: dt.date) -> None:
        assert len(list(folder.iterdir())) == len(FILES)  # written in full, in the temporary folder
        raise DataError([Problem(Position(folder, 1, 1), "", "broken on purpose")])

    monkeypatch.setattr(scaffold_module, "load_partnership", broken)
    assert cli("new", "north-town", "--into", str(tmp_path)).code == 1
    assert list(tmp_path.iterdir()) == []


def test_the_default_folder_is_thresholds(
    cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "thresholds").mkdir()
    monkeypatch.chdir(tmp_path)
    assert cli("new", "north-town").code == 0
    assert (tmp_path / "thresholds" / "north-town" / "partnership.yaml").is_file()


def test_it_validates_beside_the_real_partnerships_and_builds(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    thresholds = tmp_path / "thresholds"
    shutil.copytree(THRESHOLDS, thresholds)
    assert cli("new", "test-area", "--into", str(thresholds)).code == 0
    validated = cli("validate", str(thresholds))
    assert validated.code == 0, validated.err
    assert "test-area (4 indicators, 6 golden scenarios)" in validated.out
    first = (thresholds / "test-area" / "levels.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/partnership.schema.json"  # thresholds/schema/
    site = tmp_path / "site"
    build = mkdocs_build(site, {"THRESHOLDS_DIR": str(thresholds), "THRESHOLDS_DRAFTS": "1"}, check=False)
    assert build.returncode == 0, build.stderr[-3000:]
    pages = ["", "level-1/", "level-4/", "indicators/", "contacts/", "consent/", "guidance/", "navigator/"]
    for page in pages:
        assert (site / "test-area" / page / "index.html").is_file(), page
    overview = (site / "test-area" / "index.html").read_text(encoding="utf-8")
    assert "PLACEHOLDER: the document" in overview


def _line_of(path: Path, start: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if line.startswith(start))
