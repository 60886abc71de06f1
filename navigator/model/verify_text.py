"""Text as compared with a source copy: one normalisation for `thresholds verify` and the fidelity tests.

A plain-text copy of a PDF differs from the document in ways that carry no meaning: lines break inside
phrases, words are hyphenated across lines ("safe-" / "guarding"), quotes and apostrophes come curly or
straight, dashes come as hyphens, en or em dashes, and spaces appear or vanish beside punctuation. Those
differences, and only those, are folded away here, so that anything else (a changed word, digit or
letter) still fails.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Curly and straight forms of the same quote or apostrophe; every dash a PDF may print for a hyphen.
_QUOTES = str.maketrans(
    dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'")
    | dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"')
)
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))
_INVISIBLE = str.maketrans(dict.fromkeys("\u00ad\u200b\ufeff", ""))
# A word broken at the end of a line: "safe-\nguarding". Kept as "safe-guarding" and joined as "safeguarding".
_LINE_END_HYPHEN = re.compile(r"(\w)[-\u2010\u2011][ \t]*\r?\n\s*(?=\w)")
_SPACE_BESIDE = re.compile(r" ?([-/]) ?| (?=[,.;:!?)])|(?<=\() ")
# What a converter leaves in a text copy that is no word of the document: HTML markup (inline tags vanish,
# block tags part words) and the bracketed markers of a .docx export ("[footnoteRef:1]", "[bookmark: x]").
_INLINE_TAG = re.compile(r"</?(?:i|b|em|strong|u|span|a|sup|sub|small|font)\b[^<>]*>", re.IGNORECASE)
_BLOCK_TAG = re.compile(r"</?(?:p|ul|ol|li|br|div|table|tbody|thead|tr|td|th|h[1-6])\b[^<>]*>", re.IGNORECASE)
_MARKER = re.compile(r"\[(?:footnoteRef|bookmark|image):[^\]]*\]")


def flat(text: str) -> str:
    """Bullets, no-break spaces, Markdown emphasis and link brackets dropped, runs of white space made one
    space: the data drops these where the copy has them (the data files' headers say so)."""
    text = re.sub(r"\*+|\[|\]\([^)]*\)|\]", "", text.replace("•", " ").replace("\u00a0", " "))
    return re.sub(r"\s+", " ", text).strip()


def comparable(text: str) -> str:
    """flat(text) with quotes made straight, dashes made hyphens and spaces beside dashes, slashes and
    closing punctuation dropped: the form in which a text and its source copy are compared."""
    folded = flat(text.translate(_INVISIBLE)).translate(_QUOTES).translate(_DASHES)
    return _SPACE_BESIDE.sub(r"\1", folded)


def without_artefacts(raw: str) -> str:
    """A source copy without the converter's markup and markers (never without any of its words)."""
    return _MARKER.sub(" ", _BLOCK_TAG.sub(" ", _INLINE_TAG.sub("", raw)))


def rejoined(text: str) -> str:
    """text with each word hyphenated across a line break ("safe-" / "guarding") joined again."""
    return _LINE_END_HYPHEN.sub(r"\1", text)


def digits(text: str) -> str:
    """Only the digits of text (a phone number as compared)."""
    return re.sub(r"\D", "", text)


@dataclass(frozen=True)
class SourceText:
    """One source copy in comparable form, twice: with words hyphenated across lines kept as written
    ("post-16") and joined ("safeguarding"), since the copy cannot tell which a line-end hyphen was."""

    name: str
    raw: str
    kept: str
    joined: str

    @classmethod
    def of(cls, name: str, raw: str) -> SourceText:
        """The comparable forms of raw, the text of the source file called name."""
        clean = without_artefacts(raw)
        return cls(name, raw, comparable(_LINE_END_HYPHEN.sub(r"\1-", clean)), comparable(rejoined(clean)))

    def contains(self, text: str) -> bool:
        """Whether text stands in the source, word for word but for a PDF copy's differences."""
        wanted = comparable(text)
        return bool(wanted) and (find_words(self.kept, wanted) >= 0 or find_words(self.joined, wanted) >= 0)

    def has_phone(self, phone: str) -> bool:
        """Whether the number's digits stand together in the source, spaced or punctuated in any way, and
        not as part of a longer number."""
        return bool(phone_pattern(phone).search(self.raw))

    def has_address(self, address: str) -> bool:
        """Whether an email or web address stands whole in the source (any case, with or without its
        http(s)://, a line break inside it allowed), not as part of a longer address."""
        wanted = re.sub(r"^https?://", "", address.strip().lower()).rstrip("/")
        spread = r"\s*".join(map(re.escape, wanted))  # a copy may break a long address over two lines
        whole = r"(?:(?<=://)|(?<![\w.@/-]))" + spread + r"(?![\w/@-]|\.\w)"
        return bool(wanted) and re.search(whole, self.raw.translate(_INVISIBLE).lower()) is not None


def find_words(form: str, wanted: str, start: int = 0) -> int:
    """Where wanted stands in form at or after start, not cut out of a longer word ("the hom" is not in
    "the home"), or -1."""
    at = form.find(wanted, start)
    while at >= 0:
        end = at + len(wanted)
        cut_before = at > 0 and form[at - 1].isalnum() and wanted[0].isalnum()
        cut_after = end < len(form) and form[end].isalnum() and wanted[-1].isalnum()
        if not cut_before and not cut_after:
            return at
        at = form.find(wanted, at + 1)
    return -1


def phone_pattern(phone: str) -> re.Pattern[str]:
    """A pattern for the number's digits with spaces, hyphens, dots or brackets between them."""
    separator = r"[\s\-\u2010\u2011\u2013.()\u00a0]*"
    return re.compile(r"(?<!\d)" + separator.join(digits(phone)) + r"(?!\d)")
