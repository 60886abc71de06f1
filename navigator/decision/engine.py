"""Assess a scenario: suggested level with reasons, what would change it, next steps, contacts, consent.

The rules are the partnership's `rules` data (docs/adr/002-decision-rules.md). Text with a `source` is the
document's own words; text with `source: None` is ours (explanations, counterfactuals).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from navigator.decision.clock import open_now
from navigator.decision.partnership import Prepared
from navigator.decision.scenario import Scenario, read_scenario

Json = dict[str, Any]
ROUTE_ORDER = {"child_protection": 0, "referral": 2, "early_help": 2, "advice": 3, "public": 4}
STEP_CONTACTS = 1  # the level's own step contacts sit between child protection and referral routes


def assess(partnerships: Mapping[str, Prepared], raw: Any) -> Json:
    """The assessment of raw (a scenario as plain JSON data); ScenarioError names a bad field."""
    partnership, scenario = read_scenario(raw, partnerships)
    return _Assessment(partnership, scenario).result()


def _matches(rule: Mapping[str, Any], answers: Mapping[str, Any]) -> bool:
    """An answers-rule condition: equals, or a minimum / maximum for numbers."""
    if rule["question"] not in answers:
        return False
    answer = answers[rule["question"]]
    if "equals" in rule:
        expected = rule["equals"]
        if isinstance(answer, bool) != isinstance(expected, bool) or answer != expected:
            return False
    if "minimum" in rule and answer < rule["minimum"]:
        return False
    return not ("maximum" in rule and answer > rule["maximum"])


def _prose(paragraphs: list[Any]) -> Iterator[tuple[str, bool]]:
    for paragraph in paragraphs:
        if isinstance(paragraph, str):
            yield paragraph, False
        else:
            yield from ((bullet, True) for bullet in paragraph["bullets"])


class _Assessment:
    def __init__(self, partnership: Prepared, scenario: Scenario) -> None:
        self.p = partnership
        self.s = scenario
        self.rules = partnership.rules
        self.areas = [scenario.area] if scenario.area else list(partnership.areas)
        self.unit = "disposal" if self.rules["method"] == "answers" else "Level"
        self.fired_answers = [
            rule
            for rule in self.rules.get("answers", [])
            if _matches(rule, scenario.answers)
            and all(_matches(condition, scenario.answers) for condition in rule.get("requires", []))
        ]
        implied = [rule["indicator"] for rule in self.fired_answers if "indicator" in rule]
        self.present = [*scenario.indicators, *(i for i in implied if i not in scenario.indicators)]
        self.implied_by = {
            rule["indicator"]: rule["question"] for rule in self.fired_answers if "indicator" in rule
        }
        self.counts: dict[int, int] = {}  # present indicators per level
        for indicator in self.present:
            level = self.p.indicators[indicator]["level"]
            self.counts[level] = self.counts.get(level, 0) + 1
        self.marked = set(self.rules["significant_harm"].get("indicators", []))
        self.harm_reasons = self._significant_harm_reasons()
        self.significant_harm = bool(self.harm_reasons) or any(i in self.marked for i in self.present)
        self.level_by_rules, borderline = self._level_from_rules()
        if self.significant_harm:
            self.level: int | None = self.rules["significant_harm"]["level"]
            self.borderline = False
        else:
            self.level, self.borderline = self.level_by_rules, borderline
        # used by several parts of the result: worked out once
        self._danger_entry = self._make_danger_entry()
        self._child_protection_entries = self._make_child_protection_entries()
        self._routes_that_apply = self._make_routes_that_apply()

    @property
    def _verb(self) -> str:
        return "would give" if self.unit == "disposal" else "would suggest"

    # ---- the level -------------------------------------------------------------------------------
    def _significant_harm_reasons(self) -> list[Json]:
        rules, reasons = self.rules["significant_harm"], []
        danger = self.rules["immediate_danger"]
        level = rules["level"]
        if self.s.flag("immediate_danger") and danger.get("implies_significant_harm"):
            reasons.append(self._flag_reason("immediate_danger", self._danger_instruction(), level, danger))
        if self.s.flag("significant_harm_suspected"):
            text = rules.get("quote", "Significant harm is suspected.")
            reasons.append(self._flag_reason("significant_harm_suspected", text, level, rules))
        for question in rules.get("questions", []):
            if self.s.answers.get(question) is True:
                reasons.append(self._answer_reason(question, level, rules.get("source")))
        return reasons  # a marked indicator is its own reason, listed with the other indicators

    def _level_from_rules(self) -> tuple[int | None, bool]:
        """The highest level any rule gives, and whether a borderline rule gives that level."""
        candidates: list[tuple[int, bool]] = [
            (rule["level"], False) for rule in self.fired_answers if "level" in rule
        ]
        for rule in self.rules.get("levels", []):
            found = self.counts.get(rule["level"], 0)
            if found >= rule["at_least"]:
                candidates.append((rule["level"], False))
            elif found and "otherwise" in rule:
                candidates.append((rule["otherwise"]["level"], rule["otherwise"]["borderline"]))
        if not candidates:
            return self.rules.get("default_level"), False
        top = max(level for level, _ in candidates)
        return top, any(borderline and level == top for level, borderline in candidates)

    # ---- reasons ---------------------------------------------------------------------------------
    def _flag_reason(self, flag: str, text: str, level: int | None, rule: Mapping[str, Any]) -> Json:
        return self._reason(flag=flag, text=text, level=level, source=rule.get("source"))

    def _answer_reason(self, question: str, level: int | None, source: Any) -> Json:
        asked = self.p.questions[question]
        answer = self.s.answers[question]
        return self._reason(
            question=question,
            answer=answer,
            answer_label=self._answer_label(asked, answer),
            text=asked["text"],
            level=level,
            source=source if source is not None else asked.get("source"),
        )

    @staticmethod
    def _reason(**fields: Any) -> Json:
        reason: Json = {
            "indicator": None,
            "text": "",
            "level": None,
            "domain": None,
            "domain_name": None,
            "placement": None,
            "significant_harm": False,
            "flag": None,
            "question": None,
            "answer": None,
            "answer_label": None,
            "source": None,
        }
        reason.update(fields)
        return reason

    @staticmethod
    def _answer_label(question: Mapping[str, Any], answer: Any) -> str:
        if isinstance(answer, bool):
            return "yes" if answer else "no"
        for choice in question.get("choices", []):
            if choice["value"] == answer:
                return str(choice["label"])
        unit = question.get("unit")
        return f"{answer:g} {unit}" if unit and isinstance(answer, int | float) else str(answer)

    def reasons(self) -> list[Json]:
        reasons = list(self.harm_reasons)
        indicators = sorted(self.present, key=lambda i: -self.p.indicators[i]["level"])
        for indicator_id in indicators:
            indicator = self.p.indicators[indicator_id]
            domain = self.p.domains.get(indicator["domain"], {})
            reasons.append(
                self._reason(
                    indicator=indicator_id,
                    text=indicator["text"],
                    level=indicator["level"],
                    domain=indicator["domain"],
                    domain_name=domain.get("name"),
                    placement=indicator.get("placement", "certain"),
                    significant_harm=indicator_id in self.marked,
                    question=self.implied_by.get(indicator_id),
                    answer=self.s.answers.get(self.implied_by.get(indicator_id, "")),
                    source=indicator["source"],
                )
            )
        reasons.extend(
            self._answer_reason(rule["question"], rule["level"], rule["source"])
            for rule in sorted(self.fired_answers, key=lambda r: -r.get("level", 0))
            if "level" in rule
        )
        return reasons

    # ---- what would change the suggestion ------------------------------------------------------------
    def would_change(self) -> list[str]:
        changes: list[str] = []
        harm = self.rules["significant_harm"]
        top = f"{self.unit} {harm['level']} ({self.p.level_name(harm['level'])})"
        if self.significant_harm:
            if self.level_by_rules != harm["level"]:
                without = self.level_by_rules
                what = (
                    "no level" if without is None else f"{self.unit} {without} ({self.p.level_name(without)})"
                )
                changes.append(
                    f"Without suspected significant harm, the rest of the scenario would suggest {what}."
                )
            return changes
        current = self.level or 0
        for rule in sorted(self.rules.get("levels", []), key=lambda r: r["level"]):
            if rule["level"] <= current:
                continue
            needed = rule["at_least"] - self.counts.get(rule["level"], 0)
            name = f"{self.unit} {rule['level']} ({self.p.level_name(rule['level'])})"
            plural = "s" if needed > 1 else ""
            if needed == rule["at_least"]:
                amount = "Any" if needed == 1 else f"{needed} or more"
                sentence = f"{amount} {self.unit} {rule['level']} indicator{plural} would suggest {name}."
            else:
                sentence = (
                    f"{needed} more {self.unit} {rule['level']} indicator{plural} would suggest {name}."
                )
            if "quote" in rule:
                sentence += f" The document says: “{rule['quote']}”"
            changes.append(sentence)
        for rule in self.rules.get("answers", []):
            if rule in self.fired_answers:
                continue
            level = rule["level"] if "level" in rule else self.p.indicators[rule["indicator"]]["level"]
            if level <= current:
                continue
            needs = [*rule.get("requires", []), rule]
            said = " and ".join(
                f"“{self.p.questions[c['question']]['text']}”: {self._condition(c)}" for c in needs
            )
            changes.append(f"{said} {self._verb} {self.unit} {level} ({self.p.level_name(level)}).")
        changes.append(f"Suspected significant harm {self._verb} {top}.")
        if self.level is None:
            changes.insert(
                0, f"No {self.unit} follows from the answers given yet: answer the questions below."
            )
        return changes

    def _condition(self, condition: Mapping[str, Any]) -> str:
        question = self.p.questions[condition["question"]]
        if "equals" in condition:
            return self._answer_label(question, condition["equals"])
        unit = f" {question['unit']}" if question.get("unit") else ""
        low, high = condition.get("minimum"), condition.get("maximum")
        if high is None:
            return f"{low:g} or more{unit}"
        if low is None:
            return f"{high:g} or fewer{unit}"
        return f"{low:g} to {high:g}{unit}"

    # ---- urgent ----------------------------------------------------------------------------------
    def _danger_instruction(self) -> str:
        danger = self.rules["immediate_danger"]
        if "route" in danger:
            route = self.p.routes[danger["route"]]
            return next(text for text, _ in _prose(route["text"]))
        return str(danger["instruction"])

    @staticmethod
    def _urgent_entry(instruction: str, kind: str, **fields: Any) -> Json:
        entry: Json = {
            "instruction": instruction,
            "phone": None,
            "kind": kind,
            "area": None,
            "contact": None,
            "name": None,
            "follow_up": None,
            "note": None,
            "source": None,
        }
        entry.update(fields)
        return entry

    def _make_danger_entry(self) -> Json:
        danger = self.rules["immediate_danger"]
        if "route" not in danger:
            kind = "immediate_danger"
            return self._urgent_entry(
                danger["instruction"], kind, phone=danger["phone"], note=danger.get("note")
            )
        route = self.p.routes[danger["route"]]
        contact = next(self.p.contacts[c] for c in route["contacts"] if self.p.contacts[c].get("phone"))
        return self._urgent_entry(
            self._danger_instruction(),
            "immediate_danger",
            phone=contact["phone"],
            contact=contact["id"],
            name=contact["name"],
            source=route["source"],
        )

    def _make_child_protection_entries(self) -> list[Json]:
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
                            self._urgent_entry(
                                route["title"],
                                "child_protection",
                                phone=contact["phone"],
                                area=area,
                                contact=contact_id,
                                name=contact["name"],
                                follow_up=route.get("follow_up", {}).get("text"),
                                source=route["source"],
                            )
                        )
        return entries

    def urgent(self) -> list[Json]:
        entries: list[Json] = []
        if self.s.flag("immediate_danger"):
            entries.append(self._danger_entry)
        if self.significant_harm:
            entries.extend(self._child_protection_entries)
        crime = self.rules.get("crime_suspected")
        if crime and self._crime_suspected(crime):
            guidance = self.p.guidance[crime["guidance"]]
            for text, _ in _prose(guidance["paragraphs"]):
                entries.append(
                    self._urgent_entry(
                        text,
                        "crime_suspected",
                        area=guidance.get("area"),
                        note=guidance.get("note"),
                        source=guidance["source"],
                    )
                )
        return entries

    def _crime_suspected(self, crime: Mapping[str, Any] | None) -> bool:
        questions = crime.get("questions", []) if crime else []
        return bool(self.s.flag("crime_suspected")) or any(self.s.answers.get(q) is True for q in questions)

    def if_urgent(self) -> list[Json]:
        return [self._danger_entry, *self._child_protection_entries]

    # ---- contacts and next steps ----------------------------------------------------------------------
    def _make_routes_that_apply(self) -> list[Json]:
        applying = []
        for route in self.p.routes.values():
            if route["kind"] == "immediate_danger":
                continue
            if route.get("area") is not None and route["area"] not in self.areas:
                continue
            levels = route.get("levels")
            protection = route["kind"] == "child_protection" and self.significant_harm
            if levels is None or self.level in levels or protection:
                applying.append(route)
        return applying

    def contacts(self) -> list[Json]:
        ranked: list[tuple[int, str]] = []
        for route in self._routes_that_apply:
            ranked.extend((ROUTE_ORDER.get(route["kind"], 4), c) for c in route["contacts"])
        for area in self.areas:
            steps = self.p.levels[self.level].get("steps", {}).get(area, {}) if self.level else {}
            ranked.extend((STEP_CONTACTS, c) for c in steps.get("contacts", []))
        ordered: list[str] = []
        for _, contact_id in sorted(ranked, key=lambda pair: pair[0]):
            if contact_id not in ordered:
                ordered.append(contact_id)
        return [self._contact(self.p.contacts[c]) for c in ordered]

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
            "purpose": contact["purpose"],
            "urgent": contact["urgent"],
            "open_now": None if conflicts else open_now(hours, self.s.now),
            "conflicts": [conflict["id"] for conflict in conflicts],
            "source": contact["source"],
        }

    def actions(self) -> list[Json]:
        if self.level is None:
            return []
        found: list[Json] = []
        level = self.p.levels[self.level]
        for step in self.rules.get("next_steps", []):
            if self.level not in step["levels"]:
                continue
            if step.get("level_steps"):
                for area in self.areas:
                    flow = level.get("steps", {}).get(area)
                    if flow:
                        found += self._items("Step 2", flow["actions"], area, flow["source"])
                        found += self._items("Step 3", flow["follow_up"], area, flow["source"])
            elif step.get("level_description"):
                description = level["description"]
                found += self._items(level["title"], description["paragraphs"], None, description["source"])
            else:
                found += self._referenced(step)
        return found

    def _referenced(self, step: Mapping[str, Any]) -> list[Json]:
        if "checklist" in step:
            checklist = self.p.checklists[step["checklist"]]
            found = self._items(checklist["title"], checklist.get("intro", []), None, checklist["source"])
            for section in checklist["sections"]:
                found += self._items(
                    section["title"], [{"bullets": section["items"]}], None, checklist["source"]
                )
            return found
        item = self.p.routes[step["route"]] if "route" in step else self.p.guidance[step["guidance"]]
        area = item.get("area")
        if area is not None and area not in self.areas:
            return []
        paragraphs = item["text"] if "route" in step else item["paragraphs"]
        return self._items(item["title"], paragraphs, area, item["source"])

    @staticmethod
    def _items(heading: str, paragraphs: list[Any], area: str | None, source: Any) -> list[Json]:
        return [
            {"heading": heading, "text": text, "bullet": bullet, "area": area, "source": source}
            for text, bullet in _prose(paragraphs)
        ]

    # ---- consent, notes, caveats --------------------------------------------------------------------
    def consent(self) -> tuple[list[Json], list[Json]]:
        consent = self.p.data.get("consent")
        if not consent:
            return [], []
        situations = {situation["id"]: situation for situation in consent["situations"]}
        wanted = ["general"]
        answer = self.s.flag("consent")
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
            notes.append(self._note("consent", text))
        return chosen, notes

    @staticmethod
    def _note(kind: str, text: str, source: Any = None, **extra: Any) -> Json:
        return {"kind": kind, "text": text, "source": source, **extra}

    def notes(self, contacts: list[Json]) -> list[Json]:
        notes = []
        level_note = self.rules.get("level_note")
        if level_note:
            notes.append(self._note("levels", level_note["text"], level_note.get("source")))
        if self.s.area is None and len(self.p.areas) > 1:
            names = " and ".join(area["name"] for area in self.p.areas.values())
            notes.append(
                self._note("area", f"No area chosen: the lines and steps for {names} are all shown.")
            )
        notes += self._combined_needs()
        notes += self._flag_notes()
        crime = self.rules.get("crime_suspected")
        if self._crime_suspected(crime) and not crime:
            notes.append(
                self._note("crime", "The document gives no separate guidance for a suspected crime.")
            )
        for indicator_id in self.present:
            indicator = self.p.indicators[indicator_id]
            if indicator.get("placement") == "doubtful":
                said = f"The level of “{indicator['text']}” is uncertain in the source."
                text = f"{said} {indicator.get('note', '')}"
                notes.append(self._note("placement", text.strip(), indicator=indicator_id))
        notes += self._answer_contradictions()
        notes += self._conflict_notes(contacts)
        return notes

    def _combined_needs(self) -> list[Json]:
        rule = self.rules.get("combined_needs")
        if not rule or self.level is None or self.level >= max(self.p.levels):
            return []
        domains = {self.p.indicators[i]["domain"] for i in self.present}
        if len(domains) < rule["min_domains"]:
            return []
        following = self.level + 1
        comment = (
            f"Indicators are ticked in {len(domains)} domains: consider, "
            "following discussion with the family, "
            f"whether {self.unit} {following} ({self.p.level_name(following)}) is needed. "
            "The suggested level is not changed."
        )
        return [
            self._note(
                "combined_needs", rule["text"], rule["source"], consider_level=following, comment=comment
            )
        ]

    def _flag_notes(self) -> list[Json]:
        found = []
        for note in self.rules.get("flag_notes", []):
            when = note["when"]
            if "levels" in when and self.level not in when["levels"]:
                continue
            if "areas" in when and not set(when["areas"]) & set(self.areas):
                continue
            if "significant_harm" in when and when["significant_harm"] != self.significant_harm:
                continue
            if any(self.s.flag(flag) != value for flag, value in when.get("flags", {}).items()):
                continue
            found.append(self._note("flag", note["text"], note["source"], id=note["id"]))
        return found

    def _answer_contradictions(self) -> list[Json]:
        notes = []
        for indicator_id in self.s.indicators:
            question = self.p.indicators[indicator_id].get("question")
            if question is None or question not in self.s.answers:
                continue
            if self.implied_by.get(indicator_id) != question:
                asked = self.p.questions[question]
                label = self._answer_label(asked, self.s.answers[question])
                text = (
                    f"“{self.p.indicators[indicator_id]['text']}” is ticked, but the answer to "
                    f"“{asked['text']}” is {label}: check which is right."
                )
                notes.append(self._note("answer", text, indicator=indicator_id))
        return notes

    def _conflict_notes(self, contacts: list[Json]) -> list[Json]:
        touched: list[tuple[str, Any]] = [("level", self.level), *(("area", a) for a in self.areas)]
        touched += [("indicator", i) for i in self.present]
        touched += [("contact", c["id"]) for c in contacts]
        touched += [("route", r["id"]) for r in self._routes_that_apply]
        notes, seen = [], set()
        for kind, item_id in touched:
            for conflict in self.p.conflicts_touching(kind, item_id):
                if conflict["id"] in seen:
                    continue
                seen.add(conflict["id"])
                notes.append(
                    self._note(
                        "conflict",
                        f"Sources disagree on {conflict['topic']}.",
                        id=conflict["id"],
                        readings=conflict["readings"],
                        comment=conflict.get("note"),
                    )
                )
        return notes

    # ---- the whole result ------------------------------------------------------------------------
    def result(self) -> Json:
        data = self.p.data
        contacts = self.contacts()
        consent, consent_notes = self.consent()
        level = self.p.levels.get(self.level) if self.level else None
        return {
            "partnership": data["id"],
            "partnership_title": data["title"],
            "thresholds_version": data["version"],
            "thresholds_status": data["status"],
            "area": self.s.area,
            "area_name": self.p.areas[self.s.area]["name"] if self.s.area else None,
            "method": self.rules["method"],
            "level": self.level,
            "level_name": level["name"] if level else None,
            "level_title": level["title"] if level else None,
            "borderline": self.borderline,
            "significant_harm": self.significant_harm,
            "urgent": self.urgent(),
            "if_urgent": self.if_urgent(),
            "reasons": self.reasons(),
            "would_change": self.would_change(),
            "actions": self.actions(),
            "contacts": contacts,
            "consent": consent,
            "notes": self.notes(contacts) + consent_notes,
            "caveats": [{"text": c["text"], "source": c["source"]} for c in data.get("caveats", [])],
            "documents": data["documents"],
            "now": self.s.now.isoformat() if self.s.now else None,
        }
