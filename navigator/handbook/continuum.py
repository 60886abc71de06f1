"""The levels as a picture: a partnership's declared levels drawn as one continuum of need, one segment each.

An accessible SVG (role="img", named by its <title> and the line that says which level is marked) and a
text list of the same levels below it, so the picture is never the only way to read them. The
child-protection level is marked by its words and a heavier outline, never by colour alone. Everything is
classes and SVG geometry: the pages' Content-Security-Policy allows no inline styles (handbook.css draws it).

Used on each level page with that level marked, and once in the navigator's result panel, where
navigator/web/result.js marks the suggested level (each segment and list item carries `data-level`).
"""

from __future__ import annotations

import html
from typing import Any

from navigator.handbook.page_parts import kind_words
from navigator.model.levels import PROTECTION

Document = dict[str, Any]
WIDTH, GAP, TOP, HEIGHT = 120, 4, 4, 44  # one segment's room, the gap between two, the boxes' top and height


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def marked_line(level: dict[str, Any] | None, mark_word: str, unmarked: str) -> str:
    """The text alternative's second part: which level is marked (`This page: Level 2, Emerging Needs.`)."""
    return f"{mark_word}: Level {level['level']}, {level['name']}." if level else unmarked


def _segment(level: dict[str, Any], index: int, marked: int | None) -> str:
    number, kind = level["level"], level["kind"]
    left, middle = index * WIDTH + GAP // 2, index * WIDTH + WIDTH // 2
    classes = " ".join(
        ["continuum-segment", f"continuum-kind-{kind}"]
        + (["continuum-protection"] if kind == PROTECTION else [])
        + (["continuum-marked"] if number == marked else [])
    )
    return (
        f'<g class="{_e(classes)}" data-level="{number}" data-name="{_e(level["name"])}">'
        f"<title>Level {number}: {_e(level['name'])} ({_e(kind_words(kind))})</title>"
        f'<rect class="continuum-box" x="{left}" y="{TOP}" width="{WIDTH - GAP}" height="{HEIGHT}" rx="4"/>'
        f'<text class="continuum-number" x="{middle}" y="{TOP + 19}" text-anchor="middle">'
        f"Level {number}</text>"
        f'<text class="continuum-kind" x="{middle}" y="{TOP + 36}" text-anchor="middle">'
        f"{_e(kind_words(kind))}</text>"
        f'<path class="continuum-pointer" d="M{middle - 9} {TOP + HEIGHT + 14}L{middle} {TOP + HEIGHT + 3}'
        f'L{middle + 9} {TOP + HEIGHT + 14}Z"/></g>'
    )


def _item(level: dict[str, Any], marked: int | None, mark_word: str) -> str:
    kind = level["kind"]
    protection = (
        ' <strong class="continuum-protection-words">(child protection)</strong>'
        if kind == PROTECTION
        else f" ({_e(kind_words(kind))})"
    )
    here = (
        f' <strong class="continuum-here">({_e(mark_word.lower())})</strong>'
        if level["level"] == marked
        else ""
    )
    classes = ' class="continuum-marked"' if level["level"] == marked else ""
    return (
        f'<li data-level="{level["level"]}"{classes}>Level {level["level"]}: {_e(level["name"])}'
        f"{protection}{here}</li>"
    )


def continuum(
    document: Document,
    marked: int | None = None,
    *,
    ident: str = "continuum",
    mark_word: str = "This page",
    unmarked: str = "No level marked.",
) -> str:
    """The picture of the document's levels, `marked` (a level number, or None) marked; one line of HTML.

    `ident` prefixes the ids (one picture per page each); `mark_word` says what marking means ("This
    page", "Suggested") and `unmarked` what the text alternative says when nothing is marked."""
    levels = sorted(document["levels"], key=lambda level: level["level"])
    count = len(levels)
    protection = next((level for level in levels if level["kind"] == PROTECTION), None)
    title = f"The {count} levels of need, from Level 1 to Level {count}"
    if protection:
        title += f"; Level {protection['level']}, {protection['name']}, is child protection"
    chosen = next((level for level in levels if level["level"] == marked), None)
    segments = "".join(_segment(level, index, marked) for index, level in enumerate(levels))
    items = "".join(_item(level, marked, mark_word) for level in levels)
    return (
        f'<div class="continuum continuum-{count}" id="{_e(ident)}" data-continuum="" '
        f'data-mark-word="{_e(mark_word)}" data-unmarked="{_e(unmarked)}" data-search-exclude>'
        f'<svg class="continuum-picture" viewBox="0 0 {count * WIDTH} {TOP + HEIGHT + 16}" role="img" '
        f'aria-labelledby="{_e(ident)}-title {_e(ident)}-marked" focusable="false" '
        'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{_e(ident)}-title">{_e(title)}.</title>'
        f'<desc id="{_e(ident)}-marked">{_e(marked_line(chosen, mark_word, unmarked))}</desc>'
        f"{segments}</svg>"
        f'<ol class="continuum-list" aria-label="The levels of need">{items}</ol></div>'
    )
