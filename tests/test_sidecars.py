"""SQLite's ``-wal`` and ``-shm`` are tidied up after a read, never under a live connection."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from infoview_lib.model import Contact, StudentProfile
from infoview_lib.store import Workbook
from infoview_lib.store.sidecars import remove_new_sidecars, sidecars

#: Another program with the workbook open: it reads once, says so, and waits for stdin.
HOLDER = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
connection.execute("SELECT count(*) FROM contacts").fetchone()
print("open", flush=True)
sys.stdin.readline()
connection.close()
"""


def _workbook(tmp_path: Path) -> Path:
    path = tmp_path / "ana.infoview"
    with Workbook.create(path, StudentProfile(name="Ana Lima")) as book:
        book.add(Contact(name="Wei Ng"))
    assert not any(sidecar.exists() for sidecar in sidecars(path))
    return path


def test_sidecars_of_another_programs_live_connection_are_kept(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        assert holder.stdout is not None
        assert holder.stdin is not None
        assert holder.stdout.readline() == "open\n"
        assert all(sidecar.exists() for sidecar in sidecars(path))
        remove_new_sidecars(path, frozenset())  # as if they appeared while a report read
        assert all(sidecar.exists() for sidecar in sidecars(path))
        with Workbook.read_only(path) as book:  # a report meanwhile: reads, removes nothing
            assert [contact.name for contact in book.all(Contact)] == ["Wei Ng"]
        assert all(sidecar.exists() for sidecar in sidecars(path))
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.wait(30) == 0


def test_sidecars_of_this_processs_own_live_connection_are_kept(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    connection = sqlite3.connect(path)
    try:
        connection.execute("SELECT count(*) FROM contacts").fetchone()
        remove_new_sidecars(path, frozenset())
        assert all(sidecar.exists() for sidecar in sidecars(path))
        (count,) = connection.execute("SELECT count(*) FROM contacts").fetchone()
        assert count == 1
    finally:
        connection.close()


def test_sidecars_a_read_left_with_no_one_else_are_removed(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    connection.execute("SELECT count(*) FROM contacts").fetchone()
    connection.close()  # a read-only connection leaves its sidecars
    assert all(sidecar.exists() for sidecar in sidecars(path))
    remove_new_sidecars(path, frozenset())
    assert not any(sidecar.exists() for sidecar in sidecars(path))
