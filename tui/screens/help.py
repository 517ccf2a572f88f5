"""The help screen: every key the reader knows, read from the bindings themselves as the user's
keymap has them (``live_bindings``)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingsMap, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

MOUSE_HELP = (
    ("click a highlighted statement", "make it the current statement"),
    ("click an actor", "filter navigation to that actor"),
    ("drag over text", "select it: a writes a note on the selection"),
    ("wheel", "scroll"),
)


def live_bindings(app: App, bindings: Iterable[BindingType]) -> list[Binding]:
    """``bindings`` with the keys the app's keymap gives them, in their declared order."""
    declared = list(Binding.make_bindings(bindings))
    live = BindingsMap(declared)
    # Textual applies the keymap to each BindingsMap the same way when a key is pressed; _keymap is
    # the normalised form App.set_keymap keeps ("?" -> "question_mark"), which apply_keymap expects.
    live.apply_keymap(app._keymap)
    order = {binding.id: position for position, binding in enumerate(declared)}
    # A binding with several keys ("n,]") is rebound once per key: keep one of each (id, key).
    applied = {(binding.id, binding.key): binding
               for key_bindings in live.key_to_bindings.values() for binding in key_bindings}
    return sorted(applied.values(), key=lambda binding: order.get(binding.id, len(order)))


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close help", id="help.close"),
    ]

    def __init__(
        self, sections: list[tuple[str, list[Binding]]], mouse: tuple[tuple[str, str], ...] = MOUSE_HELP
    ) -> None:
        super().__init__()
        self.sections = sections
        self.mouse = mouse

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "quotelens keys"
            body.border_subtitle = "esc closes"
            yield Static(self.keys_table(), id="help-keys")

    def key_display(self, keys: list[str]) -> str:
        return " / ".join(self.app.get_key_display(Binding(key, "")) for key in keys)

    def keys_table(self) -> Table:
        """Both columns wrap (keys at their " / "), so no entry is cut off on a narrow terminal."""
        table = Table(box=None, expand=True, show_header=False, padding=(0, 1))
        table.add_column("keys", style="bold", ratio=1, overflow="fold")
        table.add_column("what", ratio=3, overflow="fold")
        for title, bindings in self.sections:
            table.add_row(Text(title, style="bold underline"), "")
            for description, keys in self._grouped(bindings):
                table.add_row(Text(self.key_display(keys)), Text(description))
            table.add_row("", "")
        table.add_row(Text("Mouse", style="bold underline"), "")
        for what, does in self.mouse:
            table.add_row(Text(what), Text(does))
        return table

    @staticmethod
    def _grouped(bindings: list[Binding]) -> list[tuple[str, list[str]]]:
        """Keys that share a binding id (``n`` and ``]``) on one row."""
        rows: dict[str, tuple[str, list[str]]] = {}
        for binding in bindings:
            key = binding.id or binding.action
            description = binding.tooltip or binding.description or binding.action.replace("_", " ")
            rows.setdefault(key, (description, []))[1].append(binding.key)
        return list(rows.values())
