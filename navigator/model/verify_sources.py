"""Read a source document for `thresholds verify`: a text copy, a saved web page or a Word document.

Each becomes plain text in reading order, paragraphs and table rows on lines of their own (cells parted
by tabs), so that the same normalisation (navigator.model.verify_text) serves all three. A source that
cannot be read is a SourceError naming the file and why, never a traceback.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from navigator.model.verify_text import SourceText

SUFFIXES = (".txt", ".html", ".htm", ".docx")
_BLOCKS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "footer"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre"),
        *("section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"),
    }
)
_HIDDEN = frozenset({"script", "style", "template", "noscript", "head"})


class SourceError(Exception):
    """A source file that is missing, of a kind we cannot read, or unreadable."""


def load_source(path: Path) -> SourceText:
    """The source at path in comparable form (navigator.model.verify_text.SourceText)."""
    return SourceText.of(path.name, read_source(path))


def read_source(path: Path) -> str:
    """The text of a .txt, .html or .docx source, in reading order."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise SourceError(f"{path}: cannot read a {suffix or 'suffix-less'} file (use .txt, .html or .docx)")
    if not path.is_file():
        raise SourceError(f"{path}: no such file")
    if suffix == ".docx":
        return _docx_text(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise SourceError(f"{path}: not UTF-8 text (byte {error.start}); save it as UTF-8") from None
    except OSError as error:
        raise SourceError(f"{path}: cannot read: {error.strerror}") from None
    return _html_text(text) if suffix in {".html", ".htm"} else text


class _TextOfPage(HTMLParser):
    """The visible text of a web page: a line break at each block, scripts and styles left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        del attrs
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag in {"td", "th"}:
            self.parts.append("\t")
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def _html_text(markup: str) -> str:
    parser = _TextOfPage()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)


def _docx_text(path: Path) -> str:
    """Paragraphs and table rows of a Word document in order (python-docx, imported only when needed)."""
    try:
        import docx  # noqa: PLC0415 (only .docx sources need it)
        from docx.table import Table  # noqa: PLC0415
    except ImportError:
        message = f"{path}: reading .docx sources needs python-docx (pip install python-docx==1.2.0)"
        raise SourceError(message) from None
    try:
        document = docx.Document(str(path))
    except Exception as error:  # a damaged or mislabelled file: python-docx raises several kinds
        raise SourceError(f"{path}: not a Word document python-docx can read ({error})") from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend("\t".join(cell.text for cell in row.cells) for row in block.rows)
        else:
            lines.append(block.text)
    return "\n".join(lines)
