"""The notes screens on their own, in a tiny host app: what each returns for each key."""

from __future__ import annotations

import sys
from contextlib import nullcontext

import pytest

from textual.app import App
from textual.geometry import Offset
from textual.selection import Selection
from textual.widgets import Checkbox, OptionList, TextArea

from annotators.model import Annotation, Span
from tui.line_wrapping import ArticleLayout
from tui.notes import Note, PlacedNote, TextAnchor
from tui.screens.confirm import ConfirmScreen
from tui.screens.export_dialog import ExportDialog, ExportRequest
from tui.screens.note_editor import NoteEdit, NoteEditor
from tui.screens.notes_list import NoteChoice, NoteEntry, NotesList
from tui.selection import selection_span


class Host(App):
    """Pushes one screen and keeps what it was dismissed with."""

    def __init__(self, screen) -> None:
        super().__init__()
        self.pushed = screen
        self.results: list[object] = []

    def on_mount(self) -> None:
        self.push_screen(self.pushed, self.results.append)


async def test_ctrl_s_saves_what_was_typed():
    app = Host(NoteEditor("Note", "what was said", ""))
    async with app.run_test() as pilot:
        app.pushed.query_one(TextArea).insert("my thought")
        await pilot.press("ctrl+s")
    assert app.results == [NoteEdit("save", "my thought")]


async def test_escape_without_changes_closes_at_once():
    app = Host(NoteEditor("Note", "what was said", "unchanged", existing=True))
    async with app.run_test() as pilot:
        await pilot.press("escape")
        assert not isinstance(app.screen, ConfirmScreen)
    assert app.results == [None]


async def test_an_empty_new_note_is_not_saved_and_delete_is_only_offered_for_saved_notes():
    app = Host(NoteEditor("Note", "what was said", ""))
    async with app.run_test() as pilot:
        assert app.pushed.check_action("delete", ()) is False
        await pilot.press("ctrl+r")
        assert app.screen is app.pushed
        await pilot.press("ctrl+s")
    assert app.results == [None]


async def test_emptying_a_saved_note_asks_to_delete_it():
    app = Host(NoteEditor("Note", "what was said", "old", existing=True))
    async with app.run_test() as pilot:
        app.pushed.query_one(TextArea).text = "   "
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
    assert app.results == [NoteEdit("delete")]


async def test_the_passage_is_shown_as_text_not_markup():
    app = Host(NoteEditor("Note", "[bold]not bold[/bold] \x1b[31m", ""))
    async with app.run_test():
        shown = str(app.pushed.query_one("#note-passage").render())
    assert "[bold]not bold[/bold]" in shown and "␛" in shown


async def test_ctrl_o_continues_in_the_users_editor(tmp_path, monkeypatch):
    script = tmp_path / "editor.py"
    script.write_text("import sys; p = sys.argv[1]; body = open(p).read(); open(p, 'w').write(body.upper())\n")
    monkeypatch.setenv("VISUAL", f"{sys.executable} {script}")
    app = Host(NoteEditor("Note", "what was said", "draft"))
    monkeypatch.setattr(app, "suspend", nullcontext)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+o")
        assert app.pushed.body == "DRAFT"
        await pilot.press("ctrl+s")
    assert app.results == [NoteEdit("save", "DRAFT")]


async def test_without_an_editor_configured_the_user_is_told(monkeypatch):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    app = Host(NoteEditor("Note", "what was said", "draft"))
    async with app.run_test() as pilot:
        await pilot.press("ctrl+o")
        assert any("$EDITOR" in n.message for n in app._notifications)
        assert app.pushed.body == "draft"


def placed(note_id: str, span: Span | None) -> PlacedNote:
    anchor = TextAnchor("passage", "", "", 0, 7)
    note = Note(note_id, "highlight", anchor, f"body of {note_id}", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z")
    return PlacedNote(note, span, None, "exact" if span else None)


async def test_notes_list_enter_jumps_and_d_deletes_the_highlighted_note():
    entries = [NoteEntry(placed("n1", Span(0, 7)), "¶1 · highlight", "passage"),
               NoteEntry(placed("n2", None), "Unanchored", "passage")]
    app = Host(NotesList(entries))
    async with app.run_test() as pilot:
        await pilot.press("enter")
    assert app.results == [NoteChoice("jump", entries[0].placed)]
    app = Host(NotesList(entries))
    async with app.run_test() as pilot:
        await pilot.press("down", "d")
    assert app.results == [NoteChoice("delete", entries[1].placed)]


async def test_a_quote_is_shown_once_and_a_multi_line_note_keeps_its_lines():
    quote = "“NATO will defend all its allies, and we stand united,”"
    note = Note("n1", "statement", TextAnchor(quote, "", "", 0, len(quote)), "First thought.\nSecond one.\n\n- a list",
                "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z")
    entry = NoteEntry(PlacedNote(note, Span(0, len(quote)), "s1", "exact"), "¶3 · Antony Blinken", quote)
    app = Host(NotesList([entry]))
    async with app.run_test():
        listed = str(app.pushed.query_one(OptionList).get_option_at_index(0).prompt).splitlines()
    assert listed == ["¶3 · Antony Blinken", f"▏ {quote}", "First thought.", "Second one.", "", "- a list"]
    app = Host(NoteEditor("Note", quote, note.body))
    async with app.run_test():
        shown = str(app.pushed.query_one("#note-passage").render())
    assert shown.count("“") == 1 and shown.count("”") == 1


async def test_a_long_note_shows_its_first_lines_in_the_list():
    body = "\n".join(f"line {k}" for k in range(1, 10))
    note = Note("n1", "highlight", TextAnchor("passage", "", "", 0, 7), body, "2026-01-01T00:00:00Z",
                "2026-01-01T00:00:00Z")
    app = Host(NotesList([NoteEntry(PlacedNote(note, Span(0, 7), None, "exact"), "¶1 · highlight", "passage")]))
    async with app.run_test():
        listed = str(app.pushed.query_one(OptionList).get_option_at_index(0).prompt).splitlines()
    assert listed[2:] == ["line 1", "line 2", "line 3", "line 4 …"]


async def test_an_empty_notes_list_says_how_to_write_one():
    app = Host(NotesList([]))
    async with app.run_test() as pilot:
        await pilot.press("enter", "escape")
    assert app.results == [None]


async def test_export_dialog_returns_the_path_and_the_all_flag(tmp_path):
    app = Host(ExportDialog(tmp_path / "a.notes.md"))
    async with app.run_test() as pilot:
        app.pushed.query_one(Checkbox).value = True
        await pilot.press("enter")
    assert app.results == [ExportRequest(tmp_path / "a.notes.md", True)]


async def test_enter_writes_from_the_checkbox_too(tmp_path):
    app = Host(ExportDialog(tmp_path / "a.notes.md"))
    async with app.run_test() as pilot:
        await pilot.press("tab")
        assert isinstance(app.pushed.focused, Checkbox)
        await pilot.press("space", "enter")
    assert app.results == [ExportRequest(tmp_path / "a.notes.md", True)]


@pytest.mark.parametrize("theme", ["textual-light", "textual-dark", "solarized-light"])
async def test_an_unchecked_box_is_empty_on_light_and_dark_themes(tmp_path, theme):
    app = Host(ExportDialog(tmp_path / "a.notes.md"))
    async with app.run_test() as pilot:
        app.theme = theme
        await pilot.pause()
        box = app.pushed.query_one(Checkbox)
        unchecked = box.get_component_rich_style("toggle--button")
        assert unchecked.color == unchecked.bgcolor  # the X is not drawn
        box.value = True
        await pilot.pause()
        checked = box.get_component_rich_style("toggle--button")
        assert checked.color != checked.bgcolor


async def test_confirm_defaults_to_the_safe_answer():
    app = Host(ConfirmScreen("Delete?"))
    async with app.run_test() as pilot:
        await pilot.press("enter")
    assert app.results == [False]


def test_a_selection_becomes_the_selected_text_without_surrounding_blanks():
    text = "First paragraph here.\n\nSecond one, wider than ten."
    annotation = Annotation(paragraphs=(Span(0, 21), Span(23, len(text))))
    layout = ArticleLayout(text.replace("\n", " "), annotation.paragraphs, 10)
    # Lines: "First" "paragraph" "here." "" "Second" "one," ...: from "here." to "Second" inclusive.
    span = selection_span(layout, text.replace("\n", " "), Selection(Offset(0, 2), Offset(6, 4)))
    assert text[span.start : span.end] == "here.\n\nSecond"
    everything = selection_span(layout, text, Selection(None, None))
    assert (everything.start, everything.end) == (0, len(text))
    assert selection_span(layout, text, Selection(Offset(5, 0), Offset(5, 0))) is None
