"""The engine runs in a child process: same result, errors reported, and it can be stopped."""

from __future__ import annotations

import threading
import time

import pytest

from annotators import annotate
from tui.annotate_process import AnnotationProcess, AnnotationStopped


def test_the_child_returns_what_the_engine_finds(seed_text):
    assert AnnotationProcess(annotate).annotate(seed_text) == annotate(seed_text)


def failing(text: str):
    raise ValueError(f"cannot read {len(text)} characters")


def test_an_error_in_the_child_is_raised_in_the_parent():
    with pytest.raises(RuntimeError, match="ValueError: cannot read 5 characters"):
        AnnotationProcess(failing).annotate("hello")


def sleeping(text: str):
    time.sleep(60)


def test_stop_ends_the_child_at_once():
    process = AnnotationProcess(sleeping)
    errors: list[Exception] = []

    def run() -> None:
        try:
            process.annotate("text")
        except AnnotationStopped as error:
            errors.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    time.sleep(0.5)
    started = time.monotonic()
    process.stop()
    thread.join(10)
    assert not thread.is_alive() and time.monotonic() - started < 5
    assert len(errors) == 1


def test_without_fork_the_annotator_runs_in_the_calling_thread(monkeypatch, seed_text):
    import multiprocessing

    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    caller = threading.get_ident()
    seen: list[int] = []

    def recording(text: str):
        seen.append(threading.get_ident())
        return annotate(text)

    assert AnnotationProcess(recording).annotate(seed_text) == annotate(seed_text)
    assert seen == [caller]


# --- one child for article after article (the library) ---------------------------------------------


def engine(text: str, meta):
    return annotate(text, meta=meta)


def test_one_child_annotates_article_after_article(seed_text):
    from annotators.model import Meta
    from tui.annotate_process import AnnotationChild

    child = AnnotationChild(engine)
    try:
        first = child.annotate(seed_text, Meta())
        process = child._process
        given = Meta(title="A given title", outlet="The Harbour Gazette")
        second = child.annotate(seed_text, given)
        assert child._process is process and process.is_alive()  # the same child both times
        assert first == annotate(seed_text)
        assert second == annotate(seed_text, meta=given) and second.meta.outlet == "The Harbour Gazette"
    finally:
        child.stop()
    process.join(5)
    assert not process.is_alive()


def failing_on_short(text: str, meta):
    if len(text) < 10:
        raise ValueError("too short")
    return annotate(text, meta=meta)


def test_a_failure_is_raised_for_that_article_and_the_child_goes_on(seed_text):
    from annotators.model import Meta
    from tui.annotate_process import AnnotationChild

    child = AnnotationChild(failing_on_short)
    try:
        with pytest.raises(RuntimeError, match="ValueError: too short"):
            child.annotate("short", Meta())
        assert child.annotate(seed_text, Meta()) == annotate(seed_text)
    finally:
        child.stop()


def dying(text: str, meta):
    import os

    if text == "die":
        os._exit(3)
    return annotate(text, meta=meta)


def test_a_child_that_dies_or_is_stopped_is_started_again_for_the_next_article(seed_text):
    from annotators.model import Meta
    from tui.annotate_process import AnnotationChild

    child = AnnotationChild(dying)
    try:
        with pytest.raises(AnnotationStopped):
            child.annotate("die", Meta())
        assert child.annotate(seed_text, Meta()) == annotate(seed_text)
        stopper = threading.Timer(0.5, child.stop)
        stopper.start()
        started = time.monotonic()
        with pytest.raises(AnnotationStopped):
            child.annotate("x " * 2_000_000, Meta())  # long enough to be stopped in the middle
        assert time.monotonic() - started < 10
        assert child.annotate(seed_text, Meta()) == annotate(seed_text)
    finally:
        child.stop()
