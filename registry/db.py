"""Opening a registry database: foreign keys on, WAL journal, migrations applied."""

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from registry.migrations import migrations


def connect(path: str | Path) -> Database:
    """Open (creating if needed) the SQLite registry at ``path`` and bring its schema up to date.

    The connection may be used from the thread that opened it only; open one per request.
    """
    conn = sqlite3.connect(str(path))
    conn.row_factory = sqlite3.Row
    db = Database(conn)
    db.execute("PRAGMA foreign_keys = ON")
    if str(path) != ":memory:":
        db.enable_wal()
    migrations.apply(db)
    return db
