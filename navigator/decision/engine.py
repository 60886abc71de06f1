"""Assess a scenario: suggested level with reasons, what would change it, next steps, contacts, consent.

The rules are the partnership's `rules` data (docs/adr/002-decision-rules.md). Text with a `source` is the
document's own words; text with `source: None` is ours (explanations, counterfactuals). The level and its
reasons are worked out in `level` and `changes`; the guidance shown with them in `urgent`, `guidance` and
`notes`. The safety of each part is in docs/safety/hazard-log.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from navigator.decision.changes import would_change
from navigator.decision.guidance import Guidance
from navigator.decision.level import Finding
from navigator.decision.notes import Notes
from navigator.decision.partnership import Prepared
from navigator.decision.scenario import read_scenario
from navigator.decision.shapes import Json
from navigator.decision.urgent import Urgent


def assess(partnerships: Mapping[str, Prepared], raw: Any) -> Json:
    """The assessment of raw (a scenario as plain JSON data); ScenarioError names a bad field."""
    partnership, scenario = read_scenario(raw, partnerships)
    finding = Finding(partnership, scenario)
    areas = [scenario.area] if scenario.area else list(partnership.areas)
    urgent = Urgent(finding, areas)
    guidance = Guidance(finding, areas)
    contacts = guidance.contacts()
    consent, consent_notes = guidance.consent()
    shown: list[tuple[str, Any]] = [("contact", c["id"]) for c in contacts]
    shown += [("route", r["id"]) for r in guidance.routes_shown()]
    shown += [("consent", c["situation"]) for c in consent]
    shown += [("guidance", g) for g in guidance.guidance_shown()]
    notes = Notes(finding, areas).all(shown, urgent.crime_suspected()) + consent_notes
    data = partnership.data
    level = partnership.levels.get(finding.level) if finding.level else None
    return {
        "partnership": data["id"],
        "partnership_title": data["title"],
        "thresholds_version": data["version"],
        "thresholds_status": data["status"],
        "area": scenario.area,
        "area_name": partnership.areas[scenario.area]["name"] if scenario.area else None,
        "method": partnership.rules["method"],
        "level": finding.level,
        "level_name": level["name"] if level else None,
        "level_title": level["title"] if level else None,
        "level_words": guidance.level_words(),
        "borderline": finding.borderline,
        "significant_harm": finding.significant_harm,
        "urgent": urgent.urgent(),
        "if_urgent": urgent.if_urgent(),
        "if_harm_suspected": urgent.if_harm_suspected(),
        "reasons": finding.reasons(),
        "would_change": would_change(finding),
        "actions": guidance.actions(),
        "contacts": contacts,
        "consent": consent,
        "notes": notes,
        "caveats": [{"text": c["text"], "source": c["source"]} for c in data.get("caveats", [])],
        "documents": data["documents"],
        "now": scenario.now.isoformat() if scenario.now else None,
    }
