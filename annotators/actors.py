"""The actors stage: who and what the article talks about, and who each statement's source is.

Mentions (``mentions.find_mentions``) are clustered into entities: lexicon names by their lexicon
identity ("NATO" = "North Atlantic Treaty Organization"), people by their full name, a lone word by
the surname or first name of a person named in the article ("Blinken" -> "Antony Blinken"), an
acronym defined in parentheses by the name before it, descriptions ("Ukrainian authorities") by owner
and role, "the alliance" by the organisation of that category named before. A description that
stands for a named person is linked to that person (``Actor.same_as``): by apposition ("the EU's top
diplomat, Josep Borrell") or by a title ("NATO's head" -> whoever the article calls "NATO
Secretary-General"). Pronouns are resolved by ``coref``. Each statement's source span is then
resolved to the actor it mentions, the named actor when a description is linked to one.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from functools import cache

from .coref import resolve_pronouns
from .doc import Doc
from .mentions import Gazetteer, Mention, find_mentions, gazetteer
from .model import Actor, Span, Statement

# A source span is cut where its noun phrase ends: "Josep Borrell, who joined ...",
# "diplomats at the meeting".
_SOURCE_END = re.compile(r",|;|\(|\s(?:who|whose|which|that|at|in|from|on|with)\s")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_OF_BETWEEN = re.compile(r"\s+(?:of|from)\s+(?:the\s+)?")
_LOWER_WORD = re.compile(r"(?<!')\b[a-z][a-z-]+\b")


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

    def speaker(self) -> Entity:
        """The named entity this one stands for (itself unless linked)."""
        entity, hops = self, 0
        while entity.same_as is not None and hops < 5:
            entity, hops = entity.same_as, hops + 1
        return entity


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


# --- statements ------------------------------------------------------------------------------------


def source_head(text: str, source: Span) -> Span:
    """The source's own noun phrase, without an apposition or relative clause after it."""
    chunk = text[source.start : source.end]
    cut = _SOURCE_END.search(chunk, 1)
    end = source.start + (cut.start() if cut else len(chunk))
    while end > source.start and text[end - 1].isspace():
        end -= 1
    return Span(source.start, max(end, source.start + 1)) if end > source.start else source


class MentionIndex:
    """Mentions by position, to find those inside a source span."""

    def __init__(self, mentions: list[Mention]):
        self.mentions = sorted(mentions, key=lambda m: (m.span.start, -m.span.end))
        self.starts = [m.span.start for m in self.mentions]

    def overlapping(self, span: Span) -> list[Mention]:
        # A mention starts before span.end; mentions are short, so look back a little for ones
        # that start before the span and reach into it.
        last = bisect_left(self.starts, span.end)
        first = max(0, bisect_left(self.starts, span.start) - 8)
        return [m for m in self.mentions[first:last] if m.span.overlaps(span)]

    def before(self, offset: int, sentence: int) -> Mention | None:
        for mention in reversed(self.mentions[: bisect_left(self.starts, offset)]):
            if mention.sentence != sentence:
                return None
            if mention.entity is not None and mention.form != "pronoun":
                return mention
        return None


class SourceResolver:
    """Statement sources -> entities, creating descriptions for sources no mention covers."""

    def __init__(self, doc: Doc, clusterer: Clusterer, mentions: list[Mention]):
        self.doc = doc
        self.text = doc.text
        self.clusterer = clusterer
        self.gaz = clusterer.gaz
        self.mentions = mentions
        self.sentence_starts = [s.span.start for s in doc.sentences]

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect_right(self.sentence_starts, offset) - 1)

    def mark_sources(self, statements: tuple[Statement, ...]) -> None:
        """Mark the mentions that head a statement's source: speakers are salient for pronouns."""
        index = MentionIndex(self.mentions)
        for statement in statements:
            if statement.source is not None:
                head = source_head(self.text, statement.source)
                found = self.head_mention(head, index) or self.apposition(statement.source, head, index)
                if found is not None:
                    found.is_source = True

    def promote_speakers(self, statements: tuple[Statement, ...]) -> None:
        """A lone unknown name that is a statement's source ("Frank said") is a person."""
        index = MentionIndex(self.mentions)
        for statement in statements:
            if statement.source is None:
                continue
            for mention in index.overlapping(source_head(self.text, statement.source)):
                if mention.form == "name" and mention.entity is not None and mention.entity.kind == "other":
                    mention.entity.kind = "person"
                    self.clusterer.people.append(mention.entity)

    def head_mention(self, head: Span, index: MentionIndex) -> Mention | None:
        """The mention that is the head of the source's noun phrase, if one is.

        The head of an English noun phrase comes last ("United States Secretary of State Antony
        Blinken"); a mention followed by a lower-case noun is only its owner or modifier ("his
        rival", "American law enforcement officials").
        """
        candidates = index.overlapping(head)
        if not candidates:
            return None
        best = max(candidates, key=lambda m: (m.span.end, len(m.span)))
        # "Gov. Terry E. Branstad of Iowa": the head is the name before "of".
        while before := next(
            (m for m in candidates if _OF_BETWEEN.fullmatch(self.text[m.span.end : best.span.start])), None
        ):
            best = before
        tail = [
            w
            for w in _LOWER_WORD.findall(self.text[best.span.end : head.end])
            if w not in self.gaz.function_words
        ]
        # A role noun after the mention is the head ("his rival"); other words are most likely a
        # verb the source span ran into ("Trump shot back").
        return None if tail and self.role_of(tuple(tail)) else best

    def apposition(self, source: Span, head: Span, index: MentionIndex) -> Mention | None:
        """A name right after the head: "his rival, Hillary Clinton," -> Hillary Clinton."""
        rest = Span(head.end, source.end)
        names = [m for m in index.overlapping(rest) if m.form == "name" and m.span.start >= head.end]
        first = min(names, key=lambda m: m.span.start, default=None)
        if first is not None and self.text[head.end : first.span.start].strip() == ",":
            return first
        return None

    def describe_uncovered(self, statements: tuple[Statement, ...]) -> None:
        """ "diplomats", "some countries": a source that names nobody is a description of its own."""
        index = MentionIndex(self.mentions)
        for statement in statements:
            if statement.source is None:
                continue
            head = source_head(self.text, statement.source)
            if self.head_mention(head, index) or self.apposition(statement.source, head, index):
                continue
            head = self.without_trailing_function_words(head)
            words = tuple(head.text(self.text).split())
            if not words or all(w.lower().strip(".,") in self.gaz.pronouns for w in words):
                continue
            mention = Mention(
                head,
                "descriptive",
                self.guess_kind(words),
                self.sentence_of(head.start),
                key=_ARTICLE.sub("", head.text(self.text)).lower(),
                words=words,
            )
            role = self.role_of(words)
            if role is not None:
                mention.title_class = None if role[0] == "-" else role[0]
            self.mentions.append(mention)
            self.clusterer.description(mention)
        self.mentions.sort(key=lambda m: (m.span.start, -m.span.end))

    def without_trailing_function_words(self, head: Span) -> Span:
        """ "the Romney campaign would" -> "the Romney campaign"."""
        words = list(re.finditer(r"\S+", head.text(self.text)))
        while len(words) > 1 and words[-1].group().lower() in self.gaz.function_words:
            words.pop()
        return Span(head.start, head.start + words[-1].end()) if words else head

    def role_of(self, words: tuple[str, ...]) -> tuple[str, str] | None:
        lowered = tuple(w.lower() for w in words)
        return self.gaz.roles.get(lowered[-2:]) or self.gaz.roles.get(lowered[-1:])

    def guess_kind(self, words: tuple[str, ...]) -> str:
        if role := self.role_of(words):
            return role[1]
        last = words[-1]
        return "group" if last.islower() and last.endswith("s") else "other"

    def resolve(self, statements: tuple[Statement, ...]) -> dict[int, Entity]:
        """Statement index -> the entity its source mentions."""
        index = MentionIndex(self.mentions)
        resolved: dict[int, Entity] = {}
        for number, statement in enumerate(statements):
            if statement.source is None:
                continue
            entity = self.entity_for(statement.source, index)
            if entity is not None:
                resolved[number] = entity
        return resolved

    def entity_for(self, source: Span, index: MentionIndex) -> Entity | None:
        head = source_head(self.text, source)
        found = self.head_mention(head, index) or self.apposition(source, head, index)
        if found is not None:
            return found.entity
        if self.gaz.pronouns.get(head.text(self.text).lower()) == "rel":
            antecedent = index.before(head.start, self.sentence_of(head.start))
            if antecedent is not None:
                relative = Mention(
                    head,
                    "pronoun",
                    "unknown",
                    antecedent.sentence,
                    pronoun="rel",
                    key=head.text(self.text).lower(),
                )
                antecedent.entity.add(relative)
                return antecedent.entity
        return None


# --- actors ----------------------------------------------------------------------------------------


def slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower().replace("'", "")).strip("-") or "actor"


def actor_name(entity: Entity, text: str) -> str:
    if entity.role is not None:
        first = min((m for m in entity.mentions if m.form == "descriptive"), key=lambda m: m.span.start)
        return _ARTICLE.sub("", first.span.text(text))
    if entity.key and ":" in entity.key and not entity.key.startswith("name:"):
        return entity.key.split(":", 1)[1]
    return " ".join(entity.words)


def _aliases(entity: Entity, name: str, text: str, gaz: Gazetteer) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for mention in sorted(entity.mentions, key=lambda m: m.span.start):
        surface = mention.span.text(text)
        if mention.form == "name" and surface != name:
            seen.setdefault(" ".join(surface.split()), None)
    for alias in gaz.aliases.get(entity.key or "", ())[:1]:
        if alias != name:
            seen.setdefault(alias, None)
    return tuple(seen)


def build_actors(
    entities: list[Entity], text: str, gaz: Gazetteer
) -> tuple[dict[int, str], tuple[Actor, ...]]:
    """Actors in order of first mention, with stable, unique ids; also entity -> id."""
    ordered = sorted((e for e in entities if e.mentions), key=lambda e: e.first)
    ids: dict[int, str] = {}
    used: set[str] = set()
    names: dict[int, str] = {}
    for entity in ordered:
        names[id(entity)] = actor_name(entity, text)
        base = slug(names[id(entity)])
        candidate, number = base, 2
        while candidate in used:
            candidate, number = f"{base}-{number}", number + 1
        used.add(candidate)
        ids[id(entity)] = candidate
    actors = tuple(
        Actor(
            id=ids[id(entity)],
            name=names[id(entity)],
            kind=entity.kind if entity.kind in ("person", "organisation", "place", "group") else "other",
            titles=tuple(entity.titles),
            aliases=_aliases(entity, names[id(entity)], text, gaz),
            mentions=tuple(sorted({m.span for m in entity.mentions})),
            same_as=ids.get(id(entity.same_as)) if entity.same_as is not None else None,
        )
        for entity in ordered
    )
    return ids, actors


def stage(doc: Doc) -> Doc:
    gaz = gazetteer()
    mentions = find_mentions(doc)
    clusterer = Clusterer(doc.text, gaz)
    clusterer.cluster(mentions)
    resolver = SourceResolver(doc, clusterer, mentions)
    resolver.promote_speakers(doc.statements)
    resolver.describe_uncovered(doc.statements)
    link_descriptions(clusterer.entities, mentions, doc.text)
    resolver.mark_sources(doc.statements)
    sources = {s.source: s.content for s in doc.statements if s.source is not None}
    resolve_pronouns(resolver.mentions, sources)
    speakers = resolver.resolve(doc.statements)
    ids, actors = build_actors(clusterer.entities, doc.text, gaz)
    statements = tuple(
        replace(statement, actor=ids.get(id(speakers[number].speaker()))) if number in speakers else statement
        for number, statement in enumerate(doc.statements)
    )
    return replace(doc, actors=actors, statements=statements)


# --- "we" and "I" in what speakers say ---------------------------------------------------------------


@cache
def _first_person() -> re.Pattern[str]:
    words = sorted((w for w, kind in gazetteer().pronouns.items() if kind in ("we", "i")), key=len, reverse=True)
    return re.compile(rf"(?<!\w)(?:{'|'.join(words)})(?!\w)", re.IGNORECASE)


def _organisation_in_titles(speaker: Actor, actors: tuple[Actor, ...]) -> Actor | None:
    """The organisation a speaker's title names: NATO for "NATO Secretary-General"."""
    for title in speaker.titles:
        for actor in actors:
            names = (actor.name, *actor.aliases)
            if actor.kind == "organisation" and any(re.search(rf"\b{re.escape(n)}\b", title) for n in names):
                return actor
    return None


def first_person_stage(doc: Doc) -> Doc:
    """ "We"/"I" in what a speaker says (direct or mixed): the organisation the speaker's title names,
    else the speaker. Runs after ``continuation``, so quote-only paragraphs have their speaker."""
    by_id = {actor.id: actor for actor in doc.actors}
    taken = {mention for actor in doc.actors for mention in actor.mentions}
    pronouns = gazetteer().pronouns
    added: dict[str, set[Span]] = {}
    for statement in doc.statements:
        speaker = by_id.get(statement.actor or "")
        if speaker is None or statement.kind == "indirect":
            continue
        for piece in statement.content:
            for match in _first_person().finditer(doc.text, piece.start, piece.end):
                word, span = match.group(), Span(*match.span())
                if span in taken or word not in (word.lower(), word.lower().title()):
                    continue  # already someone's mention, or "US"
                is_we = pronouns[word.lower()] == "we"
                side = (_organisation_in_titles(speaker, doc.actors) if is_we else None) or speaker
                added.setdefault(side.id, set()).add(span)
                taken.add(span)
    if not added:
        return doc
    actors = tuple(
        replace(actor, mentions=tuple(sorted({*actor.mentions, *added[actor.id]}))) if actor.id in added else actor
        for actor in doc.actors
    )
    return replace(doc, actors=actors)
