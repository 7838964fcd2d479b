"""Opening a workbook file: making a new one, checking one before anything may write to it,
and copying one into memory to read it without changing it.

A file that is not a workbook, is damaged, or comes from a newer infoview raises its
:class:`~infoview_lib.store.errors.WorkbookError` and is left untouched.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from infoview_lib.model import StudentProfile
from infoview_lib.store import files, rows, schema, sidecars, tables
from infoview_lib.store.connection import connect, connect_read_only, corrupt, translated_errors
from infoview_lib.store.errors import NotAWorkbook, WorkbookCorrupt


def create(path: Path, profile: StudentProfile) -> sqlite3.Connection:
    """A connection to a new workbook for ``profile``; never overwrites an existing file."""
    files.create_private_file(path)
    try:
        connection = connect(path)
        try:
            with translated_errors(path):
                connection.execute("BEGIN IMMEDIATE")
                connection.execute(f"PRAGMA application_id = {files.APPLICATION_ID:d}")
                schema.apply_migrations(connection)
                rows.insert(connection, path, tables.PROFILE, profile, record_id=1)
                connection.execute("COMMIT")
                connection.execute("PRAGMA journal_mode = WAL")
        except BaseException:
            connection.close()
            raise
    except BaseException:
        path.unlink(missing_ok=True)  # the file is ours and holds nothing yet
        raise
    return connection


def open_checked(path: Path) -> sqlite3.Connection:
    """A connection to an existing workbook, checked through a read-only connection first.

    Its format is not brought up to date here: that is a change, made in a transaction.
    """
    newest = schema.newest_version()
    files.read_header(path, newest_schema=newest)
    files.check_writable(path)
    with _checked(path, newest):
        pass
    return connect(path)


def read_only_copy(path: Path) -> sqlite3.Connection:
    """The whole workbook copied into memory through a read-only connection, brought up to
    date in the copy, and refusing changes; the file is not written, nor left with sidecars."""
    newest = schema.newest_version()
    files.read_header(path, newest_schema=newest)
    existed = sidecars.existing_sidecars(path)
    try:
        with _checked(path, newest) as probe, translated_errors(path):
            memory = sqlite3.connect(":memory:", isolation_level=None)
            # The copy is of a file from anywhere (a hand-in, say): its schema's
            # views, triggers and defaults may call only harmless functions.
            memory.execute("PRAGMA trusted_schema = OFF")
            probe.backup(memory)
    finally:
        sidecars.remove_new_sidecars(path, existed)  # reading leaves nothing behind
    memory.row_factory = sqlite3.Row
    memory.execute("PRAGMA foreign_keys = ON")
    if schema.schema_version(memory) < newest:
        with translated_errors(path):
            memory.execute("BEGIN IMMEDIATE")
            schema.apply_migrations(memory)
            memory.execute("COMMIT")
    memory.execute("PRAGMA query_only = ON")
    return memory


@contextmanager
def _checked(path: Path, newest: int) -> Iterator[sqlite3.Connection]:
    """A read-only connection to ``path``, checked to be a workbook this infoview can use.

    If it is refused, the sidecar files the check made are removed; never on
    success, when another program may already be writing through those very files.
    """
    existed = sidecars.existing_sidecars(path)
    try:
        probe = connect_read_only(path)
        try:
            with translated_errors(path):
                _inspect(probe, path, newest)
            yield probe
        finally:
            probe.close()
    except BaseException:
        sidecars.remove_new_sidecars(path, existed)
        raise


def _inspect(connection: sqlite3.Connection, path: Path, newest: int) -> None:
    """Check, without changing anything, that a file is a sound workbook this version reads."""
    (app_id,) = connection.execute("PRAGMA application_id").fetchone()
    if app_id != files.APPLICATION_ID:  # the header on disk can lag behind the log
        raise NotAWorkbook(path, f"{path} is not an infoview workbook.")
    version = schema.schema_version(connection)
    files.check_schema_version(path, version, newest)
    found = [row[0] for row in connection.execute("PRAGMA quick_check")]
    if found != ["ok"]:
        raise corrupt(path, found[0])
    present = {
        str(row[0])
        for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    # A workbook gets its format number and its tables in the transaction that marks it.
    if version == 0 or tables.PROFILE.name not in present:
        raise NotAWorkbook(
            path,
            f"{path} is not an infoview workbook: it is marked as one, but it holds no "
            "student's profile. Open a workbook file, or create one with 'infoview init'.",
        )
    expected = schema.tables_of(version)
    if lost := sorted(expected - present):
        raise corrupt(
            path, f"its {', '.join(lost)} table{'s are' if len(lost) > 1 else ' is'} missing"
        )
    if connection.execute("SELECT 1 FROM profile WHERE id = 1").fetchone() is None:
        raise WorkbookCorrupt(path, f"{path} has lost its profile: restore it from a backup.")
