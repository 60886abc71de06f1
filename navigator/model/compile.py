"""Compile validated partnerships into the plain JSON the decision core reads (navigator.decision).

Only what an assessment needs is kept: the core never sees YAML, files or positions.
"""

from __future__ import annotations

from typing import Any

from navigator.decision.partnership import COMPILED_FORMAT
from navigator.model.harm_review import marked
from navigator.model.levels import protection_level
from navigator.model.partnership import Partnership

# Copied whole: every item of these is needed by an assessment.
WHOLE = ("areas", "questions", "contacts", "routes", "caveats", "conflicts")
INDICATOR_KEYS = ("id", "level", "domain", "subheading", "text", "question", "placement", "note", "source")
LEVEL_KEYS = ("level", "kind", "name", "title", "summary", "description", "steps")


def compile_partnership(partnership: Partnership) -> dict[str, Any]:
    """One partnership's compiled data: metadata, the lists the rules use, and the rules."""
    document = partnership.document
    meta = document["partnership"]
    rules = _rules(document["rules"], protection_level(document))
    referenced = {
        "guidance": {step["guidance"] for step in rules.get("next_steps", []) if "guidance" in step},
        "checklists": {step["checklist"] for step in rules.get("next_steps", []) if "checklist" in step},
    }
    if "crime_suspected" in rules:
        referenced["guidance"].add(rules["crime_suspected"]["guidance"])
    compiled: dict[str, Any] = {
        "format": COMPILED_FORMAT,
        "id": meta["id"],
        "title": meta["title"],
        "short_title": meta.get("short_title", meta["title"]),
        "version": str(meta["version"]),
        "status": meta["status"],
        "published": meta["published"],
        "review_date": meta["review_date"],
        "documents": {source["id"]: source["title"] for source in meta["sources"]},
        "levels": [{key: level[key] for key in LEVEL_KEYS if key in level} for level in document["levels"]],
        "domains": [{"id": d["id"], "name": d["name"]} for d in document.get("domains", [])],
        "indicators": [
            {key: item[key] for key in INDICATOR_KEYS if key in item}
            for item in document.get("indicators", [])
        ],
        "consent": document.get("consent"),
        "rules": rules,
    }
    compiled.update({name: document.get(name, []) for name in WHOLE})
    for name, wanted in referenced.items():
        compiled[name] = [item for item in document.get(name, []) if item["id"] in wanted]
    return compiled


def _rules(rules: dict[str, Any], protection: int | None) -> dict[str, Any]:
    """The rules as the core reads them: the reviewed significant-harm decisions become one list, and
    suspected harm leads to the level of kind child-protection."""
    harm = {key: value for key, value in rules["significant_harm"].items() if key != "review"}
    harm["indicators"] = marked(rules)
    harm["level"] = protection
    return {**rules, "significant_harm": harm}


def compile_catalogue(partnerships: list[Partnership]) -> dict[str, Any]:
    """`{"partnerships": [...]}`: what navigator.decision.Assessor is built from."""
    return {"partnerships": [compile_partnership(p) for p in partnerships]}
