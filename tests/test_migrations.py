# mypy: disable-error-code="arg-type"
# (these tests give choices, dates and lists as text, as forms and files do)
"""Older workbooks are brought up to date; the migrations themselves are sound."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from infoview_lib.model import Contact, FollowUp, StudentProfile
from infoview_lib.store import Workbook
from infoview_lib.store import files as workbook_files
from infoview_lib.store.schema import (
    apply_migrations,
    migrations,
    newest_version,
    schema_version,
    split_statements,
)
from infoview_lib.store.tables import CONTACTS, FOLLOW_UPS, PROFILE


def _version_one_workbook(path: Path) -> None:
    """A workbook as the first release wrote it, before the lookup indexes."""
    workbook_files.create_private_file(path)
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("BEGIN")
    connection.execute(f"PRAGMA application_id = {workbook_files.APPLICATION_ID}")
    assert apply_migrations(connection, target=1) == 1
    for table, record in [
        (PROFILE, StudentProfile(name="Ana Lima", target_fields=("law",))),
        (CONTACTS, Contact(name="Wei Ng", status="met")),
        (FOLLOW_UPS, FollowUp(contact_id=1, kind="thank_you", due_on="2026-03-11")),
    ]:
        row = table.to_row(record)
        row["id"] = 1
        connection.execute(
            f"INSERT INTO {table.name} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
            tuple(row.values()),
        )
    connection.execute("COMMIT")
    connection.execute("PRAGMA journal_mode = WAL")
    connection.close()


def _indexes(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT name FROM sqlite_schema WHERE type = 'index'")
        names = {row[0] for row in rows if not row[0].startswith("sqlite_")}
    connection.close()
    return names


def test_an_older_workbook_is_migrated_and_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.infoview"
    _version_one_workbook(path)
    assert _indexes(path) == set()
    with Workbook.open(path) as book:
        assert schema_version(book.snapshot().__enter__()) == newest_version()
        assert book.profile().target_fields == ("law",)
        assert [c.name for c in book.all(Contact)] == ["Wei Ng"]
        assert book.all(FollowUp)[0].due_on.isoformat() == "2026-03-11"
        assert book.integrity_problems() == []
    assert "follow_ups_by_status_due" in _indexes(path)
    with Workbook.open(path) as again:  # a second open has nothing to do
        assert again.count(Contact) == 1


def test_migrations_are_numbered_from_one_without_gaps() -> None:
    found = migrations()
    assert [m.version for m in found] == list(range(1, len(found) + 1))
    assert newest_version() == len(found) >= 2
    assert all(m.statements for m in found)


def test_a_new_workbook_has_the_newest_format(book_path: Path) -> None:
    Workbook.create(book_path, StudentProfile(name="Ana")).close()
    header = workbook_files.read_header(book_path, newest_schema=newest_version())
    assert header.schema_version == newest_version()
    assert header.application_id == workbook_files.APPLICATION_ID


@pytest.mark.parametrize(
    ("script", "statements"),
    [
        ("", ()),
        ("-- only a comment\n", ()),
        ("SELECT 1;", ("SELECT 1;",)),
        ("SELECT ';';\nSELECT 2;\n", ("SELECT ';';", "SELECT 2;")),
    ],
)
def test_split_statements(script: str, statements: tuple[str, ...]) -> None:
    assert split_statements(script) == statements


def test_split_statements_refuses_an_unfinished_statement() -> None:
    with pytest.raises(ValueError, match="unfinished"):
        split_statements("CREATE TABLE a (x")


def test_reading_an_older_workbook_only_brings_a_copy_in_memory_up_to_date(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.infoview"
    _version_one_workbook(path)
    before = path.read_bytes()
    with Workbook.read_only(path) as book:
        assert book.profile().name == "Ana Lima"
        assert [contact.name for contact in book.all(Contact)] == ["Wei Ng"]
        assert book.setting("anything") is None  # the settings table came with a migration
    assert path.read_bytes() == before
    assert schema_version(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) == 1
