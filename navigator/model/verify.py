"""Prove the data faithful to its documents: every text it gives as a source's words, every phone number,
email and web address and every opening-hours statement, looked up in the source file it cites.

Only what is found is counted as verified; anything else is a failure at its file, line and key, with the
source's closest passage. What the data marks as our reading is listed apart and never looked up, so it is
never passed off as the source's words (navigator.model.verify_claims says which fields are which).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from navigator.model.catalogue import load_versions
from navigator.model.partnership import Partnership
from navigator.model.placeholders import is_placeholder
from navigator.model.problems import KeyPath, Position, Problem, display_path, key_text
from navigator.model.scenarios import scenarios_path
from navigator.model.verify_claims import Claim, claims, readings, scenario_claims
from navigator.model.verify_closest import closest, closest_address, closest_number
from navigator.model.verify_joins import in_order, joined_parts, recorded_joins
from navigator.model.verify_sources import SourceError, load_source
from navigator.model.verify_text import SourceText
from navigator.model.yaml_positions import load_yaml_file


@dataclass(frozen=True)
class Reading:
    """A value the data marks as our reading: listed where it is, never looked up."""

    position: Position
    key: str
    text: str

    def __str__(self) -> str:
        where = f"{display_path(self.position.file)}:{self.position.line}:{self.position.column}"
        shown = self.text if len(self.text) <= 100 else f"{self.text[:99]}…"
        return f'{where}: {self.key}: our reading, not verified: "{shown}"'


@dataclass
class Report:
    """What one run verified (by kind and by key path), what failed, and our readings listed apart."""

    verified: Counter[str] = field(default_factory=Counter)
    verified_paths: set[tuple[str, str, KeyPath]] = field(default_factory=set)  # (partnership, file, path)
    joined: int = 0  # texts found in parts at joins their notes record (navigator.model.verify_joins)
    failures: list[Problem] = field(default_factory=list)
    readings: list[Reading] = field(default_factory=list)
    partnerships: set[str] = field(default_factory=set)  # their ids
    versions: int = 0  # versions verified: one per partnership folder and one per versions/<name>/
    sources: set[Path] = field(default_factory=set)


class MissingSourcesError(Exception):
    """Source files that DIR lacks or that cannot be read: nothing can be verified without them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


class Sources:
    """The source files of one folder, each read once however many partnerships or versions cite it."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._read: dict[str, SourceText] = {}

    def get(self, name: str) -> SourceText:
        """The source file called name, read on first use (SourceError when it cannot be)."""
        if name not in self._read:
            self._read[name] = load_source(self.directory / name)
        return self._read[name]


def verify_path(path: Path, directory: Path, today: dt.date | None = None) -> Report:
    """Every version of every partnership under path (or of the one folder path is) against directory.
    Raises DataError for invalid data and MissingSourcesError when a cited source file is not there."""
    found = load_versions(path, today or dt.date.today())
    partnerships = [partnership for versions in found.values() for partnership in versions]
    sources = Sources(directory)
    missing = [problem for partnership in partnerships for problem in source_problems(partnership, sources)]
    if missing:
        raise MissingSourcesError(missing)
    report = Report()
    for partnership in partnerships:
        verify_partnership(partnership, sources, report)
    return report


def source_problems(partnership: Partnership, sources: Sources) -> list[Problem]:
    """A located problem for each source the partnership lists that cannot be read from the folder."""
    problems = []
    for index, source in enumerate(partnership.document["partnership"]["sources"]):
        path = ("partnership", "sources", index, "file")
        try:
            sources.get(source["file"])
        except SourceError as error:
            hint = " (a placeholder: give the source file's name)" if is_placeholder(source["file"]) else ""
            problems.append(Problem(partnership.locate(path), key_text(path), f"{error}{hint}"))
    return problems


def verify_partnership(partnership: Partnership, sources: Sources, report: Report | None = None) -> Report:
    """Look up every claim of one partnership (and of its golden scenarios) in the sources it cites."""
    report = report if report is not None else Report()
    check = _Check(partnership, sources, report)
    report.partnerships.add(partnership.id)
    report.versions += 1
    for claim in claims(partnership.document):
        check(claim, partnership.locate(claim.path))
    scenarios = scenarios_path(partnership)
    if scenarios.is_file():
        loaded = load_yaml_file(scenarios)
        for claim in scenario_claims(loaded.data):
            check(claim, loaded.position(claim.path), joins=False)
    for path, text in readings(partnership.document):
        report.readings.append(Reading(partnership.locate(path), key_text(path), text))
    return report


@dataclass
class _Check:
    """Looks up one partnership's claims, counting each as verified or adding a failure to the report."""

    partnership: Partnership
    sources: Sources
    report: Report
    files: dict[str, str] = field(init=False)  # source id: file name

    def __post_init__(self) -> None:
        listed = self.partnership.document["partnership"]["sources"]
        self.files = {source["id"]: source["file"] for source in listed}

    def __call__(self, claim: Claim, where: Position, *, joins: bool = True) -> None:
        """Count claim as verified when found; otherwise add a failure saying why, with the closest passage.
        joins: whether the notes of the partnership document may record where claim was rejoined."""
        key, report = key_text(claim.path), self.report
        if is_placeholder(claim.text):
            report.failures.append(Problem(where, key, "placeholder: replace it with the source's own words"))
            return
        if claim.document not in self.files:
            cited = f"cites '{claim.document}', which partnership.sources does not list"
            message = cited if claim.document else "cites no source: give it one (document, section)"
            report.failures.append(Problem(where, key, message))
            return
        source = self.sources.get(self.files[claim.document])
        report.sources.add(self.sources.directory / self.files[claim.document])
        found = _found(claim, source)
        if not found and joins and claim.kind in {"text", "hours"}:
            parts = joined_parts(claim.text, recorded_joins(self.partnership.document, claim.path))
            found = parts is not None and in_order(source, parts)
            report.joined += 1 if found else 0
        if found:
            report.verified[claim.kind] += 1
            report.verified_paths.add((self.partnership.id, where.file.name, claim.path))
            return
        message = f'not found in {source.name} (closest: "{_closest(claim, source)}")'
        report.failures.append(Problem(where, key, message))


def _found(claim: Claim, source: SourceText) -> bool:
    if claim.kind == "phone":
        return source.has_phone(claim.text)
    if claim.kind in {"email", "address"}:
        return source.has_address(claim.text)
    return source.contains(claim.text)


def _closest(claim: Claim, source: SourceText) -> str:
    if claim.kind == "phone":
        return closest_number(source, claim.text)
    if claim.kind in {"email", "address"}:
        return closest_address(source, claim.text) or closest(source, claim.text)
    return closest(source, claim.text)


def summary(report: Report) -> str:
    """The one line of counts a successful run prints."""
    joined = f" ({report.joined} joined across page breaks where their notes say)" if report.joined else ""
    versions = f" ({report.versions} versions)" if report.versions > len(report.partnerships) else ""
    counts = [
        f"{_count(report.verified['text'], 'text')}{joined}",
        _count(report.verified["phone"], "phone number"),
        _count(report.verified["email"], "email address", "email addresses"),
        _count(report.verified["address"], "web address", "web addresses"),
        _count(report.verified["hours"], "opening hours statement"),
    ]
    return (
        f"verified {', '.join(counts)} in {_count(len(report.partnerships), 'partnership')}{versions} "
        f"against {_count(len(report.sources), 'source')}; "
        f"{_count(len(report.readings), 'reading')} listed as ours, not verified"
    )


def _count(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number:,} {singular if number == 1 else plural or singular + 's'}"
