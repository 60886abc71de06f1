"""`thresholds validate`: exit codes, warnings, --strict, and no traceback whatever the input."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tests.conftest import REPOSITORY, THRESHOLDS, Run


def test_real_data_is_valid(cli: Callable[..., Run]) -> None:
    result = cli("validate", str(THRESHOLDS), "--today", "2020-01-01")
    assert result.code == 0, result.err
    assert (
        "derby-derbyshire (215 indicators, 40 golden scenarios), "
        "stoke-staffordshire (278 indicators, 27 golden scenarios), "
        "york (0 indicators, 30 golden scenarios)"
    ) in result.out
    assert result.err
    assert all(": warning: sources disagree on " in line for line in result.err.splitlines())


def test_passed_review_date_warns_and_strict_fails(cli: Callable[..., Run]) -> None:
    result = cli("validate", str(THRESHOLDS), "--today", "2026-11-22")
    assert result.code == 0
    warning = (
        r"derby-derbyshire/partnership\.yaml:\d+:\d+: partnership\.review_date: warning: review date 2020-11"
    )
    assert re.search(warning, result.err), result.err
    assert cli("validate", str(THRESHOLDS), "--today", "2026-11-22", "--strict").code == 1


def test_review_date_counts_to_the_end_of_its_month(cli: Callable[..., Run]) -> None:
    assert "review date" not in cli("validate", str(THRESHOLDS), "--today", "2020-11-30").err
    assert "review date" in cli("validate", str(THRESHOLDS), "--today", "2020-12-01").err


def test_one_partnership_folder(cli: Callable[..., Run], minimal: Path) -> None:
    result = cli("validate", str(minimal))
    assert result.code == 0
    assert result.out.startswith("valid: fixture (2 indicators, 2 golden scenarios)")


def test_missing_folder(cli: Callable[..., Run], tmp_path: Path) -> None:
    result = cli("validate", str(tmp_path / "nowhere"))
    assert result.code == 1
    assert "nowhere:1:1: (file): no such folder" in result.err


def test_folder_without_partnerships(cli: Callable[..., Run], tmp_path: Path) -> None:
    result = cli("validate", str(tmp_path))
    assert result.code == 1
    assert "no partnership folders" in result.err


def test_duplicate_partnership_ids(cli: Callable[..., Run], minimal: Path, tmp_path: Path) -> None:
    twin = tmp_path / "twin"
    twin.mkdir()
    for path in minimal.iterdir():
        (twin / path.name).write_bytes(path.read_bytes())
    result = cli("validate", str(tmp_path))
    assert result.code == 1
    assert "partnership.id: partnership id 'fixture' is also used in" in result.err


def test_console_script_runs_without_traceback_on_bad_date() -> None:
    process = subprocess.run(
        [sys.executable, "-m", "navigator.cli", "validate", "--today", "yesterday"],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        check=False,
    )
    assert process.returncode == 2
    assert "not a date (YYYY-MM-DD): 'yesterday'" in process.stderr
    assert "Traceback" not in process.stderr
