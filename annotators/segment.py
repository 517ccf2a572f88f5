"""Segmentation: paragraphs, sentences and tokens as spans, with NLTK pieces that need no downloads.

NLTK's ``sent_tokenize``/``word_tokenize`` load a pickled Punkt model through ``nltk.data`` and fail
offline, so the sentence splitter here is a ``PunktSentenceTokenizer`` built from ``PunktParameters``
with our own abbreviation list, and tokens come from ``TreebankWordTokenizer.span_tokenize``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING, Iterator

from . import lexicons
from .doc import Doc, Sentence
from .marks import ASCII_QUOTES
from .model import Span
from .stages import declare

if TYPE_CHECKING:  # NLTK loads with the first segmentation, not with the import
    from nltk.tokenize.punkt import PunktSentenceTokenizer
    from nltk.tokenize.treebank import TreebankWordTokenizer

# NLTK 3.10 runs Punkt's and Treebank's regexes under a 5 s ReDoS timeout, and their cost grows with
# the input: a pathological megabyte-long line is cut into windows of at most this many characters.
MAX_WINDOW = 5_000

# Web copy glues paragraphs together: 'Trump said.Trump claimed', 'the world.”Rick Perry'. A word
# ending in two lower-case letters (not an abbreviation), a full stop (or ! ?), maybe a closing curly
# quote, then a capitalised word: Punkt sees no boundary there and Treebank would make "said.Trump"
# one token.
# Straight quotes are left alone: whether '."' closes or opens is unknowable.
GLUED_SENTENCE_END = re.compile(r"\b(?P<word>[A-Za-z]*[a-z]{2})(?P<end>[.!?])[”’]?(?=[“‘]?[A-Z][a-z])")

WRAP_WIDTH = 100  # hard-wrapped text keeps its lines shorter than this

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE_BREAK = re.compile(r"\n\s*")


@cache
def abbreviations() -> frozenset[str]:
    """Words that a full stop follows without ending the sentence, as Punkt keys them (lower case)."""
    return frozenset(lexicons.entries("segment/abbreviations"))


@cache
def sentence_splitter() -> PunktSentenceTokenizer:
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(abbreviations())
    params.sent_starters = set(lexicons.entries("segment/sentence_starters"))
    return PunktSentenceTokenizer(params)


@cache
def word_tokenizer() -> TreebankWordTokenizer:
    from nltk.tokenize.treebank import TreebankWordTokenizer

    return TreebankWordTokenizer()


def paragraphs(text: str, start: int = 0, end: int | None = None) -> tuple[Span, ...]:
    """Paragraph spans, stripped of surrounding whitespace.

    Text with blank lines is split on blank lines; within a block, single newlines are wrapping
    unless a line is longer than any wrapped line would be, and then each line is a paragraph (web
    copy mixes blank lines with one paragraph per line). Text without any blank line has a paragraph
    per line, as news copy pasted from the web usually does.
    """
    end = len(text) if end is None else end
    if not _BLANK_LINE.search(text, start, end):
        return _split(text, start, end, _LINE_BREAK)
    return tuple(
        paragraph
        for block in _split(text, start, end, _BLANK_LINE)
        for paragraph in (_split(text, block.start, block.end, _LINE_BREAK) if _unwrapped(text, block) else [block])
    )


def _split(text: str, start: int, end: int, separator: re.Pattern[str]) -> tuple[Span, ...]:
    spans = []
    cursor = start
    for match in separator.finditer(text, start, end):
        spans.append((cursor, match.start()))
        cursor = match.end()
    spans.append((cursor, end))
    return tuple(stripped for s, e in spans if (stripped := _strip(text, s, e)) is not None)


def _unwrapped(text: str, block: Span) -> bool:
    """Whether a block's line breaks end paragraphs: one of its lines is longer than wrapping allows."""
    return any(len(line) > WRAP_WIDTH for line in block.text(text).split("\n"))


def _strip(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if start < end else None


def windows(text: str, span: Span, limit: int = MAX_WINDOW) -> Iterator[Span]:
    """``span`` cut into pieces of at most ``limit`` characters, after a sentence end or a space
    where there is one (ordinary paragraphs and sentences come back whole)."""
    start, end = span.start, span.end
    while end - start > limit:
        floor, ceiling = start + limit // 2, start + limit
        cut = text.rfind(". ", floor, ceiling)
        cut = cut + 2 if cut >= 0 else text.rfind(" ", floor, ceiling) + 1
        if cut <= start:
            cut = ceiling
        yield Span(start, cut)
        start = cut
    yield Span(start, end)


def sentences(text: str, paragraph: Span) -> Iterator[Span]:
    """Sentence spans inside one paragraph (a sentence never crosses a paragraph boundary)."""
    for window in windows(text, paragraph):
        chunk = text[window.start : window.end].translate(ASCII_QUOTES)
        found = [Span(window.start + s, window.start + e) for s, e in sentence_splitter().span_tokenize(chunk)]
        yield from _closing_quotes_attached(text, [piece for span in found for piece in _unglued(text, span)])


def _unglued(text: str, sentence: Span) -> Iterator[Span]:
    """``sentence`` split where copied web text lost the space between two sentences."""
    start = sentence.start
    for match in GLUED_SENTENCE_END.finditer(text, sentence.start, sentence.end):
        if match["end"] == "." and match["word"].lower() in abbreviations():  # "Gov.Smith"
            continue
        yield Span(start, match.end())
        start = match.end()
    yield Span(start, sentence.end)


def _closing_quotes_attached(text: str, spans: list[Span]) -> list[Span]:
    """Punkt cuts 'the world.”Rick' before the closing mark: it belongs to the sentence it closes."""
    attached: list[Span] = []
    for span in spans:
        if attached and attached[-1].end == span.start and text[span.start] in "”’" and len(span) > 1:
            attached[-1] = Span(attached[-1].start, span.start + 1)
            span = Span(span.start + 1, span.end)
        attached.append(span)
    return attached


def tokens(text: str, sentence: Span) -> Iterator[Span]:
    """Treebank token spans inside one sentence."""
    for window in windows(text, sentence):
        chunk = text[window.start : window.end].translate(ASCII_QUOTES)
        try:
            spans = list(word_tokenizer().span_tokenize(chunk))
        except ValueError:
            # span_tokenize aligns its tokens back to the text and gives up on rare inputs
            # (odd quote runs); whitespace tokens with punctuation split off are a safe fallback.
            spans = [m.span() for m in re.finditer(r"\w+(?:[-'.]\w+)*|\S", chunk)]
        for s, e in spans:
            yield Span(window.start + s, window.start + e)


# --- the stages -------------------------------------------------------------------------------------


@declare("paragraphs", requires=("meta",), assigns=("paragraphs",))
def paragraph_stage(doc: Doc) -> Doc:
    """The paragraphs of the article's body (after its title, date and dateline)."""
    body = doc.meta.body
    start, end = (body.start, body.end) if body else (0, len(doc.text))
    return replace(doc, paragraphs=paragraphs(doc.text, start, end))


@declare("sentences", requires=("paragraphs",), assigns=("sentences",))
def sentence_stage(doc: Doc) -> Doc:
    """Each paragraph's sentences, with their tokens."""
    found = tuple(
        Sentence(span, index, tuple(tokens(doc.text, span)))
        for index, paragraph in enumerate(doc.paragraphs)
        for span in sentences(doc.text, paragraph)
    )
    return replace(doc, sentences=found)

