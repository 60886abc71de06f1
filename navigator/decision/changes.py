"""What would change the suggestion: the counterfactuals shown under a result (our words)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from navigator.decision.level import Finding
from navigator.decision.shapes import answer_label


def would_change(finding: Finding) -> list[str]:
    """Sentences saying which further indicators or answers would suggest a higher level."""
    f = finding
    verb = "would give" if f.unit == "disposal" else "would suggest"
    if f.significant_harm:
        if f.level_by_rules == f.protection_level:
            return []
        without = "no level" if f.level_by_rules is None else f.named(f.level_by_rules)
        return [f"Without suspected significant harm, the rest of the scenario would suggest {without}."]
    changes: list[str] = []
    current = f.level or 0
    for rule in sorted(f.rules.get("levels", []), key=lambda r: r["level"]):
        if rule["level"] <= current:
            continue
        needed = rule["at_least"] - f.counts.get(rule["level"], 0)
        plural = "s" if needed > 1 else ""
        if needed == rule["at_least"]:
            amount = "Any" if needed == 1 else f"{needed} or more"
        else:
            amount = f"{needed} more"
        sentence = (
            f"{amount} {f.unit} {rule['level']} indicator{plural} would suggest {f.named(rule['level'])}."
        )
        if "quote" in rule:
            sentence += f" The document says: “{rule['quote']}”"
        changes.append(sentence)
    for rule in f.rules.get("answers", []):
        if rule in f.fired_answers:
            continue
        level = rule["level"] if "level" in rule else f.p.indicators[rule["indicator"]]["level"]
        if level <= current:
            continue
        needs = [*rule.get("requires", []), rule]
        said = " and ".join(f"“{f.p.questions[c['question']]['text']}”: {_condition(f, c)}" for c in needs)
        changes.append(f"{said} {verb} {f.named(level)}.")
    changes.append(f"Suspected significant harm {verb} {f.named(f.protection_level)}.")
    if f.level is None:
        first = (
            "Nothing is ticked yet: tick what is seen in the scenario. No suggestion is not an all-clear."
            if f.empty and f.unit == "Level"
            else f"No {f.unit} follows from the answers given yet: answer the questions below."
        )
        changes.insert(0, first)
    return changes


def _condition(finding: Finding, condition: Mapping[str, Any]) -> str:
    question = finding.p.questions[condition["question"]]
    if "equals" in condition:
        return answer_label(question, condition["equals"])
    unit = f" {question['unit']}" if question.get("unit") else ""
    low, high = condition.get("minimum"), condition.get("maximum")
    if high is None:
        return f"{low:g} or more{unit}"
    if low is None:
        return f"{high:g} or fewer{unit}"
    return f"{low:g} to {high:g}{unit}"
