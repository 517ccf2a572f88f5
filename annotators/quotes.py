"""Quotation spans: the runs of text between double quotation marks, as ``Doc.quotes``.

Marks understood: curly “ ”, straight ", and the doubled apostrophes '' (with `` as an opener) that
some wire copy uses. Single quotes are never quote boundaries here: inside a double quote they are the
nested quotes, outside they are mostly apostrophes.

A quote that runs over several paragraphs reopens its mark at the start of each paragraph and closes
only in the last one. An opening mark that is never closed and not reopened by the next paragraph is
capped at its own paragraph, so a stray mark can never swallow the rest of the article; a closing mark
with nothing open is ignored.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterator, Literal

from .doc import Doc, Quote
from .marks import CLOSING_QUOTES, DOUBLE_QUOTES, OPENING_QUOTES
from .model import Span
from .stages import declare

Role = Literal["open", "close"]

_MARK = re.compile(rf"''|``|[{DOUBLE_QUOTES}]")
_OPENERS = {
    "``": "open",
    **{mark: "open" for mark in OPENING_QUOTES if mark in DOUBLE_QUOTES},
    **{mark: "close" for mark in CLOSING_QUOTES if mark in DOUBLE_QUOTES},
}
# What may stand right before an opening straight mark, and right after a closing one.
_BEFORE_OPEN = set(" \t\n([{—–-/:;")
_AFTER_CLOSE = set(" \t\n)]}—–-/.,;:!?")


def _role(text: str, mark: re.Match[str], inside: bool) -> Role:
    """Whether a mark opens or closes: curly marks say so; straight ones are read from their neighbours."""
    fixed = _OPENERS.get(mark.group())
    before = text[mark.start() - 1] if mark.start() > 0 else " "
    after = text[mark.end()] if mark.end() < len(text) else " "
    if fixed is not None:
        # A curly mark turned the wrong way (“It's unusual,“ said ...) is read from its neighbours.
        if fixed == "open" and inside and after in _AFTER_CLOSE and before not in " \t\n":
            return "close"
        if fixed == "close" and not inside and before in _BEFORE_OPEN and after not in _AFTER_CLOSE:
            return "open"
        return fixed  # type: ignore[return-value]
    opens_here = before in _BEFORE_OPEN and after not in " \t\n"
    closes_here = after in _AFTER_CLOSE and before not in " \t\n"
    if opens_here and not closes_here:
        return "open"
    if closes_here and not opens_here:
        return "close"
    return "close" if inside else "open"


def _marks(text: str, paragraph: Span) -> Iterator[re.Match[str]]:
    return _MARK.finditer(text, paragraph.start, paragraph.end)


def find(text: str, paragraphs: tuple[Span, ...]) -> tuple[Quote, ...]:
    """Every quote in ``text``, paragraph by paragraph, in document order."""
    quotes: list[Quote] = []
    open_mark: Span | None = None  # the mark of the quote now open, if any
    pieces: list[Span] = []  # its pieces in the paragraphs before this one
    piece_start = 0

    def emit(close_mark: Span | None) -> None:
        if any(text[p.start : p.end].strip() for p in pieces):
            quotes.append(Quote(tuple(pieces), open_mark, close_mark))  # type: ignore[arg-type]

    for paragraph in paragraphs:
        marks = list(_marks(text, paragraph))
        if open_mark is not None:
            if marks and marks[0].start() == paragraph.start and _role(text, marks[0], False) == "open":
                piece_start = marks.pop(0).end()  # the mark that reopens the running quote
            else:
                emit(None)  # not reopened: the quote stops where its paragraph stopped
                open_mark = None
        for mark in marks:
            role = _role(text, mark, inside=open_mark is not None)
            if open_mark is None and role == "open":
                open_mark, pieces, piece_start = Span(mark.start(), mark.end()), [], mark.end()
            elif open_mark is not None and role == "close":
                pieces.append(Span(piece_start, mark.start()))
                emit(Span(mark.start(), mark.end()))
                open_mark = None
            # A closing mark with nothing open is stray; an opening mark inside an open quote is a
            # typo or a nested double quote. Neither changes the quote being read.
        if open_mark is not None:
            pieces.append(Span(piece_start, paragraph.end))
    if open_mark is not None:
        emit(None)
    return tuple(quotes)


@declare("quotes", requires=("paragraphs",), assigns=("quotes",))
def stage(doc: Doc) -> Doc:
    return replace(doc, quotes=find(doc.text, doc.paragraphs))
