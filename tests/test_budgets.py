"""Page-weight budgets (issue 8): every page of the built site within its budget, and the accounting behind.

The first tests measure the session's built site with navigator.sitebuild.weights, one per budget, naming
every page over it. The rest build small sites by hand in tmp_path and check what is counted: a page's
stylesheets and scripts, module imports, the search index, mermaid's chunks, the navigator's runtime, the
service worker's manifest in either format, each file once, and a page too big for its budget.
tests/browser/test_weights_browser.py checks the same accounting against what chromium really downloads.
"""

from __future__ import annotations

import gzip
import html
import json
import os
from pathlib import Path

import pytest

from navigator.sitebuild import weights
from navigator.sitebuild.weights import Budget, Check

# ---- the built site against its budgets -------------------------------------------------------------------


@pytest.fixture(scope="module")
def site_checks(built_site: Path) -> list[Check]:
    return weights.checks(built_site)


def _within(site: Path, found: list[Check], budget: Budget) -> None:
    """Every check of this budget passes; the message names each page over it and its heaviest files."""
    measured = [check for check in found if check.budget == budget]
    assert measured, f"nothing was measured against the budget for a {budget.name}"
    over = [
        f"{check}; heaviest: "
        + ", ".join(f"{path} {size:,}" for path, size in weights.heaviest(site, check.files, count=4))
        for check in measured
        if not check.ok
    ]
    assert not over, "over budget:\n" + "\n".join(over)


def test_every_handbook_page_is_within_300_kb(built_site: Path, site_checks: list[Check]) -> None:
    _within(built_site, site_checks, weights.HANDBOOK_PAGE)


def test_every_page_with_diagrams_is_within_1_2_mb(built_site: Path, site_checks: list[Check]) -> None:
    _within(built_site, site_checks, weights.DIAGRAM_PAGE)


def test_every_navigator_page_without_the_runtime_is_within_150_kb(
    built_site: Path, site_checks: list[Check]
) -> None:
    _within(built_site, site_checks, weights.NAVIGATOR_PAGE)


def test_every_cold_navigator_visit_is_within_10_mb(built_site: Path, site_checks: list[Check]) -> None:
    _within(built_site, site_checks, weights.COLD_NAVIGATOR)


def test_every_partnerships_navigator_data_is_within_100_kb(
    built_site: Path, site_checks: list[Check]
) -> None:
    _within(built_site, site_checks, weights.NAVIGATOR_DATA)


def test_every_page_of_the_built_site_is_checked(built_site: Path, site_checks: list[Check]) -> None:
    pages = {path.relative_to(built_site).as_posix() for path in built_site.rglob("*.html")}
    assert {check.measured_on for check in site_checks if check.budget != weights.NAVIGATOR_DATA} == pages


def test_the_performance_table_shows_each_measure_beside_its_budget(built_site: Path) -> None:
    section = weights.transfer_section(built_site)
    assert section.startswith("## Transfer sizes (gzip)")
    rows = [line for line in section.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert len(rows) == 8
    assert "search index" in rows[7]
    assert "`search/derby-derbyshire.json`" in rows[7]
    assert "`derby-derbyshire/level-2/index.html`" in rows[0]
    assert all(line.count("|") == 5 for line in rows)
    assert "≤ 10.00 MB" in section
    assert "≤ 1.20 MB" in section


# ---- hand-made sites --------------------------------------------------------------------------------------


def write(site: Path, path: str, content: str | bytes = "x") -> None:
    file = site / path
    file.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        file.write_bytes(content)
    else:
        file.write_text(content, encoding="utf-8")


def page(head: str = "", body: str = "") -> str:
    return f'<!doctype html><html><head><meta charset="utf-8">{head}</head><body>{body}</body></html>'


def config(base: str, search: str = "assets/search.js") -> str:
    data = json.dumps({"base": base, "search": f"{base}/{search}"})
    return f'<script id="__config" type="application/json">{data}</script>'


def test_a_page_counts_its_stylesheets_scripts_images_and_icon_resolved_from_its_folder(
    tmp_path: Path,
) -> None:
    head = (
        '<link rel="stylesheet" href="../../css/main.css"><link rel="icon" href="../../icon.png">'
        '<link rel="canonical" href="../../elsewhere/"><link rel="next" href="../b/">'
        '<script src="../../js/classic.js"></script><script src="https://cdn.example.org/x.js"></script>'
    )
    write(tmp_path, "p/a/index.html", page(head, '<img src="pic.png"><a href="#top">top</a><img src="#x">'))
    for path in ("css/main.css", "icon.png", "js/classic.js", "p/a/pic.png"):
        write(tmp_path, path)
    counted = weights.downloads(tmp_path, "p/a/")
    assert set(counted.page) == {
        "p/a/index.html",
        "css/main.css",
        "icon.png",
        "js/classic.js",
        "p/a/pic.png",
    }
    assert counted.runtime == ()


def test_a_module_script_counts_its_static_imports_not_its_dynamic_ones(tmp_path: Path) -> None:
    write(tmp_path, "index.html", page('<script type="module" src="js/main.mjs"></script>'))
    write(
        tmp_path,
        "js/main.mjs",
        'import{a as b}from"./lib/a.mjs";import "./side.mjs";const l=import("./lazy.mjs")',
    )
    write(tmp_path, "js/lib/a.mjs", 'export*from"../../shared/c.mjs";import ws from "ws";import.meta.url')
    write(tmp_path, "js/side.mjs", 'import {a} from "./lib/a.mjs"; // a cycle back')
    write(tmp_path, "shared/c.mjs", 'import "./c.mjs"')
    write(tmp_path, "js/lazy.mjs")
    assert set(weights.downloads(tmp_path, "index.html").page) == {
        "index.html",
        "js/main.mjs",
        "js/lib/a.mjs",
        "js/side.mjs",
        "shared/c.mjs",
    }


def test_the_search_index_is_the_default_one_unless_the_page_names_its_own(tmp_path: Path) -> None:
    write(tmp_path, "p/a/index.html", page(config("../..")))
    scope = '<script src="../../js/scope.js" data-search-index="../../search/p.json"></script>'
    write(tmp_path, "p/b/index.html", page(scope + config("../..")))
    for path in ("assets/search.js", "search/search_index.json", "search/p.json", "js/scope.js"):
        write(tmp_path, path)
    default = weights.downloads(tmp_path, "p/a/index.html")
    scoped = weights.downloads(tmp_path, "p/b/index.html")
    # The search worker comes with the page; the index only once the reader turns to search.
    assert "assets/search.js" in default.page
    assert default.on_demand == ("search/search_index.json",)
    assert {"assets/search.js", "js/scope.js"} <= set(scoped.page)
    assert scoped.on_demand == ("search/p.json",)
    assert not [path for path in (*default.page, *scoped.page) if path.startswith("search/")]
    assert "search/p.json" in scoped.files


MERMAID_ENTRY = (
    'import{a}from"./chunks/core.mjs";'
    'var d1=r(t=>/^\\s*(graph|flowchart)/.test(t),"detector"),l1=r(async()=>{let{diagram:t}=await '
    'import("./chunks/flow.mjs");return{id:"flowchart",diagram:t}},"loader");'
    'var d2=r(t=>/^\\s*sequenceDiagram/.test(t),"detector"),l2=r(async()=>{let{diagram:t}=await '
    'import("./chunks/sequence.mjs");return{id:"sequence",diagram:t}},"loader");'
)
MERMAID_CORE = (
    'var e=o(async()=>await import("./elk.mjs"),"loader");'
    'var L=[{name:"elk",loader:e,algorithm:"elk.layered"}];'
    'e=o(async()=>await import("./later.mjs"),"loader");'  # a later use of the same name
    'var D=[{name:"dagre",loader:o(async()=>await import("./dagre.mjs"),"loader")}];'
    'var C={theme:"default",state:{layout:"dagre",padding:8},layout:"elk",maxTextSize:5e4};'
)


def mermaid_site(site: Path, diagram: str, script: str = "") -> None:
    write(site, "js/diagrams.mjs", f'import mermaid from "./mermaid/mermaid.esm.min.mjs";{script}')
    write(site, "js/mermaid/mermaid.esm.min.mjs", MERMAID_ENTRY)
    write(site, "js/mermaid/chunks/core.mjs", MERMAID_CORE)
    write(site, "js/mermaid/chunks/flow.mjs", 'import"./shapes.mjs";')
    for name in ("shapes", "sequence", "dagre", "layered"):
        write(site, f"js/mermaid/chunks/{name}.mjs")
    write(site, "js/mermaid/chunks/elk.mjs", 'import"./layered.mjs";')
    pre = f'<pre class="diagram" data-title="A">{html.escape(diagram)}</pre>'
    write(site, "index.html", page(body=f'{pre}<script type="module" src="js/diagrams.mjs"></script>'))


def mermaid_chunks(site: Path) -> set[str]:
    return {
        path.rsplit("/", 1)[1] for path in weights.downloads(site, "index.html").page if "/chunks/" in path
    }


def test_a_flowchart_counts_its_diagram_chunk_and_mermaids_default_layout(tmp_path: Path) -> None:
    mermaid_site(tmp_path, "flowchart TD\n  A[Concern] --> B{Urgent?}")
    assert mermaid_chunks(tmp_path) == {"core.mjs", "flow.mjs", "shapes.mjs", "elk.mjs", "layered.mjs"}


def test_a_layout_chosen_by_the_page_or_the_diagram_replaces_the_default(tmp_path: Path) -> None:
    mermaid_site(tmp_path, "sequenceDiagram\n  A->>B: hello", script='mermaid.initialize({layout: "dagre"});')
    assert mermaid_chunks(tmp_path) == {"core.mjs", "sequence.mjs", "dagre.mjs"}
    mermaid_site(tmp_path, "---\nconfig:\n  layout: dagre\n---\ngraph LR\n  A --> B")
    assert mermaid_chunks(tmp_path) == {"core.mjs", "flow.mjs", "shapes.mjs", "dagre.mjs"}
    mermaid_site(tmp_path, '%%{init: {"layout": "dagre"}}%%\nflowchart LR\n  A --> B')
    assert mermaid_chunks(tmp_path) == {"core.mjs", "flow.mjs", "shapes.mjs", "dagre.mjs"}


def test_a_page_with_diagrams_is_held_to_the_diagram_budget(tmp_path: Path) -> None:
    mermaid_site(tmp_path, "flowchart TD\n  A --> B")
    write(tmp_path, "plain/index.html", page())
    budgets = {check.measured_on: check.budget for check in weights.checks(tmp_path)}
    assert budgets == {"index.html": weights.DIAGRAM_PAGE, "plain/index.html": weights.HANDBOOK_PAGE}


def test_a_diagram_of_a_type_mermaid_does_not_have_is_an_error(tmp_path: Path) -> None:
    mermaid_site(tmp_path, "nonsenseDiagram\n  A")
    with pytest.raises(ValueError, match="no diagram type"):
        weights.downloads(tmp_path, "index.html")


RUNTIME: dict[str, object] = {
    "worker": "worker-1.js",
    "pyodide": "../pyodide/1.0/",
    "snapshot": "snapshot-1.bin",
    "stdlib": "stdlib-1.zip",
    "decision": "decision-1.zip",
    "data": "data/p1-1.json",
    "lock": {"info": {}, "packages": {}},
}
RUNTIME_FILES = (
    "assets/pyodide/1.0/pyodide.mjs",
    "assets/pyodide/1.0/pyodide.asm.mjs",
    "assets/pyodide/1.0/pyodide.asm.wasm",
    "assets/pyodide/1.0/python_stdlib.zip",
    "assets/pyodide/1.0/pyodide-lock.json",
    "assets/navigator/snapshot-1.bin",
    "assets/navigator/stdlib-1.zip",
    "assets/navigator/decision-1.zip",
)


def navigator_site(site: Path, runtime: dict[str, object] = RUNTIME, manifest: object = None) -> None:
    tag = (
        '<script type="module" async src="../../assets/navigator/navigator-1.js" '
        f'data-runtime="{html.escape(json.dumps(runtime))}"></script>'
    )
    write(site, "p1/navigator/index.html", page(tag + '<link rel="stylesheet" href="../../main.css">'))
    write(site, "p1/level-1/index.html", page('<link rel="stylesheet" href="../../main.css">'))
    for path in (
        *RUNTIME_FILES,
        "assets/navigator/navigator-1.js",
        "assets/navigator/worker-1.js",
        "main.css",
    ):
        write(site, path)
    for pid in ("p1", "p2"):
        write(site, f"assets/navigator/data/{pid}-1.json", "{}")
        write(site, f"{pid}/index.html", page())
    write(site, "index.html", page())
    if manifest is not None:
        write(site, "sw.js", f'"use strict";\nconst MANIFEST = {json.dumps(manifest)};\nconst CACHE = 1;\n')


def test_a_navigator_page_counts_worker_and_data_as_the_page_and_python_as_the_runtime(
    tmp_path: Path,
) -> None:
    navigator_site(tmp_path)
    counted = weights.downloads(tmp_path, "p1/navigator/")
    assert set(counted.page) == {
        "p1/navigator/index.html",
        "main.css",
        "assets/navigator/navigator-1.js",
        "assets/navigator/worker-1.js",
        "assets/navigator/data/p1-1.json",
    }
    assert counted.data == ("assets/navigator/data/p1-1.json",)
    assert set(counted.runtime) == {
        "assets/pyodide/1.0/pyodide.mjs",
        "assets/pyodide/1.0/pyodide.asm.mjs",
        "assets/pyodide/1.0/pyodide.asm.wasm",
        "assets/navigator/snapshot-1.bin",
        "assets/navigator/stdlib-1.zip",
        "assets/navigator/decision-1.zip",
    }


def test_a_navigator_whose_runtime_names_no_worker_is_an_error(tmp_path: Path) -> None:
    navigator_site(tmp_path, {key: value for key, value in RUNTIME.items() if key != "worker"})
    message = r"p1/navigator/index\.html: the navigator's runtime names no worker"
    with pytest.raises(ValueError, match=message):
        weights.downloads(tmp_path, "p1/navigator/")


def test_a_plain_start_counts_the_full_standard_library_and_a_missing_lock_the_lock_file(
    tmp_path: Path,
) -> None:
    navigator_site(tmp_path, {**RUNTIME, "snapshot": None, "lock": None})
    runtime = set(weights.downloads(tmp_path, "p1/navigator/").runtime)
    assert {"assets/pyodide/1.0/python_stdlib.zip", "assets/pyodide/1.0/pyodide-lock.json"} <= runtime
    assert "assets/navigator/snapshot-1.bin" not in runtime
    assert "assets/navigator/stdlib-1.zip" not in runtime


# Both formats of the service worker's manifest: one `navigator` list with every partnership's data, or
# `partnerships` and `navigator_data` per partnership.
SHARED = [path for path in RUNTIME_FILES if "python_stdlib" not in path and "lock" not in path]
SHARED += ["assets/navigator/navigator-1.js", "assets/navigator/worker-1.js"]
ONE_LIST = {
    "precache": ["./", "p1/", "p2/", "p1/level-1/", "main.css"],
    "navigator": [*SHARED, "assets/navigator/data/p1-1.json", "assets/navigator/data/p2-1.json"],
}
PER_PARTNERSHIP = {
    "precache": ["./", "main.css"],
    "partnerships": {"p1": ["p1/", "p1/level-1/", "p1/navigator/"], "p2": ["p2/"]},
    "navigator": SHARED,
    "navigator_data": {"p1": ["assets/navigator/data/p1-1.json"], "p2": ["assets/navigator/data/p2-1.json"]},
}


def test_a_cold_visit_with_one_navigator_list_counts_every_partnerships_data(tmp_path: Path) -> None:
    navigator_site(tmp_path, manifest=ONE_LIST)
    handbook = set(weights.cold_visit(tmp_path, "p1/level-1/"))
    navigator = set(weights.cold_visit(tmp_path, "p1/navigator/"))
    assert handbook == {
        "sw.js",
        "index.html",
        "p1/index.html",
        "p2/index.html",
        "p1/level-1/index.html",
        "main.css",
    }
    assert navigator == handbook | set(weights.downloads(tmp_path, "p1/navigator/").files) | {
        "assets/navigator/data/p2-1.json"
    }


def test_a_cold_visit_per_partnership_counts_only_that_partnerships_files(tmp_path: Path) -> None:
    navigator_site(tmp_path, manifest=PER_PARTNERSHIP)
    home = set(weights.cold_visit(tmp_path, "./"))
    handbook = set(weights.cold_visit(tmp_path, "p1/level-1/index.html"))
    navigator = set(weights.cold_visit(tmp_path, "p1/navigator/"))
    assert home == {"sw.js", "index.html", "main.css"}
    assert handbook == home | {"p1/index.html", "p1/level-1/index.html", "p1/navigator/index.html"}
    assert navigator == handbook | set(weights.downloads(tmp_path, "p1/navigator/").files)
    assert "assets/navigator/data/p2-1.json" not in navigator
    assert "p2/index.html" not in navigator


def test_gzip_sizes_compress_each_file_on_its_own_and_count_each_once(tmp_path: Path) -> None:
    text = "level 3: targeted early help " * 200
    write(tmp_path, "a.txt", text)
    write(tmp_path, "b.txt", text)
    one = len(gzip.compress(text.encode(), compresslevel=6))
    assert weights.gzip_size(tmp_path, ["a.txt"]) == one
    assert weights.gzip_size(tmp_path, ["a.txt", "b.txt"]) == 2 * one  # not one stream: 2x, not ~1x
    assert weights.gzip_size(tmp_path, ["a.txt", "a.txt", "b.txt"]) == 2 * one


def test_a_file_the_page_and_the_service_worker_both_fetch_is_counted_once(tmp_path: Path) -> None:
    navigator_site(tmp_path, manifest=PER_PARTNERSHIP)
    write(tmp_path, "main.css", os.urandom(50_000))
    cold = weights.cold_visit(tmp_path, "p1/level-1/")
    assert cold.count("main.css") == 1
    expected = sum(len(gzip.compress((tmp_path / path).read_bytes(), 6)) for path in set(cold))
    assert weights.gzip_size(tmp_path, cold) == expected


def test_a_page_with_a_2_mb_incompressible_image_is_over_its_budget(tmp_path: Path) -> None:
    write(tmp_path, "light/index.html", page('<link rel="stylesheet" href="../main.css">'))
    write(tmp_path, "heavy/index.html", page(body='<img src="photo.bin" alt="">'))
    write(tmp_path, "main.css", "body { margin: 0 }")
    write(tmp_path, "heavy/photo.bin", os.urandom(2_000_000))
    found = {check.measured_on: check for check in weights.checks(tmp_path)}
    assert found["light/index.html"].ok
    heavy = found["heavy/index.html"]
    assert heavy.budget == weights.HANDBOOK_PAGE
    assert not heavy.ok
    assert heavy.measured > 2_000_000
    assert "heavy/index.html" in str(heavy)
    assert "OVER the budget of 300 KB" in str(heavy)


def test_the_checks_put_each_page_against_its_own_budget(tmp_path: Path) -> None:
    navigator_site(tmp_path, manifest=PER_PARTNERSHIP)
    write(tmp_path, "assets/navigator/data/p2-1.json", os.urandom(150_000))
    found = weights.checks(tmp_path)
    budgets = {(check.budget.name, check.measured_on): check.ok for check in found}
    assert budgets[weights.NAVIGATOR_PAGE.name, "p1/navigator/index.html"]
    assert budgets[weights.COLD_NAVIGATOR.name, "p1/navigator/index.html"]
    assert budgets[weights.HANDBOOK_PAGE.name, "p1/level-1/index.html"]
    assert budgets[weights.NAVIGATOR_DATA.name, "p1"]
    assert not budgets[weights.NAVIGATOR_DATA.name, "p2"]
