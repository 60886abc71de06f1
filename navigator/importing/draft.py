"""Write an imported draft folder the way `thresholds new` writes one, with the document's own findings.

The same templates, level blocks (navigator.model.scaffold_yaml), checks and all-or-nothing write (a
temporary folder beside the target, validated with its golden scenarios, then renamed; an existing folder
is never touched). In place of the placeholder domain and indicators go the document's, word for word
with their table, row and column; the level titles are the headers as written; the document gets its
entry in partnership.sources and each finding a placeholder note, so `--strict` waits for a person.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from navigator.importing import draft_yaml
from navigator.importing.draft_yaml import DraftDomain, DraftIndicator
from navigator.importing.merging import Reading
from navigator.importing.table import DocumentError
from navigator.model.scaffold import (
    FILES,
    MARKER,
    TEMPLATES,
    check_id,
    prepare_target,
    schema_link,
    write_folder,
)
from navigator.model.scaffold_levels import Level, plan_levels
from navigator.model.scaffold_yaml import WORDS, level_values, placeholder
from navigator.model.schema import SCENARIOS_SCHEMA_PATH, SCHEMA_PATH

TEMPLATE_DOMAINS = re.compile(r"^domains:\n(?:  .*\n)+", re.MULTILINE)


@dataclass(frozen=True)
class Draft:
    """What was written: the folder, its levels (with kinds), and how many domains and indicators."""

    folder: Path
    levels: tuple[Level, ...]
    domains: int
    indicators: int


def plan(reading: Reading, source: Path) -> tuple[Level, ...]:
    """The draft's levels from the headers' names, kinds read as `new --levels` reads them."""
    try:
        return plan_levels([level.name for level in reading.levels])
    except ValueError as error:
        titles = ", ".join(repr(level.title) for level in reading.levels)
        reason = str(error).removeprefix("--levels: ")
        raise DocumentError(
            f"{source.name}: the level headers ({titles}) cannot be levels: {reason}"
        ) from None


def identify(reading: Reading) -> tuple[list[DraftDomain], list[DraftIndicator]]:
    """Ids for the domains (from their names) and indicators (level, domain, first words), all unique."""
    used: set[str] = set()
    domains, ids = [], {}
    for number, domain in enumerate(reading.domains, start=1):
        if domain.name is None:
            said = f"the heading of the domain at {domain.where} (the document gives none)"
            made = DraftDomain(draft_yaml.unique(f"placeholder-domain-{number}", used), None, said)
        else:
            base = draft_yaml.slug(domain.name, most=6) or "domain"
            base = f"domain-{base}" if base.startswith("placeholder") else base
            spellings = tuple(reading.headings.get(domain.key, []))
            made = DraftDomain(draft_yaml.unique(base, used), domain.name, spellings=spellings)
        ids[domain.key] = made.id
        domains.append(made)
    indicators = []
    for item in reading.indicators:
        level, domain_id = reading.level_number(item.level), ids[item.domain.key]
        words = draft_yaml.slug(item.text) or "indicator"
        heading = item.domain.name if item.domain.name is not None else item.domain.where
        section = f"table {item.table}, row {item.row}, column {item.column}: {item.level.title}, {heading}"
        made_id = draft_yaml.unique(f"l{level}-{domain_id}-{words}", used)
        indicators.append(DraftIndicator(made_id, level, domain_id, item.text, section, item.note))
    return domains, indicators


def write_draft(
    partnership_id: str,
    into: Path,
    source: Path,
    reading: Reading,
    *,
    create_into: bool = False,
    today: dt.date | None = None,
) -> Draft:
    """Write into/<partnership_id>/ from the reading; DocumentError, ValueError or DataError before or
    instead of writing anything (create_into makes a missing `into`, removed again on failure)."""
    check_id(partnership_id)
    levels = plan(reading, source)
    domains, indicators = identify(reading)
    target, created = prepare_target(partnership_id, into, "import", create_into)
    today = today or dt.date.today()
    texts = _texts(
        target, source, reading, levels=levels, domains=domains, indicators=indicators, month=f"{today:%Y-%m}"
    )
    write_folder(target, texts, today, created=created, suffix="import")
    return Draft(target, levels, len(domains), len(indicators))


def _texts(
    target: Path,
    source: Path,
    reading: Reading,
    *,
    levels: tuple[Level, ...],
    domains: list[DraftDomain],
    indicators: list[DraftIndicator],
    month: str,
) -> dict[str, str]:
    """Each file's text: the `new` templates filled in, then the document's parts put in their places."""
    document = draft_yaml.slug(source.stem) or "imported-document"
    document = "imported-document" if document.startswith("placeholder") else document
    scenarios, count = draft_yaml.scenarios_block(indicators, levels)
    values = {
        "partnership_id": target.name,
        "month": month,
        "partnership_schema": schema_link(target, SCHEMA_PATH),
        "scenarios_schema": schema_link(target, SCENARIOS_SCHEMA_PATH),
        **level_values(levels),
        "indicators": draft_yaml.indicators_block(indicators, document),
        "review": draft_yaml.review_block(indicators, levels),
        "scenarios": scenarios,
        "scenario_count_in_words": WORDS[count] if count < len(WORDS) else str(count),
    }
    texts = {
        name: MARKER.sub(lambda found: values[found[1]], (TEMPLATES / name).read_text(encoding="utf-8"))
        for name in FILES
    }
    texts = {name: text.replace("`thresholds new`", "`thresholds import`") for name, text in texts.items()}
    texts["indicators.yaml"], replaced = TEMPLATE_DOMAINS.subn(
        lambda _: draft_yaml.domains_block(domains) + "\n", texts["indicators.yaml"], count=1
    )
    if replaced != 1:
        raise RuntimeError(
            f"the `thresholds new` indicators template has no domains block: update {__name__}"
        )
    for level, header in zip(levels, reading.levels, strict=True):
        old = "    title: " + placeholder(f"level {level.number}'s heading in the source")
        texts["levels.yaml"] = _once(texts["levels.yaml"], old, "    title: " + draft_yaml.text(header.title))
    kind = "web page" if source.suffix.lower() in (".html", ".htm") else "threshold document"
    entry = draft_yaml.source_entry(document, source.name, kind, month)
    texts["partnership.yaml"] = _once(texts["partnership.yaml"], "  sources:\n", f"  sources:\n{entry}\n")
    notes = draft_yaml.note_lines([finding.said(source) for finding in reading.findings])
    texts["partnership.yaml"] = _once(texts["partnership.yaml"], "  notes:\n", f"  notes:\n{notes}")
    return texts


def _once(text: str, old: str, new: str) -> str:
    """text with old, which must stand exactly once (else the templates changed under this module)."""
    if text.count(old) != 1:
        raise RuntimeError(f"the `thresholds new` templates no longer hold {old!r} once: update {__name__}")
    return text.replace(old, new)
