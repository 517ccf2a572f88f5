"""The export's content as one dictionary (``export_data``): the JSON export is that dictionary, and the
Markdown export is rendered from it, so the two always say the same thing."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable, Literal

from annotators import Actor, Annotation, Span, Statement
from tui.notes.placement import PlacedNote
from tui.notes.store import timestamp
from tui.stances import taken

EXPORT_SCHEMA = "quotelens.notes-export/2"  # 2: actors folded and filtered, statement stances, article notes
ExportFormat = Literal["md", "json"]
UNATTRIBUTED = "Unattributed"
BASE_TAGS = ("quotelens",)


@dataclass(frozen=True)
class ExportSource:
    """Everything an export is made from."""

    text: str
    annotation: Annotation
    placed: tuple[PlacedNote, ...]
    document_id: str  # the text hash: stable across machines and exports
    source: str | None  # path or URL
    fallback_title: str  # shown when the article has no title line (e.g. the file name)


def export_data(
    article: ExportSource, *, now: datetime, version: str, all_statements: bool = False, all_actors: bool = False
) -> dict[str, Any]:
    """The export as a JSON-ready dictionary; ``now`` is injectable so exports can be compared.

    Actors are listed when they speak or are the target of a stance (``all_actors``: everyone), each
    with the descriptions linked to it by ``same_as`` folded in as titles."""
    text, annotation = article.text, article.annotation
    notes_by_statement: dict[str, list[PlacedNote]] = defaultdict(list)
    for placed in article.placed:
        if placed.statement_id is not None:
            notes_by_statement[placed.statement_id].append(placed)
    speaker = annotation.speakers
    statements = [
        _statement_data(text, annotation, statement, notes_by_statement[statement.id], speaker)
        for statement in annotation.statements
        if all_statements or notes_by_statement[statement.id]
    ]
    meta = annotation.meta
    speakers = dict.fromkeys(s["speaker"] for s in statements if s["actor"])
    return {
        "schema": EXPORT_SCHEMA,
        "document": {
            "id": article.document_id,
            "title": meta.title or article.fallback_title,
            "date": meta.date,
            "dateline": meta.dateline,
            "author": meta.author,
            "outlet": meta.outlet,
            "url": meta.url,
            "source": article.source,
            "bundled_sample": is_bundled_sample(article.source),
        },
        "exported_at": timestamp(now),
        "quotelens_version": version,
        "tags": [*BASE_TAGS, *(f"speaker/{_slug(name)}" for name in speakers)],
        "counts": {"statements": len(annotation.statements), "actors": len(_actor_groups(annotation))},
        "actors": _table_actors(annotation, everyone=all_actors),
        "statements": statements,
        "article_notes": [_note_data(p) for p in article.placed if p.on_article],
        "highlights": [
            {**_passage(text, annotation, p.span), "note": _note_data(p)}
            for p in article.placed
            if p.span is not None and p.statement_id is None
        ],
        "unanchored": [_note_data(p) for p in article.placed if not p.anchored],
    }


def is_bundled_sample(source: str | None) -> bool:
    """The article is one of the samples shipped in the package (named as such, not by its path)."""
    from seeds import seed_paths

    return source is not None and Path(source).is_absolute() and Path(source) in seed_paths()


def _statement_data(
    text: str, annotation: Annotation, statement: Statement, notes: Iterable[PlacedNote], speaker: dict[str, str]
) -> dict[str, Any]:
    actor = annotation.actor(speaker.get(statement.actor))  # a description speaks as the actor it stands for
    return {
        "id": statement.id,
        "kind": statement.kind,
        "speaker": actor.name if actor else _speaker_from_source(text, statement),
        "actor": statement.actor,
        "source": statement.source.text(text) if statement.source is not None else None,
        "cue": statement.cue.text(text) if statement.cue is not None else None,
        "paragraph": _paragraph_number(annotation, statement.start),
        "content": [
            {"text": piece.text(text), "start": piece.start, "end": piece.end,
             "paragraph": _paragraph_number(annotation, piece.start)}
            for piece in statement.content
        ],
        "stances": [stance.to_json() for stance in statement.stances],
        "block_id": _slug(statement.id),  # Obsidian links to "^s5"
        "notes": [_note_data(p) for p in notes],
    }


def _speakers_first(annotation: Annotation) -> list[Actor]:
    """Actors who speak, in the order they first do, then the others as the annotation lists them."""
    first_said = {}
    for position, statement in enumerate(annotation.statements):
        first_said.setdefault(statement.actor, position)
    order = {actor.id: index for index, actor in enumerate(annotation.actors)}
    return sorted(annotation.actors, key=lambda a: (a.id not in first_said, first_said.get(a.id, order[a.id])))


def _speaker_from_source(text: str, statement: Statement) -> str:
    return " ".join(statement.source.text(text).split()) if statement.source is not None else UNATTRIBUTED


def _actor_groups(annotation: Annotation) -> list[list[Actor]]:
    """Each actor that speaks for itself with the descriptions linked to it by ``same_as`` ("the EU's
    top diplomat" with Borrell), the actor first; groups in the order their first member is listed."""
    speaker = annotation.speakers
    position = {actor.id: index for index, actor in enumerate(_speakers_first(annotation))}
    described: dict[str, list[Actor]] = defaultdict(list)
    for actor in annotation.actors:
        if speaker[actor.id] != actor.id:
            described[speaker[actor.id]].append(actor)
    groups = [[actor, *described[actor.id]] for actor in annotation.actors if speaker[actor.id] == actor.id]
    return sorted(groups, key=lambda group: min(position[member.id] for member in group))


def _table_actors(annotation: Annotation, *, everyone: bool) -> list[dict[str, Any]]:
    """The actors table: who speaks or is the target of a stance that takes a side (or ``everyone``),
    aliases folded."""
    speaker = annotation.speakers
    stances = taken([*(s for actor in annotation.actors for s in actor.stances),
                     *(s for statement in annotation.statements for s in statement.stances)])
    targets = {speaker.get(s.target_actor) for s in stances if s.target_actor}
    rows = [_actor_data(annotation, group) for group in _actor_groups(annotation)]
    return [row for row in rows if everyone or row["statements"] or row["id"] in targets]


def _actor_data(annotation: Annotation, group: list[Actor]) -> dict[str, Any]:
    actor, aliases = group[0], group[1:]
    titles = [*actor.titles, *(t for alias in aliases for t in (alias.name, *alias.titles))]
    own = {(s.target, s.polarity) for s in actor.stances}
    stances = [*actor.stances,
               *(s for alias in aliases for s in alias.stances if (s.target, s.polarity) not in own)]
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind,
        "role": "; ".join(dict.fromkeys(titles)),
        "statements": sum(len(annotation.statements_by(member.id)) for member in group),
        "stances": [stance.to_json() for stance in stances],
        "folded": [alias.id for alias in aliases],
    }


def _passage(text: str, annotation: Annotation, span: Span) -> dict[str, Any]:
    return {"text": span.text(text), "start": span.start, "end": span.end,
            "paragraph": _paragraph_number(annotation, span.start)}


def _note_data(placed: PlacedNote) -> dict[str, Any]:
    return {**placed.note.to_json(), "found": placed.how}


def _paragraph_number(annotation: Annotation, offset: int) -> int | None:
    index = annotation.paragraph_index(offset)
    return None if index is None else index + 1


def _slug(name: str) -> str:
    return re.sub(r"[^\w]+", "-", name.lower()).strip("-") or "unknown"
