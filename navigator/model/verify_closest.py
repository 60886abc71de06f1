"""The passage of a source nearest to a text that is not in it, shown beside each failure of `verify`.

Only failures need it, but a draft can have hundreds, so it never compares the text with every passage:
windows as many words long as the text are scored by the text's words they hold (rare words counting for
more), found through an index of where each word stands; only the best few, shifted a word or two either
way, are compared word by word, and the closest three letter by letter (difflib).
"""

from __future__ import annotations

import difflib
import heapq
import re
from collections.abc import Callable
from functools import cache

from navigator.model.verify_text import SourceText, comparable, digits, flat, rejoined, without_artefacts

_CANDIDATES = 8  # windows compared word by word (difflib)
_WORD = re.compile(r"\w")  # a bullet, dash or slash standing alone is no word
_EDGES = re.compile(r"^\W+|\W+$")
_QUOTE_MARKS = "\"'\u2018\u2019\u201c\u201d"
_NUMBER = re.compile(r"(?<!\d)\d+(?:[ \-.\u00a0]\d+)*")
_ADDRESS = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:/[\w./%-]*)?"
)


def closest(source: SourceText, text: str) -> str:
    """The run of source words most like text, as long as text and as the source writes them ("" for an
    empty source)."""
    words, keys, places = _words(source)
    wanted = [_key(word) for word in flat(text).split(" ") if _WORD.search(word)]
    if not words or not wanted:
        return ""
    size = min(len(wanted), len(words))
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(wanted)  # analysed once, compared with each candidate window word by word

    def likeness(first: int) -> float:
        matcher.set_seq1(keys[first : first + size])
        return matcher.ratio()

    starts = {
        shifted
        for start in _best_starts(places, set(wanted), size, len(words))
        for shifted in range(max(0, start - 2), min(len(words) - size, start + 2) + 1)
    }
    shortlist = heapq.nlargest(3, sorted(starts), key=likeness)
    target = " ".join(wanted)

    def resemblance(first: int) -> float:  # letter by letter, to choose among the shortlist
        compared = " ".join(keys[first : first + size])
        return difflib.SequenceMatcher(None, target, compared, autojunk=False).ratio()

    first = max(shortlist, key=resemblance)
    shown, said = " ".join(words[first : first + size]), flat(text)
    start = 0 if said[:1] in _QUOTE_MARKS else len(shown) - len(shown.lstrip(_QUOTE_MARKS))
    end = len(shown) if said[-1:] in _QUOTE_MARKS else len(shown.rstrip(_QUOTE_MARKS))
    return shown[start:end]  # without a table cell's quotes, unless the text itself opens or closes with one


def closest_number(source: SourceText, phone: str) -> str:
    """The number in the source whose digits are most like the phone number's (as the source writes it),
    or "" when it has none: runs of digit groups cut to about as many digits as the phone number has."""
    wanted = digits(phone)
    numbers = []
    for run in _NUMBER.finditer(source.raw):
        groups = list(re.finditer(r"\d+", run.group()))
        for first, group in enumerate(groups):
            count = 0
            for last in range(first, len(groups)):
                count += len(groups[last].group())
                if count >= len(wanted) - 1:
                    numbers.append(run.group()[group.start() : groups[last].end()])
                if count > len(wanted):
                    break
    return _most_like(wanted, numbers, digits)


def closest_address(source: SourceText, address: str) -> str:
    """The email or web address in the source most like address, or "" when it has none."""
    found = [match.group().rstrip(".") for match in _ADDRESS.finditer(without_artefacts(source.raw))]
    return _most_like(address.lower(), [item for item in found if "." in item], str.lower)


def _most_like(wanted: str, found: list[str], key: Callable[[str], str]) -> str:
    if not found:
        return ""

    def score(item: str) -> float:
        return difflib.SequenceMatcher(None, wanted, key(item), autojunk=False).ratio()

    return max(found, key=score)


def _best_starts(places: dict[str, list[int]], wanted: set[str], size: int, length: int) -> list[int]:
    """The starts of the windows of size words richest in wanted's words, rare words counting for more:
    two pointers over the places where those words stand, never over the whole source."""
    hits = sorted((place, 1 / len(places[key])) for key in wanted if key in places for place in places[key])
    if not hits:
        return [0]
    scores, total, last = [], 0.0, 0
    for place, weight in hits:
        while last < len(hits) and hits[last][0] < place + size:
            total += hits[last][1]
            last += 1
        scores.append((total, -min(place, length - size)))
        total -= weight
    return [-start for _, start in heapq.nlargest(_CANDIDATES, scores)]


@cache
def _words(source: SourceText) -> tuple[list[str], list[str], dict[str, list[int]]]:
    """The source's words as written (flattened), as compared (folded, lower case), and where each
    compared word stands: computed once per source."""
    words = [word for word in flat(rejoined(without_artefacts(source.raw))).split(" ") if _WORD.search(word)]
    keys = [_key(word) for word in words]
    places: dict[str, list[int]] = {}
    for index, key in enumerate(keys):
        places.setdefault(key, []).append(index)
    return words, keys, places


def _key(word: str) -> str:
    """A word as scored: folded, lower case, without the quotes or punctuation around it."""
    return _EDGES.sub("", comparable(word).lower())
