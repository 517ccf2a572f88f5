"""Entities: the mentions of one article grouped into the real-world things they refer to.

Mentions (``mentions.find_mentions``) are clustered into entities: lexicon names by their lexicon
identity ("NATO" = "North Atlantic Treaty Organization"), people by their full name, a lone word by
the surname or first name of a person named in the article ("Blinken" -> "Antony Blinken"), an
acronym defined in parentheses by the name before it, descriptions ("Ukrainian authorities") by owner
and role, "the alliance" by the organisation of that category named before. A description that
stands for a named person is linked to that person (``Entity.same_as``): by apposition ("the EU's top
diplomat, Josep Borrell") or by a title ("NATO's head" -> whoever the article calls "NATO
Secretary-General"). The flow runs one way: mentions -> entities -> coref -> actors.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from dataclasses import dataclass, field

from .mentions import Gazetteer, Mention

@dataclass(eq=False)
class Entity:
    """A real-world entity while the stage works; becomes an ``Actor``."""

    kind: str
    key: str | None = None  # lexicon identity ("place:Ukraine") or a description's identity
    words: tuple[str, ...] = ()  # the fullest name seen (people and other names)
    mentions: list[Mention] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    title_roles: list[tuple[str | None, str | None]] = field(default_factory=list)  # (class, owner)
    gender: str | None = None
    role: str | None = None  # a description's role ("top diplomat")
    role_class: str | None = None
    owner: str | None = None  # a description's owner identity
    category: str | None = None  # what the article may call an organisation ("alliance")
    same_as: Entity | None = None

    def add(self, mention: Mention) -> None:
        mention.entity = self
        self.mentions.append(mention)

    @property
    def first(self) -> int:
        return min(m.span.start for m in self.mentions)


def identity(mention: Mention | None) -> str | None:
    """What makes two owners the same: the lexicon key, else the owner's entity."""
    if mention is None:
        return None
    if mention.key:
        return mention.key
    return f"entity:{id(mention.entity)}" if mention.entity is not None else None


def _initials(words: tuple[str, ...]) -> str:
    return "".join(w[0] for w in words if w[:1].isupper())


class Clusterer:
    """Groups the mentions of one article into entities."""

    def __init__(self, text: str, gaz: Gazetteer):
        self.text = text
        self.gaz = gaz
        self.entities: list[Entity] = []
        self.by_key: dict[str, Entity] = {}
        self.people: list[Entity] = []  # people with a name of two or more words

    def new(self, kind: str, key: str | None = None, **details) -> Entity:
        entity = Entity(kind, key, **details)
        self.entities.append(entity)
        if key is not None:
            self.by_key[key] = entity
        return entity

    def keyed(self, key: str, kind: str) -> Entity:
        entity = self.by_key.get(key)
        if entity is None:
            entity = self.new(kind, key, category=self.gaz.org_categories.get(key))
        return entity

    def cluster(self, mentions: list[Mention]) -> list[Entity]:
        for mention in mentions:  # full names first, so "Blinken" finds "Antony Blinken" wherever it is
            if (
                mention.form == "name"
                and mention.key is None
                and mention.kind == "person"
                and len(mention.words) > 1
            ):
                self.full_name(mention)
        for mention in mentions:
            if mention.entity is not None:
                continue
            if mention.form in ("name", "demonym") and mention.key:
                self.keyed(mention.key, mention.kind).add(mention)
            elif mention.form == "name":
                self.other_name(mention)
        self.acronyms(mentions)
        for mention in mentions:
            if mention.form == "descriptive":
                self.description(mention)
            elif mention.form == "category":
                self.category(mention)
        for mention in mentions:
            if mention.entity is not None and mention.form == "name":
                self.note_title(mention)
        return self.entities

    def full_name(self, mention: Mention) -> None:
        words = mention.words
        for person in self.people:
            shorter, longer = sorted((person.words, words), key=len)
            # "Hillary Rodham Clinton" is "Hillary Clinton"; "Van Dyke" is "Jason Van Dyke".
            if person.words[-1] == words[-1] and (
                person.words[0] == words[0] or longer[-len(shorter) :] == shorter
            ):
                if len(words) > len(person.words):
                    person.words = words
                person.add(mention)
                return
        person = self.new("person", words=words)
        self.people.append(person)
        person.add(mention)

    def other_name(self, mention: Mention) -> None:
        words = mention.words
        if len(words) == 1 and (person := self.person_called(words[0], mention.span.start)):
            person.add(mention)
            return
        kind = "other" if mention.kind == "unknown" else mention.kind
        key = f"name:{' '.join(words)}"
        entity = self.by_key.get(key) or self.new(kind, key, words=words)
        if entity.kind == "other" and kind != "other":
            entity.kind = kind
        entity.add(mention)
        if kind == "person" and entity not in self.people:
            self.people.append(entity)

    def person_called(self, word: str, offset: int) -> Entity | None:
        """The person whose surname (else another of their names) is ``word``, nearest before ``offset``:
        "Blinken" is "Antony Blinken", "Acosta" is "Melba Acosta Febo", "Hillary" is "Hillary Clinton"."""
        for positions in (slice(-1, None), slice(1, -1), slice(0, 1)):
            named = [p for p in self.people if word in p.words[positions] and len(p.words) > 1]
            if named:
                return max(named, key=lambda p: _last_before(p, offset))
        return None

    def acronyms(self, mentions: list[Mention]) -> None:
        """ "Center for American Progress (CAP)": the acronym names the same organisation."""
        names = [m for m in mentions if m.form == "name" and m.entity is not None]
        for before, acronym in itertools.pairwise(names):
            word = acronym.words[0] if len(acronym.words) == 1 else ""
            between = self.text[before.span.end : acronym.span.start]
            closes = self.text[acronym.span.end : acronym.span.end + 1] == ")"
            if not (word.isupper() and len(word) > 1 and between.strip() == "(" and closes):
                continue
            if _initials(before.words) != word or acronym.entity is before.entity:
                continue
            self.merge(acronym.entity, before.entity)
            before.entity.kind = "organisation"

    def merge(self, source: Entity | None, target: Entity | None) -> None:
        if source is None or target is None or source is target:
            return
        for mention in source.mentions:
            target.add(mention)
        self.entities.remove(source)
        self.by_key = {k: (target if e is source else e) for k, e in self.by_key.items()}
        if source in self.people:
            self.people.remove(source)

    def description(self, mention: Mention) -> None:
        role, owner = mention.key or " ".join(mention.words).lower(), identity(mention.owner)
        key = f"description:{owner}:{role}"
        entity = self.by_key.get(key)
        if entity is None and owner is None:
            entity = next((e for e in self.entities if e.role == role), None)
        if entity is None:
            entity = self.new(
                mention.kind, key, words=mention.words, role=role, role_class=mention.title_class, owner=owner
            )
        entity.add(mention)

    def category(self, mention: Mention) -> None:
        """ "the alliance": the organisation of that category the article named last."""
        named = [e for e in self.entities if e.category == mention.key and e.first < mention.span.start]
        if named:
            max(named, key=lambda e: _last_before(e, mention.span.start)).add(mention)

    def note_title(self, mention: Mention) -> None:
        entity = mention.entity
        if mention.title and mention.title not in entity.titles:
            entity.titles.append(mention.title)
            entity.title_roles.append((mention.title_class, identity(mention.owner)))
        if mention.gender and entity.gender is None:
            entity.gender = mention.gender


def _last_before(entity: Entity, offset: int) -> int:
    """The start of the entity's last mention before ``offset`` (-1 when none)."""
    return max((m.span.start for m in entity.mentions if m.span.start < offset), default=-1)


# --- descriptions linked to the people they stand for ----------------------------------------------


def link_descriptions(entities: list[Entity], mentions: list[Mention], text: str) -> None:
    named_people = [
        m for m in mentions if m.form == "name" and m.entity is not None and m.entity.kind == "person"
    ]
    starts = [m.span.start for m in named_people]
    people = [e for e in entities if e.kind == "person" and e.role is None]
    for entity in entities:
        if entity.role is None or entity.kind != "person" or entity.same_as is not None:
            continue
        target = _apposition(entity, named_people, starts, text) or _titled(entity, people)
        if target is not None and target is not entity:
            entity.same_as = target


def _apposition(entity: Entity, named: list[Mention], starts: list[int], text: str) -> Entity | None:
    """ "the EU's top diplomat, Josep Borrell," / "Josep Borrell, the EU's top diplomat"."""
    for mention in entity.mentions:
        after = bisect_left(starts, mention.span.end)
        if after < len(named) and text[mention.span.end : named[after].span.start].strip() == ",":
            return named[after].entity
        before = bisect_left(starts, mention.span.start) - 1
        if before >= 0 and text[named[before].span.end : mention.span.start].strip() == ",":
            return named[before].entity
    return None


def _titled(entity: Entity, people: list[Entity]) -> Entity | None:
    """The person whose title the description names: "NATO's head", "the Ukrainian President"."""
    if entity.role_class is not None and entity.owner is not None:
        matching = [p for p in people if (entity.role_class, entity.owner) in p.title_roles]
    else:
        matching = [p for p in people if any(t.lower().endswith(entity.role or "\0") for t in p.titles)]
    if not matching:
        return None
    return max(matching, key=lambda p: (_last_before(p, entity.first), -p.first))
