"""A round trip: the Derby and Derbyshire Appendix 3 indicators, written from our YAML into a Word table
(levels as columns, then as rows), imported back: the same 215 indicators, word for word, at the same
level and domain, and levels of the same kinds; the draft validates."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import THRESHOLDS, Run
from tests.fixtures.import_documents import Content, imported, write_docx

DERBY = THRESHOLDS / "derby-derbyshire"


def derby() -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Derby's levels, domains and indicators, read straight from the YAML."""
    levels = yaml.safe_load((DERBY / "levels.yaml").read_text(encoding="utf-8"))["levels"]
    indicators = yaml.safe_load((DERBY / "indicators.yaml").read_text(encoding="utf-8"))
    return levels, indicators["domains"], indicators["indicators"]


def appendix_3(levels_as: str) -> list[list[Content]]:
    """The indicators table: a header of level titles, a row per domain, a list item per indicator."""
    levels, domains, indicators = derby()

    def cell(domain: dict[str, Any], level: dict[str, Any]) -> Content:
        return [i["text"] for i in indicators if i["domain"] == domain["id"] and i["level"] == level["level"]]

    if levels_as == "columns":
        head: list[Content] = ["Domain", *(level["title"] for level in levels)]
        return [head, *([domain["name"], *(cell(domain, level) for level in levels)] for domain in domains)]
    head = ["Level", *(domain["name"] for domain in domains)]
    return [head, *([level["title"], *(cell(domain, level) for domain in domains)] for level in levels)]


@pytest.mark.parametrize("levels_as", ["columns", "rows"])
def test_the_215_indicators_come_back_word_for_word(
    cli: Callable[..., Run], tmp_path: Path, levels_as: str
) -> None:
    levels, domains, indicators = derby()
    assert len(indicators) == 215
    source = write_docx(tmp_path / "Derby Appendix 3.docx", appendix_3(levels_as))
    result = cli("import", str(source), "--id", "derby-round-trip", "--into", str(tmp_path))
    assert result.code == 0, result.err
    assert "found 4 levels, 9 domains, 215 indicators" in result.out
    titles = {level["level"]: level["title"] for level in levels}
    names = {domain["id"]: domain["name"] for domain in domains}
    expected = Counter((titles[i["level"]], names[i["domain"]], i["text"]) for i in indicators)
    folder = tmp_path / "derby-round-trip"
    assert imported(folder) == expected
    draft_levels = yaml.safe_load((folder / "levels.yaml").read_text(encoding="utf-8"))["levels"]
    assert [(level["level"], level["kind"]) for level in draft_levels] == [
        (level["level"], level["kind"]) for level in levels
    ]
    # Specific issues are listed at Level 4 only: its three other cells are empty, and said to be.
    assert result.err.count("warning: empty cell: no indicators for 'Specific issues'") == 3
    validated = cli("validate", str(folder))
    assert validated.code == 0, validated.err
    assert validated.out.startswith("valid: derby-round-trip (215 indicators, 6 golden scenarios)")
