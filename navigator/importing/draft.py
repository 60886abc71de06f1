"""Write an imported draft folder the way `thresholds new` writes one, with the document's own findings.

The same templates, level blocks (navigator.model.scaffold_yaml), checks and all-or-nothing write (a
temporary folder beside the target, validated with its golden scenarios, then renamed; an existing folder
is never touched). In place of the placeholder domain and indicators go the document's, word for word
with their table, row and column; the level titles are the headers as written; the document gets its
entry in partnership.sources and each finding a placeholder note, so `--strict` waits for a person.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from navigator.decision import Assessor
from navigator.importing import draft_yaml
from navigator.importing.draft_yaml import DraftDomain, DraftIndicator
from navigator.importing.merging import Reading
from navigator.importing.table import DocumentError
from navigator.model.compile import compile_catalogue
from navigator.model.partnership import load_partnership
from navigator.model.placeholders import ID_MARKER
from navigator.model.problems import DataError, Position, Problem
from navigator.model.scaffold import FILES, MARKER, TEMPLATES, id_pattern, schema_link
from navigator.model.scaffold_levels import Level, plan_levels
from navigator.model.scaffold_yaml import WORDS, level_values, placeholder
from navigator.model.scenarios import load_scenarios
from navigator.model.schema import SCENARIOS_SCHEMA_PATH, SCHEMA_PATH

TEMPLATE_DOMAINS = re.compile(r"^domains:\n(?:  .*\n)+", re.MULTILINE)


@dataclass(frozen=True)
class Draft:
    """What was written: the folder, its levels (with kinds), and how many domains and indicators."""

    folder: Path
    levels: tuple[Level, ...]
    domains: int
    indicators: int


def check_id(partnership_id: str) -> None:
    """ValueError (a sentence) for an id `thresholds new` would refuse."""
    if not id_pattern().fullmatch(partnership_id):
        raise ValueError(
            f"{partnership_id!r} is not a valid partnership id: use lower-case words joined by hyphens, "
            "e.g. 'north-town'"
        )
    if partnership_id.startswith(ID_MARKER):
        raise ValueError(f"{partnership_id!r} starts with {ID_MARKER!r}, the mark of a placeholder")


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
    target = into / partnership_id
    created = create_into and not into.exists() and not into.is_symlink()
    if created:
        _make_folder(into)
    if not into.is_dir():
        raise DataError([Problem(Position(into, 1, 1), "", "no such folder")])
    if target.exists() or target.is_symlink():
        message = (
            "already exists: `thresholds import` never overwrites a folder; choose another id or remove it"
        )
        raise DataError([Problem(Position(target, 1, 1), "", message)])
    today = today or dt.date.today()
    texts = _texts(
        target, source, reading, levels=levels, domains=domains, indicators=indicators, month=f"{today:%Y-%m}"
    )
    work = into / f".{partnership_id}.{uuid.uuid4().hex[:8]}.import"
    try:
        work.mkdir()
        for name, text in texts.items():
            (work / name).write_text(text, encoding="utf-8")
        partnership = load_partnership(work, today)
        load_scenarios(partnership, Assessor(compile_catalogue([partnership])))
        work.rename(target)
    except OSError as error:
        _discard(work, into if created else None)
        problem = Problem(Position(target, 1, 1), "", f"cannot write the folder: {error.strerror or error}")
        raise DataError([problem]) from None
    except BaseException:
        _discard(work, into if created else None)
        raise
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


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir()
    except OSError as error:
        problem = Problem(Position(folder, 1, 1), "", f"cannot make the folder: {error.strerror or error}")
        raise DataError([problem]) from None


def _discard(work: Path, made: Path | None) -> None:
    """Remove the temporary folder, and the thresholds folder when it was made for this run."""
    shutil.rmtree(work, ignore_errors=True)
    if made is not None:
        with contextlib.suppress(OSError):
            made.rmdir()  # only when empty: nothing but ours is ever removed
