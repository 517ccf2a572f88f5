"""The words of a statement as the stance rules read them (lower-cased, stemmed, with offsets), and
the stance cues among them ("called for", "condemned"), with their polarity in context."""

from __future__ import annotations

import re
from functools import cache
from typing import Iterable, NamedTuple, Sequence

from .. import lexicons
from ..marks import ASCII_QUOTES
from ..model import Span
from .model import NEGATION_SCOPE, negations, stance_cues, stem


class Token(NamedTuple):  # a tuple: made for every word the stage reads, so cheap to build
    word: str  # lower case, ASCII quotes
    stem: str
    start: int
    end: int


@cache
def _token_pattern() -> re.Pattern[str]:
    """Words (with their inner hyphens and apostrophes), punctuation marks, and abbreviations with
    their periods ("mr.", "u.s."), which end no phrase: "support Mr. Trump" is not "support Mr"."""
    abbreviations = sorted(lexicons.entries("segment/abbreviations"), key=len, reverse=True)
    listed = "|".join(re.escape(a) for a in abbreviations)
    return re.compile(rf"(?:{listed})\.(?!\w)|(?:[a-z]\.){{2,}}|\w+(?:[-']\w+)*|[^\w\s]")


def tokenize(text: str, spans: Iterable[Span]) -> list[Token]:
    """Tokens of the given spans of ``text``, in order, with offsets into ``text``."""
    found = []
    for span in spans:
        folded = text[span.start : span.end].translate(ASCII_QUOTES).lower()  # same length: offsets hold
        for match in _token_pattern().finditer(folded):
            word = match.group()
            found.append(Token(word, stem(word), span.start + match.start(), span.start + match.end()))
    return found


@cache
def _cue_table() -> dict[str, tuple[tuple[tuple[str, ...], int, bool], ...]]:
    """First stem -> the stance cues starting with it, longest first: (stems, polarity, takes a claim
    as its that-clause)."""
    clause = {
        tuple(stem(w) for w in phrase.lower().split()) for phrase, _, *rest in lexicons.table("stance/cues")
        if rest and rest[0] == "clause"
    }
    table: dict[str, list[tuple[tuple[str, ...], int, bool]]] = {}
    for phrase, sign in stance_cues():  # longest first
        table.setdefault(phrase[0], []).append((phrase, sign, phrase in clause))
    return {first: tuple(cues) for first, cues in table.items()}


@cache
def stems(name: str) -> frozenset[str]:
    return frozenset(stem(w) for w in lexicons.entries(name))


def cue_at(tokens: Sequence[Token], index: int) -> tuple[int, int, bool] | None:
    """(polarity, length, takes a claim) of the stance cue starting at ``tokens[index]``, if any."""
    word = tokens[index].word
    if word.endswith(_AGENT_ENDINGS) and word not in _cue_words():
        return None  # "supporters", "admirers": people, not the act ("support", "admire")
    for phrase, sign, claim in _cue_table().get(tokens[index].stem, ()):
        if tuple(t.stem for t in tokens[index : index + len(phrase)]) == phrase and _inflected(word, phrase[0]):
            return sign, len(phrase), claim
    return None


_ENDINGS = frozenset({
    "", "e", "s", "es", "d", "ed", "ing", "ion", "ions", "ation", "ations", "ment", "ments", "ement", "ements",
    "al", "ism", "isms", "ive", "ly", "ness", "ence", "ance", "y", "ies", "ied",
})


def _inflected(word: str, cue_stem: str) -> bool:
    """Whether ``word`` is a form of the cue, not another word with its stem ("admirals" for "admire"):
    its stem or its lexicon spelling (final "e" aside) followed by an ending."""
    bases = {cue_stem, *(w[:-1] if w.endswith("e") else w for w in _cue_spellings().get(cue_stem, ()))}
    return any(word.startswith(base) and word[len(base) :] in _ENDINGS for base in bases)


@cache
def _cue_spellings() -> dict[str, frozenset[str]]:
    """First stem of each stance cue -> the first words the lexicon spells it with."""
    spellings: dict[str, set[str]] = {}
    for row in lexicons.table("stance/cues"):
        first = row[0].lower().split()[0]
        spellings.setdefault(stem(first), set()).add(first)
    return {key: frozenset(words) for key, words in spellings.items()}


_AGENT_ENDINGS = ("er", "ers", "or", "ors")


@cache
def _cue_words() -> frozenset[str]:
    return frozenset(row[0].split()[0].lower() for row in lexicons.table("stance/cues"))


def negated(tokens: Sequence[Token], index: int, scope: int = NEGATION_SCOPE) -> bool:
    return any(t.word in negations() for t in tokens[max(0, index - scope) : index])


def cue_polarity(tokens: Sequence[Token], index: int, sign: int) -> int | None:
    """A cue's polarity in its context: "did not support X" is against X; "cannot condemn X" and
    "avoids condemning X" take no side (None)."""
    if any(t.word in lexicons.words("stance/avoidance") for t in tokens[max(0, index - 3) : index]):
        return None
    if negated(tokens, index):
        return None if sign < 0 else -sign
    return sign


def token_span(tokens: Sequence[Token], start: int, end: int) -> Span:
    return Span(tokens[start].start, tokens[end - 1].end)
