"""With the accurate model the reader never waits for the encoder: the text at once, the fast model's
statements as soon as they are in, then the accurate ones in their place, the reader left where they were.

The annotators are injected (no weights needed): the fast one answers at once or when released, the
"accurate" one only when the test releases it.
"""

from __future__ import annotations

import dataclasses
import threading

from annotators.model import Annotation, Span, Statement
from tests.tui.helpers import screen_text, settle
from tests.tui.seed_annotation import seed_annotation
from tui.annotation_cache import AnnotationCache
from tui.app import QuotelensApp
from tui.screens.reader import matching_statement
from tui.widgets.status_line import StatusLine

WAIT = 10  # seconds an annotator waits for its release at most (a failing test does not hang)


def accurate_annotation(text: str) -> Annotation:
    """The seed's statements as a better model might find them: the first one is not a statement, and
    every other content span starts two characters later (different spans, the same statements)."""
    fast = seed_annotation(text)
    statements = tuple(
        dataclasses.replace(s, content=(Span(s.content[0].start + 2, s.content[0].end), *s.content[1:]))
        for s in fast.statements[1:]
    )
    return dataclasses.replace(fast, statements=statements)


class Released:
    """An annotator that waits until the test releases it, and counts its calls."""

    def __init__(self, annotate, released: bool = False) -> None:
        self.annotate = annotate
        self.release = threading.Event()
        if released:
            self.release.set()
        self.calls = 0

    def __call__(self, text: str) -> Annotation:
        self.calls += 1
        self.release.wait(WAIT)
        return self.annotate(text)


def accurate_app(seed_path, fast: Released, accurate: Released, **kwargs) -> QuotelensApp:
    return QuotelensApp(seed_path, seed_path.read_text(encoding="utf-8"), annotator=accurate,
                        fast_annotator=fast, model="accurate", **kwargs)


async def until(pilot, condition, timeout: float = WAIT) -> None:
    waited = 0.0
    while not condition() and waited < timeout:
        await pilot.pause(0.02)
        waited += 0.02
    assert condition()


def messages(app) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]


async def test_the_text_shows_before_either_model_has_answered(seed_path):
    fast, accurate = Released(seed_annotation), Released(accurate_annotation)
    app = accurate_app(seed_path, fast, accurate)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert "United States Secretary of State" in screen_text(app)
        assert app.reader.annotating and not app.reader.annotation.statements
        fast.release.set()
        accurate.release.set()
        await settle(app, pilot)


async def test_the_fast_statements_come_first_and_the_keys_work_on_them(seed_path, seed_text):
    fast, accurate = Released(seed_annotation), Released(accurate_annotation)
    app = accurate_app(seed_path, fast, accurate)
    async with app.run_test(size=(120, 30)) as pilot:
        reader = app.reader
        await pilot.press("n")  # before any statement: carried out on the fast ones
        fast.release.set()
        await until(pilot, lambda: not reader.annotating)
        await pilot.pause()
        assert reader.annotation == seed_annotation(seed_text) and reader.pending_model == "accurate"
        assert reader.current == 0
        await pilot.press("n")
        assert reader.current == 1
        assert "fast · accurate pending…" in reader.query_one(StatusLine).fitted(120).plain
        assert "fast · accurate pending…" in screen_text(app)
        accurate.release.set()
        await settle(app, pilot)
        assert reader.annotation == accurate_annotation(seed_text) and reader.pending_model is None
        assert "pending" not in screen_text(app)
        assert any("accurate model's statements" in m for m in messages(app))


async def test_after_the_swap_the_reader_is_on_the_same_statement_and_the_pane_has_not_moved(seed_path, seed_text):
    fast, accurate = Released(seed_annotation, released=True), Released(accurate_annotation)
    app = accurate_app(seed_path, fast, accurate)
    async with app.run_test(size=(100, 20)) as pilot:
        reader = app.reader
        await until(pilot, lambda: not reader.annotating)
        await pilot.press(*"nnnnnnnnn")  # the ninth statement: the pane has scrolled to it
        before = reader.annotation.statements[reader.current]
        article = reader.article
        first, last = article.layout.lines_of(before.extent)
        # The reader scrolled on (j) until only the statement's first line is left at the bottom.
        article.scroll_to(y=first - article.scrollable_content_region.height + 1, animate=False)
        await pilot.pause()
        offset = article.scroll_offset
        assert offset.y > 0 and last > first and not article.is_visible(before.extent)
        reader.filter_actor = "zelenskyy"
        accurate.release.set()
        await settle(app, pilot)
        after = reader.annotation.statements[reader.current]
        assert reader.annotation == accurate_annotation(seed_text)
        assert after.content[0].end == before.content[0].end and after.source == before.source
        assert reader.current == 7  # the first statement is gone: the same statement is one earlier
        assert reader.article.scroll_offset == offset
        assert reader.filter_actor == "zelenskyy"
        assert reader.query_one(StatusLine).statement.number == 8


async def test_notes_follow_the_statements_they_were_written_on(seed_path, seed_text):
    fast, accurate = Released(seed_annotation, released=True), Released(accurate_annotation)
    app = accurate_app(seed_path, fast, accurate)
    async with app.run_test(size=(120, 30)) as pilot:
        reader = app.reader
        await until(pilot, lambda: not reader.annotating)
        await pilot.pause()
        statement = reader.annotation.statements[4]
        reader.article_notes.add_on_statement(statement, "check this")
        reader.place_notes()
        accurate.release.set()
        await settle(app, pilot)
        (placed,) = reader.placed_notes
        noted = next(s for s in reader.annotation.statements if s.id == placed.statement_id)
        assert noted.source == statement.source and noted.content[0].end == statement.content[0].end


async def test_a_failing_accurate_model_leaves_the_fast_statements_and_says_why(seed_path, seed_text):
    def unavailable(text: str) -> Annotation:
        raise RuntimeError("the accurate model cannot run: weights missing; use --model fast")

    fast = Released(seed_annotation)
    app = accurate_app(seed_path, fast, Released(unavailable, released=True))
    async with app.run_test(size=(120, 30)) as pilot:
        reader = app.reader
        await pilot.pause(0.1)  # the accurate model fails before the fast one is in
        fast.release.set()
        await settle(app, pilot)
        assert reader.annotation == seed_annotation(seed_text) and reader.pending_model is None
        (notice,) = [m for m in messages(app) if "weights missing" in m]
        assert "accurate model is unavailable" in notice and "\n" not in notice
        assert "pending" not in screen_text(app)
        await pilot.press("n")
        assert reader.current == 0


async def test_a_failure_after_the_fast_statements_keeps_the_reader_where_it_is(seed_path, seed_text):
    def unavailable(text: str) -> Annotation:
        raise RuntimeError("onnxruntime is not installed")

    accurate = Released(unavailable)
    app = accurate_app(seed_path, Released(seed_annotation, released=True), accurate)
    async with app.run_test(size=(120, 30)) as pilot:
        reader = app.reader
        await until(pilot, lambda: not reader.annotating)
        await pilot.press("n", "n")
        accurate.release.set()
        await until(pilot, lambda: reader.pending_model is None)
        await pilot.pause()
        assert reader.current == 1 and reader.annotation == seed_annotation(seed_text)
        assert any("onnxruntime is not installed" in m for m in messages(app))


async def test_a_cached_accurate_annotation_is_shown_at_once(seed_path, seed_text, tmp_path):
    cache = AnnotationCache(tmp_path / "cache", "accurate-test")
    cache.put(seed_text, accurate_annotation(seed_text))
    fast, accurate = Released(seed_annotation), Released(accurate_annotation)
    app = accurate_app(seed_path, fast, accurate, cache=cache)
    async with app.run_test(size=(120, 30)) as pilot:
        await until(pilot, lambda: not app.reader.annotating)
        await pilot.pause()
        assert app.reader.annotation == accurate_annotation(seed_text) and app.reader.pending_model is None
        fast.release.set()  # its answer, if it comes, is not wanted any more
        await settle(app, pilot)
        assert app.reader.annotation == accurate_annotation(seed_text)
        assert accurate.calls == 0


async def test_with_the_fast_model_one_annotation_runs(seed_path, seed_text):
    fast, own = Released(seed_annotation, released=True), Released(seed_annotation, released=True)
    app = QuotelensApp(seed_path, seed_text, annotator=own, fast_annotator=fast, model="fast")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        assert (own.calls, fast.calls) == (1, 0)
        assert app.reader.pending_model is None and "pending" not in screen_text(app)


def test_the_matching_statement_is_the_best_overlap_else_the_next_one(seed_text):
    fast, accurate = seed_annotation(seed_text).statements, accurate_annotation(seed_text).statements
    assert matching_statement(fast[5], accurate) == 4
    gone = fast[0]  # no accurate statement covers it: the next one
    assert matching_statement(gone, accurate) == 0
    after_all = Statement("", "direct", (Span(len(seed_text) - 1, len(seed_text)),))
    assert matching_statement(after_all, accurate) == len(accurate) - 1
    assert matching_statement(gone, ()) is None
