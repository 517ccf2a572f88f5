"""The data model every stage produces and every consumer reads.

All spans are Python ``str`` offsets (``text[start:end]``) into the exact text that was annotated.
Everything is a frozen dataclass so an ``Annotation`` can be shared between threads and cached.
The JSON form is documented in the README and versioned by ``SCHEMA``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, Iterable, Literal

SCHEMA = "quotelens.annotation/3"  # 2: stances on statements and actors; 3: the text, author, outlet, url
READABLE_SCHEMAS = ("quotelens.annotation/2", SCHEMA)

ActorKind = Literal["person", "organisation", "place", "group", "other"]
StatementKind = Literal["direct", "indirect", "mixed"]
ACTOR_KINDS: tuple[str, ...] = ("person", "organisation", "place", "group", "other")
STATEMENT_KINDS: tuple[str, ...] = ("direct", "indirect", "mixed")
Polarity = Literal["favor", "against", "neutral", "mixed"]
POLARITIES: tuple[str, ...] = ("favor", "against", "neutral", "mixed")


@dataclass(frozen=True, order=True)
class Span:
    """``text[start:end]``. An empty span is falsy (it has a length of 0), so an optional span is
    tested with ``is None``, never for truth."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def text(self, text: str) -> str:
        return text[self.start : self.end]

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def to_json(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Span:
        return cls(int(data["start"]), int(data["end"]))


@dataclass(frozen=True)
class Meta:
    """Article metadata: what the first lines say about the article, not text to annotate, and what
    its source said (a page's author, outlet and canonical URL, handed in by the caller)."""

    title: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD
    dateline: str | None = None
    body: Span | None = None  # where the article body starts and ends (after title/date/dateline)
    author: str | None = None  # the byline
    outlet: str | None = None  # the publication ("The Harbour Gazette")
    url: str | None = None  # the canonical URL
    model: str | None = None  # the model that annotated, and its version ("accurate/minilm-...")

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "date": self.date,
            "dateline": self.dateline,
            "body": self.body.to_json() if self.body is not None else None,
            "author": self.author,
            "outlet": self.outlet,
            "url": self.url,
            "model": self.model,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Meta:
        body = data.get("body")
        return cls(
            title=data.get("title"),
            date=data.get("date"),
            dateline=data.get("dateline"),
            body=Span.from_json(body) if body is not None else None,
            author=data.get("author"),
            outlet=data.get("outlet"),
            url=data.get("url"),
            model=data.get("model"),
        )


@dataclass(frozen=True)
class Stance:
    """Where a statement or an actor stands on a target: another actor or an issue it names.

    On a statement: one target, the evidence span(s) that show the polarity, ``count`` 1. On an actor:
    the aggregate over everything they said or did, ``count`` pieces of evidence, strongest first.
    """

    target: str  # what the stance is about, as the article names it ("no-fly zone", "Russia")
    polarity: Polarity
    score: float  # strength, 0..1
    evidence: tuple[Span, ...] = ()
    target_actor: str | None = None  # the actor id when the target is an actor of the article
    target_span: Span | None = None  # where the target is named (on an actor: in the strongest evidence)
    count: int = 1

    def to_json(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "polarity": self.polarity,
            "score": self.score,
            "evidence": [e.to_json() for e in self.evidence],
            "target_actor": self.target_actor,
            "target_span": None if self.target_span is None else self.target_span.to_json(),
            "count": self.count,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Stance:
        span = data.get("target_span")
        return cls(
            target=data["target"],
            polarity=data["polarity"],
            score=float(data["score"]),
            evidence=tuple(Span.from_json(e) for e in data.get("evidence", ())),
            target_actor=data.get("target_actor"),
            target_span=None if span is None else Span.from_json(span),
            count=int(data.get("count", 1)),
        )


@dataclass(frozen=True)
class Actor:
    """One real-world entity of the article, with every place it is mentioned."""

    id: str
    name: str
    kind: ActorKind = "other"
    titles: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    mentions: tuple[Span, ...] = ()
    # A descriptive actor ("the EU's top diplomat") may be linked to the named actor it stands for.
    same_as: str | None = None
    stances: tuple[Stance, ...] = ()  # the aggregate of the actor's stances, strongest first

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "titles": list(self.titles),
            "aliases": list(self.aliases),
            "mentions": [m.to_json() for m in self.mentions],
            "same_as": self.same_as,
            "stances": [st.to_json() for st in self.stances],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Actor:
        return cls(
            id=data["id"],
            name=data["name"],
            kind=data.get("kind", "other"),
            titles=tuple(data.get("titles", ())),
            aliases=tuple(data.get("aliases", ())),
            mentions=tuple(Span.from_json(m) for m in data.get("mentions", ())),
            same_as=data.get("same_as"),
            stances=tuple(Stance.from_json(st) for st in data.get("stances", ())),
        )


@dataclass(frozen=True)
class Statement:
    """An attributed statement: what was said (content), by whom (source/actor), how (cue)."""

    id: str
    kind: StatementKind
    content: tuple[Span, ...]
    cue: Span | None = None
    source: Span | None = None  # the local mention: "he", "the EU's top diplomat"
    actor: str | None = None  # the actor id the source resolves to
    stances: tuple[Stance, ...] = ()  # the targets the statement is about, in text order

    @property
    def start(self) -> int:
        return self.content[0].start

    @property
    def end(self) -> int:
        return self.content[-1].end

    @property
    def extent(self) -> Span:
        """The smallest span covering content, cue and source."""
        spans = [*self.content, *(s for s in (self.cue, self.source) if s is not None)]
        return Span(min(s.start for s in spans), max(s.end for s in spans))

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "content": [c.to_json() for c in self.content],
            "cue": None if self.cue is None else self.cue.to_json(),
            "source": None if self.source is None else self.source.to_json(),
            "actor": self.actor,
            "stances": [st.to_json() for st in self.stances],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Statement:
        cue, source = data.get("cue"), data.get("source")
        return cls(
            id=data["id"],
            kind=data["kind"],
            content=tuple(Span.from_json(c) for c in data["content"]),
            cue=None if cue is None else Span.from_json(cue),
            source=None if source is None else Span.from_json(source),
            actor=data.get("actor"),
            stances=tuple(Stance.from_json(st) for st in data.get("stances", ())),
        )


def speakers(actors: Iterable[Actor]) -> dict[str, str]:
    """Actor id -> the id of the actor who speaks for it: itself, or the end of its ``same_as`` chain
    (a description linked to a named actor speaks as that actor). Cycle-safe: a chain stops before an
    actor it has already passed."""
    ids = {actor.id for actor in actors}
    links = {actor.id: actor.same_as for actor in actors if actor.same_as in ids}
    resolved: dict[str, str] = {}
    for actor_id in ids:
        seen, current = {actor_id}, actor_id
        while (target := links.get(current)) is not None and target not in seen:
            seen.add(target)
            current = target
        resolved[actor_id] = current
    return resolved


@dataclass(frozen=True)
class Annotation:
    """What the annotator found in one text, and that text (every span indexes it)."""

    meta: Meta = field(default_factory=Meta)
    paragraphs: tuple[Span, ...] = ()
    actors: tuple[Actor, ...] = ()
    statements: tuple[Statement, ...] = ()
    text: str | None = field(default=None, repr=False)  # None: not known (read from a /2 record)

    def actor(self, actor_id: str | None) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    @cached_property
    def speakers(self) -> dict[str, str]:
        """Actor id -> the id of the actor who speaks for it (see ``speakers``)."""
        return speakers(self.actors)

    def speaker_of(self, actor_id: str | None) -> str | None:
        """Who speaks for ``actor_id``: the end of its ``same_as`` chain ("the EU's top diplomat" ->
        Borrell); None for None or an id that is no actor here."""
        return None if actor_id is None else self.speakers.get(actor_id)

    def statements_by(self, actor_id: str) -> tuple[Statement, ...]:
        return tuple(s for s in self.statements if s.actor == actor_id)

    def paragraph_index(self, offset: int) -> int | None:
        """0-based index of the paragraph holding ``offset``, or None outside every paragraph."""
        for index, paragraph in enumerate(self.paragraphs):
            if paragraph.start <= offset < paragraph.end:
                return index
        return None

    def with_statements(self, statements: Iterable[Statement]) -> Annotation:
        return replace(self, statements=tuple(sorted(statements, key=lambda s: (s.start, s.end))))

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "text": self.text,
            "meta": self.meta.to_json(),
            "paragraphs": [p.to_json() for p in self.paragraphs],
            "actors": [a.to_json() for a in self.actors],
            "statements": [s.to_json() for s in self.statements],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Annotation:
        schema = data.get("schema")
        if schema not in READABLE_SCHEMAS:
            raise ValueError(f"unsupported schema {schema!r} (expected {SCHEMA!r})")
        return cls(
            text=data.get("text"),
            meta=Meta.from_json(data.get("meta", {})),
            paragraphs=tuple(Span.from_json(p) for p in data.get("paragraphs", ())),
            actors=tuple(Actor.from_json(a) for a in data.get("actors", ())),
            statements=tuple(Statement.from_json(s) for s in data.get("statements", ())),
        )
