"""The pure decision core: a compiled partnership and a scenario in, an assessment out.

Standard library only, no I/O, no clock (the caller passes `now`), no yaml, no js: the same source runs
under CPython (tests, `thresholds assess`) and Pyodide (the in-browser navigator). See
docs/adr/002-decision-rules.md.
"""

from navigator.decision.api import Assessor
from navigator.decision.engine import assess
from navigator.decision.scenario import ScenarioError

__all__ = ["Assessor", "ScenarioError", "assess"]
