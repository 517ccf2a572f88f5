"""The actors stage: who and what the article talks about, and who each statement's source is.

Mentions (``mentions.find_mentions``) are clustered into entities (``entities``), a description that
stands for a named person is linked to that person (``Actor.same_as``), and pronouns are resolved by
``coref``. Each statement's source span is then resolved to the actor it mentions, the named actor
when a description is linked to one.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import replace

from .attribution.cues import cue_forms
from .coref import resolve_pronouns
from .doc import Doc
from .entities import Clusterer, Entity, find_entities, link_descriptions
from .mentions import Gazetteer, Mention, gazetteer
from .model import Actor, Span, Statement
from .segment import CONTROL_CHARACTER
from .stages import declare

# A source span is cut where its noun phrase ends: "Josep Borrell, who joined ...",
# "diplomats at the meeting".
_SOURCE_END = re.compile(r",|;|\(|\s(?:who|whose|which|that|at|in|from|on|with)\s")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_OF_BETWEEN = re.compile(r"\s+(?:of|from)\s+(?:the\s+)?")
_LOWER_WORD = re.compile(r"(?<!')\b[a-z][a-z-]+\b")


# --- statements ------------------------------------------------------------------------------------


def _is_cue_verb(word: str) -> bool:
    return word in cue_forms() and not word.endswith("ing")


def source_head(text: str, source: Span) -> Span:
    """The source's own noun phrase, without an apposition or relative clause after it."""
    chunk = text[source.start : source.end]
    cut = _SOURCE_END.search(chunk, 1)
    end = source.start + (cut.start() if cut else len(chunk))
    while end > source.start and text[end - 1].isspace():
        end -= 1
    return Span(source.start, max(end, source.start + 1)) if end > source.start else source


def without_controls(text: str, span: Span) -> Span | None:
    """The part of a source after its last control character, trimmed: an escape sequence in the text
    ("\x1b]0;", "\x07") never starts or makes up a description's name. None when nothing is left."""
    if not CONTROL_CHARACTER.search(text, span.start, span.end):
        return span
    start, end = span.start, span.end
    while end > start and (text[end - 1].isspace() or CONTROL_CHARACTER.match(text, end - 1)):
        end -= 1
    for match in CONTROL_CHARACTER.finditer(text, start, end):
        start = match.end()
    while start < end and text[start].isspace():
        start += 1
    return Span(start, end) if start < end else None


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
        for index in range(bisect_left(self.starts, offset) - 1, -1, -1):  # no slice: a copy per call
            mention = self.mentions[index]
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

    def sentence_of(self, offset: int) -> int:
        return max(0, self.doc.sentence_index_at(offset))

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
        if tail and _is_cue_verb(tail[0]):
            return best  # "Trump urges supporters": the span ran into the verb after the name
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
            head = without_controls(self.text, head)
            if head is None:
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


@declare("actors", requires=("sentences", "statement.source"), assigns=("actors", "statement.actor"))
def stage(doc: Doc) -> Doc:
    gaz = gazetteer()
    mentions, clusterer = find_entities(doc)
    resolver = SourceResolver(doc, clusterer, mentions)
    resolver.promote_speakers(doc.statements)
    resolver.describe_uncovered(doc.statements)
    link_descriptions(clusterer.entities, mentions, doc.text)
    resolver.mark_sources(doc.statements)
    sources = {s.source: s.content for s in doc.statements if s.source is not None}
    resolve_pronouns(resolver.mentions, sources, (piece for s in doc.statements for piece in s.content))
    speakers = resolver.resolve(doc.statements)
    ids, actors = build_actors(clusterer.entities, doc.text, gaz)
    found = replace(doc, actors=actors)
    statements = tuple(
        replace(statement, actor=found.speaker_of(ids.get(id(speakers[number]))))
        if number in speakers else statement
        for number, statement in enumerate(doc.statements)
    )
    return replace(found, statements=statements)

