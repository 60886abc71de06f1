"""Front-door processes and the areas' "if you are concerned" flows: a mermaid diagram plus a text version.

The diagram is drawn in the browser by mermaid (shipped from npm, never a CDN) from a `<pre class="diagram">`
block; the text version under it carries every word of the diagram for screen readers, print and anyone
without JavaScript. Node and edge texts are the YAML's verbatim words; the diagram adds only shapes.
"""

from __future__ import annotations

import html
from typing import Any

from navigator.handbook.render import prose, text
from navigator.model.levels import protection_level

Document = dict[str, Any]
KIND_WORDS = {"start": "Start", "step": "Step", "decision": "Decision", "outcome": "Outcome"}
# Mermaid node shapes by kind: stadium for the start, hexagon for a decision, rounded box for an outcome.
SHAPES = {"start": ('(["', '"])'), "step": ('["', '"]'), "decision": ('{{"', '"}}'), "outcome": ('("', '")')}


def label(value: str) -> str:
    """A quoted mermaid label: mermaid's own entity codes for the characters its grammar reserves."""
    for character, code in (("#", "#35;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;")):
        value = value.replace(character, code)
    return value


def _diagram_block(title: str, lines: list[str]) -> str:
    """The figure: mermaid source (hidden until drawn) and a caption pointing to the text version."""
    source = "\n".join(["flowchart TD", f"accTitle: {label(title)}", *lines])
    return (
        '<figure class="process-diagram">\n'
        f'<pre class="diagram" data-title="{html.escape(title)}">{html.escape(source)}</pre>\n'
        f"<figcaption>Diagram: {html.escape(title)}. The text version below gives every box and arrow in "
        "words.</figcaption>\n</figure>"
    )


def process_mermaid(process: dict[str, Any], protection: int | None) -> list[str]:
    """Mermaid lines for one process: a node per YAML node, an arrow per `next`; the nodes at the
    partnership's child-protection level (`protection`, by kind: navigator.model.levels) marked urgent."""
    numbers = {node["id"]: f"n{index}" for index, node in enumerate(process["nodes"])}
    lines: list[str] = []
    for node in process["nodes"]:
        opening, closing = SHAPES[node["kind"]]
        lines.append(f"{numbers[node['id']]}{opening}{label(node['text'])}{closing}")
        if protection is not None and node.get("level") == protection:
            lines.append(f"class {numbers[node['id']]} urgent")
    for node in process["nodes"]:
        for link in node.get("next", []):
            words = f'|"{label(link["label"])}"|' if link.get("label") else ""
            lines.append(f"{numbers[node['id']]} -->{words} {numbers[link['to']]}")
    lines.append("classDef urgent stroke:#b71c1c,stroke-width:3px")
    return lines


def process_text(process: dict[str, Any], areas: dict[str, str]) -> str:
    """The text version: every node numbered, with its kind, level, timescale and where each arrow goes."""
    numbers = {node["id"]: index for index, node in enumerate(process["nodes"], start=1)}
    items = []
    for node in process["nodes"]:
        extras = []
        if node.get("level"):
            extras.append(f"Level {node['level']}")
        if node.get("timescale"):
            extras.append(f"timescale: {text(node['timescale'])}")
        line = f"{numbers[node['id']]}. **{KIND_WORDS[node['kind']]}.** {text(node['text'])}"
        if extras:
            line += f" ({'; '.join(extras)})"
        for link in node.get("next", []):
            words = f": “{text(link['label'])}”" if link.get("label") else ""
            line += f"\n    - Goes to {numbers[link['to']]}{words}"
        items.append(line)
    area = f" ({text(areas[process['area']])})" if process.get("area") in areas else ""
    return f"**Text version of the diagram{area}**\n\n" + "\n".join(items)


def process_section(process: dict[str, Any], areas: dict[str, str], cite: str, protection: int | None) -> str:
    """A process's heading, diagram (the child-protection level's nodes marked) and text version."""
    diagram = _diagram_block(process["title"], process_mermaid(process, protection))
    parts = [f"## {text(process['title'])} {{#{process['id']}}}", prose(process.get("intro", []))]
    parts += [diagram, process_text(process, areas), cite]
    return "\n\n".join(part for part in parts if part)


def flow_levels(document: Document, area_id: str) -> list[dict[str, Any]]:
    """The levels that have steps for this area, in order."""
    return [level for level in document["levels"] if area_id in level.get("steps", {})]


def flow_mermaid(document: Document, area: dict[str, Any]) -> list[str]:
    """Three rows, each titled by the area's verbatim step title: the concern, the action, the follow-up;
    the child-protection level's column (by kind: navigator.model.levels) marked urgent."""
    chart = area["flowchart"]
    protection = protection_level(document)
    levels = flow_levels(document, area["id"])
    rows: list[list[str]] = [[], [], []]
    arrows: list[str] = []
    for level in levels:
        flow, number = level["steps"][area["id"]], level["level"]
        rows[0].append(f'c{number}["<b>{label(level["title"])}</b><br>{label(flow["concern"])}"]')
        rows[1].append(f'a{number}["{"<br>".join(label(item) for item in flow["actions"])}"]')
        rows[2].append(f'f{number}["{"<br>".join(label(item) for item in flow["follow_up"])}"]')
        arrows.append(f"c{number} --> a{number} --> f{number}")
        if number == protection:
            arrows.append(f"class c{number},a{number},f{number} urgent")
    lines: list[str] = []
    for row, (step_title, nodes) in enumerate(zip(chart["steps"], rows, strict=True)):
        lines += [f'subgraph step{row + 1}["{label(step_title)}"]', "direction LR", *nodes, "end"]
    return [*lines, *arrows, "classDef urgent stroke:#b71c1c,stroke-width:3px"]


def flow_text(document: Document, area: dict[str, Any]) -> str:
    chart = area["flowchart"]
    blocks = []
    for level in flow_levels(document, area["id"]):
        flow = level["steps"][area["id"]]
        lines = [f"### {text(level['title'])} ({text(area['name'])})", ""]
        lines += [
            f"**{text(chart['steps'][0])}** {text(flow['concern'])}",
            "",
            f"**{text(chart['steps'][1])}**",
            "",
        ]
        lines += [f"- {text(item)}" for item in flow["actions"]]
        lines += ["", f"**{text(chart['steps'][2])}**", ""]
        lines += [f"- {text(item)}" for item in flow["follow_up"]]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def flow_section(document: Document, area: dict[str, Any], cite: str) -> str:
    chart = area["flowchart"]
    anchor = f"{area['id']}-flowchart"
    parts = [
        f"## {text(chart['title'])} {{#{anchor}}}",
        _diagram_block(chart["title"], flow_mermaid(document, area)),
        f"**Text version of the diagram ({text(area['name'])})**",
        flow_text(document, area),
    ]
    follow_up = area.get("written_follow_up")
    if follow_up:
        parts.append(f"**{text(follow_up['text'])}**")
    parts.append(cite)
    return "\n\n".join(parts)
