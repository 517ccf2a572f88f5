"""Notes and export in the reader, driven with Pilot on the seed (statements marked by hand)."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path

from textual.widgets import Checkbox, Input, TextArea

from annotators.model import Span, Statement
from tests.tui.seed_annotation import seed_annotation
from tui.app import QuotelensApp
from tui.notes import ArticleNotes, NotesStore
from tui.notes.store import DATABASE_NAME
from tui.screens.confirm import ConfirmScreen
from tui.screens.export_dialog import ExportDialog
from tui.screens.note_editor import NoteEditor
from tui.screens.notes_list import NotesList
from tui.widgets.article_view import ArticleView

SIZE = (120, 40)


def reader_app(seed_path: Path, text: str, notes_dir: Path) -> QuotelensApp:
    return QuotelensApp(seed_path, text, annotator=seed_annotation, notes_dir=str(notes_dir))


async def annotated(pilot) -> None:
    for _ in range(200):
        await pilot.pause()
        if not pilot.app.reader.annotating:
            return
    raise AssertionError("annotation never finished")


def saved_notes(seed_path: Path, text: str, notes_dir: Path):
    return ArticleNotes(NotesStore.open(notes_dir), text, str(seed_path.resolve()), None).notes()


async def write_note(pilot, body: str) -> None:
    await pilot.press("a")
    assert isinstance(pilot.app.screen, NoteEditor)
    pilot.app.screen.query_one(TextArea).insert(body)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_a_writes_a_note_on_the_current_statement_and_marks_it(seed_path, seed_text, tmp_path):
    app = reader_app(seed_path, seed_text, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await annotated(pilot)
        await pilot.press("n", "n", "n")
        await write_note(pilot, "Wales summit, 2014?")
        statement = app.reader.annotation.statements[2]
        assert app.reader.article.noted == (Span(statement.start, statement.end),)
    (note,) = saved_notes(seed_path, seed_text, tmp_path)
    assert (note.target, note.body) == ("statement", "Wales summit, 2014?")
    assert note.anchor.exact == seed_text[statement.start : statement.end]


async def test_notes_survive_a_restart_and_a_again_edits_the_same_note(seed_path, seed_text, tmp_path):
    async with reader_app(seed_path, seed_text, tmp_path).run_test(size=SIZE) as pilot:
        await annotated(pilot)
        await pilot.press("n")
        await write_note(pilot, "first")
    app = reader_app(seed_path, seed_text, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await annotated(pilot)
        assert len(app.reader.article.noted) == 1
        await pilot.press("n", "a")
        editor = app.screen
        assert isinstance(editor, NoteEditor) and editor.body == "first"
        editor.query_one(TextArea).text = "second"
        await pilot.press("ctrl+s")
    assert [n.body for n in saved_notes(seed_path, seed_text, tmp_path)] == ["second"]


async def test_escape_with_unsaved_changes_asks_first(seed_path, seed_text, tmp_path):
    app = reader_app(seed_path, seed_text, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await annotated(pilot)
        await pilot.press("n", "a")
        app.screen.query_one(TextArea).insert("half a thought")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep editing
        assert isinstance(app.screen, NoteEditor) and app.screen.body == "half a thought"
        await pilot.press("escape", "y")
        assert app.screen is app.reader
    assert saved_notes(seed_path, seed_text, tmp_path) == []


async def test_deleting_a_note_asks_for_confirmation(seed_path, seed_text, tmp_path):
    app = reader_app(seed_path, seed_text, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await annotated(pilot)
        await pilot.press("n")
        await write_note(pilot, "to be deleted")
        await pilot.press("a", "ctrl+r")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press("ctrl+r", "y")
        await pilot.pause()
        assert app.screen is app.reader and app.reader.article.noted == ()
    assert saved_notes(seed_path, seed_text, tmp_path) == []


async def test_a_on_a_mouse_selection_writes_a_highlight_note(seed_path, seed_text, tmp_path):
    app = reader_app(seed_path, seed_text, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await annotated(pilot)
        article = app.reader.article
        line = article.layout.lines[0]
        left = article.content_region.x - article.region.x + article.text_indent()
        top = article.content_region.y - article.region.y
        # A real drag: from the first cell of the first line to the 15th (Textual's own selection).
        await pilot.mouse_down(ArticleView, offset=(left, top))
        await pilot.hover(ArticleView, offset=(left + 14, top))
        await pilot.mouse_up(ArticleView, offset=(left + 14, top))
        await pilot.pause()
        expected = seed_text[line.start : line.start + 15].strip()
        assert app.reader.get_selected_text() == expected
        await write_note(pilot, "the opening")
    (note,) = saved_notes(seed_path, seed_text, tmp_path)
    assert (note.target, note.anchor.exact, note.body) == ("highlight", expected, "the opening")


async def test_ctrl_n_lists_notes_and_enter_jumps_to_one(seed_path, seed_text, tmp_path):
    app = reader_app(seed_path, seed_text, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await annotated(pilot)
        await pilot.press(*"nnnnn")
        await write_note(pilot, "fifth")
        await pilot.press("n", "n")
        assert app.reader.current == 6
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, NotesList) and len(app.screen.entries) == 1
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is app.reader and app.reader.current == 4


async def test_shift_a_writes_a_note_on_the_whole_article_listed_first(seed_path, seed_text, tmp_path):
    app = reader_app(seed_path, seed_text, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await annotated(pilot)
        await pilot.press("n")
        await write_note(pilot, "on the statement")
        await pilot.press("A")
        editor = app.screen
        assert isinstance(editor, NoteEditor) and editor.heading == "Note on the article"
        editor.query_one(TextArea).insert("Line one.\nLine two.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(app.reader.article.noted) == 1  # the article note marks no passage
        await pilot.press("ctrl+n")
        notes_list = app.screen
        assert isinstance(notes_list, NotesList)
        assert [e.where for e in notes_list.entries][0] == "The article"
        await pilot.press("enter")  # nowhere to jump: the note opens
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor) and app.screen.body == "Line one.\nLine two."
        await pilot.press("escape")
        await pilot.press("A")  # the same note again, to edit
        assert app.screen.body == "Line one.\nLine two."
    notes = saved_notes(seed_path, seed_text, tmp_path)
    assert sorted((n.target, n.body) for n in notes) == [
        ("article", "Line one.\nLine two."), ("statement", "on the statement")]


async def test_e_exports_to_the_proposed_file_and_never_overwrites_without_asking(
    seed_path, seed_text, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    app = reader_app(seed_path, seed_text, tmp_path / "notes")
    target = tmp_path / "nato-no-fly-zone.notes.md"
    async with app.run_test(size=SIZE) as pilot:
        await annotated(pilot)
        await pilot.press("n")
        await write_note(pilot, "exported note")
        await pilot.press("e")
        assert isinstance(app.screen, ExportDialog) and app.screen.proposal == target
        await pilot.press("enter")
        await pilot.pause()
        assert "exported note" in target.read_text()
        assert any(str(target) in n.message for n in app._notifications)
        target.write_text("my own edits\n")
        await pilot.press("e", "enter")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert target.read_text() == "my own edits\n"
        # back in the dialog with the path as typed, to choose another one
        assert isinstance(app.screen, ExportDialog) and app.screen.query_one(Input).value == str(target)


async def test_a_write_error_returns_to_the_dialog_with_the_typed_path(seed_path, seed_text, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = reader_app(seed_path, seed_text, tmp_path / "notes")
    unwritable = tmp_path / "no such folder" / "mine.notes.md"
    async with app.run_test(size=SIZE) as pilot:
        await annotated(pilot)
        await pilot.press("e")
        path = app.screen.query_one(Input)
        path.value = str(unwritable)
        await pilot.press("tab", "space", "enter")  # every statement, then write from the checkbox
        await pilot.pause()
        assert any("Could not write" in n.message for n in app._notifications)
        assert isinstance(app.screen, ExportDialog)
        assert app.screen.query_one(Input).value == str(unwritable)
        assert app.screen.query_one(Checkbox).value


async def test_a_damaged_database_is_reported_left_alone_and_the_article_still_opens(seed_path, seed_text, tmp_path):
    damaged = tmp_path / DATABASE_NAME
    damaged.write_bytes(b"not SQLite at all\n" * 100)
    before = damaged.read_bytes()
    app = reader_app(seed_path, seed_text, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await annotated(pilot)
        assert any("damaged" in n.message for n in app._notifications)
        await pilot.press("n", "a")
        assert app.screen is app.reader  # no editor: notes cannot be saved
        assert any("read-only" in n.message for n in app._notifications)
    assert damaged.read_bytes() == before


async def test_capital_e_edits_the_note_in_the_users_editor(seed_path, seed_text, tmp_path, monkeypatch):
    script = tmp_path / "editor.py"
    script.write_text("import sys; open(sys.argv[1], 'a').write('written in my editor')\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.delenv("VISUAL", raising=False)
    app = reader_app(seed_path, seed_text, tmp_path)
    monkeypatch.setattr(app, "suspend", nullcontext)  # no real terminal to hand over in a test
    async with app.run_test(size=SIZE) as pilot:
        await annotated(pilot)
        await pilot.press("n", "E")
        await pilot.pause()
    assert [n.body for n in saved_notes(seed_path, seed_text, tmp_path)] == ["written in my editor"]


async def test_a_note_deleted_by_another_reader_meanwhile_is_saved_anew(seed_path, seed_text, tmp_path):
    app = reader_app(seed_path, seed_text, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await annotated(pilot)
        await pilot.press("n")
        await write_note(pilot, "first")
        await pilot.press("a")
        (note,) = saved_notes(seed_path, seed_text, tmp_path)
        other_reader = ArticleNotes(NotesStore.open(tmp_path), seed_text, str(seed_path.resolve()), None)
        other_reader.delete(note.id)
        app.screen.query_one(TextArea).text = "second"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert [n.body for n in saved_notes(seed_path, seed_text, tmp_path)] == ["second"]


def redrawn_annotation(text: str):
    """The seed as another annotator version might mark it: every content one character shorter at
    each end, and an extra statement first, so every statement id moves up by one."""
    from dataclasses import replace

    base = seed_annotation(text)
    trimmed = [replace(s, content=tuple(Span(c.start + 1, c.end - 1) for c in s.content)) for s in base.statements]
    extra = Statement("", "indirect", (Span(text.index("Washington"), text.index("Washington") + 10),))
    ordered = sorted([extra, *trimmed], key=lambda s: (s.start, s.end))
    return replace(base, statements=tuple(replace(s, id=f"s{i}") for i, s in enumerate(ordered, 1)))


async def test_notes_follow_their_statements_when_the_annotator_redraws_them(seed_path, seed_text, tmp_path):
    async with reader_app(seed_path, seed_text, tmp_path).run_test(size=SIZE) as pilot:
        await annotated(pilot)
        await pilot.press("n", "n", "n")
        await write_note(pilot, "on the third statement")
        noted_text = seed_text[slice(*_extent(pilot.app.reader.annotation.statements[2]))]
    app = QuotelensApp(seed_path, seed_text, annotator=redrawn_annotation, notes_dir=str(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await annotated(pilot)
        (placed,) = app.reader.placed_notes
        statement = next(s for s in app.reader.annotation.statements if s.id == placed.statement_id)
        assert seed_text[slice(*_extent(statement))] in noted_text and placed.statement_id != "s3"
        await pilot.press(*["n"] * (app.reader.annotation.statements.index(statement) + 1), "a")
        assert isinstance(app.screen, NoteEditor) and app.screen.body == "on the third statement"


def _extent(statement) -> tuple[int, int]:
    return statement.start, statement.end
