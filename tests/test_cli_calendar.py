"""``infoview calendar``: an .ics file from a workbook, owner-only, with one-line errors."""

from __future__ import annotations

import stat
from datetime import date, datetime
from pathlib import Path

import icalendar
import pytest

from infoview_lib.model import Contact, Meeting, StudentProfile
from infoview_lib.store import Workbook
from tests.conftest import run_cli

from .conftest import digest

run = run_cli


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    """A workbook with one meeting planned with Wei, on 20 March 2026 at 17:30."""
    path = tmp_path / "ana.infoview"
    with Workbook.create(path, StudentProfile(name="Ana Lima")) as book:
        wei = book.add(Contact(name="Wei Ng"))
        assert wei.id is not None
        book.add(Meeting(contact_id=wei.id, starts_at=datetime(2026, 3, 20, 17, 30)))
    return path


def test_writes_the_calendar_in_the_time_zone_given(
    capsys: pytest.CaptureFixture[str], workbook: Path
) -> None:
    out = workbook.parent / "meetings.ics"
    code, said, err = run(
        capsys, "calendar", str(workbook), "--out", str(out), "--as-of", "2026-03-16",
        "--time-zone", "America/Chicago",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert said == (
        f"Wrote {out}: 1 meeting(s) and 0 follow-up(s), 0 of them cancelled; "
        "times in America/Chicago.\n"
    )
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    [event] = calendar.events
    assert event["dtstart"].params["TZID"] == "America/Chicago"
    assert event.stamp == datetime(2026, 3, 16, tzinfo=event.stamp.tzinfo)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_the_same_day_gives_the_same_file(
    capsys: pytest.CaptureFixture[str], workbook: Path
) -> None:
    files = [workbook.parent / "one.ics", workbook.parent / "two.ics"]
    for out in files:
        code, _, err = run(
            capsys, "calendar", str(workbook), "--out", str(out), "--as-of", "2026-03-16",
            "--time-zone", "UTC",
        )  # fmt: skip
        assert (code, err) == (0, "")
    assert files[0].read_bytes() == files[1].read_bytes()


def test_as_of_defaults_to_today(capsys: pytest.CaptureFixture[str], workbook: Path) -> None:
    out = workbook.parent / "today.ics"
    code, _, _ = run(capsys, "calendar", str(workbook), "--out", str(out), "--time-zone", "UTC")
    assert code == 0
    events = icalendar.Calendar.from_ical(out.read_bytes()).events
    assert {event.stamp.date() for event in events} == {date.today()}


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        (["--time-zone", "Mars/Olympus"], "'Mars/Olympus' is not a time zone name"),
        (["--as-of", "16/03/2026"], "write it like 2026-03-16"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], workbook: Path, extra: list[str], says: str
) -> None:
    before = digest(workbook)
    out = workbook.parent / "x.ics"
    code, said, err = run(capsys, "calendar", str(workbook), "--out", str(out), *extra)
    assert code != 0
    assert said == ""
    assert says in err
    assert err.count("\n") == 1
    assert err.startswith("infoview: ")
    assert not out.exists()
    assert digest(workbook) == before


def test_out_must_be_an_ics_file_in_a_folder_that_is_there(
    capsys: pytest.CaptureFixture[str], workbook: Path
) -> None:
    code, _, err = run(capsys, "calendar", str(workbook), "--out", str(workbook.parent / "x.txt"))
    assert code == 2
    assert "should end in .ics" in err
    missing = workbook.parent / "nowhere" / "x.ics"
    code, _, err = run(capsys, "calendar", str(workbook), "--out", str(missing))
    assert code == 2
    assert "there is no folder" in err


def test_a_missing_workbook_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(
        capsys, "calendar", str(tmp_path / "none.infoview"), "--out", str(tmp_path / "x.ics")
    )
    assert code == 2
    assert "does not exist" in err
