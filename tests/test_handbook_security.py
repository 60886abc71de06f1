"""The page policy (CSP) and the vendored npm assets, without a browser."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest

from navigator.sitebuild import assets, security

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>t</title>
<script>var a = 1;</script><script id="__config" type="application/json">{"x": 1}</script>
<script src="bundle.js"></script></head><body><script>var b = 2;</script></body></html>"""


def _hash(body: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'"


def test_inline_scripts_are_allowed_by_hash_and_data_blocks_are_not_counted() -> None:
    assert security.inline_script_hashes(PAGE) == [_hash("var a = 1;"), _hash("var b = 2;")]


def test_policy_allows_only_our_origin() -> None:
    policy = security.policy(PAGE)
    assert policy.startswith("default-src 'self'; script-src 'self' 'sha256-")
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "style-src 'self';" in policy
    assert "object-src 'none'" in policy
    assert "http" not in policy
    assert "style-src 'self' 'unsafe-inline'" in security.policy(PAGE, inline_styles=True)
    assert "script-src 'self' 'wasm-unsafe-eval' 'sha256-" in security.policy(PAGE, wasm=True)


def test_policy_meta_comes_right_after_the_charset_before_any_script() -> None:
    page = security.with_policy(PAGE)
    meta = page.index('<meta http-equiv="Content-Security-Policy"')
    assert page.index('<meta charset="utf-8">') < meta < page.index("<script")
    assert page.count("Content-Security-Policy") == 1


def test_a_page_without_head_is_refused() -> None:
    with pytest.raises(ValueError, match="no <head>"):
        security.with_policy("<p>fragment</p>")


def test_vendored_assets_come_from_node_modules() -> None:
    files = dict(assets.vendor_files())
    assert files["javascripts/vendor/mermaid/mermaid.esm.min.mjs"].name == "mermaid.esm.min.mjs"
    assert "javascripts/vendor/resize-observer.js" in files
    chunks = [site for site in files if site.startswith("javascripts/vendor/mermaid/chunks/")]
    assert len(chunks) > 50
    assert all(site.endswith(".mjs") for site in chunks)


def test_missing_npm_packages_give_a_clear_message(tmp_path: Path) -> None:
    with pytest.raises(assets.MissingAssetsError, match=r"run `npm ci`"):
        assets.vendor_files(tmp_path)
