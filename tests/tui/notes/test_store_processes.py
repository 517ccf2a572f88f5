"""Real processes: two readers saving at once, a writer holding the lock, a reader killed after a save."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import REPO
from tui.notes import ArticleNotes, NotesStore

TEXT = "BRUSSELS: Blinken said NATO would defend every inch of its territory.\n"

SAVER = textwrap.dedent(
    """
    import sys
    from tui.notes import ArticleNotes, NotesStore
    data_dir, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    notes = ArticleNotes(NotesStore.open(data_dir), {text!r}, "/articles/nato.txt", "NATO")
    print("ready", flush=True)
    sys.stdin.readline()  # both start saving at the same moment
    for number in range(count):
        notes.add_highlight(10, 17, f"{{name}} {{number}}")
    """
).format(text=TEXT)


def python(code: str, *args: str, **options) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=REPO, text=True, **options)


def test_two_readers_saving_at_the_same_time_both_keep_every_note(tmp_path):
    count = 40
    readers = [
        python(SAVER, str(tmp_path), name, str(count), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
               stderr=subprocess.PIPE)
        for name in "AB"
    ]
    for reader in readers:
        assert reader.stdout.readline().strip() == "ready", reader.stderr.read()
    for reader in readers:
        reader.stdin.write("go\n")
        reader.stdin.flush()
    for reader in readers:
        assert reader.wait(timeout=120) == 0, reader.stderr.read()
    bodies = {n.body for n in ArticleNotes(NotesStore.open(tmp_path), TEXT, None, None).notes()}
    assert bodies == {f"{name} {number}" for name in "AB" for number in range(count)}


OPENER = textwrap.dedent(
    """
    import sys
    from tui.notes import NotesStore
    print("ready", flush=True)
    sys.stdin.readline()
    NotesStore.open(sys.argv[1]).close()
    """
)


def test_readers_started_together_on_a_new_data_directory_all_open_it(tmp_path):
    # One creates the database while the others find it half made: SQLite says "busy" at once there
    # (about every other round failed before the open waited for it).
    for round_number in range(8):
        directory = tmp_path / str(round_number)
        openers = [python(OPENER, str(directory), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE) for _ in range(3)]
        for opener in openers:
            assert opener.stdout.readline().strip() == "ready", opener.stderr.read()
        for opener in openers:
            opener.stdin.write("go\n")
            opener.stdin.flush()
        for opener in openers:
            assert opener.wait(timeout=60) == 0, opener.stderr.read()


def test_a_save_waits_for_another_reader_holding_the_write_lock(tmp_path):
    NotesStore.open(tmp_path).close()
    holder = python(
        textwrap.dedent(
            """
            import sqlite3, sys, time
            connection = sqlite3.connect(sys.argv[1] + "/notes.sqlite3", isolation_level=None)
            connection.execute("BEGIN IMMEDIATE")
            print("locked", flush=True)
            time.sleep(1.5)
            connection.execute("COMMIT")
            """
        ),
        str(tmp_path),
        stdout=subprocess.PIPE,
    )
    assert holder.stdout.readline().strip() == "locked"
    notes = ArticleNotes(NotesStore.open(tmp_path), TEXT, None, None)
    notes.add_highlight(10, 17, "saved after the lock was released")
    assert holder.wait(timeout=30) == 0
    assert [n.body for n in notes.notes()] == ["saved after the lock was released"]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_reader_killed_right_after_a_save_loses_nothing(tmp_path):
    killed = python(
        textwrap.dedent(
            """
            import sys, time
            from tui.notes import ArticleNotes, NotesStore
            notes = ArticleNotes(NotesStore.open(sys.argv[1]), {text!r}, "/articles/nato.txt", "NATO")
            for number in range(5):
                notes.add_highlight(10, 17, f"note {{number}}")
            print("saved", flush=True)
            time.sleep(60)  # still open, WAL not checkpointed, when the kill comes
            """
        ).format(text=TEXT),
        str(tmp_path),
        stdout=subprocess.PIPE,
    )
    assert killed.stdout.readline().strip() == "saved"
    os.kill(killed.pid, signal.SIGKILL)
    assert killed.wait(timeout=30) == -signal.SIGKILL
    bodies = [n.body for n in ArticleNotes(NotesStore.open(tmp_path), TEXT, None, None).notes()]
    assert sorted(bodies) == [f"note {number}" for number in range(5)]
