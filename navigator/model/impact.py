"""Which golden scenarios land differently under a revised version: `thresholds impact OLD NEW`.

Every golden scenario of both versions (each version's scenarios.yaml) runs under both; a scenario is
listed when its suggested level, borderline flag, urgent route (the urgent phone numbers, in order) or
the phone numbers of its contacts differ, or when one version cannot assess it (an indicator it ticks no
longer exists there, say). The same four things the golden scenarios' `expect` pins down.

Levels are compared as `thresholds diff` pairs them (navigator/model/diff_levels.py), not by number: a
scenario at Level 3 under OLD that lands at Level 2 under NEW, where OLD's Level 3 became NEW's Level 2
(renumbered or merged), lands where its level went and is not a difference; it is listed apart, with its
level named on both sides ("Level 3 Intensive (targeted) → Level 2 Family Help (family-help)"). JSON:
each changed scenario also has `levels` ({old, new}: level, kind, name, title; null for no level), and
`followed` lists those that land only where their level went.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from navigator.decision import Assessor, ScenarioError
from navigator.model.compile import compile_catalogue
from navigator.model.diff_items import indicator_pairs
from navigator.model.diff_levels import LevelChanges, compare_levels
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
WHERE_ITS_LEVEL_WENT = "where its level went"


@dataclass
class Impact:
    old: dict[str, str]
    new: dict[str, str]
    scenarios: int = 0
    changed: list[dict[str, Any]] = field(default_factory=list)
    followed: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "old": self.old,
            "new": self.new,
            "scenarios": self.scenarios,
            "changed": self.changed,
            "followed": self.followed,
        }

    def text(self) -> str:
        head = (
            f"{self.old['partnership']} version {self.old['version']} → {self.new['partnership']} version "
            f"{self.new['version']}: {self.scenarios} golden scenario(s) run under both; "
            f"{len(self.changed)} land differently"
        )
        if self.followed:
            head += f"; {len(self.followed)} land where their level went"
        lines = [head]
        for entry in self.changed:
            lines.append(f'  "{entry["name"]}" ({entry["from"]})')
            levels = entry["levels"]
            followed = not {"level", "assessable"} & set(entry["differences"])
            if followed and levels["old"] != levels["new"]:
                lines.append(f"      level ({WHERE_ITS_LEVEL_WENT}): {_moved(levels)}")
            for name in entry["differences"]:
                if name == "level":
                    lines.append(f"      level: {_moved(levels)}")
                    continue
                before, after = _shown(entry["old"], name), _shown(entry["new"], name)
                lines.append(f"      {TITLES.get(name, name)}: {before} → {after}")
        if not self.changed:
            lines.append("  No golden scenario lands differently.")
        if self.followed:
            lines.append("  Land where their level went (the levels changed), otherwise the same:")
        for moved in dict.fromkeys(_moved(entry["levels"]) for entry in self.followed):
            lines.append(f"    {moved}:")
            lines += [
                f'      "{entry["name"]}" ({entry["from"]})'
                for entry in self.followed
                if _moved(entry["levels"]) == moved
            ]
        return "\n".join(lines) + "\n"


def _moved(levels: dict[str, Any]) -> str:
    return f"{_level(levels['old'])} → {_level(levels['new'])}"


def _level(level: dict[str, Any] | None) -> str:
    if level is None:
        return "no level"
    return (
        f"Level {level['level']}"
        + (f" {level['name']}" if level.get("name") else "")
        + (f" ({level['kind']})" if level.get("kind") else "")
    )


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
    a, b = old.document, new.document
    levels = compare_levels(a, b, indicator_pairs(a.get("indicators", []), b.get("indicators", [])))
    goldens: list[tuple[Golden, str]] = [(g, "old") for g in load_scenarios(old, old_assessor)]
    known = {(g.name, _input(g)) for g, _ in goldens}
    goldens += [(g, "new") for g in load_scenarios(new, new_assessor) if (g.name, _input(g)) not in known]
    result = Impact(old_side, new_side, scenarios=len(goldens))
    for golden, origin in goldens:
        scenario = {key: value for key, value in golden.scenario.items() if key != "partnership"}
        before = outcome(old_assessor, {**scenario, "partnership": old.id})
        after = outcome(new_assessor, {**scenario, "partnership": new.id})
        found: dict[str, Any] = {
            "name": golden.name,
            "from": f"a golden scenario of the {origin} version",
            "scenario": scenario,
            "differences": _differences(before, after, levels),
            "old": before,
            "new": after,
            "levels": _levels(before, after, levels),
        }
        if found["differences"]:
            result.changed.append(found)
        elif found["levels"]["old"] != found["levels"]["new"]:
            result.followed.append({key: found[key] for key in ("name", "from", "scenario", "levels")})
    return result


def _differences(before: dict[str, Any], after: dict[str, Any], levels: LevelChanges) -> list[str]:
    """What a scenario pins down that differs; a level is the same when it is where the old one went."""
    if "error" in before or "error" in after:
        return ["assessable"] if ("error" in before) != ("error" in after) else []
    return [
        name
        for name in COMPARED
        if (
            not levels.same_level(before[name], after[name])
            if name == "level"
            else before[name] != after[name]
        )
    ]


def _levels(before: dict[str, Any], after: dict[str, Any], levels: LevelChanges) -> dict[str, Any]:
    """The level on each side with its kind, name and title (None for no level, or none assessed)."""
    old, new = levels.old_ref(before.get("level")), levels.new_ref(after.get("level"))
    return {
        "old": old.as_json() if old else _bare(before.get("level")),
        "new": new.as_json() if new else _bare(after.get("level")),
    }


def _bare(level: int | None) -> dict[str, Any] | None:
    return None if level is None else {"level": level}


def _input(golden: Golden) -> str:
    return json.dumps({k: v for k, v in golden.scenario.items() if k != "partnership"}, sort_keys=True)
