"""Rendering functions return Markdown in which YAML text can never become HTML or Markdown markup."""

from __future__ import annotations

import copy
import datetime as dt
import html
from typing import Any

import pytest

from navigator.handbook import pages, render
from navigator.model.partnership import load_partnership
from tests.conftest import MINIMAL_FIXTURE, THRESHOLDS


@pytest.fixture(scope="module")
def derby() -> dict[str, Any]:
    return load_partnership(THRESHOLDS / "derby-derbyshire", dt.date(2026, 1, 1)).document


def test_script_in_yaml_shows_as_text() -> None:
    rendered = render.text("<script>alert('x')</script> *bold* [link](http://example.org)")
    assert "<script>" not in rendered
    assert "&lt;script&gt;" in rendered
    assert "*" not in rendered
    assert "[" not in rendered


def test_urgent_routes_put_999_first_then_each_areas_line(derby: dict[str, Any]) -> None:
    lines = pages.urgent_banner([derby]).splitlines()
    assert lines[0].startswith("!!! danger")
    bullets = [line for line in lines if line.strip().startswith("- ")]
    assert "**Immediate danger: ring 999**" in bullets[0]
    assert any("Derbyshire" in line and "01629 533190" in line for line in bullets[1:])
    assert any("Derby City" in line and "01332 641172" in line for line in bullets[1:])


def test_hostile_names_are_escaped_in_the_urgent_box(derby: dict[str, Any]) -> None:
    hostile = copy.deepcopy(derby)
    hostile["areas"][0]["name"] = "<img src=x onerror=alert(1)>"
    rendered = pages.urgent_banner([hostile])
    assert "<img" not in rendered
    assert "&lt;img" in rendered


def test_partnership_summary_row(derby: dict[str, Any]) -> None:
    table = render.partnership_summaries([derby])
    assert (
        "| [Derby City and Derbyshire Threshold Document](derby-derbyshire/index.md) "
        "| Derbyshire, Derby City | 1 | 2019-12 | 2020-11 |"
    ) in table


def test_fixture_has_no_real_numbers() -> None:
    assert "01632 96" in (MINIMAL_FIXTURE / "contacts.yaml").read_text(encoding="utf-8")


def test_markdown_characters_become_entities_once_each() -> None:
    text = render.text
    # Once each: the `#` of an entity made for `_` or `[` is not escaped again.
    assert text("a_b") == "a&#95;b"
    assert text("#1 [x]") == "&#35;1 &#91;x&#93;"
    assert html.unescape(text("Level 2 *not* a_b [c] `d` #e |f \\g")) == "Level 2 *not* a_b [c] `d` #e |f \\g"
