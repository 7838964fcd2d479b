"""The workbook's format version and the forward migrations between versions.

Each file ``migrations/NNNN_what.sql`` takes a workbook from version
``NNNN - 1`` to ``NNNN``. A migration is never edited once released: a change
to the format is a new file. The version lives in SQLite's ``user_version``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import cache
from importlib.resources import files


@dataclass(frozen=True)
class Migration:
    """One step of the format, as SQL statements."""

    version: int
    name: str
    statements: tuple[str, ...]


def split_statements(script: str) -> tuple[str, ...]:
    """Split an SQL script into whole statements.

    >>> split_statements("CREATE TABLE a (x); -- note\\nCREATE TABLE b (y);")
    ('CREATE TABLE a (x); -- note', 'CREATE TABLE b (y);')
    """
    statements: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    leftover = [line for line in pending.splitlines() if not line.strip().startswith("--")]
    if "".join(leftover).strip():
        raise ValueError(f"unfinished SQL statement: {pending.strip()[:60]!r}")
    return tuple(statements)


@cache
def migrations() -> tuple[Migration, ...]:
    """Every migration shipped with this version, in order."""
    folder = files("infoview_lib.store") / "migrations"
    found = []
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if entry.name.endswith(".sql"):
            number, _, name = entry.name.removesuffix(".sql").partition("_")
            found.append(Migration(int(number), name, split_statements(entry.read_text("utf-8"))))
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise RuntimeError(f"migration {expected} is missing: found {migration.name!r}")
    return tuple(found)


def newest_version() -> int:
    """The format version this infoview writes."""
    return len(migrations())


@cache
def tables_of(version: int) -> frozenset[str]:
    """The tables a workbook of format ``version`` has (none for 0, before the first)."""
    connection = sqlite3.connect(":memory:", isolation_level=None)
    try:
        apply_migrations(connection, target=version)
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return frozenset(str(row[0]) for row in rows)
    finally:
        connection.close()


def schema_version(connection: sqlite3.Connection) -> int:
    """The format version of an open workbook."""
    (version,) = connection.execute("PRAGMA user_version").fetchone()
    return int(version)


def apply_migrations(connection: sqlite3.Connection, target: int | None = None) -> int:
    """Bring a workbook up to ``target`` (default: the newest) inside the caller's transaction.

    Returns how many migrations ran. SQLite's schema changes are transactional,
    so a migration that fails leaves the workbook as it was.
    """
    target = newest_version() if target is None else target
    current = schema_version(connection)
    ran = 0
    for migration in migrations():
        if current < migration.version <= target:
            for statement in migration.statements:
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {migration.version:d}")
            ran += 1
    return ran
