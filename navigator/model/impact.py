"""Which golden scenarios land differently under a revised version: `thresholds impact OLD NEW`.

Every golden scenario of both versions (each version's scenarios.yaml) runs under both; a scenario is
listed when its suggested level, borderline flag, urgent route (the urgent phone numbers, in order) or
the phone numbers of its contacts differ, or when one version cannot assess it (an indicator it ticks no
longer exists there, say). The same four things the golden scenarios' `expect` pins down.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from navigator.decision import Assessor, ScenarioError
from navigator.model.compile import compile_catalogue
from navigator.model.partnership import Partnership
from navigator.model.scenarios import Golden, load_scenarios

COMPARED = ("level", "borderline", "urgent", "phones")
TITLES = {
    "assessable": "assessed",
    "level": "level",
    "borderline": "borderline",
    "urgent": "urgent route",
    "phones": "phone numbers",
}


@dataclass
class Impact:
    old: dict[str, str]
    new: dict[str, str]
    scenarios: int = 0
    changed: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"old": self.old, "new": self.new, "scenarios": self.scenarios, "changed": self.changed}

    def text(self) -> str:
        head = (
            f"{self.old['partnership']} version {self.old['version']} → {self.new['partnership']} version "
            f"{self.new['version']}: {self.scenarios} golden scenario(s) run under both; "
            f"{len(self.changed)} land differently"
        )
        lines = [head]
        for entry in self.changed:
            lines.append(f'  "{entry["name"]}" ({entry["from"]})')
            for name in entry["differences"]:
                before, after = _shown(entry["old"], name), _shown(entry["new"], name)
                lines.append(f"      {TITLES.get(name, name)}: {before} → {after}")
        if not self.changed:
            lines.append("  No golden scenario lands differently.")
        return "\n".join(lines) + "\n"


def _shown(outcome: dict[str, Any], name: str) -> str:
    if name == "assessable":
        return f"cannot be assessed ({outcome['error']})" if "error" in outcome else "assessed"
    value = outcome[name]
    if isinstance(value, list):
        return ", ".join(value) if value else "none"
    return str(value).lower() if isinstance(value, bool) else str(value)


def outcome(assessor: Assessor, scenario: dict[str, Any]) -> dict[str, Any]:
    """What a golden scenario pins down: level, borderline, urgent phones in order, contact phones."""
    try:
        result = assessor.assess(scenario)
    except ScenarioError as error:
        return {"error": str(error)}
    return {
        "level": result["level"],
        "borderline": result["borderline"],
        "urgent": [entry["phone"] for entry in result["urgent"] if entry["phone"]],
        "phones": sorted({contact["phone"] for contact in result["contacts"] if contact["phone"]}),
    }


def impact(old: Partnership, new: Partnership, old_side: dict[str, str], new_side: dict[str, str]) -> Impact:
    old_assessor, new_assessor = Assessor(compile_catalogue([old])), Assessor(compile_catalogue([new]))
    goldens: list[tuple[Golden, str]] = [(g, "old") for g in load_scenarios(old, old_assessor)]
    known = {(g.name, _input(g)) for g, _ in goldens}
    goldens += [(g, "new") for g in load_scenarios(new, new_assessor) if (g.name, _input(g)) not in known]
    result = Impact(old_side, new_side, scenarios=len(goldens))
    for golden, origin in goldens:
        scenario = {key: value for key, value in golden.scenario.items() if key != "partnership"}
        before = outcome(old_assessor, {**scenario, "partnership": old.id})
        after = outcome(new_assessor, {**scenario, "partnership": new.id})
        if "error" in before or "error" in after:
            differences = ["assessable"] if ("error" in before) != ("error" in after) else []
        else:
            differences = [name for name in COMPARED if before[name] != after[name]]
        if differences:
            result.changed.append(
                {
                    "name": golden.name,
                    "from": f"a golden scenario of the {origin} version",
                    "scenario": scenario,
                    "differences": differences,
                    "old": before,
                    "new": after,
                }
            )
    return result


def _input(golden: Golden) -> str:
    return json.dumps({k: v for k, v in golden.scenario.items() if k != "partnership"}, sort_keys=True)
