"""Files that are not usable workbooks give a clear error and are never modified."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from infoview_lib.model import Contact, StudentProfile
from infoview_lib.store import (
    NotAWorkbook,
    Workbook,
    WorkbookCorrupt,
    WorkbookError,
    WorkbookExists,
    WorkbookMissing,
    WorkbookTooNew,
)
from infoview_lib.store.files import APPLICATION_ID
from infoview_lib.store.schema import newest_version

from .conftest import digest


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _text_file(path: Path) -> None:
    path.write_text("name,email\nAna,ana@example.org\n", encoding="utf-8")


def _random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(8192))


def _truncated_header(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + b"\x10\x00")


def _other_sqlite_database(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)")
        connection.execute("INSERT INTO contacts (name) VALUES ('not ours')")
    connection.close()


def _workbook_with_damaged_pages(path: Path) -> None:
    with Workbook.create(path, StudentProfile(name="Ana")) as book:
        for number in range(200):
            book.add(Contact(name=f"Contact {number}", notes="x" * 500))
    data = bytearray(path.read_bytes())
    data[100:4096] = os.urandom(3996)  # the schema page, after the intact header
    path.write_bytes(bytes(data))


def _workbook_cut_short(path: Path) -> None:
    with Workbook.create(path, StudentProfile(name="Ana")) as book:
        for number in range(200):
            book.add(Contact(name=f"Contact {number}", notes="x" * 500))
    path.write_bytes(path.read_bytes()[: 4096 + 100])


def _newer_workbook(path: Path) -> None:
    with Workbook.create(path, StudentProfile(name="Ana")) as book:
        book.add(Contact(name="Wei Ng"))
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA user_version = {newest_version() + 1}")
    connection.close()


def _marked_database_without_tables(path: Path) -> None:
    """A database with infoview's application id and nothing else in it."""
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.close()


def _marked_database_of_other_tables(path: Path) -> None:
    """A database with infoview's application id, a format number and someone else's tables."""
    _other_sqlite_database(path)
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute("PRAGMA user_version = 1")
    connection.close()


def _workbook_missing_a_table(path: Path) -> None:
    with Workbook.create(path, StudentProfile(name="Ana")) as book:
        book.add(Contact(name="Wei Ng"))
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("DROP TABLE follow_ups")
    connection.close()


@pytest.mark.parametrize(
    ("make", "error", "words"),
    [
        (_empty, NotAWorkbook, "empty file"),
        (_marked_database_without_tables, NotAWorkbook, "is not an infoview workbook"),
        (_marked_database_of_other_tables, NotAWorkbook, "is not an infoview workbook"),
        (_workbook_missing_a_table, WorkbookCorrupt, "damaged"),
        (_text_file, NotAWorkbook, "not an infoview workbook"),
        (_random_bytes, NotAWorkbook, "not an infoview workbook"),
        (_truncated_header, WorkbookCorrupt, "cut short"),
        (_other_sqlite_database, NotAWorkbook, "a database, but not an infoview workbook"),
        (_workbook_with_damaged_pages, WorkbookCorrupt, "damaged"),
        (_workbook_cut_short, WorkbookCorrupt, "damaged"),
        (_newer_workbook, WorkbookTooNew, "newer version of infoview"),
    ],
    ids=lambda value: getattr(value, "__name__", str(value)).strip("_"),
)
def test_unusable_files_are_refused_and_left_unchanged(
    tmp_path: Path, make: object, error: type[WorkbookError], words: str
) -> None:
    path = tmp_path / "student.infoview"
    make(path)  # type: ignore[operator]
    before = digest(path)
    with pytest.raises(error) as caught, Workbook.open(path) as book:
        book.all(Contact)  # damage deep in the file shows up on reading
    assert words in str(caught.value)
    assert str(path) in str(caught.value)
    assert "\n" not in str(caught.value)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["student.infoview"]


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(WorkbookMissing, match="infoview init"):
        Workbook.open(tmp_path / "nope.infoview")
    with pytest.raises(NotAWorkbook, match="is a folder"):
        Workbook.open(tmp_path)


def test_create_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "precious.infoview"
    path.write_text("my thesis", encoding="utf-8")
    with pytest.raises(WorkbookExists, match="never overwrites"):
        Workbook.create(path, StudentProfile(name="Ana"))
    assert path.read_text(encoding="utf-8") == "my thesis"


def test_create_with_a_bad_profile_leaves_no_file(tmp_path: Path) -> None:
    path = tmp_path / "ana.infoview"
    with pytest.raises(ValueError, match="Email"):
        Workbook.create(path, StudentProfile(name="Ana", email="nope"))
    assert not path.exists()


def test_create_makes_missing_folders(tmp_path: Path) -> None:
    path = tmp_path / "cohort" / "2026" / "ana.infoview"
    with Workbook.create(path, StudentProfile(name="Ana")) as book:
        assert book.profile().name == "Ana"
    assert path.exists()


@pytest.mark.parametrize("given", ["", ".", "/"])
def test_create_needs_a_file_name(
    tmp_path: Path, given: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(WorkbookError, match="not a file name") as caught:
        Workbook.create(given, StudentProfile(name="Ana"))
    assert type(caught.value) is WorkbookError
    assert list(tmp_path.iterdir()) == []
