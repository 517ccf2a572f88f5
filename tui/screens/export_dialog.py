"""Where to write the export (``e`` in the reader): a path, proposed as ``<article-stem>.notes.md``.

``enter`` writes from any field (a priority binding: the checkbox would otherwise take it as a toggle;
``space`` toggles it). The dialog reopens with what was typed when the user keeps an existing file or
the write fails, so ``proposal`` and ``all_statements`` are whatever the dialog should start with.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label


@dataclass(frozen=True)
class ExportRequest:
    path: Path
    all_statements: bool


class ExportDialog(ModalScreen[ExportRequest | None]):
    DEFAULT_CSS = """
    ExportDialog {
        align: center middle;
    }
    ExportDialog > Vertical {
        width: 80;
        height: auto;
        border: thick $accent;
        border-title-color: $foreground;
        background: $surface;
        padding: 1 2;
    }
    ExportDialog Input {
        margin: 1 0;
    }
    /* Unchecked: an empty box on every theme (Textual's grey X reads as a tick on a light theme). */
    ExportDialog Checkbox > .toggle--button {
        color: $panel;
    }
    ExportDialog Checkbox.-on > .toggle--button {
        color: $text-success;
        text-style: bold;
    }
    """

    BINDINGS = [
        Binding("escape", "dismiss", "Cancel", id="export_dialog.cancel"),
        Binding("enter", "write", "Write", priority=True, id="export_dialog.write"),
    ]

    def __init__(self, proposal: Path, all_statements: bool = False) -> None:
        super().__init__()
        self.proposal = proposal
        self.all_statements = all_statements

    def compose(self) -> ComposeResult:
        with Vertical() as frame:
            frame.border_title = "Export notes"
            frame.border_subtitle = "enter writes · esc cancels"
            yield Label("Write the statements and notes to (.md for Markdown, .json for JSON):")
            yield Input(str(self.proposal), id="export-path")
            yield Checkbox("Every statement, not only those with notes", self.all_statements, id="export-all")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def action_write(self) -> None:
        value = self.query_one(Input).value.strip()
        if not value:
            self.notify("Give a file name to export to", severity="warning", timeout=3)
            return
        self.dismiss(ExportRequest(Path(value).expanduser(), self.query_one(Checkbox).value))
