"""The notes of one open article, as the reader and the export use them."""

from __future__ import annotations

from annotators import Annotation, Statement

from .anchor import TextAnchor
from .model import Document, Note, text_hash
from .placement import ARTICLE_ANCHOR, PlacedNote, place_notes, statement_anchor
from .store import NotesStore


class ArticleNotes:
    """Notes of the article with this exact ``text``, read from and saved to ``store``.

    The article is registered in the store only when its first note is saved, so reading an article
    writes nothing.
    """

    def __init__(self, store: NotesStore, text: str, source: str | None, title: str | None) -> None:
        self.store = store
        self.text = text
        self.source = source
        self.title = title
        self._document: Document | None = store.document_for(text, source)
        self._registered_here = False

    @property
    def text_hash(self) -> str:
        """The stable document id of this text version."""
        return text_hash(self.text)

    @property
    def document(self) -> Document | None:
        return self._document

    def notes(self) -> list[Note]:
        return self.store.notes(self._document)

    def placed(self, annotation: Annotation) -> tuple[PlacedNote, ...]:
        return place_notes(self.notes(), self.text, annotation)

    def add_on_statement(self, statement: Statement, body: str) -> Note:
        return self.store.add(self._registered(), "statement", statement_anchor(self.text, statement), body)

    def add_highlight(self, start: int, end: int, body: str) -> Note:
        return self.store.add(self._registered(), "highlight", TextAnchor.from_span(self.text, start, end), body)

    def add_on_article(self, body: str) -> Note:
        return self.store.add(self._registered(), "article", ARTICLE_ANCHOR, body)

    def update(self, placed: PlacedNote, body: str) -> Note:
        """Save a new body; a note found somewhere else than where it was made now points there."""
        if placed.span is None or placed.how == "exact":
            return self.store.update(placed.note.id, body)
        anchor = TextAnchor.from_span(self.text, placed.span.start, placed.span.end)
        return self.store.update(placed.note.id, body, anchor, self._registered())

    def delete(self, note_id: str) -> None:
        self.store.delete(note_id)

    def _registered(self) -> Document:
        """The document, registered (with this text version, title and source) before the first save."""
        if not self._registered_here:
            self._document = self.store.register(self.text, self.source, self.title)
            self._registered_here = True
        assert self._document is not None
        return self._document
