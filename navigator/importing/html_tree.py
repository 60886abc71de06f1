"""A small element tree from HTML, built with the standard library's html.parser.

html.parser only reports tags; pages leave many end tags out (`<li>`, `<td>`, `<tr>`, `<p>`), so the
builder closes what the HTML standard closes implicitly for the elements tables and lists use. That is
all the import needs: tables, their cells, and the paragraphs, list items and line breaks inside them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset(
    (
        *("area", "base", "br", "col", "embed", "hr", "img", "input"),
        *("link", "meta", "param", "source", "track", "wbr"),
    )
)
# Block elements: each starts a new item in a cell, and each closes an open <p>.
BLOCKS = frozenset(
    (
        *("address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt", "fieldset"),
        *("figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr"),
        *("li", "main", "nav", "ol", "p", "pre", "section", "table", "ul"),
    )
)
# What an open start tag implicitly closes, and the elements that stop the search for it.
SECTIONS = frozenset({"thead", "tbody", "tfoot"})
TABLE_PARTS = frozenset({"table", "caption", "tr", "td", "th"}) | SECTIONS
CLOSES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "td": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "th": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "tr": (frozenset({"tr"}), SECTIONS | {"table"}),
    **{section: (SECTIONS, frozenset({"table"})) for section in SECTIONS},
    "li": (frozenset({"li"}), frozenset({"ul", "ol", "td", "th", "table"})),
    "dt": (frozenset({"dt", "dd"}), frozenset({"dl", "td", "th", "table"})),
    "dd": (frozenset({"dt", "dd"}), frozenset({"dl", "td", "th", "table"})),
}
P_SCOPE = frozenset({"td", "th", "li", "dd", "dt", "table", "div", "blockquote", "body", "html"})
RAW_TEXT = frozenset({"script", "style", "template", "noscript"})


@dataclass
class Element:
    """An element: its tag, attributes and children (elements and text, in order)."""

    tag: str
    attributes: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)

    def elements(self, tag: str) -> list[Element]:
        """Descendants with tag, in order, not looking inside those found."""
        found: list[Element] = []
        for child in self.children:
            if isinstance(child, Element):
                found.extend([child] if child.tag == tag else child.elements(tag))
        return found


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self.open: list[Element] = [self.root]
        self.raw = 0  # inside script or style: text not shown

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in CLOSES:
            closes, stops = CLOSES[tag]
            self._close_up_to(closes, stops)
        if tag in BLOCKS:
            self._close_up_to(frozenset({"p"}), P_SCOPE)
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.open[-1].children.append(element)
        if tag in RAW_TEXT:
            self.raw += 1
        if tag not in VOID:
            self.open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        # An end tag closes its element, never what encloses the table or cell it is written in.
        stops = frozenset() if tag == "table" else {"table"} if tag in TABLE_PARTS else {"table", "td", "th"}
        for index in range(len(self.open) - 1, 0, -1):
            if self.open[index].tag == tag:
                del self.open[index:]
                if tag in RAW_TEXT:
                    self.raw = max(0, self.raw - 1)
                return
            if self.open[index].tag in stops:
                return

    def handle_data(self, data: str) -> None:
        if not self.raw:
            self.open[-1].children.append(data)

    def _close_up_to(self, closes: frozenset[str], stops: frozenset[str]) -> None:
        for index in range(len(self.open) - 1, 0, -1):
            tag = self.open[index].tag
            if tag in closes:
                del self.open[index:]
                return
            if tag in stops:
                return


def parse(text: str) -> Element:
    """The page as an element tree (never fails: broken HTML gives the tree the builder could make)."""
    builder = _Builder()
    builder.feed(text)
    builder.close()
    return builder.root
