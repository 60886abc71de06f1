"""The JavaScript modules a page loads from the built site: static import graphs, and mermaid's lazy chunks.

A module script downloads every module it imports statically (`import x from "./y.mjs"`, `import "./y.mjs"`,
`export * from "./y.mjs"`), and each of those its own, before it runs. Only same-site addresses are followed
("./", "../", "/"); bare names ("ws", "node:fs") are what Pyodide's Node code asks for and never reach a
browser.

Mermaid's ESM build adds one chunk per diagram type by dynamic `import()`, chosen by that type's detector
(a regular expression over the diagram's text, `t=>/^\\s*(graph|flowchart)/.test(t)` in the entry module,
followed by the loader's `import("./chunks/...")`), and one for the layout, by name
(`{name:"dagre",loader:...import("./dagre-...mjs")}` in a chunk of its static graph). The layout is the
diagram's front matter's `layout`, else one set in the page's own script, else the default configuration's
(`layout:"elk"` beside `maxTextSize` in mermaid 12; "dagre" in mermaid 11). All of it is read from the
shipped files, so a new mermaid version needs no change here. Every diagram is counted with its layout: an
upper bound for the few types (sequence, gantt, ...) that draw without one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

# `import ... from "x"`, `import "x"`, `export ... from "x"`, minified or not; never `import(`, `import.meta`.
STATIC_IMPORT = re.compile(
    r"""(?<![\w$.])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["']([^"'\n]+)["']"""
)
DETECTOR = re.compile(r"""=>/((?:\\.|[^/\\\n])+)/([a-z]*)\.test\(\w+\)[^;]*?"detector"\)""")
LOADER = re.compile(r"""import\("([^"]+)"\)""")
# A layout loader, `{name:"dagre",loader:o(async()=>await import("./dagre-...mjs")` or `{name:"elk",loader:e,`
# with `e=o(async()=>await import("./elk-...mjs"),"loader")` before it.
LAYOUT = re.compile(r"""\{name:"([\w.-]+)",loader:([\w$]+)(?:\(async\(\)=>await import\("([^"]+)"\))?""")
LAYOUT_VARIABLE = r"""(?<![\w$.]){}=[\w$]+\(async\(\)=>await import\("([^"]+)"\)"""
# The default configuration's top-level layout: a `layout` beside `maxTextSize` in the same object.
DEFAULT_LAYOUT = re.compile(r"""\blayout:"([\w.-]+)"(?=[^{}]*\bmaxTextSize:)""")
# A layout chosen in the page's script (`mermaid.initialize({layout: "dagre"})`), a diagram's front matter
# (`layout: dagre`) or directive (`%%{init: {"layout": "dagre"}}%%`).
CHOSEN_LAYOUT = re.compile(r"""\blayout["']?\s*:\s*["']?([\w.-]+)""")
FALLBACK_LAYOUT = "dagre"  # what mermaid uses for a layout it does not know
# Mermaid drops a front matter block and %%{...}%% directives before it detects the type.
PREAMBLE = re.compile(r"\A\s*(?:---\n.*?\n---\s*)?(?:%%\{.*?\}%%\s*)*", re.DOTALL)
MERMAID = "mermaid.esm.min.mjs"  # the entry of mermaid's ESM build


def resolve(module: str, specifier: str) -> str | None:
    """The site path a specifier names from the module at site path `module`; None when not on this site."""
    if specifier.startswith("/"):
        return str(PurePosixPath(specifier.lstrip("/")))
    if not specifier.startswith(("./", "../")):
        return None
    parts: list[str] = []
    for part in [*PurePosixPath(module).parent.parts, *PurePosixPath(specifier).parts]:
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


def _read(site: Path, module: str) -> str:
    return (site / module).read_text(encoding="utf-8", errors="replace")


def static_graph(site: Path, entries: Iterable[str]) -> list[str]:
    """The entries and every same-site module they import statically, each once, in the order found."""
    found: list[str] = []
    waiting = list(entries)
    while waiting:
        module = waiting.pop(0)
        if module in found:
            continue
        found.append(module)
        for specifier in STATIC_IMPORT.findall(_read(site, module)):
            path = resolve(module, specifier)
            if path is not None and path not in found:
                waiting.append(path)
    return found


def _types(entry: str) -> list[tuple[re.Pattern[str], str]]:
    """Each diagram type's detector (as a Python pattern) and the chunk its loader imports."""
    types = []
    for detector in DETECTOR.finditer(entry):
        loader = LOADER.search(entry, detector.end())
        if loader is not None:
            flags = re.IGNORECASE if "i" in detector.group(2) else 0
            types.append((re.compile(detector.group(1), flags), loader.group(1)))
    return types


def _layouts(site: Path, graph: list[str]) -> tuple[dict[str, str], str]:
    """Each layout's chunk (site path) by name, and the default configuration's layout."""
    loaders: dict[str, str] = {}
    default = FALLBACK_LAYOUT
    for module in graph:
        text = _read(site, module)
        for layout in LAYOUT.finditer(text):
            name, variable, chunk = layout.groups()
            if chunk is None:  # the loader assigned to the variable last before this entry
                assigned = re.compile(LAYOUT_VARIABLE.format(re.escape(variable)))
                chunk = next(
                    reversed([found.group(1) for found in assigned.finditer(text, 0, layout.start())]), ""
                )
            if chunk and (path := resolve(module, chunk)) is not None:
                loaders.setdefault(name, path)
        if configured := DEFAULT_LAYOUT.search(text):
            default = configured.group(1)
    return loaders, default


def diagram_chunks(site: Path, page_modules: list[str], diagrams: list[str]) -> list[str]:
    """The modules mermaid imports dynamically to draw a page's diagrams (texts given), with their imports.

    `page_modules` are the modules the page loads statically, mermaid's entry among them; a `layout` named
    in one of the page's own modules (outside mermaid's folder) overrides mermaid's default.
    """
    mermaid = next((module for module in page_modules if module.endswith(f"/{MERMAID}")), None)
    if not diagrams or mermaid is None:
        return []
    graph = static_graph(site, [mermaid])
    types = _types(_read(site, mermaid))
    loaders, layout = _layouts(site, graph)
    if FALLBACK_LAYOUT not in loaders:
        raise ValueError(f"no module of {mermaid} names a loader for the {FALLBACK_LAYOUT!r} layout")
    folder = mermaid.rsplit("/", 1)[0] + "/"
    for module in page_modules:
        if not module.startswith(folder) and (chosen := CHOSEN_LAYOUT.search(_read(site, module))):
            layout = chosen.group(1)
    chunks: list[str] = []
    for text in diagrams:
        preamble = PREAMBLE.match(text)
        body = text[preamble.end() :] if preamble else text
        chosen = CHOSEN_LAYOUT.search(preamble.group(0)) if preamble else None
        found = [
            path for pattern, chunk in types if pattern.search(body) and (path := resolve(mermaid, chunk))
        ]
        if not found:
            raise ValueError(f"{mermaid} has no diagram type for a diagram starting {body[:40]!r}")
        wanted = chosen.group(1) if chosen else layout
        chunks += [*found, loaders.get(wanted, loaders[FALLBACK_LAYOUT])]
    return [path for path in static_graph(site, chunks) if path not in graph]
