"""Opening a registry database and writing to it.

Every write goes through :func:`write`: one short ``BEGIN IMMEDIATE`` transaction that takes SQLite's
write lock at its start (so two writers never both read and then collide at commit with «database is
locked»), waits up to :data:`BUSY_TIMEOUT_S` for a lock held by another connection, and turns a lock
that still cannot be had into :class:`RegistryBusy`. Migrations run once at start-up (:func:`migrate`),
not on every connection.
"""

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from registry.migrations import migrations

#: Seconds a connection waits for another connection's write lock before giving up.
BUSY_TIMEOUT_S = 10.0


class RegistryError(ValueError):
    """A write the registry refuses: a Russian ``message`` saying what to fix, and the ``field`` it
    concerns (a form field or contract name; None when it concerns the whole record)."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class RegistryBusy(RegistryError):
    """The write lock could not be had within :data:`BUSY_TIMEOUT_S`; nothing was written."""

    def __init__(self):
        super().__init__("Реестр занят, повторите через несколько секунд: введённое сохранено.")


def now() -> str:
    """The local time to the second, ISO (``2026-11-22T08:19:33``), as every ``…_at`` column keeps it."""
    return dt.datetime.now().isoformat(timespec="seconds")


def ru_date(day: str | dt.date) -> str:
    """An ISO day (or a date) as a message to the user writes it: «01.09.2025»."""
    return (dt.date.fromisoformat(day) if isinstance(day, str) else day).strftime("%d.%m.%Y")


def connect(path: str | Path, timeout: float = BUSY_TIMEOUT_S) -> Database:
    """Open the SQLite registry at ``path`` with foreign keys on and a busy ``timeout`` (seconds);
    the schema is brought up to date by :func:`migrate`, once at start-up. The connection may be used
    from the thread that opened it only: open one per request."""
    conn = sqlite3.connect(str(path), timeout=timeout)
    conn.row_factory = sqlite3.Row
    db = Database(conn)
    db.execute("PRAGMA foreign_keys = ON")
    return db


def migrate(path: str | Path) -> None:
    """Create the registry at ``path`` if needed, switch it to WAL (readers never wait for the
    writer) and apply pending migrations, all under the write lock: several processes starting at
    once apply each migration exactly once."""
    db = connect(path)
    try:
        if str(path) != ":memory:":
            db.enable_wal()
        with write(db):
            migrations.apply(db)
    finally:
        db.close()


def _is_busy(error: sqlite3.OperationalError) -> bool:
    return "locked" in str(error) or "busy" in str(error)


@contextmanager
def write(db: Database) -> Iterator[Database]:
    """``with write(db): …`` — one ``BEGIN IMMEDIATE`` transaction, committed at the end of the
    block and rolled back if it raises; nested use joins the outer transaction (sqlite-utils
    savepoints). Raises :class:`RegistryBusy` when the write lock cannot be had."""
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    try:
        db.conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        if _is_busy(error):
            raise RegistryBusy() from None
        raise
    try:
        yield db
    except BaseException:
        db.conn.rollback()
        raise
    try:
        db.conn.commit()
    except sqlite3.OperationalError as error:
        db.conn.rollback()
        if _is_busy(error):
            raise RegistryBusy() from None
        raise
