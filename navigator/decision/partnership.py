"""A compiled partnership, indexed once so that each assessment is quick (in the browser too)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

COMPILED_FORMAT = 1


class CompiledDataError(ValueError):
    """Compiled data that this core cannot read (made by another version of the compiler)."""


@dataclass(frozen=True)
class Prepared:
    """Lookups over one compiled partnership (see navigator.model.compile)."""

    data: dict[str, Any]
    areas: dict[str, dict[str, Any]]
    levels: dict[int, dict[str, Any]]
    domains: dict[str, dict[str, Any]]
    indicators: dict[str, dict[str, Any]]
    questions: dict[str, dict[str, Any]]
    contacts: dict[str, dict[str, Any]]
    routes: dict[str, dict[str, Any]]
    guidance: dict[str, dict[str, Any]]
    checklists: dict[str, dict[str, Any]]

    @property
    def id(self) -> str:
        return str(self.data["id"])

    @property
    def rules(self) -> dict[str, Any]:
        rules: dict[str, Any] = self.data["rules"]
        return rules

    @classmethod
    def from_compiled(cls, data: dict[str, Any]) -> Prepared:
        if data.get("format") != COMPILED_FORMAT:
            raise CompiledDataError(
                f"compiled data format {data.get('format')!r}; this navigator reads format {COMPILED_FORMAT}"
            )

        def by_id(name: str) -> dict[str, dict[str, Any]]:
            return {item["id"]: item for item in data.get(name, [])}

        return cls(
            data=data,
            areas=by_id("areas"),
            levels={level["level"]: level for level in data["levels"]},
            domains=by_id("domains"),
            indicators=by_id("indicators"),
            questions=by_id("questions"),
            contacts=by_id("contacts"),
            routes=by_id("routes"),
            guidance=by_id("guidance"),
            checklists=by_id("checklists"),
        )

    def level_name(self, level: int | None) -> str | None:
        return None if level is None else str(self.levels[level]["name"])

    def conflicts_touching(self, kind: str, item_id: Any) -> list[dict[str, Any]]:
        return [
            conflict
            for conflict in self.data.get("conflicts", [])
            if any(a["kind"] == kind and a["id"] == item_id for a in conflict["affects"])
        ]
