"""The decision module gives byte-identical JSON under Pyodide (Node, the npm package) and under CPython.

Every golden scenario of every partnership, plus a few error and clock cases, goes through one Node run of
tests/pyodide_parity.mjs (Pyodide starts once); each reply must equal CPython's `Assessor.assess_json` of
the very same scenario string. `golden_cases`, `run_pyodide` and `assert_same_as_cpython` are shared with
other parity tests (tests/test_declared_levels_pyodide.py).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from navigator.decision import Assessor
from navigator.model.compile import compile_catalogue
from navigator.model.partnership import Partnership
from navigator.model.scenarios import load_scenarios
from navigator.web.bundle import decision_zip
from tests.conftest import REPOSITORY

SCRIPT = REPOSITORY / "tests" / "pyodide_parity.mjs"
GOLDEN_COUNT = 97  # Derby and Derbyshire 40, Stoke and Staffordshire 27, York 30
EXTRA_CASES: list[tuple[str, dict[str, Any]]] = [
    ("extra: unknown partnership", {"partnership": "nowhere"}),
    ("extra: consent not a known choice", {"partnership": "derby-derbyshire", "flags": {"consent": "maybe"}}),
    (
        "extra: the hour BST begins (naive UK time)",
        {
            "partnership": "derby-derbyshire",
            "area": "derby-city",
            "indicators": ["l3-education-misses-school-consistently"],
            "flags": {},
            "now": "2026-03-29T01:30",
        },
    ),
    (
        "extra: the hour BST begins (UTC offset given)",
        {
            "partnership": "derby-derbyshire",
            "area": "derby-city",
            "indicators": ["l3-education-misses-school-consistently"],
            "flags": {},
            "now": "2026-03-29T01:30+00:00",
        },
    ),
]
NOT_JSON = ("extra: not JSON at all", "{not json")
TIMEOUT_SECONDS = 300


def _first_difference(left: str, right: str) -> str:
    """Where two strings first differ, with a little context from each."""
    index = next((i for i, (a, b) in enumerate(zip(left, right, strict=False)) if a != b), None)
    if index is None:
        index = min(len(left), len(right))
    start = max(index - 40, 0)
    return (
        f"first difference at character {index} (lengths {len(left)} and {len(right)}):\n"
        f"  CPython: ...{left[start : index + 40]!r}\n  Pyodide: ...{right[start : index + 40]!r}"
    )


def run_pyodide(tmp_path: Path, catalogue: str, scenarios: list[str]) -> dict[str, Any]:
    """One Node run of tests/pyodide_parity.mjs: Pyodide's Python version and its reply to each scenario."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not on PATH: the Pyodide parity test needs Node 20 (CI has it)")
    zip_path = tmp_path / "decision.zip"
    zip_path.write_bytes(decision_zip())
    catalogue_path = tmp_path / "catalogue.json"
    catalogue_path.write_text(catalogue, encoding="utf-8")
    input_path = tmp_path / "input.json"
    request = {"zip_path": str(zip_path), "catalogue_path": str(catalogue_path), "scenarios": scenarios}
    input_path.write_text(json.dumps(request), encoding="utf-8")
    completed = subprocess.run(
        [node, str(SCRIPT), str(input_path)],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    assert completed.returncode == 0, (
        f"node {SCRIPT.name} exited {completed.returncode}:\n{completed.stderr}{completed.stdout}"
    )
    reply: dict[str, Any] = json.loads(completed.stdout)
    return reply


def golden_cases(partnerships: list[Partnership], assessor: Assessor) -> list[tuple[str, str]]:
    """(name, scenario JSON) for every golden scenario of these partnerships."""
    return [
        (f"{golden.partnership}: {golden.name}", json.dumps(golden.scenario, sort_keys=True))
        for partnership in partnerships
        for golden in load_scenarios(partnership, assessor)
    ]


def assert_same_as_cpython(
    reply: dict[str, Any], cases: list[tuple[str, str]], assessor: Assessor
) -> list[str]:
    """Each Pyodide reply equals CPython's `assess_json` of the same scenario string; the replies."""
    python = reply["python"]
    print(f"Pyodide Python {python.split()[0]}; CPython {sys.version.split()[0]}")
    assert python.startswith("3."), python
    results: list[str] = reply["results"]
    assert len(results) == len(cases)
    for (name, scenario), pyodide in zip(cases, results, strict=True):
        cpython = assessor.assess_json(scenario)
        assert pyodide == cpython, f"{name}\n{_first_difference(cpython, pyodide)}"
    return results


def test_pyodide_gives_the_same_json_as_cpython(
    tmp_path: Path, partnerships: list[Partnership], assessor: Assessor
) -> None:
    cases = golden_cases(partnerships, assessor)
    assert len(cases) == GOLDEN_COUNT
    cases += [(name, json.dumps(scenario, sort_keys=True)) for name, scenario in EXTRA_CASES]
    cases.append(NOT_JSON)

    reply = run_pyodide(tmp_path, json.dumps(compile_catalogue(partnerships)), [text for _, text in cases])

    results = assert_same_as_cpython(reply, cases, assessor)
    outcomes = [json.loads(result)["ok"] for result in results]
    assert outcomes[GOLDEN_COUNT:] == [False, False, True, True, False]
