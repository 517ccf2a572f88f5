"""The export's content as one dictionary (``export_data``): the JSON export is that dictionary, and the
Markdown export is rendered from it, so the two always say the same thing."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable, Literal

from annotators import Actor, Annotation, Span, Statement
from tui.notes.placement import PlacedNote
from tui.notes.store import timestamp

EXPORT_SCHEMA = "quotelens.notes-export/1"
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


def export_data(article: ExportSource, *, now: datetime, version: str, all_statements: bool = False) -> dict[str, Any]:
    """The export as a JSON-ready dictionary; ``now`` is injectable so exports can be compared."""
    text, annotation = article.text, article.annotation
    notes_by_statement: dict[str, list[PlacedNote]] = defaultdict(list)
    for placed in article.placed:
        if placed.statement_id is not None:
            notes_by_statement[placed.statement_id].append(placed)
    statements = [
        _statement_data(text, annotation, statement, notes_by_statement[statement.id])
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
        },
        "exported_at": timestamp(now),
        "quotelens_version": version,
        "tags": [*BASE_TAGS, *(f"speaker/{_slug(name)}" for name in speakers)],
        "actors": [_actor_data(annotation, actor) for actor in _speakers_first(annotation)],
        "statements": statements,
        "highlights": [
            {**_passage(text, annotation, p.span), "note": _note_data(p)}
            for p in article.placed
            if p.span is not None and p.statement_id is None
        ],
        "unanchored": [_note_data(p) for p in article.placed if p.span is None],
    }


def _statement_data(
    text: str, annotation: Annotation, statement: Statement, notes: Iterable[PlacedNote]
) -> dict[str, Any]:
    actor = annotation.actor(statement.actor)
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


def _actor_data(annotation: Annotation, actor: Actor) -> dict[str, Any]:
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind,
        "role": "; ".join(actor.titles),
        "statements": len(annotation.statements_by(actor.id)),
        "stances": [stance.to_json() for stance in actor.stances],
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
