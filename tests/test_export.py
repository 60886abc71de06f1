"""`thresholds export`: the JSON contract other code relies on."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import THRESHOLDS, Run


def test_export_shape_and_every_derby_indicator(cli: Callable[..., Run]) -> None:
    result = cli("export", str(THRESHOLDS))
    assert result.code == 0, result.err
    exported = json.loads(result.out)
    derby = next(p for p in exported["partnerships"] if p["id"] == "derby-derbyshire")
    for key in (
        "id",
        "title",
        "version",
        "review_date",
        "areas",
        "levels",
        "domains",
        "questions",
        "indicators",
    ):
        assert key in derby
    assert derby["title"] == "Derby City and Derbyshire Threshold Document"
    assert derby["version"] == "1"
    assert derby["review_date"] == "2020-11"
    assert [{"id": a["id"], "name": a["name"]} for a in derby["areas"]] == [
        {"id": "derbyshire", "name": "Derbyshire"},
        {"id": "derby-city", "name": "Derby City"},
    ]
    assert [(level["level"], level["name"]) for level in derby["levels"]] == [
        (1, "Universal"),
        (2, "Emerging Needs"),
        (3, "Intensive"),
        (4, "Specialist"),
    ]
    assert {d["id"] for d in derby["domains"]} >= {"health", "specific-issues"}
    assert isinstance(derby["questions"], list)
    assert len(derby["indicators"]) == 215
    assert len({i["id"] for i in derby["indicators"]}) == 215
    first = derby["indicators"][0]
    assert set(first) >= {"id", "level", "domain", "text", "source"}
    assert first["source"]["document"] == "ddscp-2019"


def test_export_one_partnership(cli: Callable[..., Run]) -> None:
    result = cli("export", "--partnership", "derby-derbyshire", str(THRESHOLDS))
    assert result.code == 0
    assert [p["id"] for p in json.loads(result.out)["partnerships"]] == ["derby-derbyshire"]


def test_export_unknown_partnership(cli: Callable[..., Run]) -> None:
    result = cli("export", "--partnership", "atlantis", str(THRESHOLDS))
    assert result.code == 1
    assert result.out == ""
    assert "--partnership: no partnership with id 'atlantis'" in result.err


def test_export_refuses_invalid_data_and_prints_nothing(cli: Callable[..., Run], minimal: Path) -> None:
    path = minimal / "indicators.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("domain: health", "domain: helth", 1), encoding="utf-8"
    )
    result = cli("export", str(minimal))
    assert result.code == 1
    assert result.out == ""
    assert "indicators[0].domain: unknown domain 'helth'" in result.err


def test_export_lists_all_three_partnerships_and_every_indicator(cli: Callable[..., Run]) -> None:
    exported = json.loads(cli("export", str(THRESHOLDS)).out)
    indicators = {p["id"]: len(p["indicators"]) for p in exported["partnerships"]}
    assert indicators == {"derby-derbyshire": 215, "stoke-staffordshire": 278, "york": 0}
    stoke = next(p for p in exported["partnerships"] if p["id"] == "stoke-staffordshire")
    assert [q["id"] for q in stoke["questions"]] == ["missing-from-home"]
    assert {"id", "text", "type"} <= set(stoke["questions"][0])
    york = next(p for p in exported["partnerships"] if p["id"] == "york")
    assert [level["level"] for level in york["levels"]] == [1, 2, 3, 4]
