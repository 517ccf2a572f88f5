"""Entities: the mentions of one article grouped into the real-world things they refer to.

Mentions (``mentions.find_mentions``) are clustered into entities: lexicon names by their lexicon
identity ("NATO" = "North Atlantic Treaty Organization"), people by their full name, a lone word by
the surname or first name of a person named in the article ("Blinken" -> "Antony Blinken"), an
acronym defined in parentheses by the name before it, descriptions ("Ukrainian authorities") by owner
and role, "the alliance" by the organisation of that category named before. A description that
stands for a named person is linked to that person (``Entity.same_as``): by apposition ("the EU's top
diplomat, Josep Borrell") or by a title ("NATO's head" -> whoever the article calls "NATO
Secretary-General"). Names whose kind the mention finder only guessed get the entity finder's
(``entity_tagger``) verdict (``find_entities``). The flow runs one way: mentions -> entities -> coref
-> actors.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, insort
from collections import Counter
from dataclasses import dataclass, field

from . import entity_tagger
from .doc import Doc
from .mentions import Gazetteer, Mention, find_mentions, gazetteer
from .model import Span

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
    starts: list[int] = field(default_factory=list, repr=False)  # of the mentions, sorted: bisect them

    def add(self, mention: Mention) -> None:
        mention.entity = self
        self.mentions.append(mention)
        insort(self.starts, mention.span.start)

    @property
    def first(self) -> int:
        return self.starts[0]


def identity(mention: Mention | None) -> str | None:
    """What makes two owners the same: the lexicon key, else the owner's entity."""
    if mention is None:
        return None
    if mention.key:
        return mention.key
    return f"entity:{id(mention.entity)}" if mention.entity is not None else None


def _initials(words: tuple[str, ...]) -> str:
    return "".join(w[0] for w in words if w[:1].isupper())


class _People:
    """The people found so far, in the order they were found, indexed by every word their names have
    had: a name is looked up, not compared with every person (a long article names thousands)."""

    def __init__(self) -> None:
        self.rank: dict[int, int] = {}  # id(entity) -> order of arrival
        self.members: dict[int, Entity] = {}
        self.by_word: dict[str, dict[int, Entity]] = {}

    def __contains__(self, entity: Entity) -> bool:
        return id(entity) in self.members

    def append(self, entity: Entity) -> None:
        self.rank.setdefault(id(entity), len(self.rank))
        self.members[id(entity)] = entity
        self.index(entity)

    def index(self, entity: Entity) -> None:
        """Index the entity under its words (again after they changed)."""
        for word in entity.words:
            self.by_word.setdefault(word, {})[id(entity)] = entity

    def remove(self, entity: Entity) -> None:
        self.members.pop(id(entity), None)

    def with_word(self, word: str) -> list[Entity]:
        """The people one of whose names had ``word``, in the order they were found."""
        found = [e for key, e in self.by_word.get(word, {}).items() if key in self.members]
        return sorted(found, key=lambda e: self.rank[id(e)])


class Clusterer:
    """Groups the mentions of one article into entities."""

    def __init__(self, text: str, gaz: Gazetteer):
        self.text = text
        self.gaz = gaz
        self.entities: list[Entity] = []
        self.by_key: dict[str, Entity] = {}
        self.people = _People()  # people with a name of two or more words
        # Entities by role and by category, in order of creation, and those merged away since.
        self.by_role: dict[str, list[Entity]] = {}
        self.by_category: dict[str, list[Entity]] = {}
        self.merged: set[int] = set()

    def new(self, kind: str, key: str | None = None, **details) -> Entity:
        entity = Entity(kind, key, **details)
        self.entities.append(entity)
        if key is not None:
            self.by_key[key] = entity
        if entity.role is not None:
            self.by_role.setdefault(entity.role, []).append(entity)
        if entity.category is not None:
            self.by_category.setdefault(entity.category, []).append(entity)
        return entity

    def live(self, entities: list[Entity]) -> list[Entity]:
        return [e for e in entities if id(e) not in self.merged]

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
        for person in self.people.with_word(words[-1]):
            shorter, longer = sorted((person.words, words), key=len)
            # "Hillary Rodham Clinton" is "Hillary Clinton"; "Van Dyke" is "Jason Van Dyke".
            if person.words[-1] == words[-1] and (
                person.words[0] == words[0] or longer[-len(shorter) :] == shorter
            ):
                if len(words) > len(person.words):
                    person.words = words
                    self.people.index(person)
                person.add(mention)
                return
        person = self.new("person", words=words)
        self.people.append(person)
        person.add(mention)

    def other_name(self, mention: Mention) -> None:
        words = mention.words
        if len(words) == 1 and (person := self.person_called(words[0], mention.span.start, mention.gender)):
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

    def person_called(self, word: str, offset: int, gender: str | None = None) -> Entity | None:
        """The person whose surname (else another of their names) is ``word``: "Blinken" is "Antony
        Blinken", "Acosta" is "Melba Acosta Febo", "Hillary" is "Hillary Clinton". Of several, one of
        the gender an honorific gives ("Mrs. Clinton"), else the one the article named first (after
        "Sen. Ted Cruz ... his wife, Heidi Cruz", "Cruz" is still the senator)."""
        for positions in (slice(-1, None), slice(1, -1), slice(0, 1)):
            named = [p for p in self.people.with_word(word) if word in p.words[positions] and len(p.words) > 1]
            agreeing = [p for p in named if gender is None or _gender(p) in (None, gender)]
            if agreeing or named:
                return min(agreeing or named, key=lambda p: p.first)
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
        self.merged.add(id(source))
        self.by_key = {k: (target if e is source else e) for k, e in self.by_key.items()}
        self.people.remove(source)

    def description(self, mention: Mention) -> None:
        role, owner = mention.key or " ".join(mention.words).lower(), identity(mention.owner)
        key = f"description:{owner}:{role}"
        entity = self.by_key.get(key)
        if entity is None and owner is None:
            entity = next(iter(self.live(self.by_role.get(role, []))), None)
        if entity is None:
            entity = self.new(
                mention.kind, key, words=mention.words, role=role, role_class=mention.title_class, owner=owner
            )
        entity.add(mention)

    def category(self, mention: Mention) -> None:
        """ "the alliance": the organisation of that category the article named last."""
        named = [e for e in self.live(self.by_category.get(mention.key, [])) if e.first < mention.span.start]
        if named:
            max(named, key=lambda e: _last_before(e, mention.span.start)).add(mention)

    def note_title(self, mention: Mention) -> None:
        entity = mention.entity
        if mention.title and mention.title not in entity.titles:
            entity.titles.append(mention.title)
            entity.title_roles.append((mention.title_class, identity(mention.owner)))
        if mention.gender and entity.gender is None:
            entity.gender = mention.gender


def _gender(entity: Entity) -> str | None:
    return entity.gender or next((m.gender for m in entity.mentions if m.gender), None)


def _last_before(entity: Entity, offset: int) -> int:
    """The start of the entity's last mention before ``offset`` (-1 when none)."""
    index = bisect_left(entity.starts, offset)
    return entity.starts[index - 1] if index else -1


# --- the entity finder's verdicts -----------------------------------------------------------------


def find_entities(doc: Doc) -> tuple[list[Mention], Clusterer]:
    """Mentions clustered into entities, with the entity finder's word on the names whose kind the
    mention finder only guessed (``apply_entities``)."""
    mentions = find_mentions(doc)
    clusterer = Clusterer(doc.text, gazetteer())
    clusterer.cluster(mentions)
    guessed = [e for e in clusterer.entities if _guessed(e, doc.text)]
    if guessed:  # the finder reads only the sentences that name them
        sentences = {m.sentence for e in guessed for m in e.mentions if m.form == "name"}
        apply_entities(clusterer, doc.text, entity_tagger.entities(doc, mentions, sentences))
    return mentions, clusterer


def apply_entities(clusterer: Clusterer, text: str, found: dict[Span, str]) -> None:
    """A name of several unknown words is a person only by default: it takes the kind the entity
    finder tags it with most often ("Hidden Nook" is a place), and is nobody ("other") when the finder
    never tags it ("Clean Power Plan"). Lone words are left alone: without a context the finder takes
    "Clinton" for a place and "Naturally" for a person; names with a given name, an honorific or a
    title, lexicon names, descriptions and groups keep their kind."""
    spans = sorted(found)
    for entity in clusterer.entities:
        if not _guessed(entity, text):
            continue
        names = [m for m in entity.mentions if m.form == "name"]
        votes = Counter(found[m.span] for m in names if m.span in found)
        if votes:
            entity.kind = votes.most_common(1)[0][0]
        elif not any(_overlapping(spans, m.span) for m in names):
            entity.kind = "other"


def _guessed(entity: Entity, text: str) -> bool:
    """Whether the entity's kind is the mention finder's default for unknown words of several words."""
    if entity.role is not None or entity.kind not in ("person", "organisation") or len(entity.words) < 2:
        return False
    if entity.key is not None and not entity.key.startswith("name:"):
        return False  # a lexicon name
    if entity.gender is not None or entity.titles or entity.words[0] in gazetteer().given_names:
        return False
    names = [m for m in entity.mentions if m.form == "name"]
    return all(len(m.span.text(text).split()) == len(m.words) for m in names)  # no "Mr." before it


def _overlapping(spans: list[Span], span: Span) -> list[Span]:
    before = bisect_left(spans, Span(span.end, span.end))
    return [s for s in spans[max(0, before - 3) : before] if s.overlaps(span)]


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
