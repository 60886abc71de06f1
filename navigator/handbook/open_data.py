"""Open data: each partnership's data as files to download (JSON and CSV), and the page that explains them.

The JSON file is byte for byte what `thresholds export --partnership ID` prints (the same
`export_json`); the CSV tables are in navigator.handbook.open_data_tables and open_data_rules. The files
sit under `<id>/open-data/`, beside the page `<id>/open-data.md` that links to them.
"""

from __future__ import annotations

from collections.abc import Sequence

from navigator.handbook.open_data_rules import RULES, rule_rows
from navigator.handbook.open_data_tables import TABLES, Document, csv_text
from navigator.handbook.render import text
from navigator.model.catalogue import export_json
from navigator.model.partnership import Partnership

FOLDER = "open-data"
ALL_TABLES = {**TABLES, "rules": (RULES, rule_rows)}
HOLDS = {
    "indicators": "one row per indicator",
    "levels": "one row per level of need",
    "contacts": "one row per contact",
    "rules": "one row per entry of the decision rules",
}
METHODS = {
    "indicators": "Levels are suggested from the indicators ticked (method `indicators`).",
    "answers": "Levels (for this document, initial disposals) follow from the answers to the document's "
    "questions (method `answers`).",
}
FORMAT = (
    "UTF-8, comma-separated, with a header row; a value holding a comma, a double quote or a line break is "
    "in double quotes (RFC 4180); lines end in a line feed. Lists are joined with “ &#124; ”; yes and no "
    "are `true` and `false`; a blank is something the data does not give. Every row carries `partnership` "
    "and `version`, and its source (`source_document`, `source_title`, `source_section`), blank only where "
    "the item has no source of its own. Notes (the columns named `note`) are ours, not the source's words."
)
RULES_INTRO = (
    "One row per rule: `rule` names the part of the rules it comes from and `position` its place in that "
    "part's list; each part fills only its own columns. A next step names what it shows (`step`) and, for "
    "a route, guidance section or checklist, its id (`reference`): the text of that route, section or "
    "checklist is in the JSON file. Next steps, the default level and the suspected-crime rule have no "
    "source of their own, nor does a rule in our own words: their source columns are blank. The method is "
    "not a column (it is given here). How the decision module reads the rules: "
    "`docs/adr/002-decision-rules.md` in the project's repository."
)
NOT_IN_CSV = (
    "## Not in the CSV files\n\nAreas, routes, consent, guidance, glossary, front-door processes, "
    "checklists, where sources disagree, each level's steps, threshold table and other wordings, and the "
    "notes on the sources: these are in the JSON file."
)


def file_name(pid: str, table: str | None = None) -> str:
    """`derby-derbyshire.json`, or `derby-derbyshire-indicators.csv` for a table."""
    return f"{pid}-{table}.csv" if table else f"{pid}.json"


def files(partnerships: list[Partnership]) -> dict[str, bytes]:
    """Site path to bytes: each partnership's JSON and its CSV tables (ALL_TABLES), UTF-8."""
    found: dict[str, bytes] = {}
    for partnership in partnerships:
        pid = partnership.id
        found[f"{pid}/{FOLDER}/{file_name(pid)}"] = export_json([partnership]).encode("utf-8")
        for table, (columns, rows) in ALL_TABLES.items():
            content = csv_text(columns, rows(partnership.document))
            found[f"{pid}/{FOLDER}/{file_name(pid, table)}"] = content.encode("utf-8")
    return found


def _link(pid: str, table: str | None = None) -> str:
    name = file_name(pid, table)
    return f'[{text(name)}]({FOLDER}/{name}){{: download="{name}" }}'


def page(document: Document) -> str:
    """The "Open data" page of a partnership: the files, where the data comes from, every CSV column."""
    meta = document["partnership"]
    pid = meta["id"]
    rows = {table: make(document) for table, (_, make) in ALL_TABLES.items()}
    parts = [
        f"# Open data: {text(meta.get('short_title', meta['title']))}",
        f"The data of *{text(meta['title'])}* as files to download, from this version of the document "
        "(every file carries it):",
        "\n".join(
            f"- {label}: {text(meta[key])}"
            for label, key in (
                ("Version", "version"),
                ("Status", "status"),
                ("Published", "published"),
                ("Review date", "review_date"),
            )
        ),
        "## Files",
        _table(
            ("File", "What it holds", "Rows"),
            [(_link(pid), "the whole document, every list and section (the CSV files hold parts)", "")]
            + [(_link(pid, t), HOLDS[t], str(len(found))) for t, found in rows.items()],
        ),
        f"The JSON file is identical, byte for byte, to what `thresholds export --partnership {pid}` prints.",
        "## Where the data comes from",
        f"The data is taken from the document published by {text(meta['publisher'])}, word for word, and "
        "every item names its source (document and section). The sources:",
        "\n".join(
            f"- {text(s['title'])} ({text(s.get('publisher', meta['publisher']))}, {text(s['date'])}"
            f"{', ' + text(s['kind']) if s.get('kind') else ''})"
            for s in meta["sources"]
        ),
        "No licence is recorded with these sources here: ask the publisher about reusing their words.",
        "## The CSV files",
        FORMAT,
    ]
    for table, (columns, _) in ALL_TABLES.items():
        parts.append(f"### {table.capitalize()}\n\nFile: {_link(pid, table)}")
        if table == "indicators" and not rows[table]:
            parts.append("The document has no indicator table: the file holds only its header row.")
        if table == "rules":
            parts.append(f"{METHODS[document['rules']['method']]} {RULES_INTRO}")
        parts.append(_table(("Column", "What it holds"), [(f"`{name}`", what) for name, what in columns]))
    parts.append(NOT_IN_CSV)
    return "\n\n".join(parts)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table of cells that are Markdown already; a bar in a cell is written as an entity."""
    lines = [header, ["---"] * len(header), *rows]
    return "\n".join("| " + " | ".join(c.replace("|", "&#124;") for c in line) + " |" for line in lines)
