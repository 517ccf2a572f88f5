"""Where a statement's content starts and ends around its cue, and the spans and kind it makes."""

from __future__ import annotations

from .. import lexicons
from ..doc import Doc
from ..model import Span, StatementKind
from .atoms import (
    ADJUNCT_OPENERS,
    BE,
    CLAUSE_JOINERS,
    CONTENT_OPENERS,
    FINAL_PUNCT,
    Atom,
    MODALS,
    PREPOSITIONS,
    QUOTE_CHARS,
    RELATIVES,
    VERB_FRAMES,
    quote_spans,
)
from .chunks import np_word, skip_time_left, source_left
from .cues import cue_at, is_participle, word_class

_MAX_LISTENER_WORDS = 8  # "told French President Emmanuel Macron": who is told runs this far at most
_MAX_UNKNOWN_LISTENER_WORDS = 3  # of them, words no lexicon knows ("told party donors that")
_MAX_ADJUNCT_ITEMS = 11  # "said on Friday, in a statement, that": how far after the cue its content may start


def skip_adjuncts(items: list[Atom], index: int, end: int) -> int:
    """Step right over time words ("said Thursday the ...", "announced on Monday the ...")."""
    return skip_time_phrase(items, index, end)


def skip_time_phrase(items: list[Atom], index: int, end: int) -> int:
    times = lexicons.words("attribution/time_words")
    start = index
    if index + 1 < end and items[index + 1].word == "'s":
        return index  # "said Thursday's speeches ...": the time word is part of the content
    if index + 1 < end and items[index].word in ("on", "in", "at", "during") and items[index + 1].word in times:
        index += 1
    while index < end and items[index].word in times:
        index += 1
    return index if index > start and (index == end or items[index].is_word or items[index].quote) else start


def skip_listener(items: list[Atom], index: int, end: int, text: str) -> int:
    """Step right over the person told or asked ("told reporters", "told French President Macron")."""
    if index >= end:
        return index
    word = items[index].word
    if word in lexicons.words("attribution/listener_words") or quoted_name(items[index], text):
        return index + 1
    for ahead in range(index + 1, min(end, index + 1 + _MAX_LISTENER_WORDS)):
        # "told attendees at the party's annual gala how he ...": the listener runs up to the content
        if items[ahead].word in CONTENT_OPENERS | {"how", "what", "why"}:
            return ahead
        if not np_word(items[ahead], text) and items[ahead].word not in PREPOSITIONS:
            break
    if items[index].capitalised(text) or word_class().get(word) == "determiner":
        first = index
        while index < end and index - first < _MAX_LISTENER_WORDS and (
            items[index].capitalised(text) or word_class().get(items[index].word) in ("determiner", "inner")
            or (items[index].is_word and word_class().get(items[index].word) is None
                and items[index].word not in PREPOSITIONS and items[index].word not in lexicons.words("attribution/time_words")
                and index - first < _MAX_UNKNOWN_LISTENER_WORDS)
        ):
            index += 1
    return index


def quoted_name(item: Atom, text: str) -> bool:
    """A quote that names a programme or paper ("told “Fox and Friends”"): a few capitalised words and
    no punctuation of a sentence."""
    if item.quote is None:
        return False
    words = text[item.start : item.end].strip(QUOTE_CHARS).split()
    return 0 < len(words) <= 5 and all(w[:1].isupper() or w in ("and", "the", "of", "&") for w in words)


def content_ahead(items: list[Atom], index: int, end: int, frame: str) -> int | None:
    """Where the content starts a few adjunct words after the cue: at "that"/"whether" ("said on
    Friday that", "said, in a statement, that") or at a quote after a colon or comma ("said in a
    statement: "..."", "told reporters in Nashua last week, "..."")."""
    if index + 1 < end and items[index].word in lexicons.words("attribution/cue_adverbs") | {"only", "just"}:
        index += items[index + 1].word in CONTENT_OPENERS  # "said only that", "said again that"
    if index < end and items[index].word in CONTENT_OPENERS:
        return index
    # "said to reporters that" is speech, "adds to the controversy that" is not
    openers = PREPOSITIONS if frame in ("say", "tell", "ask") else ADJUNCT_OPENERS
    if index >= end or not (items[index].word in openers or items[index].word in lexicons.words("attribution/time_words")
                            or items[index].word == "," or items[index].word.endswith("ly")):
        return None  # "replied evenly, "...""
    # only a parenthesis may hold commas: ", in a statement,", "pointedly, with a smile:"
    commas = 0 if items[index].word == "," or items[index].word.endswith("ly") else 1
    for ahead in range(index + 1, min(end, index + 1 + _MAX_ADJUNCT_ITEMS)):
        word = items[ahead].word
        if word in CONTENT_OPENERS:
            return ahead
        if word in (":", ",") and ahead + 1 < end and items[ahead + 1].quote is not None:
            return ahead + 1
        commas += word == ","
        if commas > 1 or word in (";", ":") or word_class().get(word) == "opener" or cue_at(items, ahead):
            return None
    return None


def adjunct_like(items: list[Atom], index: int, end: int) -> bool:
    """Whether what follows a cue is circumstance (", who ...", "after the meeting") rather than content."""
    if index >= end:
        return True
    word = items[index].word
    if word in FINAL_PUNCT and word != ",":
        return True
    if word == ",":
        return True  # content never starts with a comma; ", who ...", ", then ..." are circumstance
    if word in RELATIVES or word == "(":
        return True  # "said a member who supports Trump", "said Rep. Beto O'Rourke (D-Tex."
    possessive = index + 1 < end and items[index + 1].word == "'s"  # "said Thursday's speeches ..."
    return word in PREPOSITIONS or (word in lexicons.words("attribution/time_words") and not possessive)


def _trim(items: list[Atom], first: int, last: int) -> tuple[int, int] | None:
    """Drop punctuation at both ends of an item range."""
    while first <= last and items[first].quote is None and items[first].word in FINAL_PUNCT | {"(", ")"}:
        first += 1
    while last >= first and items[last].quote is None and (items[last].word in FINAL_PUNCT | {"(", ")"}):
        last -= 1
    return (first, last) if first <= last else None


def content_spans(items: list[Atom], first: int, last: int, doc: Doc) -> tuple[StatementKind, tuple[Span, ...]] | None:
    """The spans and kind of the content held by items ``first..last``."""
    trimmed = _trim(items, first, last)
    if trimmed is None:
        return None
    first, last = trimmed
    if last - first > 2 and items[first + 1].word == "," and items[first].upper and items[first].is_word \
            and items[first].word in lexicons.words("attribution/cue_adverbs") | lexicons.words("attribution/content_adverbs"):
        first += 2  # "Also, Trump isn't a conservative, he said": the linking adverb is the writer's
    times = lexicons.words("attribution/time_words")
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


def content_end(items: list[Atom], start: int, hi: int) -> int:
    """Content runs to the end of the sentence, or up to a second cue joined by "and said", ", saying"
    or ", according to"."""
    for index in range(start + 1, hi):
        cue = cue_at(items, index)
        if cue is None:
            continue
        before = skip_time_left(items, index - 1)
        joined = items[before].word in ("and", "but")
        after_comma = items[before].word == "," and (cue.frame == "according" or is_participle(items[index].word))
        if joined or after_comma:
            return before - 1
        # "they will not attend, and others have said ...": a new speaker starts a new statement
        speaker = source_left(items, before, "", start + 1) if cue.frame in VERB_FRAMES else None
        if speaker is not None and items[speaker[0] - 1].word in CLAUSE_JOINERS \
                and sum(item.is_word for item in items[start : speaker[0] - 1]) >= 2 \
                and not any(item.word in MODALS for item in items[speaker[1] : index]):
            return speaker[0] - 2
    for index in range(start + 1, hi - 1):
        # "the GOP must be a party of ideas, and has championed ...": the subject's own next clause
        if items[index].word == "," and items[index + 1].word in ("and", "but") and index + 2 < hi \
                and items[index + 2].word in lexicons.words("attribution/cue_adverbs") and items[index + 2].word not in BE:
            return index - 1
    return hi - 1
