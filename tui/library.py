"""The library: the articles of a folder as rows to sort, filter and open (headless: no Textual).

An ``Entry`` is what a row shows about one article; it starts as the file name and fills in as the
article is read (title, date) and annotated (statements, actors). ``sorted_entries`` and ``matches``
are the sort and the ``/`` filter of the library screen.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from annotators.model import Annotation
from tui.notes import NotesStore, NotesUnavailable
from tui.notes.article import source_for

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown")

SortColumn = Literal["title", "outlet", "date", "statements", "actors", "notes"]
SORT_COLUMNS: tuple[SortColumn, ...] = ("title", "outlet", "date", "statements", "actors", "notes")


@dataclass(frozen=True)
class Folder:
    """The articles the library lists: ``name`` heads the screen."""

    name: str
    paths: tuple[Path, ...]


def articles_in(directory: Path) -> Folder:
    """The article files directly in ``directory`` (hidden files left out), by name."""
    paths = sorted(
        (p for p in directory.iterdir()
         if p.suffix.lower() in ARTICLE_SUFFIXES and not p.name.startswith(".")),
        key=lambda p: p.name.casefold(),
    )
    return Folder(str(directory), tuple(paths))


@dataclass(frozen=True)
class Entry:
    """One article of the library as its row shows it. ``None`` counts: not known yet."""

    path: Path
    title: str | None = None
    outlet: str | None = None
    date: str | None = None
    statements: int | None = None
    actors: int | None = None
    notes: int | None = None
    problem: str | None = None  # one line: why the article cannot be read or annotated

    @property
    def key(self) -> str:
        """The row's identity in the library (the file's path)."""
        return str(self.path)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def annotated(self) -> bool:
        return self.statements is not None

    def with_annotation(self, annotation: Annotation) -> Entry:
        meta = annotation.meta
        return replace(
            self,
            title=meta.title or self.title,
            date=meta.date or self.date,
            statements=len(annotation.statements),
            actors=len(annotation.actors),
        )

    def failed(self, problem: str) -> Entry:
        return replace(self, problem=problem)


def count_notes(store: NotesStore | None, text: str, path: Path) -> int | None:
    """How many notes the user wrote on this article (found as the reader finds them), or None when
    the notes cannot be read (``store`` None: the store could not be opened)."""
    if store is None:
        return None
    try:
        return len(store.notes(store.document_for(text, source_for(path))))
    except NotesUnavailable:
        return None


def open_notes(directory: str | None) -> NotesStore | None:
    """The notes store, read-only (the library never writes notes), or None when it cannot be read."""
    try:
        return NotesStore.open(directory, read_only=True)
    except NotesUnavailable:
        return None


# --- sorting and filtering ------------------------------------------------------------------------


def _sort_value(entry: Entry, column: SortColumn) -> Any:
    if column == "title":
        return (entry.title or entry.name).casefold()
    if column == "outlet":
        return (entry.outlet or "").casefold() or None
    return getattr(entry, column)


def sorted_entries(entries: Iterable[Entry], column: SortColumn, descending: bool = False) -> list[Entry]:
    """``entries`` ordered by ``column``; rows where it is not known (yet) come last either way, and
    ties keep their order (the folder's)."""
    known, unknown = [], []
    for entry in entries:
        (unknown if _sort_value(entry, column) is None else known).append(entry)
    known.sort(key=lambda entry: _sort_value(entry, column), reverse=descending)
    return known + unknown


def matches(entry: Entry, query: str) -> bool:
    """Whether every word of ``query`` occurs (any case) in the row's title, file name, outlet, date
    or problem."""
    haystack = " ".join(
        x for x in (entry.title, entry.name, entry.outlet, entry.date, entry.problem) if x
    ).casefold()
    return all(word in haystack for word in query.casefold().split())


def visible_entries(
    entries: Sequence[Entry], query: str, sort: tuple[SortColumn, bool] | None
) -> list[Entry]:
    """The rows the screen shows: those matching ``query``, in the ``sort`` (column, descending)
    order, else in the folder's order."""
    shown = [e for e in entries if matches(e, query)]
    return sorted_entries(shown, *sort) if sort else shown

