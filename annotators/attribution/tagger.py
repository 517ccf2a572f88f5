"""The tagger stage: spans proposed by a sequence tagger, decoded into statements beside the rules'.

A span proposer (``SpanTagger``) labels every token of every passage (a paragraph, or a piece of an
over-long one) with ``B-``/``I-`` ``SRC``/``CUE``/``CONTENT`` or ``O``. Whatever the proposer is (the
fast model's CRF in ``crf``; a fine-tuned encoder can take its place), the labels go the same way:
``decode`` links each content to its nearest cue and the cue to its nearest source, and ``combine``
keeps every rule statement and adds the tagged ones that no rule statement's content overlaps.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace
from itertools import accumulate
from typing import Callable, Iterable, Protocol, Sequence

from .. import lexicons
from ..doc import Doc
from ..marks import DOUBLE_QUOTES
from ..model import Span, Statement
from ..stages import Stage, declare
from .cues import cue_forms, word_class

ROLES = ("SRC", "CUE", "CONTENT")
OUTSIDE = "O"
QUOTE_MARKS = frozenset(DOUBLE_QUOTES)


@dataclass(frozen=True)
class Passage:
    """One paragraph (or a piece of an over-long one) as the tagger sees it: its tokens and where its
    sentences start."""

    tokens: tuple[Span, ...]
    sentence_of: tuple[int, ...]  # per token, the index of its sentence within the paragraph


MAX_PASSAGE_TOKENS = 400  # longer paragraphs are tagged in pieces of whole sentences (memory stays flat)


def passages(doc: Doc) -> list[Passage]:
    """The paragraphs of ``doc`` as token sequences; an over-long one in pieces at sentence ends."""
    found: list[Passage] = []
    tokens: list[Span] = []
    sentence_of: list[int] = []
    paragraph = None

    def flush() -> None:
        if tokens:
            found.append(Passage(tuple(tokens), tuple(sentence_of)))
        tokens.clear()
        sentence_of.clear()

    for sentence in doc.sentences:
        if sentence.paragraph != paragraph or len(tokens) + len(sentence.tokens) > MAX_PASSAGE_TOKENS:
            flush()
            paragraph = sentence.paragraph
        for start in range(0, len(sentence.tokens), MAX_PASSAGE_TOKENS):
            if start:
                flush()
            piece = sentence.tokens[start : start + MAX_PASSAGE_TOKENS]
            number = sentence_of[-1] + 1 if sentence_of else 0
            tokens.extend(piece)
            sentence_of.extend([number] * len(piece))
    flush()
    return found


def bio_labels(passage: Passage, roles: Iterable[tuple[str, int, Span]]) -> list[str]:
    """BIO labels from (role, attribution number, span) triples; later triples win on overlaps."""
    owner: list[tuple[str, int] | None] = [None] * len(passage.tokens)
    for role, number, span in roles:
        for i, token in enumerate(passage.tokens):
            if span.start <= token.start < span.end:
                owner[i] = (role, number)
    labels = []
    for i, current in enumerate(owner):
        if current is None:
            labels.append(OUTSIDE)
        else:
            labels.append(("I-" if i and owner[i - 1] == current else "B-") + current[0])
    return labels


@dataclass(frozen=True)
class Segment:
    role: str
    first: int  # token indices, inclusive
    last: int


def segments(labels: Sequence[str]) -> list[Segment]:
    """Maximal runs of one role; a ``B-`` starts a new run, an ``I-`` after another role starts one too."""
    runs: list[list] = []  # [role, first, last]
    for i, label in enumerate(labels):
        if label == OUTSIDE:
            continue
        role = label[2:]
        if label[0] == "I" and runs and runs[-1][0] == role and runs[-1][2] == i - 1:
            runs[-1][2] = i
        else:
            runs.append([role, i, i])
    return [Segment(role, first, last) for role, first, last in runs]


def _gap(a: Segment, b: Segment) -> int:
    return max(a.first - b.last, b.first - a.last)


def _nearest(target: Segment, candidates: Sequence[Segment]) -> Segment | None:
    return min(candidates, key=lambda c: (_gap(target, c), c.first), default=None)


def _kind(text: str, content: Sequence[Span]) -> str:
    joined = "".join(span.text(text) for span in content).strip()
    marks = sum(1 for ch in joined if ch in QUOTE_MARKS)
    if marks and joined[:1] in QUOTE_MARKS and joined[-1:] in QUOTE_MARKS | {".", ","}:
        return "direct"
    return "mixed" if marks else "indirect"


def _joinable(labels: Sequence[str], text: str, passage: Passage, before: Segment, after: Segment) -> bool:
    """Two content runs are one content in pieces when only its cue, source and punctuation
    come between them (``"A," she said, "B."``)."""
    between = range(before.last + 1, after.first)
    return any(labels[i].endswith("CUE") for i in between) and all(
        labels[i] != OUTSIDE or not passage.tokens[i].text(text)[:1].isalnum() for i in between
    )


def decode(text: str, passage: Passage, labels: Sequence[str]) -> list[Statement]:
    """Statements from one tagged paragraph.

    Each content goes to its nearest cue, and a cue to its nearest source; consecutive contents of
    one cue with only that cue and its source between them are one statement in pieces.
    """
    found = segments(labels)
    cues = [s for s in found if s.role == "CUE"]
    sources = [s for s in found if s.role == "SRC"]
    groups: list[tuple[Segment | None, list[Segment]]] = []
    for content in (s for s in found if s.role == "CONTENT"):
        cue = _nearest(content, cues)
        if groups and cue is not None and groups[-1][0] == cue and _joinable(labels, text, passage, groups[-1][1][-1], content):
            groups[-1][1].append(content)
        else:
            groups.append((cue, [content]))

    def span(segment: Segment) -> Span:
        return Span(passage.tokens[segment.first].start, passage.tokens[segment.last].end)

    statements = []
    for cue, group in groups:
        source = _nearest(cue or group[0], sources)
        if source is not None and _never_a_source(text, passage, source):
            # "Trump's comments, which came during an answer about ...": no one speaks; what "which"
            # stands for is not content, and the clause's verb is not the cue
            group = [c for c in group if c.last + 2 != source.first] or group
            source = None
            cue = _cue_phrase(text, passage, cue) if cue else None
        pieces = tuple(span(c) for c in group)
        statements.append(
            Statement(
                id="",
                kind=_kind(text, pieces),
                content=pieces,
                cue=span(cue) if cue else None,
                source=span(source) if source else None,
            )
        )
    return statements


def _never_a_source(text: str, passage: Passage, source: Segment) -> bool:
    words = " ".join(passage.tokens[i].text(text).lower() for i in range(source.first, source.last + 1))
    return words in lexicons.words("attribution/never_sources")


def _cue_phrase(text: str, passage: Passage, cue: Segment) -> Segment:
    """The noun phrase of a cue inside a relative clause: "(which) came during an answer about" is the
    cue "an answer about" (from the determiner on), unless a cue word comes before it."""
    words = [passage.tokens[i].text(text).lower() for i in range(cue.first, cue.last + 1)]
    for offset, word in enumerate(words):
        if word in cue_forms() or word in lexicons.words("attribution/cue_words"):
            return cue
        if offset and word_class().get(word) == "determiner":
            return Segment(cue.role, cue.first + offset, cue.last)
    return cue


class SpanTagger(Protocol):
    """What the tagger stage needs from a span proposer: one BIO label per token of each passage.

    ``tag`` yields ``(passage, labels)`` for the passages of ``passages(doc)``, ``labels[i]`` being the
    label of ``passage.tokens[i]`` (a model with its own tokenisation, such as wordpieces, maps its
    labels back to these tokens). It may read ``doc.statements``: the rule statements found so far.
    """

    def tag(self, doc: Doc) -> Iterable[tuple[Passage, Sequence[str]]]: ...


def tag(doc: Doc, span_tagger: SpanTagger) -> list[Statement]:
    """The statements a span proposer's labels decode into, paragraph by paragraph."""
    return [s for passage, labels in span_tagger.tag(doc) for s in decode(doc.text, passage, labels)]


def combine(rule_statements: Sequence[Statement], tagged: Sequence[Statement]) -> tuple[Statement, ...]:
    """Rule statements stay; a tagged statement is added where no rule statement's content overlaps it."""
    pieces = sorted(piece for statement in rule_statements for piece in statement.content)
    starts = [piece.start for piece in pieces]
    furthest_end = list(accumulate((piece.end for piece in pieces), max))

    def overlaps_a_rule(span: Span) -> bool:
        # the rule pieces starting before span ends overlap it if the furthest of their ends passes its start
        before = bisect_left(starts, span.end)
        return before > 0 and furthest_end[before - 1] > span.start

    new = [s for s in tagged if not any(overlaps_a_rule(piece) for piece in s.content)]
    return (*rule_statements, *new)


def learned_stage(span_tagger: Callable[[], SpanTagger]) -> Stage:
    """The tagger stage over the proposer ``span_tagger()`` returns (called on first use, so a model
    loads only when a document is annotated). It reads the rule statements (features may use them)."""

    @declare("learned", requires=("sentences", "statements"), assigns=("statements.tagged",))
    def stage(doc: Doc) -> Doc:
        return replace(doc, statements=combine(doc.statements, tag(doc, span_tagger())))

    return stage
