"""Placing stored notes on the article as it is now: which text, which statement, or unanchored.

A note on the whole article has no passage and is always placed (on the article).
A statement note remembers the statement's text, not its id: ids are renumbered whenever the
annotator finds one statement more or less. The note goes to the statement that best covers the
place its text is found at, so it follows the statement when the annotator draws its boundaries
differently. A note whose text is found but no statement covers it any more stays on that text
(shown like a highlight); a note whose text is gone is unanchored, and still listed.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate
from typing import Iterable, Sequence

from annotators import Annotation, Span, Statement

from .anchor import How, TextAnchor, locate
from .model import Note

# A statement takes a note when at least this share of the smaller of the two passages overlaps:
# a statement now split in two, or now merged with its neighbour, still gets its note.
MIN_STATEMENT_OVERLAP = 0.5


@dataclass(frozen=True)
class PlacedNote:
    note: Note
    span: Span | None  # where the note's text is now; None when unanchored
    statement_id: str | None  # the statement it is attached to now
    how: How | None  # how the text was found; None when unanchored

    @property
    def on_article(self) -> bool:
        return self.note.target == "article"

    @property
    def anchored(self) -> bool:
        """False when the note's passage is no longer in the article."""
        return self.span is not None or self.on_article


ARTICLE_ANCHOR = TextAnchor("", "", "", 0, 0)  # what an article note stores: no passage


def statement_anchor(text: str, statement: Statement) -> TextAnchor:
    """A statement note anchors to the statement's content, first piece to last."""
    return TextAnchor.from_span(text, statement.start, statement.end)


def place_notes(notes: Iterable[Note], text: str, annotation: Annotation) -> tuple[PlacedNote, ...]:
    """Every note: on the article first, then in document order, unanchored last (oldest first)."""
    statements = StatementIndex(annotation.statements)
    placed = [_place(note, text, statements) for note in notes]
    return tuple(sorted(placed, key=lambda p: (
        not p.on_article, p.span is None, Span(0, 0) if p.span is None else p.span, p.note.created_at, p.note.id
    )))


class StatementIndex:
    """The statements by position: those overlapping a passage, found by bisection rather than by
    scanning every statement for every note (an article may have hundreds of both)."""

    def __init__(self, statements: Sequence[Statement]):
        self.statements = statements
        starts = [min(piece.start for piece in s.content) for s in statements]
        ends = [max(piece.end for piece in s.content) for s in statements]
        self.order = sorted(range(len(statements)), key=lambda i: starts[i])
        self.starts = [starts[i] for i in self.order]
        self.reach = list(accumulate((ends[i] for i in self.order), max))  # furthest end so far

    def overlapping(self, span: Span) -> list[Statement]:
        """The statements whose extent overlaps ``span``, in their own order."""
        found = []
        index = bisect_left(self.starts, span.end) - 1
        while index >= 0 and self.reach[index] > span.start:
            found.append(self.order[index])
            index -= 1
        return [self.statements[i] for i in sorted(found)]


def _place(note: Note, text: str, statements: StatementIndex) -> PlacedNote:
    if note.target == "article":
        return PlacedNote(note, None, None, None)
    found = locate(note.anchor, text)
    if found is None:
        return PlacedNote(note, None, None, None)
    span = Span(found.start, found.end)
    statement = best_statement(span, statements.overlapping(span)) if note.target == "statement" else None
    return PlacedNote(note, span, statement.id if statement else None, found.how)


def best_statement(span: Span, statements: Iterable[Statement]) -> Statement | None:
    """The statement whose content best matches ``span`` (overlap coefficient, then Jaccard)."""
    best: tuple[float, float] = (0.0, 0.0)
    chosen = None
    for statement in statements:
        overlap = sum(_overlap(span, piece) for piece in statement.content)
        if not overlap:
            continue
        size = sum(len(piece) for piece in statement.content)
        coefficient = overlap / min(len(span), size)
        jaccard = overlap / (len(span) + size - overlap)
        if coefficient >= MIN_STATEMENT_OVERLAP and (coefficient, jaccard) > best:
            best, chosen = (coefficient, jaccard), statement
    return chosen


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))
