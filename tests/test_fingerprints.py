"""Our scripts and style sheet are built minified, under digest names; every page points at them, none at
their old names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.structure.files import Files

from navigator.sitebuild import assets, fingerprints, hooks, minify, offline
from navigator.web.bundle import digest
from tests.conftest import REPOSITORY

# Where each file comes from: docs/, or node_modules for the theme's polyfill.
SOURCES = {
    "javascripts/search.js": REPOSITORY / "docs/javascripts/search.js",
    "javascripts/vendor/resize-observer.js": assets.NODE_MODULES
    / assets.FILES["javascripts/vendor/resize-observer.js"],
    "stylesheets/handbook.css": REPOSITORY / "docs/stylesheets/handbook.css",
    "javascripts/handbook.js": REPOSITORY / "docs/javascripts/handbook.js",
}


def test_the_digest_goes_before_the_suffix_in_the_same_folder() -> None:
    assert fingerprints.name("javascripts/vendor/resize-observer.js", b"x") == (
        f"javascripts/vendor/resize-observer-{digest(b'x')}.js"
    )
    assert fingerprints.name("stylesheets/handbook.css", b"") == f"stylesheets/handbook-{digest(b'')}.css"


def test_rewrite_changes_references_only() -> None:
    renamed = {"javascripts/handbook.js": "javascripts/handbook-0123456789abcdef.js"}
    page = (
        '<script src="../../javascripts/handbook.js"></script>'
        '<a href="/javascripts/handbook.js">the script</a>'
        "<code>javascripts/handbook.js</code>"
        '<script src="../javascripts/handbook.json"></script>'
        '<img alt="javascripts/handbook.js">'
    )
    assert fingerprints.rewrite(page, renamed) == (
        '<script src="../../javascripts/handbook-0123456789abcdef.js"></script>'
        '<a href="/javascripts/handbook-0123456789abcdef.js">the script</a>'
        "<code>javascripts/handbook.js</code>"
        '<script src="../javascripts/handbook.json"></script>'
        '<img alt="javascripts/handbook.js">'
    )


def test_a_file_missing_from_the_site_stops_the_build_with_its_name() -> None:
    with pytest.raises(fingerprints.FingerprintError, match=r"javascripts/search\.js: not among"):
        hooks._fingerprint(Files([]), config=None)


def test_the_built_site_has_each_file_under_its_digest_only_and_every_page_uses_it(built_site: Path) -> None:
    built: dict[str, str] = {}
    for path, source in SOURCES.items():
        folder, stem, suffix = Path(path).parent, Path(path).stem, Path(path).suffix
        found = sorted(
            p.relative_to(built_site).as_posix() for p in (built_site / folder).glob(f"{stem}*{suffix}")
        )
        content = minify.minify({path: source.read_bytes()})[path]
        assert found == [fingerprints.name(path, content)], path  # the old name is gone
        assert (built_site / found[0]).read_bytes() == content
        assert offline.immutable(found[0])  # served from the service worker's copy first
        built[path] = found[0]
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 40  # every page of the three partnerships, the home, the statements and 404
    for page in pages:
        text = page.read_text(encoding="utf-8")
        references = re.findall(r'(?:src|href)="([^"]+)"', text)
        for path in built:
            assert not [ref for ref in references if ref.endswith(path)], (page, path)
        # Every page loads the search script, the polyfill, the style sheet and handbook.js, by digest.
        for name in built.values():
            assert [ref for ref in references if ref.endswith(name)], (page, name)
