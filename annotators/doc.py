"""The working document that pipeline stages pass along, each adding what it finds."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .model import Actor, Annotation, Meta, Span, Statement


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
