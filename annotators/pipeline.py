"""The annotation pipeline: small stages run in order over a ``Doc``, like spaCy components.

Each stage is a function ``Doc -> Doc`` that adds what it finds; each is importable and testable
on its own. ``annotate`` runs the default pipeline and returns the public ``Annotation``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Sequence

from . import actors, continuation, first_person, metadata, quotes, segment, unnamed_holders
from .attribution import stage as attribution
from .attribution import crf
from .stance import stage as stance
from .doc import Doc, Sentence
from .model import Annotation

Stage = Callable[[Doc], Doc]


def segment_stage(doc: Doc) -> Doc:
    body = doc.meta.body
    start, end = (body.start, body.end) if body else (0, len(doc.text))
    paragraphs = segment.paragraphs(doc.text, start, end)
    sentences = tuple(
        Sentence(span, index, tuple(segment.tokens(doc.text, span)))
        for index, paragraph in enumerate(paragraphs)
        for span in segment.sentences(doc.text, paragraph)
    )
    return replace(doc, paragraphs=paragraphs, sentences=sentences)


def default_stages() -> tuple[Stage, ...]:
    return (
        metadata.stage,
        segment_stage,
        quotes.stage,
        attribution.stage,
        crf.stage,
        unnamed_holders.stage,
        actors.stage,
        continuation.stage,
        first_person.stage,
        stance.stage,
    )


def run(text: str, stages: Sequence[Stage] | None = None) -> Doc:
    doc = Doc(text)
    for stage in default_stages() if stages is None else stages:
        doc = stage(doc)
    return doc


def annotate(text: str, stages: Sequence[Stage] | None = None) -> Annotation:
    """Annotate ``text``: who said what, with spans as ``str`` offsets into ``text``."""
    return run(text, stages).annotation()
