"""MkDocs hooks: one generated page per entry of navigator.handbook.pages, and the navigation for them.

Each generated file holds only a macro call; mkdocs-macros (macros.py) renders it. Nothing about the
thresholds is typed into docs/. The hooks also ship the npm assets (never a CDN), put a
Content-Security-Policy on every page, load the diagram script only where a page has diagrams, and add
one search entry per indicator so a search lands on the indicator itself.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from navigator.handbook import assets, offline, open_data, pages, security, site
from navigator.web import bundle, runtime

DIAGRAM_SCRIPT = "javascripts/diagrams.js"
NAVIGATOR = "assets/navigator"
WEB = Path(bundle.__file__).resolve().parent
_RUNTIME: dict[str, runtime.Runtime] = {}  # this build's runtime files, named by on_files for the pages


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
    nav += [
        {"For policy groups": "policy-groups.md"},
        {"Privacy": "privacy.md"},
        {"Accessibility": "accessibility.md"},
        {"Performance": "performance.md"},
    ]
    config["nav"] = nav
    return config


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    """Explain the glossary's acronyms on every page (abbreviations extension)."""
    del config, files
    documents = pages.page_documents(site.documents(dt.date.today()), page.file.src_uri)
    return f"{markdown}\n\n{pages.abbreviations(documents)}\n"


def on_files(files: Files, config: Any) -> Files:
    for path, _ in pages.page_paths(site.documents(dt.date.today())):
        wide = path.endswith(
            ("indicators.md", "compare.md", "navigator.md")
        )  # the four levels side by side need the width
        front = "---\nhide:\n  - toc\n---\n" if wide else ""
        files.append(File.generated(config, path, content=f'{front}{{{{ handbook_page("{path}") }}}}\n'))
    # The JSON Schemas editors check the YAML against (linked from the policy groups' page).
    for source in sorted((site.thresholds_folder() / "schema").glob("*.schema.json")):
        files.append(File.generated(config, f"schema/{source.name}", abs_src_path=str(source)))
    for path, source in assets.vendor_files():
        files.append(File.generated(config, path, abs_src_path=str(source)))
    # The navigator: its two scripts, then Pyodide, the snapshot, the decision package and the data.
    for name in ("navigator.js", "worker.js"):
        files.append(File.generated(config, f"{NAVIGATOR}/{name}", abs_src_path=str(WEB / name)))
    built = runtime.build(site.partnerships(dt.date.today()))
    for path, source in built.copied.items():
        files.append(File.generated(config, path, abs_src_path=str(source)))
    for path, content in built.generated.items():
        files.append(File.generated(config, path, content=content))
    _RUNTIME["built"] = built
    # Open data: each partnership's JSON (as `thresholds export`) and CSV tables, beside its open-data page.
    for path, data in open_data.files(site.partnerships(dt.date.today())).items():
        files.append(File.generated(config, path, content=data))
    return files


def on_post_page(output: str, page: Any, config: Any) -> str:
    """The diagram script where a page draws diagrams, then the page's Content-Security-Policy."""
    del config
    diagrams = 'class="diagram"' in output
    navigator = 'id="nav-form"' in output
    if diagrams:
        tag = f'<script type="module" src="{get_relative_url(DIAGRAM_SCRIPT, page.url)}"></script>'
        output = output.replace("</body>", f"{tag}\n</body>", 1)
    if navigator:
        # First in <head> and async, so the worker starts while the page is parsed. It names the exact runtime
        # files of this build, so a page never mixes two builds' files.
        partnership = page.file.src_uri.split("/")[0]
        runtime_json = json.dumps(_RUNTIME["built"].config(partnership), separators=(",", ":"))
        tag = (
            f'<script type="module" async src="{get_relative_url(f"{NAVIGATOR}/navigator.js", page.url)}" '
            f'data-runtime="{html.escape(runtime_json)}"></script>'
        )
        output = output.replace('<meta charset="utf-8">', f'<meta charset="utf-8">\n{tag}', 1)
    return security.with_policy(output, inline_styles=diagrams, wasm=navigator)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """The 404 page gets the same policy as every other page."""
    del config
    return security.with_policy(output_content) if template_name.endswith(".html") else output_content


def on_post_build(config: Any) -> None:
    """One search entry per indicator (its words as the title), landing on the indicator's anchor; then
    the service worker, last, since its manifest digests every built file."""
    index_path = Path(config["site_dir"]) / "search" / "search_index.json"
    index = json.loads(index_path.read_text(encoding="utf-8"))
    index["docs"] += pages.indicator_search_entries(
        site.documents(dt.date.today()), directory_urls=config["use_directory_urls"]
    )
    index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    offline.write_service_worker(Path(config["site_dir"]))
