"""Where to write the export (``e`` in the reader): a path, proposed as ``<article-stem>.notes.md``."""

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
    """

    BINDINGS = [Binding("escape", "dismiss", "Cancel", id="export_dialog.cancel")]

    def __init__(self, proposal: Path) -> None:
        super().__init__()
        self.proposal = proposal

    def compose(self) -> ComposeResult:
        with Vertical() as frame:
            frame.border_title = "Export notes"
            frame.border_subtitle = "enter writes · esc cancels"
            yield Label("Write the statements and notes to (.md for Markdown, .json for JSON):")
            yield Input(str(self.proposal), id="export-path")
            yield Checkbox("Every statement, not only those with notes", id="export-all")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        if not value:
            self.notify("Give a file name to export to", severity="warning", timeout=3)
            return
        self.dismiss(ExportRequest(Path(value).expanduser(), self.query_one(Checkbox).value))
