"""MkDocs hooks: one generated page per entry of navigator.handbook.pages, and the navigation for them.

Each generated file holds only a macro call; mkdocs-macros (macros.py) renders it. Nothing about the
thresholds is typed into docs/.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from mkdocs.structure.files import File, Files

from navigator.handbook import pages, site


def on_config(config: Any) -> Any:
    """Home, one section per partnership, then the pages across partnerships and the statements."""
    documents = site.documents(dt.date.today())
    paths = pages.page_paths(documents)
    nav: list[Any] = [{"Home": "index.md"}]
    for document in documents:
        pid = document["partnership"]["id"]
        title = document["partnership"].get("short_title", document["partnership"]["title"])
        nav.append({title: [{name: path} for path, name in paths if path.startswith(f"{pid}/")]})
    nav += [{name: path} for path, name in paths if "/" not in path]
    nav += [{"Privacy": "privacy.md"}, {"Accessibility": "accessibility.md"}]
    config["nav"] = nav
    return config


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    """Explain the glossary's acronyms on every page (abbreviations extension)."""
    del config, files
    documents = pages.page_documents(site.documents(dt.date.today()), page.file.src_uri)
    return f"{markdown}\n\n{pages.abbreviations(documents)}\n"


def on_files(files: Files, config: Any) -> Files:
    for path, _ in pages.page_paths(site.documents(dt.date.today())):
        wide = path.endswith(("indicators.md", "compare.md"))  # the four levels side by side need the width
        front = "---\nhide:\n  - toc\n---\n" if wide else ""
        files.append(File.generated(config, path, content=f'{front}{{{{ handbook_page("{path}") }}}}\n'))
    return files
