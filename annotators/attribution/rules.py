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

from .. import lexicons
from ..doc import Doc, Quote, Sentence
from ..model import Span, Statement, StatementKind
from ..segment import ASCII_QUOTES

_QUOTE_CHARS = "\"“”«»'"
_MAX_SOURCE_WORDS = 14
_MAX_DESCRIPTION_ITEMS = 30  # '"A," said X, <who X is>, "B."': how far B may resume
_DASHES = {"-", "--", "—", "–"}  # as tokens: a hyphen inside a word is not one
_CLAUSE_JOINERS = {"and", "but", ",", ";", "while", "whereas", *_DASHES}  # before a new speaker's clause
_VERB_FRAMES = frozenset({"say", "tell", "that", "ask", "call", "object"})
_CLAUSE_PUNCT = {",", ";", ":", "(", ")", *_DASHES}
_FINAL_PUNCT = {".", ",", ";", ":", "!", "?", "--", "—", "–"}
_BE = {"is", "are", "was", "were", "be", "been", "being"}
_PREPOSITIONS = {
    "of", "on", "in", "at", "after", "before", "during", "to", "from", "with", "by", "about", "when",
    "while", "as", "outside", "following", "via", "through", "over", "ahead", "amid", "inside", "near", "for",
}
_CONTENT_OPENERS = {"that", "whether", "if"}
_LONE_DETERMINERS = {"another", "some", "many", "both", "all", "most", "few", "several", "one", "each", "others"}
_ADJUNCT_OPENERS = {"on", "in", "at", "during", "after", "before", "late", "early", "last", "this", "earlier", "later",
                    "again", "publicly", "privately", "repeatedly", "recently", "also", "then", "by"}
_DEGREE_WORDS = {"less", "more", "most", "least", "very", "so", "too", "quite", "rather", "as", "increasingly"}
_MODALS = {"would", "will", "could", "should", "can", "may", "might", "must"}
_PARTICIPLE_OPENERS = {"by", "while", "after", "before", "when", "and", "but", "also", "then", "without"}
_ING_NOUNS = {"during", "morning", "evening", "spring", "string", "bring", "ceiling", "king"}
_RELATIVES = {"who", "whose", "whom", "which", "where", "when"}


@dataclass(frozen=True)
class Item:
    """A word or punctuation token outside quotes, or a whole quote."""

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
        listed = {w.strip() for w in row[2].lstrip("=").split(",")} if len(row) > 2 else set()
        words = listed if len(row) > 2 and row[2].startswith("=") else inflections(head) | listed
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
        index = bisect_right(paragraphs, piece.start, key=lambda p: p.start) - 1
        paragraph = paragraphs[index] if index >= 0 and piece.end <= paragraphs[index].end else piece
        spans.append(_with_marks(text, piece, paragraph))
    return tuple(spans)


def _units(text: str, sentences: list[Sentence], quotes: QuoteIndex) -> Iterator[list[Sentence]]:
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
    inner = text[span.start : span.end].rstrip(_QUOTE_CHARS + "‘’ ")
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


def _items(doc: Doc, unit: list[Sentence], quotes: QuoteIndex) -> list[Item]:
    start, end = unit[0].span.start, unit[-1].span.end
    inside = quotes.overlapping(start, end)
    items = [Item(span.start, span.end, "", q, False, _open_ended(doc.text, span)) for q, span in inside]
    spans = sorted(span for _, span in inside)
    next_quote = 0
    for sentence in unit:
        for token in sentence.tokens:
            while next_quote < len(spans) and spans[next_quote].end <= token.start:
                next_quote += 1
            if next_quote < len(spans) and spans[next_quote].start < token.end:
                continue  # inside a quote
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
    if word == ":" and index + 1 < len(items) and items[index + 1].quote is not None:
        return Cue(index, index, "colon")
    if word in word_set("cue_nouns") and index >= 2 and _possessor(items, index - 1) is not None \
            and index + 1 < len(items) and (items[index + 1].word == "that" or items[index + 1].word == ":"):
        return Cue(index, index, "noun")
    options = cue_forms().get(word)
    if not options:
        return Cue(index, index, "quoted") if _verb_after_quote(items, index) else None
    if items[index].upper and index > 0 and items[index - 1].quote is None:
        return None  # a capitalised cue word inside a sentence is a name ("United States")
    before = _skip_left(items, index - 1, word_set("cue_adverbs") - _BE)
    previous = items[before].word if before >= 0 else ""
    if previous in ("to", "the", "a", "an") or (previous in _BE and not word.endswith("ing")):
        return None  # "declined to say", "the said", passive "was asked"
    if _participle(word) and previous in _DEGREE_WORDS:
        return None  # "sounded far less welcoming": an adjective, not a cue
    for particle, frame in options:
        following = [item.word for item in items[index + 1 : index + 1 + len(particle)]]
        if tuple(following) == particle:
            return Cue(index, index + len(particle), frame)
    return None


def _verb_after_quote(items: list[Item], index: int) -> bool:
    """A verb outside the lexicon that attributes the quote before it: ``"...," she elaborated.``,
    ``"...," quipped the senator.`` It must look like a finite verb and sit right after the quote or
    after a short speaker that follows the quote."""
    item = items[index]
    if item.word[-1:] not in ("d", "s") or item.upper or len(item.word) < 4 or not item.word.endswith(("ed", "s")):
        return False
    if index + 1 < len(items) and items[index + 1].is_word and item.word.endswith("s") and not items[index + 1].upper:
        return False  # "“...,” his aides say it" is rare; a plural noun before a word is common
    before = index - 1
    speaker = 0
    while before >= 0 and speaker < 4 and (items[before].upper or word_class().get(items[before].word) == "pronoun"):
        before, speaker = before - 1, speaker + 1
    if before >= 1 and items[before].word == "," and items[before - 1].quote is not None:
        return True
    return before >= 0 and items[before].quote is not None and items[before].quote_open_ended


def _participle(word: str) -> bool:
    """An -ing form ("saying", "speaking"), not a noun such as "nothing" or "morning"."""
    return word.endswith("ing") and len(word) > 4 and word not in _ING_NOUNS and not word.endswith("thing")


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
    if item.quote is not None or not (item.is_word or item.word in ("'s", "&", "-", "'") or item.word[1:2].isalpha()):
        return False  # (Treebank splits "O'Rourke" into "O" and "'Rourke")
    cls = word_class().get(item.word)
    if cls == "opener" or (item.word in word_set("cue_adverbs") and not item.upper):
        return False  # auxiliaries and modals ("can", "have") mean a verb, so the noun phrase is over
    if item.word in _PREPOSITIONS and cls != "inner":
        return False
    return item.word not in cue_forms() or item.capitalised(text)


def _np_word_at(items: list[Item], index: int, text: str) -> bool:
    """Like ``_np_word``, and a cue word after a determiner is a noun ("the report", "his claims")."""
    if _np_word(items[index], text):
        return True
    before = items[index - 1].word if index > 0 else ""
    return items[index].word in cue_forms() and (word_class().get(before) == "determiner" or before == "'s")


def source_left(items: list[Item], end: int, text: str, lo: int = 0) -> tuple[int, int] | None:
    """The noun phrase ending at item ``end`` and starting its clause (at ``lo`` or after a comma, a
    quote or a conjunction): (first, last) item indices, or None."""
    if end < lo:
        return None
    bracket_end = end
    if items[end].word == ")":  # "Rep. Gregory Meeks (D-N.Y.) said"
        opening = next((i for i in range(end - 1, max(end - 8, -1), -1) if items[i].word == "("), None)
        if opening is None or opening == 0:
            return None
        end = opening - 1
    first = end
    while first - 1 >= lo and _np_word_at(items, first - 1, text) and word_class().get(items[end].word) != "pronoun":
        first -= 1
    # "Washington and its allies": "and" joins two noun phrases when a capital or determiner follows it,
    # and the joined phrase starts its clause ("a woman asked for a photo and Clinton said" does not)
    if first - 2 >= lo and items[first - 1].word == "and" and _np_word(items[first - 2], text) and (
        items[first].upper or word_class().get(items[first].word) == "determiner"
    ):
        joined = first - 2
        while joined - 1 >= lo and _np_word_at(items, joined - 1, text):
            joined -= 1
        if joined == lo or _boundary(items[joined - 1]):
            first = joined
    if not (first == lo or _boundary(items[first - 1])) or items[first].word in ("of", "'s", "&", "-"):
        return None  # ", of Flint, Mich., said": a noun phrase does not start with "of"
    times = word_set("time_words")
    while first < end and (items[first].word in times or items[first].word in _PREPOSITIONS):
        first += 1  # "On Friday Blinken said": the time phrase is not the speaker
    if not _np_word_at(items, end, text) or end - first + 1 > _MAX_SOURCE_WORDS:
        return None
    if word_class().get(items[end].word) == "inner" or (
        word_class().get(items[end].word) == "determiner" and not (first == end and items[end].word in _LONE_DETERMINERS)
    ):
        return None
    if all(items[i].word.isdigit() or not items[i].is_word for i in range(first, end + 1)):
        return None  # ", 22, of Flint" is an age
    if any(word_class().get(items[i].word) == "pronoun" for i in range(first, end)):
        return None  # "she made her decision based said": a pronoun is a whole speaker or none
    return first, bracket_end


def source_right(items: list[Item], start: int, text: str) -> tuple[int, int] | None:
    """The noun phrase starting at item ``start`` (an inverted cue: ``..., said the EU's top diplomat``),
    with a following apposition (", Josep Borrell") but not a relative clause (", who ...")."""
    if start < len(items) and items[start].word in _PREPOSITIONS:
        return None  # "..., X said in an interview": a noun phrase does not start with "in"
    last = start - 1
    index = start
    while index < len(items):
        item = items[index]
        verb_after_name = index > start and items[index - 1].upper and not item.upper and item.word.endswith("ed")
        joins = item.word == "and" and last >= start and index + 1 < len(items) and (
            items[index + 1].upper or word_class().get(items[index + 1].word) == "determiner"
        )  # "former Pennsylvania Gov. and DNC Chairman Ed Rendell"
        if joins:
            index += 1
            continue
        if not _np_word(item, text) or item.word in word_set("time_words") or verb_after_name:
            break
        last, index = index, index + 1
    if last < start or last - start + 1 > _MAX_SOURCE_WORDS:
        return None
    if last + 1 < len(items) and items[last + 1].word == "(":  # "said Rep. Beto O'Rourke (D-Tex.)"
        closing = next((i for i in range(last + 2, min(len(items), last + 9)) if items[i].word == ")"), None)
        last = closing if closing is not None else last
    if last + 1 < len(items) and items[last + 1].word == ",":
        apposition = _appositive_end(items, last + 2, text)
        if apposition is not None and apposition - start + 1 <= 2 * _MAX_SOURCE_WORDS:
            last = apposition
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
    """For a comma right before a cue, the comma opening the parenthesis it closes (", speaking at
    HQ,", ", vice chairman of G-III,", ", who served as secretary of state when ...,")."""
    index = comma - 1
    while index > lo and comma - index < 30 and items[index].word != "," and items[index].quote is None:
        index -= 1
    if index <= lo or items[index].word != "," or index + 1 >= comma:
        return None
    opener = items[index + 1].word
    if opener in word_set("cue_adverbs") or (word_class().get(opener) == "opener" and opener not in _RELATIVES):
        return None  # ", is wrong," / ", but ..." are clauses, not a parenthesis
    return index


# --- content ----------------------------------------------------------------------------------


def _skip_adjuncts(items: list[Item], index: int, end: int) -> int:
    """Step right over time words ("said Thursday the ...", "announced on Monday the ...")."""
    return _skip_time_phrase(items, index, end)


def _skip_time_phrase(items: list[Item], index: int, end: int) -> int:
    times = word_set("time_words")
    start = index
    if index + 1 < end and items[index + 1].word == "'s":
        return index  # "said Thursday's speeches ...": the time word is part of the content
    if index + 1 < end and items[index].word in ("on", "in", "at", "during") and items[index + 1].word in times:
        index += 1
    while index < end and items[index].word in times:
        index += 1
    return index if index > start and (index == end or items[index].is_word or items[index].quote) else start


def _skip_listener(items: list[Item], index: int, end: int, text: str) -> int:
    """Step right over the person told or asked ("told reporters", "told French President Macron")."""
    if index >= end:
        return index
    word = items[index].word
    if word in word_set("listener_words") or _quoted_name(items[index], text):
        return index + 1
    for ahead in range(index + 1, min(end, index + 9)):
        # "told attendees at the party's annual gala how he ...": the listener runs up to the content
        if items[ahead].word in _CONTENT_OPENERS | {"how", "what", "why"}:
            return ahead
        if not _np_word(items[ahead], text) and items[ahead].word not in _PREPOSITIONS:
            break
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


def _quoted_name(item: Item, text: str) -> bool:
    """A quote that names a programme or paper ("told “Fox and Friends”"): a few capitalised words and
    no punctuation of a sentence."""
    if item.quote is None:
        return False
    words = text[item.start : item.end].strip(_QUOTE_CHARS).split()
    return 0 < len(words) <= 5 and all(w[:1].isupper() or w in ("and", "the", "of", "&") for w in words)


def _content_ahead(items: list[Item], index: int, end: int, frame: str) -> int | None:
    """Where the content starts a few adjunct words after the cue: at "that"/"whether" ("said on
    Friday that", "said, in a statement, that") or at a quote after a colon or comma ("said in a
    statement: "..."", "told reporters in Nashua last week, "..."")."""
    if index + 1 < end and items[index].word in word_set("cue_adverbs") | {"only", "just"}:
        index += items[index + 1].word in _CONTENT_OPENERS  # "said only that", "said again that"
    if index < end and items[index].word in _CONTENT_OPENERS:
        return index
    # "said to reporters that" is speech, "adds to the controversy that" is not
    openers = _PREPOSITIONS if frame in ("say", "tell", "ask") else _ADJUNCT_OPENERS
    if index >= end or not (items[index].word in openers or items[index].word in word_set("time_words")
                            or items[index].word == "," or items[index].word.endswith("ly")):
        return None  # "replied evenly, "...""
    # only a parenthesis may hold commas: ", in a statement,", "pointedly, with a smile:"
    commas = 0 if items[index].word == "," or items[index].word.endswith("ly") else 1
    for ahead in range(index + 1, min(end, index + 12)):
        word = items[ahead].word
        if word in _CONTENT_OPENERS:
            return ahead
        if word in (":", ",") and ahead + 1 < end and items[ahead + 1].quote is not None:
            return ahead + 1
        commas += word == ","
        if commas > 1 or word in (";", ":") or word_class().get(word) == "opener" or _cue_at(items, ahead):
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
        return True  # content never starts with a comma; ", who ...", ", then ..." are circumstance
    if word in _RELATIVES or word == "(":
        return True  # "said a member who supports Trump", "said Rep. Beto O'Rourke (D-Tex."
    possessive = index + 1 < end and items[index + 1].word == "'s"  # "said Thursday's speeches ..."
    return word in _PREPOSITIONS or (word in word_set("time_words") and not possessive)


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
    if last - first > 2 and items[first + 1].word == "," and items[first].upper and items[first].is_word \
            and items[first].word in word_set("cue_adverbs") | word_set("content_adverbs"):
        first += 2  # "Also, Trump isn't a conservative, he said": the linking adverb is the writer's
    times = word_set("time_words")
    while last > first and items[last].word in times and items[last].upper:
        last -= 1  # "endorsed Cruz Wednesday"
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
    if cue.frame == "colon":
        return _colon(items, cue, lo, doc)
    if cue.frame == "noun":
        return _noun(items, cue, hi, doc)
    text = doc.text
    cue_span = Span(items[cue.first].start, items[cue.last].end)
    left = _skip_time_left(items, cue.first - 1)
    while left > lo and _manner_adverb(items, left):
        left -= 1  # "X grudgingly agreed", "..., wrongly suggesting"
    if left >= 2 and items[left].word == "," and items[left - 1].word in word_set("content_adverbs") \
            and items[left - 2].word == ",":
        left = _skip_time_left(items, left - 3)  # "X, however, accused ..."
    # "X did this and said Y", "X did this, saying Y": the speaker of the clause before
    participle = _participle(items[cue.first].word) and items[left].word in _PARTICIPLE_OPENERS | {","}
    if left >= lo and (items[left].word in ("and", "but") or participle):
        source = previous.source if previous is not None else _subject(items, lo, left, text)
        return _right_statement(items, cue, cue_span, source, cue.first, hi, doc)
    if left < lo:
        return _fronted(items, cue, cue_span, hi, doc)
    if items[left].word in _DASHES:
        # "Sanders -- who has won three states -- said ...": the speaker is before the opening dash
        opening = next((i for i in range(left - 1, max(lo, left - _MAX_DESCRIPTION_ITEMS) - 1, -1)
                        if items[i].word == items[left].word or items[i].quote is not None), None)
        if opening is None or items[opening].quote is not None:
            return None
        found = source_left(items, _skip_time_left(items, opening - 1), text, lo)
        return None if found is None else _after_source(items, cue, cue_span, found, lo, hi, doc)
    if items[left].word == "," or items[left].quote is not None:
        inverted = _inverted(items, cue, cue_span, left, lo, hi, doc)
        paren = _parenthesis_start(items, left, lo) if inverted is None and items[left].word == "," else None
        # a parenthesis may hold commas itself: ", a salesman from Sumter, South Carolina,"
        for _ in range(3):
            if paren is None:
                break
            found = source_left(items, _skip_time_left(items, paren - 1), text, lo)
            if found is not None:
                return _after_source(items, cue, cue_span, found, lo, hi, doc)
            paren = _parenthesis_start(items, paren, lo)
        return inverted
    found = source_left(items, left, text, lo)
    if found is None and items[left].word == "who":
        found = (left, left)  # "a star anchor who questioned his respect": PolNeAR's source is "who"
    if found is None:
        return None
    return _after_source(items, cue, cue_span, found, lo, hi, doc)


def _manner_adverb(items: list[Item], index: int) -> bool:
    """A lower-case word in -ly that no determiner introduces ("wrongly", not "his ally", "the weekly")."""
    word = items[index].word
    return (
        len(word) > 4 and word.endswith("ly") and word.isalpha() and not items[index].upper
        and word_class().get(items[index - 1].word) != "determiner" and items[index - 1].word not in ("'s", "’s")
    )


def _fronted(items: list[Item], cue: Cue, cue_span: Span, hi: int, doc: Doc) -> Found | None:
    """``Said Comey, "..."``: the cue opens the sentence, the speaker follows it, then the quote."""
    found = source_right(items, cue.last + 1, doc.text) if cue.frame == "say" else None
    if found is None:
        return None
    mark = found[1] + 1
    if not (mark + 1 < hi and items[mark].word in (",", ":") and items[mark + 1].quote is not None):
        return None
    content = quote_spans(doc.text, items[mark + 1].quote, doc.paragraphs)  # type: ignore[arg-type]
    source = Span(items[found[0]].start, items[found[1]].end)
    return Found("direct", content, cue_span, source, cue.first, mark + 1, False)


def _boundary(item: Item) -> bool:
    return item.quote is not None or item.word in _CLAUSE_PUNCT or word_class().get(item.word) == "opener"


def _subject(items: list[Item], lo: int, hi: int, text: str) -> Span | None:
    """The subject opening the sentence, after an introductory phrase ("On Sunday, Sanders ...")."""
    if lo < hi and word_class().get(items[lo].word) == "opener":
        # "When Wallace died, President Clinton ...": the subject follows the clause; "But he ..."
        comma = next((i for i in range(lo, hi) if items[i].word == ","), None)
        lo = comma + 1 if comma is not None and items[lo].word not in ("and", "but", "so", "or") else lo + 1
    while lo < hi and items[lo].word in word_set("time_words"):
        lo += 1
    if lo < hi and items[lo].word in _PREPOSITIONS:
        lo = next((i + 1 for i in range(lo, hi) if items[i].word == ","), hi)
    if lo < hi and not (items[lo].upper or word_class().get(items[lo].word) in ("pronoun", "determiner")):
        # "... although at the mention of email she laughed and admitted": the pronoun is the subject
        lo = next((i for i in range(lo, hi) if word_class().get(items[i].word) == "pronoun"), hi)
    found = source_right(items, lo, text)
    if found is None or found[1] >= hi:
        return None
    first, last = found
    if (items[first].upper and word_class().get(items[first].word) != "determiner") \
            or word_class().get(items[first].word) == "pronoun":
        # a name or pronoun ends at the first lower-case word: "Trump went fully on the attack"
        last = next((i - 1 for i in range(first + 1, last + 1)
                     if not items[i].upper and word_class().get(items[i].word) != "inner"), last)
    return Span(items[first].start, items[last].end)


def _after_source(items: list[Item], cue: Cue, cue_span: Span, found: tuple[int, int], lo: int, hi: int,
                  doc: Doc) -> Found | None:
    """``X said ...``: content after the cue, or before the speaker when nothing follows the cue."""
    source = Span(items[found[0]].start, items[found[1]].end)
    before = found[0] - 1
    quote_before = before >= lo and (items[before].quote_open_ended or (
        items[before].word == "," and before - 1 >= lo and items[before - 1].quote is not None))
    start = _after_cue(items, cue, hi, doc.text)
    says_more = start < hi and (items[start].word in _CONTENT_OPENERS | {":"} or items[start].quote is not None)
    if quote_before and not says_more:
        # "“...,” he tells hundreds of supporters at a party": the quote is what he tells them
        left = _left_statement(items, cue, cue_span, source, lo, before if items[before].quote else before - 1,
                               found[0], hi, doc)
        if left is not None:
            return left
    right = _right_statement(items, cue, cue_span, source, found[0], hi, doc)
    if right is not None:
        return right
    split = _around(items, cue, cue_span, source, lo, before, hi, doc)
    if split is not None:
        return split
    # "“...,” Blinken told reporters after the meeting." / "..., he said."
    if before < lo or not (items[before].word == "," or items[before].quote is not None):
        return None
    end = before if items[before].quote is not None else before - 1
    return _left_statement(items, cue, cue_span, source, lo, end, found[0], hi, doc)


def _around(items: list[Item], cue: Cue, cue_span: Span, source: Span, lo: int, comma: int, hi: int,
            doc: Doc) -> Found | None:
    """``A, X said, B.``: an attribution set off by commas inside what was said gives two pieces."""
    after = _skip_adjuncts(items, _after_cue(items, cue, hi, doc.text), hi)
    if not (lo < comma < hi and items[comma].word == "," and after + 1 < hi and items[after].word == ","):
        return None
    following = items[after + 1]
    if following.quote is not None or following.word in _RELATIVES or _participle(following.word) \
            or word_class().get(following.word) == "opener" or not following.is_word or following.word in _PREPOSITIONS:
        return None
    after_part = _content(items, after + 1, _content_end(items, after + 1, hi), doc)
    if after_part is None:
        return None
    if sum(1 for i in items[lo:comma] if i.is_word) < 2:  # "Still, he said, nothing changed."
        return Found(after_part[0], after_part[1], cue_span, source, lo, hi - 1, True)
    before_part = _content(items, lo, comma - 1, doc)
    if before_part is None:
        return None
    kinds = {before_part[0], after_part[0]}
    kind: StatementKind = "indirect" if kinds == {"indirect"} else "direct" if kinds == {"direct"} else "mixed"
    return Found(kind, before_part[1] + after_part[1], cue_span, source, lo, hi - 1, True)


def _after_cue(items: list[Item], cue: Cue, hi: int, text: str) -> int:
    index = cue.last + 1
    if cue.frame in ("tell", "ask"):
        index = _skip_listener(items, index, hi, text)
    return index


def _right_statement(items: list[Item], cue: Cue, cue_span: Span, source: Span | None, first: int, hi: int,
                     doc: Doc) -> Found | None:
    """Content after the cue: ``said (on Friday) that ...``, ``said: "..."``, ``called for ...``."""
    if cue.frame == "quoted":
        return None
    start = _after_cue(items, cue, hi, doc.text)
    ahead = _content_ahead(items, start, hi, cue.frame)
    if ahead is not None:
        start = ahead
    elif start < hi and items[start].word in (":", ",") and start + 1 < hi and items[start + 1].quote is not None:
        start += 1
    elif _adjunct_like(items, _skip_time_phrase(items, start, hi), hi):
        return None
    elif cue.frame in ("that", "ask") and items[start].quote is None:
        return None
    else:
        start = _skip_adjuncts(items, start, hi)
    if cue.frame == "call" and not any(item.quote is not None for item in items[start:hi]):
        return None  # "called the police" is no statement; "called it a “fundamental mistake”" is
    end = _content_end(items, start, hi)
    if items[start].quote_open_ended and start + 1 <= end and items[start + 1].upper:
        end = start  # 'said, “No comment,” The Miami Herald reported': the rest is another attribution
    if cue.frame == "object":  # "condemned the attacks, though ...": the object is a noun phrase
        end = next((i - 1 for i in range(start + 1, end + 1) if items[i].word in (",", ";", "--")), end)
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
        after_comma = items[before].word == "," and (cue.frame == "according" or _participle(items[index].word))
        if joined or after_comma:
            return before - 1
        # "they will not attend, and others have said ...": a new speaker starts a new statement
        speaker = source_left(items, before, "", start + 1) if cue.frame in _VERB_FRAMES else None
        if speaker is not None and items[speaker[0] - 1].word in _CLAUSE_JOINERS \
                and sum(item.is_word for item in items[start : speaker[0] - 1]) >= 2 \
                and not any(item.word in _MODALS for item in items[speaker[1] : index]):
            return speaker[0] - 2
    for index in range(start + 1, hi - 1):
        # "the GOP must be a party of ideas, and has championed ...": the subject's own next clause
        if items[index].word == "," and items[index + 1].word in ("and", "but") and index + 2 < hi \
                and items[index + 2].word in word_set("cue_adverbs") and items[index + 2].word not in _BE:
            return index - 1
    return hi - 1


def _left_statement(items: list[Item], cue: Cue, cue_span: Span, source: Span | None, lo: int, end: int,
                    first: int, hi: int, doc: Doc) -> Found | None:
    if any(_cue_at(items, index) is not None and items[index].word == "according" for index in range(lo, end + 1)):
        return None  # "According to X, they agreed on it.": what X reported is not what they said
    content = _content(items, lo, end, doc)
    if content is None or source is None:
        return None
    kind, spans = content
    last = _statement_end(items, first, hi)
    if kind == "indirect" and not _reported_before(items, lo, end, last, hi):
        return None
    # "“A,” she said, “B.”": the quote resumes after the attribution
    following = items[last + 1] if last + 1 < hi else None
    resumes = following is not None and following.quote is not None and not _quoted_name(following, doc.text)
    if kind == "direct" and resumes:
        last += 1
        spans = spans + quote_spans(doc.text, items[last].quote, doc.paragraphs)  # type: ignore[arg-type]
    return Found(kind, spans, cue_span, source, lo, last, True)


def _reported_before(items: list[Item], lo: int, end: int, last: int, hi: int) -> bool:
    """Whether unquoted words before ``, X said`` are what X said: a clause of a few words, with the
    attribution ending the sentence ("Still, he said, ..." and "In Germany, a person can ..." are not)."""
    if sum(1 for item in items[lo : end + 1] if item.is_word) < 4:
        return False
    opening = items[lo].word
    if opening in _PREPOSITIONS or (word_class().get(opening) == "opener" and opening != "that"):
        return False  # "In a press release earlier this month, the committee said ..."
    after = last + 1
    if after >= hi or items[after].word in _FINAL_PUNCT - {","}:
        return True
    if items[after].word != "," or after + 1 >= hi:
        return items[after].word == ","
    following = items[after + 1].word
    return following in _RELATIVES or _participle(following) or _cue_at(items, after + 1) is not None


def _statement_end(items: list[Item], index: int, hi: int) -> int:
    """The last item of an attribution clause ("she said", "Blinken told reporters after the meeting")."""
    index = max(index, 0)
    while index + 1 < hi and items[index + 1].quote is None and items[index + 1].word not in (".", "!", "?"):
        if items[index + 1].word == ",":
            resumed = _comma_before_resumed_quote(items, index + 1, hi)
            return index if resumed is None else resumed
        index += 1
    return index


def _comma_before_resumed_quote(items: list[Item], comma: int, hi: int) -> int | None:
    """The comma after which the quote resumes, when nothing but the speaker's description (no cue,
    no end of sentence) comes first: '"The risk," said X, an economist who heads Y, "is that ..."'."""
    for index in range(comma, min(hi - 1, comma + _MAX_DESCRIPTION_ITEMS)):
        following = items[index + 1]
        if items[index].word == "," and following.quote is not None:
            return index
        if following.quote is not None or following.word in (".", "!", "?"):
            return None
        if _cue_at(items, index + 1) is not None:
            return None
    return None


def _inverted(items: list[Item], cue: Cue, cue_span: Span, left: int, lo: int, hi: int, doc: Doc) -> Found | None:
    """``"...," said X`` / ``..., said X``: content before the cue, speaker right after it."""
    if cue.frame == "tell":
        return None  # '"...," X, a Democrat, told Mr. Obama': who is told never inverts
    found = source_right(items, cue.last + 1, doc.text)
    if found is None or not _adjunct_like(items, found[1] + 1, hi):
        return None  # "Blinken, speaking at HQ, said the alliance was ...": not inverted
    source = Span(items[found[0]].start, items[found[1]].end)
    end = left if items[left].quote is not None else left - 1
    return _left_statement(items, cue, cue_span, source, lo, end, found[1], hi, doc)


def _colon(items: list[Item], cue: Cue, lo: int, doc: Doc) -> Found | None:
    """``Donald Trump: "..."`` and ``Kasich resisted: "..."``: a named speaker, maybe a verb, a colon
    and a quote."""
    quote = items[cue.last + 1]
    for end, cue_first in ((cue.first - 1, cue.first), (cue.first - 2, cue.first - 1)):
        found = source_left(items, end, doc.text, lo)
        if found is None:
            continue
        head = items[found[1]] if items[found[1]].word != ")" else items[found[0]]
        if head.upper or word_class().get(head.word) == "pronoun":
            cue_span = Span(items[cue_first].start, items[cue.last].end)
            source = Span(items[found[0]].start, items[found[1]].end)
            content = quote_spans(doc.text, quote.quote, doc.paragraphs)  # type: ignore[arg-type]
            return Found("direct", content, cue_span, source, found[0], cue.last + 1, False)
    # "Kelly responded pointedly, with a smile: "..."", "Trump released the following statement: "...""
    subject = _subject(items, lo, cue.first, doc.text)
    if subject is None or cue.first - lo > 14:
        return None
    after = next((i for i in range(lo, cue.first) if items[i].start >= subject.end), cue.first)
    head = next(item for item in reversed(items[:after]) if item.is_word)  # the subject's last word
    if after >= cue.first or not (head.upper or word_class().get(head.word) == "pronoun"):
        return None
    if any(_cue_at(items, i) is not None for i in range(after, cue.first)):
        return None  # a cue of its own has had its chance
    content = quote_spans(doc.text, quote.quote, doc.paragraphs)  # type: ignore[arg-type]
    return Found("direct", content, Span(items[after].start, items[cue.last].end), subject, lo, cue.last + 1, False)


def _possessor(items: list[Item], index: int) -> tuple[int, int] | None:
    """The owner before a cue noun: "his" in "his claim", "Donald Trump" in "Donald Trump's claim"."""
    if items[index].word in ("his", "her", "their", "its", "our", "my"):
        return index, index
    if items[index].word != "'s":
        return None
    first = index
    while first - 1 >= 0 and items[first - 1].upper and items[first - 1].is_word:
        first -= 1
    return (first, index - 1) if first < index else None


def _noun(items: list[Item], cue: Cue, hi: int, doc: Doc) -> Found | None:
    """``Trump's claim that Mexico will pay`` / ``his warning: "..."``: the owner is the source."""
    owner = _possessor(items, cue.first - 1)
    if owner is None:
        return None
    start = cue.last + 1
    if items[start].word == ":":
        start += 1
    # where the noun phrase's sentence goes on is unknowable without a parser: stop at a comma
    end = next((i - 1 for i in range(start + 1, hi) if items[i].word in (",", ";", "--")), _content_end(items, start, hi))
    content = _content(items, start, end, doc)
    if content is None:
        return None
    source = Span(items[owner[0]].start, items[owner[1]].end)
    cue_span = Span(items[cue.first].start, items[cue.last].end)
    return Found(content[0], content[1], cue_span, source, owner[0], end, False)


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


def _introduced(items: list[Item], following: Span, doc: Doc) -> Found | None:
    """``Cruz continued:`` ending a paragraph: the next paragraph is what he said."""
    if len(items) < 2 or items[-1].word != ":":
        return None
    colon = len(items) - 1
    lo = next((i + 1 for i in range(colon - 1, -1, -1) if items[i].word in (".", "!", "?", ";")), 0)
    cues = (_cue_at(items, i) for i in range(lo, colon))
    cue = next((c for c in cues if c is not None and c.frame in _VERB_FRAMES), None)
    if cue is None:
        return None  # "Here is the list:" introduces no one's words
    found = source_left(items, cue.first - 1, doc.text, lo)
    if found is not None:
        source: Span | None = Span(items[found[0]].start, items[found[1]].end)
    else:
        source = _subject(items, lo, cue.first, doc.text)
    if source is None:
        return None
    text = following.text(doc.text)
    kind: StatementKind = "direct" if text[:1] in _QUOTE_CHARS and text[-1:] in _QUOTE_CHARS else "indirect"
    cue_span = Span(items[cue.first].start, items[cue.last].end)
    return Found(kind, (following,), cue_span, source, lo, colon, False)


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
    """A cue inside the content of another statement may make its own ("X said Y warned that Z");
    the colon of ``X said: "..."`` is part of that statement."""
    return not outer.content_left and cue.frame != "colon"


def _join_resumed_quotes(unit_found: list[tuple[list[Item], list[Found]]], doc: Doc) -> list[Found]:
    """``"A," she said. "B."``: a sentence that is only a quote, right after an attribution that
    ended its sentence, is the second piece of that statement."""
    result: list[Found] = []
    for index, (items, found) in enumerate(unit_found):
        leading = _leading_quote(items, found, doc.text) if index and result else None
        previous_found = unit_found[index - 1][1]
        last = previous_found[-1] if leading is not None and previous_found else None
        if last is not None and last is result[-1] and last.content_left:
            spans = last.content + quote_spans(doc.text, leading, doc.paragraphs)  # type: ignore[arg-type]
            result[-1] = replace(last, content=tuple(sorted(set(spans))))
        result.extend(found)
    return result


def _leading_quote(items: list[Item], found: list[Found], text: str) -> Quote | None:
    """The quote a unit opens with when it makes a sentence of its own that no statement of the unit
    takes ('"Everybody sues, right?" Later, Rubio claimed that ...')."""
    words = [i for i, item in enumerate(items) if item.word not in _FINAL_PUNCT]
    if not words or items[words[0]].quote is None or any(f.first <= words[0] <= f.last for f in found):
        return None
    quote = items[words[0]]
    if len(words) > 1 and not (text[quote.start : quote.end].rstrip(_QUOTE_CHARS + "‘’ ")[-1:] in ".?!"
                               and items[words[1]].upper):
        return None  # the sentence goes on after the quote
    return quote.quote


def find(doc: Doc) -> tuple[Statement, ...]:
    quotes = QuoteIndex(doc)
    by_paragraph: dict[int, list[Sentence]] = {}
    for sentence in doc.sentences:
        by_paragraph.setdefault(sentence.paragraph, []).append(sentence)
    found: dict[int, list[Found]] = {}
    last_items: dict[int, list[Item]] = {}
    for paragraph, sentences in by_paragraph.items():
        unit_found = []
        for unit in _units(doc.text, sentences, quotes):
            items = _items(doc, unit, quotes)
            unit_found.append((items, _unit_statements(items, doc)))
        found[paragraph] = _join_resumed_quotes(unit_found, doc)
        last_items[paragraph] = unit_found[-1][0]
    for paragraph, items in last_items.items():
        if found.get(paragraph + 1) == []:  # the next paragraph says nothing of its own
            introduced = _introduced(items, doc.paragraphs[paragraph + 1], doc)
            if introduced is not None:
                found[paragraph].append(introduced)
    return tuple(
        Statement("", f.kind, f.content, f.cue, f.source, None)
        for paragraph in sorted(found)
        for f in found[paragraph]
    )


def stage(doc: Doc) -> Doc:
    return replace(doc, statements=doc.statements + find(doc))
