"""Pronouns resolved to actors by salience: fast, one pass, no model.

- he/she (and him/his/her): inside what another speaker reports ("Flynn said Trump was right when
  he said ..."), the person named before it in that report; else in this sentence before the pronoun, else in the nearest earlier one (up
  to ``PERSON_WINDOW`` back), the speaker of a statement, else the subject (the first person
  mentioned), preferring people known to be of that gender (from "Mr."/"Ms.", a given name or an
  earlier pronoun) and skipping those known to be of the other; a lone unknown name ("Clinton")
  may be the one, after the people, and becomes a person;
- its (and "it" where it is a statement's source): the nearest organisation or place before it in this
  or the previous sentence;
- their (and "they"/"them" as a source): the nearest group or organisation within ``GROUP_WINDOW``;
- we/I inside what a speaker says: the speaker's organisation or the speaker (see ``actors``).
Plain "it"/"they" elsewhere is mostly not an actor ("ending it") and is left alone.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence

from .entities import Entity
from .mentions import Mention
from .model import Span

PERSON_WINDOW = 3  # sentences back
GROUP_WINDOW = 2
_ALWAYS_RESOLVED = frozenset({"its", "itself", "their", "theirs", "themselves"})


def _is_person(mention: Mention) -> bool:
    return mention.entity is not None and mention.entity.kind == "person"


def _may_be_person(mention: Mention) -> bool:
    """A person, or a lone unknown name ("Clinton" with no first name in the article)."""
    entity = mention.entity
    if entity is None:
        return False
    if entity.kind == "person":
        return True
    # Only a word that looks like a surname: not one letter, not only ever first in its sentence.
    word = entity.words[0] if len(entity.words) == 1 else ""
    return (
        entity.kind == "other"
        and mention.form == "name"
        and len(word) > 2
        and word.isalpha()
        and not word.isupper()
        and any(not m.initial for m in entity.mentions if m.form == "name")
    )


def _agrees(entity: Entity, gender: str) -> bool:
    return entity.gender in (None, gender)


def _first_person(mentions: Iterable[Mention], gender: str) -> Entity | None:
    """In one sentence: a speaker before anyone else, someone known to be of this gender before
    someone of unknown gender, then the earliest (the subject)."""
    best, best_rank = None, (False, False, False)
    for mention in mentions:
        if not _may_be_person(mention) or not _agrees(mention.entity, gender):
            continue
        rank = (mention.is_source, mention.entity.gender == gender, _is_person(mention))
        if best is None or rank > best_rank:
            best, best_rank = mention.entity, rank
    return best


def _nearest(mentions: list[Mention], kinds: tuple[str, ...]) -> Entity | None:
    for mention in reversed(mentions):
        if mention.entity is not None and mention.entity.kind in kinds:
            return mention.entity
    return None


def _earlier(by_sentence: dict[int, list[Mention]], sentence: int, window: int) -> Iterable[list[Mention]]:
    for back in range(1, window + 1):
        if sentence - back in by_sentence:
            yield by_sentence[sentence - back]


class Reports:
    """The content pieces of every statement, to find the ones a pronoun sits in (by bisection: a long
    article has thousands of statements)."""

    LOOK_BACK = 16  # pieces starting before a pronoun that may still reach over it (nested reports)

    def __init__(self, pieces: Iterable[Span]):
        self.pieces = sorted(set(pieces))
        self.starts = [piece.start for piece in self.pieces]

    def around(self, span: Span) -> list[Span]:
        last = bisect_right(self.starts, span.start)
        return [p for p in self.pieces[max(0, last - self.LOOK_BACK) : last] if p.contains(span)]


def _reported_person(pronoun: Mention, seen: Sequence[Mention], said: tuple[Span, ...], reports: Reports) -> Entity | None:
    """In "Flynn said Trump was right when he said ...", "he" is inside what Flynn reports: the person
    named before it there (Trump) comes before the reporter, who would be "I"."""
    for piece in reports.around(pronoun.span):
        if piece in said:
            continue  # the pronoun's own statement ("he said that ..."): not a report it is inside
        if found := _first_person([m for m in seen if piece.contains(m.span)], pronoun.pronoun or ""):
            return found
    return None


def _person_for(
    pronoun: Mention, seen: dict[int, list[Mention]], said: tuple[Span, ...], reports: Reports
) -> Entity | None:
    gender = pronoun.pronoun or ""
    if found := _reported_person(pronoun, seen[pronoun.sentence], said, reports):
        return found
    # In '"... the Clinton campaign ...," he said' the speaker is not someone named in what he said.
    outside = [m for m in seen[pronoun.sentence] if not any(c.contains(m.span) for c in said)]
    if found := _first_person(outside, gender):
        return found
    for mentions in _earlier(seen, pronoun.sentence, PERSON_WINDOW):
        if found := _first_person(mentions, gender):
            return found
    return None


def _thing_for(
    pronoun: Mention, seen: dict[int, list[Mention]], kinds: tuple[str, ...], window: int
) -> Entity | None:
    if found := _nearest(seen[pronoun.sentence], kinds):
        return found
    for mentions in _earlier(seen, pronoun.sentence, window):
        if found := _nearest(mentions, kinds):
            return found
    return None


def antecedent(
    pronoun: Mention,
    seen: dict[int, list[Mention]],
    sources: dict[Span, tuple[Span, ...]],
    reports: Reports | None = None,
) -> Entity | None:
    """The actor a third-person pronoun stands for, from the mentions ``seen`` before it;
    ``sources`` maps each statement's source span to its content spans, ``reports`` holds every
    statement's content pieces."""
    word = pronoun.pronoun
    if word in ("m", "f"):
        return _person_for(pronoun, seen, sources.get(pronoun.span, ()), reports or Reports(()))
    is_source = pronoun.span in sources
    surface_always = pronoun.key in _ALWAYS_RESOLVED
    if word == "n" and (surface_always or is_source):
        return _thing_for(pronoun, seen, ("organisation", "place"), 1)
    if word == "p" and (surface_always or is_source):
        return _thing_for(pronoun, seen, ("group", "organisation"), GROUP_WINDOW)
    return None


def resolve_pronouns(
    mentions: list[Mention], sources: dict[Span, tuple[Span, ...]], contents: Iterable[Span] = ()
) -> None:
    """Set ``entity`` on the third-person pronouns among ``mentions`` (in document order);
    ``contents`` are the content pieces of every statement."""
    seen: dict[int, list[Mention]] = defaultdict(list)
    reports = Reports(contents)
    for mention in mentions:
        if mention.form == "pronoun" and mention.entity is None:
            entity = antecedent(mention, seen, sources, reports)
            if entity is not None:
                entity.add(mention)
                if mention.pronoun in ("m", "f"):
                    entity.kind = "person"
                    entity.gender = entity.gender or mention.pronoun
        if mention.entity is not None:
            seen[mention.sentence].append(mention)
