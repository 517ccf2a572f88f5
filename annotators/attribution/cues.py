"""Cue frames: where a cue word ("said", "told", "called for", "according to", a colon before a quote,
"his claim that") stands among the items, and which frame it opens (``cue_verbs.tsv``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Iterable

from .. import lexicons
from .atoms import BE, DEGREE_WORDS, ING_NOUNS, Atom

# '"...," Senator John Smith elaborated': at most this many words of a name between a quote and its verb
_MAX_TRAILING_SPEAKER_WORDS = 4


@dataclass(frozen=True)
class Cue:
    first: int  # item indices, inclusive
    last: int
    frame: str  # say | tell | that | ask | object | according


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
    for row in lexicons.table("attribution/cue_verbs"):
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
    return {row[0]: row[1] for row in lexicons.table("attribution/speaker_words")}



def find_cues(items: list[Atom]) -> list[Cue]:
    cues = []
    index = 0
    while index < len(items):
        cue = cue_at(items, index)
        if cue is not None:
            cues.append(cue)
            index = cue.last + 1
        else:
            index += 1
    return cues


def cue_at(items: list[Atom], index: int) -> Cue | None:
    word = items[index].word
    if word == "according" and index + 1 < len(items) and items[index + 1].word == "to":
        return Cue(index, index + 1, "according")
    if word == ":" and index + 1 < len(items) and items[index + 1].quote is not None:
        return Cue(index, index, "colon")
    if word in lexicons.words("attribution/cue_nouns") and index >= 2 and possessor(items, index - 1) is not None \
            and index + 1 < len(items) and (items[index + 1].word == "that" or items[index + 1].word == ":"):
        return Cue(index, index, "noun")
    options = cue_forms().get(word)
    if not options:
        return Cue(index, index, "quoted") if _verb_after_quote(items, index) else None
    if items[index].upper and index > 0 and items[index - 1].quote is None:
        return None  # a capitalised cue word inside a sentence is a name ("United States")
    before = skip_left(items, index - 1, lexicons.words("attribution/cue_adverbs") - BE)
    previous = items[before].word if before >= 0 else ""
    if previous in ("to", "the", "a", "an") or (previous in BE and not word.endswith("ing")):
        return None  # "declined to say", "the said", passive "was asked"
    if is_participle(word) and previous in DEGREE_WORDS:
        return None  # "sounded far less welcoming": an adjective, not a cue
    for particle, frame in options:
        following = [item.word for item in items[index + 1 : index + 1 + len(particle)]]
        if tuple(following) == particle:
            return Cue(index, index + len(particle), frame)
    return None


def _verb_after_quote(items: list[Atom], index: int) -> bool:
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
    while before >= 0 and speaker < _MAX_TRAILING_SPEAKER_WORDS and (items[before].upper or word_class().get(items[before].word) == "pronoun"):
        before, speaker = before - 1, speaker + 1
    if before >= 1 and items[before].word == "," and items[before - 1].quote is not None:
        return True
    return before >= 0 and items[before].quote is not None and items[before].quote_open_ended


def is_participle(word: str) -> bool:
    """An -ing form ("saying", "speaking"), not a noun such as "nothing" or "morning"."""
    return word.endswith("ing") and len(word) > 4 and word not in ING_NOUNS and not word.endswith("thing")


def skip_left(items: list[Atom], index: int, words: Iterable[str] | frozenset[str]) -> int:
    while index >= 0 and items[index].word in words:
        index -= 1
    return index


def possessor(items: list[Atom], index: int) -> tuple[int, int] | None:
    """The owner before a cue noun: "his" in "his claim", "Donald Trump" in "Donald Trump's claim"."""
    if items[index].word in ("his", "her", "their", "its", "our", "my"):
        return index, index
    if items[index].word != "'s":
        return None
    first = index
    while first - 1 >= 0 and items[first - 1].upper and items[first - 1].is_word:
        first -= 1
    return (first, index - 1) if first < index else None
