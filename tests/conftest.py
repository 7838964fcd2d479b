"""Shared fixtures: a fresh workbook in a temporary folder, and a fixed as-of date."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from infoview_lib.model import StudentProfile
from infoview_lib.store import Workbook
from infoview_lib.store.schema import newest_version

AS_OF = date(2026, 3, 16)
HELPERS = Path(__file__).parent / "helpers"


@pytest.fixture
def book_path(tmp_path: Path) -> Path:
    """Where a test's workbook lives (not created yet)."""
    return tmp_path / "student.infoview"


@pytest.fixture
def book(book_path: Path) -> Iterator[Workbook]:
    """A new, empty workbook for Ana Lima."""
    with Workbook.create(book_path, StudentProfile(name="Ana Lima")) as opened:
        yield opened


def digest(path: Path) -> str:
    """A file's SHA-256, to show it was not changed."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def bad_workbooks(folder: Path) -> list[Path]:
    """Workbooks no notebook could open: empty, another kind of file, damaged, too new."""
    (folder / "empty.infoview").touch()
    (folder / "text.infoview").write_text("my notes", encoding="utf-8")
    damaged_workbook(folder / "damaged.infoview")
    newer = folder / "newer.infoview"
    with (
        Workbook.create(newer, StudentProfile(name="Ana Lima")) as book,
        book.transaction() as connection,
    ):
        connection.execute(f"PRAGMA user_version = {newest_version() + 1}")
    return sorted(folder.glob("*.infoview"))


def damaged_workbook(path: Path) -> Path:
    """A workbook whose first table is garbled: its header is sound, so only opening it
    (reading it with SQLite) finds the damage."""
    with Workbook.create(path, StudentProfile(name="Ana Lima")):
        pass
    with path.open("r+b") as damaged:
        damaged.seek(4096)
        damaged.write(b"\xff" * 4096)  # the first table's page
    return path


@contextmanager
def umask(mask: int) -> Iterator[None]:
    """The process's umask is ``mask`` inside the block (its worker processes inherit it)."""
    previous = os.umask(mask)
    try:
        yield
    finally:
        os.umask(previous)
