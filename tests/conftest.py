"""Shared fixtures: the repository's folders and a way to run the `thresholds` CLI in-process."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from navigator.cli import main
from navigator.decision import Assessor
from navigator.model.catalogue import load_all
from navigator.model.compile import compile_catalogue
from navigator.model.partnership import Partnership

REPOSITORY = Path(__file__).resolve().parents[1]
THRESHOLDS = REPOSITORY / "thresholds"
MINIMAL_FIXTURE = Path(__file__).resolve().parent / "fixtures" / "minimal"
# Made-up partnerships of other shapes (TEST FIXTURE, NOT GUIDANCE): three levels and five levels.
SHAPES = tuple(
    Path(__file__).resolve().parent / "fixtures" / name for name in ("families-first", "five-levels")
)


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


def mkdocs_build(
    site: Path, environment: dict[str, str], check: bool = True, compress: bool = False
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of this repository into site, with these environment variables added;
    with the brotli and gzip copies (navigator/sitebuild/compress.py) only for a site a test serves with
    nginx: a new snapshot's copies take a minute."""
    return subprocess.run(
        [
            str(REPOSITORY / ".venv" / "bin" / "mkdocs"),
            "build",
            "--strict",
            "--quiet",
            "--site-dir",
            str(site),
        ],
        cwd=REPOSITORY,
        env={
            **os.environ,
            "NO_MKDOCS_2_WARNING": "1",
            "HANDBOOK_COMPRESS": "1" if compress else "0",
            **environment,
        },
        capture_output=not check,
        text=True,
        check=check,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The handbook built once per test session with `mkdocs build --strict`."""
    site = tmp_path_factory.mktemp("built") / "site"
    mkdocs_build(site, {"THRESHOLDS_DIR": str(REPOSITORY / "thresholds")}, compress=True)
    return site


@pytest.fixture(scope="session")
def shapes_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A handbook built with --strict from Derby and Derbyshire (four levels) beside the three-level and
    five-level test fixtures: never the published site."""
    thresholds = tmp_path_factory.mktemp("shapes") / "thresholds"
    shutil.copytree(THRESHOLDS / "derby-derbyshire", thresholds / "derby-derbyshire")
    for folder in SHAPES:
        shutil.copytree(folder, thresholds / folder.name)
    site = thresholds.parent / "site"
    mkdocs_build(site, {"THRESHOLDS_DIR": str(thresholds)})
    return site


@pytest.fixture(scope="session")
def partnerships() -> list[Partnership]:
    """The real partnerships under thresholds/, validated."""
    return load_all(THRESHOLDS, dt.date(2026, 11, 22))


@pytest.fixture(scope="session")
def assessor(partnerships: list[Partnership]) -> Assessor:
    """The decision module over the real data, built from compiled JSON text as the browser builds it."""
    return Assessor(json.dumps(compile_catalogue(partnerships)))
