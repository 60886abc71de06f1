"""Working out the suggested level and its reasons from the partnership's rules (docs/adr/002).

Fail safe (docs/safety/hazard-log.md H1, H8): suspected significant harm (a marked indicator, the flag,
a yes to a harm question, immediate danger, or a crime against the child) always gives the
child-protection level; a scenario with nothing ticked or answered gives no level at all, never the
lowest one.
"""

from __future__ import annotations

from typing import Any

from navigator.decision.partnership import Prepared
from navigator.decision.scenario import Scenario
from navigator.decision.shapes import Json, answer_label, matches, reason

CRIME_AGAINST_THE_CHILD = "A crime may have been committed against the child."


class Finding:
    """The level a scenario suggests under the partnership's rules, and why."""

    def __init__(self, partnership: Prepared, scenario: Scenario) -> None:
        self.p = partnership
        self.s = scenario
        self.rules = partnership.rules
        self.unit = "disposal" if self.rules["method"] == "answers" else "Level"
        self.fired_answers = [
            rule
            for rule in self.rules.get("answers", [])
            if matches(rule, scenario.answers)
            and all(matches(condition, scenario.answers) for condition in rule.get("requires", []))
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
        harm = self.rules["significant_harm"]
        self.protection_level: int = harm["level"]
        self.marked = set(harm.get("indicators", []))
        self.harm_reasons = self._significant_harm_reasons()
        self.harm_indicators = [i for i in self.present if i in self.marked]
        self.significant_harm = bool(self.harm_reasons or self.harm_indicators)
        self.empty = not self.present and not scenario.answers and not self.significant_harm
        self.level_by_rules, borderline = self._level_from_rules()
        self.level: int | None
        if self.significant_harm:  # the child-protection level, or a higher one the rules already give
            self.level, self.borderline = max(self.protection_level, self.level_by_rules or 0), False
        else:
            self.level, self.borderline = self.level_by_rules, borderline

    def level_name(self, level: int | None) -> str | None:
        return self.p.level_name(level)

    def named(self, level: int) -> str:
        """ "Level 3 (Intensive)": a level as the result's sentences name it."""
        return f"{self.unit} {level} ({self.p.level_name(level)})"

    # ---- significant harm ------------------------------------------------------------------------
    def _significant_harm_reasons(self) -> list[Json]:
        rules, reasons = self.rules["significant_harm"], []
        level = rules["level"]
        if self.s.flag("immediate_danger"):  # always read as significant harm: the safe side
            danger = self.rules["immediate_danger"]
            text = self.danger_instruction()
            reasons.append(
                reason(flag="immediate_danger", text=text, level=level, source=danger.get("source"))
            )
        if self.s.flag("significant_harm_suspected"):
            text = rules.get("quote", "Significant harm is suspected.")
            reasons.append(
                reason(flag="significant_harm_suspected", text=text, level=level, source=rules.get("source"))
            )
        if self.s.flag("crime_suspected"):  # a crime against the child: read as suspected harm, the safe side
            reasons.append(reason(flag="crime_suspected", text=CRIME_AGAINST_THE_CHILD, level=level))
        for question in rules.get("questions", []):
            if self.s.answers.get(question) is True:
                reasons.append(self.answer_reason(question, level, rules.get("source")))
        return reasons  # a marked indicator is its own reason, listed with the other indicators

    def danger_instruction(self) -> str:
        danger = self.rules["immediate_danger"]
        if "route" in danger:
            route = self.p.routes[danger["route"]]
            first = route["text"][0]
            return str(first if isinstance(first, str) else first["bullets"][0])
        return str(danger["instruction"])

    # ---- the level -------------------------------------------------------------------------------
    def _level_from_rules(self) -> tuple[int | None, bool]:
        """The highest level any rule gives, and whether a borderline rule gives that level."""
        if self.empty:
            return None, False
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
    def answer_reason(self, question: str, level: int | None, source: Any) -> Json:
        asked = self.p.questions[question]
        answer = self.s.answers[question]
        return reason(
            question=question,
            answer=answer,
            answer_label=answer_label(asked, answer),
            text=asked["text"],
            level=level,
            source=source if source is not None else asked.get("source"),
        )

    def reasons(self) -> list[Json]:
        """Harm flags first, then the indicators from the highest level down, then fired answers."""
        reasons = list(self.harm_reasons)
        indicators = sorted(
            self.present, key=lambda i: (i not in self.marked, -self.p.indicators[i]["level"])
        )
        for indicator_id in indicators:
            indicator = self.p.indicators[indicator_id]
            domain = self.p.domains.get(indicator["domain"], {})
            reasons.append(
                reason(
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
            self.answer_reason(rule["question"], rule["level"], rule["source"])
            for rule in sorted(self.fired_answers, key=lambda r: -r.get("level", 0))
            if "level" in rule
        )
        return reasons
