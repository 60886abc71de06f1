"""The urgent lines of a result: 999 first, then the area's child-protection line (hazard log H1, H4).

Each line says where it is our reading rather than the source's words, and what the source says (or does
not say) about its hours.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from navigator.decision.level import Finding
from navigator.decision.shapes import Json, prose, urgent_entry

NO_HOURS = "The source gives no opening hours for this line and no out-of-hours route."


def _readings(*items: Mapping[str, Any]) -> str | None:
    found: list[str] = []
    for item in items:
        if item.get("reading") and item["reading"] not in found:
            found.append(item["reading"])
    return " ".join(found) or None


def _availability(contact: Mapping[str, Any], route: Mapping[str, Any]) -> dict[str, Any]:
    hours = contact.get("hours")
    out_of_hours = contact.get("out_of_hours") or route.get("out_of_hours")
    if hours is None and out_of_hours is None:
        out_of_hours = NO_HOURS
    return {"hours": hours["text"] if hours else None, "out_of_hours": out_of_hours}


class Urgent:
    """The 999 and child-protection lines for the areas shown, worked out once per assessment."""

    def __init__(self, finding: Finding, areas: list[str]) -> None:
        self.f = finding
        self.p = finding.p
        self.areas = areas
        self.danger = self._danger_entry()
        self.child_protection = self._child_protection_entries()

    def _danger_entry(self) -> Json:
        danger = self.f.rules["immediate_danger"]
        if "route" not in danger:
            return urgent_entry(
                danger["instruction"],
                "immediate_danger",
                phone=danger["phone"],
                note=danger.get("note"),
                reading=danger.get("reading"),
            )
        route = self.p.routes[danger["route"]]
        contact = next(self.p.contacts[c] for c in route["contacts"] if self.p.contacts[c].get("phone"))
        return urgent_entry(
            self.f.danger_instruction(),
            "immediate_danger",
            phone=contact["phone"],
            contact=contact["id"],
            name=contact["name"],
            reading=_readings(danger, route, contact),
            source=route["source"],
        )

    def _child_protection_entries(self) -> list[Json]:
        entries: list[Json] = []
        for area in self.areas:
            for route in self.p.routes.values():
                if route["kind"] != "child_protection" or route.get("area") not in (None, area):
                    continue
                for contact_id in route["contacts"]:
                    contact = self.p.contacts[contact_id]
                    listed = any(entry["contact"] == contact_id for entry in entries)
                    if contact.get("urgent") and contact.get("phone") and not listed:
                        entries.append(
                            urgent_entry(
                                route["title"],
                                "child_protection",
                                phone=contact["phone"],
                                area=area,
                                contact=contact_id,
                                name=contact["name"],
                                follow_up=route.get("follow_up", {}).get("text"),
                                reading=_readings(route, contact),
                                source=route["source"],
                                **_availability(contact, route),
                            )
                        )
        return entries

    def crime_suspected(self) -> bool:
        crime = self.f.rules.get("crime_suspected")
        questions = crime.get("questions", []) if crime else []
        return bool(self.f.s.flag("crime_suspected")) or any(
            self.f.s.answers.get(q) is True for q in questions
        )

    def urgent(self) -> list[Json]:
        """What the scenario calls for now: 999 on immediate danger, then child protection on harm."""
        entries: list[Json] = []
        if self.f.s.flag("immediate_danger"):
            entries.append(self.danger)
        if self.f.significant_harm:
            entries.extend(self.child_protection)
        crime = self.f.rules.get("crime_suspected")
        if crime and self.crime_suspected():
            guidance = self.p.guidance[crime["guidance"]]
            for text, _ in prose(guidance["paragraphs"]):
                entries.append(
                    urgent_entry(
                        text,
                        "crime_suspected",
                        area=guidance.get("area"),
                        note=guidance.get("note"),
                        source=guidance["source"],
                    )
                )
        return entries

    def if_urgent(self) -> list[Json]:
        """The standing reminder on every result: 999 and the child-protection lines."""
        return [self.danger, *self.child_protection]

    def if_harm_suspected(self) -> Json | None:
        """At the child-protection level without harm: what the document says to do if harm is suspected."""
        f = self.f
        if f.significant_harm or f.level != f.protection_level:
            return None
        harm = f.rules["significant_harm"]
        said = harm.get("if_suspected") or {"text": harm.get("quote"), "source": harm.get("source")}
        return {"text": said.get("text"), "source": said.get("source"), "urgent": self.child_protection}
