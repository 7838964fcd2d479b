"""The JSON backup: every record and setting of a workbook, in a documented, versioned file.

The format is described in ``docs/backup-format.md``. In short: one JSON object with
``"format": "infoview-backup"``, its ``"version"`` (:data:`VERSION`), the workbook's
``"workbook_schema"``, the ``"profile"``, the ``"settings"`` (without unsaved form
input) and the ``"records"``, a list per table in the order of their numbers, each
record with every field. Keys are sorted, lists ordered by number, and nothing records
the moment of the backup, so the same workbook always gives the same bytes, and a
backup restored (:mod:`.restore`) and backed up again is identical byte for byte.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

from infoview_lib.exports.records import records_of
from infoview_lib.exports.targets import write_export
from infoview_lib.store import Workbook
from infoview_lib.store.schema import newest_version
from infoview_lib.store.snapshot import UNSAVED_PREFIX
from infoview_lib.store.tables import RECORD_TABLES

#: What the ``"format"`` of every backup says.
FORMAT = "infoview-backup"
#: The backup format this infoview writes, and the newest it reads.
VERSION = 1


def backup(book: Workbook) -> dict[str, Any]:
    """Everything saved in ``book`` as plain JSON values, read as of one moment."""
    with book.snapshot():
        return {
            "format": FORMAT,
            "version": VERSION,
            "workbook_schema": newest_version(),  # an older workbook is read brought up to date
            "profile": fields_of(book.profile()),
            "settings": {
                key: value
                for key, value in book.settings().items()
                if not key.startswith(UNSAVED_PREFIX)
            },
            "records": {
                table.name: [fields_of(record) for record in records_of(book, table)]
                for table in RECORD_TABLES
            },
        }


def backup_bytes(book: Workbook) -> bytes:
    """``book``'s backup as the file's bytes: UTF-8 JSON, indented, keys sorted."""
    text = json.dumps(backup(book), ensure_ascii=False, indent=2, sort_keys=True)
    return (text + "\n").encode("utf-8")


def write_backup(book: Workbook, target: Path, *, replace: bool = False) -> Path:
    """Write ``book``'s backup at ``target`` (0600); unless ``replace``, never over a file."""
    return write_export(target, backup_bytes(book), replace=replace)


def fields_of(record: object) -> dict[str, Any]:
    """A record's every field as a JSON value.

    >>> from infoview_lib.model import Contact
    >>> fields_of(Contact(id=3, name="Ana Lima"))["category"]
    'other'
    """
    assert dataclasses.is_dataclass(record)
    return {
        item.name: json_value(getattr(record, item.name)) for item in dataclasses.fields(record)
    }


def json_value(value: object) -> Any:
    """A field's value as JSON: a choice by its value, dates in ISO 8601, lists as lists.

    >>> json_value(datetime(2026, 3, 14, 10, 30)), json_value(("a", "b"))
    ('2026-03-14T10:30', ['a', 'b'])
    """
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [json_value(item) for item in value]
    return value
