"""The note editor: a modal with the passage being annotated and a multi-line text area.

``ctrl+s`` saves, ``esc`` cancels (asking first when there are unsaved changes), ``ctrl+r`` deletes an
existing note (asking first), ``ctrl+o`` continues in ``$VISUAL``/``$EDITOR`` with the app suspended.
The passage is article text: it is shown as plain text, never parsed as markup.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from rich.text import Text
from textual.app import App, ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static, TextArea

from tui.safe_text import one_line
from tui.screens.confirm import ConfirmScreen

PASSAGE_PREVIEW_CHARS = 400


@dataclass(frozen=True)
class NoteEdit:
    """What the user decided in the editor (cancelling dismisses with None)."""

    action: Literal["save", "delete"]
    body: str = ""


class ExternalEditorError(Exception):
    """The user's editor could not be run; the message is one line for a notification."""


def external_editor_command() -> list[str] | None:
    """``$VISUAL`` or ``$EDITOR`` as an argument list (``code --wait`` works), or None when unset."""
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    return shlex.split(command) if command else None


def edit_externally(app: App, body: str) -> str:
    """Let the user edit ``body`` in their own editor, the app suspended meanwhile; the new body."""
    command = external_editor_command()
    if not command:
        raise ExternalEditorError("Set $EDITOR (or $VISUAL) to edit notes in your own editor")
    handle, name = tempfile.mkstemp(prefix="quotelens-note-", suffix=".md")
    path = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(body)
        with app.suspend():
            result = subprocess.run([*command, str(path)], check=False)
        if result.returncode != 0:
            raise ExternalEditorError(f"{command[0]} exited with status {result.returncode}; note unchanged")
        return path.read_text(encoding="utf-8")
    except SuspendNotSupported:
        raise ExternalEditorError("this terminal cannot hand over to another program; edit the note here") from None
    except OSError as error:
        raise ExternalEditorError(f"cannot run {command[0]}: {error.strerror or error}") from None
    finally:
        path.unlink(missing_ok=True)


class NoteEditor(ModalScreen[NoteEdit | None]):
    DEFAULT_CSS = """
    NoteEditor {
        align: center middle;
    }
    NoteEditor > Vertical {
        width: 90%;
        max-width: 100;
        height: 80%;
        border: thick $accent;
        border-title-color: $foreground;
        background: $surface;
        padding: 0 1;
    }
    NoteEditor #note-passage {
        height: auto;
        max-height: 6;
        color: $text-muted;
        text-style: italic;
        border-left: outer $accent;
        padding: 0 1;
        margin: 1 0;
    }
    NoteEditor TextArea {
        height: 1fr;
    }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, id="note_editor.save", tooltip="Save the note"),
        Binding("escape", "cancel", "Cancel", priority=True, id="note_editor.cancel",
                tooltip="Close without saving (asks first when there are changes)"),
        Binding("ctrl+o", "external_editor", "$EDITOR", priority=True, id="note_editor.external",
                tooltip="Continue in your own editor ($VISUAL or $EDITOR)"),
        Binding("ctrl+r", "delete", "Delete note", priority=True, id="note_editor.delete",
                tooltip="Delete the note (asks first)"),
    ]

    def __init__(self, heading: str, passage: str, body: str = "", *, existing: bool = False) -> None:
        super().__init__()
        self.heading = heading
        self.passage = passage
        self.original = body
        self.existing = existing

    def compose(self) -> ComposeResult:
        with Vertical() as frame:
            frame.border_title = self.heading
            frame.border_subtitle = "ctrl+s save · esc cancel"
            yield Static(Text(self._passage_preview()), id="note-passage")
            yield TextArea(self.original, soft_wrap=True, show_line_numbers=False, id="note-body")
        yield Footer()

    def _passage_preview(self) -> str:
        """The passage as written: the bar beside it marks it (a quote holds its own quotation marks)."""
        passage = one_line(self.passage)
        if len(passage) > PASSAGE_PREVIEW_CHARS:
            passage = passage[: PASSAGE_PREVIEW_CHARS - 1] + "…"
        return passage

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "delete":
            return self.existing  # a note not yet saved has nothing to delete: hide the key
        return True

    @property
    def body(self) -> str:
        return self.query_one(TextArea).text

    @property
    def changed(self) -> bool:
        return self.body != self.original

    def action_save(self) -> None:
        body = self.body
        if body.strip():
            self.dismiss(NoteEdit("save", body))
        elif self.existing:
            self.action_delete()  # an emptied note: deleting it is what saving would mean, so ask
        else:
            self.notify("Empty note: nothing saved", timeout=3)
            self.dismiss(None)

    def action_cancel(self) -> None:
        if not self.changed:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Discard the changes to this note?", yes="Discard", no="Keep editing"),
                             answered)

    def action_delete(self) -> None:
        def answered(delete: bool | None) -> None:
            if delete:
                self.dismiss(NoteEdit("delete"))

        self.app.push_screen(ConfirmScreen("Delete this note? This cannot be undone.", yes="Delete",
                                           no="Keep it"), answered)

    def action_external_editor(self) -> None:
        try:
            body = edit_externally(self.app, self.body)
        except ExternalEditorError as error:
            self.notify(one_line(str(error)), severity="warning", timeout=5, markup=False)
            return
        self.query_one(TextArea).text = body
