"""The library: the articles of a folder in a table to sort, filter and open in the reader.

Rows appear at once with their file names. A worker then reads every article: those the cache
knows show their counts right away, the others are annotated one by one (the engine in a child
process, as the reader does) while the progress line counts them. A file that cannot be read or
annotated gets the reason on its row; nothing is written but the cache.

Opening an article posts ``ArticleChosen`` (the app shows the reader); when the reader closes, this
screen resumes with the cursor where it was and refreshes that article's row (notes written, the
annotation the reader made).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input
from textual.worker import Worker, WorkerState, get_current_worker

from annotators import metadata
from annotators.textio import UnreadableArticle, read_article
from tui.annotate_process import AnnotationProcess, AnnotationStopped
from tui.annotation_cache import AnnotationCache
from tui.library import Entry, SortColumn, count_notes, open_notes, visible_entries
from tui.safe_text import one_line
from tui.widgets.article_header import ArticleHeader
from tui.widgets.filter_input import FilterInput
from tui.widgets.library_progress import LibraryProgress
from tui.widgets.library_table import LibraryTable

# What happened to an article in the background; None: read, waiting to be annotated.
Outcome = Literal["cached", "annotated", "unreadable", "failed"]
DESCENDING_FIRST = {"date", "statements", "actors", "notes"}  # newest, most first

MOUSE_HELP = (
    ("click a row", "put the cursor on it; click it again to open the article"),
    ("click a heading", "sort by that column; click it again to reverse"),
    ("wheel", "scroll"),
)


def _sort_binding(key: str, column: SortColumn) -> Binding:
    return Binding(key, f"sort('{column}')", f"Sort by {column}", show=False, id=f"library.sort_{column}",
                   tooltip=f"Sort by {column} (again: reverse)")


class LibraryScreen(Screen):
    BINDINGS = [
        Binding("slash", "filter", "Filter", id="library.filter",
                tooltip="Filter the list: rows narrow down as you type"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="library.clear_filter",
                tooltip="Clear the filter"),
        _sort_binding("t", "title"),
        _sort_binding("o", "outlet"),
        _sort_binding("d", "date"),
        _sort_binding("s", "statements"),
        _sort_binding("a", "actors"),
        _sort_binding("n", "notes"),
        Binding("question_mark,f1", "help", "Help", id="library.help", tooltip="This list of keys"),
        Binding("q", "app.quit", "Quit", id="library.quit", tooltip="Quit quotelens"),
    ]

    class ArticleChosen(Message):
        """The user asked to read this article."""

        def __init__(self, path: Path, text: str) -> None:
            super().__init__()
            self.path = path
            self.text = text

    class Progressed(Message):
        """The background work changed a row (``update`` turns the row as it is now into the new one)."""

        def __init__(self, key: str, update: Callable[[Entry], Entry], outcome: Outcome | None) -> None:
            super().__init__()
            self.key = key
            self.update = update
            self.outcome = outcome

    annotating: var[bool] = var(True, init=False)

    def __init__(
        self,
        name: str,
        paths: Sequence[Path],
        process: AnnotationProcess,
        cache: AnnotationCache | None,
        notes_dir: str | None = None,
    ) -> None:
        super().__init__()
        self.folder_name = name
        self.entries: dict[str, Entry] = {str(path): Entry(path) for path in paths}  # in the folder's order
        self.query_text = ""
        self.sort: tuple[SortColumn, bool] | None = None
        self.outcomes: dict[str, Outcome] = {}
        self._process = process
        self._cache = cache
        self._notes_dir = notes_dir
        self._texts: dict[str, str] = {}  # filled by the worker
        self._opened: str | None = None

    def compose(self) -> ComposeResult:
        yield ArticleHeader(id="header")
        yield FilterInput(id="filter")
        yield LibraryTable(id="articles")
        yield LibraryProgress(id="progress")
        yield Footer()

    @property
    def table(self) -> LibraryTable:
        return self.query_one(LibraryTable)

    def on_mount(self) -> None:
        self.query_one(FilterInput).display = False
        self.query_one(LibraryProgress).total = len(self.entries)
        self._show()
        self._update_progress()
        self.table.focus()
        self.run_worker(self._read_and_annotate, thread=True, exit_on_error=False, name="library")

    def on_unmount(self) -> None:
        self._process.stop()

    # --- the background work (in a thread) --------------------------------------------------------

    def _read_and_annotate(self) -> None:
        """Read every article (the cached ones are done then), then annotate the others in order."""
        worker = get_current_worker()
        waiting: list[str] = []
        store = open_notes(self._notes_dir)
        try:
            for key, entry in list(self.entries.items()):
                if worker.is_cancelled:
                    return
                if self._read(key, entry.path, store):
                    waiting.append(key)
        finally:
            if store is not None:
                store.close()
        for key in waiting:
            if worker.is_cancelled:
                return
            try:
                self._annotate(key)
            except AnnotationStopped:
                return

    def _read(self, key: str, path: Path, store) -> bool:
        """Read one article; True when it still has to be annotated."""
        try:
            text = read_article(path)
        except UnreadableArticle as error:
            self._progress(key, lambda e, reason=_reason(error, path): e.failed(reason), "unreadable")
            return False
        self._texts[key] = text
        notes = count_notes(store, text, path)
        cached = self._cache.get(text) if self._cache else None
        if cached is not None:
            self._progress(key, lambda e: replace(e.with_annotation(cached), notes=notes), "cached")
            return False
        meta = metadata.extract(text)
        self._progress(key, lambda e: replace(e, title=meta.title, date=meta.date, notes=notes), None)
        return True

    def _annotate(self, key: str) -> None:
        text = self._texts[key]
        cached = self._cache.get(text) if self._cache else None  # the reader may have done it meanwhile
        if cached is not None:
            self._progress(key, lambda e: e.with_annotation(cached), "cached")
            return
        try:
            annotation = self._process.annotate(text)
        except AnnotationStopped:
            raise
        except Exception as error:  # noqa: BLE001 - one article's failure is shown on its row
            self._progress(key, lambda e, reason=f"annotation failed: {error}": e.failed(reason), "failed")
            return
        if self._cache:
            self._cache.put(text, annotation)
        self._progress(key, lambda e: e.with_annotation(annotation), "annotated")

    def _progress(self, key: str, update: Callable[[Entry], Entry], outcome: Outcome | None) -> None:
        self.post_message(self.Progressed(key, update, outcome))

    # --- results arrive (on the interface's thread) -----------------------------------------------

    @on(Progressed)
    def _progressed(self, event: Progressed) -> None:
        self._change(event.key, event.update)
        if event.outcome is not None:
            self.outcomes[event.key] = event.outcome
            self._update_progress()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name != "library" or event.state in (WorkerState.PENDING, WorkerState.RUNNING):
            return
        self.annotating = False
        if event.state == WorkerState.ERROR:
            self.notify(f"Stopped reading the folder: {one_line(str(event.worker.error))}",
                        severity="error", timeout=10, markup=False)
        self._show()  # a sort by counts can now place every row
        self._update_progress()

    def _change(self, key: str, update: Callable[[Entry], Entry]) -> None:
        before = self.entries[key]
        self.entries[key] = entry = update(before)
        if self.query_text and self._visible_keys() != list(self.table.rows):
            self._show()  # the row now matches the filter, or no longer does
        else:
            self.table.update(entry)

    def _update_progress(self) -> None:
        progress = self.query_one(LibraryProgress)
        counts = {outcome: list(self.outcomes.values()).count(outcome) for outcome in ("cached", "annotated")}
        problems = sum(1 for outcome in self.outcomes.values() if outcome in ("unreadable", "failed"))
        total, done = len(self.entries), len(self.outcomes)
        progress.done = done
        progress.running = self.annotating
        parts = [f"{counts['annotated']} annotated", f"{counts['cached']} from the cache"]
        if problems:
            parts.append(f"{problems} could not be read")
        head = f"annotating {done}/{total}" if self.annotating else f"{total} article{'s' * (total != 1)}"
        progress.summary = f"{head}: {', '.join(parts)}"

    # --- showing: filter and sort -----------------------------------------------------------------

    def _visible_keys(self) -> list[str]:
        return [e.key for e in visible_entries(list(self.entries.values()), self.query_text, self.sort)]

    def _show(self) -> None:
        shown = visible_entries(list(self.entries.values()), self.query_text, self.sort)
        self.table.show(shown, self.sort)
        header = self.query_one(ArticleHeader)
        header.title_text = one_line(self.folder_name)
        total = len(self.entries)
        counted = f"{total} article{'s' * (total != 1)}"
        if self.query_text:
            counted = f"{len(shown)} of {counted} match “{self.query_text}”"
        header.details = counted
        if self.sort is None:
            header.counts = "sort: t o d s a n, or click a heading"
        else:
            header.counts = f"sorted by {self.sort[0]} {'▼' if self.sort[1] else '▲'}"

    def action_sort(self, column: SortColumn) -> None:
        if self.sort is not None and self.sort[0] == column:
            self.sort = (column, not self.sort[1])
        else:
            self.sort = (column, column in DESCENDING_FIRST)
        self._show()

    @on(DataTable.HeaderSelected)
    def _header_clicked(self, event: DataTable.HeaderSelected) -> None:
        self.action_sort(event.column_key.value)

    def action_filter(self) -> None:
        search = self.query_one(FilterInput)
        search.display = True
        search.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value.strip()
        self._show()

    @on(FilterInput.Done)
    def _filter_done(self, event: FilterInput.Done) -> None:
        search = self.query_one(FilterInput)
        if not event.keep:
            search.value = ""
            self.query_text = ""
            self._show()
        search.display = bool(self.query_text)
        self.table.focus()

    def action_clear_filter(self) -> None:
        if self.query_text:
            self._filter_done(FilterInput.Done(keep=False))

    # --- opening an article -----------------------------------------------------------------------

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value
        assert key is not None
        entry = self.entries[key]
        text = self._texts.get(key)
        if text is None:  # not read yet (or unreadable): read it now
            try:
                text = self._texts[key] = read_article(entry.path)
            except UnreadableArticle as error:
                self.notify(_reason(error, entry.path), title=f"Cannot open {one_line(entry.name)}",
                            severity="error", timeout=8, markup=False)
                return
        self._opened = key
        self.post_message(self.ArticleChosen(entry.path, text))

    def on_screen_resume(self) -> None:
        """Back from the reader: its annotation and notes may be new."""
        key, self._opened = self._opened, None
        if key is None:
            return
        text, path = self._texts[key], self.entries[key].path
        store = open_notes(self._notes_dir)
        notes = count_notes(store, text, path)
        if store is not None:
            store.close()
        cached = self._cache.get(text) if self._cache else None
        if cached is not None and key not in self.outcomes:
            self.outcomes[key] = "cached"
            self._update_progress()
        self._change(key, lambda e: replace(e.with_annotation(cached) if cached else e, notes=notes))

    # --- help -------------------------------------------------------------------------------------

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.key_sections(), mouse=MOUSE_HELP))

    def key_sections(self) -> list[tuple[str, list[Binding]]]:
        return [
            ("Library", list(Binding.make_bindings(self.BINDINGS))),
            ("Article list", list(Binding.make_bindings(LibraryTable.BINDINGS))),
            ("Filter bar", list(Binding.make_bindings(FilterInput.BINDINGS))),
            ("Application", list(Binding.make_bindings(self.app.BINDINGS))),
        ]


def _reason(error: UnreadableArticle, path: Path) -> str:
    """The error without the file name it starts with (the row shows the name already)."""
    message = str(error)
    return message.removeprefix(f"{path}: ")
