"""What the attribution rules read: a sentence group's words and punctuation outside quotes, and
each quote as one item; the quote pieces with their marks; the word classes and punctuation they test."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Iterator, Sequence

from .. import lexicons
from ..doc import Doc, Quote, Sentence
from ..model import Span
from ..marks import ASCII_QUOTES, DOUBLE_QUOTES, SINGLE_QUOTES


QUOTE_CHARS = DOUBLE_QUOTES + "'"  # a straight apostrophe may close a quote ('' is one)
MAX_SOURCE_WORDS = 14
MAX_DESCRIPTION_ITEMS = 30  # '"A," said X, <who X is>, "B."': how far B may resume
DASHES = {"-", "--", "—", "–"}  # as tokens: a hyphen inside a word is not one
CLAUSE_JOINERS = {"and", "but", ",", ";", "while", "whereas", *DASHES}  # before a new speaker's clause
VERB_FRAMES = frozenset({"say", "tell", "that", "ask", "call", "object"})
CLAUSE_PUNCT = {",", ";", ":", "(", ")", *DASHES}
FINAL_PUNCT = {".", ",", ";", ":", "!", "?", "--", "—", "–"}
# Word classes the rules test, from lexicons/attribution/ (what each is for is said in its file).
BE = lexicons.words("attribution/be")
PREPOSITIONS = lexicons.words("attribution/prepositions")
CONTENT_OPENERS = lexicons.words("attribution/content_openers")
LONE_DETERMINERS = lexicons.words("attribution/lone_determiners")
ADJUNCT_OPENERS = lexicons.words("attribution/adjunct_openers")
DEGREE_WORDS = lexicons.words("attribution/degree_words")
MODALS = lexicons.words("shared/modals")
PARTICIPLE_OPENERS = lexicons.words("attribution/participle_openers")
ING_NOUNS = lexicons.words("attribution/ing_nouns")
RELATIVES = lexicons.words("attribution/relatives")


@dataclass(frozen=True)
class Atom:
    """The smallest thing the rules read (an "item" in their comments): a word or punctuation token
    outside quotes, or a whole quote."""

    start: int
    end: int
    word: str  # lower-case ASCII form; "" for a quote
    quote: Quote | None = None
    upper: bool = False  # starts with a capital letter
    quote_open_ended: bool = False  # a quote ending in "," "?" "!" (what precedes an attribution)

    @property
    def is_word(self) -> bool:
        return self.word[:1].isalnum()

    def capitalised(self, text: str) -> bool:
        return self.upper


def _with_marks(text: str, piece: Span, paragraph: Span) -> Span:
    """A quote piece widened to the quotation marks around it (PolNeAR keeps them in the content)."""
    start, end = piece.start, piece.end
    if text[max(paragraph.start, start - 2) : start] in ("''", "``"):
        start -= 2
    elif start > paragraph.start and text[start - 1] in QUOTE_CHARS:
        start -= 1
    if text[end : min(paragraph.end, end + 2)] == "''":
        end += 2
    elif end < paragraph.end and text[end] in QUOTE_CHARS:
        end += 1
    return Span(start, end)


def quote_spans(text: str, quote: Quote, paragraphs: Sequence[Span]) -> tuple[Span, ...]:
    """Every piece of a quote with its marks."""
    spans = []
    for piece in quote.pieces:
        index = bisect_right(paragraphs, piece.start, key=lambda p: p.start) - 1
        paragraph = paragraphs[index] if index >= 0 and piece.end <= paragraphs[index].end else piece
        spans.append(_with_marks(text, piece, paragraph))
    return tuple(spans)


def sentence_groups(text: str, sentences: list[Sentence], quotes: QuoteIndex) -> Iterator[list[Sentence]]:
    """A paragraph's sentences, grouped so that no quote crosses a group boundary and a quote ending a
    sentence stays with the attribution after it (Punkt splits ``"Why?" Trump said.`` in two)."""
    group: list[Sentence] = []
    for sentence in sentences:
        offset = sentence.span.start
        inside_quote = any(span.start < offset for _, span in quotes.overlapping(offset, offset + 1))
        after_quote = bool(group) and any(
            _open_ended(text, span) for _, span in quotes.overlapping(group[-1].span.end - 1, group[-1].span.end)
        )
        # Punkt also splits after "(D-Tex." and before a lower-case word: those continue the sentence
        fragment = text[offset : offset + 1] in (")", "]") or text[offset : offset + 1].islower()
        if group and not inside_quote and not after_quote and not fragment:
            yield group
            group = []
        group.append(sentence)
    if group:
        yield group


def _open_ended(text: str, span: Span) -> bool:
    """Whether a quote ends the way an attributed one does: ``"...,"``, ``"...?"``, ``"...!"``."""
    inner = text[span.start : span.end].rstrip(DOUBLE_QUOTES + SINGLE_QUOTES + " ")
    return inner[-1:] in (",", "?", "!", "-", "—")


class QuoteIndex:
    """Quote pieces (with their marks) in document order, for finding those overlapping a range fast."""

    def __init__(self, doc: Doc) -> None:
        spans = [(span, q) for q in doc.quotes for span in quote_spans(doc.text, q, doc.paragraphs)]
        spans.sort(key=lambda pair: pair[0].start)
        self._spans = spans
        self._ends = [span.end for span, _ in spans]

    def overlapping(self, start: int, end: int) -> list[tuple[Quote, Span]]:
        found = []
        for span, quote in self._spans[bisect_right(self._ends, start) :]:
            if span.start >= end:
                break
            found.append((quote, span))
        return found


def items_of(doc: Doc, group: list[Sentence], quotes: QuoteIndex) -> list[Atom]:
    start, end = group[0].span.start, group[-1].span.end
    inside = quotes.overlapping(start, end)
    items = [Atom(span.start, span.end, "", q, False, _open_ended(doc.text, span)) for q, span in inside]
    spans = sorted(span for _, span in inside)
    next_quote = 0
    for sentence in group:
        for token in sentence.tokens:
            while next_quote < len(spans) and spans[next_quote].end <= token.start:
                next_quote += 1
            if next_quote < len(spans) and spans[next_quote].start < token.end:
                continue  # inside a quote
            surface = doc.text[token.start : token.end]
            items.append(Atom(token.start, token.end, surface.translate(ASCII_QUOTES).lower(), None, surface[:1].isupper()))
    items.sort(key=lambda item: item.start)
    return items
