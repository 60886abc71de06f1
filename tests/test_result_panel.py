"""The navigator page's result side (navigator/handbook/result_panel.py) in the page's markup: one short
live message, not a live result panel; the phone's bar and dialog; the levels' picture, nothing marked."""

from __future__ import annotations

import re

from navigator.handbook.navigator_page import navigator_page
from navigator.model.partnership import Partnership


def _tag(page: str, ident: str) -> str:
    found = re.search(rf'<[a-z]+ [^>]*id="{ident}"[^>]*>', page)
    assert found, ident
    return found.group(0)


def test_the_page_has_one_polite_live_message_and_the_result_body_is_not_live(
    partnerships: list[Partnership],
) -> None:
    for partnership in partnerships:
        page = navigator_page(partnership.document, "version x")
        live = _tag(page, "nav-live")
        assert 'aria-live="polite"' in live
        assert 'aria-atomic="true"' in live
        assert "aria-live" not in _tag(page, "nav-result-body")
        assert 'role="status"' in _tag(page, "nav-status")  # the start-up messages keep their line
        assert "style=" not in page


def test_the_bar_and_the_dialog_are_in_the_page_named_and_counting_what_the_partnership_uses(
    partnerships: list[Partnership],
) -> None:
    for partnership in partnerships:
        page = navigator_page(partnership.document, "version x")
        bar = _tag(page, "nav-bar")
        method = partnership.document.get("rules", {}).get("method", "indicators")
        assert f'data-counting="{method}"' in bar
        assert 'aria-label="Suggestion in brief"' in bar
        assert ">No suggestion yet</p>" in page
        dialog = _tag(page, "nav-result-dialog")
        assert dialog.startswith("<dialog ")
        assert 'aria-labelledby="nav-result-title"' in dialog
        assert 'aria-controls="nav-result-dialog"' in _tag(page, "nav-bar-open")
        assert 'id="nav-dialog-close"' in page


def test_the_levels_picture_is_in_the_result_once_with_nothing_marked(
    partnerships: list[Partnership],
) -> None:
    for partnership in partnerships:
        page = navigator_page(partnership.document, "version x")
        assert page.count("<svg ") == 1
        body = page[
            page.index('id="nav-result-body"') : page.index("</section>", page.index('id="nav-result"'))
        ]
        assert 'id="nav-continuum"' in body
        assert not re.search(r'class="[^"]*continuum-marked', body)
        assert ">No suggestion yet.</desc>" in body
        levels = re.findall(r'<g class="continuum-segment[^"]*" data-level="(\d)"', body)
        assert levels == [str(level["level"]) for level in partnership.document["levels"]]
