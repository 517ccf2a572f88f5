"""The library: the articles of a folder or a feed as rows to sort, filter and open (headless).

``Library`` is what ``quotelens DIR`` (or a feed) lists: the entries ``tui.inputs.discover`` found. A
``Row`` is what the screen shows about one of them; it starts with the file name (or a feed item's
title) and fills in as the article is loaded (title, outlet, date) and annotated (statements,
actors). ``visible_rows`` is the screen's ``/`` filter and sort.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from annotators import metadata
from annotators.model import Annotation
from tui.inputs import Article, Entry, Limits
from tui.notes import NotesStore, NotesUnavailable

SortColumn = Literal["title", "outlet", "date", "statements", "actors", "notes"]
SORT_COLUMNS: tuple[SortColumn, ...] = ("title", "outlet", "date", "statements", "actors", "notes")


@dataclass(frozen=True)
class Library:
    """The articles to list: ``name`` (the folder or feed as given) heads the screen."""

    name: str
    entries: tuple[Entry, ...]
    limits: Limits = Limits()


def lists_articles(spec: str, entries: Sequence[Entry]) -> bool:
    """Whether ``spec`` opens the library rather than the reader: a folder or a feed (even of one
    article), or anything that holds several."""
    return len(entries) > 1 or entries[0].item is not None or os.path.isdir(spec)


@dataclass(frozen=True)
class Row:
    """One article of the library as its row shows it. ``None`` counts: not known yet."""

    key: str  # the entry's location: unique in the library
    name: str  # the file (relative to the folder), or the feed item's title or address
    title: str | None = None
    outlet: str | None = None
    date: str | None = None
    statements: int | None = None
    actors: int | None = None
    notes: int | None = None
    problem: str | None = None  # one line: why the article cannot be read or annotated

    @classmethod
    def of(cls, entry: Entry) -> Row:
        return cls(entry.location, _name(entry), title=entry.title)

    def with_article(self, article: Article) -> Row:
        """What the article shows before it is annotated: its source's metadata, and what its first
        lines say (the engine's own first stage: a plain text's title and date)."""
        meta = metadata.extract(article.text, article.meta)
        return replace(self, title=meta.title or self.title, outlet=meta.outlet, date=meta.date)

    def with_annotation(self, annotation: Annotation) -> Row:
        meta = annotation.meta
        return replace(
            self,
            title=meta.title or self.title,
            outlet=meta.outlet or self.outlet,
            date=meta.date or self.date,
            statements=len(annotation.statements),
            actors=len(annotation.actors),
        )

    def failed(self, problem: str) -> Row:
        return replace(self, problem=problem)


def _name(entry: Entry) -> str:
    if entry.item is not None:
        return entry.title or entry.item.link or entry.location
    if entry.base is not None:
        return os.path.relpath(entry.location, entry.base)
    return Path(entry.location).name if "://" not in entry.location else entry.location


def open_notes(directory: str | None) -> NotesStore | None:
    """The notes store, read-only (the library never writes notes), or None when it cannot be read."""
    try:
        return NotesStore.open(directory, read_only=True)
    except NotesUnavailable:
        return None


def count_notes(store: NotesStore | None, article: Article) -> int | None:
    """How many notes the user wrote on this article (found as the reader finds them), or None when
    the notes cannot be read."""
    if store is None:
        return None
    try:
        return len(store.notes(store.document_for(article.text, article.source)))
    except NotesUnavailable:
        return None


# --- sorting and filtering ------------------------------------------------------------------------


def _sort_value(row: Row, column: SortColumn) -> Any:
    if column in ("title", "outlet"):
        return (getattr(row, column) or (row.name if column == "title" else "")).casefold() or None
    return getattr(row, column)


def sorted_rows(rows: Iterable[Row], column: SortColumn, descending: bool = False) -> list[Row]:
    """``rows`` ordered by ``column``; rows where it is not known (yet) come last either way, and
    ties keep their order (the folder's)."""
    known, unknown = [], []
    for row in rows:
        (unknown if _sort_value(row, column) is None else known).append(row)
    known.sort(key=lambda row: _sort_value(row, column), reverse=descending)
    return known + unknown


def matches(row: Row, query: str) -> bool:
    """Whether every word of ``query`` occurs (any case) in the row's title, name, outlet, date or
    problem."""
    haystack = " ".join(x for x in (row.title, row.name, row.outlet, row.date, row.problem) if x).casefold()
    return all(word in haystack for word in query.casefold().split())


def visible_rows(rows: Iterable[Row], query: str, sort: tuple[SortColumn, bool] | None) -> list[Row]:
    """The rows the screen shows: those matching ``query``, in the ``sort`` (column, descending)
    order, else in the library's order."""
    shown = [row for row in rows if matches(row, query)]
    return sorted_rows(shown, *sort) if sort else shown
