"""Open data: the built site's JSON is `thresholds export` byte for byte; the CSV tables hold one row per
indicator, level, contact and rule, word for word, each with its version and source; the page links them."""

from __future__ import annotations

import csv
import io
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from navigator.handbook import open_data
from navigator.handbook.open_data_tables import INDICATORS, csv_text, indicator_rows
from navigator.model.partnership import Partnership
from tests.conftest import REPOSITORY, THRESHOLDS, Run

PARTNERSHIPS = ("derby-derbyshire", "stoke-staffordshire", "york")
TABLES = ("indicators", "levels", "contacts", "rules")
SOURCE = ["source_document", "source_title", "source_section"]
HEADERS = {
    "indicators": [
        "partnership",
        "version",
        "id",
        "level",
        "level_name",
        "domain_id",
        "domain_name",
        "domain_group",
        "subheading",
        "text",
        "question",
        "placement",
        "note",
        *SOURCE,
    ],
    "levels": [
        "partnership",
        "version",
        "level",
        "kind",
        "name",
        "title",
        "summary",
        "description",
        "note",
        *SOURCE,
        "description_source_title",
        "description_source_section",
    ],
}
# Counted by hand in each folder's YAML (and in tests/test_export.py for the indicators).
COUNTS = {
    "derby-derbyshire": {"indicators": 215, "levels": 4, "contacts": 7},
    "stoke-staffordshire": {"indicators": 278, "levels": 4, "contacts": 6},
    "york": {"indicators": 0, "levels": 4, "contacts": 3},
}


def _yaml(pid: str, name: str) -> dict[str, Any]:
    """A partnership's YAML file read on its own, without the project's loader."""
    path = THRESHOLDS / pid / f"{name}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _table(built_site: Path, pid: str, table: str) -> tuple[bytes, list[dict[str, str]]]:
    data = (built_site / pid / "open-data" / f"{pid}-{table}.csv").read_bytes()
    return data, list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


@pytest.mark.parametrize("pid", PARTNERSHIPS)
def test_the_json_download_is_what_thresholds_export_prints(
    built_site: Path, cli: Callable[..., Run], pid: str
) -> None:
    result = cli("export", "--partnership", pid, str(THRESHOLDS))
    assert result.code == 0, result.err
    assert (built_site / pid / "open-data" / f"{pid}.json").read_bytes() == result.out.encode("utf-8")


def test_the_json_download_is_the_console_scripts_stdout_byte_for_byte(built_site: Path) -> None:
    printed = subprocess.run(
        [str(REPOSITORY / ".venv" / "bin" / "thresholds"), "export", "--partnership", "york"],
        cwd=REPOSITORY,
        capture_output=True,
        check=True,
    ).stdout
    assert (built_site / "york" / "open-data" / "york.json").read_bytes() == printed


@pytest.mark.parametrize("pid", PARTNERSHIPS)
def test_every_table_has_its_header_one_row_per_item_and_line_feeds(built_site: Path, pid: str) -> None:
    indicators = _yaml(pid, "indicators").get("indicators", [])
    expected = {
        "indicators": [i["id"] for i in indicators],
        "levels": [str(level["level"]) for level in _yaml(pid, "levels")["levels"]],
        "contacts": [c["id"] for c in _yaml(pid, "contacts")["contacts"]],
    }
    for table in TABLES:
        data, rows = _table(built_site, pid, table)
        assert b"\r\n" not in data
        assert data.endswith(b"\n")
        header = data.decode("utf-8").split("\n", 1)[0].split(",")
        assert header[:2] == ["partnership", "version"]
        assert set(SOURCE) <= set(header)
        if table in HEADERS:
            assert header == HEADERS[table]
        if table in expected:
            key = "level" if table == "levels" else "id"
            assert [row[key] for row in rows] == expected[table]
            assert len(rows) == COUNTS[pid][table]


@pytest.mark.parametrize("pid", PARTNERSHIPS)
def test_every_row_carries_the_version_and_its_source(built_site: Path, pid: str) -> None:
    meta = _yaml(pid, "partnership")["partnership"]
    titles = {source["id"]: source["title"] for source in meta["sources"]}
    for table in TABLES:
        for row in _table(built_site, pid, table)[1]:
            assert (row["partnership"], row["version"]) == (pid, str(meta["version"]))
            if table != "rules":  # every indicator, level and contact cites its source
                assert row["source_section"], (table, row)
            if row["source_document"]:
                assert row["source_title"] == titles[row["source_document"]]


def test_indicators_word_for_word(built_site: Path) -> None:
    derby = {row["id"]: row for row in _table(built_site, "derby-derbyshire", "indicators")[1]}
    immunisations = derby["l2-health-missing-immunisations-checks"]
    assert immunisations["text"] == "Missing immunisations/checks"
    assert (immunisations["level"], immunisations["level_name"]) == ("2", "Emerging Needs")
    assert (immunisations["domain_id"], immunisations["domain_name"]) == ("health", "Health")
    assert immunisations["source_title"] == "Derby City and Derbyshire Threshold Document"
    assert immunisations["source_section"] == "Appendix 3: Level 2 – Emerging Needs, Health"
    stoke = {row["id"]: row for row in _table(built_site, "stoke-staffordshire", "indicators")[1]}
    missing = stoke["l3-emotional-incidents-of-missing-form-home-less"]
    assert missing["text"] == "Incidents of missing form home (less than 3 incidents in 90 days)"
    assert (missing["subheading"], missing["question"]) == ("Behavioural Development", "missing-from-home")
    assert missing["domain_group"] == "Child’s Developmental Needs"
    assert stoke["l3-history-community-are-hostile-to-family"]["placement"] == "doubtful"
    assert sum(1 for row in stoke.values() if row["placement"] == "doubtful") == 19


def test_levels_contacts_and_hours_as_the_data_holds_them(built_site: Path) -> None:
    levels = _table(built_site, "stoke-staffordshire", "levels")[1]
    assert [row["name"] for row in levels] == [
        "Universal",
        "Universal Plus / Earliest Help",
        "Targeted Early Help",
        "Statutory / Specialist",
    ]
    assert levels[2]["title"] == "LEVEL 3: Targeted Early Help"
    assert [row["kind"] for row in levels] == ["universal", "early-help", "targeted", "child-protection"]
    contacts = {row["id"]: row for row in _table(built_site, "derby-derbyshire", "contacts")[1]}
    advice = contacts["starting-point-advice-line"]
    assert (advice["phone"], advice["area_name"], advice["urgent"]) == ("01629 535353", "Derbyshire", "false")
    assert advice["hours"] == "9am to 5pm Monday to Friday"
    assert advice["hours_weekly"] == "mon,tue,wed,thu,fri 09:00-17:00"
    assert advice["bank_holidays"] == "not stated"
    assert (
        contacts["derby-city-consultation-line"]["hours_weekly"] == "10:00-13:00"
    )  # the days are not stated
    assert contacts["call-derbyshire"]["audience"] == "professionals | public"
    assert (contacts["call-derbyshire"]["urgent"], contacts["call-derbyshire"]["hours"]) == ("true", "")


def test_rules_one_row_per_entry(built_site: Path) -> None:
    derby = _table(built_site, "derby-derbyshire", "rules")[1]
    rules = _yaml("derby-derbyshire", "rules")["rules"]
    for part in ("levels", "next_steps", "flag_notes"):
        assert sum(1 for row in derby if row["rule"] == part) == len(rules[part])
    reviewed = {row["indicator"]: row for row in derby if row["rule"] == "significant_harm_review"}
    assert len(reviewed) == 84  # every significant-harm decision, with its reason
    abuse = reviewed["l4-health-sexual-abuse-or-risk-of-sexual"]
    assert (abuse["harm"], abuse["position"]) == ("true", str(list(reviewed).index(abuse["indicator"]) + 1))
    assert reviewed["l4-emotional-child-young-person-has-experienced-a"]["harm"] == "false"
    assert reviewed["l4-emotional-child-young-person-has-experienced-a"]["note"]
    (harm,) = (row for row in derby if row["rule"] == "significant_harm")
    assert "l4-health-sexual-abuse-or-risk-of-sexual" in harm["indicators"].split(" | ")
    level_3 = next(row for row in derby if row["rule"] == "levels" and row["level"] == "3")
    assert (level_3["at_least"], level_3["otherwise_level"], level_3["otherwise_borderline"]) == (
        "2",
        "2",
        "true",
    )
    assert level_3["text"] == (
        "A number of these indicators would need to be present to indicate need at a level 3 criteria."
    )
    assert level_3["source_section"] == "Appendix 3: Level 3 – Intensive"
    steps = [
        (row["when_levels"], row["step"], row["reference"]) for row in derby if row["rule"] == "next_steps"
    ]
    assert steps == [
        ("1 | 2 | 3 | 4", "level_steps", ""),
        ("3 | 4", "route", "derbyshire-referral"),
        ("3 | 4", "route", "derby-city-referral"),
    ]
    for row in derby:  # every rule that cites the source says so; next steps and the default level cite none
        cited = row["rule"] not in ("next_steps", "default_level")
        assert bool(row["source_section"]) == cited, row
    york = _table(built_site, "york", "rules")[1]
    moderate = next(row for row in york if row["rule"] == "answers" and row["equals"] == "moderate")
    assert (moderate["question"], moderate["requires"], moderate["level"]) == (
        "level-of-need",
        "appears-vulnerable=true",
        "2",
    )
    danger = next(row for row in york if row["rule"] == "immediate_danger")
    assert (danger["phone"], danger["source_section"]) == ("999", "")  # our words: no source


def test_york_has_an_indicator_table_with_only_its_header(built_site: Path) -> None:
    data, rows = _table(built_site, "york", "indicators")
    assert rows == []
    assert data.decode("utf-8") == ",".join(HEADERS["indicators"]) + "\n"


@pytest.mark.parametrize("pid", PARTNERSHIPS)
def test_the_page_links_every_file_and_names_the_export(built_site: Path, pid: str) -> None:
    page = built_site / pid / "open-data" / "index.html"
    html = page.read_text(encoding="utf-8")
    links = set(re.findall(r'href="([^"#]+\.(?:json|csv))"', html))
    assert links == {f"{pid}.json", *(f"{pid}-{table}.csv" for table in TABLES)}
    for link in links:
        assert (page.parent / link).is_file(), link
    assert f"thresholds export --partnership {pid}" in html
    assert html.index("Urgent: if a child is in danger") < html.index("Open data: ")
    assert 'class="print-stamp"' in html
    overview = (built_site / pid / "index.html").read_text(encoding="utf-8")
    assert "Open data (JSON, CSV)" in overview
    if pid == "york":
        assert "The document has no indicator table: the file holds only its header row." in html


def test_files_are_the_same_for_the_same_partnerships(partnerships: list[Partnership]) -> None:
    files = open_data.files(partnerships)
    assert sorted(files) == sorted(
        f"{pid}/open-data/{name}"
        for pid in PARTNERSHIPS
        for name in (f"{pid}.json", *(f"{pid}-{table}.csv" for table in TABLES))
    )
    assert files == open_data.files(partnerships)


def test_the_csv_writer_quotes_commas_quotes_and_line_breaks() -> None:
    document: dict[str, Any] = {
        "partnership": {
            "id": "tiny",
            "version": "2",
            "sources": [{"id": "doc", "title": 'The "Tiny" document'}],
        },
        "levels": [{"level": 1, "name": "One"}],
        "domains": [{"id": "home", "name": "Home, family"}],
        "indicators": [
            {
                "id": "a",
                "level": 1,
                "domain": "home",
                "text": 'Says "no", then\nleaves',
                "source": {"document": "doc", "section": "1, first"},
            },
            {"id": "b", "level": 1, "domain": "home", "text": "Carriage\rreturn", "source": None},
        ],
    }
    written = csv_text(INDICATORS, indicator_rows(document))
    assert written.splitlines()[0] == ",".join(HEADERS["indicators"])
    assert written.split("\n", 1)[1] == (
        'tiny,2,a,1,One,home,"Home, family",,,"Says ""no"", then\nleaves",,certain,,doc,'
        '"The ""Tiny"" document","1, first"\n'
        '"tiny","2","b","1","One","home","Home, family","","","Carriage\rreturn","","certain","","","",""\n'
    )
    rows = list(csv.DictReader(io.StringIO(written, newline="")))
    assert [row["text"] for row in rows] == ['Says "no", then\nleaves', "Carriage\rreturn"]
    assert rows[0]["domain_name"] == "Home, family"
    assert rows[0]["source_title"] == 'The "Tiny" document'
