"""Every note of the article in one list (``ctrl+n``): ``enter`` jumps to it, ``a`` edits it,
``d`` deletes it after asking. Unanchored notes are listed too, last, marked as such."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList
from textual.widgets.option_list import Option

from tui.safe_text import one_line
from tui.notes import PlacedNote

SNIPPET_CHARS = 80
NOTE_LINES = 4  # lines of a note shown in the list; more are marked with "…"
PASSAGE_BAR = "▏ "  # marks the article passage (it often holds its own quotation marks: none are added)


@dataclass(frozen=True)
class NoteEntry:
    """A note as the list shows it: where it is ("¶3 · Antony Blinken") and the passage it is on."""

    placed: PlacedNote
    where: str
    passage: str


@dataclass(frozen=True)
class NoteChoice:
    action: Literal["jump", "edit", "delete"]
    placed: PlacedNote


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    flat = one_line(text)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def note_lines(body: str, limit: int = NOTE_LINES) -> list[str]:
    """The first lines of a note as written (each shortened to a snippet), "…" when there are more."""
    lines = [snippet(line, 2 * SNIPPET_CHARS) for line in body.strip().splitlines()]
    return lines if len(lines) <= limit else [*lines[: limit - 1], lines[limit - 1] + " …"]


class NotesList(ModalScreen[NoteChoice | None]):
    DEFAULT_CSS = """
    NotesList {
        align: center middle;
    }
    NotesList > Vertical {
        width: 90%;
        max-width: 110;
        height: 80%;
        border: thick $accent;
        border-title-color: $foreground;
        background: $surface;
    }
    NotesList OptionList {
        height: 1fr;
    }
    """

    BINDINGS = [
        Binding("escape,ctrl+n", "dismiss", "Close", id="notes_list.close", tooltip="Close the list"),
        Binding("a", "choose('edit')", "Edit note", id="notes_list.edit", tooltip="Edit the highlighted note"),
        Binding("d,delete", "choose('delete')", "Delete note", id="notes_list.delete",
                tooltip="Delete the highlighted note (asks first)"),
    ]

    def __init__(self, entries: list[NoteEntry]) -> None:
        super().__init__()
        self.entries = entries

    def compose(self) -> ComposeResult:
        with Vertical() as frame:
            count = len(self.entries)
            frame.border_title = f"Notes on this article ({count})"
            frame.border_subtitle = "enter jumps · a edits · d deletes · esc closes"
            options: list[Option | None] = []
            for entry in self.entries:
                options += [self._option(entry), None]  # None: a separator line between notes
            yield OptionList(*options[:-1], id="notes")
        yield Footer()

    def on_mount(self) -> None:
        if not self.entries:
            self.query_one(OptionList).add_option(Option(Text("No notes yet: press a on a statement or a "
                                                              "selection to write one."), disabled=True))
        self.query_one(OptionList).focus()

    @staticmethod
    def _option(entry: NoteEntry) -> Option:
        label = Text()
        label.append(entry.where, style="bold")
        if not entry.placed.anchored:
            label.append("  (unanchored: its passage is no longer in the article)", style="italic")
        label.append("\n" + PASSAGE_BAR + snippet(entry.passage), style="dim italic")
        for line in note_lines(entry.placed.note.body):
            label.append("\n" + line)
        return Option(label, id=entry.placed.note.id)

    def _highlighted(self) -> NoteEntry | None:
        option = self.query_one(OptionList).highlighted_option
        return next((e for e in self.entries if option is not None and e.placed.note.id == option.id), None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_choose("jump")

    def action_choose(self, action: Literal["jump", "edit", "delete"]) -> None:
        entry = self._highlighted()
        if entry is not None:
            self.dismiss(NoteChoice(action, entry.placed))
