"""The three- and five-level test fixtures' golden scenarios give byte-identical JSON under Pyodide (Node) and
CPython: declared levels take no path through the decision module that only CPython has run.

One Node run of tests/pyodide_parity.mjs, with the helpers of tests/test_pyodide_parity.py.
"""

from __future__ import annotations

import json
from pathlib import Path

from navigator.model.compile import compile_catalogue
from tests.declared_levels import ALL, ASSESSOR, PARTNERSHIPS
from tests.test_pyodide_parity import assert_same_as_cpython, golden_cases, run_pyodide


def test_pyodide_gives_the_same_json_as_cpython_for_declared_levels(tmp_path: Path) -> None:
    partnerships = list(PARTNERSHIPS.values())
    cases = golden_cases(partnerships, ASSESSOR)
    assert len(cases) == sum(fixture.goldens for fixture in ALL)

    reply = run_pyodide(tmp_path, json.dumps(compile_catalogue(partnerships)), [text for _, text in cases])

    results = assert_same_as_cpython(reply, cases, ASSESSOR)
    levels = {json.loads(result)["assessment"]["level"] for result in results}
    assert levels == {None, 1, 2, 3, 4, 5}
