"""A footer that fits its width: when the keys do not all fit, the least important are left out
(they are all still in the help screen), so ``q Quit`` and the note keys stay on an 80-column terminal.

The screen ranks its bindings by id, most important first; bindings it does not rank go first.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer

KEY_PADDING = 3  # cells round a key and its description: " q Quit "
PALETTE_KEY_FRAME = 2  # the command palette key's border on the left and padding on the right


class FittedFooter(Footer):
    def __init__(self, ranking: tuple[str, ...], **kwargs) -> None:
        super().__init__(**kwargs)
        self.ranking = ranking
        self._composed_width = 0

    def compose(self) -> ComposeResult:
        keys = list(super().compose())  # Footer's keys (FooterKey, not public: read by attribute)
        self._composed_width = width = self.size.width
        dropped = self._to_drop(keys, width) if width else set()  # 0: not laid out yet, a resize recomposes
        yield from (key for key in keys if key not in dropped)

    def _to_drop(self, keys: list[Widget], width: int) -> set[Widget]:
        used = sum(self._width_of(key) for key in keys)
        dropped: set[Widget] = set()
        active = self.screen.active_bindings

        def importance(key: Widget) -> int:
            """0 for the most important; bindings the screen does not rank come last."""
            binding = active.get(getattr(key, "key", ""))
            binding_id = binding.binding.id if binding is not None else None
            return self.ranking.index(binding_id) if binding_id in self.ranking else len(self.ranking)

        for key in sorted(keys, key=importance, reverse=True):
            if used <= width:
                break
            dropped.add(key)
            used -= self._width_of(key)
        return dropped

    @staticmethod
    def _width_of(key: Widget) -> int:
        frame = PALETTE_KEY_FRAME if key.has_class("-command-palette") else 0
        label = cell_len(getattr(key, "key_display", "")) + cell_len(getattr(key, "description", ""))
        return label + KEY_PADDING + frame

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._composed_width:
            self.call_after_refresh(self.recompose)
