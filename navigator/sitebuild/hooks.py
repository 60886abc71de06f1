"""MkDocs hooks: one generated page per entry of navigator.handbook.pages, and the navigation for them.

Each generated file holds only a macro call; mkdocs-macros (macros.py) renders it. Nothing about the
thresholds is typed into docs/. The hooks also ship the npm assets (never a CDN), name our scripts and style
sheet by their digest (fingerprints.py), put a Content-Security-Policy on every page, load the diagram
script only where a page has diagrams, add one search entry per indicator so a search lands on the indicator
itself, and keep what a page carries from growing with the number of partnerships (docs/adr/005): each
page's sidebar lists its own partnership, each partnership gets its own search index (search_scope.py), and
the service worker's manifest lists each partnership's files apart (offline.py).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from navigator.handbook import open_data, pages
from navigator.sitebuild import (
    assets,
    compress,
    fingerprints,
    headers,
    minify,
    offline,
    search_scope,
    security,
    site,
)
from navigator.web import runtime

DIAGRAM_SCRIPT = "javascripts/diagrams.js"
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'  # the theme's partials
TOC_PART = re.compile(r'<nav class="md-nav" aria-label="([^"]*)">')  # partials/toc-item.html
_RUNTIME: dict[str, runtime.Runtime] = {}  # this build's runtime files, named by on_files for the pages
_RENAMED: dict[str, str] = {}  # our scripts and style sheet: name → digest-named name (fingerprints.py)
_TITLES: dict[str, str] = {}  # each partnership's short title, by id (on_config)
_NAV: dict[str | None, Navigation] = {}  # this build's sidebar for each partnership's pages (None: the rest)


def on_config(config: Any) -> Any:
    """Home, one section per partnership, then the pages across partnerships and the statements."""
    documents = site.documents(dt.date.today())
    paths = pages.page_paths(documents)
    nav: list[Any] = [{"Home": "index.md"}]
    _TITLES.clear()
    for document in documents:
        pid = document["partnership"]["id"]
        _TITLES[pid] = pages.short_title(document)
        nav.append({_TITLES[pid]: [{name: path} for path, name in paths if path.startswith(f"{pid}/")]})
    nav += [{name: path} for path, name in paths if "/" not in path]
    nav += [
        {"For policy groups": "policy-groups.md"},
        {"Hazard log": "safety/hazard-log.md"},
        {"Privacy": "privacy.md"},
        {"Accessibility": "accessibility.md"},
        {"Performance": "performance.md"},
    ]
    config["nav"] = nav
    return config


def _partnership_of(item: Any) -> str | None:
    """The partnership a navigation section holds (its pages' first folder), or None."""
    if not isinstance(item, Section):
        return None
    uris = {child.file.src_uri.split("/")[0] for child in item.children if isinstance(child, Page)}
    return uris.pop() if len(uris) == 1 else None


def on_nav(nav: Navigation, config: Any, files: Files) -> Navigation:
    """Each partnership's sidebar, made once per build: Home, its own pages, the pages across partnerships.

    Listing every partnership's pages on every page made each page grow with the number of partnerships,
    so the site and its build grew with the square of it (`make bench`, docs/performance.md). Home lists
    every partnership.
    """
    del config, files
    held = [_partnership_of(item) for item in nav.items]
    _NAV.clear()
    for own in {None, *held}:
        _NAV[own] = Navigation(
            [item for item, pid in zip(nav.items, held, strict=True) if pid in (None, own)], nav.pages
        )
    return nav


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Navigation) -> dict[str, Any]:
    """The page's own partnership's sidebar (`on_nav`)."""
    del config, nav
    context["nav"] = _NAV.get(page.file.src_uri.split("/")[0], _NAV[None])
    return context


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    """Explain the glossary's acronyms on every page (abbreviations extension)."""
    del config, files
    documents = pages.page_documents(site.documents(dt.date.today()), page.file.src_uri)
    return f"{markdown}\n\n{pages.abbreviations(documents)}\n"


def on_files(files: Files, config: Any) -> Files:
    for path, _ in pages.page_paths(site.documents(dt.date.today())):
        # A column per level (or kind of level) side by side, and the navigator's form beside its result,
        # need the width the table of contents would take.
        wide = path.endswith(("indicators.md", "compare.md", "navigator.md"))
        front = "---\nhide:\n  - toc\n---\n" if wide else ""
        files.append(File.generated(config, path, content=f'{front}{{{{ handbook_page("{path}") }}}}\n'))
    # The JSON Schemas editors check the YAML against (linked from the policy groups' page).
    for source in sorted((site.thresholds_folder() / "schema").glob("*.schema.json")):
        files.append(File.generated(config, f"schema/{source.name}", abs_src_path=str(source)))
    for path, source in assets.vendor_files():
        files.append(File.generated(config, path, abs_src_path=str(source)))
    # The navigator: its two scripts, Pyodide, the snapshot, the decision package and the data.
    built = runtime.build(site.partnerships(dt.date.today()))
    for path, source in built.copied.items():
        files.append(File.generated(config, path, abs_src_path=str(source)))
    for path, content in built.generated.items():
        files.append(File.generated(config, path, content=content))
    _RUNTIME["built"] = built
    # Open data: each partnership's JSON (as `thresholds export`) and CSV tables, beside its open-data page.
    for path, data in open_data.files(site.partnerships(dt.date.today())).items():
        files.append(File.generated(config, path, content=data))
    _fingerprint(files, config)
    return files


def _fingerprint(files: Files, config: Any) -> None:
    """Our scripts and style sheet every page loads, minified (minify.py) and under names that carry their
    digest (fingerprints.py); the pages' references follow in on_post_page and on_post_template. The
    diagram script is minified under its own name; the navigator's page script is minified, then named by
    its digest, by navigator.web.runtime."""
    _RENAMED.clear()
    found = {path: files.get_file_from_path(path) for path in fingerprints.NAMES}
    for path, file in found.items():
        if file is None:
            raise fingerprints.FingerprintError(f"{path}: not among the site's files (docs/ or npm's)")
    found[DIAGRAM_SCRIPT] = files.get_file_from_path(DIAGRAM_SCRIPT)
    present = {path: file for path, file in found.items() if file is not None}
    minified = minify.minify({path: file.content_bytes for path, file in present.items()})
    for path, file in present.items():
        renamed = fingerprints.name(path, minified[path]) if path in fingerprints.NAMES else path
        files.remove(file)
        files.append(File.generated(config, renamed, content=minified[path]))
        if renamed != path:
            _RENAMED[path] = renamed


def on_post_page(output: str, page: Any, config: Any) -> str:
    """The diagram script where a page draws diagrams, then the page's Content-Security-Policy."""
    del config
    diagrams = 'class="diagram"' in output
    navigator = 'id="nav-form"' in output
    output = _scoped_search(output, page)  # in <head>, after the navigator's script (put first below)
    output = _accessible_names(output)
    if diagrams:
        tag = f'<script type="module" src="{get_relative_url(DIAGRAM_SCRIPT, page.url)}"></script>'
        output = output.replace("</body>", f"{tag}\n</body>", 1)
    if navigator:
        # First in <head> and async, so the worker starts while the page is parsed. It names the exact runtime
        # files of this build, so a page never mixes two builds' files.
        partnership = page.file.src_uri.split("/")[0]
        built = _RUNTIME["built"]
        runtime_json = json.dumps(built.config(partnership), separators=(",", ":"))
        tag = (
            f'<script type="module" async src="{get_relative_url(built.script, page.url)}" '
            f'data-runtime="{html.escape(runtime_json)}"></script>'
        )
        output = output.replace('<meta charset="utf-8">', f'<meta charset="utf-8">\n{tag}', 1)
    output = fingerprints.rewrite(output, _RENAMED)
    return security.with_policy(output, inline_styles=diagrams, wasm=navigator)


def _scoped_search(output: str, page: Any) -> str:
    """The search script: on demand everywhere, and scoped on a partnership's pages (search_scope.py)."""
    pid = page.file.src_uri.split("/")[0]
    attributes = ""
    if pid in _TITLES:
        index = get_relative_url(search_scope.index_path(pid), page.url)
        attributes = f' data-search-index="{index}" data-search-scope="{html.escape(_TITLES[pid])}"'
    tag = f'<script src="{get_relative_url(search_scope.SCRIPT, page.url)}"{attributes}></script>'
    return output.replace('<meta charset="utf-8">', f'<meta charset="utf-8">\n{tag}', 1)


def _accessible_names(output: str) -> str:
    """Names the theme's markup lacks or repeats: its search dialog gets one, as every dialog needs (axe:
    aria-dialog-name); a heading's part of the table of contents is named "Contents: <heading>", so that a
    heading with a partnership's name ("City of York") does not name a second navigation landmark the same
    as the sidebar's section (axe: landmark-unique)."""
    output = output.replace(SEARCH_DIALOG, f'{SEARCH_DIALOG.removesuffix(">")} aria-label="Search">', 1)
    return TOC_PART.sub(r'<nav class="md-nav" aria-label="Contents: \1">', output)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """The 404 page gets the same policy and on-demand search as every other page (its addresses start
    from the site's root path, as the theme's own do there)."""
    if not template_name.endswith(".html"):
        return output_content
    root = urlsplit(config["site_url"] or "/").path.rstrip("/")
    tag = f'<script src="{root}/{search_scope.SCRIPT}"></script>'
    output = output_content.replace('<meta charset="utf-8">', f'<meta charset="utf-8">\n{tag}', 1)
    return security.with_policy(fingerprints.rewrite(_accessible_names(output), _RENAMED))


def on_post_build(config: Any) -> None:
    """One search entry per indicator (its words as the title), landing on the indicator's anchor; the
    index split by partnership (search_scope.py); then the service worker, since its manifest digests every
    built file; then the headers file, which reads every page's policy; last the compressed copies of
    everything (compress.py)."""
    site_dir = Path(config["site_dir"])
    index_path = site_dir / "search" / "search_index.json"
    index = json.loads(index_path.read_text(encoding="utf-8"))
    documents = site.documents(dt.date.today())
    index["docs"] += pages.indicator_search_entries(documents, directory_urls=config["use_directory_urls"])
    across = {path.removesuffix(".md") for path, _ in pages.page_paths(documents) if "/" not in path}
    ids = [d["partnership"]["id"] for d in documents]
    shared, scoped = search_scope.split(index, ids, across, titles_only=frozenset({"compare"}))
    for path, content in [(index_path, shared)] + [
        (site_dir / search_scope.index_path(pid), data) for pid, data in scoped.items()
    ]:
        path.write_text(json.dumps(content, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    offline.write_service_worker(site_dir, ids)
    headers.write(site_dir)
    compress.write_siblings(site_dir)
