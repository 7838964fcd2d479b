"""The service's data folder: ``index.sqlite`` (workshops, rosters, progress, the hand-ins'
records) and ``hand-ins/<workshop id>/<student id>.infoview``, all private to the service's
user, written whole and durably, and tidied at start-up."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sqlite3
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import DataFolderError

log = logging.getLogger("infoview.hub_service")

SCHEMA = """
CREATE TABLE IF NOT EXISTS workshops (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS facilitators (
    workshop_id INTEGER NOT NULL REFERENCES workshops(id), user TEXT NOT NULL,
    PRIMARY KEY (workshop_id, user));
CREATE TABLE IF NOT EXISTS students (
    id INTEGER PRIMARY KEY, workshop_id INTEGER NOT NULL REFERENCES workshops(id),
    user TEXT NOT NULL, position INTEGER NOT NULL, profile_json TEXT NOT NULL,
    UNIQUE (workshop_id, user));
CREATE INDEX IF NOT EXISTS students_by_user ON students(user);
CREATE TABLE IF NOT EXISTS progress (
    student_id INTEGER PRIMARY KEY REFERENCES students(id),
    body_json TEXT NOT NULL, received_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS hand_ins (
    student_id INTEGER PRIMARY KEY REFERENCES students(id),
    handed_in_at TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL);
"""


def write_private(path: Path, data: bytes) -> None:
    """Write a new 0600 file at ``path`` and fsync it."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())


def write_temporary(folder: Path, data: bytes) -> Path:
    """A new 0600 ``.incoming-*.tmp`` file in ``folder`` holding ``data``, fsynced."""
    descriptor, temp_name = tempfile.mkstemp(dir=folder, prefix=".incoming-", suffix=".tmp")
    temp = Path(temp_name)
    try:
        with os.fdopen(descriptor, "wb") as file:
            os.fchmod(file.fileno(), 0o600)
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def fsync_folder(folder: Path) -> None:
    """Make the renames in ``folder`` durable."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def private_folder(path: Path) -> Path:
    """Make ``path`` (one level) a 0700 folder if it is missing; return it."""
    with contextlib.suppress(FileExistsError):
        path.mkdir(mode=0o700)
        path.chmod(0o700)
    return path


def narrow_folder(path: Path) -> None:
    """Make the folder ``path`` 0700 if others can open it (not following a link)."""
    status = path.lstat()
    if stat.S_ISDIR(status.st_mode) and stat.S_IMODE(status.st_mode) & 0o077:
        log.warning("Made %s private (it was %o).", path, stat.S_IMODE(status.st_mode))
        path.chmod(0o700)


def check_data_folder(path: Path) -> None:
    """Make ``path`` 0700 if missing; refuse one others can open or another user owns."""
    if not path.exists():
        path.mkdir(mode=0o700, parents=True)
        path.chmod(0o700)
    status = path.stat()
    if not stat.S_ISDIR(status.st_mode):
        raise DataFolderError(f"The data folder {path} is not a folder.")
    if status.st_uid != os.getuid():
        raise DataFolderError(
            f"The data folder {path} belongs to another user; run the service as its owner."
        )
    if status.st_mode & 0o077:
        raise DataFolderError(
            f"The data folder {path} can be opened by other users; "
            f"make it private with: chmod 700 {path}"
        )


class Store:
    """The data folder: ``index.sqlite`` and ``hand-ins/<workshop id>/<student id>.infoview``."""

    def __init__(self, folder: Path) -> None:
        check_data_folder(folder)
        self.folder = folder
        self.index = folder / "index.sqlite"
        self.hand_ins = private_folder(folder / "hand-ins")
        self.scratch = private_folder(folder / "tmp")
        if not self.index.exists():
            os.close(os.open(self.index, os.O_WRONLY | os.O_CREAT, 0o600))
        connection = sqlite3.connect(self.index, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.executescript(SCHEMA)
        finally:
            connection.close()
        self._tidy()

    def _tidy(self) -> None:
        """At start-up: narrow loose folders, and remove what a stopped service left behind.

        That is workbook checks (``tmp/check-*``), unfinished writes (``*.tmp``) and the hand-ins
        of deleted workshops (``tmp/deleted-*``). A deleted workshop's folder whose rows are
        still there (the service stopped before the delete was committed) is put back.
        """
        for folder in (self.hand_ins, self.scratch, *self.hand_ins.iterdir()):
            narrow_folder(folder)
        for leftover in self.scratch.glob("check-*"):
            shutil.rmtree(leftover, ignore_errors=True)
        for leftover in [*self.hand_ins.rglob("*.tmp"), *self.scratch.rglob("*.tmp")]:
            if leftover.is_file() or leftover.is_symlink():
                leftover.unlink(missing_ok=True)
        for leftover in self.scratch.glob("deleted-*"):
            workshop = leftover.name.split("-")[1]
            home = self.hand_ins / workshop
            files = leftover / "files"
            if (
                workshop.isdigit()
                and files.is_dir()
                and not home.exists()
                and self._has_hand_ins(int(workshop))
            ):
                files.rename(home)  # the delete was not committed
            shutil.rmtree(leftover, ignore_errors=True)

    def _has_hand_ins(self, workshop_id: int) -> bool:
        with self.transaction() as db:
            found = db.execute(
                "SELECT 1 FROM hand_ins h JOIN students s ON s.id = h.student_id"
                " WHERE s.workshop_id = ?",
                (workshop_id,),
            ).fetchone()
        return found is not None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One transaction (one request): committed if the block ends well, else rolled back."""
        connection = sqlite3.connect(self.index, isolation_level=None, timeout=10)
        try:
            connection.execute("PRAGMA foreign_keys=ON")
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            self.commit(connection)
        finally:
            connection.close()

    def commit(self, connection: sqlite3.Connection) -> None:
        """Commit ``connection``'s transaction (if this fails, closing it rolls back)."""
        connection.execute("COMMIT")

    def hand_in_path(self, workshop_id: int, student_id: int) -> Path:
        """Where a student's latest hand-in for a workshop is kept (named by row ids)."""
        return self.hand_ins / str(int(workshop_id)) / f"{int(student_id)}.infoview"
