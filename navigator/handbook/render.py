"""Markdown for the handbook's pages; all text from YAML is escaped so it shows as text, never as HTML."""

from __future__ import annotations

import html
from typing import Any

Document = dict[str, Any]


MARKDOWN_ENTITIES = {ord(character): f"&#{ord(character)};" for character in "\\`*_[]#|"}


def text(value: str) -> str:
    """Escape YAML text for Markdown: HTML characters and Markdown emphasis/link syntax are neutralised."""
    # One pass: replacing one character at a time would escape the `#` of the entities made before it.
    return html.escape(value, quote=False).translate(MARKDOWN_ENTITIES)


def prose(paragraphs: list[Any]) -> str:
    """Paragraphs and bulleted lists, escaped."""
    blocks = []
    for paragraph in paragraphs:
        if isinstance(paragraph, str):
            blocks.append(text(paragraph))
        else:
            blocks.append("\n".join(f"- {text(item)}" for item in paragraph["bullets"]))
    return "\n\n".join(blocks)


def partnership_summaries(documents: list[Document]) -> str:
    """One row per partnership: title (linking its pages), areas, version, publication and review dates."""
    rows = ["| Partnership | Areas | Version | Published | Review date |", "|---|---|---|---|---|"]
    for document in documents:
        meta = document["partnership"]
        areas = ", ".join(text(area["name"]) for area in document["areas"])
        rows.append(
            f"| [{text(meta['title'])}]({meta['id']}/index.md) | {areas} | {text(meta['version'])} | "
            f"{meta['published']} | {meta['review_date']} |"
        )
    return "\n".join(rows) + "\n"
