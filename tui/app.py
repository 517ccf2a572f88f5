"""The Textual application: holds the article, annotates it in a worker, shows the reader screen."""

from __future__ import annotations

import gc
from collections.abc import Callable
from functools import partial
from pathlib import Path

from textual import events, on
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from annotators import metadata, segment
from annotators.model import Annotation
from tui.annotate_process import AnnotationProcess
from tui.annotation_cache import AnnotationCache
from tui.library import Folder
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen

Annotator = Callable[[str], Annotation]


def preview(text: str) -> Annotation:
    """What can be shown at once, before annotation: metadata and paragraphs, no statements.

    Both are plain regular-expression passes, fast even on a very long article.
    """
    meta = metadata.extract(text)
    body = meta.body
    paragraphs = segment.paragraphs(text, body.start, body.end) if body else segment.paragraphs(text)
    return Annotation(meta=meta, paragraphs=paragraphs)


def default_annotator(text: str) -> Annotation:
    from annotators import annotate

    return annotate(text)


class QuotelensApp(App):
    TITLE = "quotelens"
    CSS_PATH = "quotelens.tcss"
    BINDINGS = [
        # show=False: the footer already shows the palette key at its right-hand end
        Binding("ctrl+p", "command_palette", "Commands", show=False, id="app.command_palette",
                tooltip='Command palette: "Go to statement …", "Show actor …", themes'),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit", tooltip="Quit quotelens"),
    ]

    def __init__(
        self,
        path: Path | None = None,
        text: str | None = None,
        annotator: Annotator = default_annotator,
        notes_dir: str | None = None,
        cache: AnnotationCache | None = None,
        folder: Folder | None = None,
    ) -> None:
        """The reader on ``path`` (its ``text``), or the library of ``folder``'s articles."""
        # Everything imported so far (Textual, NLTK, ...) lives as long as the app: freezing it keeps
        # the garbage collector from rescanning it in the middle of a frame (a 100+ ms pause).
        gc.freeze()
        super().__init__()
        self.notes_dir = notes_dir  # None: $QUOTELENS_DATA_DIR or the user data directory
        self.annotator = annotator
        self.cache = cache  # annotations of ``annotator`` kept across sessions; None: always annotate
        self._annotation_process = self._new_process()
        self._annotation_worker: Worker | None = None
        self.reader = None if path is None or text is None else ReaderScreen(path, text, preview(text))
        self.library = None
        if folder is not None:
            self.library = LibraryScreen(folder.name, folder.paths, self._new_process(), cache, notes_dir)

    def _new_process(self) -> AnnotationProcess:
        # The engine runs in a child process (see annotate_process); a test's annotator in a thread.
        return AnnotationProcess(self.annotator, in_child=self.annotator is default_annotator)

    def get_default_screen(self) -> Screen:
        screen = self.library if self.library is not None else self.reader
        assert screen is not None, "QuotelensApp needs an article (path and text) or a folder"
        return screen

    def on_mount(self) -> None:
        if self.library is None:  # text first: start annotating once the article has been drawn
            self.call_after_refresh(self._annotate_reader)

    def _annotate_reader(self) -> None:
        assert self.reader is not None
        text, process = self.reader.text, self._annotation_process
        if self.cache:
            annotate = partial(self.cache.annotate, text, process.annotate)
        else:
            annotate = partial(process.annotate, text)
        self._annotation_worker = self.run_worker(annotate, thread=True, exit_on_error=False, name="annotate")

    def open_article(self, path: Path, text: str) -> None:
        """Show the article in a new reader over the current screen (esc comes back)."""
        self._annotation_process.stop()
        self._annotation_process = self._new_process()
        self.reader = ReaderScreen(path, text, preview(text))
        self.push_screen(self.reader, self._reader_closed)
        self._annotate_reader()

    def _reader_closed(self, _result: object) -> None:
        self._annotation_worker = None  # its end (the child stopped) concerns no screen now
        self._annotation_process.stop()
        self.reader = None

    @on(LibraryScreen.ArticleChosen)
    def _article_chosen(self, event: LibraryScreen.ArticleChosen) -> None:
        self.open_article(event.path, event.text)

    def on_cursor_position(self, event: events.CursorPosition) -> None:
        # A full-screen app never asks where the cursor is, so this "report" is a key: xterm and tmux
        # send shift+F3 as ESC[1;2R, which Textual's parser reads as a cursor position (row 1, column 2).
        if (event.x, event.y) == (1, 0):
            self.simulate_key("shift+f3")

    def on_unmount(self) -> None:
        self._annotation_process.stop()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is not self._annotation_worker or self.reader is None:
            return
        if event.state == WorkerState.SUCCESS:
            self.reader.annotation = event.worker.result
            self.reader.annotating = False
        elif event.state == WorkerState.ERROR:
            self.reader.annotation_failed(str(event.worker.error))
