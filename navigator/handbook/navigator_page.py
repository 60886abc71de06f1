"""The navigator page of a partnership: a static HTML form generated from the YAML, and an empty result panel.

The form works the moment the page paints (ticking, filtering); the assessment comes from the decision
module running in Pyodide in a Web Worker (navigator/web/). There are no free-text inputs: the filter box
only narrows the list on screen and is never part of the scenario, saved or shared.
"""

from __future__ import annotations

import html
from typing import Any

from navigator.handbook.result_panel import phone_parts, result_panel

Document = dict[str, Any]

# Our words for the scenario flags the decision module reads (navigator.decision.scenario); not guidance.
BOOLEAN_FLAGS = (
    ("immediate_danger", "The child is in immediate danger"),
    (
        "significant_harm_suspected",
        "Significant harm is suspected (the child is suffering, or likely to suffer)",
    ),
    ("crime_suspected", "A crime may have been committed against the child"),
)
CHOICE_FLAGS = (
    (
        "consent",
        "Consent to share information",
        (
            ("given", "Given"),
            ("refused", "Refused"),
            ("not_asked", "Not asked yet"),
            ("would_increase_risk", "Asking would put the child at greater risk"),
        ),
    ),
    ("early_help_assessment", "Early help assessment", (("none", "None"), ("completed", "Completed"))),
    (
        "team_around_family",
        "Team around the family",
        (
            ("none", "None"),
            ("in_progress", "In progress"),
            ("not_achieved", "Plan has not achieved its outcomes"),
        ),
    ),
)


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _radio_group(name: str, legend: str, options: list[tuple[str, str]], *, data: str) -> str:
    """A fieldset of radios with "Not stated" first and checked: nothing is assumed until chosen."""
    items = [("", "Not stated"), *options]
    radios = "".join(
        f'<label class="choice"><input type="radio" name="{_e(name)}" value="{_e(value)}" {data}'
        f"{' checked' if not value else ''}> {_e(label)}</label>"
        for value, label in items
    )
    return f'<fieldset class="nav-group"><legend>{_e(legend)}</legend>{radios}</fieldset>'


def _question(question: dict[str, Any]) -> str:
    qid = question["id"]
    if question["type"] == "number":
        unit = f" ({_e(question['unit'])})" if question.get("unit") else ""
        minimum = question.get("minimum", 0)
        return (
            f'<div class="nav-group nav-number"><label for="q-{_e(qid)}">{_e(question["text"])}{unit}</label>'
            f'<input type="number" id="q-{_e(qid)}" name="answer:{_e(qid)}" data-answer="{_e(qid)}" '
            f'min="{_e(minimum)}" step="1" inputmode="numeric" autocomplete="off"></div>'
        )
    if question["type"] == "boolean":
        options = [("true", "Yes"), ("false", "No")]
    else:
        options = [(choice["value"], choice["label"]) for choice in question["choices"]]
    return _radio_group(f"answer:{qid}", question["text"], options, data=f'data-answer="{_e(qid)}"')


def _domain(domain: dict[str, Any], items: list[dict[str, Any]], levels: dict[int, str]) -> str:
    """A domain's indicators in a fold whose summary says how many are ticked (kept up to date by form.js).

    Closed in the page: on a phone the form starts as a short list of domain names; form.js opens them on
    wide screens and when a filter matches.
    """
    did = _e(domain["id"])
    boxes = "".join(
        f'<label class="indicator level-{i["level"]}" data-level="{i["level"]}" '
        f'data-text="{_e(i["text"].casefold())}">'
        f'<input type="checkbox" name="indicator" value="{_e(i["id"])}"> '
        f'<span class="indicator-level">Level {i["level"]}: {_e(levels[i["level"]])}</span> '
        f'<span class="indicator-text">{_e(i["text"])}</span></label>'
        for i in sorted(items, key=lambda item: item["level"])
    )
    return (
        f'<details class="nav-domain" id="domain-{did}" data-domain="{did}">'
        f'<summary><span class="nav-domain-name" id="domain-{did}-name">{_e(domain["name"])}</span> '
        '<span class="nav-domain-count">— 0 ticked</span></summary>'
        f'<div class="nav-domain-items" role="group" aria-labelledby="domain-{did}-name">{boxes}</div>'
        "</details>"
    )


def _level_filter(document: Document) -> str:
    """The filter by level: All, then each level the partnership declares (never assumed to be four)."""
    options = "".join(
        f'<option value="{_e(level["level"])}">Level {_e(level["level"])}: {_e(level["name"])}</option>'
        for level in sorted(document["levels"], key=lambda level: level["level"])
    )
    return (
        '<div class="nav-filter-level"><label for="nav-level-filter">Show level</label>'
        f'<select id="nav-level-filter"><option value="" selected>All</option>{options}</select></div>'
    )


def _indicators(document: Document) -> str:
    levels = {level["level"]: level["name"] for level in document["levels"]}
    groups = []
    for domain in document.get("domains", []):
        items = [i for i in document.get("indicators", []) if i["domain"] == domain["id"]]
        if items:
            groups.append(_domain(domain, items, levels))
    if not groups:
        return ""
    return (
        '<section class="nav-indicators" aria-labelledby="nav-indicators-title">'
        '<h2 id="nav-indicators-title">Indicators</h2>'
        '<div class="nav-filter"><div class="nav-filter-text">'
        '<label for="nav-filter">Show only indicators containing</label>'
        '<input type="search" id="nav-filter" autocomplete="off" spellcheck="false" '
        'aria-describedby="nav-filter-help"></div>'
        f"{_level_filter(document)}"
        '<p id="nav-filter-help" class="nav-help">This only narrows the list on this screen; it is not part '
        "of the scenario and is never saved or shared.</p>"
        '<p id="nav-filter-count" class="nav-help" aria-live="polite"></p></div>'
        f"{''.join(groups)}</section>"
    )


# What is chosen, each with a button to remove it (form.js fills the list as boxes change).
SCENARIO_LIST = (
    '<section class="nav-scenario" id="nav-scenario" aria-labelledby="nav-scenario-title">'
    '<h2 id="nav-scenario-title" tabindex="-1">Your scenario</h2>'
    '<p id="nav-scenario-empty" class="nav-help">Nothing chosen yet.</p>'
    '<ul id="nav-scenario-list" class="nav-scenario-list"></ul></section>'
)


def navigator_page(document: Document, version_label: str) -> str:
    """The page body (raw HTML in Markdown): the form, the status line and the result panel."""
    meta = document["partnership"]
    pid = meta["id"]
    areas = [(area["id"], area["name"]) for area in document["areas"]]
    area_group = (
        _radio_group("area", "Area", areas, data='data-area=""')
        if len(areas) > 1
        else (
            f'<input type="hidden" name="area" value="{_e(areas[0][0])}" data-area="">'
            f'<p class="nav-group">Area: {_e(areas[0][1])}</p>'
        )
    )
    flags = "".join(
        f'<label class="choice flag"><input type="checkbox" name="flag:{name}" data-flag="{name}"> '
        f"{_e(label)}</label>"
        for name, label in BOOLEAN_FLAGS
    )
    choices = "".join(
        _radio_group(f"flag:{name}", legend, list(options), data=f'data-flag="{name}"')
        for name, legend, options in CHOICE_FLAGS
    )
    questions = "".join(_question(q) for q in document.get("questions", []))
    method = document.get("rules", {}).get("method", "indicators")
    intro = (
        "Answer the questions the procedure's manager would consider; the suggested disposal follows them."
        if method == "answers"
        else "Tick the indicators you see in the scenario; the suggested level and the reasons follow."
    )
    form = (
        f'<form id="nav-form" class="nav-form" data-partnership="{_e(pid)}" '
        f'data-version="{_e(meta["version"])}" novalidate>'
        f'<p class="nav-intro">{_e(intro)} Use a <strong>hypothetical</strong> scenario only: there is '
        "nowhere to type a name or details, and nothing you choose leaves this device.</p>"
        f"{SCENARIO_LIST}"
        f'<section class="nav-urgent-questions" aria-labelledby="nav-urgent-title">'
        f'<h2 id="nav-urgent-title">First: is it urgent?</h2><fieldset class="nav-group"><legend>Tick any '
        f"that apply</legend>{flags}</fieldset></section>"
        f"{area_group}"
        + (
            f'<section aria-labelledby="nav-questions-title"><h2 id="nav-questions-title">Questions</h2>'
            f"{questions}</section>"
            if questions
            else ""
        )
        + f"{_indicators(document)}"
        '<section aria-labelledby="nav-context-title">'
        f'<h2 id="nav-context-title">Consent and work so far</h2>{choices}</section>'
        "</form>"
    )
    tools = (
        '<div class="nav-tools" role="group" aria-label="Scenario">'
        '<button type="button" class="md-button" id="nav-print">Print the scenario and result</button>'
        '<button type="button" class="md-button" id="nav-save">Save the scenario as a file</button>'
        '<input type="file" id="nav-load" accept="application/json,.json" class="nav-file">'
        '<label class="md-button nav-load" for="nav-load">Load a saved scenario</label>'
        '<button type="button" class="md-button" id="nav-share">Copy a link to this scenario</button>'
        '<button type="button" class="md-button" id="nav-clear">Start again</button>'
        '<p id="nav-tools-message" class="nav-help" role="status"></p></div>'
    )
    handbook = (
        f'<a href="../">the {_e(meta.get("short_title", meta["title"]))} handbook pages</a>'  # overview
    )
    return (
        f'<div class="navigator" id="navigator" data-partnership="{_e(pid)}">'
        f'<p id="nav-status" class="nav-status" role="status">The navigator is starting. You can tick '
        f"already; the suggestion appears when it is ready.</p>"
        '<noscript><p class="nav-failed">The navigator needs JavaScript and WebAssembly. '
        f"Read {handbook} instead.</p></noscript>"
        f'<p id="nav-failed" class="nav-failed" hidden>The navigator cannot run in this browser (it needs '
        f"WebAssembly and Web Workers). No suggestion is shown. Read {handbook} instead, or ring the "
        "advice line.</p>"
        f'<div class="nav-layout">{form}'
        f"{result_panel(document)}</div>{phone_parts(document)}{tools}"
        f'<p class="print-stamp nav-stamp" id="nav-stamp">Hypothetical scenario, no personal data. '
        f"{_e(meta.get('short_title', meta['title']))} navigator, {_e(version_label)}; printed on "
        '<span class="printed-on">____________</span>. Guidance to support professional judgement, not a '
        "decision: check the online version is current.</p>"
        "</div>"
    )
