"""A student's workbook: one SQLite file holding their profile and records.

Every change runs in one transaction (``BEGIN IMMEDIATE``), so a crash or a
killed kernel never leaves half of it behind, and two notebooks writing at once
wait for each other instead of losing work. The file is created readable by its
owner only, kept in WAL mode, with foreign keys enforced.

>>> import tempfile, pathlib
>>> from infoview_lib.model import Contact, StudentProfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> with Workbook.create(folder / "ana.infoview", StudentProfile(name="Ana Lima")) as book:
...     ana = book.add(Contact(name="Zoë O'Brien", organisation="Riverside Clinic"))
...     [contact.name for contact in book.all(Contact)]
["Zoë O'Brien"]
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, Self, TypeVar

from infoview_lib.model import Choice, InvalidRecord, Record, StudentProfile
from infoview_lib.model.characters import shown_only
from infoview_lib.private_files import make_private
from infoview_lib.store import deletion, files, opening, rows, schema, snapshot, tables
from infoview_lib.store.connection import translated_errors
from infoview_lib.store.deletion import Deletion
from infoview_lib.store.errors import RecordNotFound, WorkbookError

if TYPE_CHECKING:
    import pandas as pd

R = TypeVar("R", bound=Record)

_ORDER = {"questions": "meeting_id, position, id", "follow_ups": "due_on, id"}


class Workbook:
    """An open workbook. Use :meth:`create` or :meth:`open`, ideally in a ``with``."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self._path = path
        self._connection = connection
        self._block: Literal["read", "write"] | None = None
        self._savepoints = 0

    # -- opening and closing ---------------------------------------------------
    @classmethod
    def create(cls, path: Path | str, profile: StudentProfile) -> Workbook:
        """Create a new workbook for ``profile``; never overwrites an existing file."""
        path = Path(path)
        return cls(path, opening.create(path, profile))

    @classmethod
    def open(cls, path: Path | str) -> Workbook:
        """Open an existing workbook, bringing an older format up to date.

        A file that is not a workbook, is damaged, or comes from a newer
        infoview raises a :class:`WorkbookError` and is left untouched: it is
        checked through a read-only connection before anything may write.
        """
        path = Path(path)
        connection = opening.open_checked(path)
        try:
            book = cls(path, connection)
            book._bring_up_to_date()
        except BaseException:
            connection.close()
            raise
        return book

    @staticmethod
    def check_file(path: Path | str) -> None:
        """Refuse at once what is plainly not a workbook this infoview reads.

        Only the file's first bytes are read (never through SQLite): a missing,
        empty or special file, another kind of file or database, or a workbook
        from a newer infoview raises its :class:`WorkbookError`. Damage further
        in is found when the workbook is opened.
        """
        files.read_header(Path(path), newest_schema=schema.newest_version())

    @classmethod
    def read_only(cls, path: Path | str) -> Workbook:
        """Open a workbook to read it, never to change it: for reports and exports.

        The whole workbook is copied into memory through a read-only connection,
        so the file is not written, not even to bring an older format up to date
        (the copy is brought up to date instead). Changes made to the copy are
        refused. Refuses what :meth:`open` refuses, with the same messages, and
        also works on a workbook the reader may not write to.
        """
        path = Path(path)
        return cls(path, opening.read_only_copy(path))

    def _bring_up_to_date(self) -> None:
        with translated_errors(self._path):
            if schema.schema_version(self._connection) < schema.newest_version():
                with self.transaction() as connection:
                    schema.apply_migrations(connection)  # re-reads the version under the lock
            (mode,) = self._connection.execute("PRAGMA journal_mode").fetchone()
            if mode != "wal":
                self._connection.execute("PRAGMA journal_mode = WAL")
        make_private(self._path)

    @property
    def path(self) -> Path:
        """Where the workbook file is."""
        return self._path

    def close(self) -> None:
        """Close the workbook; everything saved is already on disk."""
        # Another program may hold the workbook; SQLite then copies the log over later.
        with suppress(sqlite3.DatabaseError):
            self._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._connection.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Workbook({str(self._path)!r})"

    # -- transactions ------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Group changes so that all of them are saved, or none.

        The write lock is taken at the start, so another process waits rather
        than failing half-way. A nested block is a savepoint: if it fails, its
        own changes are undone and the outer block may carry on.
        """
        if self._block == "read":
            raise RuntimeError("a change cannot be made inside snapshot(); use transaction()")
        if self._block == "write":
            self._savepoints += 1
            name = f"nested_{self._savepoints}"
            self._connection.execute(f"SAVEPOINT {name}")
            try:
                yield self._connection
            except BaseException:
                self._connection.execute(f"ROLLBACK TO {name}")
                self._connection.execute(f"RELEASE {name}")
                raise
            else:
                self._connection.execute(f"RELEASE {name}")
            finally:
                self._savepoints -= 1
            return
        with self._outermost("write") as connection:
            yield connection
        # Copy the change into the workbook file itself when no reader is in the way,
        # so that a copy of the file taken now holds it too. The change is already
        # safe in the log, so a checkpoint that cannot run now is not an error.
        with suppress(sqlite3.DatabaseError):
            self._connection.execute("PRAGMA wal_checkpoint(PASSIVE)")

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """Read several things as of one moment, while others may be writing."""
        if self._block:
            yield self._connection
            return
        with self._outermost("read") as connection:
            yield connection

    def to_bytes(self) -> bytes:
        """The whole workbook as one database file's bytes, as of one moment."""
        with self.snapshot() as connection:
            return connection.serialize()

    @contextmanager
    def _outermost(self, block: Literal["read", "write"]) -> Iterator[sqlite3.Connection]:
        """The outermost block: a write takes the lock at its start; it ends saved, or
        undone when the block raises."""
        with translated_errors(self._path):
            self._connection.execute("BEGIN IMMEDIATE" if block == "write" else "BEGIN DEFERRED")
            self._block = block
            try:
                yield self._connection
                self._connection.execute("COMMIT")
            except BaseException:
                if self._connection.in_transaction:
                    self._connection.execute("ROLLBACK")
                raise
            finally:
                self._block = None

    # -- copies ------------------------------------------------------------------
    def backup_to(self, target: Path | str, *, settings: Mapping[str, str] | None = None) -> Path:
        """Save a consistent copy of the workbook at ``target``, replacing what was there.

        The copy is the workbook as of one moment, taken through SQLite's backup API
        even while another notebook writes; it holds saved work only (no ``unsaved:``
        settings, nor traces of them), is a single 0600 file with no ``-wal`` or
        ``-shm`` beside it, and passed ``quick_check`` before it was renamed into place,
        so ``target`` is never half-written. Missing folders are made 0700.
        ``settings`` are saved in the copy and in this workbook, in the transaction
        that renames the copy into place: recorded here only if the copy is there.
        """
        target = Path(target)
        if self._block == "write":
            raise RuntimeError("a copy cannot be made inside transaction(): it would wait forever")
        if target.exists() and target.samefile(self._path):
            raise WorkbookError(
                target, f"{target} is the workbook itself: save its copy somewhere else."
            )
        scratch = snapshot.write_snapshot(self._connection, self._path, target, settings=settings)
        try:
            snapshot.clear_for(target)
            if settings:
                with self.transaction() as connection:
                    connection.executemany(
                        "INSERT INTO settings (key, value) VALUES (?, ?) "
                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        settings.items(),
                    )
                    scratch.replace(target)
            else:
                scratch.replace(target)
        except BaseException:
            scratch.unlink(missing_ok=True)
            raise
        return target

    # -- the profile -------------------------------------------------------------
    def profile(self) -> StudentProfile:
        """The student this workbook belongs to."""
        with self.snapshot() as connection:
            columns = ", ".join(tables.PROFILE.columns)
            row = connection.execute(f"SELECT {columns} FROM profile WHERE id = 1").fetchone()
        profile: StudentProfile = tables.PROFILE.from_row(row)
        return profile

    def save_profile(self, profile: StudentProfile) -> StudentProfile:
        """Replace the profile."""
        with self.transaction():
            rows.update(self._connection, self._path, tables.PROFILE, profile, record_id=1)
        return profile

    # -- settings ----------------------------------------------------------------
    def setting(self, key: str) -> str | None:
        """A setting of the workbook itself, or ``None`` if it was never set."""
        with self.snapshot() as connection:
            row = connection.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def save_setting(self, key: str, value: str) -> None:
        """Set a setting of the workbook itself."""
        with self.transaction() as connection:
            connection.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def forget_setting(self, key: str) -> None:
        """Remove a setting; nothing happens if it was never set."""
        with self.transaction() as connection:
            connection.execute("DELETE FROM settings WHERE key = ?", (key,))

    def forget_settings(self, keys: Iterable[str]) -> None:
        """Remove several settings in one transaction; keys never set are skipped."""
        with self.transaction() as connection:
            connection.executemany("DELETE FROM settings WHERE key = ?", ((key,) for key in keys))

    def settings(self, prefix: str = "") -> dict[str, str]:
        """The settings whose keys start with ``prefix``, by key."""
        with self.snapshot() as connection:
            rows = connection.execute(
                "SELECT key, value FROM settings WHERE substr(key, 1, ?) = ? ORDER BY key",
                (len(prefix), prefix),
            ).fetchall()
        return {str(key): str(value) for key, value in rows}

    # -- records -------------------------------------------------------------------
    def add(self, record: R) -> R:
        """Save a new record; returns it with its id."""
        if record.id is not None:
            raise ValueError(f"{record!r} already has an id: use update() to change it")
        table = tables.table_for(type(record))
        with self.transaction():
            rows.check_links(self._connection, table, record)
            record_id = rows.insert(self._connection, self._path, table, record)
            added: R = self.get(type(record), record_id)
        return added

    def update(self, record: R) -> R:
        """Save every field of a record that is already in the workbook.

        Prefer :meth:`edit` where another window may be changing the same
        record: it writes only the fields you changed.
        """
        if record.id is None:
            raise ValueError(f"{record!r} has no id: use add() to save a new record")
        table = tables.table_for(type(record))
        with self.transaction():
            rows.check_links(self._connection, table, record)
            rows.update(self._connection, self._path, table, record, record_id=record.id)
        return record

    def edit(self, kind: type[R], record_id: int, **changes: object) -> R:
        """Change some fields of a saved record and keep the rest as they are now.

        Only the named fields are written, so two windows editing different
        fields of one record both keep their changes. Returns the record as saved.
        """
        table = tables.table_for(kind)
        unknown = set(changes) - set(table.columns)
        if unknown:
            raise TypeError(f"{kind.__name__} has no field {sorted(unknown)[0]!r}")
        with self.transaction():
            current = self.get(kind, record_id)
            values: dict[str, Any] = changes
            try:
                changed = dataclasses.replace(current, **values)
            except InvalidRecord:
                # Text an older infoview saved may hold characters now refused (they are
                # not shown): they must not stop a change to other fields. Only the
                # changed fields are written, so the saved text itself stays as it was.
                shown = _shown_text(current, exclude=changes)
                if not shown:
                    raise
                changed = dataclasses.replace(current, **{**shown, **values})
            rows.check_links(self._connection, table, changed)
            if changes:
                rows.update(self._connection, self._path, table, changed, record_id, tuple(changes))
        return changed

    def get(self, kind: type[R], record_id: int) -> R:
        """One record by its id."""
        table = tables.table_for(kind)
        with self.snapshot() as connection:
            row = connection.execute(
                f"SELECT * FROM {table.name} WHERE id = ?", (record_id,)
            ).fetchone()
        if row is None:
            raise RecordNotFound(
                self._path, f"There is no {table.noun[0]} number {record_id} in this workbook."
            )
        found: R = table.from_row(row)
        return found

    def all(self, kind: type[R], **where: object) -> list[R]:
        """Every record of a kind, optionally only those whose fields equal ``where``."""
        table = tables.table_for(kind)
        clause, values = rows.where(table, where)
        order = _ORDER.get(table.name, "id")
        with self.snapshot() as connection:
            found = connection.execute(
                f"SELECT * FROM {table.name}{clause} ORDER BY {order}", values
            ).fetchall()
        return [table.from_row(row) for row in found]

    def count(self, kind: type[Record], **where: object) -> int:
        """How many records of a kind there are (matching ``where``)."""
        table = tables.table_for(kind)
        clause, values = rows.where(table, where)
        with self.snapshot() as connection:
            (number,) = connection.execute(
                f"SELECT count(*) FROM {table.name}{clause}", values
            ).fetchone()
        return int(number)

    def frame(self, kind: type[Record]) -> pd.DataFrame:
        """Every record of a kind as a table for display, indexed by id."""
        import pandas as pd  # imported here: it is slow to import, and only views need it

        table = tables.table_for(kind)
        rows = [
            {name: _for_display(getattr(record, name)) for name in ("id", *table.columns)}
            for record in self.all(kind)
        ]
        frame = pd.DataFrame(rows, columns=["id", *table.columns]).set_index("id")
        for name in table.optional_integers:
            frame[name] = frame[name].astype("Int64")
        return frame

    # -- deleting --------------------------------------------------------------------
    def deletion_impact(self, kind: type[Record], record_id: int) -> Deletion:
        """What else would go if this record were deleted; changes nothing."""
        table = tables.table_for(kind)
        self.get(kind, record_id)
        with self.snapshot() as connection:
            return deletion.impact(connection, table, record_id)

    def delete(self, kind: type[Record], record_id: int) -> Deletion:
        """Delete a record and everything that belongs to it; returns what went."""
        table = tables.table_for(kind)
        with self.transaction() as connection:
            impact = self.deletion_impact(kind, record_id)
            connection.execute(f"DELETE FROM {table.name} WHERE id = ?", (record_id,))
        return impact

    # -- integrity -------------------------------------------------------------------
    def integrity_problems(self) -> list[str]:
        """SQLite's full integrity check and the foreign keys; empty when all is well."""
        with self.snapshot() as connection:
            found = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            dangling = connection.execute("PRAGMA foreign_key_check").fetchall()
        problems = [] if found == ["ok"] else found
        problems += [f"{row[0]} row {row[1]} points at a missing {row[2]}" for row in dangling]
        return problems


def _shown_text(record: Record, *, exclude: Iterable[str]) -> dict[str, Any]:
    """The record's text fields (but ``exclude``) that hold characters now refused, without them."""
    cleaned: dict[str, Any] = {}
    for field in dataclasses.fields(record):
        value = getattr(record, field.name)
        if field.name in exclude:
            continue
        if isinstance(value, str):
            shown: Any = shown_only(value)
        elif isinstance(value, tuple) and all(isinstance(item, str) for item in value):
            shown = tuple(shown_only(item) for item in value)
        else:
            continue
        if shown != value:
            cleaned[field.name] = shown
    return cleaned


def _for_display(value: Any) -> Any:
    if isinstance(value, Choice):
        return value.value
    if isinstance(value, tuple):
        return list(value)
    return value
