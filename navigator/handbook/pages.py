"""Every generated handbook page as Markdown, keyed by its path under docs/ (`derby-derbyshire/level-2.md`).

Pure functions of the validated documents, unit-tested without MkDocs. All YAML text goes through
`render.text`, so it always shows as text. The MkDocs hook (navigator.sitebuild.hooks) adds one file per
page, holding only a macro call; macros.py renders it with `page()` here. The pages themselves are made
in `page_parts` (the urgent lines, banners, citations), `level_pages`, `contact_pages`, `guidance_pages`
and `across_pages`; this module holds the page table and re-exports them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from navigator.handbook import changes, open_data
from navigator.handbook.across_pages import (
    abbreviations,
    compare_page,
    conflicts_page,
    indicator_search_entries,
    sources_page,
)
from navigator.handbook.contact_pages import consent_page, contacts_page
from navigator.handbook.guidance_pages import (
    checklist_page,
    guidance_page,
    has_processes,
    navigator,
    processes_page,
)
from navigator.handbook.level_pages import indicators_page, level_page
from navigator.handbook.page_parts import (
    Document,
    area_names,
    cite,
    conflict_notes,
    document_titles,
    draft_banner,
    kind_words,
    print_stamp,
    review_banner,
    review_passed,
    short_title,
    urgent_banner,
)
from navigator.handbook.render import text

__all__ = [
    "abbreviations",
    "all_pages",
    "checklist_page",
    "compare_page",
    "conflicts_page",
    "consent_page",
    "contacts_page",
    "guidance_page",
    "indicator_search_entries",
    "indicators_page",
    "level_page",
    "navigator",
    "overview",
    "page",
    "page_documents",
    "page_paths",
    "processes_page",
    "review_passed",
    "short_title",
    "sources_page",
    "text",
    "urgent_banner",
]


KINDS_NOTE = (
    "Each level's kind is our classification, not the document's words: partnerships may declare "
    "different numbers of levels, and [Compare partnerships](../compare.md) lines them up by kind."
)


def overview(document: Document, today: dt.date) -> str:
    meta = document["partnership"]
    documents = document_titles(document)
    rows = [
        ("Title", meta["title"]),
        ("Published by", meta["publisher"]),
        ("Version", meta["version"]),
        ("Status", meta["status"]),
        ("Published", meta["published"]),
        ("Signed off by", meta["signed_off_by"]),
        ("Review date", meta["review_date"]),
        ("Areas", ", ".join(area_names(document).values())),
    ]
    table = "| Detail | Value |\n|---|---|\n" + "\n".join(
        f"| {label} | {text(str(value))} |" for label, value in rows
    )
    levels = f"The document declares {len(document['levels'])} levels. " + KINDS_NOTE + "\n\n"
    levels += "\n".join(
        f"- [Level {level['level']}: {text(level['name'])}](level-{level['level']}.md) "
        f"(kind: {text(kind_words(level['kind']))})"
        for level in document["levels"]
    )
    caveats = "\n\n".join(
        f"> {text(c['text'])}\n>\n> {cite(c['source'], documents)}" for c in document["caveats"]
    )
    return "\n\n".join(
        part
        for part in (
            f"# {text(meta['title'])}",
            review_banner(document, today),
            conflict_notes(
                document, [("partnership", meta["id"])] + [("area", a) for a in area_names(document)]
            ),
            table,
            "## Guidance, not a checklist",
            caveats,
            "## Levels of need",
            levels,
            "## In this handbook",
            "\n".join(
                f"- [{text(title)}]({path.partition('/')[2]})"
                for path, title in page_paths([document])
                if path.startswith(f"{meta['id']}/")
                and not path.endswith("/index.md")
                and "/level-" not in path
            ),
        )
        if part
    )


def page_documents(documents: list[Document], path: str) -> list[Document]:
    """The partnership a page belongs to (its glossary, its urgent lines), or every one."""
    head = path.partition("/")[0]
    own = [d for d in documents if d["partnership"]["id"] == head]
    return own or documents


# ---- the page table --------------------------------------------------------------------------------------
def page_paths(documents: list[Document]) -> list[tuple[str, str]]:
    """(path, navigation title) of every generated page, in navigation order."""
    paths: list[tuple[str, str]] = []
    for document in documents:
        pid = document["partnership"]["id"]
        paths.append((f"{pid}/index.md", "Overview"))
        paths += [
            (f"{pid}/level-{level['level']}.md", f"Level {level['level']}: {level['name']}")
            for level in document["levels"]
        ]
        if document.get("indicators"):
            paths.append((f"{pid}/indicators.md", "Indicators by domain"))
        paths.append((f"{pid}/navigator.md", "Navigator (hypothetical scenarios)"))
        if has_processes(document):
            paths.append((f"{pid}/processes.md", "Front-door processes"))
        paths += [(f"{pid}/checklist-{c['id']}.md", c["title"]) for c in document.get("checklists", [])]
        paths += [
            (f"{pid}/what-changed.md", "What changed (versions)"),
            (f"{pid}/contacts.md", "Contacts and referral routes"),
            (f"{pid}/consent.md", "Consent and information sharing"),
            (f"{pid}/guidance.md", "Guidance, principles and glossary"),
            (f"{pid}/open-data.md", "Open data (JSON, CSV)"),
        ]
    paths += [
        ("compare.md", "Compare partnerships"),
        ("conflicts.md", "Where sources disagree"),
        ("sources.md", "About the sources"),
    ]
    return paths


def page(documents: list[Document], path: str, today: dt.date, bodies: dict[str, str] | None = None) -> str:
    """The Markdown of one generated page, urgent lines first. `bodies`: pages whose content needs more
    than the document (the "what changed" pages: every version and the changelog), rendered already."""
    by_id = {document["partnership"]["id"]: document for document in documents}
    head, _, name = path.partition("/")
    if not name:
        renderers: dict[str, Callable[[list[Document]], str]] = {
            "compare.md": compare_page,
            "conflicts.md": conflicts_page,
            "sources.md": sources_page,
        }
        return f"{urgent_banner(documents)}\n\n{renderers[head](documents)}\n\n{print_stamp(documents)}\n"
    document = by_id[head]
    if name.startswith("level-"):
        body = level_page(document, int(name.removeprefix("level-").removesuffix(".md")), today)
    elif name == "what-changed.md":
        body = (bodies or {}).get(path) or changes.page_for_document(document, today)
    elif name.startswith("checklist-"):
        body = checklist_page(document, name.removeprefix("checklist-").removesuffix(".md"), today)
    elif name == "open-data.md":
        body = open_data.page(document)
    else:
        single: dict[str, Callable[[Document, dt.date], str]] = {
            "index.md": overview,
            "indicators.md": indicators_page,
            "contacts.md": contacts_page,
            "consent.md": consent_page,
            "guidance.md": guidance_page,
            "processes.md": processes_page,
            "navigator.md": navigator,
        }
        body = single[name](document, today)
    return f"{urgent_banner([document])}\n\n{draft_banner(document)}{body}\n\n{print_stamp([document])}\n"


def all_pages(documents: list[Document], today: dt.date) -> Iterator[tuple[str, str]]:
    for path, _ in page_paths(documents):
        yield path, page(documents, path, today)
