"""The Content-Security-Policy every built page carries as a `<meta>` tag: our own origin and nothing else.

Inline scripts (the theme's few lines that restore tabs and settings) are allowed by their SHA-256 hash,
so no `'unsafe-inline'` for scripts. Pages that draw diagrams allow inline styles, which mermaid writes into
its SVG; navigator pages (a later issue) add `'wasm-unsafe-eval'` for Pyodide.
"""

from __future__ import annotations

import base64
import hashlib
import re

INLINE_SCRIPT = re.compile(r"<script(?P<attributes>[^>]*)>(?P<body>.*?)</script>", re.DOTALL)
DATA_TYPES = ("application/json", "application/ld+json")


def _runs(attributes: str) -> bool:
    """Whether the browser executes this inline script (JSON data blocks are not executed)."""
    if "src=" in attributes:
        return False
    kind = re.search(r'type="([^"]*)"', attributes)
    return not kind or kind.group(1) not in DATA_TYPES


def inline_script_hashes(page: str) -> list[str]:
    hashes = []
    for match in INLINE_SCRIPT.finditer(page):
        if _runs(match.group("attributes")):
            digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
            token = f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
            if token not in hashes:
                hashes.append(token)
    return hashes


def policy(page: str, *, inline_styles: bool = False, wasm: bool = False) -> str:
    scripts = " ".join(["'self'", *(["'wasm-unsafe-eval'"] if wasm else []), *inline_script_hashes(page)])
    styles = "'self' 'unsafe-inline'" if inline_styles else "'self'"
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            f"style-src {styles}",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "worker-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def with_policy(page: str, *, inline_styles: bool = False, wasm: bool = False) -> str:
    """The page with its policy right after <meta charset> (or <head>), before any script or style."""
    meta = (
        '<meta http-equiv="Content-Security-Policy" '
        f'content="{policy(page, inline_styles=inline_styles, wasm=wasm)}">'
    )
    place = re.search(r"<meta charset=[^>]*>", page) or re.search(r"<head[^>]*>", page)
    if place is None:
        raise ValueError("the page has no <head>: cannot add the Content-Security-Policy")
    return f"{page[: place.end()]}\n    {meta}{page[place.end() :]}"
