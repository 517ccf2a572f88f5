"""The line above the footer: where the reader is (``k/N``, speaker, cue, kind), the filter,
the search, and a loading indicator while the article is being annotated."""

from __future__ import annotations

from typing import NamedTuple

from rich.text import Text
from textual.app import ComposeResult
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import LoadingIndicator, Static


class StatementInfo(NamedTuple):
    number: int  # 1-based position in the article
    total: int
    speaker: str
    cue: str
    kind: str


class StatusLine(Widget):
    statement: reactive[StatementInfo | None] = reactive(None)
    filter_name: reactive[str | None] = reactive(None)
    search: reactive[str | None] = reactive(None)  # "match 2/15", "no match"
    hint: reactive[str] = reactive("")  # what to do when nothing is current
    busy: reactive[bool] = reactive(False)

    def compose(self) -> ComposeResult:
        yield LoadingIndicator(id="status-loading")
        yield Static(id="status-text")

    def on_mount(self) -> None:
        self._update()

    def watch_busy(self, busy: bool) -> None:
        if self.is_mounted:
            self.query_one(LoadingIndicator).display = busy

    def _watch_any(self) -> None:
        if self.is_mounted:
            self._update()

    watch_statement = watch_filter_name = watch_search = watch_hint = _watch_any

    def line(self) -> Text:
        """The status as text (speaker names and cues are article text: never markup)."""
        parts: list[Text] = []
        if (info := self.statement) is not None:
            parts.append(
                Text.assemble(
                    (f"{info.number}/{info.total}", "bold"),
                    "  ",
                    (info.speaker, "bold"),
                    " · ",
                    (f"“{info.cue}”" if info.cue else "no cue", "italic"),
                    " · ",
                    info.kind,
                )
            )
        elif self.hint:
            parts.append(Text(self.hint))
        if self.filter_name is not None:
            parts.append(Text.assemble("filter: ", (self.filter_name, "bold"), " (esc clears)"))
        if self.search is not None:
            parts.append(Text(self.search))
        return Text("  │  ").join(parts)

    def _update(self) -> None:
        self.query_one("#status-text", Static).update(self.line())
        self.query_one(LoadingIndicator).display = self.busy
