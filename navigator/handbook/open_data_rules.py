"""A partnership's decision rules (rules.yaml) as one CSV table: one row per rule entry.

`rule` names the part of rules.yaml a row comes from and `position` its place in that list (each
significant-harm decision is a row of `significant_harm_review`, its reason in `note`); each part
fills only the columns it has (docs/adr/002-decision-rules.md says how the decision module reads them).
Left out, and in the JSON: `method` (the open-data page states it) and the text of the routes, guidance
sections and checklists a row names in `reference` (their own sources are there too). Next steps, the
default level and the suspected-crime rule carry no source of their own, nor does a rule in our own words
(York's 999 instruction): their source columns are blank.
"""

from __future__ import annotations

from typing import Any

from navigator.handbook.open_data_tables import FIRST, SOURCE, Column, Document, Row, first, source
from navigator.model.harm_review import marked

PARTS = (
    "level_note",
    "immediate_danger",
    "significant_harm",
    "significant_harm_review",
    "levels",
    "default_level",
    "answers",
    "combined_needs",
    "crime_suspected",
    "next_steps",
    "flag_notes",
)
RULES: list[Column] = [
    *FIRST,
    ("rule", "the part of the rules it comes from: " + ", ".join(f"`{part}`" for part in PARTS)),
    ("position", "its place in that part's list, from 1 (blank for a part that is a single rule)"),
    ("id", "the flag note's id"),
    ("level", "the level the rule gives"),
    ("at_least", "`levels`: how many indicators of its level must be present"),
    ("otherwise_level", "`levels`: the level given when some, but fewer than `at_least`, are present"),
    ("otherwise_borderline", "`levels`: whether that level is marked borderline"),
    ("question", "`answers`: the question whose answer the rule reads"),
    ("equals", "`answers`: the answer it needs"),
    ("minimum", "`answers`: the lowest number it needs"),
    ("maximum", "`answers`: the highest number it needs"),
    ("requires", "`answers`: other answers it needs too, as `question=answer`, joined with “ | ”"),
    (
        "indicator",
        "`answers`: the indicator the answer counts as ticked; `significant_harm_review`: the one decided",
    ),
    ("indicators", "`significant_harm`: the indicators read as suspected significant harm (our reading)"),
    ("harm", "`significant_harm_review`: whether the indicator is read as suspected significant harm"),
    ("questions", "the questions a yes to which means significant harm (or a crime) is suspected"),
    ("min_domains", "`combined_needs`: in how many domains indicators must be ticked"),
    ("when_levels", "`next_steps` and `flag_notes`: the levels at which it applies, joined with “ | ”"),
    ("when_areas", "`flag_notes`: the areas in which it applies"),
    ("when_significant_harm", "`flag_notes`: only when significant harm is, or is not, suspected"),
    ("when_flags", "`flag_notes`: the scenario's flags it needs, as `flag=value`, joined with “ | ”"),
    (
        "step",
        "`next_steps`: what is shown: `level_steps`, `level_description`, `route`, `guidance` or `checklist`",
    ),
    ("reference", "the id of the route, guidance section or checklist the rule names"),
    ("phone", "`immediate_danger`: the number to ring, where the rules give it"),
    ("implies_significant_harm", "`immediate_danger`: whether it counts as suspected significant harm"),
    ("text", "the rule's quotation or text: the source's words where the row has a source, ours where not"),
    ("note", "our note on how the rule reads the source (not the source's words)"),
    *SOURCE,
]
STEPS = ("level_steps", "level_description", "route", "guidance", "checklist")


def _row(
    document: Document, part: str, rule: dict[str, Any], position: int | None = None, **fields: Any
) -> Row:
    """A row of `part`: the rule's note and source, then its own fields (`text` from quote or text)."""
    found = {key: rule.get(key) for key in ("level", "question", "indicator", "questions", "indicators")}
    return {
        **first(document),
        **found,
        "rule": part,
        "position": position,
        "text": rule.get("quote", rule.get("text")),
        "note": rule.get("note"),
        **source(document, rule.get("source")),
        **fields,
    }


def _plain(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def _condition(condition: dict[str, Any]) -> str:
    """`question=answer`, `question>=minimum`, `question<=maximum` (several joined with a comma)."""
    question = condition["question"]
    parts = [f"{question}={_plain(condition['equals'])}"] if "equals" in condition else []
    parts += [
        f"{question}{sign}{condition[key]}"
        for key, sign in (("minimum", ">="), ("maximum", "<="))
        if key in condition
    ]
    return ",".join(parts)


def _parts(document: Document, rules: dict[str, Any]) -> list[Row]:
    """The rules that are one entry each: level note, immediate danger, significant harm, default level."""
    danger = rules["immediate_danger"]
    rows = [_row(document, "level_note", rules["level_note"])] if "level_note" in rules else []
    rows.append(
        _row(
            document,
            "immediate_danger",
            danger,
            reference=danger.get("route"),
            phone=danger.get("phone"),
            text=danger.get("instruction"),
            implies_significant_harm=danger.get("implies_significant_harm"),
        )
    )
    harm = rules["significant_harm"]
    rows.append(_row(document, "significant_harm", harm, indicators=marked(rules)))
    rows += [
        _row(document, "significant_harm_review", {"source": harm["source"]}, n, indicator=entry["indicator"])
        | {"harm": entry["harm"]}
        | {"note": entry["reason"]}
        for n, entry in enumerate(harm.get("review", []), start=1)
    ]
    for n, rule in enumerate(rules.get("levels", []), start=1):
        otherwise = rule.get("otherwise", {})
        more = {
            "otherwise_level": otherwise.get("level"),
            "otherwise_borderline": otherwise.get("borderline"),
        }
        rows.append(_row(document, "levels", rule, n, at_least=rule["at_least"], **more))
    if "default_level" in rules:
        rows.append(_row(document, "default_level", {"level": rules["default_level"]}))
    return rows


def _answers(document: Document, rules: dict[str, Any]) -> list[Row]:
    return [
        _row(
            document,
            "answers",
            rule,
            n,
            equals=_plain(rule["equals"]) if "equals" in rule else None,
            minimum=rule.get("minimum"),
            maximum=rule.get("maximum"),
            requires=[_condition(condition) for condition in rule.get("requires", [])],
        )
        for n, rule in enumerate(rules.get("answers", []), start=1)
    ]


def _after_level(document: Document, rules: dict[str, Any]) -> list[Row]:
    """What follows a level: combined needs, suspected crime, next steps and flag notes."""
    rows = []
    if "combined_needs" in rules:
        needs = rules["combined_needs"]
        rows.append(_row(document, "combined_needs", needs, min_domains=needs["min_domains"]))
    if "crime_suspected" in rules:
        crime = rules["crime_suspected"]
        rows.append(_row(document, "crime_suspected", crime, reference=crime["guidance"]))
    for n, step in enumerate(rules["next_steps"], start=1):
        kind = next(name for name in STEPS if name in step)
        reference = None if step[kind] is True else step[kind]
        rows.append(
            _row(document, "next_steps", step, n, when_levels=step["levels"], step=kind, reference=reference)
        )
    for n, note in enumerate(rules.get("flag_notes", []), start=1):
        when = note["when"]
        flags = [f"{flag}={_plain(value)}" for flag, value in when.get("flags", {}).items()]
        rows.append(
            _row(
                document,
                "flag_notes",
                note,
                n,
                id=note["id"],
                when_levels=when.get("levels"),
                when_areas=when.get("areas"),
                when_significant_harm=when.get("significant_harm"),
                when_flags=flags,
            )
        )
    return rows


def rule_rows(document: Document) -> list[Row]:
    """Every rule entry: the parts in the order of PARTS, each list in its own order."""
    rules = document["rules"]
    return [*_parts(document, rules), *_answers(document, rules), *_after_level(document, rules)]
