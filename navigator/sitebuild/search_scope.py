"""Search scoped to a partnership: one search index per partnership, and a smaller one for the rest.

The theme builds one index of the whole site, and every page downloads it and indexes it in the browser.
It grows with every partnership added (about 200 KB per partnership), so with all of England's partnerships
each page would fetch tens of megabytes before search worked. Instead:

- `search/search_index.json` (the theme's own address), for the pages that belong to no partnership: those
  pages, and each partnership's overview page (so a search for a partnership's name finds it). The
  comparison page's tables (every partnership's indicators again, word for word) are left out: they made
  the index grow by 14 KB per partnership and a query take half a second at the 95th percentile with 150
  partnerships (`make bench`); its title and introduction stay;
- `search/<id>.json`, for a partnership's pages: that partnership's pages and its indicators, and the
  pages that belong to no partnership, but not the pages across partnerships (compare, conflicts,
  sources), which grow with the number of partnerships and are in the other index.

Every page loads `javascripts/search.js` first in its head. It holds the theme's request for the index
until the reader turns to search, so a page view does not download an index nobody uses; on a
partnership's pages it names that partnership's index (`data-search-index`), points the theme's request
for `search/search_index.json` at it, and says in the search box what is searched (`data-search-scope`).
"""

from __future__ import annotations

from typing import Any

SCRIPT = "javascripts/search.js"


def index_path(partnership: str) -> str:
    """The site path of a partnership's index."""
    return f"search/{partnership}.json"


def _segment(location: str) -> str:
    """The first folder of an entry's location: "derby-derbyshire/level-2/#x" → "derby-derbyshire"."""
    return location.split("#", 1)[0].split("/", 1)[0]


def split(
    index: dict[str, Any],
    partnerships: list[str],
    across: set[str],
    titles_only: frozenset[str] = frozenset(),
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The index for pages of no partnership, and one per partnership (same config as the theme's).

    `titles_only`: pages (first folders) indexed by their title and introduction only: the theme's first
    two entries of a page (the page, then its title's section), not the sections under its headings.
    """
    own = set(partnerships)
    shared: list[dict[str, Any]] = []
    scoped: dict[str, list[dict[str, Any]]] = {pid: [] for pid in partnerships}
    entries: dict[str, int] = {}
    for doc in index["docs"]:
        segment = _segment(doc["location"])
        entries[segment] = entries.get(segment, 0) + 1
        if segment in titles_only and entries[segment] > 2:
            continue
        if segment in own:
            scoped[segment].append(doc)
            if doc["location"] in (f"{segment}/", f"{segment}/index.html"):
                shared.append(doc)  # the overview page itself (its sections stay with the partnership)
            continue
        shared.append(doc)
        if segment not in across:
            for docs in scoped.values():
                docs.append(doc)
    config = index["config"]
    return {"config": config, "docs": shared}, {
        pid: {"config": config, "docs": docs} for pid, docs in scoped.items()
    }
