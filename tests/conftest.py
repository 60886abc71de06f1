"""Shared fixtures: the repository's folders and a way to run the `thresholds` CLI in-process."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from navigator.cli import main

REPOSITORY = Path(__file__).resolve().parents[1]
THRESHOLDS = REPOSITORY / "thresholds"
MINIMAL_FIXTURE = Path(__file__).resolve().parent / "fixtures" / "minimal"


@dataclass
class Run:
    """What one CLI run returned and printed."""

    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """Run `thresholds ARGS...` in-process and capture its output."""

    def run(*arguments: str) -> Run:
        code = main(list(arguments))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A fresh copy of the minimal valid fixture partnership, safe to break."""
    folder = tmp_path / "fixture"
    shutil.copytree(MINIMAL_FIXTURE, folder)
    return folder


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The handbook built once per test session with `mkdocs build --strict`."""
    site = tmp_path_factory.mktemp("built") / "site"
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    environment.pop("THRESHOLDS_DIR", None)
    subprocess.run(
        [
            str(REPOSITORY / ".venv" / "bin" / "mkdocs"),
            "build",
            "--strict",
            "--quiet",
            "--site-dir",
            str(site),
        ],
        cwd=REPOSITORY,
        env=environment,
        check=True,
    )
    return site
