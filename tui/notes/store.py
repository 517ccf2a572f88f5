"""The notes store: one SQLite database in the user's data directory.

Safety, in the order a user would notice it missing:
- WAL journal with ``synchronous=FULL`` and a transaction per save: a save that returned is on disk,
  so a reader killed with SIGKILL right after it loses nothing.
- ``BEGIN IMMEDIATE`` transactions of a few statements and a busy timeout: two readers on the same
  data directory wait for each other instead of failing with "database is locked".
- A database that is not intact is reported with one clear line and left exactly as it is; the
  reader goes on without notes (``NotesStore.unavailable``) rather than overwriting the user's notes.
"""

from __future__ import annotations

import os
import sqlite3
import time
import uuid
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator

from ..user_dirs import user_dir
from .anchor import TextAnchor
from .migrations import NewerSchema, migrate, refuse_newer, schema_version
from .model import Document, Note, NoteTarget, text_hash

DATA_DIR_ENV = "QUOTELENS_DATA_DIR"
DATABASE_NAME = "notes.sqlite3"
BUSY_TIMEOUT_SECONDS = 10.0
_BUSY_RETRY_SECONDS = 0.05  # between tries to open a database another quotelens is creating

Clock = Callable[[], datetime]
IdFactory = Callable[[], str]


class NotesUnavailable(Exception):
    """Notes cannot be read or saved; the message is one line for the user."""


class NoteMissing(NotesUnavailable):
    """The note to update was deleted meanwhile (by another reader on the same notes)."""


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def new_note_id() -> str:
    return uuid.uuid4().hex


def timestamp(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Where notes live: ``--data-dir``, else ``$QUOTELENS_DATA_DIR``, else the platform's user data dir."""
    return user_dir("data", DATA_DIR_ENV, override)


class NotesStore:
    def __init__(
        self,
        connection: sqlite3.Connection,
        path: Path | None,
        *,
        problem: str | None = None,
        clock: Clock = utc_now,
        new_id: IdFactory = new_note_id,
    ) -> None:
        self._connection = connection
        self.path = path
        self.problem = problem  # why notes are read-only, or None when they can be saved
        self._clock = clock
        self._new_id = new_id

    # --- opening ----------------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        directory: str | os.PathLike[str] | None = None,
        *,
        read_only: bool = False,
        clock: Clock = utc_now,
        new_id: IdFactory = new_note_id,
    ) -> NotesStore:
        """Open (creating and migrating when needed) the store in ``data_dir(directory)``.

        ``read_only`` never creates or changes anything: a missing database reads as no notes.
        Raises ``NotesUnavailable`` for a damaged database, one from a newer quotelens, or a data
        directory that cannot be created.
        """
        path = data_dir(directory) / DATABASE_NAME
        if read_only and _holds_no_notes(path):
            return cls._empty(path, "no notes saved yet", clock, new_id)
        try:
            connection = _open_waiting(path, read_only)
        except OSError as error:
            raise NotesUnavailable(f"cannot use notes directory {path.parent} ({error.strerror or error})")
        except NewerSchema as error:
            raise NotesUnavailable(f"notes database {path} is from a newer quotelens ({error}); left as it is")
        except sqlite3.DatabaseError as error:
            raise NotesUnavailable(_explain(path, error)) from None
        assert connection is not None
        return cls(connection, path, problem="opened read-only" if read_only else None, clock=clock,
                   new_id=new_id)

    @classmethod
    def salvage(cls, directory: str | os.PathLike[str] | None, problem: str) -> NotesStore:
        """The notes that can still be read from a database ``open`` refused, read without writing
        anything to it or beside it (see ``_connect_read_only``), or no notes when none can be read."""
        path = data_dir(directory) / DATABASE_NAME
        if not path.exists():
            return cls.unavailable(problem)
        connection = _connect_read_only(path)
        try:
            connection.execute("SELECT count(*) FROM notes").fetchone()
        except sqlite3.DatabaseError:
            connection.close()
            return cls.unavailable(problem)
        return cls(connection, path, problem=problem)

    @classmethod
    def unavailable(cls, problem: str, clock: Clock = utc_now) -> NotesStore:
        """A store with no notes that refuses to save, explaining ``problem``: the reader opens the
        article anyway when the real database cannot be used."""
        return cls._empty(None, problem, clock, new_note_id)

    @classmethod
    def _empty(cls, path: Path | None, problem: str, clock: Clock, new_id: IdFactory) -> NotesStore:
        connection = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        migrate(connection)
        return cls(connection, path, problem=problem, clock=clock, new_id=new_id)

    @property
    def writable(self) -> bool:
        return self.problem is None

    def close(self) -> None:
        self._connection.close()

    # --- reading ----------------------------------------------------------------------------------

    def document_for(self, text: str, source: str | None) -> Document | None:
        """The stored document for this text: by the text's hash, else (an edited file) by its source."""
        digest = text_hash(text)
        with self._reading():
            row = self._connection.execute(
                "SELECT d.key, d.title, d.source FROM texts t JOIN documents d ON d.key = t.document "
                "WHERE t.hash = ?",
                (digest,),
            ).fetchone()
            if row is None and source:
                row = self._connection.execute(
                    "SELECT key, title, source FROM documents WHERE source = ? ORDER BY seen_at DESC, key DESC",
                    (source,),
                ).fetchone()
        return Document(row[0], digest, row[1], row[2]) if row else None

    def notes(self, document: Document | None) -> list[Note]:
        if document is None:
            return []
        with self._reading():
            rows = self._connection.execute(
                f"SELECT {_NOTE_COLUMNS} FROM notes WHERE document = ? ORDER BY start, created_at, id",
                (document.key,),
            ).fetchall()
        return [_note(row) for row in rows]

    def note(self, note_id: str) -> Note | None:
        with self._reading():
            row = self._connection.execute(
                f"SELECT {_NOTE_COLUMNS} FROM notes WHERE id = ?", (note_id,)
            ).fetchone()
        return _note(row) if row else None

    # --- writing ----------------------------------------------------------------------------------

    def register(self, text: str, source: str | None, title: str | None) -> Document:
        """The document for this text, created or updated (title, source, this text version)."""
        digest = text_hash(text)
        now = timestamp(self._clock())
        with self._writing():
            found = self.document_for(text, source)
            if found is None:
                key = self._connection.execute(
                    "INSERT INTO documents (title, source, created_at, seen_at) VALUES (?, ?, ?, ?)",
                    (title, source, now, now),
                ).lastrowid
            else:
                key = found.key
                self._connection.execute(
                    "UPDATE documents SET title = ?, source = coalesce(?, source), seen_at = ? WHERE key = ?",
                    (title, source, now, key),
                )
            self._connection.execute(
                "INSERT INTO texts (hash, document, seen_at) VALUES (?, ?, ?) "
                "ON CONFLICT (hash) DO UPDATE SET seen_at = excluded.seen_at",
                (digest, key, now),
            )
        return Document(int(key), digest, title, source)

    def add(self, document: Document, target: NoteTarget, anchor: TextAnchor, body: str) -> Note:
        now = timestamp(self._clock())
        note = Note(self._new_id(), target, anchor, body, now, now)
        with self._writing():
            self._connection.execute(
                f"INSERT INTO notes ({_NOTE_COLUMNS}, document, text_hash) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*_row(note), document.key, document.text_hash),
            )
        return note

    def update(
        self, note_id: str, body: str, anchor: TextAnchor | None = None, document: Document | None = None
    ) -> Note:
        """Change a note's text and, when it was re-anchored on ``document``'s text, where it points."""
        now = timestamp(self._clock())
        with self._writing():
            current = self.note(note_id)
            if current is None:
                raise NoteMissing(f"note {note_id} no longer exists (deleted by another reader?)")
            self._connection.execute("UPDATE notes SET body = ?, updated_at = ? WHERE id = ?", (body, now, note_id))
            if anchor is not None and document is not None and anchor != current.anchor:
                self._connection.execute(
                    'UPDATE notes SET exact = ?, prefix = ?, suffix = ?, start = ?, "end" = ?, text_hash = ? '
                    "WHERE id = ?",
                    (anchor.exact, anchor.prefix, anchor.suffix, anchor.start, anchor.end, document.text_hash,
                     note_id),
                )
            else:
                anchor = current.anchor
        return Note(note_id, current.target, anchor, body, current.created_at, now)

    def delete(self, note_id: str) -> None:
        with self._writing():
            self._connection.execute("DELETE FROM notes WHERE id = ?", (note_id,))

    # --- transactions -----------------------------------------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.DatabaseError as error:
            raise NotesUnavailable(_explain(self.path, error)) from None

    @contextmanager
    def _writing(self) -> Iterator[None]:
        if self.problem is not None:
            raise NotesUnavailable(f"notes are read-only: {self.problem}")
        if self._connection.in_transaction:  # nested call (register -> document_for): one transaction
            yield
            return
        try:
            self._connection.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._connection.execute("ROLLBACK")
                raise
            self._connection.execute("COMMIT")
        except sqlite3.DatabaseError as error:
            raise NotesUnavailable(_explain(self.path, error)) from None


_NOTE_COLUMNS = 'id, target, body, exact, prefix, suffix, start, "end", created_at, updated_at'


def _row(note: Note) -> tuple[object, ...]:
    a = note.anchor
    return (note.id, note.target, note.body, a.exact, a.prefix, a.suffix, a.start, a.end,
            note.created_at, note.updated_at)


def _note(row: tuple) -> Note:
    note_id, target, body, exact, prefix, suffix, start, end, created_at, updated_at = row
    return Note(note_id, target, TextAnchor(exact, prefix, suffix, start, end), body, created_at, updated_at)


def _sqlite(target: str, *, uri: bool = False) -> sqlite3.Connection:
    return sqlite3.connect(
        target, uri=uri, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False
    )


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that writes nothing, not even SQLite's ``-shm`` and ``-wal`` files beside the database.

    ``mode=ro`` on a WAL database creates both (and leaves them behind), and fails where the directory
    cannot be written, which made a healthy database look damaged. So: ``immutable=1`` (the main file
    alone) when there is no ``-wal`` to read; ``mode=ro`` when there is one (another quotelens has the
    database open: its latest saves are in it, and the ``-shm`` exists already), falling back to the main
    file alone when even that cannot be read from this directory.
    """
    uri = path.resolve().as_uri()
    if Path(f"{path}-wal").exists():
        connection = _sqlite(f"{uri}?mode=ro", uri=True)
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return connection
        except sqlite3.OperationalError:
            connection.close()
    return _sqlite(f"{uri}?immutable=1", uri=True)


def _holds_no_notes(path: Path) -> bool:
    """No database, or a 0-byte file (SQLite reads one as an empty database, and the reader starts a new
    one in it): either way there is nothing to export."""
    return not path.exists() or path.stat().st_size == 0


def _open_waiting(path: Path, read_only: bool) -> sqlite3.Connection | None:
    """Open as ``open`` does, waiting while another quotelens creates or migrates the same database:
    SQLite reports that as busy at once (a read-only connection or a journal-mode change does not wait
    in its busy handler), so two readers started together on a new data directory would fail."""
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    while True:
        try:
            connection = _open_checked(path) if path.exists() else None
            if not read_only:
                if connection is not None:
                    connection.close()
                connection = _open_for_writing(path)
            return connection
        except sqlite3.OperationalError as error:
            busy = getattr(error, "sqlite_errorname", "").startswith(("SQLITE_BUSY", "SQLITE_LOCKED"))
            if not busy or time.monotonic() > deadline:
                raise
            time.sleep(_BUSY_RETRY_SECONDS)


def _open_checked(path: Path) -> sqlite3.Connection:
    """A read-only connection to an existing database, found intact and not from a newer quotelens
    before anything is allowed to write to it."""
    connection = _connect_read_only(path)
    try:
        _check_intact(connection, path)
        refuse_newer(schema_version(connection))
    except BaseException:
        connection.close()
        raise
    return connection


def _open_for_writing(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = _sqlite(str(path))
    try:
        _configure(connection)
        migrate(connection)
    except BaseException:
        connection.close()
        raise
    return connection


def _check_intact(connection: sqlite3.Connection, path: Path) -> None:
    """Read-only checks before anything is written: a damaged file must stay as the user left it."""
    problems = [row[0] for row in connection.execute("PRAGMA quick_check").fetchall()]
    if problems != ["ok"]:
        raise NotesUnavailable(_damaged(path, problems[0] if problems else "integrity check failed"))


def _configure(connection: sqlite3.Connection) -> None:
    connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")  # a returned commit survives a crash or power loss
    connection.execute("PRAGMA foreign_keys = ON")


def _damaged(path: Path, detail: object) -> str:
    return (
        f"notes database {path} is damaged ({' '.join(str(detail).split())}); it was left untouched and notes "
        "are read-only (move the file aside to start a new one)"
    )


def _explain(path: Path | None, error: sqlite3.DatabaseError) -> str:
    """One line for the user, naming the real cause: a full disk, a read-only file or directory, another
    quotelens holding the lock, a damaged file."""
    if path is None:
        return f"notes unavailable ({error})"
    code = getattr(error, "sqlite_errorname", "")
    detail = " ".join(str(error).split())
    if code.startswith("SQLITE_FULL"):
        return f"the disk holding notes database {path} is full ({detail}); not saved: free some space and try again"
    if code.startswith(("SQLITE_READONLY", "SQLITE_PERM", "SQLITE_CANTOPEN", "SQLITE_AUTH")):
        return (f"notes database {path} cannot be written ({detail}: a read-only file or directory); "
                "notes are read-only")
    if code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return f"notes database {path} is busy (another quotelens is saving); not saved, try again"
    if code.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return _damaged(path, detail)
    return f"notes database {path} cannot be used ({detail}); it was left as it is"
