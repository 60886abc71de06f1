"""The parts of a new partnership's YAML that depend on its levels, written out for the levels declared.

Each function returns a block in the templates' own style (quoted placeholders, sources as flow mappings)
that scaffold.py puts in place of a `__marker__` in templates/. The placeholder rules and contacts make
every golden scenario hold: an indicator of a level suggests that level, and from the child-protection
level up the indicator is reviewed as significant harm, so the child-protection line comes first.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from navigator.model.placeholders import MARKER, PHONE
from navigator.model.scaffold_levels import GUESSED_NOTE, Level, protection_number

WORDS = ("none", "one", "two", "three", "four", "five", "six", "seven", "eight")


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's strings are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def placeholder(text: str) -> str:
    """A quoted placeholder: text that `validate` warns about until it is replaced."""
    return quoted(f"{MARKER} {text}")


def source(section: str) -> str:
    """A placeholder source: the placeholder document and where in it."""
    return f"{{document: placeholder-source, section: {placeholder(section)}}}"


def numbers(levels: Sequence[Level]) -> str:
    """The levels' numbers as a YAML list, e.g. [1, 2, 3]."""
    return json.dumps([level.number for level in levels])


def below_protection(levels: Sequence[Level]) -> list[Level]:
    """The levels under the child-protection level: advice, not a child-protection referral."""
    return [level for level in levels if level.number < protection_number(levels)]


def from_protection(levels: Sequence[Level]) -> list[Level]:
    """The child-protection level and any above it: a child-protection referral."""
    return [level for level in levels if level.number >= protection_number(levels)]


def levels_block(levels: Sequence[Level]) -> str:
    """levels.yaml's `levels`: each level's kind, name and placeholders for everything else."""
    return "levels:\n" + "\n\n".join(_level(level, levels) for level in levels)


def _level(level: Level, levels: Sequence[Level]) -> str:
    n = level.number
    name = placeholder(f"level {n}'s short name in the source") if level.name is None else quoted(level.name)
    contact = "child-protection-line" if level in from_protection(levels) else "advice-line"
    note = [f"    note: {quoted(GUESSED_NOTE)}"] if level.guessed else []
    flow = f"the area's flow at level {n}"
    lines = [
        f"  - level: {n}",
        f"    kind: {level.kind}",
        *note,
        f"    name: {name}",
        "    title: " + placeholder(f"level {n}'s heading in the source"),
        "    summary:",
        "      text: " + placeholder(f"the source's one-paragraph summary of level {n}"),
        "      source: " + source(f"where the summary of level {n} is"),
        "    description:",
        "      paragraphs:",
        "        - " + placeholder(f"what the source says about level {n}, a paragraph per item"),
        "      source: " + source(f"where the source describes level {n}"),
        "    steps:",
        "      placeholder-area:",
        "        concern: " + placeholder(f"step 1 of {flow}: the nature of the concern"),
        "        actions:",
        "          - " + placeholder(f"step 2 of {flow}: an action to take"),
        "        follow_up:",
        "          - " + placeholder(f"step 3 of {flow}: the follow-up"),
        f"        contacts: [{contact}]",
        "        source: " + source(f"where the area's flow for level {n} is"),
    ]
    return "\n".join(lines)


def indicators_block(levels: Sequence[Level]) -> str:
    """indicators.yaml's `indicators`: one placeholder indicator per level, in the one placeholder domain."""
    lines = ["indicators:"]
    for n in (level.number for level in levels):
        lines += [
            f"  - id: placeholder-l{n}-indicator",
            f"    level: {n}",
            "    domain: placeholder-domain",
            "    text: " + placeholder(f"an indicator of level {n}, word for word from the source"),
            "    source: " + source("where the source lists this indicator"),
        ]
    return "\n".join(lines)


def review_block(levels: Sequence[Level]) -> str:
    """significant_harm.review in rules.yaml: a decision on each indicator from child protection up."""
    reason = placeholder("why this indicator's words do or do not describe abuse, neglect or harm")
    decisions = [
        f"      - {{indicator: placeholder-l{level.number}-indicator, harm: true, reason: {reason}}}"
        for level in from_protection(levels)
    ]
    return "\n".join(["    review:", *decisions])


def level_rules_block(levels: Sequence[Level]) -> str:
    """`levels` in rules.yaml: a rule per level above 1, highest first; one indicator of it is enough."""
    lines = ["  levels:"]
    for n in sorted((level.number for level in levels if level.number > 1), reverse=True):
        indicators = f"level {n} indicators"
        lines += [
            f"    - level: {n}",
            "      at_least: 1",
            "      source: " + source(f"where the source says how many {indicators} suggest level {n}"),
            "      note: " + placeholder("how the source's words give at_least 1"),
        ]
    return "\n".join(lines)


def next_steps_block(levels: Sequence[Level]) -> str:
    """`next_steps` in rules.yaml: every level's steps; advice below child protection, referral from it up."""
    return "\n".join(
        [
            "  next_steps:",
            f"    - {{levels: {numbers(levels)}, level_steps: true}}",
            f"    - {{levels: {numbers(below_protection(levels))}, route: advice}}",
            f"    - {{levels: {numbers(from_protection(levels))}, route: child-protection}}",
        ]
    )


def scenarios_block(levels: Sequence[Level]) -> str:
    """scenarios.yaml's `scenarios`: one indicator of each level, then suspected harm and immediate danger."""
    protection = protection_number(levels)
    entries = []
    urgent: list[str]
    for level in levels:
        n = level.number
        if n == 1:
            name, urgent = "one level 1 indicator gives the default level", []
        elif n < protection:
            name, urgent = f"one level {n} indicator", []
        else:
            name = f"one level {n} indicator, reviewed as significant harm: the child-protection line first"
            urgent = [PHONE]
        entries.append(scenario(name, f"[placeholder-l{n}-indicator]", "{}", n, urgent))
    harm, danger = "{significant_harm_suspected: true}", "{immediate_danger: true}"
    entries.append(scenario("significant harm suspected", "[]", harm, protection, [PHONE]))
    entries.append(scenario("a child in immediate danger", "[]", danger, protection, ["999", PHONE]))
    return "scenarios:\n" + "\n\n".join(entries)


def scenario(name: str, indicators: str, flags: str, level: int, urgent: list[str]) -> str:
    """One golden scenario with placeholders for its source (`thresholds new` and `thresholds import`)."""
    section = placeholder("the section this scenario follows")
    quote = placeholder("the source's words it follows")
    contacts = json.dumps([PHONE])
    expect = f"{{level: {level}, borderline: false, urgent: {json.dumps(urgent)}, contacts: {contacts}}}"
    return "\n".join(
        [
            f"  - name: {placeholder(name)}",
            f"    based_on: {{document: placeholder-source, section: {section}, quote: {quote}}}",
            f"    scenario: {{area: placeholder-area, indicators: {indicators}, flags: {flags}}}",
            f"    expect: {expect}",
        ]
    )


def level_values(levels: Sequence[Level]) -> dict[str, str]:
    """What each level-dependent `__marker__` in templates/ stands for."""
    return {
        "count": str(len(levels)),
        "count_in_words": WORDS[len(levels)],
        "scenario_count_in_words": WORDS[len(levels) + 2],
        "levels": levels_block(levels),
        "indicators": indicators_block(levels),
        "review": review_block(levels),
        "level_rules": level_rules_block(levels),
        "next_steps": next_steps_block(levels),
        "scenarios": scenarios_block(levels),
        "below_protection": numbers(below_protection(levels)),
        "from_protection": numbers(from_protection(levels)),
    }
