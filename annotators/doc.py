"""The working document that pipeline stages pass along, each adding what it finds."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace
from functools import cached_property

from .model import Actor, Annotation, Meta, Span, Statement, speakers


@dataclass(frozen=True)
class Quote:
    """A run of text between quotation marks (marks excluded), possibly over several paragraphs."""

    pieces: tuple[Span, ...]  # one per paragraph the quote runs through
    open_mark: Span  # the opening quotation mark
    close_mark: Span | None  # None when the quote is never closed

    @property
    def start(self) -> int:
        return self.pieces[0].start

    @property
    def end(self) -> int:
        return self.pieces[-1].end


@dataclass(frozen=True)
class Sentence:
    span: Span
    paragraph: int  # index into Doc.paragraphs
    tokens: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Doc:
    text: str
    meta: Meta = field(default_factory=Meta)
    paragraphs: tuple[Span, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    quotes: tuple[Quote, ...] = ()
    statements: tuple[Statement, ...] = ()
    actors: tuple[Actor, ...] = ()

    # Lookups by offset and by actor, computed once per document (a stage that changes the document
    # makes a new one, whose lookups start afresh).

    @cached_property
    def sentence_starts(self) -> tuple[int, ...]:
        return tuple(sentence.span.start for sentence in self.sentences)

    @cached_property
    def paragraph_starts(self) -> tuple[int, ...]:
        return tuple(paragraph.start for paragraph in self.paragraphs)

    def sentence_index_at(self, offset: int) -> int:
        """The index of the last sentence starting at or before ``offset`` (-1 before the first)."""
        return bisect_right(self.sentence_starts, offset) - 1

    def sentence_at(self, offset: int) -> Span | None:
        """The span of the sentence holding ``offset``, or None outside every sentence."""
        index = self.sentence_index_at(offset)
        span = self.sentences[index].span if index >= 0 else None
        return span if span is not None and offset < span.end else None

    def paragraph_index_at(self, offset: int) -> int:
        """The index of the last paragraph starting at or before ``offset`` (-1 before the first)."""
        return bisect_right(self.paragraph_starts, offset) - 1

    @cached_property
    def speakers(self) -> dict[str, str]:
        return speakers(self.actors)

    def speaker_of(self, actor_id: str | None) -> str | None:
        """Who speaks for ``actor_id`` (``Annotation.speaker_of``), over the actors found so far."""
        return None if actor_id is None else self.speakers.get(actor_id)

    def annotation(self) -> Annotation:
        """The public result: statements in document order, numbered s1, s2, ... in that order."""
        ordered = sorted(self.statements, key=lambda s: (s.start, s.end))
        return Annotation(
            meta=self.meta,
            paragraphs=self.paragraphs,
            actors=self.actors,
            statements=tuple(replace(s, id=f"s{i}") for i, s in enumerate(ordered, 1)),
            text=self.text,
        )
