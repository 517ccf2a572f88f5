"""Notes and export in the reader, as a mixin for the reader screen.

The screen that mixes this in provides the article: ``loaded``, ``text``, ``annotation``, ``current``
(index of the current statement or None), ``article`` (the article pane, with ``noted``,
``selected_span()`` and ``scroll_to_span()``), ``go_to_statement(index)`` and
``speaker_name(statement)``. It calls ``open_notes()`` once mounted and ``place_notes()`` whenever
the annotation changes. The data directory is the app's ``notes_dir`` (None: the default).

Keys: ``a`` writes or edits the note on the mouse selection or the current statement, ``E`` does the
same in ``$EDITOR``, ``A`` writes or edits the note on the whole article, ``ctrl+n`` lists every note,
``e`` exports.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from textual.binding import Binding, BindingType

from annotators.model import Annotation, Span, Statement
from tui import __version__
from tui.export import ExportExists, ExportSource, default_export_name, export_data, render, write_atomically
from tui.inputs import Article
from tui.notes import ArticleNotes, Note, NotesStore, NotesUnavailable, PlacedNote
from tui.notes.store import NoteMissing
from tui.safe_text import one_line
from tui.screens.confirm import ConfirmScreen
from tui.screens.export_dialog import ExportDialog, ExportRequest
from tui.screens.note_editor import ExternalEditorError, NoteEdit, NoteEditor, edit_externally
from tui.screens.notes_list import NoteChoice, NoteEntry, NotesList

NOTE_BINDINGS = [
    Binding("a", "note", "Note", id="reader.note",
            tooltip="Write or edit the note on the selected text, else on the current statement"),
    Binding("E", "note_in_editor", "Note in $EDITOR", show=False, id="reader.note_in_editor",
            tooltip="The same, in your own editor ($VISUAL or $EDITOR)"),
    Binding("A", "note_on_article", "Article note", show=False, id="reader.note_on_article",
            tooltip="Write or edit the note on the whole article"),
    Binding("ctrl+n", "notes_list", "Notes", id="reader.notes_list",
            tooltip="List every note of the article; enter jumps to one"),
    Binding("e", "export", "Export", id="reader.export",
            tooltip="Export statements and notes to Markdown (or JSON), proposing <article>.notes.md"),
]


class NoteSubject:
    """What ``a`` would write a note on right now, and the note already there if any."""

    def __init__(self, heading: str, passage: str, existing: PlacedNote | None, create: Callable[[str], Note]):
        self.heading = heading
        self.passage = passage  # what the editor shows the note is on
        self.existing = existing
        self.create = create


class ReaderNotes:
    loaded: Article
    text: str
    annotation: Annotation
    current: int | None

    _article_notes: ArticleNotes | None = None
    placed_notes: tuple[PlacedNote, ...] = ()

    @staticmethod
    def note_key_sections() -> list[tuple[str, list[BindingType]]]:
        """The keys of the notes screens, for the reader's help."""
        return [("Note editor", NoteEditor.BINDINGS), ("Notes list", NotesList.BINDINGS)]

    # --- loading and placing ----------------------------------------------------------------------

    def open_notes(self) -> None:
        """Open the notes store; when it cannot be used, say why and read on without saving notes."""
        if self._article_notes is not None:
            return
        directory = getattr(self.app, "notes_dir", None)
        try:
            store = NotesStore.open(directory)
        except NotesUnavailable as error:
            store = NotesStore.salvage(directory, str(error))
            self.notify(one_line(str(error)), title="Notes are read-only", severity="error", timeout=20,
                        markup=False)
        title = self.annotation.meta.title or self.loaded.label
        self._article_notes = ArticleNotes(store, self.text, self.loaded.source, title)
        self.place_notes()

    @property
    def article_notes(self) -> ArticleNotes:
        if self._article_notes is None:
            self.open_notes()
        assert self._article_notes is not None
        return self._article_notes

    def place_notes(self) -> None:
        """Place every note on the article as annotated now and mark them in the article pane."""
        notes = self._article_notes
        if notes is None:
            return
        try:
            self.placed_notes = notes.placed(self.annotation)
        except NotesUnavailable as error:
            self.placed_notes = ()
            self.notify(one_line(str(error)), severity="error", timeout=10, markup=False)
        statements = {s.id: s for s in self.annotation.statements}
        self.article.noted = tuple(
            Span(statements[p.statement_id].start, statements[p.statement_id].end)
            if p.statement_id in statements else p.span
            for p in self.placed_notes
            if p.span is not None
        )

    def notes_on(self, statement: Statement) -> list[PlacedNote]:
        return [p for p in self.placed_notes if p.statement_id == statement.id]

    # --- a: write or edit a note ----------------------------------------------------------------

    def note_target(self) -> NoteSubject | None:
        """The mouse selection if there is one, else the current statement."""
        notes = self.article_notes
        selected = self.article.selected_span()
        if selected is not None:
            existing = next((p for p in self.placed_notes if p.span == selected and p.statement_id is None), None)
            return NoteSubject("Note on the selection", selected.text(self.text), existing,
                              lambda body: notes.add_highlight(selected.start, selected.end, body))
        if self.current is None:
            return None
        statement = self.annotation.statements[self.current]
        existing = next(iter(self.notes_on(statement)), None)
        heading = f"Note on {self.speaker_name(statement)}'s statement ({self.current + 1}/" \
                  f"{len(self.annotation.statements)})"
        return NoteSubject(heading, Span(statement.start, statement.end).text(self.text), existing,
                          lambda body: notes.add_on_statement(statement, body))

    def article_note_target(self) -> NoteSubject:
        notes = self.article_notes
        existing = next((p for p in self.placed_notes if p.on_article), None)
        return NoteSubject("Note on the article", notes.title or "", existing, notes.add_on_article)

    def _notes_writable(self) -> bool:
        self.place_notes()  # another reader may have saved or deleted notes since
        store = self.article_notes.store
        if not store.writable:
            self.notify(f"Notes are read-only: {one_line(store.problem)}", severity="error", timeout=8,
                        markup=False)
        return store.writable

    def _writable_target(self) -> NoteSubject | None:
        if not self._notes_writable():
            return None
        target = self.note_target()
        if target is None:
            self.notify("Go to a statement (n) or select text with the mouse, then press a", timeout=4)
        return target

    def action_note(self) -> None:
        target = self._writable_target()
        if target is not None:
            self.edit_note(target.heading, target.passage, target.existing, target.create)

    def action_note_on_article(self) -> None:
        if self._notes_writable():
            target = self.article_note_target()
            self.edit_note(target.heading, target.passage, target.existing, target.create)

    def edit_note(self, heading: str, passage: str, existing: PlacedNote | None,
                  create: Callable[[str], Note] | None, body: str | None = None) -> None:
        """Open the editor; save, update or delete as the user decides. A failed save reopens the
        editor with the text typed, so nothing the user wrote is lost."""
        start = body if body is not None else (existing.note.body if existing else "")

        def done(result: NoteEdit | None) -> None:
            if result is None:
                return
            if not self._apply_edit(result, existing, create):
                self.edit_note(heading, passage, existing, create, result.body)

        self.app.push_screen(NoteEditor(heading, passage, start, existing=existing is not None), done)

    def _apply_edit(self, edit: NoteEdit, existing: PlacedNote | None, create: Callable[[str], Note] | None) -> bool:
        notes = self.article_notes
        try:
            if edit.action == "delete" and existing is not None:
                notes.delete(existing.note.id)
                self.notify("Note deleted", timeout=3)
            elif existing is not None:
                try:
                    notes.update(existing, edit.body)
                except NoteMissing:
                    if create is None:
                        raise
                    create(edit.body)  # deleted by another reader meanwhile: save it anew
                self.notify("Note saved", timeout=2)
            elif create is not None:
                create(edit.body)
                self.notify("Note saved", timeout=2)
        except NotesUnavailable as error:
            self.notify(one_line(str(error)), title="Note not saved", severity="error", timeout=15,
                        markup=False)
            return edit.action == "delete"  # a failed delete loses nothing; a failed save reopens
        self.screen.clear_selection()
        self.place_notes()
        return True

    # --- E: the same in $EDITOR ------------------------------------------------------------------

    def action_note_in_editor(self) -> None:
        target = self._writable_target()
        if target is None:
            return
        before = target.existing.note.body if target.existing else ""
        try:
            body = edit_externally(self.app, before)
        except ExternalEditorError as error:
            self.notify(one_line(str(error)), severity="warning", timeout=6, markup=False)
            return
        if body == before:
            self.notify("Note unchanged", timeout=2)
        elif not body.strip():
            self.notify("The note came back empty: nothing saved (delete notes with a, then ctrl+r)", timeout=6)
        elif not self._apply_edit(NoteEdit("save", body), target.existing, target.create):
            self.edit_note(target.heading, target.passage, target.existing, target.create, body)  # keep the text

    # --- ctrl+n: every note ----------------------------------------------------------------------

    def action_notes_list(self) -> None:
        self.place_notes()
        self.app.push_screen(NotesList([self._entry(p) for p in self.placed_notes]), self._note_chosen)

    def _entry(self, placed: PlacedNote) -> NoteEntry:
        if placed.on_article:
            return NoteEntry(placed, "The article", self.article_notes.title or "")
        if placed.span is None:
            return NoteEntry(placed, "Unanchored", placed.note.anchor.exact)
        paragraph = self.annotation.paragraph_index(placed.span.start)
        where = f"¶{paragraph + 1}" if paragraph is not None else "¶–"
        statement = self._statement(placed.statement_id)
        what = f"{self.speaker_name(statement)}" if statement is not None else "highlight"
        return NoteEntry(placed, f"{where} · {what}", placed.span.text(self.text))

    def _statement(self, statement_id: str | None) -> Statement | None:
        return next((s for s in self.annotation.statements if s.id == statement_id), None)

    def _note_chosen(self, choice: NoteChoice | None) -> None:
        if choice is None:
            return
        placed = choice.placed
        if choice.action == "delete":
            self._confirm_delete(placed)
        elif choice.action == "edit" or placed.span is None:  # nowhere to jump to: the note itself
            if not placed.anchored and choice.action == "jump":
                self.notify("This note's passage is no longer in the article: here is the note", timeout=4)
            entry = self._entry(placed)
            self.edit_note(f"Note · {entry.where}", entry.passage, placed, None)
        else:
            self.jump_to_note(placed)

    def jump_to_note(self, placed: PlacedNote) -> None:
        statement = self._statement(placed.statement_id)
        if statement is not None:
            self.go_to_statement(self.annotation.statements.index(statement))
        elif placed.span is not None:
            self.article.scroll_to_span(placed.span)

    def _confirm_delete(self, placed: PlacedNote) -> None:
        def answered(delete: bool | None) -> None:
            if delete:
                self._apply_edit(NoteEdit("delete"), placed, None)

        self.app.push_screen(ConfirmScreen("Delete this note? This cannot be undone.", yes="Delete",
                                           no="Keep it"), answered)

    # --- e: export ---------------------------------------------------------------------------------

    def action_export(self) -> None:
        if getattr(self, "annotating", False):
            self.notify("Still annotating: the export would miss the statements; try again in a moment",
                        timeout=4)
            return
        self.open_export_dialog(ExportRequest(Path.cwd() / default_export_name(self.loaded.name), False))

    def open_export_dialog(self, start: ExportRequest) -> None:
        self.app.push_screen(ExportDialog(start.path, start.all_statements), self._export_requested)

    def _export_requested(self, request: ExportRequest | None) -> None:
        if request is None:
            return
        if request.path.exists():
            def answered(overwrite: bool | None) -> None:
                if overwrite:
                    self.write_export(request, overwrite=True)
                else:
                    self.open_export_dialog(request)  # keep the file, not what was typed: choose another

            self.app.push_screen(ConfirmScreen(f"{request.path} exists. Replace it?", yes="Replace",
                                               no="Keep it"), answered)
        else:
            self.write_export(request, overwrite=False)

    def write_export(self, request: ExportRequest, *, overwrite: bool) -> None:
        notes = self.article_notes
        article = ExportSource(self.text, self.annotation, self.placed_notes, notes.text_hash, notes.source,
                               self.loaded.name)
        data = export_data(article, now=datetime.now(timezone.utc), version=__version__,
                           all_statements=request.all_statements)
        fmt = "json" if request.path.suffix.lower() == ".json" else "md"
        try:
            write_atomically(request.path, render(data, fmt), overwrite=overwrite)
        except ExportExists:
            self._export_requested(request)  # it appeared meanwhile: ask
            return
        except OSError as error:
            message = one_line(f"Could not write {request.path}: {error.strerror or error}")
            self.notify(message, severity="error", timeout=10, markup=False)
            self.open_export_dialog(request)  # with the path as typed, to correct it
            return
        self.notify(one_line(f"Exported to {request.path.resolve()}"), title="Export written", timeout=8,
                    markup=False)
