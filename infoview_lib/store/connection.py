"""SQLite connections to a workbook, and SQLite's errors said in plain words."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from infoview_lib.private_files import DISK_FULL
from infoview_lib.store.errors import WorkbookBusy, WorkbookCorrupt, WorkbookError

#: How long a write waits for another program holding the workbook.
BUSY_TIMEOUT_SECONDS = 30.0

_CORRUPT = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
_BUSY = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}


def connect(path: Path) -> sqlite3.Connection:
    """A read-write connection with foreign keys on and full durability."""
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    try:
        with translated_errors(path):
            connection.row_factory = sqlite3.Row
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("PRAGMA trusted_schema = OFF")
            connection.execute("PRAGMA synchronous = FULL")
    except BaseException:
        connection.close()
        raise
    return connection


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot change the file: for checking a file before trusting it."""
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    connection = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS)
    connection.execute("PRAGMA trusted_schema = OFF")
    return connection


def corrupt(path: Path, detail: str) -> WorkbookCorrupt:
    """The error for a workbook SQLite cannot read."""
    return WorkbookCorrupt(
        path,
        f"{path} is damaged and cannot be read ({detail}). Restore it from a backup, or "
        "ask your advisor for help; infoview did not change it.",
    )


@contextmanager
def translated_errors(path: Path) -> Iterator[None]:
    """Turn SQLite's errors into ones a student can act on (integrity errors pass through)."""
    try:
        yield
    except sqlite3.IntegrityError:
        raise
    except sqlite3.DatabaseError as error:
        raise explain(path, error) from error


def explain(path: Path, error: sqlite3.DatabaseError) -> WorkbookError:
    """A plain-words error for something SQLite reported about ``path``."""
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    if code in _BUSY:
        return WorkbookBusy(
            path,
            f"{path} is busy: another notebook or program kept it locked for "
            f"{BUSY_TIMEOUT_SECONDS:.0f} seconds. Close the others and try again; nothing "
            "was saved this time.",
        )
    if code in _CORRUPT or code == 0:
        return corrupt(path, str(error))
    if code == sqlite3.SQLITE_FULL:
        message = DISK_FULL
    elif code == sqlite3.SQLITE_READONLY:
        message = "it is read-only here. Ask for permission to change it, or work on a copy"
    elif code in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH):
        message = "it cannot be opened. Check that its folder exists and that you may write there"
    elif code == sqlite3.SQLITE_IOERR:
        message = "the computer could not read or write the file. Check the disk, then try again"
    else:
        message = f"SQLite reported {getattr(error, 'sqlite_errorname', 'an error')}: {error}"
    return WorkbookError(path, f"Cannot use {path}: {message}.")
