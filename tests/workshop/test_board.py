"""``infoview workshop board``: where each student is, not started first."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from infoview_lib.cli import main
from infoview_lib.hub import client as hub_client
from infoview_lib.model import Contact, StudentProfile
from infoview_lib.store import Workbook
from infoview_lib.workshop.board import board_table
from tests.workshop.hub import STUDENTS, Hub, write_roster
from tests.workshop_service import STAMP


@pytest.fixture
def workshop(hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Hub:
    """A workshop of three; the last one sent progress, the first one sent empty progress."""
    hub.as_user("fac")
    roster = write_roster(tmp_path / "roster.csv", STUDENTS)
    assert main(["workshop", "create", str(roster), "--name", "spring"]) == 0
    capsys.readouterr()
    for user, contacts in (("zmartin", 0), ("epapa", 2)):
        path = tmp_path / f"{user}.infoview"
        with Workbook.create(path, StudentProfile(name="Whoever")) as book:
            for number in range(contacts):
                book.add(Contact(name=f"Contact {number}"))
            progress = hub_client.progress_of(book)
        hub.as_user(user)
        hub_client.send_progress(progress)
    hub.as_user("fac")
    return hub


def test_the_board_lists_who_has_not_started_first(
    workshop: Hub, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["workshop", "board", "spring"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "spring: 3 students, 2 not started, 0 handed in"
    assert lines[1].split()[:2] == ["Student", "User"]
    assert "Zoë Martin" in lines[2]
    assert "not started" in lines[2]
    assert "王芳 (Wang Fang)" in lines[3]
    assert "not started" in lines[3]
    assert "Ελένη Παπαδοπούλου" in lines[4]
    assert "2 id" in lines[4]
    assert "Contacts: id = identified" in out
    # the columns line up, wide characters counted twice
    assert lines[2].index("zmartin") == lines[4].index("epapa")
    assert "Contact 0" not in out


def test_board_json_is_the_services(workshop: Hub, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["workshop", "board", "spring", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown == hub_client.board("spring")
    assert [s["user"] for s in shown["students"]] == ["zmartin", "wfang", "epapa"]


def test_board_watch_refreshes_until_ctrl_c(
    workshop: Hub, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    naps: list[float] = []

    def nap(seconds: float) -> None:
        naps.append(seconds)
        if len(naps) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(time, "sleep", nap)
    assert main(["workshop", "board", "spring", "--watch", "2"]) == 0
    out = capsys.readouterr().out
    assert naps == [2.0, 2.0]
    assert out.count("spring: 3 students") == 2


def test_board_errors(hub: Hub, capsys: pytest.CaptureFixture[str]) -> None:
    hub.as_user("fac")
    assert main(["workshop", "board", "nothing-here"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("infoview: ")
    assert "Traceback" not in err


def test_names_are_shown_as_text_never_terminal_codes() -> None:
    reply = {
        "workshop": "spring",
        "students": [{"user": "s1", "name": "Ana\x1b[2J\x07 Lima", "progress": None}],
    }
    table = board_table(reply)
    assert "\x1b" not in table
    assert "\x07" not in table
    assert "Ana?[2J? Lima" in table


def test_a_student_who_handed_in_has_started_even_without_progress() -> None:
    reply = {
        "workshop": "spring",
        "students": [
            {"user": "s1", "name": "Ana", "progress": None, "handed_in_at": STAMP},
            {"user": "s2", "name": "Ben", "progress": None, "handed_in_at": None},
        ],
    }
    lines = board_table(reply).splitlines()
    assert lines[0] == "spring: 2 students, 1 not started, 1 handed in"
    assert lines[2].startswith("Ben ")
    assert "not started" in lines[2]
    assert lines[3].startswith("Ana ")
    assert "not started" not in lines[3]
