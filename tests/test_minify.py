"""Our scripts and style sheet are minified at build time without changing what they do or which browsers
can read them (navigator/sitebuild/minify.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from navigator.sitebuild import assets, minify
from tests.conftest import REPOSITORY

ES5 = b"""// a comment that goes
var settings = { delay: delay, name: "x" };
function later(callback) {
  return setTimeout(function () { callback(settings); }, settings.delay);
}
"""


def one(path: str, code: bytes) -> str:
    return minify.minify({path: code})[path].decode("utf-8")


def test_an_es5_script_stays_es5() -> None:
    """Comments and spaces go, but no shorthand property, arrow or const the source did not have: the
    theme's polyfill, handbook.js and search.js are read by old browsers too."""
    code = one("a.js", ES5)
    assert "comment" not in code
    assert len(code) < len(ES5) * 0.8
    assert "delay:delay" in code.replace(" ", "")  # not `{delay}`
    assert "=>" not in code
    assert not re.search(r"\b(?:const|let|class)\b", code)


def test_a_modern_script_is_minified_without_lowering_its_syntax() -> None:
    source = b"export const pick = (value) => value?.name ?? 'none';\n"
    code = one("a.js", source)
    assert "?." in code
    assert "??" in code
    assert len(code) < len(source)


def test_a_module_that_awaits_at_its_top_level_is_minified_too() -> None:
    """diagrams.js awaits mermaid's drawing at its top level: ES2020 cannot say it, the latest can."""
    code = one("javascripts/diagrams.js", b'import m from "./m.mjs";\nfor (const x of [1]) { await m(x); }\n')
    assert 'from"./m.mjs"' in code
    assert "await" in code


def test_a_style_sheet_keeps_its_rules_and_uses_no_syntax_its_browsers_lack() -> None:
    source = b"""/* the bar */
.bar { position: fixed; top: 0; right: 0; bottom: 0; left: 0; color: rgba(0, 0, 0, 0.74); }
@media print { .bar { display: none !important; } }
label:has(input:checked) { background: #e8eaf6; }
"""
    code = one("stylesheets/x.css", source)
    assert "the bar" not in code
    assert "inset" not in code  # top/right/bottom/left are not merged for the older browsers
    assert "@media print{.bar{display:none!important}}" in code
    assert "label:has(input:checked){background:#e8eaf6}" in code
    assert len(code) < len(source) * 0.8


def test_legal_comments_are_kept() -> None:
    assert "/*! MIT licence: keep me */" in one("a.js", b"/*! MIT licence: keep me */\nvar a = 1;\n")


def test_the_same_source_always_gives_the_same_bytes() -> None:
    """Names carry the digest of the minified file (fingerprints.py): a build must not rename what did not
    change."""
    assert minify.minify({"a.js": ES5}) == minify.minify({"a.js": ES5})


def test_several_files_in_one_call_keep_their_paths() -> None:
    result = minify.minify({"a.js": ES5, "b.css": b".a { color: red; }\n"})
    assert list(result) == ["a.js", "b.css"]
    assert result["b.css"] == b".a{color:red}\n"


def test_nothing_to_minify_starts_no_process() -> None:
    assert minify.minify({}, node_modules=Path("/nonexistent")) == {}


def test_a_syntax_error_stops_the_build_with_the_file_named() -> None:
    with pytest.raises(minify.MinifyError, match=r"javascripts/broken\.js"):
        minify.minify({"javascripts/ok.js": ES5, "javascripts/broken.js": b"var = ;\n"})


def test_a_file_it_cannot_minify_is_refused_not_passed_through() -> None:
    with pytest.raises(minify.MinifyError, match=r"x\.html: cannot minify"):
        minify.minify({"x.html": b"<p>"})


def test_missing_npm_packages_say_what_to_run(tmp_path: Path) -> None:
    with pytest.raises(minify.MinifyError, match="npm ci"):
        minify.minify({"a.js": ES5}, node_modules=tmp_path)


@pytest.mark.parametrize(
    "source",
    [
        REPOSITORY / "docs/javascripts/handbook.js",
        REPOSITORY / "docs/javascripts/search.js",
        REPOSITORY / "docs/javascripts/diagrams.js",
        REPOSITORY / "docs/stylesheets/handbook.css",
        assets.NODE_MODULES / assets.FILES["javascripts/vendor/resize-observer.js"],
    ],
    ids=lambda path: path.name,
)
def test_our_files_get_smaller(source: Path) -> None:
    code = minify.minify({source.name: source.read_bytes()})[source.name]
    assert 0 < len(code) < 0.85 * source.stat().st_size
