"""The ``/`` search bar: an input that reports what to look for and which way to go."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class SearchInput(Input):
    """Incremental search: every edit posts ``Changed``; enter / shift+enter step through matches."""

    BINDINGS = [
        Binding("enter,f3", "step(True)", "Next match", id="search.next_match"),
        Binding("shift+enter,shift+f3", "step(False)", "Previous match", id="search.previous_match"),
        Binding("escape", "close", "Close search", id="search.close", tooltip="Close the search bar"),
    ]

    class Step(Message):
        def __init__(self, forward: bool) -> None:
            super().__init__()
            self.forward = forward

    class Closed(Message):
        pass

    def __init__(self, **kwargs) -> None:
        super().__init__(placeholder="search: enter next, shift+enter previous, esc close", **kwargs)

    def action_step(self, forward: bool) -> None:
        self.post_message(self.Step(forward))

    def action_close(self) -> None:
        self.post_message(self.Closed())
