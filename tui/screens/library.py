"""The library: the articles of a folder or a feed in a table to sort, filter and open in the reader.

Rows appear at once with their names. A worker then loads every article (``tui.inputs``): those the
cache knows show their counts right away, the others are annotated one by one (the engine in a child
process, as the reader does) while the progress line counts them. An article that cannot be loaded or
annotated gets the reason on its row; nothing is written but the cache.

Opening an article posts ``ArticleChosen`` (the app shows the reader); when the reader closes, this
screen resumes with the cursor where it was and refreshes that article's row (notes written, the
annotation the reader made).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input
from textual.worker import Worker, WorkerState, get_current_worker

from tui.annotate_process import AnnotationChild, AnnotationStopped
from tui.annotation_cache import AnnotationCache
from tui.inputs import Article, Entry, InputError, load_entry
from tui.library import Library, Row, SortColumn, count_notes, open_notes, visible_rows
from tui.safe_text import one_line
from tui.screens.help import HelpScreen, live_bindings
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

        def __init__(self, article: Article) -> None:
            super().__init__()
            self.article = article

    class Progressed(Message):
        """The background work changed a row (``update`` turns the row as it is now into the new one)."""

        def __init__(self, key: str, update: Callable[[Row], Row], outcome: Outcome | None) -> None:
            super().__init__()
            self.key = key
            self.update = update
            self.outcome = outcome

    annotating: var[bool] = var(True, init=False)

    def __init__(
        self,
        library: Library,
        annotator: AnnotationChild,
        cache: AnnotationCache | None,
        notes_dir: str | None = None,
    ) -> None:
        super().__init__()
        self.library = library
        self.rows: dict[str, Row] = {entry.location: Row.of(entry) for entry in library.entries}
        self.query_text = ""
        self.sort: tuple[SortColumn, bool] | None = None
        self.outcomes: dict[str, Outcome] = {}
        self._annotator = annotator
        self._cache = cache
        self._notes_dir = notes_dir
        self._articles: dict[str, Article] = {}  # loaded by the worker
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
        self.query_one(LibraryProgress).total = len(self.rows)
        self._show()
        self._update_progress()
        self.table.focus()
        self.run_worker(self._load_and_annotate, thread=True, exit_on_error=False, name="library")

    def on_unmount(self) -> None:
        self._annotator.stop()

    # --- the background work (in a thread) --------------------------------------------------------

    def _load_and_annotate(self) -> None:
        """Load every article (the cached ones are done then), then annotate the others in order."""
        worker = get_current_worker()
        waiting: list[str] = []
        store = open_notes(self._notes_dir)
        try:
            for entry in self.library.entries:
                if worker.is_cancelled:
                    return
                if self._load(entry, store):
                    waiting.append(entry.location)
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

    def _load(self, entry: Entry, store) -> bool:
        """Load one article; True when it still has to be annotated."""
        key = entry.location
        try:
            article = load_entry(entry, self.library.limits)
        except InputError as error:
            self._progress(key, lambda row, reason=error.reason: row.failed(reason), "unreadable")
            return False
        self._articles[key] = article
        notes = count_notes(store, article)
        cached = self._cache.get(article.text, article.meta) if self._cache else None
        if cached is not None:
            self._progress(key, lambda row: replace(row.with_annotation(cached), notes=notes), "cached")
            return False
        self._progress(key, lambda row: replace(row.with_article(article), notes=notes), None)
        return True

    def _annotate(self, key: str) -> None:
        article = self._articles[key]
        text, meta = article.text, article.meta
        cached = self._cache.get(text, meta) if self._cache else None  # the reader may have done it
        if cached is not None:
            self._progress(key, lambda row: row.with_annotation(cached), "cached")
            return
        try:
            annotation = self._annotator.annotate(text, meta)
        except AnnotationStopped:
            raise
        except Exception as error:  # noqa: BLE001 - one article's failure is shown on its row
            reason = f"annotation failed: {error}"
            self._progress(key, lambda row: row.failed(reason), "failed")
            return
        if self._cache:
            self._cache.put(text, annotation, meta)
        self._progress(key, lambda row: row.with_annotation(annotation), "annotated")

    def _progress(self, key: str, update: Callable[[Row], Row], outcome: Outcome | None) -> None:
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
            self.notify(f"Stopped loading the articles: {one_line(str(event.worker.error))}",
                        severity="error", timeout=10, markup=False)
        self._show()  # a sort by counts can now place every row
        self._update_progress()

    def _change(self, key: str, update: Callable[[Row], Row]) -> None:
        self.rows[key] = row = update(self.rows[key])
        if self.query_text and self._visible_keys() != list(self.table.rows):
            self._show()  # the row now matches the filter, or no longer does
        else:
            self.table.update(row)

    def _update_progress(self) -> None:
        progress = self.query_one(LibraryProgress)
        counts = {outcome: list(self.outcomes.values()).count(outcome) for outcome in ("cached", "annotated")}
        problems = sum(1 for outcome in self.outcomes.values() if outcome in ("unreadable", "failed"))
        total, done = len(self.rows), len(self.outcomes)
        progress.done = done
        progress.running = self.annotating
        parts = [f"{counts['annotated']} annotated", f"{counts['cached']} from the cache"]
        if problems:
            parts.append(f"{problems} could not be read")
        head = f"annotating {done}/{total}" if self.annotating else f"{total} article{'s' * (total != 1)}"
        progress.summary = f"{head}: {', '.join(parts)}"

    # --- showing: filter and sort -----------------------------------------------------------------

    def _visible_keys(self) -> list[str]:
        return [row.key for row in visible_rows(self.rows.values(), self.query_text, self.sort)]

    def _show(self) -> None:
        shown = visible_rows(self.rows.values(), self.query_text, self.sort)
        self.table.show(shown, self.sort)
        header = self.query_one(ArticleHeader)
        header.title_text = one_line(self.library.name)
        total = len(self.rows)
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
        row = self.rows[key]
        article = self._articles.get(key)
        if article is None:  # not loaded yet, or it could not be: load it now
            entry = next(e for e in self.library.entries if e.location == key)
            try:
                article = self._articles[key] = load_entry(entry, self.library.limits)
            except InputError as error:
                self.notify(error.reason, title=f"Cannot open {one_line(row.name)}", severity="error",
                            timeout=8, markup=False)
                return
        self._opened = key
        self.post_message(self.ArticleChosen(article))

    def on_screen_resume(self) -> None:
        """Back from the reader: its annotation and notes may be new."""
        key, self._opened = self._opened, None
        if key is None:
            return
        article = self._articles[key]
        store = open_notes(self._notes_dir)
        notes = count_notes(store, article)
        if store is not None:
            store.close()
        cached = self._cache.get(article.text, article.meta) if self._cache else None
        if cached is not None and key not in self.outcomes:
            self.outcomes[key] = "cached"
            self._update_progress()
        self._change(key, lambda row: replace(row.with_annotation(cached) if cached else row, notes=notes))

    # --- help -------------------------------------------------------------------------------------

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.key_sections(), mouse=MOUSE_HELP))

    def key_sections(self) -> list[tuple[str, list[Binding]]]:
        """Every key of the library, by where it works (the help screen lists these)."""
        sections = [
            ("Library", self.BINDINGS),
            ("Article list", LibraryTable.BINDINGS),
            ("Filter bar", FilterInput.BINDINGS),
            ("Application", self.app.BINDINGS),
        ]
        return [(title, live_bindings(self.app, bindings)) for title, bindings in sections]
