"""``infoview workshop create``: a roster sent to the hub, or workbooks made in a folder."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from infoview_lib.cli import main
from infoview_lib.hub import client as hub_client
from infoview_lib.hub.client import HUB_URL_VARIABLE, TOKEN_VARIABLE
from infoview_lib.store import Workbook
from tests.conftest import digest, umask
from tests.workshop.hub import STUDENTS, Hub, write_roster


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["workshop", "create", *args])
    said = capsys.readouterr()
    return code, said.out, said.err


@pytest.fixture
def no_hub(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(HUB_URL_VARIABLE, raising=False)
    monkeypatch.delenv(TOKEN_VARIABLE, raising=False)


def test_create_sends_the_roster_then_adds_only_the_new(
    hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hub.as_user("fac")
    first = write_roster(tmp_path / "roster.csv", STUDENTS[:2])
    code, out, err = run(capsys, str(first), "--name", "Spring-Career")
    assert (code, err) == (0, "")
    assert "Created the workshop spring-career." in out
    assert "Added 2: Zoë Martin (zmartin), 王芳 (Wang Fang) (wfang)" in out
    assert "Kept" not in out

    more = write_roster(tmp_path / "more.csv", STUDENTS)
    code, out, err = run(capsys, str(more), "--name", "spring-career")
    assert (code, err) == (0, "")
    assert "Updated the workshop spring-career." in out
    assert "Added 1: Ελένη Παπαδοπούλου (epapa)" in out
    assert "Kept 2 (already on it, left as they were): Zoë Martin (zmartin)" in out

    hub.as_user("epapa")
    [entry] = hub_client.me()["workshops"]
    assert entry["profile"] == {
        "name": "Ελένη Παπαδοπούλου",
        "email": "eleni@example.edu",
        "program": "MA History",
        "graduation_year": 2028,
        "target_fields": [],
    }


def test_a_roster_with_bad_rows_sends_nothing(
    hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hub.as_user("fac")
    bad = write_roster(
        tmp_path / "bad.csv",
        [*STUDENTS, ["Ana Lima", "ana@example", "ana lima", "", ""], ["", "", "x1", "", ""]],
    )
    code, _out, err = run(capsys, str(bad), "--name", "spring")
    assert code == 2
    assert "Row 5 (Ana Lima)" in err
    assert "Row 6" in err
    assert "nothing was sent or made" in err
    assert "Traceback" not in err
    with pytest.raises(hub_client.NotFound):
        hub_client.board("spring")  # no workshop was made
    hub.as_user("zmartin")
    assert hub_client.me()["workshops"] == []
    code, _out, err = run(capsys, str(bad), "--name", "spring", "--out", str(tmp_path / "out"))
    assert code == 2
    assert not (tmp_path / "out").exists()


def test_refusals_are_plain(hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    roster = write_roster(tmp_path / "roster.csv", STUDENTS)
    hub.as_user("zmartin")  # a student
    code, _out, err = run(capsys, str(roster), "--name", "spring")
    assert code == 2
    assert "not a facilitator of this workshop" in err
    assert "infoview-facilitators" in err
    assert "restart your server" in err
    hub.as_user("fac")
    assert run(capsys, str(roster), "--name", "spring")[0] == 0
    hub.as_user("fac2")
    code, _out, err = run(capsys, str(roster), "--name", "SPRING")
    assert code == 2
    assert "infoview:" in err
    assert "Traceback" not in err


def test_without_a_hub_or_out_nothing_is_made(
    no_hub: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = write_roster(tmp_path / "roster.csv", STUDENTS)
    code, _out, err = run(capsys, str(roster), "--name", "spring")
    assert code == 2
    assert "hub server" in err
    assert "--out" in err


def test_out_makes_private_workbooks_and_never_overwrites(
    no_hub: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = write_roster(tmp_path / "roster.csv", STUDENTS[:2])
    out_dir = tmp_path / "new" / "books"
    with umask(0o022):
        code, out, err = run(capsys, str(roster), "--name", "spring", "--out", str(out_dir))
    assert (code, err) == (0, "")
    assert "Made 2 workbooks" in out
    assert sorted(p.name for p in out_dir.iterdir()) == ["wfang.infoview", "zmartin.infoview"]
    assert mode(out_dir) == 0o700
    for path in out_dir.iterdir():
        assert mode(path) == 0o600
    with Workbook.read_only(out_dir / "zmartin.infoview") as book:
        profile = book.profile()
    assert (profile.name, profile.email, profile.program, profile.graduation_year) == (
        "Zoë Martin",
        "zoe@example.edu",
        "BSc Biology",
        2027,
    )
    with Workbook.read_only(out_dir / "wfang.infoview") as book:
        assert book.profile().name == "王芳 (Wang Fang)"

    (out_dir / "epapa.infoview").write_text("the student's own file", encoding="utf-8")
    before = digest(out_dir / "zmartin.infoview")
    everyone = write_roster(tmp_path / "all.csv", STUDENTS)
    code, out, err = run(capsys, str(everyone), "--name", "spring", "--out", str(out_dir))
    assert (code, err) == (0, "")
    assert "Made 0 workbooks" in out
    assert "Kept 3 (a workbook is already there, left as it was)" in out
    assert digest(out_dir / "zmartin.infoview") == before
    assert (out_dir / "epapa.infoview").read_text(encoding="utf-8") == "the student's own file"
    assert sorted(p.name for p in out_dir.iterdir()) == [
        "epapa.infoview",
        "wfang.infoview",
        "zmartin.infoview",
    ]  # no scratch folder left


def test_out_is_used_even_on_a_hub(
    hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hub.as_user("fac")
    roster = write_roster(tmp_path / "roster.csv", STUDENTS)
    out_dir = tmp_path / "books"
    code, out, _err = run(capsys, str(roster), "--name", "spring", "--out", str(out_dir))
    assert code == 0
    assert "Made 3 workbooks" in out
    with pytest.raises(hub_client.NotFound):
        hub_client.board("spring")  # nothing sent


def test_students_on_another_facilitators_workshop_are_named_with_what_to_do(
    hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hub.as_user("fac")
    assert run(capsys, str(write_roster(tmp_path / "a.csv", STUDENTS[:2])), "--name", "a")[0] == 0
    hub.as_user("fac2")
    roster = write_roster(tmp_path / "b.csv", STUDENTS)
    code, out, err = run(capsys, str(roster), "--name", "b")
    assert (code, out) == (2, "")
    said = " ".join(err.split())
    assert "2 of its students already take part in a workshop another facilitator runs" in said
    assert "Zoë Martin (zmartin), 王芳 (Wang Fang) (wfang)" in said
    assert "Ελένη" not in said  # only those taken
    assert "Ask that facilitator to delete their workshop" in said
    assert "infoview workshop delete" in said
    assert "hub's administrator" in said
    assert "nothing was sent" in said
    assert "Traceback" not in err
    # A workshop name another facilitator runs is still said as before.
    other = write_roster(tmp_path / "c.csv", STUDENTS[2:])
    code, _out, err = run(capsys, str(other), "--name", "A")
    assert code == 2
    assert "take part" not in err
