"""What the mention finder produces: ``Mention``s, and the tokens and article context it reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ..model import Span
from .gazetteer import Gazetteer

MentionForm = Literal["name", "demonym", "descriptive", "category", "pronoun"]


@dataclass(eq=False)
class Mention:
    """One place where the article refers to someone or something."""

    span: Span
    form: MentionForm
    kind: str  # person | organisation | place | group | other | unknown (a lone word, decided later)
    sentence: int
    key: str | None = None  # lexicon identity ("organisation:NATO") or a description's role key
    words: tuple[str, ...] = ()  # a name's words, honorific and title excluded
    gender: str | None = None  # m | f, when an honorific, a given name or a pronoun says so
    title: str | None = None  # "United States Secretary of State", owner included
    title_class: str | None = None  # see titles.tsv / roles.tsv
    owner: Mention | None = None  # "NATO" in "NATO's head", "Ukrainian" in "Ukrainian President"
    pronoun: str | None = None  # m | f | n | p | we | i
    is_source: bool = False  # the head of a statement's source ("Blinken" in "Blinken said")
    initial: bool = False  # first word of its sentence (capitalised whatever it is)
    # The ``entities.Entity`` it belongs to, set by the actors stage; typed loosely because entities
    # builds on mentions, never the reverse.
    entity: Any = field(default=None, repr=False)


@dataclass(frozen=True)
class SentenceTokens:
    """One sentence's tokens as parallel lists (the scan reads these once per token)."""

    starts: list[int]
    ends: list[int]
    words: list[str]  # curly quotes mapped to ASCII
    lowers: list[str]
    capitalised: list[bool]

    @classmethod
    def of(cls, ascii_text: str, spans: tuple[Span, ...]) -> SentenceTokens:
        words = [ascii_text[t.start : t.end] for t in spans]
        return cls(
            [t.start for t in spans],
            [t.end for t in spans],
            words,
            [w.lower() for w in words],
            [w[:1].isupper() for w in words],
        )


@dataclass(frozen=True)
class DocContext:
    gaz: Gazetteer
    capitalised_inside: frozenset[str]  # words the article capitalises mid-sentence
    lower_case_seen: frozenset[str]  # words the article writes in lower case
    lower_case_starters: frozenset[str]  # determiners and pronouns: lower-case words worth a look
