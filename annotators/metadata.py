"""Article metadata: a ``date YYYY-MM-DD`` line, a headline-like first line, a ``BRUSSELS:`` dateline.

These become ``Meta`` and are excluded from the body the other stages annotate.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .doc import Doc
from .model import Meta, Span
from .stages import declare

_DATE_LINE = re.compile(r"[ \t]*date[ \t]*:?[ \t]+(\d{4}-\d{2}-\d{2})[ \t]*(?:\n|$)", re.IGNORECASE)
# An all-caps place (optionally ", Country" and a wire-service tag) followed by a colon or a dash
# (a hyphen counts when spaced: "CHICAGO - ").
_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z .'\-]{1,40}?(?:,[ \t]+[A-Z][A-Za-z .]{1,30}?)?)"
    r"(?:[ \t]*\((?:AP|Reuters|AFP|dpa)\))?[ \t]*(?::|—|–|--|(?<=[ \t])-)[ \t]+"
)
_SENTENCE_END = re.compile(r"[.!?:;\"”]\s*$")


def _line_at(text: str, start: int) -> Span:
    end = text.find("\n", start)
    return Span(start, len(text) if end < 0 else end)


def _skip_blank(text: str, offset: int) -> int:
    while offset < len(text) and text[offset].isspace():
        offset += 1
    return offset


def _is_headline(line: str, next_char: str) -> bool:
    """A short first line followed by a blank line, either unpunctuated or in Title Case."""
    words = line.split()
    if not 0 < len(words) <= 25 or next_char not in ("\n", ""):
        return False
    capitalised = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return not _SENTENCE_END.search(line) or capitalised > 0.7 * len(words)


def extract(text: str, given: Meta = Meta()) -> Meta:
    """The metadata the first lines hold; what ``given`` says (from the article's source) wins, and a
    first line that is the given title is the title line."""
    cursor = _skip_blank(text, 0)
    title = date = dateline = None
    first = _line_at(text, cursor)
    first_line = first.text(text).strip()
    if given.title and " ".join(first_line.split()) == " ".join(given.title.split()):
        title, cursor = first_line, _skip_blank(text, first.end)
    elif not _DATE_LINE.match(text, cursor) and first.end < len(text):
        after = text[first.end + 1 : first.end + 2]
        if _is_headline(first_line, after) or _DATE_LINE.match(text, first.end + 1):
            title, cursor = first_line, _skip_blank(text, first.end)
    if match := _DATE_LINE.match(text, cursor):
        date, cursor = match.group(1), _skip_blank(text, match.end())
    if match := _DATELINE.match(text, cursor):
        place = match.group("place").strip()
        # A dateline is a place in capitals, not the start of a shouted sentence.
        if place.replace(" ", "").replace(",", "").replace(".", "").isupper():
            dateline, cursor = place, match.end()
    end = len(text.rstrip())
    return replace(
        given, title=given.title or title, date=given.date or date, dateline=given.dateline or dateline,
        body=Span(min(cursor, end), end),
    )


@declare("metadata", requires=(), assigns=("meta",))
def stage(doc: Doc) -> Doc:
    return replace(doc, meta=extract(doc.text, doc.meta))
