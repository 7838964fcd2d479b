"""Handing in to the workshop on a hub (the dashboard's button and ``infoview hand-in``), the
file it falls back to, and ``infoview workshop collect NAME`` from the hub."""

from __future__ import annotations

import csv
import hashlib
import stat
import time
from datetime import datetime
from pathlib import Path

import pytest

from infoview_lib.cli import main
from infoview_lib.hub import client as hub_client
from infoview_lib.hub.client import HUB_URL_VARIABLE
from infoview_lib.model import Contact, StudentProfile
from infoview_lib.store import Workbook
from infoview_lib.ui.hand_in import HandIn
from infoview_lib.workflow import (
    HAND_IN_ADVICE,
    HAND_IN_SETTING,
    TO_FILE,
    TO_WORKSHOP,
    hand_in_to_workshop,
)
from infoview_lib.workshop.collect import SUMMARY_FILE, _check_download
from infoview_lib.workshop.hand_in_schema import NotAsMade
from tests.conftest import AS_OF
from tests.workshop.crafted import CHANGES, crafted
from tests.workshop.hub import STUDENTS, Hub, closed_port_url, trickling_service, write_roster
from tests.workshop_service import STAMP

LOCAL = datetime.fromisoformat(STAMP).astimezone().isoformat(timespec="seconds")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.fixture
def workshop(hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Hub:
    hub.as_user("fac")
    roster = write_roster(tmp_path / "roster.csv", STUDENTS)
    assert main(["workshop", "create", str(roster), "--name", "spring"]) == 0
    capsys.readouterr()
    return hub


def workbook(folder: Path, user: str, name: str) -> Path:
    path = folder / f"{user}-own.infoview"
    with Workbook.create(path, StudentProfile(name=name)) as book:
        book.add(Contact(name=f"{name}'s contact"))
    return path


def test_the_button_hands_in_to_the_workshop(workshop: Hub, tmp_path: Path) -> None:
    workshop.as_user("zmartin")
    path = workbook(tmp_path, "zmartin", "Zoë Martin")
    files = tmp_path / "hand-ins"
    panel = HandIn(path, AS_OF, folder=files)
    panel.button.click()
    assert "Handed in to your workshop (spring)" in panel.status.value
    assert f"{datetime.fromisoformat(LOCAL):%H:%M}" in panel.status.value
    assert "Last handed in on" in panel.last.value
    assert not files.exists()  # no file: it went to the workshop
    with Workbook.read_only(path) as book:
        assert book.setting(HAND_IN_SETTING) == LOCAL
    workshop.as_user("fac")
    [entry] = hub_client.hand_ins("spring")["hand_ins"]
    assert (entry["user"], entry["handed_in_at"]) == ("zmartin", STAMP)

    workshop.as_user("zmartin")
    other = HandIn(path, AS_OF, folder=files)  # another page, within 10 s: refused, said so
    other.button.click()
    assert "Nothing was handed in" in other.status.value
    with Workbook.read_only(path) as book:
        assert book.setting(HAND_IN_SETTING) == LOCAL  # as it was


def test_a_double_click_is_handed_in_once_and_said_so(workshop: Hub, tmp_path: Path) -> None:
    workshop.as_user("zmartin")
    path = workbook(tmp_path, "zmartin", "Zoë Martin")
    panel = HandIn(path, AS_OF, folder=tmp_path / "hand-ins")
    panel.button.click()
    said = panel.status.value
    assert "Handed in to your workshop (spring)" in said
    panel.button.click()  # the second click of a double click: the service says too soon
    assert "Not saved" not in panel.status.value
    assert "infoview-info" in panel.status.value
    assert "Already handed in" in panel.status.value
    assert "Handed in to your workshop (spring)" in panel.status.value
    assert not panel.button.disabled
    with Workbook.read_only(path) as book:
        assert book.setting(HAND_IN_SETTING) == LOCAL


def test_the_button_is_disabled_while_handing_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from infoview_lib.ui import hand_in as hand_in_page

    path = workbook(tmp_path, "ana", "Ana Lima")
    panel = HandIn(path, AS_OF, folder=tmp_path / "hand-ins")
    seen: list[bool] = []

    def slow(book: Workbook, **_: object) -> object:
        seen.append(panel.button.disabled)
        panel.hand_in()  # a click meanwhile does nothing
        raise hub_client.HubError("the service fell over")

    monkeypatch.setattr(hand_in_page, "hand_in_to_workshop", slow)
    panel.button.click()
    assert seen == [True]  # once: the click meanwhile did not hand in again
    assert "the service fell over" in panel.status.value
    assert not panel.button.disabled  # enabled again after an error


def test_the_command_hands_in_to_the_workshop(
    workshop: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workshop.as_user("epapa")
    path = workbook(tmp_path, "epapa", "Ελένη Παπαδοπούλου")
    assert main(["hand-in", str(path), "--out", str(tmp_path / "files")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Handed in to your workshop (spring) on ")
    assert not (tmp_path / "files").exists()


def test_not_on_a_roster_falls_back_to_a_file(workshop: Hub, tmp_path: Path) -> None:
    workshop.as_user("stranger")
    path = workbook(tmp_path, "stranger", "Sam Stranger")
    files = tmp_path / "hand-ins"
    with Workbook.open(path) as book:
        done = hand_in_to_workshop(book, today=AS_OF, folder=files)
        assert book.setting(HAND_IN_SETTING) == done.handed_in_at
    assert done.where == TO_FILE
    assert done.fallback
    assert done.file == files / "sam-stranger-2026-03-16.infoview"
    assert mode(done.file) == 0o600
    assert "no workshop's roster" in done.message
    assert "saved as a file instead" in done.message
    assert HAND_IN_ADVICE in done.message


def test_an_unreachable_hub_falls_back_to_a_file(
    workshop: Hub,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    workshop.as_user("zmartin")
    monkeypatch.setenv(HUB_URL_VARIABLE, closed_port_url())
    path = workbook(tmp_path, "zmartin", "Zoë Martin")
    files = tmp_path / "hand-ins"
    panel = HandIn(path, AS_OF, folder=files)
    panel.button.click()
    said = panel.status.value
    assert "could not be reached" in said
    assert "saved as a file instead" in said
    assert "try handing in again" in said.lower()
    assert "upload that file" in said
    saved = files / "zoe-martin-2026-03-16.infoview"
    assert mode(saved) == 0o600
    assert main(["hand-in", str(path), "--out", str(files), "--as-of", "2026-03-16"]) == 0
    out = capsys.readouterr().out
    assert "could not be reached" in out
    assert str(saved) in out


def test_a_trickling_service_falls_back_to_a_file_in_time(
    workshop: Hub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hand-in's timeout bounds it all, however slowly the service answers."""
    assert hub_client.HAND_IN_TIMEOUT <= 15
    workshop.as_user("zmartin")
    path = workbook(tmp_path, "zmartin", "Zoë Martin")
    with trickling_service() as url:
        monkeypatch.setenv(HUB_URL_VARIABLE, url)
        started = time.monotonic()
        with Workbook.open(path) as book:
            done = hand_in_to_workshop(book, today=AS_OF, folder=tmp_path / "files", timeout=2)
        assert time.monotonic() - started < 4
    assert done.fallback
    assert "did not answer within 2 seconds" in done.message
    assert done.file is not None
    assert done.file.exists()


def test_a_hand_in_over_20_mib_is_not_sent(
    workshop: Hub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(hub_client.TOKEN_VARIABLE, "t-zmartin")
    monkeypatch.setenv(HUB_URL_VARIABLE, closed_port_url())  # sending would say unreachable
    with pytest.raises(hub_client.TooLarge, match="more than the 20 MiB a workshop takes"):
        hub_client.hand_in(b"SQLite format 3\x00" + bytes(hub_client.HAND_IN_LIMIT))

    workshop.as_user("zmartin")
    monkeypatch.setattr(hub_client, "HAND_IN_LIMIT", 4096)  # a workbook is bigger
    path = workbook(tmp_path, "zmartin", "Zoë Martin")
    panel = HandIn(path, AS_OF, folder=tmp_path / "files")
    panel.button.click()
    said = panel.status.value
    assert "too large to hand in to your workshop" in said
    assert "saved as a file instead" in said
    assert "few minutes" not in said
    assert "Upload this file to your advisor" in said
    workshop.as_user("fac")
    assert hub_client.hand_ins("spring")["hand_ins"] == []  # nothing was sent


def test_without_a_hub_the_hand_in_is_a_file_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(HUB_URL_VARIABLE, raising=False)
    path = workbook(tmp_path, "ana", "Ana Lima")
    with Workbook.open(path) as book:
        done = hand_in_to_workshop(book, today=AS_OF, folder=tmp_path / "files")
    assert done.where == TO_FILE
    assert not done.fallback
    assert done.message == f"Handed in: {done.file}. {HAND_IN_ADVICE}"


def test_collect_from_the_hub(
    workshop: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for user, name in (("zmartin", "Zoë Martin"), ("epapa", "Ελένη Παπαδοπούλου")):
        workshop.as_user(user)
        with Workbook.open(workbook(tmp_path, user, name)) as book:
            assert hand_in_to_workshop(book, today=AS_OF).where == TO_WORKSHOP
    workshop.as_user("fac")
    out_dir = tmp_path / "collected"
    code = main(["workshop", "collect", "spring", "--out", str(out_dir)])
    out = capsys.readouterr().out
    assert code == 1  # one student has not handed in
    assert f"Collected 2 of 3 students' hand-ins into {out_dir}/." in out
    assert "Not handed in (1):\n  wfang  王芳 (Wang Fang)" in out
    assert f"infoview cohort {out_dir} --out {out_dir / 'reports'}" in out
    assert mode(out_dir) == 0o700
    names = sorted(path.name for path in out_dir.iterdir())
    assert names == [SUMMARY_FILE, "elene-papadopoulou.infoview", "zoe-martin.infoview"]
    for name in names:
        assert mode(out_dir / name) == 0o600
    with Workbook.read_only(out_dir / "zoe-martin.infoview") as book:
        assert book.all(Contact)[0].name == "Zoë Martin's contact"
    with (out_dir / SUMMARY_FILE).open(encoding="utf-8-sig") as file:
        rows = list(csv.DictReader(file))
    assert [(r["user_name"], r["status"]) for r in rows] == [
        ("zmartin", "collected"),
        ("epapa", "collected"),
        ("wfang", "not handed in"),
    ]
    assert rows[0]["handed_in_at"] == STAMP

    workshop.as_user("wfang")
    workshop.clock.advance(60)
    with Workbook.open(workbook(tmp_path, "wfang", "王芳 (Wang Fang)")) as book:
        hand_in_to_workshop(book, today=AS_OF)
    workshop.as_user("fac")
    assert main(["workshop", "collect", "spring", "--out", str(out_dir)]) == 0
    assert "Collected 3 of 3" in capsys.readouterr().out
    assert (out_dir / "wang-fang.infoview").exists()


def test_collect_from_the_hub_refuses_a_hand_in_changed_outside_infoview_and_drops_the_old(
    workshop: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workshop.as_user("zmartin")
    with Workbook.open(workbook(tmp_path, "zmartin", "Zoë Martin")) as book:
        hand_in_to_workshop(book, today=AS_OF)
    workshop.as_user("fac")
    out_dir = tmp_path / "collected"
    main(["workshop", "collect", "spring", "--out", str(out_dir)])
    collected = out_dir / "zoe-martin.infoview"
    assert collected.exists()
    capsys.readouterr()

    workshop.clock.advance(60)  # a later hand-in, loosened by hand (the service takes it)
    workshop.as_user("zmartin")
    hub_client.hand_in(crafted(tmp_path / "crafted", "loosened", "Zoë Martin").read_bytes())
    workshop.as_user("fac")
    assert main(["workshop", "collect", "spring", "--out", str(out_dir)]) == 1
    out = capsys.readouterr().out
    assert "Could not be read (1):" in out
    assert "its contacts is not defined as in a workbook" in out
    assert "zoe-martin.infoview, was removed" in out
    assert not collected.exists()  # cohort never reports on the older hand-in
    with (out_dir / SUMMARY_FILE).open(encoding="utf-8-sig") as file:
        rows = {row["user_name"]: row for row in csv.DictReader(file)}
    assert rows["zmartin"]["status"] == "unreadable"
    assert rows["zmartin"]["file"] == ""


def test_a_failed_download_removes_the_file_an_earlier_collect_saved(
    workshop: Hub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workshop.as_user("zmartin")
    with Workbook.open(workbook(tmp_path, "zmartin", "Zoë Martin")) as book:
        hand_in_to_workshop(book, today=AS_OF)
    workshop.as_user("fac")
    out_dir = tmp_path / "collected"
    main(["workshop", "collect", "spring", "--out", str(out_dir)])
    assert (out_dir / "zoe-martin.infoview").exists()

    def garbled(workshop: str, user: str, *, timeout: float) -> bytes:
        return b"garbled on the way"

    monkeypatch.setattr(hub_client, "hand_in_bytes", garbled)
    assert main(["workshop", "collect", "spring", "--out", str(out_dir)]) == 1
    assert not (out_dir / "zoe-martin.infoview").exists()  # cohort cannot report on it
    assert sorted(path.name for path in out_dir.iterdir()) == [SUMMARY_FILE]


@pytest.mark.parametrize("kind", sorted(CHANGES))
def test_a_download_changed_outside_infoview_is_refused(tmp_path: Path, kind: str) -> None:
    data = crafted(tmp_path, kind).read_bytes()
    with pytest.raises(NotAsMade, match="made or changed outside infoview"):
        _check_download(data, hashlib.sha256(data).hexdigest(), tmp_path / "check.infoview")
    assert not (tmp_path / "check.infoview").exists()


def test_collect_modes_are_one_or_the_other(
    workshop: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "out")
    assert main(["workshop", "collect", "--out", out]) == 2
    assert "--from" in capsys.readouterr().err
    assert main(["workshop", "collect", "spring", "--from", out, "--out", out]) == 2
    capsys.readouterr()
    workshop.as_user("zmartin")
    assert main(["workshop", "collect", "spring", "--out", out]) == 2
    assert "not a facilitator" in capsys.readouterr().err
