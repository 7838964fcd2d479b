"""A consistent copy of an open workbook, for handing it in: one private, self-contained file.

The copy is taken through SQLite's backup API from the workbook's own connection, in
one step, so it is the workbook as of one moment even while another notebook writes
(never a copy of a file being written). It is made in a private temporary file (0600)
beside where it goes, in folders made private (0700) if they were missing. There it
loses the student's unsaved form input (``unsaved:`` settings) and, by a ``VACUUM``,
every trace of it and of anything deleted earlier; it is switched to the ``DELETE``
journal, so it is one file with no ``-wal`` or ``-shm`` beside it, and checked with
``quick_check``. Only then may it be renamed into place (see ``Workbook.backup_to``).
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Mapping
from pathlib import Path

from infoview_lib.private_files import make_private_folders
from infoview_lib.store import sidecars
from infoview_lib.store.connection import corrupt, translated_errors
from infoview_lib.store.errors import WorkbookError

#: Settings under this prefix hold a form's unsaved input (see ``infoview_lib.ui.unsaved``):
#: a snapshot for an advisor holds saved work only.
UNSAVED_PREFIX = "unsaved:"


def write_snapshot(
    source: sqlite3.Connection,
    source_path: Path,
    target: Path,
    *,
    settings: Mapping[str, str] | None = None,
) -> Path:
    """Copy the workbook open on ``source`` into a private temporary file beside ``target``.

    ``settings`` are saved in the copy (and only there). Returns the temporary file,
    complete and checked, for the caller to rename into place (or remove); on failure
    nothing is left behind. SQLite's errors are said in plain words, about ``target``
    (a full disk, say) or, for damage found in the copy, about ``source_path``.
    """
    make_private_folders(target.parent)
    # mkstemp makes the file 0600 whatever the umask: no one else may ever read it.
    descriptor, name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".part", dir=target.parent
    )
    os.close(descriptor)
    scratch = Path(name)
    try:
        copy = sqlite3.connect(scratch, isolation_level=None)
        try:
            copy.execute("PRAGMA trusted_schema = OFF")  # the source may be anyone's
            with translated_errors(target):
                source.backup(copy)  # every page in one step, under one read transaction
            _finish(copy, source_path, target, settings or {})
        finally:
            copy.close()
    except BaseException:
        _remove(scratch)
        raise
    return scratch


def _finish(
    copy: sqlite3.Connection, source_path: Path, target: Path, settings: Mapping[str, str]
) -> None:
    """Make the copy one self-contained file holding saved work only, and check it."""
    with translated_errors(target):
        (mode,) = copy.execute("PRAGMA journal_mode = DELETE").fetchone()
        if str(mode).lower() != "delete":
            raise WorkbookError(
                target,
                f"Cannot write {target}: SQLite kept its journal in {mode} mode, so the copy "
                "would not be a single file. Nothing was handed in.",
            )
        copy.execute("PRAGMA synchronous = FULL")
        copy.execute("BEGIN IMMEDIATE")
        copy.execute(
            "DELETE FROM settings WHERE substr(key, 1, ?) = ?",
            (len(UNSAVED_PREFIX), UNSAVED_PREFIX),
        )
        copy.executemany(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            settings.items(),
        )
        copy.execute("COMMIT")
        copy.execute("VACUUM")  # no deleted text left in free pages
    found = [str(row[0]) for row in copy.execute("PRAGMA quick_check")]
    if found != ["ok"]:
        raise corrupt(source_path, found[0])


def clear_for(target: Path) -> None:
    """Make sure nothing beside ``target`` would be read with the copy once it is there.

    SQLite reads a ``-wal`` beside a database as part of it, so one left by an earlier
    copy opened in WAL mode is removed (when it holds nothing and no one has that copy
    open); if one is still there, the copy must not replace it.
    """
    sidecars.remove_new_sidecars(target, frozenset())
    if left := sidecars.existing_sidecars(target):
        raise WorkbookError(
            target,
            f"{target} is open in another program ({', '.join(sorted(p.name for p in left))} "
            "beside it): close it, then try again. Nothing was handed in.",
        )


def _remove(scratch: Path) -> None:
    """Remove a temporary copy and any journal SQLite kept beside it."""
    for path in (scratch, *(Path(f"{scratch}{end}") for end in ("-journal", "-wal", "-shm"))):
        path.unlink(missing_ok=True)
