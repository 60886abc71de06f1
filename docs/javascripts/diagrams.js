// Draws each <pre class="diagram"> with mermaid, served from this site (npm), never a CDN. The text version
// under every diagram carries the same words, so a diagram that cannot be drawn loses nothing.
import mermaid from "./vendor/mermaid/mermaid.esm.min.mjs";

mermaid.initialize({
  startOnLoad: false,
  securityLevel: "strict",
  theme: "base",
  themeVariables: {
    primaryColor: "#ffffff",
    primaryTextColor: "#1a1a1a",
    primaryBorderColor: "#3f51b5",
    lineColor: "#303030",
    fontFamily: "inherit",
  },
  // dagre, not this mermaid's default (elk): its chunk is 13 KB gzip against elk's 509 KB, and it draws
  // these top-to-bottom flows as well (navigator/sitebuild/weights.py, docs/performance.md).
  layout: "dagre",
  flowchart: { htmlLabels: true, wrappingWidth: 240 },
});

let count = 0;
for (const block of document.querySelectorAll("pre.diagram")) {
  const title = block.dataset.title || "process";
  try {
    const { svg } = await mermaid.render(`diagram-${(count += 1)}`, block.textContent);
    const drawn = document.createElement("div");
    drawn.className = "diagram-drawn";
    drawn.setAttribute("role", "img");
    drawn.setAttribute("aria-label", `Diagram: ${title}. The text version follows.`);
    drawn.innerHTML = svg;
    block.replaceWith(drawn);
  } catch (error) {
    const note = document.createElement("p");
    note.className = "diagram-failed";
    note.textContent = "The diagram could not be drawn in this browser; the text version below has every step.";
    block.replaceWith(note);
  }
}
