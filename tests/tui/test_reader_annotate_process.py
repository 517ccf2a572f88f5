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
