"""The hazard log (docs/safety/hazard-log.md) names only tests that exist, and every hazard names one.

A control is only a control while a test can fail when it breaks: a renamed or deleted test must not leave
the log pointing at nothing. The log is linked from the README and listed in the site's navigation.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

from navigator.sitebuild import hooks
from tests.conftest import REPOSITORY

LOG = REPOSITORY / "docs" / "safety" / "hazard-log.md"
# `tests/path.py` or `tests/path.py::test_name` (also `::Class::test_name`, `::test_name[case]`).
REFERENCE = re.compile(r"`(tests/[\w./-]+\.py)(?:::([\w:]+)(\[[^`\]]*\])?)?`")
MENTION = re.compile(r"tests/[\w./-]+\.py")
HAZARD = re.compile(r"## (H(\d+)): \S")


def sections(log: str) -> list[tuple[str, str]]:
    """(hazard id, its text) for each `## H<n>: ...` section, in order; the text before them as "intro"."""
    found = []
    for part in re.split(r"^(?=## )", log, flags=re.MULTILINE):
        match = HAZARD.match(part)
        found.append((match.group(1) if match else "intro", part))
    return found


@cache
def defined(path: Path) -> frozenset[str]:
    """The functions and classes a test file defines at its top level, and its classes' methods."""
    names: set[str] = set()
    functions = (ast.FunctionDef, ast.AsyncFunctionDef)
    for node in ast.parse(path.read_text(encoding="utf-8"), filename=str(path)).body:
        if isinstance(node, functions):
            names.add(node.name)
        elif isinstance(node, ast.ClassDef):
            names.add(node.name)
            names.update(f"{node.name}::{item.name}" for item in node.body if isinstance(item, functions))
    return frozenset(names)


def missing(log: str, root: Path) -> list[str]:
    """One line for each test the log names that does not exist under root, with its hazard."""
    problems = []
    for hazard, text in sections(log):
        for match in REFERENCE.finditer(text):
            file, name = match.group(1), match.group(2)
            path = root / file
            if not path.is_file():
                problems.append(f"{hazard}: {file}: no such file")
            elif name is not None and name not in defined(path):
                problems.append(f"{hazard}: {file}::{name}: {file} defines no {name}")
    return list(dict.fromkeys(problems))


def test_every_test_the_log_names_exists() -> None:
    problems = missing(LOG.read_text(encoding="utf-8"), REPOSITORY)
    assert not problems, "The hazard log names tests that do not exist:\n" + "\n".join(problems)


def test_every_hazard_names_a_test() -> None:
    hazards = [
        (hazard, text) for hazard, text in sections(LOG.read_text(encoding="utf-8")) if hazard != "intro"
    ]
    assert hazards, "the hazard log has no `## H1: ...` section"
    untested = [hazard for hazard, text in hazards if not REFERENCE.search(text)]
    assert not untested, f"hazards naming no test: {', '.join(untested)}"


def test_hazards_are_numbered_once_each_in_order() -> None:
    ids = [hazard for hazard, _ in sections(LOG.read_text(encoding="utf-8")) if hazard != "intro"]
    assert ids == [f"H{number}" for number in range(1, len(ids) + 1)]


def test_every_test_is_named_in_backticks() -> None:
    """A test named outside backticks would escape the check above."""
    log = LOG.read_text(encoding="utf-8")
    assert len(MENTION.findall(log)) == len(REFERENCE.findall(log))


def test_a_missing_file_or_test_is_named_with_its_hazard(tmp_path: Path) -> None:
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_x.py").write_text(
        "import pytest\n\n\n@pytest.mark.parametrize('n', [1])\ndef test_here(n):\n    pass\n\n\n"
        "class TestGroup:\n    def test_method(self):\n        pass\n",
        encoding="utf-8",
    )
    log = (
        "# Hazard log\n\nSee `tests/test_x.py`.\n\n## H1: One\n\n"
        "- `tests/test_x.py::test_here[1]`, `tests/test_x.py::TestGroup::test_method`\n"
        "- `tests/test_x.py::test_gone`, `tests/test_y.py::test_any`, `tests/test_z.py`\n\n"
        "## H2: Two\n\n- `tests/test_x.py::test_gone`\n"
    )
    assert missing(log, tmp_path) == [
        "H1: tests/test_x.py::test_gone: tests/test_x.py defines no test_gone",
        "H1: tests/test_y.py: no such file",
        "H1: tests/test_z.py: no such file",
        "H2: tests/test_x.py::test_gone: tests/test_x.py defines no test_gone",
    ]


def test_the_readme_links_the_hazard_log() -> None:
    readme = (REPOSITORY / "README.md").read_text(encoding="utf-8")
    assert "](docs/safety/hazard-log.md)" in readme


def test_the_log_is_in_the_sites_navigation(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hooks.site, "documents", lambda today: [])  # the navigation without partnerships
    nav = hooks.on_config({})["nav"]
    assert {"Hazard log": "safety/hazard-log.md"} in nav
    lines = [line for line in LOG.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert lines[:2] == ["# Hazard log", "{{ urgent_routes() }}"]
