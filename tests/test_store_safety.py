# mypy: disable-error-code="arg-type"
# (these tests give choices, dates and lists as text, as forms and files do)
"""Saved work stays saved: edits from two windows, nested changes, copies, plain errors."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from infoview_lib.model import Contact, InvalidRecord, Outreach, Priority
from infoview_lib.store import Workbook, WorkbookBusy, WorkbookCorrupt, WorkbookError
from infoview_lib.store.connection import connect_read_only, explain

from .conftest import HELPERS


def test_two_windows_editing_different_fields_both_keep_their_change(
    book: Workbook, book_path: Path
) -> None:
    contact = book.add(Contact(name="Wei Ng"))
    other_window = Workbook.open(book_path)
    try:
        other_window.edit(Contact, contact.id or 0, notes="Prefers email")
        book.edit(Contact, contact.id or 0, priority="high")
    finally:
        other_window.close()
    saved = book.get(Contact, contact.id or 0)
    assert saved.notes == "Prefers email"
    assert saved.priority is Priority.HIGH


def test_edit_validates_and_names_unknown_fields(book: Workbook) -> None:
    contact = book.add(Contact(name="Wei Ng"))
    with pytest.raises(InvalidRecord, match="Email"):
        book.edit(Contact, contact.id or 0, email="nope")
    with pytest.raises(TypeError, match="no field 'colour'"):
        book.edit(Contact, contact.id or 0, colour="red")
    with pytest.raises(InvalidRecord, match="no contact number 9"):
        book.edit(Contact, contact.id or 0, referred_by=9)
    assert book.get(Contact, contact.id or 0) == contact


def _add_then_fail(book: Workbook) -> None:
    with book.transaction():
        book.add(Contact(name="Second half"))
        raise ValueError("the inner step failed")


def test_a_failed_inner_block_undoes_only_itself(book: Workbook) -> None:
    with book.transaction():
        book.add(Contact(name="First half"))
        with pytest.raises(ValueError, match="inner step"):
            _add_then_fail(book)
        book.add(Contact(name="Third part"))
    assert [c.name for c in book.all(Contact)] == ["First half", "Third part"]


def test_a_copy_of_an_open_workbook_holds_what_was_saved(
    book: Workbook, book_path: Path, tmp_path: Path
) -> None:
    for number in range(30):
        book.add(Contact(name=f"Contact {number}"))
    copy = tmp_path / "copy.infoview"
    shutil.copyfile(book_path, copy)  # the file alone, as a sync client or advisor takes it
    with Workbook.open(copy) as copied:
        assert copied.count(Contact) == 30


def test_a_read_only_workbook_is_refused_plainly(
    book: Workbook, book_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book.add(Contact(name="Wei Ng"))
    book.close()
    before = book_path.read_bytes()
    real_access = os.access

    def read_only(path: object, mode: int, **kwargs: object) -> bool:
        # Tests run as root in CI, who may write anything: say what a student would be told.
        if Path(str(path)) == book_path and mode & os.W_OK:
            return False
        return real_access(path, mode)

    monkeypatch.setattr(os, "access", read_only)
    with pytest.raises(WorkbookError, match="read-only"):
        Workbook.open(book_path)
    assert book_path.read_bytes() == before
    assert sorted(p.name for p in book_path.parent.iterdir()) == [book_path.name]


@pytest.mark.parametrize(
    ("code", "error", "words"),
    [
        (sqlite3.SQLITE_FULL, WorkbookError, "disk is full"),
        (sqlite3.SQLITE_READONLY, WorkbookError, "read-only"),
        (sqlite3.SQLITE_CANTOPEN, WorkbookError, "cannot be opened"),
        (sqlite3.SQLITE_IOERR, WorkbookError, "could not read or write"),
        (sqlite3.SQLITE_BUSY, WorkbookBusy, "busy"),
        (sqlite3.SQLITE_CORRUPT, WorkbookCorrupt, "damaged"),
        (sqlite3.SQLITE_NOTADB, WorkbookCorrupt, "damaged"),
    ],
)
def test_sqlite_errors_are_said_plainly(
    tmp_path: Path, code: int, error: type[WorkbookError], words: str
) -> None:
    raised = sqlite3.OperationalError("low-level detail")
    raised.sqlite_errorcode = code
    explained = explain(tmp_path / "ana.infoview", raised)
    assert type(explained) is error
    assert words in str(explained)


def test_an_older_loose_workbook_is_made_private_and_safe(book: Workbook, book_path: Path) -> None:
    book.add(Outreach(contact_id=book.add(Contact(name="Wei Ng")).id or 0))
    book.close()
    with sqlite3.connect(book_path, isolation_level=None) as connection:
        connection.execute("PRAGMA journal_mode = DELETE")
    connection.close()
    book_path.chmod(0o644)
    with Workbook.open(book_path) as reopened:
        (mode,) = reopened.snapshot().__enter__().execute("PRAGMA journal_mode").fetchone()
        assert mode == "wal"
    assert stat.S_IMODE(book_path.stat().st_mode) == 0o600


def test_opening_never_removes_files_another_program_is_using(
    book: Workbook, book_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book.close()  # no sidecar files now: the next open finds none
    start = time.time() + 1.5
    others: list[subprocess.Popen[str]] = []

    def probe_while_another_program_opens(path: Path) -> sqlite3.Connection:
        if not others:  # another notebook opens between our look and our check
            other = subprocess.Popen(
                [
                    sys.executable,
                    str(HELPERS / "writer.py"),
                    str(path),
                    "other",
                    "50",
                    "--start-at",
                    f"{start:.3f}",
                    "--pause",
                    "0.002",
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            others.append(other)
            assert other.stdout is not None
            assert other.stdout.readline().strip() == "ready"
        return connect_read_only(path)

    monkeypatch.setattr(
        "infoview_lib.store.opening.connect_read_only", probe_while_another_program_opens
    )
    with Workbook.open(book_path) as reopened:
        time.sleep(max(0.0, start - time.time()))
        for number in range(50):
            reopened.add(Contact(name=f"this-{number}"))
            time.sleep(0.002)
        (other,) = others
        _, err = other.communicate(timeout=120)
        assert other.returncode == 0, err
    with Workbook.open(book_path) as final:
        assert final.integrity_problems() == []
        names = {c.name for c in final.all(Contact)}
    assert names == {f"{side}-{n}" for side in ("this", "other") for n in range(50)}
