"""The generated handbook pages, rendered without MkDocs: urgent lines first, every indicator anchored with
its source, both readings of every conflict, the levels side by side, text always escaped.
Documents with other numbers of levels: tests/test_pages_levels.py."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

from navigator.handbook import pages, processes
from navigator.model.partnership import Partnership

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def documents(partnerships: list[Partnership]) -> list[dict[str, Any]]:
    return [partnership.document for partnership in partnerships]


def _by_id(documents: list[dict[str, Any]], pid: str) -> dict[str, Any]:
    return next(d for d in documents if d["partnership"]["id"] == pid)


def test_page_table(documents: list[dict[str, Any]]) -> None:
    paths = [path for path, _ in pages.page_paths(documents)]
    assert len(paths) == 3 + 13 + 12 + 13  # each partnership's pages include "what changed" and open data
    assert "york/open-data.md" in paths
    assert "derby-derbyshire/level-3.md" in paths
    assert "derby-derbyshire/processes.md" in paths
    assert "york/processes.md" in paths
    assert "stoke-staffordshire/processes.md" not in paths  # the framework draws no front-door process
    assert "york/checklist-prepare-for-your-call.md" in paths
    assert "york/indicators.md" not in paths  # York has no indicator table
    assert len(set(paths)) == len(paths)


def test_every_page_opens_with_the_urgent_lines(documents: list[dict[str, Any]]) -> None:
    for path, markdown in pages.all_pages(documents, TODAY):
        first = markdown.splitlines()
        assert first[0] == '!!! danger "Urgent: if a child is in danger"', path
        danger = '    - <a class="tel" href="tel:999">**Immediate danger: ring 999**</a>'  # tap to call
        assert first[2].startswith(danger), path
    derby = pages.page(documents, "derby-derbyshire/consent.md", TODAY)
    assert "**01629 533190**" in derby
    assert "**01332 641172**" in derby
    assert "01904 551900" not in derby  # a partnership's pages give its own lines
    york = pages.page(documents, "york/index.md", TODAY)
    assert "**01904 551900**" in york


def test_review_banner_only_once_the_review_date_has_passed(documents: list[dict[str, Any]]) -> None:
    derby = _by_id(documents, "derby-derbyshire")
    assert "Review date passed" in pages.overview(derby, TODAY)
    assert "Review date passed" in pages.level_page(derby, 2, TODAY)
    assert "Review date passed" not in pages.overview(derby, dt.date(2020, 11, 30))
    assert "Review date passed" not in pages.overview(_by_id(documents, "york"), TODAY)  # "not stated"


def test_every_indicator_has_its_anchor_and_source(documents: list[dict[str, Any]]) -> None:
    for pid, count in (("derby-derbyshire", 215), ("stoke-staffordshire", 278)):
        document = _by_id(documents, pid)
        markdown = pages.indicators_page(document, TODAY)
        assert markdown.count('<li id="') == count
        for indicator in document["indicators"]:
            assert f'<li id="{indicator["id"]}">' in markdown
        assert markdown.count("</span></li>") == count  # each indicator ends with its source
        grids = markdown.count('<div class="levels-grid levels-4"')  # a column per level: four here
        assert markdown.count('<div class="level-column') == 4 * grids == 4 * markdown.count("levels-grid")
    stoke = pages.indicators_page(_by_id(documents, "stoke-staffordshire"), TODAY)
    assert stoke.count("(placement uncertain in the source)") == 19


def test_level_page_has_each_areas_steps_in_tabs(documents: list[dict[str, Any]]) -> None:
    markdown = pages.level_page(_by_id(documents, "derby-derbyshire"), 4, TODAY)
    assert '=== "Derbyshire"' in markdown
    assert '=== "Derby City"' in markdown
    assert "    - Discuss concerns with your manager or safeguarding lead without delay." in markdown
    assert "## From the threshold table" in markdown


def test_contacts_show_the_hours_conflict_beside_the_hours(documents: list[dict[str, Any]]) -> None:
    markdown = pages.contacts_page(_by_id(documents, "derby-derbyshire"), TODAY)
    block = markdown[markdown.index("**Consultation and Advice line at Starting Point**") :]
    block = block[: block.index("</div>")]
    assert "Hours: 9am to 5pm Monday to Friday" in block
    assert "**Sources disagree**" in block
    assert "operates from 10am to 4pm Monday to Friday" in block
    assert "(../conflicts.md#advice-line-hours)" in block


def test_conflicts_page_lists_every_reading(documents: list[dict[str, Any]]) -> None:
    markdown = pages.conflicts_page(documents)
    for document in documents:
        for conflict in document.get("conflicts", []):
            assert f"{{#{conflict['id']}}}" in markdown
            for reading in conflict["readings"]:
                assert pages.text(reading["text"]) in markdown


def test_compare_links_each_partnerships_indicators_by_domain(documents: list[dict[str, Any]]) -> None:
    markdown = pages.compare_page(documents)
    health = markdown[markdown.index("## Health") :]
    health = health[: health.index("\n## ")]
    rows = [line for line in health.splitlines() if line.startswith("| ") and "Partnership" not in line]
    assert "\n| Partnership | Universal | Early help | Targeted | Child protection |\n" in health  # by kind
    assert [row.split(" | ")[0] for row in rows] == [
        "| Derby City and Derbyshire",
        "| Stoke-on-Trent and Staffordshire",
    ]
    assert "](derby-derbyshire/indicators.md#l2-health-missing-immunisations-checks)" in health
    # Domains named differently are paired where the data says so, each row keeping its own name.
    housing = markdown[markdown.index("## Housing, work and income / Housing, Employment and Finance") :]
    housing = housing[: housing.index("\n## ")]
    assert [
        line.split(" | ")[0] for line in housing.splitlines() if line.startswith("| ") and "[" in line
    ] == [
        "| Derby City and Derbyshire (Housing, work and income)",
        "| Stoke-on-Trent and Staffordshire (Housing, Employment and Finance)",
    ]
    assert "## Identity and self-esteem\n" in markdown  # the same name in two spellings is one heading
    assert markdown.count("\n## ") == 1 + 16  # levels by kind, then the domains


def test_yaml_text_is_escaped_everywhere(documents: list[dict[str, Any]]) -> None:
    hostile = copy.deepcopy(_by_id(documents, "derby-derbyshire"))
    hostile["indicators"][0]["text"] = "<script>alert(1)</script>"
    hostile["levels"][0]["summary"]["text"] = "<img src=x onerror=alert(1)>"
    hostile["contacts"][1]["name"] = "*[link](javascript:alert(1))*"
    rendered = "".join(
        [
            pages.indicators_page(hostile, TODAY),
            pages.level_page(hostile, 1, TODAY),
            pages.contacts_page(hostile, TODAY),
            pages.compare_page([hostile]),
        ]
    )
    assert "<script>" not in rendered
    assert "<img" not in rendered
    assert "](javascript" not in rendered
    assert "&lt;script&gt;" in rendered


def test_glossary_acronyms_become_abbreviations(documents: list[dict[str, Any]]) -> None:
    derby = pages.abbreviations([_by_id(documents, "derby-derbyshire")]).splitlines()
    assert "*[TAF]: Team Around the Family" in derby
    assert "*[FGM]: Female Genital Mutilation" in derby
    assert len(derby) == 16
    assert len(pages.abbreviations(documents).splitlines()) >= 16
    assert pages.page_documents(documents, "york/index.md") == [_by_id(documents, "york")]
    assert pages.page_documents(documents, "compare.md") == documents


# ---- processes, checklists, print stamp, conflicts on the pages they touch, search entries ---------------
def test_processes_page_has_a_diagram_and_a_full_text_version_of_each(
    documents: list[dict[str, Any]],
) -> None:
    derby = pages.processes_page(_by_id(documents, "derby-derbyshire"), TODAY)
    assert derby.count('<figure class="process-diagram">') == 3  # Derbyshire, Derby City, Starting Point
    assert derby.count("**Text version of the diagram") == 3
    workflow = derby[derby.index("## Starting Point Workflow") :]
    assert workflow.count("\n1. **Step.**") == 1
    numbered = [line for line in workflow.splitlines() if line[:3].rstrip(". ").isdigit()]
    assert len(numbered) == 18  # every node of the workflow, counted by hand in starting-point.yaml
    assert "**Outcome.** No Further Action (NFA)" in workflow
    assert "- Goes to 4: “child in need”" in workflow
    york = pages.processes_page(_by_id(documents, "york"), TODAY)
    assert york.count('<figure class="process-diagram">') == 2
    disposals = york[york.index("## Initial Disposal of Referrals") :]
    assert "(Level 4; timescale: Enquiries considered by a management decision" in disposals


def test_process_diagram_has_a_node_per_step_and_an_arrow_per_link(documents: list[dict[str, Any]]) -> None:
    york = _by_id(documents, "york")
    disposals = next(p for p in york["processes"] if p["id"] == "york-initial-disposals")
    lines = processes.process_mermaid(disposals, 4)  # York's child-protection level
    assert sum(1 for line in lines if "-->" in line) == 10  # the `next` entries, counted by hand
    assert sum(1 for line in lines if line.startswith("n") and "-->" not in line) == 10
    assert "class n9 urgent" in lines  # disposal 4, Level 4
    assert 'n2{{"level of need"}}' not in lines
    assert 'n5{{"level of need"}}' in lines


def test_mermaid_labels_cannot_break_out(documents: list[dict[str, Any]]) -> None:
    hostile = copy.deepcopy(next(p for p in _by_id(documents, "york")["processes"]))
    hostile["nodes"][0]["text"] = 'He said "stop"] --> x <script>alert(1)</script> #1'
    lines = processes.process_mermaid(hostile, 4)
    assert (
        lines[0] == 'n0(["He said #quot;stop#quot;] --#gt; x #lt;script#gt;alert(1)#lt;/script#gt; #35;1"])'
    )
    rendered = processes.process_section(hostile, {}, "", 4)
    assert "<script>" not in rendered
    assert "&lt;script&gt;" in rendered


def test_area_flow_is_three_rows_titled_in_the_documents_words(documents: list[dict[str, Any]]) -> None:
    derby = _by_id(documents, "derby-derbyshire")
    derbyshire = next(a for a in derby["areas"] if a["id"] == "derbyshire")
    lines = processes.flow_mermaid(derby, derbyshire)
    assert [line for line in lines if line.startswith("subgraph")] == [
        'subgraph step1["Step 1: What is the nature of your concern?"]',
        'subgraph step2["Step 2: What action should you take?"]',
        'subgraph step3["Step 3: Follow up if you need to make a request for support or a referral to '
        'Social Care"]',
    ]
    assert sum(1 for line in lines if line.startswith(("c", "a", "f")) and '["' in line) == 12
    assert "class c4,a4,f4 urgent" in lines
    assert any("Contact Starting Point immediately on ☎ 01629 533190" in line for line in lines)
    level_4 = pages.level_page(derby, 4, TODAY)
    assert "**Step 2: What action should you take?**" in level_4
    assert "[The whole flow as a diagram](processes.md#derbyshire-flowchart)" in level_4


def test_york_checklist_page_has_every_item(documents: list[dict[str, Any]]) -> None:
    markdown = pages.page(documents, "york/checklist-prepare-for-your-call.md", TODAY)
    assert "# Prepare for your call" in markdown
    assert [line for line in markdown.splitlines() if line.startswith("## ")] == [
        "## The Referrer",
        "## The Event",
        "## The Family and Community",
    ]
    assert sum(1 for line in markdown.splitlines() if line.startswith("- ")) == 26
    assert "- Rate the urgency." in markdown
    assert "The title “Prepare for your call” is ours" in markdown


def test_every_page_ends_with_a_print_stamp(documents: list[dict[str, Any]]) -> None:
    for path, markdown in pages.all_pages(documents, TODAY):
        last = markdown.rstrip().splitlines()[-1]
        assert last.startswith('<p class="print-stamp">'), path
        assert "Printed on" in last, path
        assert "check the online version is current" in last, path
    derby = pages.page(documents, "derby-derbyshire/level-2.md", TODAY)
    assert "Derby City and Derbyshire Threshold Document (version 1; published 2019-12)" in derby
    compare = pages.page(documents, "compare.md", TODAY)
    assert compare.rstrip().splitlines()[-1].count("(version ") == 3


def test_conflict_notes_stand_on_the_pages_they_touch(documents: list[dict[str, Any]]) -> None:
    derby = _by_id(documents, "derby-derbyshire")
    level_3 = pages.level_page(derby, 3, TODAY)
    assert '!!! warning "Sources disagree: who offers intensive services at Level 3' in level_3
    assert "[Where sources disagree](../conflicts.md#level-3-intensive-services)" in level_3
    assert "Sources disagree" not in pages.level_page(derby, 2, TODAY)
    assert "Sources disagree" in pages.overview(derby, TODAY)  # the partnership's name differs
    contacts = pages.contacts_page(derby, TODAY)
    assert "#advice-line-hours" in contacts
    assert "(../conflicts.md#advice-line-hours)" in contacts
    assert "Sources disagree" not in pages.level_page(_by_id(documents, "stoke-staffordshire"), 3, TODAY)


def test_every_indicator_is_its_own_search_entry(documents: list[dict[str, Any]]) -> None:
    entries = pages.indicator_search_entries(documents, directory_urls=True)
    assert len(entries) == 215 + 278
    privately = next(e for e in entries if e["location"].endswith("#l4-other-privately-fostered"))
    assert privately == {
        "location": "stoke-staffordshire/indicators/#l4-other-privately-fostered",
        "title": "Privately fostered",
        "text": "Stoke-on-Trent and Staffordshire: Level 4 (Statutory / Specialist), Other indicators",
    }
    flat = pages.indicator_search_entries(documents, directory_urls=False)
    assert flat[0]["location"].startswith("derby-derbyshire/indicators.html#")


PAGE_OF_KIND = {
    "level": lambda pid, item: f"{pid}/level-{item}.md",
    "route": lambda pid, _: f"{pid}/contacts.md",
    "contact": lambda pid, _: f"{pid}/contacts.md",
    "consent": lambda pid, _: f"{pid}/consent.md",
    "guidance": lambda pid, _: f"{pid}/guidance.md",
    "indicator": lambda pid, _: f"{pid}/indicators.md",
    "process": lambda pid, _: f"{pid}/processes.md",
    "partnership": lambda pid, _: f"{pid}/index.md",
    "area": lambda pid, _: f"{pid}/index.md",
    "flag_note": lambda _, __: "conflicts.md",
}


def test_every_conflict_shows_on_the_page_of_each_item_it_touches(documents: list[dict[str, Any]]) -> None:
    rendered = dict(pages.all_pages(documents, TODAY))
    checked = 0
    for document in documents:
        pid = document["partnership"]["id"]
        for conflict in document.get("conflicts", []):
            for affected in conflict["affects"]:
                path = PAGE_OF_KIND[affected["kind"]](pid, affected["id"])
                assert f"conflicts.md#{conflict['id']}" in rendered[path] or path == "conflicts.md", (
                    conflict["id"],
                    path,
                )
                assert f"{{#{conflict['id']}}}" in rendered["conflicts.md"]
                checked += 1
    assert checked >= 40
