"""Rule-based statements: quotes and cue words turned into who-said-what, sentence by sentence.

Each sentence (sentences a quote runs through are read as one) becomes a list of ``Item``s: its
words and punctuation outside quotes, and each quote as one item. A cue word (``cue_verbs.tsv``,
"according to") then looks for its speaker and its content around it:

- ``X said (that) Y`` / ``X told Y (that) Z`` / ``X said: "..."`` / ``X has called for Y``: the speaker
  is the noun phrase ending just before the cue (skipping "also", "has", "on Friday" and a
  parenthesis such as ", speaking at the headquarters,"), the content what follows;
- ``"...," X said.`` / ``"...," said X.`` / ``..., X said.`` / ``..., said X.``: the content is
  what comes before, and the speaker follows an inverted cue;
- ``according to X, Y`` / ``Y, according to X``;
- ``X did this and said Y`` / ``X did this, saying Y``: the speaker is the one of the clause before.

Conventions follow PolNeAR, the gold corpus: the source is the local noun phrase ("he", "the EU's
top diplomat, Josep Borrell"; a relative clause after it is left out), the content of ``X said that
Y.`` is ``that Y`` without the final period, a direct quote's content keeps its quotation marks, and
a quote interrupted by its attribution (``"A," she said. "B."``) is one statement with two content
pieces. ``actor`` is left to the actors stage.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import cache
from typing import Iterable, Iterator, Sequence

from . import lexicons
from .doc import Doc, Quote, Sentence
from .model import Span, Statement, StatementKind
from .segment import ASCII_QUOTES

_QUOTE_CHARS = "\"“”«»'"
_MAX_SOURCE_WORDS = 14
_CLAUSE_PUNCT = {",", ";", ":", "(", ")", "--", "—", "–"}
_FINAL_PUNCT = {".", ",", ";", ":", "!", "?", "--", "—", "–"}
_BE = {"is", "are", "was", "were", "be", "been", "being"}
_PREPOSITIONS = {
    "of", "on", "in", "at", "after", "before", "during", "to", "from", "with", "by", "about", "when",
    "while", "as", "outside", "following", "via", "through", "over", "ahead", "amid", "inside", "near",
}
_CONTENT_OPENERS = {"that", "whether", "if"}


@dataclass(frozen=True)
class Item:
    """A word or punctuation token outside quotes, or a whole quote."""

    start: int
    end: int
    word: str  # lower-case ASCII form; "" for a quote
    quote: Quote | None = None
    upper: bool = False  # starts with a capital letter

    @property
    def is_word(self) -> bool:
        return self.word[:1].isalnum()

    def capitalised(self, text: str) -> bool:
        return self.upper


@dataclass(frozen=True)
class Cue:
    first: int  # item indices, inclusive
    last: int
    frame: str  # say | tell | that | ask | object | according


@dataclass(frozen=True)
class Found:
    """A statement in the making, with the item range it covers inside its sentence."""

    kind: StatementKind
    content: tuple[Span, ...]
    cue: Span
    source: Span | None
    first: int
    last: int
    content_left: bool  # the content came before the cue (``"...," she said.``)


# --- lexicons ---------------------------------------------------------------------------------


def inflections(lemma: str) -> set[str]:
    """The regular -s, -ed and -ing forms of a verb, plus the lemma."""
    if lemma.endswith("e"):
        return {lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    if lemma.endswith("y") and lemma[-2:-1] not in set("aeiou"):
        return {lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        return {lemma, lemma + "es", lemma + "ed", lemma + "ing"}
    return {lemma, lemma + "s", lemma + "ed", lemma + "ing"}


@cache
def cue_forms() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """Each inflected first word of a cue -> (the particle words that must follow, frame) options."""
    forms: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for row in lexicons.table("cue_verbs"):
        lemma, frame = row[0], row[1]
        head, *particle = lemma.split()
        words = inflections(head) | {w.strip() for w in row[2].split(",")} if len(row) > 2 else inflections(head)
        for form in words:
            forms.setdefault(form, []).append((tuple(particle), frame))
    # longest particle first, so "called for" wins over a bare "called"
    return {k: tuple(sorted(v, key=lambda o: -len(o[0]))) for k, v in forms.items()}


@cache
def word_class() -> dict[str, str]:
    return {row[0]: row[1] for row in lexicons.table("speaker_words")}


@cache
def word_set(name: str) -> frozenset[str]:
    return frozenset(lexicons.entries(name))


# --- items ------------------------------------------------------------------------------------


def _with_marks(text: str, piece: Span, paragraph: Span) -> Span:
    """A quote piece widened to the quotation marks around it (PolNeAR keeps them in the content)."""
    start, end = piece.start, piece.end
    if text[max(paragraph.start, start - 2) : start] in ("''", "``"):
        start -= 2
    elif start > paragraph.start and text[start - 1] in _QUOTE_CHARS:
        start -= 1
    if text[end : min(paragraph.end, end + 2)] == "''":
        end += 2
    elif end < paragraph.end and text[end] in _QUOTE_CHARS:
        end += 1
    return Span(start, end)


def quote_spans(text: str, quote: Quote, paragraphs: Sequence[Span]) -> tuple[Span, ...]:
    """Every piece of a quote with its marks."""
    spans = []
    for piece in quote.pieces:
        paragraph = next((p for p in paragraphs if p.start <= piece.start <= p.end), piece)
        spans.append(_with_marks(text, piece, paragraph))
    return tuple(spans)


def _units(sentences: list[Sentence], quotes: QuoteIndex) -> Iterator[list[Sentence]]:
    """A paragraph's sentences, grouped so that no quote piece crosses a group boundary."""
    group: list[Sentence] = []
    for sentence in sentences:
        offset = sentence.span.start
        if group and not any(span.start < offset for _, span in quotes.overlapping(offset, offset + 1)):
            yield group
            group = []
        group.append(sentence)
    if group:
        yield group


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


def _items(doc: Doc, unit: list[Sentence], quotes: QuoteIndex) -> list[Item]:
    start, end = unit[0].span.start, unit[-1].span.end
    inside = quotes.overlapping(start, end)
    items = [Item(span.start, span.end, "", q) for q, span in inside]
    for sentence in unit:
        for token in sentence.tokens:
            if any(span.start < token.end and token.start < span.end for _, span in inside):
                continue
            surface = doc.text[token.start : token.end]
            items.append(Item(token.start, token.end, surface.translate(ASCII_QUOTES).lower(), None, surface[:1].isupper()))
    items.sort(key=lambda item: item.start)
    return items


# --- cues -------------------------------------------------------------------------------------


def find_cues(items: list[Item]) -> list[Cue]:
    cues = []
    index = 0
    while index < len(items):
        cue = _cue_at(items, index)
        if cue is not None:
            cues.append(cue)
            index = cue.last + 1
        else:
            index += 1
    return cues


def _cue_at(items: list[Item], index: int) -> Cue | None:
    word = items[index].word
    if word == "according" and index + 1 < len(items) and items[index + 1].word == "to":
        return Cue(index, index + 1, "according")
    options = cue_forms().get(word)
    if not options or (items[index].upper and index > 0 and items[index - 1].quote is None):
        return None  # a capitalised cue word inside a sentence is a name ("United States")
    before = _skip_left(items, index - 1, word_set("cue_adverbs") - _BE)
    previous = items[before].word if before >= 0 else ""
    if previous in ("to", "the", "a", "an") or (previous in _BE and not word.endswith("ing")):
        return None  # "declined to say", "the said", passive "was asked"
    for particle, frame in options:
        following = [item.word for item in items[index + 1 : index + 1 + len(particle)]]
        if tuple(following) == particle:
            return Cue(index, index + len(particle), frame)
    return None


def _skip_left(items: list[Item], index: int, words: Iterable[str] | frozenset[str]) -> int:
    while index >= 0 and items[index].word in words:
        index -= 1
    return index


# --- speakers ---------------------------------------------------------------------------------


def _skip_time_left(items: list[Item], index: int) -> int:
    """Step left over adverbs, auxiliaries and time phrases ("has also", "on Friday", "last week")."""
    adverbs, times = word_set("cue_adverbs"), word_set("time_words")
    while index >= 0:
        word = items[index].word
        if word in adverbs or word in times:
            index -= 1
        elif word in ("on", "last", "this", "late", "early") and index + 1 < len(items) and items[index + 1].word in times:
            index -= 1
        else:
            break
    return index


def _np_word(item: Item, text: str) -> bool:
    if item.quote is not None or not (item.is_word or item.word in ("'s", "&", "-", "'")):
        return False
    cls = word_class().get(item.word)
    if cls == "opener" or item.word in _BE:
        return False
    if item.word in _PREPOSITIONS and cls != "inner":
        return False
    return item.word not in cue_forms() or item.capitalised(text)


def source_left(items: list[Item], end: int, text: str) -> tuple[int, int] | None:
    """The noun phrase ending at item ``end`` and starting its clause: (first, last) item indices."""
    if end < 0:
        return None
    first = end
    while first - 1 >= 0 and _np_word(items[first - 1], text):
        first -= 1
    # "Washington and its allies": "and" joins two noun phrases when a capital or determiner follows it
    while first - 2 >= 0 and items[first - 1].word == "and" and _np_word(items[first - 2], text) and (
        items[first].capitalised(text) or word_class().get(items[first].word) == "determiner"
    ):
        first -= 2
        while first - 1 >= 0 and _np_word(items[first - 1], text):
            first -= 1
    times = word_set("time_words")
    while first < end and (items[first].word in times or items[first].word in _PREPOSITIONS):
        first += 1  # "On Friday Blinken said": the time phrase is not the speaker
    if not _np_word(items[end], text) or end - first + 1 > _MAX_SOURCE_WORDS:
        return None
    if word_class().get(items[end].word) in ("determiner", "inner"):
        return None
    return first, end


def source_right(items: list[Item], start: int, text: str) -> tuple[int, int] | None:
    """The noun phrase starting at item ``start`` (an inverted cue: ``..., said the EU's top diplomat``),
    with a following apposition (", Josep Borrell") but not a relative clause (", who ...")."""
    last = start - 1
    index = start
    while index < len(items):
        item = items[index]
        if _np_word(item, text) and item.word not in word_set("time_words"):
            last = index
            index += 1
        elif item.word == "," and last >= start and _appositive_end(items, index + 1, text) is not None:
            index += 1
        else:
            break
    if last < start or last - start + 1 > _MAX_SOURCE_WORDS:
        return None
    return start, last


def _appositive_end(items: list[Item], start: int, text: str) -> int | None:
    """The end of an apposition starting at ``start`` (", Josep Borrell,"), which must be a noun phrase
    closed by punctuation, or None ("According to X, the ministers agreed" has none)."""
    if start >= len(items):
        return None
    cls = word_class().get(items[start].word)
    if not (items[start].upper and cls not in ("opener", "pronoun") or cls == "determiner"):
        return None
    index = start
    while index < len(items) and _np_word(items[index], text):
        index += 1
    closed = index == len(items) or items[index].word in _FINAL_PUNCT
    return index - 1 if closed and index > start else None


def _parenthesis_start(items: list[Item], comma: int, lo: int) -> int | None:
    """For a comma right before a cue, the comma opening a parenthesis (", speaking at HQ,")."""
    index = comma - 1
    while index > lo and items[index].word != "," and items[index].quote is None:
        if word_class().get(items[index].word) == "opener" and items[index].word not in ("as", "and", "of"):
            return None
        index -= 1
    if index <= lo or items[index].word != ",":
        return None
    opener = items[index + 1].word
    relative = opener in ("who", "whose", "which", "where") or opener.endswith("ing")
    appositive = word_class().get(opener) == "determiner" or opener.isdigit() or opener in ("then", "now", "a")
    return index if relative or appositive else None


# --- content ----------------------------------------------------------------------------------


def _skip_adjuncts(items: list[Item], index: int, end: int) -> int:
    """Step right over time words ("said Thursday the ...")."""
    times = word_set("time_words")
    while index < end and items[index].word in times and items[index].word != "that":
        index += 1
    return index


def _skip_listener(items: list[Item], index: int, end: int, text: str) -> int:
    """Step right over the person told or asked ("told reporters", "told French President Macron")."""
    if index >= end:
        return index
    word = items[index].word
    if word in word_set("listener_words"):
        return index + 1
    if items[index].capitalised(text) or word_class().get(word) == "determiner":
        first = index
        while index < end and index - first < 8 and (
            items[index].capitalised(text) or word_class().get(items[index].word) in ("determiner", "inner")
            or (items[index].is_word and word_class().get(items[index].word) is None
                and items[index].word not in _PREPOSITIONS and items[index].word not in word_set("time_words")
                and index - first < 3)
        ):
            index += 1
    return index


def _that_ahead(items: list[Item], index: int, end: int) -> int | None:
    """The "that"/"whether" opening the content a few adjunct words after the cue ("said on Friday that")."""
    if index < end and items[index].word in _CONTENT_OPENERS:
        return index
    if index >= end or not (items[index].word in _PREPOSITIONS or items[index].word in word_set("time_words")
                            or items[index].word == ","):
        return None
    for ahead in range(index + 1, min(end, index + 10)):
        word = items[ahead].word
        if word in _CONTENT_OPENERS and items[ahead - 1].word != ",":
            return ahead
        if word in _CONTENT_OPENERS:
            return ahead
        if items[ahead].quote is not None or word in (";", ":") or (word_class().get(word) == "opener"):
            return None
    return None


def _adjunct_like(items: list[Item], index: int, end: int) -> bool:
    """Whether what follows a cue is circumstance (", who ...", "after the meeting") rather than content."""
    if index >= end:
        return True
    word = items[index].word
    if word in _FINAL_PUNCT and word != ",":
        return True
    if word == ",":
        following = items[index + 1].word if index + 1 < end else ""
        return following in ("who", "which", "whose", "where", "according") or following.endswith("ing") or not following
    return word in _PREPOSITIONS or word in word_set("time_words")


def _trim(items: list[Item], first: int, last: int) -> tuple[int, int] | None:
    """Drop punctuation at both ends of an item range."""
    while first <= last and items[first].quote is None and items[first].word in _FINAL_PUNCT | {"(", ")"}:
        first += 1
    while last >= first and items[last].quote is None and (items[last].word in _FINAL_PUNCT | {"(", ")"}):
        last -= 1
    return (first, last) if first <= last else None


def _content(items: list[Item], first: int, last: int, doc: Doc) -> tuple[StatementKind, tuple[Span, ...]] | None:
    """The spans and kind of the content held by items ``first..last``."""
    trimmed = _trim(items, first, last)
    if trimmed is None:
        return None
    first, last = trimmed
    chosen = items[first : last + 1]
    if not any(item.is_word or item.quote is not None for item in chosen):
        return None
    quoted = [item for item in chosen if item.quote is not None]
    if quoted and len(chosen) == len(quoted):
        spans = [s for item in quoted for s in quote_spans(doc.text, item.quote, doc.paragraphs)]  # type: ignore[arg-type]
        return "direct", tuple(sorted(set(spans)))
    return ("mixed" if quoted else "indirect"), (Span(chosen[0].start, chosen[-1].end),)


# --- the rules --------------------------------------------------------------------------------


def _statement(items: list[Item], cue: Cue, lo: int, hi: int, previous: Found | None, doc: Doc) -> Found | None:
    """The statement a cue makes inside items ``lo..hi`` (exclusive ``hi``), or None."""
    if cue.frame == "according":
        return _according_to(items, cue, lo, hi, doc)
    text = doc.text
    cue_span = Span(items[cue.first].start, items[cue.last].end)
    left = _skip_time_left(items, cue.first - 1)
    # "X did this and said Y", "X did this, saying Y": the speaker of the clause before
    if left >= lo and (items[left].word in ("and", "but") or (items[cue.first].word.endswith("ing") and items[left].word == ",")):
        source = previous.source if previous is not None else _subject(items, lo, left, text)
        return _right_statement(items, cue, cue_span, source, cue.first, hi, doc)
    if left < lo:
        return None
    if items[left].word == "," or items[left].quote is not None:
        paren = _parenthesis_start(items, left, lo) if items[left].word == "," else None
        if paren is not None:
            found = source_left(items, _skip_time_left(items, paren - 1), text)
            if found is not None and (found[0] == lo or _boundary(items[found[0] - 1])):
                return _after_source(items, cue, cue_span, found, lo, hi, doc)
        return _inverted(items, cue, cue_span, left, lo, hi, doc)
    found = source_left(items, left, text)
    if found is None or not (found[0] == lo or _boundary(items[found[0] - 1])):
        return None
    return _after_source(items, cue, cue_span, found, lo, hi, doc)


def _boundary(item: Item) -> bool:
    return item.quote is not None or item.word in _CLAUSE_PUNCT or word_class().get(item.word) == "opener"


def _subject(items: list[Item], lo: int, hi: int, text: str) -> Span | None:
    found = source_right(items, lo, text)
    if found is None or found[1] >= hi:
        return None
    return Span(items[found[0]].start, items[found[1]].end)


def _after_source(items: list[Item], cue: Cue, cue_span: Span, found: tuple[int, int], lo: int, hi: int,
                  doc: Doc) -> Found | None:
    """``X said ...``: content after the cue, or before the speaker when nothing follows the cue."""
    source = Span(items[found[0]].start, items[found[1]].end)
    right = _right_statement(items, cue, cue_span, source, found[0], hi, doc)
    if right is not None:
        return right
    # "“...,” Blinken told reporters after the meeting." / "..., he said."
    before = found[0] - 1
    if before < lo or not (items[before].word == "," or items[before].quote is not None):
        return None
    end = before if items[before].quote is not None else before - 1
    return _left_statement(items, cue, cue_span, source, lo, end, found[0], hi, doc)


def _after_cue(items: list[Item], cue: Cue, hi: int, text: str) -> int:
    index = cue.last + 1
    if cue.frame in ("tell", "ask"):
        index = _skip_listener(items, index, hi, text)
    return index


def _right_statement(items: list[Item], cue: Cue, cue_span: Span, source: Span | None, first: int, hi: int,
                     doc: Doc) -> Found | None:
    """Content after the cue: ``said (on Friday) that ...``, ``said: "..."``, ``called for ...``."""
    start = _after_cue(items, cue, hi, doc.text)
    that = _that_ahead(items, start, hi)
    if that is not None:
        start = that
    elif start < hi and items[start].word in (":", ",") and start + 1 < hi and items[start + 1].quote is not None:
        start += 1
    elif _adjunct_like(items, start, hi):
        return None
    elif cue.frame in ("that", "ask") and items[start].quote is None:
        return None
    else:
        start = _skip_adjuncts(items, start, hi)
    end = _content_end(items, start, hi)
    content = _content(items, start, end, doc)
    if content is None or source is None:
        return None
    return Found(content[0], content[1], cue_span, source, first, end, False)


def _content_end(items: list[Item], start: int, hi: int) -> int:
    """Content runs to the end of the sentence, or up to a second cue joined by "and said", ", saying"
    or ", according to"."""
    for index in range(start + 1, hi):
        cue = _cue_at(items, index)
        if cue is None:
            continue
        before = _skip_time_left(items, index - 1)
        joined = items[before].word in ("and", "but")
        after_comma = items[before].word == "," and (cue.frame == "according" or items[index].word.endswith("ing"))
        if joined or after_comma:
            return before - 1
    return hi - 1


def _left_statement(items: list[Item], cue: Cue, cue_span: Span, source: Span | None, lo: int, end: int,
                    first: int, hi: int, doc: Doc) -> Found | None:
    content = _content(items, lo, end, doc)
    if content is None or source is None:
        return None
    kind, spans = content
    last = _statement_end(items, first, hi)
    # "“A,” she said, “B.”": the quote resumes after the attribution
    if kind == "direct" and last + 1 < hi and items[last + 1].quote is not None:
        last += 1
        spans = spans + quote_spans(doc.text, items[last].quote, doc.paragraphs)  # type: ignore[arg-type]
    return Found(kind, spans, cue_span, source, lo, last, True)


def _statement_end(items: list[Item], index: int, hi: int) -> int:
    """The last item of an attribution clause ("she said", "Blinken told reporters after the meeting")."""
    index = max(index, 0)
    while index + 1 < hi and items[index + 1].quote is None and items[index + 1].word not in (".", "!", "?"):
        if items[index + 1].word == "," and index + 2 < hi and items[index + 2].quote is not None:
            return index + 1
        index += 1
    return index


def _inverted(items: list[Item], cue: Cue, cue_span: Span, left: int, lo: int, hi: int, doc: Doc) -> Found | None:
    """``"...," said X`` / ``..., said X``: content before the cue, speaker right after it."""
    found = source_right(items, cue.last + 1, doc.text)
    if found is None:
        return None
    source = Span(items[found[0]].start, items[found[1]].end)
    end = left if items[left].quote is not None else left - 1
    return _left_statement(items, cue, cue_span, source, lo, end, found[1], hi, doc)


def _according_to(items: list[Item], cue: Cue, lo: int, hi: int, doc: Doc) -> Found | None:
    found = source_right(items, cue.last + 1, doc.text)
    if found is None:
        return None
    source = Span(items[found[0]].start, items[found[1]].end)
    cue_span = Span(items[cue.first].start, items[cue.last].end)
    before = _skip_left(items, cue.first - 1, {","})
    if before < lo:  # "According to X, Y."
        start = found[1] + 1
        end = _content_end(items, start, hi)
        content = _content(items, start, end, doc)
        last = end
    else:  # "Y, according to X."
        content = _content(items, lo, before, doc)
        last = found[1]
    if content is None:
        return None
    return Found(content[0], content[1], cue_span, source, lo, last, before >= lo)


def _unit_statements(items: list[Item], doc: Doc) -> list[Found]:
    found: list[Found] = []
    for cue in find_cues(items):
        if any(f.first <= cue.first <= f.last and not _nested_ok(f, cue) for f in found):
            continue
        previous = found[-1] if found else None
        lo = next((f.last + 1 for f in reversed(found) if f.last < cue.first and f.content_left), 0)
        statement = _statement(items, cue, lo, len(items), previous, doc)
        if statement is not None:
            found.append(statement)
    return found


def _nested_ok(outer: Found, cue: Cue) -> bool:
    """A cue inside the content of another statement may make its own ("X said Y warned that Z")."""
    return not outer.content_left


def _join_resumed_quotes(unit_found: list[tuple[list[Item], list[Found]]], doc: Doc) -> list[Found]:
    """``"A," she said. "B."``: a sentence that is only a quote, right after an attribution that
    ended its sentence, is the second piece of that statement."""
    result: list[Found] = []
    for index, (items, found) in enumerate(unit_found):
        if found or not result or index == 0:
            result.extend(found)
            continue
        previous_items, previous_found = unit_found[index - 1]
        last = previous_found[-1] if previous_found else None
        only_quote = [item for item in items if item.word not in _FINAL_PUNCT]
        if (last is not None and last is result[-1] and last.content_left and last.kind == "direct"
                and len(only_quote) == 1 and only_quote[0].quote is not None):
            spans = last.content + quote_spans(doc.text, only_quote[0].quote, doc.paragraphs)
            result[-1] = replace(last, content=tuple(sorted(set(spans))))
        result.extend(found)
    return result


def find(doc: Doc) -> tuple[Statement, ...]:
    quotes = QuoteIndex(doc)
    statements: list[Statement] = []
    by_paragraph: dict[int, list[Sentence]] = {}
    for sentence in doc.sentences:
        by_paragraph.setdefault(sentence.paragraph, []).append(sentence)
    for paragraph, sentences in by_paragraph.items():
        unit_found = []
        for unit in _units(sentences, quotes):
            items = _items(doc, unit, quotes)
            unit_found.append((items, _unit_statements(items, doc)))
        for f in _join_resumed_quotes(unit_found, doc):
            statements.append(Statement("", f.kind, f.content, f.cue, f.source, None))
    return tuple(statements)


def stage(doc: Doc) -> Doc:
    return replace(doc, statements=doc.statements + find(doc))
