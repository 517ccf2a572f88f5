"""The annotation pipeline: small stages run in order over a ``Doc``, like spaCy components.

Each stage is a function ``Doc -> Doc`` that adds what it finds; each is importable and testable
on its own. ``annotate`` runs the default pipeline and returns the public ``Annotation``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Sequence

from . import actors, attribution, continuation, learned, metadata, quotes, segment, stance, unnamed_holders
from .doc import Doc, Sentence
from .model import Annotation, Meta

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
        learned.stage,
        unnamed_holders.stage,
        actors.stage,
        continuation.stage,
        actors.first_person_stage,
        stance.stage,
    )


def run(text: str, stages: Sequence[Stage] | None = None, meta: Meta | None = None) -> Doc:
    doc = Doc(text, meta=meta or Meta())
    for stage in default_stages() if stages is None else stages:
        doc = stage(doc)
    return doc


def annotate(text: str, stages: Sequence[Stage] | None = None, *, meta: Meta | None = None) -> Annotation:
    """Annotate ``text``: who said what, with spans as ``str`` offsets into ``text``.

    ``meta`` is what the caller knows from the article's source (a page's title, author, date,
    outlet, URL): it is kept, and wins over what the first lines of the text suggest.
    """
    return run(text, stages, meta).annotation()
