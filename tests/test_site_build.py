"""The handbook builds with --strict from thresholds/; bad data stops the build and leaves no partial site."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.conftest import MINIMAL_FIXTURE, REPOSITORY


def _make_build(site: Path, thresholds: Path | None = None) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if thresholds:
        environment["THRESHOLDS_DIR"] = str(thresholds)
    return subprocess.run(
        ["make", "--no-print-directory", "build", f"SITE={site}"],
        cwd=REPOSITORY,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_site_builds_with_the_urgent_routes(built_site: Path) -> None:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    for phone in ("999", "01629 533190", "01332 641172", "0800 1313126", "01782 235100", "01904 551900"):
        assert phone in home
    assert "Derby City and Derbyshire Threshold Document" in home


def test_invalid_yaml_stops_the_build_and_keeps_the_old_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous good build", encoding="utf-8")
    broken = tmp_path / "thresholds" / "fixture"
    shutil.copytree(MINIMAL_FIXTURE, broken)
    indicators = broken / "indicators.yaml"
    indicators.write_text(
        indicators.read_text(encoding="utf-8").replace("level: 4", "level: 5"), encoding="utf-8"
    )
    result = _make_build(site, broken.parent)
    assert result.returncode != 0
    assert "indicators.yaml:13:" in result.stdout + result.stderr
    assert "indicators[1].level: 5 is above the maximum 4" in result.stdout + result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "previous good build"
    assert not (tmp_path / "site.tmp").exists()
