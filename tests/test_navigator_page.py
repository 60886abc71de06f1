"""The navigator page's static form and the decision package shipped to Pyodide, without a browser."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import pytest

from navigator.handbook.navigator_page import navigator_page
from navigator.model.partnership import Partnership
from navigator.web import bundle
from tests.conftest import REPOSITORY


@pytest.fixture(scope="module")
def documents(partnerships: list[Partnership]) -> dict[str, dict[str, Any]]:
    return {partnership.id: partnership.document for partnership in partnerships}


def test_every_indicator_is_a_checkbox_and_nothing_can_be_typed(documents: dict[str, dict[str, Any]]) -> None:
    for pid, count in (("derby-derbyshire", 215), ("stoke-staffordshire", 278), ("york", 0)):
        page = navigator_page(documents[pid], "version x")
        assert page.count('<input type="checkbox" name="indicator"') == count, pid
        inputs = re.findall(r"<input [^>]*>", page)
        typed = [tag for tag in inputs if not re.search(r'type="(checkbox|radio|number|file|hidden)"', tag)]
        filter_box = (
            '<input type="search" id="nav-filter" autocomplete="off" spellcheck="false" '
            'aria-describedby="nav-filter-help">'
        )
        assert typed == ([filter_box] if count else []), pid  # the filter only narrows the list on screen
        assert "<textarea" not in page


def test_york_asks_its_questions_and_stoke_its_count(documents: dict[str, dict[str, Any]]) -> None:
    york = navigator_page(documents["york"], "version undated")
    for question in ("crime-suspected", "significant-harm-suspected", "appears-vulnerable", "level-of-need"):
        assert f'data-answer="{question}"' in york
    assert 'value="moderate"' in york
    assert '<input type="hidden" name="area" value="york"' in york
    stoke = navigator_page(documents["stoke-staffordshire"], "version undated")
    assert 'type="number" id="q-missing-from-home"' in stoke
    assert stoke.count('name="area"') == 3  # not stated, Stoke-on-Trent, Staffordshire


def test_yaml_text_is_escaped_in_the_form(documents: dict[str, dict[str, Any]]) -> None:
    hostile = {**documents["derby-derbyshire"]}
    hostile["indicators"] = [{**hostile["indicators"][0], "text": '<script>alert("x")</script>'}]
    page = navigator_page(hostile, "version <b>")
    assert "<script>" not in page
    assert "&lt;script&gt;" in page


def test_the_decision_zip_is_the_source_pytest_imports() -> None:
    data = bundle.decision_zip()
    assert data == bundle.decision_zip()  # deterministic: same source, same bytes
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = sorted(archive.namelist())
        assert names == sorted(
            ["navigator/__init__.py"]
            + [f"navigator/decision/{p.name}" for p in (REPOSITORY / "navigator/decision").glob("*.py")]
        )
        for name in names:
            assert archive.read(name) == (REPOSITORY / name).read_bytes()
