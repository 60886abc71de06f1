"""Our own scripts and style sheet that every page loads, built under names that carry their content's digest.

`javascripts/handbook.js` is built as `javascripts/handbook-<digest>.js`, in the same folder, so the
addresses these files work out from their own (handbook.js finds `../sw.js` that way) still hold, and every
page's reference to it is rewritten (`rewrite`). The service worker serves a digest-named file from its copy
without asking the network first (offline.py `immutable`): a later visit is not held up by a round trip for
each of them before the page can be shown, while a new build names whatever changed anew, so a page never
gets an outdated copy. (Material's own bundle and style sheets are digest-named by the theme already; the
navigator's files by navigator.web.runtime.)
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from navigator.web.bundle import digest

NAMES = (
    "javascripts/search.js",  # first in every page's head (search_scope.py)
    "javascripts/vendor/resize-observer.js",  # the theme's polyfill (assets.py)
    "stylesheets/handbook.css",
    "javascripts/handbook.js",
)


class FingerprintError(RuntimeError):
    """A file to be named by its digest is not among the built site's files."""


def name(path: str, content: bytes) -> str:
    """`folder/stem-<digest>.suffix`: javascripts/vendor/resize-observer.js → resize-observer-<digest>.js."""
    pure = PurePosixPath(path)
    return str(pure.with_name(f"{pure.stem}-{digest(content)}{pure.suffix}"))


def rewrite(output: str, renamed: dict[str, str]) -> str:
    """A page's `src="…"` and `href="…"` references to the old names, pointed at the digest-named files."""
    for old, new in renamed.items():
        pattern = re.compile(rf'((?:src|href)="[^"]*?){re.escape(old)}"')
        output = pattern.sub(rf'\g<1>{new}"', output)
    return output
