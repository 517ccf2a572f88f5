"""What a stance target may be: an actor, or a noun phrase with a noun head (issue 12, see
docs/chip-rubric.md). Never a fragment led by a pronoun, a conjunction or a quantifier ("So this",
"them", "most people"), a clause ("that's unbeatable"), a single letter, or a phrase cut where no noun
ends ("Holt of")."""

from __future__ import annotations

from functools import cache
from typing import Sequence

from .. import lexicons

DETERMINERS = lexicons.words("stance/determiners")
PERSONAL = lexicons.words("stance/personal_pronouns")


QUOTES = frozenset({'"', "'", "`"})


_QUANTIFIERS = frozenset({
    "one", "some", "all", "both", "each", "none", "many", "few", "any", "most", "several", "such", "everyone",
    "everybody", "anyone", "anybody", "someone", "somebody", "nobody", "everything", "anything", "something",
    "nothing",
})


TRAILING = frozenset({"again", "too", "also", "still", "yet", "now", "already", "even", "just", "only"})


_CONTRACTIONS = ("n't", "'re", "'ve", "'ll", "'d", "'m")


def noun_phrase(words: Sequence[str]) -> bool:
    """Whether a target's words can be a noun phrase with a noun head: not a fragment led by a pronoun,
    a conjunction or a preposition ("So this", "them", "into it"), not a clause ("that's unbeatable",
    "the bill is a bad idea"), not a single letter, and not ending where no noun does ("Holt of")."""
    if not words or (len(words) == 1 and (len(words[0]) == 1 or words[0] in _QUANTIFIERS)):
        return False  # "U", "endorsed one"
    first, last = words[0], words[-1]
    personal, closed = pronouns(), _closed_words()
    if first in personal or first in closed or first in lexicons.words("stance/target_openers") or first in _QUANTIFIERS:
        return False  # "So this", "them", "most people"
    if first in ("this", "that", "these", "those") and (len(words) == 1 or words[1] in closed):
        return False  # "this on President Bush": no noun after the demonstrative
    if last in personal or last in closed or last in DETERMINERS or not last[:1].isalnum():
        return False
    return not any(_makes_a_clause(word) or word in PERSONAL for word in words)


def _makes_a_clause(word: str) -> bool:
    """A finite verb, a contraction with one, or a word opening a clause ("that", "who")."""
    if word in lexicons.words("stance/boundaries") and word not in lexicons.words("shared/prepositions"):
        return True
    if word.endswith(_CONTRACTIONS):
        return True
    return word.endswith("'s") and word[:-2] in pronouns() | {"that", "there", "here", "what", "who"}


@cache
def pronouns() -> frozenset[str]:
    return frozenset(row[0] for row in lexicons.table("actors/pronouns"))


@cache
def _closed_words() -> frozenset[str]:
    """Prepositions and the words of ``function_words`` that are not determiners."""
    return (lexicons.words("shared/prepositions") | lexicons.words("shared/function_words")) - frozenset(DETERMINERS)
