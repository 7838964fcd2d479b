"""``infoview workshop delete NAME``: a workshop deleted on the hub when it is over."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from infoview_lib.cli import main
from infoview_lib.hub import client as hub_client
from infoview_lib.hub.client import HUB_URL_VARIABLE
from infoview_lib.model import StudentProfile
from infoview_lib.store import Workbook
from infoview_lib.workflow import TO_WORKSHOP, hand_in_to_workshop
from tests.conftest import AS_OF
from tests.workshop.hub import STUDENTS, Hub, write_roster


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["workshop", "delete", *args])
    said = capsys.readouterr()
    return code, said.out, said.err


@pytest.fixture
def spring(hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Hub:
    """The workshop spring (three students), two of whom handed in."""
    hub.as_user("fac")
    roster = write_roster(tmp_path / "roster.csv", STUDENTS)
    assert main(["workshop", "create", str(roster), "--name", "spring"]) == 0
    for user, name in (("zmartin", "Zoë Martin"), ("epapa", "Ελένη Παπαδοπούλου")):
        hub.as_user(user)
        path = tmp_path / f"{user}.infoview"
        with Workbook.create(path, StudentProfile(name=name)) as book:
            assert hand_in_to_workshop(book, today=AS_OF).where == TO_WORKSHOP
    hub.as_user("fac")
    capsys.readouterr()
    return hub


def test_delete_says_what_it_deleted_and_frees_the_students(
    spring: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "spring", "--yes")
    assert (code, err) == (0, "")
    assert out == "Deleted the workshop spring: 3 students and 2 hand-ins.\n"
    with pytest.raises(hub_client.NotFound):
        hub_client.board("spring")
    spring.as_user("zmartin")
    assert hub_client.me()["workshops"] == []
    spring.as_user("fac2")  # the students may now join another facilitator's workshop
    roster = write_roster(tmp_path / "again.csv", STUDENTS)
    assert main(["workshop", "create", str(roster), "--name", "autumn"]) == 0


def test_delete_asks_first(
    spring: Hub, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    code, out, err = run(capsys, "spring")
    assert code == 1
    assert "Delete the workshop spring" in out
    assert "nothing was deleted" in err
    assert len(hub_client.board("spring")["students"]) == 3  # still there
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    code, out, _err = run(capsys, "spring")
    assert code == 0
    assert "Deleted the workshop spring: 3 students and 2 hand-ins." in out


def test_delete_refusals_are_plain(
    spring: Hub, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    spring.as_user("fac2")  # a facilitator, of another workshop
    code, out, err = run(capsys, "spring", "--yes")
    assert (code, out) == (2, "")
    assert "not a facilitator of this workshop" in err
    spring.as_user("zmartin")  # a student
    assert run(capsys, "spring", "--yes")[0] == 2
    spring.as_user("fac")
    code, _out, err = run(capsys, "no-such-workshop", "--yes")
    assert code == 2
    assert "infoview:" in err
    assert "Traceback" not in err
    assert len(hub_client.board("spring")["students"]) == 3  # nothing was deleted
    monkeypatch.delenv(HUB_URL_VARIABLE)
    code, _out, err = run(capsys, "spring", "--yes")
    assert code == 2
    assert "no workshop service here" in err
