"""The first-person stage: "we" and "I" in what a speaker says are mentions of the speaker (or of the
organisation the speaker's title names)."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from .doc import Doc
from .mentions import gazetteer
from .model import Actor, Span
from .stages import declare

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


@declare("first_person", requires=("actors", "statements.continued"), assigns=("actor.mentions",))
def stage(doc: Doc) -> Doc:
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
