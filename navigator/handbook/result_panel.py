"""The navigator page's result side: the result panel, the live message, the phone's bar and its dialog.

All static HTML; navigator/web/result.js fills them in. The result panel is no live region (a whole result
read out at every tick is too much): one short polite message per change is (`nav-live`). On a phone the
bar at the foot of the screen says the suggestion in brief and opens the full result in a <dialog> over the
form; handbook.css shows the bar on phones only ("Result on phones (issue 22)").
"""

from __future__ import annotations

from typing import Any

from navigator.handbook.continuum import continuum

Document = dict[str, Any]


def result_panel(document: Document) -> str:
    """The result section, with the levels' picture (nothing marked until a suggestion) after its message."""
    picture = continuum(document, ident="nav-continuum", mark_word="Suggested", unmarked="No suggestion yet.")
    return (
        '<section id="nav-result" class="nav-result" aria-labelledby="nav-result-title" tabindex="0">'
        '<h2 id="nav-result-title">Suggestion</h2>'
        f'<div id="nav-result-body"><p>Nothing to suggest yet.</p>{picture}</div></section>'
    )


def phone_parts(document: Document) -> str:
    """The live message, the bar at the foot of a phone's screen and the dialog that opens the full result."""
    method = document.get("rules", {}).get("method", "indicators")
    counting, nothing = (
        ("answers", "No questions answered")
        if method == "answers"
        else ("indicators", "No indicators ticked")
    )
    return (
        '<div id="nav-live" class="nav-live" aria-live="polite" aria-atomic="true"></div>'
        '<div id="nav-bar" class="nav-bar" role="region" aria-label="Suggestion in brief" '
        f'data-counting="{counting}">'
        '<p id="nav-bar-urgent" class="nav-bar-urgent" hidden></p>'
        '<div class="nav-bar-summary"><p id="nav-bar-level" class="nav-bar-level">No suggestion yet</p>'
        '<p class="nav-bar-detail"><span id="nav-bar-borderline"></span>'
        f'<span id="nav-bar-count">{nothing}</span></p></div>'
        '<button type="button" class="md-button md-button--primary nav-bar-open" id="nav-bar-open" '
        'aria-haspopup="dialog" aria-controls="nav-result-dialog">Full result</button></div>'
        '<dialog id="nav-result-dialog" class="nav-dialog" aria-labelledby="nav-result-title">'
        '<div class="nav-dialog-top"><button type="button" class="md-button" id="nav-dialog-close">'
        'Close the full result</button></div><div id="nav-dialog-slot"></div></dialog>'
    )
