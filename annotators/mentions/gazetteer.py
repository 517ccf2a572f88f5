"""The lexicons the mention finder matches against (names, places, titles, roles ...), loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .. import lexicons

MAX_PHRASE = 6  # longest lexicon entry, in tokens


@dataclass(frozen=True)
class LexiconEntry:
    kind: str  # organisation | place | title
    key: str  # the canonical name ("organisation:NATO", "place:Ukraine"), or the title
    detail: str = ""  # demonym / adjective for names that stand for a place or organisation; a title's class


@dataclass(frozen=True)
class Gazetteer:
    """The lexicons, compiled once into lookups by token tuple."""

    names: dict[tuple[str, ...], LexiconEntry]  # case-sensitive: organisations, places, demonyms
    titles: dict[tuple[str, ...], LexiconEntry]  # lower-cased
    honorifics: dict[str, str]  # honorific -> gender (m, f, -)
    roles: dict[tuple[str, ...], tuple[str, str]]  # lower-cased role -> (title class, actor kind)
    categories: frozenset[str]  # what articles call organisations: "the alliance", "the bloc"
    org_categories: dict[str, str]  # organisation key -> category
    aliases: dict[str, tuple[str, ...]]  # canonical key -> other names from the lexicon
    pronouns: dict[str, str]  # lower-cased pronoun -> m | f | n | p | we | i
    kind_keywords: dict[str, str]  # last word of a name -> kind
    given_names: dict[str, str]  # given name -> gender (m, f)
    stop_names: frozenset[str]
    prepositions: frozenset[str]  # lower case: a capitalised one starts no name ("Unlike Patriot")
    nicknames: frozenset[str]  # "Crooked" in "Crooked Hillary Clinton": not part of the name
    function_words: frozenset[str]
    particles: frozenset[str]
    common_words: frozenset[str]


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(phrase.split())


def _split_list(cell: str) -> list[str]:
    return [item.strip() for item in cell.split(",") if item.strip()]


def _column(row: tuple[str, ...], index: int) -> str:
    return row[index] if len(row) > index else ""


@cache
def gazetteer() -> Gazetteer:
    names: dict[tuple[str, ...], LexiconEntry] = {}
    aliases: dict[str, tuple[str, ...]] = {}
    org_categories: dict[str, str] = {}
    for row in lexicons.table("actors/organisations"):
        name, others, category = row[0], _split_list(_column(row, 1)), _column(row, 2)
        key = f"organisation:{name}"
        for surface in (name, *others):
            names[_words(surface)] = LexiconEntry("organisation", key)
        for adjective in _split_list(_column(row, 3)):
            names[_words(adjective)] = LexiconEntry("organisation", key, "adjective")
        aliases[key] = tuple(others)
        if category:
            org_categories[key] = category
    for place in lexicons.entries("actors/places"):
        names.setdefault(_words(place), LexiconEntry("place", f"place:{place}"))
    for row in lexicons.table("actors/demonyms"):
        place, demonyms, others = row[0], _split_list(_column(row, 1)), _split_list(_column(row, 2))
        key = f"place:{place}"
        for surface in (place, *others):
            names[_words(surface)] = LexiconEntry("place", key)
        for demonym in demonyms:
            names[_words(demonym)] = LexiconEntry("place", key, "demonym")
        aliases[key] = tuple(others)
    titles = {
        _words(row[0].lower()): LexiconEntry("title", row[0], _column(row, 1))
        for row in lexicons.table("actors/titles")
    }
    roles = {_words(row[0]): (row[1], row[2]) for row in lexicons.table("actors/roles")}
    return Gazetteer(
        names=names,
        titles=titles,
        honorifics={row[0]: _column(row, 1) for row in lexicons.table("actors/honorifics")},
        roles=roles,
        categories=frozenset(org_categories.values()),
        org_categories=org_categories,
        aliases=aliases,
        pronouns={row[0]: row[1] for row in lexicons.table("actors/pronouns")},
        kind_keywords={row[0]: row[1] for row in lexicons.table("actors/kind_keywords")},
        given_names={row[0]: row[1] for row in lexicons.table("actors/given_names")},
        stop_names=frozenset(lexicons.entries("actors/stop_names")),
        prepositions=lexicons.words("shared/prepositions"),
        nicknames=lexicons.words("actors/nicknames"),
        function_words=frozenset(lexicons.entries("shared/function_words")),
        particles=frozenset(lexicons.entries("actors/name_particles")),
        common_words=frozenset(lexicons.entries("actors/common_words")),
    )
