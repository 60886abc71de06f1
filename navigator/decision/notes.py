"""The notes on a result: readings of ours, combined needs, the document's flag notes, doubts, conflicts.

On a result where significant harm is suspected, a flag note appears only when the rules say it is for
such a result (`when: {significant_harm: true}`): notes that presuppose early help or another referral
never stand beside a child-protection line (docs/safety/hazard-log.md H2).
"""

from __future__ import annotations

from typing import Any

from navigator.decision.level import Finding
from navigator.decision.shapes import Json, answer_label, note

HARM_FROM_FLAGS = (
    "A child in immediate danger, or a crime that may have been committed against the child, is read as "
    "suspected significant harm, so the child-protection line comes first. A professional decides."
)


class Notes:
    """Every note a finding calls for, given what else the result shows."""

    def __init__(self, finding: Finding, areas: list[str]) -> None:
        self.f = finding
        self.p = finding.p
        self.areas = areas
        self.flag_notes = self._flag_notes()

    def all(self, shown: list[tuple[str, Any]], crime_suspected: bool) -> list[Json]:
        """The notes, given the (kind, id) of everything else the result shows (for conflicts)."""
        f = self.f
        found = []
        level_note = f.rules.get("level_note")
        if level_note:
            found.append(note("levels", level_note["text"], level_note.get("source")))
        if f.s.area is None and len(self.p.areas) > 1:
            names = " and ".join(area["name"] for area in self.p.areas.values())
            found.append(note("area", f"No area chosen: the lines and steps for {names} are all shown."))
        found += self._harm_reading()
        found += self._combined_needs()
        found += self.flag_notes
        if crime_suspected and not f.rules.get("crime_suspected"):
            found.append(note("crime", "The document gives no separate guidance for a suspected crime."))
        for indicator_id in f.present:
            indicator = self.p.indicators[indicator_id]
            if indicator.get("placement") == "doubtful":
                said = f"The level of “{indicator['text']}” is uncertain in the source."
                text = f"{said} {indicator.get('note', '')}"
                found.append(note("placement", text.strip(), indicator=indicator_id))
        found += self._answer_contradictions()
        flags = [("flag_note", n["id"]) for n in self.flag_notes]
        return found + self._conflicts([*shown, *flags])

    def _harm_reading(self) -> list[Json]:
        """Where suspected harm is our reading (marked indicators, a crime, immediate danger): say so."""
        found = []
        harm = self.f.rules["significant_harm"]
        own = harm.get("questions", [])[:1]  # the document's own question; any further ones are our reading
        ours = [r["question"] for r in self.f.harm_reasons if r["question"] and r["question"] not in own]
        if harm.get("note") and (self.f.harm_indicators or ours):
            found.append(note("reading", harm["note"], None, indicators=self.f.harm_indicators))
        flags = {r["flag"] for r in self.f.harm_reasons} - {None, "significant_harm_suspected"}
        if flags:
            found.append(note("reading", HARM_FROM_FLAGS, None, flags=sorted(flags)))
        return found

    def _combined_needs(self) -> list[Json]:
        f = self.f
        rule = f.rules.get("combined_needs")
        if not rule or f.level is None or f.level >= max(self.p.levels):
            return []
        domains = {self.p.indicators[i]["domain"] for i in f.present}
        if len(domains) < rule["min_domains"]:
            return []
        following = f.level + 1
        comment = (
            f"Indicators are ticked in {len(domains)} domains: consider, "
            "following discussion with the family, "
            f"whether {f.named(following)} is needed. "
            "The suggested level is not changed."
        )
        return [
            note("combined_needs", rule["text"], rule["source"], consider_level=following, comment=comment)
        ]

    def _flag_notes(self) -> list[Json]:
        found = []
        for flag_note in self.f.rules.get("flag_notes", []):
            when = flag_note["when"]
            if self.f.significant_harm and when.get("significant_harm") is not True:
                continue  # the safe side: only notes written for a harm result stand beside one
            if "levels" in when and self.f.level not in when["levels"]:
                continue
            if "areas" in when and not set(when["areas"]) & set(self.areas):
                continue
            if "significant_harm" in when and when["significant_harm"] != self.f.significant_harm:
                continue
            if any(self.f.s.flag(flag) != value for flag, value in when.get("flags", {}).items()):
                continue
            found.append(note("flag", flag_note["text"], flag_note["source"], id=flag_note["id"]))
        return found

    def _answer_contradictions(self) -> list[Json]:
        found = []
        for indicator_id in self.f.s.indicators:
            question = self.p.indicators[indicator_id].get("question")
            if question is None or question not in self.f.s.answers:
                continue
            if self.f.implied_by.get(indicator_id) != question:
                asked = self.p.questions[question]
                label = answer_label(asked, self.f.s.answers[question])
                text = (
                    f"“{self.p.indicators[indicator_id]['text']}” is ticked, but the answer to "
                    f"“{asked['text']}” is {label}: check which is right."
                )
                found.append(note("answer", text, indicator=indicator_id))
        return found

    def _conflicts(self, shown: list[tuple[str, Any]]) -> list[Json]:
        touched: list[tuple[str, Any]] = [("level", self.f.level), *(("area", a) for a in self.areas)]
        touched += [("indicator", i) for i in self.f.present]
        touched += shown
        found, seen = [], set()
        for kind, item_id in touched:
            for conflict in self.p.conflicts_touching(kind, item_id):
                if conflict["id"] in seen:
                    continue
                seen.add(conflict["id"])
                found.append(
                    note(
                        "conflict",
                        f"Sources disagree on {conflict['topic']}.",
                        id=conflict["id"],
                        readings=conflict["readings"],
                        comment=conflict.get("note"),
                    )
                )
        return found
