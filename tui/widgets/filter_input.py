"""The library's ``/`` filter: rows narrow down as you type."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class FilterInput(Input):
    """Every edit posts ``Changed``; enter keeps the filter and goes back to the rows, esc clears it."""

    BINDINGS = [
        Binding("enter", "done(True)", "Keep filter", id="filter.keep",
                tooltip="Keep the filter and go back to the list"),
        Binding("escape", "done(False)", "Clear filter", id="filter.clear", tooltip="Clear the filter"),
    ]

    class Done(Message):
        """Filtering is over: ``keep`` the rows it leaves, or show them all again."""

        def __init__(self, keep: bool) -> None:
            super().__init__()
            self.keep = keep

    def __init__(self, **kwargs) -> None:
        super().__init__(placeholder="filter: words in the title, outlet, date or file name", **kwargs)

    def action_done(self, keep: bool) -> None:
        self.post_message(self.Done(keep))
