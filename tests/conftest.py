"""Shared fixtures: a fresh workbook in a temporary folder, and a fixed as-of date."""

from __future__ import annotations

import hashlib
import os
import time
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
#: Tables the browser tests write for a person to read (the axe-core counts per page and
#: state), printed at the end of the run that wrote them.
PRINTED_REPORTS = [
    Path(__file__).parent.parent / "screenshots" / name for name in ("axe.md", "axe-lab.md")
]
_STARTED = pytest.StashKey[float]()


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.stash[_STARTED] = time.time()


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    """Print the tables written during this run: here, in the process that reports (the
    test files run in worker processes, whose own output is not shown)."""
    started = config.stash.get(_STARTED, time.time())
    for table in PRINTED_REPORTS:
        if table.is_file() and table.stat().st_mtime >= started:
            terminalreporter.section(f"{table.name}: axe-core results per page and state")
            terminalreporter.write(table.read_text(encoding="utf-8"))


@pytest.fixture
def book_path(tmp_path: Path) -> Path:
    """Where a test's workbook lives (not created yet)."""
    return tmp_path / "student.infoview"


@pytest.fixture
def book(book_path: Path) -> Iterator[Workbook]:
    """A new, empty workbook for Ana Lima."""
    with Workbook.create(book_path, StudentProfile(name="Ana Lima")) as opened:
        yield opened


def run_cli(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    """Run ``infoview`` with ``args`` (each made a string); its exit status, output and errors."""
    from infoview_lib.cli import main

    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


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
