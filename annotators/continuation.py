"""Continuation: a paragraph that is only a quote, with no cue of its own, continues the speaker before.

News copy runs a speaker's words on over paragraphs:

    “NATO will defend all its allies,” Blinken told reporters.

    “Ours is a defensive alliance. ...”

The second paragraph becomes a direct statement with no cue, the source of the statement just before
(the mention that names the speaker, as PolNeAR's annotators mark it) and its actor. That statement
must end the previous paragraph: when a sentence follows it there ("Zelenskyy disagreed."), or a
paragraph lies between, the quote is left unattributed. This stage runs after the actors stage so
that the actor can be copied.
"""

from __future__ import annotations

from dataclasses import replace

from .attribution.atoms import quote_spans
from .doc import Doc, Quote
from .model import Span, Statement
from .stages import declare


def _quote_starts(doc: Doc) -> dict[int, tuple[Quote, Span]]:
    """Each quote by where its first piece (with its mark) starts."""
    starts = {}
    for quote in doc.quotes:
        first = quote_spans(doc.text, quote, doc.paragraphs)[0]
        starts[first.start] = (quote, first)
    return starts


def _quote_only(doc: Doc, paragraph: Span, starts: dict[int, tuple[Quote, Span]]) -> Quote | None:
    """The quote that makes up the whole paragraph (only punctuation may stand outside it)."""
    found = starts.get(paragraph.start)
    if found is None:
        return None
    quote, first = found
    rest = doc.text[first.end : paragraph.end]
    return quote if not any(ch.isalnum() for ch in rest) else None


def _paragraph_of(doc: Doc, offset: int) -> int:
    return max(doc.paragraph_index_at(offset), 0)


def _unattributed(statement: Statement) -> bool:
    """A statement with neither cue nor source (a quote the tagger found but could not attribute)."""
    return statement.cue is None and statement.source is None


def find(doc: Doc) -> tuple[Statement, ...]:
    """Statements for the quote-only paragraphs that continue the statement ending the paragraph before."""
    starts = _quote_starts(doc)
    last_sentence_start = {s.paragraph: s.span.start for s in doc.sentences}  # sentences are in order
    attributed = [s for s in doc.statements if not _unattributed(s)]
    covered = {_paragraph_of(doc, c.start) for s in attributed for c in s.content}
    covered |= {_paragraph_of(doc, c.end - 1) for s in attributed for c in s.content if c.end > c.start}
    ending: dict[int, Statement] = {}  # the statement that ends last in each paragraph
    for statement in sorted(doc.statements, key=lambda s: s.extent.end):
        ending[_paragraph_of(doc, statement.extent.end - 1)] = statement
    added: list[Statement] = []
    for index in range(1, len(doc.paragraphs)):
        last = ending.get(index - 1)
        quote = None if index in covered or last is None else _quote_only(doc, doc.paragraphs[index], starts)
        if quote is None or last is None:
            continue
        continued = last in added
        if not continued and last_sentence_start.get(index - 1, -1) >= last.extent.end:
            continue  # a sentence after the statement may bring in someone else
        content = quote_spans(doc.text, quote, doc.paragraphs)
        statement = Statement("", "direct", content, None, last.source, last.actor)
        added.append(statement)
        for span in content:
            ending[_paragraph_of(doc, span.end - 1)] = statement
            covered.add(_paragraph_of(doc, span.start))
    return tuple(added)


@declare(
    "continuation",
    requires=("paragraphs", "sentences", "quotes", "statement.actor"),
    assigns=("statements.continued",),
)
def stage(doc: Doc) -> Doc:
    """Add the continuations; an unattributed statement inside a continued paragraph gives way to it."""
    added = find(doc)
    continued = {_paragraph_of(doc, c.start) for s in added for c in s.content}
    kept = tuple(
        s for s in doc.statements if not (_unattributed(s) and _paragraph_of(doc, s.content[0].start) in continued)
    )
    return replace(doc, statements=kept + added)
