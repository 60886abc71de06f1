"""Practice scenarios for a fresh runtime: what the browser's worker assesses, and throws away, while the
reader looks at the first suggestion.

In the browser, Pyodide's WebAssembly is compiled one function at a time, the first time each runs, and
the functions that run often are compiled again, better, in the background. So the first scenarios to
take a path through the decision module are slower than the rest (about 7 ms against 1 ms, `make bench`,
docs/performance.md). Assessing these first, in idle time, means a person's ticks do not pay for it. They
are valid scenarios built from the partnership's own data; nothing is decided from them and their results
are never shown.
"""

from __future__ import annotations

import json
from typing import Any

from navigator.decision.partnership import Prepared
from navigator.decision.scenario import BOOLEAN_FLAGS, CHOICE_FLAGS

# Each scenario twice: the second round is when the most used functions are compiled again.
ROUNDS = 2


def _answer(question: dict[str, Any]) -> Any:
    if question["type"] == "boolean":
        return True
    if question["type"] == "number":
        return question.get("minimum", 0) + 1
    return question["choices"][0]["value"]


def warm_up_scenarios(partnership: Prepared, now: str) -> list[str]:
    """Scenario JSON strings: each area, the first indicators of each level (not read as harm) alone and
    together, one harm indicator, each flag and each question's answer, in turn."""
    marked: list[str] = partnership.rules["significant_harm"].get("indicators", [])
    harm = set(marked)
    first_of_level: dict[int, list[str]] = {}
    for indicator in partnership.indicators.values():
        if indicator["id"] in harm:  # each level's own path; the harm path is practised below
            continue
        first_of_level.setdefault(indicator["level"], [])
        if len(first_of_level[indicator["level"]]) < 2:
            first_of_level[indicator["level"]].append(indicator["id"])
    chosen = [ids for _, ids in sorted(first_of_level.items())]
    chosen += [[indicator] for indicator in marked[:1]]
    flags: list[dict[str, Any]] = [{name: True} for name in BOOLEAN_FLAGS]
    flags += [{name: value} for name, values in CHOICE_FLAGS.items() for value in values]
    answers = [{question["id"]: _answer(question)} for question in partnership.questions.values()]
    everything = [indicator for ids in chosen for indicator in ids]
    variations: list[dict[str, Any]] = [
        {"indicators": []},
        *({"indicators": ids} for ids in chosen),
        {"indicators": everything},
        *({"indicators": everything[:2], "flags": flag} for flag in flags),
        *({"answers": answer} for answer in answers),
        {"answers": {key: value for answer in answers for key, value in answer.items()}},
    ]
    areas: list[str | None] = list(partnership.areas) or [None]
    scenarios = []
    for number, variation in enumerate(variations):
        scenario = {"partnership": partnership.id, "now": now, **variation}
        area = areas[number % len(areas)]
        if area is not None:
            scenario["area"] = area
        scenarios.append(json.dumps(scenario, sort_keys=True))
    return list(dict.fromkeys(scenarios)) * ROUNDS  # a partnership with no indicators repeats some
