"""The library's progress line: how many articles are annotated, and where the rest stand."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import var
from textual.widgets import Label, ProgressBar


class LibraryProgress(Horizontal):
    """A bar while the background work runs, and a one-line summary that stays after it ends."""

    total: var[int] = var(0, init=False)
    done: var[int] = var(0, init=False)
    summary: var[str] = var("", init=False)
    running: var[bool] = var(True, init=False)

    def compose(self) -> ComposeResult:
        yield ProgressBar(show_eta=False, id="library-bar")
        yield Label(id="library-summary", markup=False)

    def watch_total(self, total: int) -> None:
        self.query_one(ProgressBar).update(total=total)

    def watch_done(self, done: int) -> None:
        self.query_one(ProgressBar).update(progress=done)

    def watch_summary(self, summary: str) -> None:
        self.query_one(Label).update(summary)

    def watch_running(self, running: bool) -> None:
        self.query_one(ProgressBar).display = running
