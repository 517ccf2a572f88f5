"""The ``/`` search bar: an input that reports what to look for and which way to go.

Every terminal sends ``↑``/``↓`` and enter, so those step through matches; ``f3``/``shift+f3`` work too.
tmux and xterm send shift+enter as a plain enter, and shift+F3 as ``ESC[1;2R`` (which Textual reads
as a cursor position report: the app turns it back into ``shift+f3``).
"""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class SearchInput(Input):
    """Incremental search: every edit posts ``Changed``; ↓ / ↑ (or enter, f3 / shift+f3) step."""

    BINDINGS = [
        Binding("down,enter,f3", "step(True)", "Next match", id="search.next_match"),
        Binding("up,shift+enter,shift+f3", "step(False)", "Previous match", id="search.previous_match"),
        Binding("escape", "close", "Close search", id="search.close", tooltip="Close the search bar"),
    ]

    class Step(Message):
        def __init__(self, forward: bool) -> None:
            super().__init__()
            self.forward = forward

    class Closed(Message):
        pass

    def __init__(self, **kwargs) -> None:
        super().__init__(placeholder="search: ↓ or enter next, ↑ previous, esc close", **kwargs)

    def action_step(self, forward: bool) -> None:
        self.post_message(self.Step(forward))

    def action_close(self) -> None:
        self.post_message(self.Closed())
