"""The notes database: where it lives, restarts, edited files, migrations, damaged files."""

from __future__ import annotations

import sqlite3

import pytest

from annotators.model import Span
from tui.notes import ArticleNotes, NotesStore, NotesUnavailable, data_dir, text_hash
from tui.notes.migrations import MIGRATIONS, migrate, schema_version
from tui.notes.store import DATABASE_NAME

TEXT = "date 2022-03-04\nBRUSSELS: Blinken said NATO would defend every inch of its territory.\n"


def test_data_dir_flag_beats_environment_beats_platform_default(tmp_path, monkeypatch):
    monkeypatch.setenv("QUOTELENS_DATA_DIR", str(tmp_path / "env"))
    assert data_dir(tmp_path / "flag") == tmp_path / "flag"
    assert data_dir() == tmp_path / "env"
    monkeypatch.delenv("QUOTELENS_DATA_DIR")
    assert data_dir().name == "quotelens"


def test_new_store_is_wal_at_the_latest_schema(tmp_path):
    store = NotesStore.open(tmp_path)
    store.close()
    connection = sqlite3.connect(tmp_path / DATABASE_NAME)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert schema_version(connection) == len(MIGRATIONS)


def test_notes_survive_a_restart(tmp_path):
    store = NotesStore.open(tmp_path)
    ArticleNotes(store, TEXT, "/articles/nato.txt", "NATO").add_highlight(17, 25, "the dateline")
    store.close()
    reopened = ArticleNotes(NotesStore.open(tmp_path), TEXT, "/elsewhere/copy.txt", "NATO")
    assert [n.body for n in reopened.notes()] == ["the dateline"]  # found by the text's hash


def test_an_edited_file_keeps_its_notes_through_its_path(tmp_path):
    store = NotesStore.open(tmp_path)
    ArticleNotes(store, TEXT, "/articles/nato.txt", "NATO").add_highlight(TEXT.index("every"), TEXT.index(" of"), "!")
    edited = TEXT.replace("Blinken", "Secretary Blinken")
    notes = ArticleNotes(store, edited, "/articles/nato.txt", "NATO")
    (placed,) = notes.placed(_no_statements())
    assert edited[placed.span.start : placed.span.end] == "every inch"


def test_updating_a_moved_note_re_anchors_it_and_delete_removes_it(tmp_path):
    store = NotesStore.open(tmp_path)
    ArticleNotes(store, TEXT, "/a.txt", None).add_highlight(TEXT.index("every"), TEXT.index(" of"), "first")
    edited = "A correction on top.\n" + TEXT
    notes = ArticleNotes(store, edited, "/a.txt", None)
    (placed,) = notes.placed(_no_statements())
    saved = notes.update(placed, "second")
    assert (saved.body, saved.anchor.start) == ("second", edited.index("every"))
    assert notes.placed(_no_statements())[0].how == "exact"
    notes.delete(saved.id)
    assert notes.notes() == []


def test_whitespace_and_line_endings_do_not_change_the_document(tmp_path):
    store = NotesStore.open(tmp_path)
    ArticleNotes(store, TEXT, None, None).add_highlight(0, 4, "x")
    assert ArticleNotes(store, TEXT.replace("\n", "  \r\n"), None, None).notes()


def test_reading_an_article_writes_nothing(tmp_path):
    store = NotesStore.open(tmp_path)
    ArticleNotes(store, TEXT, "/a.txt", "A").notes()
    assert store._connection.execute("SELECT count(*) FROM documents").fetchone()[0] == 0


def test_read_only_open_of_a_missing_database_creates_nothing(tmp_path):
    store = NotesStore.open(tmp_path / "none", read_only=True)
    assert store.notes(store.document_for(TEXT, None)) == []
    assert not (tmp_path / "none").exists()
    with pytest.raises(NotesUnavailable, match="read-only"):
        ArticleNotes(store, TEXT, None, None).add_highlight(0, 4, "x")


def test_migrations_run_once_each_and_in_order(tmp_path):
    NotesStore.open(tmp_path).close()
    connection = sqlite3.connect(tmp_path / DATABASE_NAME, isolation_level=None)
    later = (*MIGRATIONS, ("ALTER TABLE notes ADD COLUMN colour TEXT",))
    assert migrate(connection, later) == len(later)
    assert migrate(connection, later) == len(later)  # already there: nothing runs twice
    columns = [row[1] for row in connection.execute("PRAGMA table_info(notes)")]
    assert columns.count("colour") == 1


def test_a_first_release_database_keeps_its_notes_and_takes_notes_on_the_article(tmp_path):
    connection = sqlite3.connect(tmp_path / DATABASE_NAME, isolation_level=None)
    migrate(connection, MIGRATIONS[:1])  # a database as the first release wrote it, with one highlight
    when = "2026-01-01T00:00:00Z"
    connection.execute("INSERT INTO documents VALUES (1, 'NATO', '/a.txt', ?, ?)", (when, when))
    connection.execute("INSERT INTO texts VALUES (?, 1, ?)", (text_hash(TEXT), when))
    connection.execute("INSERT INTO notes VALUES ('n1', 1, 'highlight', 'the dateline', ?, ?, ?, 17, 25, ?, ?, ?)",
                       (TEXT[17:25], TEXT[:17], TEXT[25:57], text_hash(TEXT), when, when))
    connection.close()
    notes = ArticleNotes(NotesStore.open(tmp_path), TEXT, "/a.txt", "NATO")
    notes.add_on_article("About the whole piece.")
    placed = notes.placed(_no_statements())
    assert [(p.note.target, p.note.body, p.anchored) for p in placed] == [
        ("article", "About the whole piece.", True), ("highlight", "the dateline", True)]
    assert placed[0].span is None and placed[0].note.to_json()["selector"] == []
    assert placed[1].span == Span(17, 25)


def test_a_database_from_a_newer_release_is_refused_and_left_alone(tmp_path):
    NotesStore.open(tmp_path).close()
    path = tmp_path / DATABASE_NAME
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    with pytest.raises(NotesUnavailable, match="newer quotelens"):
        NotesStore.open(tmp_path)
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_reported_and_never_overwritten(tmp_path):
    path = tmp_path / DATABASE_NAME
    path.write_bytes(b"these are my notes, not SQLite\n" * 200)
    before = path.read_bytes()
    with pytest.raises(NotesUnavailable) as raised:
        NotesStore.open(tmp_path)
    message = str(raised.value)
    assert str(path) in message and "damaged" in message and "\n" not in message
    assert path.read_bytes() == before


def test_a_database_with_damaged_pages_is_reported_and_never_overwritten(tmp_path):
    store = NotesStore.open(tmp_path)
    notes = ArticleNotes(store, TEXT, None, None)
    for number in range(300):
        notes.add_highlight(0, 4, f"note {number} " + "x" * 200)
    store.close()
    path = tmp_path / DATABASE_NAME
    data = bytearray(path.read_bytes())
    page = 4096
    data[page * 3 : page * 6] = b"\xff" * (page * 3)  # wreck some b-tree pages, keep the header
    path.write_bytes(bytes(data))
    with pytest.raises(NotesUnavailable, match="damaged"):
        NotesStore.open(tmp_path)
    assert path.read_bytes() == bytes(data)


def test_an_unavailable_store_reads_as_empty_and_refuses_to_save():
    store = NotesStore.unavailable("notes database /x is damaged")
    notes = ArticleNotes(store, TEXT, None, None)
    assert notes.notes() == []
    with pytest.raises(NotesUnavailable, match="damaged"):
        notes.add_highlight(0, 4, "x")


def _no_statements():
    from annotators import Annotation

    return Annotation()


def test_a_refused_database_still_shows_its_notes_read_only(tmp_path):
    store = NotesStore.open(tmp_path)
    ArticleNotes(store, TEXT, None, None).add_highlight(0, 4, "kept")
    store.close()
    path = tmp_path / DATABASE_NAME
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    with pytest.raises(NotesUnavailable) as refused:
        NotesStore.open(tmp_path)
    salvaged = NotesStore.salvage(tmp_path, str(refused.value))
    notes = ArticleNotes(salvaged, TEXT, None, None)
    assert [n.body for n in notes.notes()] == ["kept"]
    with pytest.raises(NotesUnavailable, match="newer quotelens"):
        notes.add_highlight(0, 4, "not saved")
    salvaged.close()
    assert path.read_bytes() == before


def test_salvaging_a_file_that_is_not_a_database_gives_no_notes(tmp_path):
    path = tmp_path / DATABASE_NAME
    path.write_bytes(b"garbage" * 500)
    salvaged = NotesStore.salvage(tmp_path, "damaged")
    assert salvaged.notes(salvaged.document_for(TEXT, None)) == [] and not salvaged.writable
    assert path.read_bytes() == b"garbage" * 500
