"""The guidance shown with a level: contacts, next steps, consent and the area's own words for the level.

On a result where significant harm is suspected, the next steps start with the area's child-protection
route and no other route is a step; other routes' contacts follow the child-protection lines, and the
disagreements about those routes, which presuppose another kind of referral, are not shown
(docs/safety/hazard-log.md H2).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from navigator.decision.clock import open_now
from navigator.decision.level import Finding
from navigator.decision.shapes import Json, items, note

ROUTE_ORDER = {"child_protection": 0, "referral": 2, "early_help": 2, "advice": 3, "public": 4}
STEP_CONTACTS = 1  # the level's own step contacts sit between child protection and referral routes


class Guidance:
    """Contacts, next steps and consent for a finding, in the areas shown."""

    def __init__(self, finding: Finding, areas: list[str]) -> None:
        self.f = finding
        self.p = finding.p
        self.areas = areas
        self.routes = self._routes_that_apply()
        # On a harm result, the child-protection routes: they open the next steps and are the only routes
        # the result speaks of (worked out once; every referenced next step checks against them).
        self.protection_first = (
            [route for route in self.routes if route["kind"] == "child_protection"]
            if finding.significant_harm
            else []
        )

    def _routes_that_apply(self) -> list[Json]:
        applying = []
        for route in self.p.routes.values():
            if route["kind"] == "immediate_danger":
                continue
            if route.get("area") is not None and route["area"] not in self.areas:
                continue
            levels = route.get("levels")
            protection = route["kind"] == "child_protection" and self.f.significant_harm
            if levels is None or self.f.level in levels or protection:
                applying.append(route)
        return applying

    def routes_shown(self) -> list[Json]:
        """The routes the result speaks of: on a harm result, the child-protection routes only."""
        return self.protection_first if self.f.significant_harm else self.routes

    # ---- contacts --------------------------------------------------------------------------------
    def contacts(self) -> list[Json]:
        ranked: list[tuple[int, str]] = []
        for route in self.routes:
            ranked.extend((ROUTE_ORDER.get(route["kind"], 4), c) for c in route["contacts"])
        for area in self.areas:
            ranked.extend((STEP_CONTACTS, c) for c in self._steps(area).get("contacts", []))
        ordered: list[str] = []
        for _, contact_id in sorted(ranked, key=lambda pair: pair[0]):
            if contact_id not in ordered:
                ordered.append(contact_id)
        return [self._contact(self.p.contacts[c]) for c in ordered]

    def _steps(self, area: str) -> Mapping[str, Any]:
        level = self.p.levels.get(self.f.level) if self.f.level else None
        return level.get("steps", {}).get(area, {}) if level else {}

    def _contact(self, contact: Mapping[str, Any]) -> Json:
        conflicts = self.p.conflicts_touching("contact", contact["id"])
        hours = contact.get("hours")
        area = contact.get("area")
        return {
            "id": contact["id"],
            "name": contact["name"],
            "area": area,
            "area_name": self.p.areas[area]["name"] if area else None,
            "phone": contact.get("phone"),
            "email": contact.get("email"),
            "url": contact.get("url"),
            "online_form": contact.get("online_form"),
            "post": contact.get("post"),
            "hours": hours["text"] if hours else None,
            "hours_note": hours.get("note") if hours else None,
            "out_of_hours": contact.get("out_of_hours"),
            "purpose": contact["purpose"],
            "urgent": contact["urgent"],
            "reading": contact.get("reading"),
            "open_now": None if conflicts else open_now(hours, self.f.s.now),
            "conflicts": [conflict["id"] for conflict in conflicts],
            "source": contact["source"],
        }

    # ---- next steps ------------------------------------------------------------------------------
    def actions(self) -> list[Json]:
        if self.f.level is None:
            return []
        found: list[Json] = []
        for route in self.protection_first:
            found += items(route["title"], route["text"], route.get("area"), route["source"], route["id"])
        level = self.p.levels[self.f.level]
        for step in self.f.rules.get("next_steps", []):
            if self.f.level not in step["levels"]:
                continue
            if step.get("level_steps"):
                for area in self.areas:
                    flow = level.get("steps", {}).get(area)
                    if flow:
                        found += items("Step 2", flow["actions"], area, flow["source"])
                        found += items("Step 3", flow["follow_up"], area, flow["source"])
            elif step.get("level_description"):
                description = level["description"]
                found += items(level["title"], description["paragraphs"], None, description["source"])
            else:
                found += self._referenced(step)
        return found

    def _referenced(self, step: Mapping[str, Any]) -> list[Json]:
        if "checklist" in step:
            checklist = self.p.checklists[step["checklist"]]
            found = items(checklist["title"], checklist.get("intro", []), None, checklist["source"])
            for section in checklist["sections"]:
                found += items(section["title"], [{"bullets": section["items"]}], None, checklist["source"])
            return found
        if "route" in step:
            route = self.p.routes[step["route"]]
            if self.f.significant_harm and (
                route["kind"] != "child_protection" or route in self.protection_first
            ):
                return []  # no referral, early help or advice route beside child protection; no repeats
            item, paragraphs = route, route["text"]
        else:
            item = self.p.guidance[step["guidance"]]
            paragraphs = item["paragraphs"]
        area = item.get("area")
        if area is not None and area not in self.areas:
            return []
        return items(item["title"], paragraphs, area, item["source"], item["id"] if "route" in step else None)

    def guidance_shown(self) -> list[str]:
        """The guidance sections the next steps quote (for the conflicts that touch them)."""
        return [
            step["guidance"]
            for step in self.f.rules.get("next_steps", [])
            if "guidance" in step and self.f.level in step["levels"]
        ]

    # ---- the area's own words for the level --------------------------------------------------------
    def level_words(self) -> list[Json]:
        """Each area's own description of the suggested level (Step 1 of its flow), where it has one."""
        words = []
        for area in self.areas:
            flow = self._steps(area)
            if flow.get("concern"):
                name = self.p.areas[area]["name"]
                words.append(
                    {"area": area, "area_name": name, "text": flow["concern"], "source": flow["source"]}
                )
        return words

    # ---- consent ---------------------------------------------------------------------------------
    def consent(self) -> tuple[list[Json], list[Json]]:
        consent = self.p.data.get("consent")
        if not consent:
            return [], []
        situations = {situation["id"]: situation for situation in consent["situations"]}
        wanted = ["general"]
        answer = self.f.s.flag("consent")
        if answer:
            wanted.append(answer)
        chosen = [
            {"situation": s["id"], "title": s["title"], "steps": s["steps"], "source": s["source"]}
            for s in (situations.get(w) for w in wanted)
            if s is not None
        ]
        notes = []
        if answer and answer not in situations:
            said = answer.replace("_", " ")
            text = f"The document gives no separate consent guidance for this answer ({said})."
            notes.append(note("consent", text))
        return chosen, notes
