"""A record written as its table's row: inserting it, updating some of its columns, the
records it links to, and the ``WHERE`` clause that finds records by their fields' values.

What SQLite refuses is said in the student's words: an interview log for a meeting that
has one already, a link to a record that is not in the workbook.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from infoview_lib.model import InvalidRecord, Problem, Record
from infoview_lib.model.labels import field_name
from infoview_lib.store.errors import RecordNotFound, WorkbookError
from infoview_lib.store.tables import Table, table_for

#: What a table's one-of-a-kind rule (``UNIQUE``) means, as a problem with the field it is on.
_DUPLICATE = {
    "interview_logs": Problem(
        "meeting_id", "This meeting already has an interview log: edit that one instead."
    )
}


def insert(
    connection: sqlite3.Connection,
    path: Path,
    table: Table,
    record: object,
    record_id: int | None = None,
) -> int:
    """Insert a record's row; returns its id."""
    row = table.to_row(record)
    row["id"] = record_id
    columns = ", ".join(row)
    marks = ", ".join(f":{name}" for name in row)
    try:
        cursor = connection.execute(f"INSERT INTO {table.name} ({columns}) VALUES ({marks})", row)
    except sqlite3.IntegrityError as error:
        raise _integrity_error(path, table, error) from error
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def update(
    connection: sqlite3.Connection,
    path: Path,
    table: Table,
    record: object,
    record_id: int,
    columns: tuple[str, ...] | None = None,
) -> None:
    """Write ``columns`` (default: all of them) of a record over its row."""
    row = table.to_row(record)
    row["id"] = record_id
    assignments = ", ".join(f"{name} = :{name}" for name in columns or table.columns)
    try:
        cursor = connection.execute(f"UPDATE {table.name} SET {assignments} WHERE id = :id", row)
    except sqlite3.IntegrityError as error:
        raise _integrity_error(path, table, error) from error
    if cursor.rowcount != 1:
        raise RecordNotFound(
            path,
            f"There is no {table.noun[0]} number {record_id} in this workbook: "
            "it may have been deleted in another window.",
        )


def check_links(connection: sqlite3.Connection, table: Table, record: Record) -> None:
    """Refuse a record that links to a record not in the workbook, naming the field."""
    for link in table.links:
        target_id = getattr(record, link.column)
        if target_id is None:
            continue
        target = table_for(link.target)
        found = connection.execute(
            f"SELECT 1 FROM {target.name} WHERE id = ?", (target_id,)
        ).fetchone()
        if found is None:
            message = (
                f"{field_name(table.record, link.column)}: there is no {target.noun[0]} "
                f"number {target_id} in this workbook; pick one from the list."
            )
            raise InvalidRecord(table.record.__name__, [Problem(link.column, message)])


def where(table: Table, values: dict[str, object]) -> tuple[str, dict[str, object]]:
    """The ``WHERE`` clause (with its leading space) for fields equal to ``values``."""
    if not values:
        return "", {}
    unknown = set(values) - set(table.columns)
    if unknown:
        raise TypeError(f"{table.record.__name__} has no field {sorted(unknown)[0]!r}")
    encoded = table.encode(values)
    clause = " AND ".join(
        f"{name} IS NULL" if value is None else f"{name} = :{name}"
        for name, value in encoded.items()
    )
    return f" WHERE {clause}", encoded


def _integrity_error(path: Path, table: Table, error: sqlite3.IntegrityError) -> Exception:
    if "UNIQUE" in str(error) and table.name in _DUPLICATE:
        return InvalidRecord(table.record.__name__, [_DUPLICATE[table.name]])
    return WorkbookError(
        path,
        f"The change could not be saved, because it does not fit with what the workbook "
        f"already holds ({error}). Reload the page and try again.",
    )
