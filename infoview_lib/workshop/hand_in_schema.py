"""Checking that a hand-in is a workbook as infoview makes it, before anything reads it:
exactly the tables and indexes of its format, defined as infoview defines them, and no
view or trigger."""

from __future__ import annotations

import sqlite3
from functools import cache
from pathlib import Path

from infoview_lib.errors import InfoviewError
from infoview_lib.store import Workbook, schema, sidecars
from infoview_lib.store.connection import connect_read_only, translated_errors

__all__ = ["NotAsMade", "check_schema"]


class NotAsMade(InfoviewError):
    """A hand-in whose insides are not a workbook's as infoview makes it (a view, a
    trigger, a table of its own): someone made or changed it by hand."""


@cache
def _workbook_schema(version: int) -> frozenset[tuple[str, str, str, str | None]]:
    """Every table, index (and nothing else) a workbook of format ``version`` has: type,
    name, table and SQL, as SQLite's schema table lists them."""
    connection = sqlite3.connect(":memory:", isolation_level=None)
    try:
        schema.apply_migrations(connection, target=version)
        return frozenset(tuple(row) for row in connection.execute(_SCHEMA_QUERY))
    finally:
        connection.close()


_SCHEMA_QUERY = "SELECT type, name, tbl_name, sql FROM sqlite_master"


def check_schema(path: Path) -> None:
    """Refuse a hand-in that is not a workbook as infoview makes it, before reading it.

    A workbook has no view and no trigger, and exactly the tables and indexes of its
    format, defined as infoview defines them; a file with anything else (a view that
    never ends, a trigger, a table loosened to take what a workbook refuses) raises
    :class:`NotAsMade` with a plain reason. Only SQLite's list of what the file holds is
    read, through a read-only connection; nothing in the file runs. Raises what
    :meth:`Workbook.check_file` raises for a file that is plainly not a workbook.
    """
    Workbook.check_file(path)
    existed = sidecars.existing_sidecars(path)
    try:
        connection = connect_read_only(path)
        try:
            with translated_errors(path):
                version = schema.schema_version(connection)
                found = {tuple(row) for row in connection.execute(_SCHEMA_QUERY)}
        finally:
            connection.close()
    finally:
        sidecars.remove_new_sidecars(path, existed)  # reading leaves nothing behind
    expected = _workbook_schema(version)
    then = "it was made or changed outside infoview: ask the student to hand in again from infoview"
    odd = sorted(str(row[1]) for row in found if row[0] in ("view", "trigger"))
    if odd:
        raise NotAsMade(
            f"it holds a view or a trigger ({', '.join(odd)}), which a workbook never has; {then}."
        )
    names = {(row[0], row[1]) for row in expected}
    extra = sorted(str(row[1]) for row in found if (row[0], row[1]) not in names)
    if extra:
        raise NotAsMade(
            f"it holds tables or indexes a workbook does not have ({', '.join(extra)}); {then}."
        )
    changed = sorted(str(row[1]) for row in found if row not in expected)
    if changed:
        raise NotAsMade(
            f"its {', '.join(changed)} {'is' if len(changed) == 1 else 'are'} not defined as "
            f"in a workbook; {then}."
        )
