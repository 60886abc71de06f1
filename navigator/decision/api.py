"""The JSON-string entry point: what `thresholds assess` and the browser's Web Worker call."""

from __future__ import annotations

import json
from typing import Any

from navigator.decision.engine import assess
from navigator.decision.partnership import Prepared
from navigator.decision.scenario import ScenarioError
from navigator.decision.warm_up import warm_up_scenarios


class Assessor:
    """Prepared once from the compiled catalogue JSON, then called with one scenario JSON string at a time.

    `catalogue` is `{"partnerships": [compiled partnership, ...]}` (navigator.model.compile).
    """

    def __init__(self, catalogue: str | dict[str, Any]) -> None:
        data = json.loads(catalogue) if isinstance(catalogue, str) else catalogue
        self.partnerships = {p["id"]: Prepared.from_compiled(p) for p in data["partnerships"]}

    def assess(self, scenario: dict[str, Any]) -> dict[str, Any]:
        """The assessment dict; ScenarioError for a bad scenario."""
        return assess(self.partnerships, scenario)

    def assess_json(self, scenario_json: str) -> str:
        """`{"ok": true, "assessment": {...}}` or `{"ok": false, "error": {"field", "message"}}`, as JSON."""
        try:
            scenario = parse_scenario(scenario_json)
            reply: dict[str, Any] = {"ok": True, "assessment": self.assess(scenario)}
        except ScenarioError as error:
            reply = {"ok": False, "error": {"field": error.field, "message": error.message}}
        return json.dumps(reply, ensure_ascii=False, sort_keys=True)

    def warm_up_scenarios(self, partnership: str, now: str) -> list[str]:
        """Practice scenarios for a fresh runtime (navigator.decision.warm_up), as JSON strings."""
        return warm_up_scenarios(self.partnerships[partnership], now)

    def versions(self) -> dict[str, str]:
        """Each partnership's thresholds version, so a caller can tell which data it is using."""
        return {pid: str(p.data["version"]) for pid, p in self.partnerships.items()}


def parse_scenario(text: str) -> Any:
    """The scenario JSON; ScenarioError (field `scenario`) when it is not JSON."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        message = f"not valid JSON: {error.msg} at line {error.lineno} column {error.colno}"
        raise ScenarioError("scenario", message) from None
