"""Handing in without a hub: a consistent, private, single-file snapshot of saved work only."""

from __future__ import annotations

import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from infoview_lib.cli import main
from infoview_lib.model import Contact, StudentProfile
from infoview_lib.reports.cohort import run_cohort
from infoview_lib.store import Workbook, WorkbookError
from infoview_lib.ui.unsaved import PREFIX
from infoview_lib.workflow import HAND_IN_ADVICE, HAND_IN_SETTING, file_slug, hand_in_file
from tests.conftest import AS_OF, HELPERS, umask

AT = datetime.fromisoformat("2026-03-16T14:05:00+01:00")
UNSAVED_TEXT = "XYZZY-not-saved-yet"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def beside(path: Path) -> list[str]:
    """What is in a file's folder, by name."""
    return sorted(item.name for item in path.parent.iterdir())


@pytest.fixture
def usual_umask() -> Iterator[None]:
    with umask(0o022):
        yield


@pytest.fixture
def student(book: Workbook) -> Workbook:
    """Ana Lima's workbook with a contact, a deleted one and unsaved input."""
    book.add(Contact(name="Wei Ng", phone="+1 555 010 0142"))
    gone = book.add(Contact(name="Deleted Person", notes="DELETED-NOTE-QWERTY"))
    assert gone.id is not None
    book.delete(Contact, gone.id)
    book.save_setting(f"{PREFIX}outreach:1", f'{{"body": "{UNSAVED_TEXT}"}}')
    book.save_setting("kept", "yes")
    return book


# -- the snapshot --------------------------------------------------------------------------


def test_a_hand_in_is_private_one_file_and_saved_work_only(
    student: Workbook, tmp_path: Path, usual_umask: None
) -> None:
    folder = tmp_path / "new" / "hand-ins"
    saved = hand_in_file(student, folder, today=AS_OF, at=AT)
    assert saved == folder / "ana-lima-2026-03-16.infoview"
    assert mode(saved) == 0o600
    assert mode(folder) == mode(folder.parent) == 0o700
    assert beside(saved) == [saved.name]  # no -wal, -shm, -journal nor temporary file
    data = saved.read_bytes()
    assert data[18:20] == b"\x01\x01"  # the rollback journal, not WAL: one file
    assert UNSAVED_TEXT.encode() not in data
    assert b"DELETED-NOTE-QWERTY" not in data  # no deleted text in free pages either
    with Workbook.read_only(saved) as copy:
        assert copy.settings() == {HAND_IN_SETTING: AT.isoformat(), "kept": "yes"}
        assert [contact.name for contact in copy.all(Contact)] == ["Wei Ng"]
        assert copy.integrity_problems() == []
    with Workbook.open(saved) as copy:
        copy.add(Contact(name="Added by the advisor"))
    assert beside(saved) == [saved.name]
    # The student's own workbook keeps its unsaved input, and records the hand-in.
    assert student.setting(f"{PREFIX}outreach:1") is not None
    assert student.setting(HAND_IN_SETTING) == "2026-03-16T14:05:00+01:00"


def test_the_same_day_replaces_the_earlier_hand_in(student: Workbook, tmp_path: Path) -> None:
    first = hand_in_file(student, tmp_path, today=AS_OF, at=AT)
    student.add(Contact(name="Sam Okafor"))
    later = datetime.fromisoformat("2026-03-16T16:30:00+01:00")
    second = hand_in_file(student, tmp_path, today=AS_OF, at=later)
    assert second == first
    with Workbook.read_only(second) as copy:
        assert copy.count(Contact) == 2
        assert copy.setting(HAND_IN_SETTING) == later.isoformat()
    assert student.setting(HAND_IN_SETTING) == later.isoformat()
    next_day = hand_in_file(student, tmp_path, today=date(2026, 3, 17), at=later)
    assert sorted(path.name for path in tmp_path.glob("*.infoview")) == [
        "ana-lima-2026-03-16.infoview",
        "ana-lima-2026-03-17.infoview",
        "student.infoview",
    ]
    assert next_day.name == "ana-lima-2026-03-17.infoview"


def test_the_time_is_the_given_day_at_the_clocks_time_when_not_given(
    book: Workbook, tmp_path: Path
) -> None:
    before = datetime.now().astimezone().replace(microsecond=0)
    hand_in_file(book, tmp_path / "out", today=AS_OF)
    after = datetime.now().astimezone()
    recorded = datetime.fromisoformat(book.setting(HAND_IN_SETTING) or "")
    assert recorded.tzinfo is not None
    assert recorded.date() == AS_OF
    assert before.timetz() <= recorded.timetz() <= after.timetz() or before.date() != after.date()


def test_an_earlier_hand_in_that_is_open_is_not_replaced(student: Workbook, tmp_path: Path) -> None:
    earlier = hand_in_file(student, tmp_path / "out", today=AS_OF, at=AT)
    with Workbook.open(earlier) as opened:  # WAL mode: its -wal and -shm are beside it
        opened.add(Contact(name="Read by the student"))
        with pytest.raises(WorkbookError, match="is open in another program"):
            hand_in_file(student, tmp_path / "out", today=AS_OF, at=AT)
        assert beside(earlier) == sorted(
            [earlier.name, f"{earlier.name}-shm", f"{earlier.name}-wal"]
        )
    again = hand_in_file(student, tmp_path / "out", today=AS_OF, at=AT)
    assert beside(again) == [again.name]
    with Workbook.read_only(again) as copy:
        assert copy.count(Contact) == 1


def test_a_failed_hand_in_leaves_nothing_and_records_nothing(
    student: Workbook, book_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    (out / "ana-lima-2026-03-16.infoview").mkdir(parents=True)  # in the way: cannot be replaced
    with pytest.raises(IsADirectoryError):
        hand_in_file(student, out, today=AS_OF, at=AT)
    assert beside(out / "x") == ["ana-lima-2026-03-16.infoview"]  # no temporary copy left
    assert student.setting(HAND_IN_SETTING) is None
    assert main(["hand-in", str(book_path), "--out", str(out), "--as-of", "2026-03-16"]) == 1
    said = capsys.readouterr()
    assert said.err.startswith("infoview: Is a directory")
    assert said.err.count("\n") == 1
    assert student.setting(HAND_IN_SETTING) is None


def test_a_copy_never_replaces_the_workbook_itself(book: Workbook, book_path: Path) -> None:
    before = beside(book_path)
    with pytest.raises(WorkbookError, match="is the workbook itself"):
        book.backup_to(book_path)
    assert beside(book_path) == before
    assert book.profile().name == "Ana Lima"


def test_a_copy_inside_a_change_is_refused(book: Workbook, tmp_path: Path) -> None:
    with book.transaction(), pytest.raises(RuntimeError, match="inside transaction"):
        book.backup_to(tmp_path / "copy.infoview")
    assert not (tmp_path / "copy.infoview").exists()


def test_a_read_only_workbook_can_be_copied(student: Workbook, tmp_path: Path) -> None:
    with Workbook.read_only(student.path) as reading:
        copy = reading.backup_to(tmp_path / "copy.infoview")
    with Workbook.read_only(copy) as opened:
        assert opened.settings() == {"kept": "yes"}


def test_a_hand_in_is_named_safely() -> None:
    assert file_slug("José Álvarez") == "jose-alvarez"
    assert file_slug("../../etc/passwd") == "etc-passwd"
    assert file_slug("  ") == file_slug("🙂") == "student"


# -- consistency while another program writes ------------------------------------------------


def _consistent_names(path: Path) -> list[str]:
    """The contacts of a copy, checked to be whole: each with its message and follow-up."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert connection.execute("PRAGMA quick_check").fetchone() == ("ok",)
        names = [row[0] for row in connection.execute("SELECT name FROM contacts ORDER BY id")]
        for name in ("outreach", "follow_ups"):
            (count,) = connection.execute(f"SELECT count(*) FROM {name}").fetchone()
            assert count == len(names), f"{name}: {count} for {len(names)} contacts"
    finally:
        connection.close()
    return names


def test_a_snapshot_is_consistent_while_another_process_writes(
    book: Workbook, book_path: Path, tmp_path: Path
) -> None:
    writer = subprocess.Popen(
        [sys.executable, str(HELPERS / "writer.py"), str(book_path), "w", "0", "--with-children"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    counts: list[int] = []
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "w-0", "the writer did not start"
        # Fifteen copies at least, more on a busy machine until the writer is seen writing.
        for number in range(100):
            if number >= 15 and len(set(counts)) > 2:
                break
            copy = book.backup_to(tmp_path / "copies" / f"{number}.infoview")
            names = _consistent_names(copy)
            assert names == [f"w-{index}" for index in range(len(names))]  # nothing missing
            made = sorted(f"{earlier}.infoview" for earlier in range(number + 1))
            assert beside(copy) == made  # no side files, no temporary copy left
            counts.append(len(names))
    finally:
        writer.kill()
        writer.communicate(timeout=30)
    assert len(set(counts)) > 2, f"the writer hardly wrote between copies: {counts}"
    assert counts == sorted(counts)
    assert book.count(Contact) >= counts[-1]


# -- the command -----------------------------------------------------------------------------


def test_the_command_says_where_and_what_to_do(
    student: Workbook, book_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    arguments = ["hand-in", str(book_path), "--out", str(out), "--as-of", "2026-03-16"]
    assert main(arguments) == 0
    said = capsys.readouterr()
    saved = out / "ana-lima-2026-03-16.infoview"
    assert said.out == f"Handed in: {saved}\n{HAND_IN_ADVICE}\n"
    assert said.err == ""
    assert "send it only to them" in HAND_IN_ADVICE
    recorded = student.setting(HAND_IN_SETTING)
    assert recorded is not None
    assert recorded.startswith("2026-03-16T")  # the day given, at the clock's time
    with Workbook.read_only(saved) as copy:
        assert copy.setting(HAND_IN_SETTING) == student.setting(HAND_IN_SETTING)


def test_the_command_saves_into_the_home_folder_by_default(
    book: Workbook,
    book_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    usual_umask: None,
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    assert main(["hand-in", str(book_path), "--as-of", "2026-03-16"]) == 0
    saved = home / "infoview" / "hand-ins" / "ana-lima-2026-03-16.infoview"
    assert f"Handed in: {saved}" in capsys.readouterr().out
    assert mode(saved) == 0o600
    assert mode(saved.parent) == mode(saved.parent.parent) == 0o700
    assert mode(home) == 0o755


def test_a_missing_workbook_is_said_plainly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.infoview"
    assert main(["hand-in", str(missing), "--out", str(tmp_path / "out")]) == 1
    said = capsys.readouterr()
    assert said.err.startswith(f"infoview: There is no workbook at {missing}.")
    assert said.err.count("\n") == 1
    assert said.out == ""
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("day", ["2026-13-01", "16/03/2026", "3026-01-01"])
def test_a_bad_date_is_a_usage_error(
    book_path: Path, book: Workbook, tmp_path: Path, day: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["hand-in", str(book_path), "--out", str(tmp_path / "o"), "--as-of", day]) == 2
    said = capsys.readouterr()
    assert said.err.startswith("infoview: Invalid value for '--as-of'")
    assert said.err.count("\n") == 1
    assert not (tmp_path / "o").exists()
    assert book.setting(HAND_IN_SETTING) is None


# -- what the advisor does with them -----------------------------------------------------------


def test_cohort_reports_on_a_folder_of_hand_ins(tmp_path: Path) -> None:
    hand_ins = tmp_path / "hand-ins"
    for name in ("Ana Lima", "José Álvarez"):
        path = tmp_path / f"{file_slug(name)}.infoview"
        with Workbook.create(path, StudentProfile(name=name)) as book:
            book.add(Contact(name="Wei Ng"))
            book.save_setting(f"{PREFIX}outreach:1", UNSAVED_TEXT)
            hand_in_file(book, hand_ins, today=AS_OF, at=AT)
    result = run_cohort(hand_ins, tmp_path / "reports", as_of=AS_OF, jobs=1, progress=False)
    assert [row.error for row in result.rows] == [None, None]
    assert sorted(row.report for row in result.rows) == ["ana-lima.pdf", "jose-alvarez.pdf"]
    assert all((tmp_path / "reports" / row.report).is_file() for row in result.rows)
    assert result.csv is not None
    assert result.pdf is not None
