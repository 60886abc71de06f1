"""The decision core is pure: standard library only, no I/O, no clock, nothing browser- or YAML-specific."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPOSITORY

CORE = REPOSITORY / "navigator" / "decision"
CORE_FILES = sorted(CORE.glob("*.py"))
ALLOWED_MODULES = {"__future__", "collections.abc", "dataclasses", "datetime", "json", "math", "re", "typing"}
FORBIDDEN_CALLS = {"open", "eval", "exec", "compile", "__import__", "input", "print", "breakpoint"}
CLOCK_READS = {"now", "today", "utcnow", "time", "monotonic", "perf_counter"}


def _imports(tree: ast.AST) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            found.add("." * node.level + (node.module or ""))
    return found


def test_the_core_has_its_files() -> None:
    assert {path.name for path in CORE_FILES} >= {
        "__init__.py",
        "engine.py",
        "scenario.py",
        "clock.py",
        "api.py",
    }


@pytest.mark.parametrize("path", CORE_FILES, ids=lambda path: path.name)
def test_imports_only_the_standard_library_and_itself(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    outside = {
        name
        for name in _imports(tree)
        if name not in ALLOWED_MODULES and not name.startswith("navigator.decision")
    }
    assert not outside, f"{path.name} imports {sorted(outside)}"


@pytest.mark.parametrize("path", CORE_FILES, ids=lambda path: path.name)
def test_no_io_and_no_clock(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = [node.func for node in ast.walk(tree) if isinstance(node, ast.Call)]
    names = {func.id for func in calls if isinstance(func, ast.Name)}
    attributes = {func.attr for func in calls if isinstance(func, ast.Attribute)}
    assert not names & FORBIDDEN_CALLS, f"{path.name} calls {sorted(names & FORBIDDEN_CALLS)}"
    assert not attributes & CLOCK_READS, f"{path.name} reads the clock: {sorted(attributes & CLOCK_READS)}"


def test_the_purity_check_catches_a_bad_import(tmp_path: Path) -> None:
    tree = ast.parse("import yaml\nfrom pathlib import Path\nfrom .engine import assess\n")
    assert _imports(tree) - ALLOWED_MODULES == {"yaml", "pathlib", ".engine"}


def test_imports_with_yaml_jsonschema_and_files_blocked() -> None:
    """What Pyodide will have: the core imports and assesses with third-party packages unavailable."""
    program = (
        "import sys\n"
        "for name in ('yaml', 'jsonschema', 'referencing', 'mkdocs', 'pathlib', 'os.path'):\n"
        "    sys.modules[name] = None\n"
        "import navigator.decision\n"
        "assert not any(m.startswith('navigator.model') for m in sys.modules)\n"
    )
    subprocess.run([sys.executable, "-c", program], cwd=REPOSITORY, check=True)
