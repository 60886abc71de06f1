"""The navigator page's static form and the decision package shipped to Pyodide, without a browser."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import Any

import pytest

from navigator.handbook.navigator_page import navigator_page
from navigator.model.catalogue import load_all
from navigator.model.partnership import Partnership
from navigator.web import bundle
from tests.conftest import REPOSITORY

FAMILIES_FIRST = REPOSITORY / "tests" / "fixtures" / "families-first"  # three levels (test fixture)


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


def test_each_domain_folds_and_its_summary_counts_what_is_ticked(
    documents: dict[str, dict[str, Any]],
) -> None:
    document = documents["derby-derbyshire"]
    page = navigator_page(document, "version x")
    folds = re.findall(r'<details class="nav-domain" id="domain-([^"]+)"[^>]*>(.*?)</details>', page)
    with_indicators = [
        domain
        for domain in document["domains"]
        if any(i["domain"] == domain["id"] for i in document["indicators"])
    ]
    assert [domain_id for domain_id, _ in folds] == [domain["id"] for domain in with_indicators]
    for (domain_id, fold), domain in zip(folds, with_indicators, strict=True):
        summary = re.match(r"<summary>(.*?)</summary>", fold)
        assert summary, domain_id
        assert re.sub(r"<[^>]+>", "", summary.group(1)) == f"{domain['name']} — 0 ticked"
        ids = set(re.findall(r'name="indicator" value="([^"]+)"', fold))
        assert ids == {i["id"] for i in document["indicators"] if i["domain"] == domain_id}, domain_id
    assert '<fieldset class="nav-domain"' not in page
    assert '<details class="nav-domain" open' not in page  # closed until form.js opens them on a wide screen


def _level_options(page: str) -> list[tuple[str, str]]:
    select = re.search(
        r'<label for="nav-level-filter">Show level</label><select id="nav-level-filter">(.*?)</select>', page
    )
    assert select
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select.group(1))


def test_the_level_filter_lists_the_declared_levels(documents: dict[str, dict[str, Any]]) -> None:
    derby = navigator_page(documents["derby-derbyshire"], "version x")
    assert _level_options(derby) == [
        ("", "All"),
        *[
            (str(level["level"]), f"Level {level['level']}: {level['name']}")
            for level in documents["derby-derbyshire"]["levels"]
        ],
    ]
    assert len(_level_options(derby)) == 5
    [families_first] = load_all(FAMILIES_FIRST, dt.date(2026, 11, 22))
    three = navigator_page(families_first.document, "version x")
    assert _level_options(three) == [
        ("", "All"),
        ("1", "Level 1: Universal"),
        ("2", "Level 2: Family Help"),
        ("3", "Level 3: Child protection"),
    ]
    for level in (1, 2, 3):
        assert f'class="indicator level-{level}" data-level="{level}"' in three
    assert "nav-level-filter" not in navigator_page(
        documents["york"], "version x"
    )  # no indicators, no filter


def test_the_scenario_list_is_near_the_top_of_every_form(documents: dict[str, dict[str, Any]]) -> None:
    for pid in ("derby-derbyshire", "york"):
        page = navigator_page(documents[pid], "version x")
        form = page[page.index('<form id="nav-form"') : page.index("</form>")]
        scenario = form.index('<section class="nav-scenario" id="nav-scenario"')
        assert '<ul id="nav-scenario-list" class="nav-scenario-list"></ul>' in form
        assert '<h2 id="nav-scenario-title" tabindex="-1">Your scenario</h2>' in form
        assert scenario < form.index('id="nav-urgent-title"'), pid  # before the first question


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
