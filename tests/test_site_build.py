"""The handbook builds with --strict from thresholds/; bad data stops the build and leaves no partial site."""

from __future__ import annotations

import json
import os
import re
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
    assert "indicators[1].level: unknown level 5 (known: 1, 2, 3, 4)" in result.stdout + result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "previous good build"
    assert not (tmp_path / "site.tmp").exists()


def test_every_generated_page_is_built(built_site: Path) -> None:
    for page in (
        "derby-derbyshire/index.html",
        "derby-derbyshire/level-3/index.html",
        "stoke-staffordshire/indicators/index.html",
        "york/contacts/index.html",
        "compare/index.html",
        "conflicts/index.html",
        "sources/index.html",
        "privacy/index.html",
        "accessibility/index.html",
    ):
        assert (built_site / page).is_file(), page
    indicators = (built_site / "derby-derbyshire/indicators/index.html").read_text(encoding="utf-8")
    assert '<li id="l2-health-missing-immunisations-checks">' in indicators
    level = (built_site / "derby-derbyshire/level-4/index.html").read_text(encoding="utf-8")
    assert "Review date passed" in level
    assert level.index("01629 533190") < level.index("Level 4 – Specialist</h1>")


def test_no_threshold_content_is_typed_into_docs() -> None:
    typed = sorted(
        path.relative_to(REPOSITORY / "docs").as_posix() for path in (REPOSITORY / "docs").glob("*.md")
    )
    # performance.md holds `make bench` figures, policy-groups.md the commands: no threshold content.
    assert typed == ["accessibility.md", "index.md", "performance.md", "policy-groups.md", "privacy.md"]
    for name in typed:
        body = (REPOSITORY / "docs" / name).read_text(encoding="utf-8")
        for phone in ("01629", "01332", "0800", "01782", "01904"):
            assert phone not in body, name


def test_acronyms_are_explained_in_the_built_pages(built_site: Path) -> None:
    level = (built_site / "derby-derbyshire/level-2/index.html").read_text(encoding="utf-8")
    assert '<abbr title="Team Around the Family">TAF</abbr>' in level


def test_every_built_page_carries_the_policy_and_loads_nothing_from_elsewhere(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) >= 35
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert html.count('<meta http-equiv="Content-Security-Policy"') == 1, page
        resources = re.findall(
            r'<(?:script|img|iframe|link(?! rel="canonical"))\b[^>]*?(?:src|href)="([^"]+)"', html
        )
        assert not [url for url in resources if re.match(r"(https?:)?//", url)], page
    processes = (built_site / "york/processes/index.html").read_text(encoding="utf-8")
    assert '<script type="module" src="../../javascripts/diagrams.js"></script>' in processes
    assert "style-src 'self' 'unsafe-inline'" in processes
    level = (built_site / "york/level-1/index.html").read_text(encoding="utf-8")
    assert "diagrams.js" not in level
    assert "style-src 'self';" in level
    assert (built_site / "javascripts/vendor/mermaid/mermaid.esm.min.mjs").is_file()
    assert len(list((built_site / "javascripts/vendor").glob("resize-observer-*.js"))) == 1


def test_search_index_has_every_indicator_landing_on_its_anchor(built_site: Path) -> None:
    def entries(name: str) -> dict[str, dict[str, str]]:
        index = json.loads((built_site / "search" / name).read_text(encoding="utf-8"))
        return {doc["location"]: doc for doc in index["docs"]}

    derby = entries("derby-derbyshire.json")  # each partnership's indicators are in its own index
    fgm = derby["derby-derbyshire/indicators/#l4-specific-honour-based-abuse-violence-forced-marriage"]
    assert fgm["title"] == "'Honour' based abuse/violence/forced marriage/ female genital mutilation (FGM)"
    assert sum(1 for location in derby if "/indicators/#l" in location) == 215
    stoke = entries("stoke-staffordshire.json")
    assert sum(1 for location in stoke if "/indicators/#l" in location) == 278


def _sidebar_links(built_site: Path, page: str) -> set[str]:
    text = (built_site / page).read_text(encoding="utf-8")
    return set(re.findall(r'<a href="([^"#]+)" class="md-nav__link', text))


def test_each_pages_sidebar_lists_its_own_partnership_only(built_site: Path) -> None:
    derby = _sidebar_links(built_site, "derby-derbyshire/level-2/index.html")
    assert {"../level-1/", "../contacts/", "../../compare/", "../../privacy/"} <= derby
    assert not [link for link in derby if "stoke-staffordshire" in link or "york" in link]
    york = _sidebar_links(built_site, "york/processes/index.html")
    assert {"../level-1/", "../contacts/"} <= york
    assert not [link for link in york if "derby-derbyshire" in link or "stoke-staffordshire" in link]
    home = _sidebar_links(built_site, "index.html")  # the home page's own list names every partnership
    assert not [link for link in home if link.startswith(("derby-derbyshire", "stoke", "york"))]
    assert {"compare/", "privacy/"} <= home
