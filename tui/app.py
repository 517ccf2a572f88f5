"""The Textual application: shows an article in the reader (annotated in a worker), or a library of
articles that opens each in a reader.

With the accurate model the reader never waits for the encoder: the fast model annotates beside it, its
statements are shown as soon as they are in, and the accurate ones replace them when they arrive.
"""

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
from tui.annotation_cache import AnnotationCache, engine_version
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
        fast_annotator: Annotator | None = None,
    ) -> None:
        """The reader on ``article`` (from ``tui.inputs``) or on ``text`` already read from ``path``;
        or, given a ``library``, the list of its articles, each opened in a reader over it.

        With ``model="accurate"`` the fast model's statements are shown first: the engine's fast model,
        or ``fast_annotator`` beside a test's ``annotator`` (without one, a test's annotator runs alone).
        """
        # Everything imported so far (Textual, NLTK, ...) lives as long as the app: freezing it keeps
        # the garbage collector from rescanning it in the middle of a frame (a 100+ ms pause).
        gc.freeze()
        super().__init__()
        self.notes_dir = notes_dir  # None: $QUOTELENS_DATA_DIR or the user data directory
        self.annotator = annotator
        self.model = model  # the engine's model ("fast" or "accurate"), for the default annotator
        self.fast_annotator = fast_annotator
        self.cache = cache  # annotations of ``annotator`` kept across sessions; None: always annotate
        self._annotation_workers: dict[Worker, str] = {}  # the reader's annotations under way, by model
        self._held_failure: str | None = None  # the accurate model failed before the fast one was in: why
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
        self._annotation_processes = self.annotation_processes(article.meta if article else Meta())

    def reader_models(self) -> tuple[str, ...]:
        """The models the reader's article is annotated with, the one shown first first."""
        if self.model == "accurate" and (self.annotator is default_annotator or self.fast_annotator):
            return ("fast", "accurate")
        return (self.model,)

    def annotation_processes(self, meta: Meta) -> dict[str, AnnotationProcess]:
        """Where an article is annotated, by model: the engine in a child process per model, given what
        the source said (title, author, outlet, URL); a test's annotators in the calling thread, on the
        text alone."""
        return {model: self._annotation_process(meta, model) for model in self.reader_models()}

    def _annotation_process(self, meta: Meta, model: str) -> AnnotationProcess:
        if self.annotator is default_annotator:
            return AnnotationProcess(functools.partial(default_annotator, meta=meta, model=model))
        annotator = self.annotator if model == self.model else self.fast_annotator
        assert annotator is not None
        return AnnotationProcess(annotator, in_child=False)

    def _cache_of(self, model: str) -> AnnotationCache | None:
        """The cache of ``model``'s annotations (``cache`` holds those of the reader's own model)."""
        if self.cache is None or model == self.model:
            return self.cache
        return AnnotationCache(self.cache.directory, engine_version(model))

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
        assert self.loaded is not None and self.reader is not None
        article = self.loaded
        self._held_failure = None
        models = self.reader_models()
        self.reader.shown_model, self.reader.pending_model = models[0], models[-1] if len(models) > 1 else None
        for model in reversed(models):  # the reader's own model first: a cached one makes the other moot
            process, cache = self._annotation_processes[model], self._cache_of(model)
            if cache:
                annotate = functools.partial(cache.annotate, article.text, process.annotate, article.meta)
            else:
                annotate = functools.partial(process.annotate, article.text)
            worker = self.run_worker(annotate, thread=True, exit_on_error=False, name=f"annotate {model}")
            self._annotation_workers[worker] = model

    def _stop_annotating(self, models: tuple[str, ...]) -> None:
        """Stop annotating with ``models``: their children end, their workers' ends concern no one."""
        for worker, model in list(self._annotation_workers.items()):
            if model in models:
                del self._annotation_workers[worker]
        for model in models:
            self._annotation_processes[model].stop()

    def open_article(self, article: Article) -> None:
        """Show ``article`` in a new reader over the current screen (esc comes back)."""
        self._stop_annotating(tuple(self._annotation_processes))
        self._annotation_processes = self.annotation_processes(article.meta)
        self.loaded = article
        self.reader = self._reader_on(article)
        self.push_screen(self.reader, self._reader_closed)
        self._annotate_reader()

    def _reader_closed(self, _result: object) -> None:
        self._stop_annotating(tuple(self._annotation_processes))
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
        self._stop_annotating(tuple(self._annotation_processes))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        model = self._annotation_workers.get(event.worker)
        if model is None or self.reader is None or event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        del self._annotation_workers[event.worker]
        if event.state == WorkerState.SUCCESS:
            self._annotation_in(model, event.worker.result)
        else:
            self._annotation_failed(model, str(event.worker.error))

    def _annotation_in(self, model: str, annotation: Annotation) -> None:
        reader = self.reader
        assert reader is not None
        if model == self.model:  # the best there is: the fast one, if still under way, is not needed
            self._stop_annotating(tuple(other for other in self._annotation_processes if other != model))
            if reader.annotating:
                reader.shown_model, reader.pending_model = model, None
                reader.show_annotation(annotation)
            else:
                reader.swap_in(annotation, model)
            return
        reader.show_annotation(annotation)  # the fast model's, the accurate one still to come
        if self._held_failure is not None:
            reader.better_model_failed(self._held_failure)

    def _annotation_failed(self, model: str, reason: str) -> None:
        reader = self.reader
        assert reader is not None
        others_under_way = bool(self._annotation_workers)
        if model == self.model and not reader.annotating:
            reader.better_model_failed(reason)  # the fast model's statements stay
        elif model == self.model and others_under_way:
            self._held_failure = reason  # said once the fast model's statements are in
        elif not others_under_way:
            reader.annotation_failed(self._held_failure or reason)
