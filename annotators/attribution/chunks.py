"""Noun-phrase chunks over items: the speaker before a cue (``X said``), after an inverted one
(``said X``), the subject of a sentence, an apposition, a parenthesis."""

from __future__ import annotations

from .. import lexicons
from ..model import Span
from .atoms import (
    CLAUSE_PUNCT,
    FINAL_PUNCT,
    Atom,
    LONE_DETERMINERS,
    MAX_SOURCE_WORDS,
    PREPOSITIONS,
    RELATIVES,
)
from .cues import cue_forms, word_class

_MAX_BRACKET_ITEMS = 7  # "Rep. Gregory Meeks (D-N.Y.) said": a party and state in brackets after a name
# ", who served as secretary of state when ...,": how far back the comma opening a parenthesis before a
# cue may be
_MAX_PARENTHESIS_ITEMS = 30


def skip_time_left(items: list[Atom], index: int) -> int:
    """Step left over adverbs, auxiliaries and time phrases ("has also", "on Friday", "last week")."""
    adverbs, times = lexicons.words("attribution/cue_adverbs"), lexicons.words("attribution/time_words")
    while index >= 0:
        word = items[index].word
        if word in adverbs or word in times:
            index -= 1
        elif word in ("on", "last", "this", "late", "early") and index + 1 < len(items) and items[index + 1].word in times:
            index -= 1
        else:
            break
    return index


def np_word(item: Atom, text: str) -> bool:
    if item.quote is not None or not (item.is_word or item.word in ("'s", "&", "-", "'") or item.word[1:2].isalpha()):
        return False  # (Treebank splits "O'Rourke" into "O" and "'Rourke")
    cls = word_class().get(item.word)
    if cls == "opener" or (item.word in lexicons.words("attribution/cue_adverbs") and not item.upper):
        return False  # auxiliaries and modals ("can", "have") mean a verb, so the noun phrase is over
    if item.word in PREPOSITIONS and cls != "inner":
        return False
    return item.word not in cue_forms() or item.capitalised(text)


def _np_word_at(items: list[Atom], index: int, text: str) -> bool:
    """Like ``np_word``, and a cue word after a determiner is a noun ("the report", "his claims")."""
    if np_word(items[index], text):
        return True
    before = items[index - 1].word if index > 0 else ""
    return items[index].word in cue_forms() and (word_class().get(before) == "determiner" or before == "'s")


def source_left(items: list[Atom], end: int, text: str, lo: int = 0) -> tuple[int, int] | None:
    """The noun phrase ending at item ``end`` and starting its clause (at ``lo`` or after a comma, a
    quote or a conjunction): (first, last) item indices, or None."""
    if end < lo:
        return None
    bracket_end = end
    if items[end].word == ")":  # "Rep. Gregory Meeks (D-N.Y.) said"
        opening = next((i for i in range(end - 1, max(end - 1 - _MAX_BRACKET_ITEMS, -1), -1) if items[i].word == "("), None)
        if opening is None or opening == 0:
            return None
        end = opening - 1
    first = end
    while first - 1 >= lo and _np_word_at(items, first - 1, text) and word_class().get(items[end].word) != "pronoun":
        first -= 1
    # "Washington and its allies": "and" joins two noun phrases when a capital or determiner follows it,
    # and the joined phrase starts its clause ("a woman asked for a photo and Clinton said" does not)
    if first - 2 >= lo and items[first - 1].word == "and" and np_word(items[first - 2], text) and (
        items[first].upper or word_class().get(items[first].word) == "determiner"
    ):
        joined = first - 2
        while joined - 1 >= lo and _np_word_at(items, joined - 1, text):
            joined -= 1
        if joined == lo or _boundary(items[joined - 1]):
            first = joined
    if not (first == lo or _boundary(items[first - 1])) or items[first].word in ("of", "'s", "&", "-"):
        return None  # ", of Flint, Mich., said": a noun phrase does not start with "of"
    times = lexicons.words("attribution/time_words")
    while first < end and (items[first].word in times or items[first].word in PREPOSITIONS):
        first += 1  # "On Friday Blinken said": the time phrase is not the speaker
    if not _np_word_at(items, end, text) or end - first + 1 > MAX_SOURCE_WORDS:
        return None
    if word_class().get(items[end].word) == "inner" or (
        word_class().get(items[end].word) == "determiner" and not (first == end and items[end].word in LONE_DETERMINERS)
    ):
        return None
    if all(items[i].word.isdigit() or not items[i].is_word for i in range(first, end + 1)):
        return None  # ", 22, of Flint" is an age
    if any(word_class().get(items[i].word) == "pronoun" for i in range(first, end)):
        return None  # "she made her decision based said": a pronoun is a whole speaker or none
    return first, bracket_end


def source_right(items: list[Atom], start: int, text: str) -> tuple[int, int] | None:
    """The noun phrase starting at item ``start`` (an inverted cue: ``..., said the EU's top diplomat``),
    with a following apposition (", Josep Borrell") but not a relative clause (", who ...")."""
    if start < len(items) and items[start].word in PREPOSITIONS:
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
        if not np_word(item, text) or item.word in lexicons.words("attribution/time_words") or verb_after_name:
            break
        last, index = index, index + 1
    if last < start or last - start + 1 > MAX_SOURCE_WORDS:
        return None
    if last + 1 < len(items) and items[last + 1].word == "(":  # "said Rep. Beto O'Rourke (D-Tex.)"
        closing = next((i for i in range(last + 2, min(len(items), last + 2 + _MAX_BRACKET_ITEMS)) if items[i].word == ")"), None)
        last = closing if closing is not None else last
    if last + 1 < len(items) and items[last + 1].word == ",":
        apposition = _appositive_end(items, last + 2, text)
        if apposition is not None and apposition - start + 1 <= 2 * MAX_SOURCE_WORDS:
            last = apposition
    return start, last


def _appositive_end(items: list[Atom], start: int, text: str) -> int | None:
    """The end of an apposition starting at ``start`` (", Josep Borrell,"), which must be a noun phrase
    closed by punctuation, or None ("According to X, the ministers agreed" has none)."""
    if start >= len(items):
        return None
    cls = word_class().get(items[start].word)
    if not (items[start].upper and cls not in ("opener", "pronoun") or cls == "determiner"):
        return None
    index = start
    while index < len(items) and np_word(items[index], text):
        index += 1
    closed = index == len(items) or items[index].word in FINAL_PUNCT
    return index - 1 if closed and index > start else None


def parenthesis_start(items: list[Atom], comma: int, lo: int) -> int | None:
    """For a comma right before a cue, the comma opening the parenthesis it closes (", speaking at
    HQ,", ", vice chairman of G-III,", ", who served as secretary of state when ...,")."""
    index = comma - 1
    while index > lo and comma - index < _MAX_PARENTHESIS_ITEMS and items[index].word != "," and items[index].quote is None:
        index -= 1
    if index <= lo or items[index].word != "," or index + 1 >= comma:
        return None
    opener = items[index + 1].word
    if opener in lexicons.words("attribution/cue_adverbs") or (word_class().get(opener) == "opener" and opener not in RELATIVES):
        return None  # ", is wrong," / ", but ..." are clauses, not a parenthesis
    return index


def manner_adverb(items: list[Atom], index: int) -> bool:
    """A lower-case word in -ly that no determiner introduces ("wrongly", not "his ally", "the weekly")."""
    word = items[index].word
    return (
        len(word) > 4 and word.endswith("ly") and word.isalpha() and not items[index].upper
        and word_class().get(items[index - 1].word) != "determiner" and items[index - 1].word not in ("'s", "’s")
    )


def _boundary(item: Atom) -> bool:
    return item.quote is not None or item.word in CLAUSE_PUNCT or word_class().get(item.word) == "opener"


def sentence_subject(items: list[Atom], lo: int, hi: int, text: str) -> Span | None:
    """The subject opening the sentence, after an introductory phrase ("On Sunday, Sanders ...")."""
    if lo < hi and word_class().get(items[lo].word) == "opener":
        # "When Wallace died, President Clinton ...": the subject follows the clause; "But he ..."
        comma = next((i for i in range(lo, hi) if items[i].word == ","), None)
        lo = comma + 1 if comma is not None and items[lo].word not in ("and", "but", "so", "or") else lo + 1
    while lo < hi and items[lo].word in lexicons.words("attribution/time_words"):
        lo += 1
    if lo < hi and items[lo].word in PREPOSITIONS:
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
        cut = next((i for i in range(first + 1, last + 1)
                    if not items[i].upper and word_class().get(items[i].word) != "inner"), last + 1)
        last = _owned_name_end(items, cut, last) or cut - 1
    return Span(items[first].start, items[last].end)


def _owned_name_end(items: list[Atom], index: int, last: int) -> int | None:
    """After a possessive, the name a role leads to: "Hillary Clinton's campaign manager Robby Mook"
    is Mook, so the subject runs to the end of his name (None when no name follows the role)."""
    if index > last or items[index - 1].word != "'s":
        return None
    while index <= last and items[index].is_word and not items[index].upper:
        index += 1
    if index > last or not items[index].upper:
        return None
    while index + 1 <= last and items[index + 1].upper:
        index += 1
    return index
