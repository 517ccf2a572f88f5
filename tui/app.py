"""The Textual application: holds the article, annotates it in a worker, shows the reader screen."""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from pathlib import Path

from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from annotators.model import Annotation, Meta
from annotators.pipeline import run
from tui.annotate_process import AnnotationProcess
from tui.annotation_cache import AnnotationCache
from tui.app_settings import AppSettings
from tui.inputs import Article
from tui.screens.reader import ReaderScreen
from tui.settings import SettingsFile

Annotator = Callable[[str], Annotation]


def preview(text: str, given: Meta = Meta()) -> Annotation:
    """What can be shown at once, before annotation: metadata and paragraphs, no statements.

    The pipeline up to its paragraphs: plain regular-expression passes, fast even on a very long article.
    """
    return run(text, meta=given, until="paragraphs").annotation()


def default_annotator(text: str, meta: Meta | None = None) -> Annotation:
    from annotators import annotate

    return annotate(text, meta=meta)


class QuotelensApp(AppSettings):
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
        *,
        article: Article | None = None,
        settings: SettingsFile | None = None,
    ) -> None:
        """The reader on ``article`` (from ``tui.inputs``), or on ``text`` already read from ``path``."""
        # Everything imported so far (Textual, NLTK, ...) lives as long as the app: freezing it keeps
        # the garbage collector from rescanning it in the middle of a frame (a 100+ ms pause).
        gc.freeze()
        super().__init__()
        self.notes_dir = notes_dir  # None: $QUOTELENS_DATA_DIR or the user data directory
        if article is None:
            assert path is not None and text is not None, "give an article, or a path and its text"
            article = Article.from_text(path, text)
        self.loaded = article
        self.text = article.text
        self.annotator = annotator
        self.cache = cache  # annotations of ``annotator`` kept across sessions; None: always annotate
        # The engine is given what the source said (title, author, outlet, URL); a test's annotator is not.
        self._engine = functools.partial(default_annotator, meta=article.meta)
        self._annotation_process = AnnotationProcess(self._engine)
        self.reader = ReaderScreen(article, preview(article.text, article.meta), self.load_settings(settings))

    def get_default_screen(self) -> Screen:
        return self.reader

    def on_mount(self) -> None:
        self.report_settings(binding.id for _, bindings in self.reader.key_sections() for binding in bindings)
        # Text first: start annotating once the article has been drawn.
        self.call_after_refresh(self.run_worker, self._annotate, thread=True, exit_on_error=False, name="annotate")

    def _annotate(self) -> Annotation:
        annotator = self.annotator
        if annotator is default_annotator:  # the engine: in a child process (see annotate_process)
            annotator = self._annotation_process.annotate
        return self.cache.annotate(self.text, annotator) if self.cache else annotator(self.text)

    def on_cursor_position(self, event: events.CursorPosition) -> None:
        # A full-screen app never asks where the cursor is, so this "report" is a key: xterm and tmux
        # send shift+F3 as ESC[1;2R, which Textual's parser reads as a cursor position (row 1, column 2).
        if (event.x, event.y) == (1, 0):
            self.simulate_key("shift+f3")

    def on_unmount(self) -> None:
        self._annotation_process.stop()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name != "annotate":
            return
        if event.state == WorkerState.SUCCESS:
            self.reader.annotation = event.worker.result
            self.reader.annotating = False
        elif event.state == WorkerState.ERROR:
            self.reader.annotation_failed(str(event.worker.error))
