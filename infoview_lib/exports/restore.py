"""A new workbook made from a JSON backup (see :mod:`.backup`), or nothing at all.

Everything is checked before anything is written: the file is UTF-8 JSON (else the line
and column where it stops being so), an infoview backup of a version this infoview reads
(a newer one is refused: update infoview), and a hand-edited file holds only records
that pass the same checks as the forms, each link pointing at a record in the backup
(else the record, the field, the line and why). The workbook is then made under a
private temporary name beside its place, filled in one transaction with every record
keeping its number, and put in place under its name only if no file took it meanwhile:
a refused or failed restore leaves nothing behind, and never replaces a file.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from infoview_lib.exports.backup import FORMAT, VERSION
from infoview_lib.exports.json_places import Places, Where, line_at, places
from infoview_lib.exports.targets import ExportError, TargetExists
from infoview_lib.model import InterviewLog, InvalidRecord, Record, StudentProfile
from infoview_lib.model.labels import field_name
from infoview_lib.private_files import make_private_folders
from infoview_lib.store import Workbook
from infoview_lib.store import rows as store_rows
from infoview_lib.store.schema import newest_version
from infoview_lib.store.snapshot import UNSAVED_PREFIX
from infoview_lib.store.tables import RECORD_TABLES, Table, table_for

_TOP_KEYS = frozenset({"format", "version", "workbook_schema", "profile", "settings", "records"})


class BackupRefused(ExportError):
    """A backup that cannot be restored: where (``line``, if known) and why."""

    def __init__(self, path: Path, line: int | None, reason: str) -> None:
        self.path = path
        self.line = line
        self.reason = reason
        where = f"{path}, line {line}" if line else str(path)
        super().__init__(f"{where}: {reason} Nothing was restored.")


@dataclass(frozen=True)
class Backup:
    """What a backup holds, checked: the profile, the settings and the records by table."""

    profile: StudentProfile
    settings: dict[str, str]
    records: dict[str, list[Record]]


def restore(backup_file: Path | str, new_workbook: Path | str) -> Path:
    """Make the workbook ``new_workbook`` from ``backup_file``; returns its path.

    Raises :class:`BackupRefused` for a file that is not a backup this infoview can
    restore, and :class:`TargetExists` if ``new_workbook`` is already there.
    """
    source, target = Path(backup_file), Path(new_workbook)
    _check_target(target)
    checked = read_backup(source)
    make_private_folders(target.parent)
    descriptor, name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".part", dir=target.parent
    )
    os.close(descriptor)
    scratch = Path(name)
    scratch.unlink()  # Workbook.create makes the file itself, privately
    try:
        _write(scratch, checked)
        _put_in_place(scratch, target)
    finally:
        for leftover in (
            scratch,
            *(Path(f"{scratch}{end}") for end in ("-wal", "-shm", "-journal")),
        ):
            leftover.unlink(missing_ok=True)
    return target


def _check_target(target: Path) -> None:
    if target.exists() or target.is_symlink():
        raise TargetExists(
            f"{target} is already there: a restore never replaces a file. "
            "Give the name of a new workbook. Nothing was restored."
        )


def read_backup(path: Path) -> Backup:
    """The backup in ``path``, checked whole; raises :class:`BackupRefused` if it is not one."""
    try:
        content = path.read_bytes()
    except OSError as error:
        raise ExportError(f"Cannot read {path}: {error.strerror or error}.") from error
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = content.count(b"\n", 0, error.start) + 1
        raise BackupRefused(
            path, line, "this is not a backup: it is not UTF-8 text (a backup is JSON)."
        ) from None
    reader = _Reader(path, text)
    try:
        document = json.loads(text, parse_constant=_no_constant, object_pairs_hook=_unique)
    except json.JSONDecodeError as error:
        raise BackupRefused(
            path,
            error.lineno,
            f"the file is damaged: it is not valid JSON at column {error.colno} "
            f"({error.msg}). Restore from an undamaged copy of the backup.",
        ) from None
    except _RepeatedKey:
        raise reader.repeated() from None
    except (ValueError, RecursionError) as error:
        raise BackupRefused(path, None, f"the file is damaged: {error}.") from None
    return reader.backup(document)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a backup can hold")


class _RepeatedKey(ValueError):
    """An object of the file gives a key twice (``json`` would keep the last silently)."""


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) < len(pairs):
        raise _RepeatedKey
    return found


class _Reader:
    """Checks a parsed backup, saying where each problem is."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text

    @cached_property
    def places(self) -> Places | None:
        """Where each value starts: worked out only to say where a problem is."""
        try:
            return places(self.text)
        except RecursionError:
            return None

    def refuse(self, where: Where, reason: str) -> BackupRefused:
        line = self.places.line(where) if self.places else None
        return BackupRefused(self.path, line, reason)

    def repeated(self) -> BackupRefused:
        """The refusal of a key given twice in one object, at the second one."""
        found = self.places
        where, offset = found.repeated[0] if found and found.repeated else ((), 0)
        return BackupRefused(
            self.path,
            line_at(self.text, offset) if found else None,
            f"{_path_words(where) or 'a key'} is given twice: the file was edited by hand. "
            "Keep one of them, or restore from the backup as it was made.",
        )

    def backup(self, document: Any) -> Backup:
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise self.refuse(
                (), f'this is not an infoview backup (it has no "format": "{FORMAT}").'
            )
        self._check_versions(document)
        if unknown := sorted(set(document) - _TOP_KEYS):
            raise self.refuse(
                (unknown[0],), f"{unknown[0]!r} is not part of a backup: the file was edited."
            )
        if missing := sorted(_TOP_KEYS - set(document)):
            raise self.refuse((), f"the backup has no {missing[0]!r}: it is incomplete.")
        profile = self._profile(document["profile"])
        settings = self._settings(document["settings"])
        records = self._records(document["records"])
        self._check_links(records)
        return Backup(profile, settings, records)

    def _check_versions(self, document: Mapping[str, Any]) -> None:
        version, schema = document.get("version"), document.get("workbook_schema")
        for key, value in (("version", version), ("workbook_schema", schema)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise self.refuse((key,), f"its {key!r} should be a whole number from 1.")
        assert isinstance(version, int)
        assert isinstance(schema, int)
        if version > VERSION:
            raise self.refuse(
                ("version",),
                f"this backup was made by a newer infoview (backup format {version}; "
                f"this one reads format {VERSION}). Update infoview, then restore it.",
            )
        if schema > newest_version():
            raise self.refuse(
                ("workbook_schema",),
                f"this backup holds a workbook from a newer infoview (workbook format "
                f"{schema}; this one knows up to {newest_version()}). Update infoview, "
                "then restore it.",
            )

    def _profile(self, values: Any) -> StudentProfile:
        where: Where = ("profile",)
        if not isinstance(values, dict):
            raise self.refuse(where, "the profile should be an object of fields.")
        built = self._build(StudentProfile, values, where, "the profile")
        assert isinstance(built, StudentProfile)
        return built

    def _settings(self, values: Any) -> dict[str, str]:
        if not isinstance(values, dict):
            raise self.refuse(("settings",), "the settings should be an object of texts.")
        for key, value in values.items():
            if not isinstance(value, str) or key.startswith(UNSAVED_PREFIX):
                raise self.refuse(
                    ("settings", key),
                    f"the setting {key!r} cannot be restored: a setting is text, and a "
                    "backup holds no unsaved form input.",
                )
        return dict(values)

    def _records(self, values: Any) -> dict[str, list[Record]]:
        names = [table.name for table in RECORD_TABLES]
        if not isinstance(values, dict):
            raise self.refuse(("records",), "the records should be an object of lists.")
        if unknown := sorted(set(values) - set(names)):
            raise self.refuse(
                ("records", unknown[0]), f"{unknown[0]!r} is not a kind of record infoview keeps."
            )
        records: dict[str, list[Record]] = {}
        for table in RECORD_TABLES:
            where: Where = ("records", table.name)
            listed = values.get(table.name)
            if not isinstance(listed, list):
                raise self.refuse(where, f"the backup should list its {table.noun[1]}.")
            records[table.name] = self._table(table, listed, where)
        return records

    def _table(self, table: Table, listed: list[Any], where: Where) -> list[Record]:
        built: list[Record] = []
        numbers: set[int] = set()
        for index, values in enumerate(listed):
            at: Where = (*where, index)
            what = f"{table.noun[0]} {index + 1} of {len(listed)}"
            if not isinstance(values, dict):
                raise self.refuse(at, f"{what} should be an object of fields.")
            number = values.get("id")
            if isinstance(number, bool) or not isinstance(number, int) or number < 1:
                raise self.refuse(
                    (*at, "id"), f'{what} has no number ("id"): every record keeps its own.'
                )
            if number in numbers:
                raise self.refuse((*at, "id"), f"there are two {table.noun[1]} number {number}.")
            numbers.add(number)
            record = self._build(table.record, values, at, f"{table.noun[0]} number {number}")
            built.append(record)
        return built

    def _build(self, kind: type[Any], values: dict[str, Any], where: Where, what: str) -> Any:
        """A record from its fields, checked as the forms check it."""
        known = {item.name: item for item in dataclasses.fields(kind)}
        if unknown := sorted(set(values) - set(known)):
            raise self.refuse(
                (*where, unknown[0]),
                f"{what} has a field {unknown[0]!r} that infoview does not keep.",
            )
        for name, item in known.items():
            if name not in values and item.default is dataclasses.MISSING:
                raise self.refuse(
                    where, f'{what} has no {field_name(kind, name)} ("{name}"), which it needs.'
                )
        try:
            return kind(**values)
        except InvalidRecord as error:
            problem = error.problems[0]
            raise self.refuse(
                (*where, problem.field),
                f'{what}, field {field_name(kind, problem.field)} ("{problem.field}"): '
                f"{problem.message}",
            ) from None

    def _check_links(self, records: Mapping[str, list[Record]]) -> None:
        numbers = {name: {record.id for record in listed} for name, listed in records.items()}
        for table in RECORD_TABLES:
            for index, record in enumerate(records[table.name]):
                for link in table.links:
                    target = getattr(record, link.column)
                    linked = table_for(link.target)
                    if target is not None and target not in numbers[linked.name]:
                        raise self.refuse(
                            ("records", table.name, index, link.column),
                            f"{table.noun[0]} number {record.id}, field "
                            f'{field_name(table.record, link.column)} ("{link.column}"): '
                            f"there is no {linked.noun[0]} number {target} in the backup.",
                        )
        self._check_one_log_per_meeting(records)

    def _check_one_log_per_meeting(self, records: Mapping[str, list[Record]]) -> None:
        logged: set[int] = set()
        for index, log in enumerate(records["interview_logs"]):
            assert isinstance(log, InterviewLog)
            meeting = log.meeting_id
            if meeting in logged:
                raise self.refuse(
                    ("records", "interview_logs", index, "meeting_id"),
                    f"interview log number {log.id}: meeting number {meeting} has another "
                    "interview log already; a meeting has one.",
                )
            logged.add(meeting)


def _path_words(where: Where) -> str:
    return " > ".join(str(part) for part in where)


def _write(scratch: Path, checked: Backup) -> None:
    """Make the workbook at ``scratch``, every record and setting in one transaction."""
    with Workbook.create(scratch, checked.profile) as book, book.transaction() as connection:
        connection.execute("PRAGMA defer_foreign_keys = ON")  # a contact referred by a later one
        for table in RECORD_TABLES:
            for record in checked.records[table.name]:
                store_rows.insert(connection, scratch, table, record, record_id=record.id)
        connection.executemany(
            "INSERT INTO settings (key, value) VALUES (?, ?)", sorted(checked.settings.items())
        )


def _put_in_place(scratch: Path, target: Path) -> None:
    """Give the finished workbook its name, unless a file took that name meanwhile."""
    try:
        os.link(scratch, target)  # fails if the name is taken: never replaces a file
    except FileExistsError:
        _check_target(target)
        raise
    except OSError:  # a file system without hard links
        _check_target(target)
        scratch.replace(target)
