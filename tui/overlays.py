"""What the reader paints over the article: statement parts as marks, speakers as colour slots.

Pure data derived from an ``Annotation`` once; the article widget asks it for the marks of one
paragraph at a time, so drawing a line never scans the whole article.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Literal

from annotators.model import Annotation, Span, Statement

Role = Literal["direct", "indirect", "cue", "source"]


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    role: Role
    statement: int  # index into annotation.statements


def content_role(statement: Statement) -> Role:
    """Reported speech reads differently from words actually quoted (direct and mixed)."""
    return "indirect" if statement.kind == "indirect" else "direct"


def statement_marks(index: int, statement: Statement) -> list[Mark]:
    """Content first, then cue and source, so the smaller parts are painted over the content."""
    role = content_role(statement)
    marks = [Mark(span.start, span.end, role, index) for span in statement.content]
    if statement.cue is not None:
        marks.append(Mark(statement.cue.start, statement.cue.end, "cue", index))
    if statement.source is not None:
        marks.append(Mark(statement.source.start, statement.source.end, "source", index))
    return marks


class Overlays:
    """Marks by paragraph, and each statement's speaker and colour slot."""

    def __init__(self, annotation: Annotation) -> None:
        self.annotation = annotation
        # a descriptive actor linked with ``same_as`` ("the EU's top diplomat" -> Borrell) shares its
        # named actor's colour and navigation
        self.speaker = annotation.speakers
        self.actors = {actor.id: actor for actor in annotation.actors}
        self.statement_speaker: list[str | None] = [
            self.speaker.get(s.actor, s.actor) if s.actor else None for s in annotation.statements
        ]
        self._by_speaker: dict[str, list[int]] = {}
        self.own_count: dict[str, int] = {}  # statements attributed to the actor itself
        for index, (statement, speaker) in enumerate(zip(annotation.statements, self.statement_speaker)):
            if speaker is not None:
                self._by_speaker.setdefault(speaker, []).append(index)
                self.own_count[statement.actor] = self.own_count.get(statement.actor, 0) + 1
        # Colour slots in order of first statement: stable for the article, whatever the theme.
        self.slot: dict[str, int] = {}
        for speaker in self.statement_speaker:
            if speaker is not None and speaker not in self.slot:
                self.slot[speaker] = len(self.slot)
        self._paragraph_starts = [p.start for p in annotation.paragraphs]
        self._marks: list[list[Mark]] = [[] for _ in annotation.paragraphs]
        for index, statement in enumerate(annotation.statements):
            for mark in statement_marks(index, statement):
                for paragraph in self._paragraphs_of(Span(mark.start, mark.end)):
                    self._marks[paragraph].append(mark)

    def _paragraphs_of(self, span: Span) -> range:
        first = max(0, bisect_right(self._paragraph_starts, span.start) - 1)
        last = max(first, bisect_right(self._paragraph_starts, max(span.start, span.end - 1)) - 1)
        return range(first, min(last, len(self._marks) - 1) + 1)

    def marks(self, paragraph: int) -> list[Mark]:
        return self._marks[paragraph] if 0 <= paragraph < len(self._marks) else []

    def slot_of(self, statement: int) -> int | None:
        speaker = self.statement_speaker[statement]
        return None if speaker is None else self.slot[speaker]

    def speaker_slot(self, actor_id: str) -> int | None:
        return self.slot.get(self.speaker.get(actor_id, actor_id))

    def statements_of(self, actor_id: str) -> list[int]:
        """Indices of the statements an actor (or an actor standing for it) made."""
        return self._by_speaker.get(self.speaker.get(actor_id, actor_id), [])

    def mentions_of(self, actor_id: str) -> list[Span]:
        """Every mention of an actor and of the actors standing for the same speaker, in order."""
        speaker = self.speaker.get(actor_id, actor_id)
        group = [actor for actor in self.annotation.actors if self.speaker.get(actor.id) == speaker]
        return sorted(mention for actor in group for mention in actor.mentions)

    def statement_at(self, offset: int) -> int | None:
        """The statement drawn at ``offset`` (its extent: source, cue, content and what lies between)."""
        paragraph = max(0, bisect_right(self._paragraph_starts, offset) - 1)
        for index in sorted({mark.statement for mark in self.marks(paragraph)}):
            extent = self.annotation.statements[index].extent
            if extent.start <= offset < extent.end:
                return index
        return None
