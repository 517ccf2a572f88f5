"""Each reason the notes database cannot be used gets its own one-line message, and a database that
must not be touched is not: no write to it and no -shm or -wal file beside it (issue 13)."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Callable

import pytest

from tui.notes import ArticleNotes, NotesStore, NotesUnavailable
from tui.notes import store as store_module
from tui.notes.migrations import MIGRATIONS
from tui.notes.store import DATABASE_NAME

TEXT = "date 2022-03-04\nBRUSSELS: Blinken said NATO would defend every inch of its territory.\n"
UNPRIVILEGED = 65534  # nobody


def fifty_notes(directory: Path) -> None:
    store = NotesStore.open(directory)
    notes = ArticleNotes(store, TEXT, None, None)
    for number in range(50):
        notes.add_highlight(17, 25, f"note {number}")
    store.close()


def _report(queue, task: Callable[[Path], object], directory: Path) -> None:
    if os.geteuid() == 0:  # root writes anywhere: drop to an unprivileged user to meet the permission
        os.setgid(UNPRIVILEGED)
        os.setuid(UNPRIVILEGED)
    try:
        queue.put(("ok", task(directory)))
    except NotesUnavailable as error:
        queue.put(("refused", str(error)))


def in_read_only_directory(directory: Path, task: Callable[[Path], object]) -> tuple[str, object]:
    """Run ``task(directory)`` in a forked process that cannot write to ``directory``."""
    os.chmod(directory, 0o555)
    try:
        context = multiprocessing.get_context("fork")
        queue = context.Queue()
        child = context.Process(target=_report, args=(queue, task, directory))
        child.start()
        child.join(60)
        return queue.get(timeout=5)
    finally:
        os.chmod(directory, 0o755)


@pytest.fixture
def shared_dir():
    """A directory an unprivileged user may read (pytest's tmp_path is private to root)."""
    directory = Path(tempfile.mkdtemp(prefix="quotelens-notes-"))
    os.chmod(directory, 0o755)
    yield directory
    shutil.rmtree(directory)


def count_notes(directory: Path, read_only: bool) -> int:
    store = NotesStore.open(directory, read_only=read_only)
    return len(ArticleNotes(store, TEXT, None, None).notes())


def count_salvaged(directory: Path) -> int:
    store = NotesStore.salvage(directory, "refused")
    return len(ArticleNotes(store, TEXT, None, None).notes())


def test_a_read_only_data_directory_is_not_a_damaged_database(shared_dir):
    fifty_notes(shared_dir)
    (shared_dir / DATABASE_NAME).chmod(0o644)
    assert in_read_only_directory(shared_dir, lambda d: count_notes(d, read_only=True)) == ("ok", 50)  # export
    outcome, message = in_read_only_directory(shared_dir, lambda d: count_notes(d, read_only=False))  # reader
    assert outcome == "refused" and "read-only" in message and "damaged" not in message
    assert in_read_only_directory(shared_dir, count_salvaged) == ("ok", 50)  # what the reader shows then
    assert [p.name for p in shared_dir.iterdir()] == [DATABASE_NAME]


def test_a_full_disk_is_called_full(tmp_path):
    store = NotesStore.open(tmp_path)
    notes = ArticleNotes(store, TEXT, None, None)
    notes.add_highlight(17, 25, "fits")
    pages = store._connection.execute("PRAGMA page_count").fetchone()[0]
    store._connection.execute(f"PRAGMA max_page_count = {pages}")  # what a full disk does to SQLite
    with pytest.raises(NotesUnavailable) as raised:
        notes.add_highlight(17, 25, "does not fit " + "x" * 20_000)
    assert "full" in str(raised.value) and "damaged" not in str(raised.value)


def test_a_locked_database_is_called_busy(tmp_path, monkeypatch):
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_SECONDS", 0.05)
    store = NotesStore.open(tmp_path)
    holder = sqlite3.connect(tmp_path / DATABASE_NAME, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(NotesUnavailable, match="busy") as raised:
            ArticleNotes(store, TEXT, None, None).add_highlight(17, 25, "waits")
        assert "damaged" not in str(raised.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def newer(directory: Path) -> Path:
    fifty_notes(directory)
    path = directory / DATABASE_NAME
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    connection.commit()
    connection.close()
    return path


def test_a_database_from_a_newer_quotelens_is_refused_by_export_too(tmp_path):
    newer(tmp_path)
    with pytest.raises(NotesUnavailable, match="newer quotelens"):
        NotesStore.open(tmp_path, read_only=True)


def damaged(directory: Path) -> Path:
    store = NotesStore.open(directory)
    notes = ArticleNotes(store, TEXT, None, None)
    for number in range(300):
        notes.add_highlight(0, 4, f"note {number} " + "x" * 200)
    store.close()
    path = directory / DATABASE_NAME
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    leaf = next(start for start in range(page_size, len(data), page_size) if data[start] == 0x0D)
    data[leaf + 8 : leaf + 10] = b"\xff\xf0"  # a table leaf's first cell points past its page
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("spoil", [newer, damaged])
def test_the_reader_leaves_no_file_beside_a_database_it_must_not_touch(tmp_path, spoil):
    path = spoil(tmp_path)
    before = path.read_bytes()
    with pytest.raises(NotesUnavailable) as refused:
        NotesStore.open(tmp_path)
    NotesStore.salvage(tmp_path, str(refused.value)).close()  # what the reader does next
    assert [p.name for p in tmp_path.iterdir()] == [DATABASE_NAME]
    assert path.read_bytes() == before


def test_a_damaged_page_is_reported_in_one_line(tmp_path):
    damaged(tmp_path)
    for read_only in (False, True):
        with pytest.raises(NotesUnavailable, match="damaged") as raised:
            NotesStore.open(tmp_path, read_only=read_only)
        assert "\n" not in str(raised.value)


def test_a_zero_byte_database_holds_no_notes_for_export_and_reader_alike(tmp_path):
    path = tmp_path / DATABASE_NAME
    path.touch()
    assert count_notes(tmp_path, read_only=True) == 0  # export: no notes, not "damaged"
    assert path.stat().st_size == 0  # and export wrote nothing
    assert count_notes(tmp_path, read_only=False) == 0  # the reader starts a new database in it
    assert NotesStore.open(tmp_path).writable
