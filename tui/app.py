"""The Textual application: shows an article in the reader (annotated in a worker), or a library of
articles that opens each in a reader."""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from pathlib import Path

from textual import events, on
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from annotators.model import Annotation, Meta
from annotators.pipeline import run
from tui.annotate_process import AnnotationChild, AnnotationProcess
from tui.annotation_cache import AnnotationCache
from tui.app_settings import AppSettings
from tui.inputs import Article
from tui.library import Library
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen
from tui.settings import SettingsFile

Annotator = Callable[[str], Annotation]


def preview(text: str, given: Meta = Meta()) -> Annotation:
    """What can be shown at once, before annotation: metadata and paragraphs, no statements.

    The pipeline up to its paragraphs: plain regular-expression passes, fast even on a very long article.
    """
    return run(text, meta=given, until="paragraphs").annotation()


def default_annotator(text: str, meta: Meta | None = None, model: str = "fast") -> Annotation:
    from annotators import annotate

    return annotate(text, meta=meta, model=model)


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
        library: Library | None = None,
        settings: SettingsFile | None = None,
        model: str = "fast",
    ) -> None:
        """The reader on ``article`` (from ``tui.inputs``) or on ``text`` already read from ``path``;
        or, given a ``library``, the list of its articles, each opened in a reader over it."""
        # Everything imported so far (Textual, NLTK, ...) lives as long as the app: freezing it keeps
        # the garbage collector from rescanning it in the middle of a frame (a 100+ ms pause).
        gc.freeze()
        super().__init__()
        self.notes_dir = notes_dir  # None: $QUOTELENS_DATA_DIR or the user data directory
        self.annotator = annotator
        self.model = model  # the engine's model ("fast" or "accurate"), for the default annotator
        self.cache = cache  # annotations of ``annotator`` kept across sessions; None: always annotate
        self._annotation_worker: Worker | None = None
        self._first_process: AnnotationProcess | None = None  # the fast model's, shown while the accurate one runs
        self.load_settings(settings)
        self.library = None
        if library is not None:
            self.library = LibraryScreen(library, self._library_annotator(), cache, notes_dir)
        self.loaded: Article | None = None  # the article in the reader
        self.reader: ReaderScreen | None = None
        if library is None:
            if article is None:
                assert path is not None and text is not None, "give an article, or a path and its text"
                article = Article.from_text(path, text)
            self.loaded = article
            self.reader = self._reader_on(article)
        self._annotation_process = self.annotation_process(article.meta if article else Meta())

    def annotation_process(self, meta: Meta) -> AnnotationProcess:
        """Where an article is annotated: the engine in a child process, given what the source said
        (title, author, outlet, URL); a test's annotator in the calling thread, on the text alone."""
        if self.annotator is default_annotator:
            return AnnotationProcess(functools.partial(default_annotator, meta=meta, model=self.model))
        return AnnotationProcess(self.annotator, in_child=False)

    def _library_annotator(self) -> AnnotationChild:
        """The library's: the engine in one child for all its articles; a test's annotator in a thread."""
        if self.annotator is default_annotator:
            return AnnotationChild(functools.partial(default_annotator, model=self.model))
        annotator = self.annotator
        return AnnotationChild(lambda text, _meta: annotator(text), in_child=False)

    def _reader_on(self, article: Article) -> ReaderScreen:
        # The settings as they are now: a reader opened from the library starts as the last one was left.
        return ReaderScreen(article, preview(article.text, article.meta), self.settings_file.settings)

    def get_default_screen(self) -> Screen:
        screen = self.library if self.library is not None else self.reader
        assert screen is not None
        return screen

    def on_mount(self) -> None:
        self.report_settings(binding.id for _, bindings in self._key_sections() for binding in bindings)
        if self.library is None:  # text first: start annotating once the article has been drawn
            self.call_after_refresh(self._annotate_reader)

    def _key_sections(self) -> list[tuple[str, list[Binding]]]:
        """The keys a keymap may rebind: the reader's, and the library's when there is one."""
        reader = self.reader or self._reader_on(Article.from_text(Path("keys"), "keys"))  # never shown
        return [*(self.library.key_sections() if self.library else []), *reader.key_sections()]

    def _annotate_reader(self) -> None:
        assert self.loaded is not None
        article, process = self.loaded, self._annotation_process
        if self.cache:
            annotate = functools.partial(self.cache.annotate, article.text, process.annotate, article.meta)
        else:
            annotate = functools.partial(process.annotate, article.text)
        if self._fast_first(article):
            self._first_process = AnnotationProcess(functools.partial(default_annotator, meta=article.meta))
            annotate = functools.partial(self._fast_then, self._first_process, article, annotate)
        self._annotation_worker = self.run_worker(annotate, thread=True, exit_on_error=False, name="annotate")

    def _fast_first(self, article: Article) -> bool:
        """Whether to show the fast model's statements while the accurate model works (not when the
        accurate ones are cached already, nor with a test's annotator)."""
        if self.model != "accurate" or self.annotator is not default_annotator:
            return False
        return not (self.cache and self.cache.get(article.text, article.meta) is not None)

    def _fast_then(self, first: AnnotationProcess, article: Article, accurate: Callable[[], Annotation]) -> Annotation:
        """In the worker's thread: the fast model's annotation, handed to the reader at once, then the
        accurate model's (the worker's result)."""
        self.call_from_thread(self._show_first, article, first.annotate(article.text))
        return accurate()

    def _show_first(self, article: Article, annotation: Annotation) -> None:
        if self.reader is not None and self.loaded is article:
            self.reader.annotation = annotation
            self.reader.annotating = False  # keys work on these; the accurate ones replace them in place

    def _stop_annotating(self) -> None:
        self._annotation_process.stop()
        if self._first_process is not None:
            self._first_process.stop()

    def open_article(self, article: Article) -> None:
        """Show ``article`` in a new reader over the current screen (esc comes back)."""
        self._stop_annotating()
        self._annotation_process = self.annotation_process(article.meta)
        self.loaded = article
        self.reader = self._reader_on(article)
        self.push_screen(self.reader, self._reader_closed)
        self._annotate_reader()

    def _reader_closed(self, _result: object) -> None:
        self._annotation_worker = None  # its end (the child stopped) concerns no screen now
        self._stop_annotating()
        self.loaded = self.reader = None

    @on(LibraryScreen.ArticleChosen)
    def _article_chosen(self, event: LibraryScreen.ArticleChosen) -> None:
        self.open_article(event.article)

    def on_cursor_position(self, event: events.CursorPosition) -> None:
        # A full-screen app never asks where the cursor is, so this "report" is a key: xterm and tmux
        # send shift+F3 as ESC[1;2R, which Textual's parser reads as a cursor position (row 1, column 2).
        if (event.x, event.y) == (1, 0):
            self.simulate_key("shift+f3")

    def on_unmount(self) -> None:
        self._stop_annotating()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is not self._annotation_worker or self.reader is None:
            return
        if event.state == WorkerState.SUCCESS:
            self.reader.annotation = event.worker.result
            self.reader.annotating = False
        elif event.state == WorkerState.ERROR:
            self.reader.annotation_failed(str(event.worker.error))
