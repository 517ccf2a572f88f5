"""The notes database schema, as the list of migrations that builds it.

The schema version is SQLite's ``user_version``: version N means the first N migrations have run.
A new release appends a migration and never edits a published one, so a database from any earlier
release is brought up to date on open. A database from a newer release is refused, not downgraded.
"""

from __future__ import annotations

import sqlite3
from typing import Sequence

Migration = tuple[str, ...]  # SQL statements run in one transaction

MIGRATIONS: tuple[Migration, ...] = (
    # 1: the first release.
    (
        """CREATE TABLE documents (
            key INTEGER PRIMARY KEY,
            title TEXT,
            source TEXT,                         -- the path or URL it was last read from
            created_at TEXT NOT NULL,
            seen_at TEXT NOT NULL
        )""",
        "CREATE INDEX documents_by_source ON documents (source)",
        # Every text version of a document, by the hash of its normalised text: an edited file keeps its
        # notes because its path leads to the same document.
        """CREATE TABLE texts (
            hash TEXT PRIMARY KEY,
            document INTEGER NOT NULL REFERENCES documents (key),
            seen_at TEXT NOT NULL
        )""",
        """CREATE TABLE notes (
            id TEXT PRIMARY KEY,
            document INTEGER NOT NULL REFERENCES documents (key),
            target TEXT NOT NULL CHECK (target IN ('statement', 'highlight')),
            body TEXT NOT NULL,
            exact TEXT NOT NULL,                 -- W3C TextQuoteSelector
            prefix TEXT NOT NULL,
            suffix TEXT NOT NULL,
            start INTEGER NOT NULL,              -- W3C TextPositionSelector
            "end" INTEGER NOT NULL,
            text_hash TEXT NOT NULL,             -- the text version the anchor was taken from
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX notes_by_document ON notes (document, start)",
    ),
    # 2: notes on the whole article (target 'article'). SQLite cannot change a CHECK constraint, so the
    # table is rebuilt with the same columns in the same order.
    (
        """CREATE TABLE notes_2 (
            id TEXT PRIMARY KEY,
            document INTEGER NOT NULL REFERENCES documents (key),
            target TEXT NOT NULL CHECK (target IN ('statement', 'highlight', 'article')),
            body TEXT NOT NULL,
            exact TEXT NOT NULL,                 -- W3C TextQuoteSelector ('' on an article note)
            prefix TEXT NOT NULL,
            suffix TEXT NOT NULL,
            start INTEGER NOT NULL,              -- W3C TextPositionSelector
            "end" INTEGER NOT NULL,
            text_hash TEXT NOT NULL,             -- the text version the anchor was taken from
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "INSERT INTO notes_2 SELECT * FROM notes",
        "DROP TABLE notes",
        "ALTER TABLE notes_2 RENAME TO notes",
        "CREATE INDEX notes_by_document ON notes (document, start)",
    ),
)


class NewerSchema(Exception):
    """The database was written by a newer quotelens."""


def schema_version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def migrate(connection: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Run the migrations the database lacks, each in its own transaction; return the version.

    The connection must be in autocommit mode (``isolation_level=None``). ``BEGIN IMMEDIATE`` takes the
    write lock before the version is read again, so two readers opening a new data directory at the same
    moment do not both run a migration.
    """
    version = schema_version(connection)
    while version < len(migrations):
        connection.execute("BEGIN IMMEDIATE")
        try:
            version = schema_version(connection)
            if version < len(migrations):
                for statement in migrations[version]:
                    connection.execute(statement)
                version += 1
                connection.execute(f"PRAGMA user_version = {version}")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
    refuse_newer(version, migrations)
    return version


def refuse_newer(version: int, migrations: Sequence[Migration] = MIGRATIONS) -> None:
    """Raise ``NewerSchema`` for a database written by a newer quotelens."""
    if version > len(migrations):
        raise NewerSchema(f"schema version {version}; this quotelens knows up to {len(migrations)}")
