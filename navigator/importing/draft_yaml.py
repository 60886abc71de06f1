"""The parts of an imported draft that come from the document, as YAML in the templates' own style.

Domains and indicators word for word with their sources (table, row and column), a significant-harm
decision for each indicator that needs one, golden scenarios built on imported indicators, the source
document's entry and a placeholder note for each finding. Everything the document does not give stays a
placeholder (navigator.model.placeholders), as in a `thresholds new` folder.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from navigator.model.harm_review import names_harm
from navigator.model.placeholders import MARKER, PHONE
from navigator.model.scaffold_levels import Level, protection_number
from navigator.model.scaffold_yaml import scenario

# Characters a YAML double-quoted scalar must not hold raw: controls JSON leaves alone, and the breaks
# YAML 1.1 reads as new lines (NEL, line and paragraph separators); written as \u escapes instead.
UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff]")


@dataclass(frozen=True)
class DraftDomain:
    """A domain as written: id, name (or a placeholder's words) and its other spellings."""

    id: str
    name: str | None
    placeholder: str = ""
    spellings: tuple[str, ...] = ()


@dataclass(frozen=True)
class DraftIndicator:
    """An indicator as written: id, level number, domain id, words, source section and note."""

    id: str
    level: int
    domain: str
    text: str
    section: str
    note: str | None = None


def text(value: str) -> str:
    """A YAML double-quoted scalar holding value exactly."""
    return UNSAFE.sub(lambda found: f"\\u{ord(found[0]):04x}", json.dumps(value, ensure_ascii=False))


def placeholder(words: str) -> str:
    """A quoted placeholder: text that `validate` warns about until it is replaced."""
    return text(f"{MARKER} {words}")


def slug(words: str, most: int = 8) -> str:
    """Lower-case words joined by hyphens (accents dropped), at most `most` words and 60 characters."""
    decomposed = unicodedata.normalize("NFKD", words)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char)).lower()
    return "-".join(re.findall(r"[a-z0-9]+", plain)[:most])[:60].strip("-")


def unique(base: str, used: set[str]) -> str:
    """base, or base-2, base-3... the first not yet used; remembered as used."""
    found, number = base, 1
    while found in used:
        number += 1
        found = f"{base}-{number}"
    used.add(found)
    return found


def domains_block(domains: Sequence[DraftDomain]) -> str:
    """indicators.yaml's `domains`, each named as the document names it."""
    lines = ["domains:"]
    for domain in domains:
        name = placeholder(domain.placeholder) if domain.name is None else text(domain.name)
        lines += [f"  - id: {domain.id}", f"    name: {name}"]
        if len(domain.spellings) > 1:
            lines.append(f"    source_headings: [{', '.join(map(text, domain.spellings))}]")
    return "\n".join(lines)


def indicators_block(indicators: Sequence[DraftIndicator], document: str) -> str:
    """indicators.yaml's `indicators`: the document's words, each citing its table, row and column."""
    lines = ["indicators:"]
    for indicator in indicators:
        lines += [
            f"  - id: {indicator.id}",
            f"    level: {indicator.level}",
            f"    domain: {indicator.domain}",
            f"    text: {text(indicator.text)}",
        ]
        if indicator.note:
            lines.append(f"    note: {text(indicator.note)}")
        lines.append(f"    source: {{document: {document}, section: {text(indicator.section)}}}")
    return "\n".join(lines)


def needs_review(indicator: DraftIndicator, levels: Sequence[Level]) -> bool:
    """Whether validate asks a significant-harm decision of it (navigator.model.harm_review)."""
    return indicator.level >= protection_number(levels) or names_harm(indicator.text)


def review_block(indicators: Sequence[DraftIndicator], levels: Sequence[Level]) -> str:
    """significant_harm.review: every indicator that needs a decision marked harm (the safe side), its
    reason a placeholder, so `--strict` refuses the draft until a person has decided each one."""
    protection = protection_number(levels)
    at_protection = placeholder("why this indicator's words do or do not describe abuse, neglect or harm")
    below = placeholder(
        "its words name abuse, neglect or harm, so the import marked it harm (the safe side): "
        "decide true or false and say why"
    )
    decisions = [
        f"      - {{indicator: {item.id}, harm: true, "
        f"reason: {at_protection if item.level >= protection else below}}}"
        for item in indicators
        if needs_review(item, levels)
    ]
    return "\n".join(["    review:", *decisions]) if decisions else "    review: []"


def scenarios_block(indicators: Sequence[DraftIndicator], levels: Sequence[Level]) -> tuple[str, int]:
    """scenarios.yaml's `scenarios` and their count: one imported indicator of each level that has one
    (one without a harm decision where there is one), then suspected harm and immediate danger."""
    protection = protection_number(levels)
    entries = []
    for level in levels:
        found = [item for item in indicators if item.level == level.number]
        plain = [item for item in found if not needs_review(item, levels)]
        if not found:
            continue
        chosen = (plain or found)[0]
        harm = needs_review(chosen, levels)
        name = f"one level {level.number} indicator" + (
            ", reviewed as significant harm: the child-protection line first" if harm else ""
        )
        expected = max(level.number, protection) if harm else level.number
        urgent = [PHONE] if harm else []
        entries.append(scenario(name, f"[{chosen.id}]", "{}", expected, urgent))
    harm_flag, danger = "{significant_harm_suspected: true}", "{immediate_danger: true}"
    entries.append(scenario("significant harm suspected", "[]", harm_flag, protection, [PHONE]))
    entries.append(scenario("a child in immediate danger", "[]", danger, protection, ["999", PHONE]))
    return "scenarios:\n" + "\n\n".join(entries), len(entries)


def source_entry(document: str, file_name: str, kind: str, month: str) -> str:
    """partnership.sources' entry for the imported document: its file named, the rest placeholders."""
    return "\n".join(
        [
            f"    - id: {document}",
            f"      title: {placeholder(f'the title of the document imported from {file_name}')}",
            f"      publisher: {placeholder(f'who publishes {file_name}, as it names them')}",
            f'      date: "{month}"',
            f"      date_note: {placeholder(f'the month {file_name} was imported; give its own date')}",
            f"      file: placeholder-{document}.txt",
            f"      kind: {kind}",
            f"      note: {text(f'Indicators imported by `thresholds import` from {file_name}.')}",
        ]
    )


def note_lines(notes: Sequence[str]) -> str:
    """partnership.notes entries: one placeholder per finding, so `--strict` waits for a person's eye."""
    return "".join(f"    - {text(f'{MARKER} check the import: {note}')}\n" for note in notes)
