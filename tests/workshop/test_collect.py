"""Collecting file hand-ins (no hub): the newest per roster student, into a private folder."""

from __future__ import annotations

import csv
import os
import stat
from datetime import date, datetime
from pathlib import Path

import pytest

from infoview_lib.cli import main
from infoview_lib.model import Contact, StudentProfile
from infoview_lib.store import Workbook
from infoview_lib.workflow import HAND_IN_SETTING, hand_in_file
from infoview_lib.workshop.collect import SUMMARY_COLUMNS, SUMMARY_FILE, collect
from infoview_lib.workshop.hand_in_schema import NotAsMade, check_schema
from infoview_lib.workshop.roster import roster_from_rows
from tests.conftest import umask
from tests.workshop.crafted import CHANGES, crafted

FORMULA_NAME = '=HYPERLINK("x")'


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def write_roster(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows([["Name", "Email", "Username"], *rows])
    return path


def hand_in(
    tmp_path: Path,
    hand_ins: Path,
    profile: StudentProfile,
    *,
    today: date,
    when: str,
    contact: str,
) -> Path:
    """A workbook with one contact, handed in into ``hand_ins``."""
    home = tmp_path / "homes" / f"{today}-{contact}"
    home.mkdir(parents=True)
    with Workbook.create(home / "mine.infoview", profile) as book:
        book.add(Contact(name=contact))
        return hand_in_file(book, hand_ins, today=today, at=at(when))


def contacts(path: Path) -> list[str]:
    with Workbook.read_only(path) as book:
        return [contact.name for contact in book.all(Contact)]


def summary(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark
    with path.open(encoding="utf-8-sig", newline="") as file:
        reader = csv.DictReader(file)
        assert tuple(reader.fieldnames or ()) == SUMMARY_COLUMNS
        return list(reader)


@pytest.fixture
def room(tmp_path: Path) -> tuple[Path, Path]:
    """A roster of three; two handed in (Ana twice), one stranger and a broken file."""
    roster = write_roster(
        tmp_path / "roster.csv",
        [
            ["Ana Lima", "ana@example.edu", "ana"],
            [FORMULA_NAME, "x@example.edu", "xh"],
            ["Zoë Martin", "zoe@example.edu", "zoe"],
        ],
    )
    hand_ins = tmp_path / "downloads"
    # Ana (no email in her workbook: matched by her name, accents and case aside). The
    # later file name's day is the earlier hand-in: the recorded time decides.
    ana = StudentProfile(name="ÁNA LÍMA")
    hand_in(
        tmp_path,
        hand_ins,
        ana,
        today=date(2026, 3, 17),
        when="2026-03-16T09:00:00+00:00",
        contact="Old Contact",
    )
    hand_in(
        tmp_path,
        hand_ins,
        ana,
        today=date(2026, 3, 16),
        when="2026-03-16T15:00:00+00:00",
        contact="New Contact",
    )
    # Matched by email, case aside, whatever the name.
    hand_in(
        tmp_path,
        hand_ins,
        StudentProfile(name="Someone", email="X@Example.EDU"),
        today=date(2026, 3, 16),
        when="2026-03-16T10:00:00+00:00",
        contact="Xh Contact",
    )
    hand_in(
        tmp_path,
        hand_ins,
        StudentProfile(name="Wei Ng", email="wei@example.edu"),
        today=date(2026, 3, 16),
        when="2026-03-16T11:00:00+00:00",
        contact="Wei Contact",
    )
    (hand_ins / "broken.infoview").write_text("not a workbook", encoding="utf-8")
    return roster, hand_ins


def test_collect_keeps_the_newest_per_student_and_says_who_is_missing(
    room: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster, hand_ins = room
    out = tmp_path / "new" / "collected"
    with umask(0o022):
        code = main(
            [
                "workshop",
                "collect",
                "--from",
                str(hand_ins),
                "--roster",
                str(roster),
                "--out",
                str(out),
            ]
        )
    said = capsys.readouterr()
    assert code == 1
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [
            SUMMARY_FILE,
            "ana-lima.infoview",
            "hyperlink-x.infoview",
            "wei-ng.infoview",
        ]
    )
    assert mode(out) == 0o700
    assert mode(out.parent) == 0o700
    assert all(mode(p) == 0o600 for p in out.iterdir())
    assert contacts(out / "ana-lima.infoview") == ["New Contact"]
    assert contacts(out / "hyperlink-x.infoview") == ["Xh Contact"]
    assert contacts(out / "wei-ng.infoview") == ["Wei Contact"]
    with Workbook.read_only(out / "ana-lima.infoview") as book:
        assert book.setting(HAND_IN_SETTING) == "2026-03-16T15:00:00+00:00"

    rows = summary(out / SUMMARY_FILE)
    assert [(r["roster_row"], r["student"], r["status"]) for r in rows] == [
        ("2", "Ana Lima", "collected"),
        ("3", "'" + FORMULA_NAME, "collected"),  # a formula, made plain text
        ("4", "Zoë Martin", "not handed in"),
        ("", "Wei Ng", "not on the roster"),
        ("", "", "unreadable"),
    ]
    ana, xh, zoe, wei, broken = rows
    assert ana["file"] == "ana-lima.infoview"
    assert ana["hand_in"] == "ana-lima-2026-03-16.infoview"
    assert ana["handed_in_at"] == "2026-03-16T15:00:00+00:00"
    assert "ana-lima-2026-03-17.infoview" in ana["reason"]
    assert (xh["user_name"], xh["email"]) == ("xh", "x@example.edu")
    assert (zoe["file"], zoe["hand_in"], zoe["handed_in_at"]) == ("", "", "")
    assert wei["file"] == "wei-ng.infoview"
    assert wei["email"] == "wei@example.edu"
    assert broken["hand_in"] == "broken.infoview"
    assert broken["reason"]
    assert not any(cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r.values())

    assert "Collected 2 of 3 students' hand-ins" in said.out
    assert "row 4  Zoë Martin" in said.out
    assert "Wei Ng <wei@example.edu>: wei-ng-2026-03-16.infoview -> wei-ng.infoview" in said.out
    assert "broken.infoview: " in said.out
    assert f"infoview cohort {out} --out {out / 'reports'}" in said.out
    assert "1 student not handed in and 1 hand-in could not be read" in said.err


def test_everyone_handed_in_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    roster = write_roster(tmp_path / "roster.csv", [["Ana Lima", "ana@example.edu", "ana"]])
    hand_ins = tmp_path / "downloads"
    hand_in(
        tmp_path,
        hand_ins,
        StudentProfile(name="Ana Lima", email="ana@example.edu"),
        today=date(2026, 3, 16),
        when="2026-03-16T15:00:00+00:00",
        contact="A",
    )
    out = tmp_path / "collected"
    out.mkdir(mode=0o755)
    code = main(
        ["workshop", "collect", "--from", str(hand_ins), "--roster", str(roster), "--out", str(out)]
    )
    said = capsys.readouterr()
    assert code == 0, said.err
    assert "Collected 1 of 1" in said.out
    assert "Not handed in" not in said.out
    assert said.err == ""
    assert mode(out) == 0o755  # a folder that was there is left as it is


def test_bad_input_exits_2_and_collects_nothing(
    room: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster, hand_ins = room
    out = tmp_path / "collected"

    def run(*args: str) -> tuple[int, str]:
        code = main(["workshop", "collect", "--out", str(out), *args])
        return code, capsys.readouterr().err

    code, err = run("--from", str(tmp_path / "nowhere"), "--roster", str(roster))
    assert code == 2
    assert "is not a folder" in err

    code, err = run("--from", str(hand_ins), "--roster", str(tmp_path / "missing.csv"))
    assert code == 2
    assert "missing.csv" in err

    bad = write_roster(
        tmp_path / "bad.csv",
        [["Ana Lima", "ana@example.edu", "ana"], ["", "nobody@example.edu", "nobody"]],
    )
    code, err = run("--from", str(hand_ins), "--roster", str(bad))
    assert code == 2
    assert "Row 3 (nobody@example.edu): No name" in err
    assert "1 bad row" in err

    code, err = run("--from", str(hand_ins), "--roster", str(roster), "--out", str(hand_ins))
    assert code == 2
    assert "is the folder of hand-ins" in err
    assert not out.exists()


def test_without_a_recorded_time_the_file_names_day_then_the_files_time_decide(
    tmp_path: Path,
) -> None:
    hand_ins = tmp_path / "downloads"
    hand_ins.mkdir()
    with Workbook.create(tmp_path / "bo.infoview", StudentProfile(name="Bo Li")) as book:
        book.add(Contact(name="Only"))
    (hand_ins / "bo-li-2026-03-18.infoview").write_bytes((tmp_path / "bo.infoview").read_bytes())
    (hand_ins / "bo-li.infoview").write_bytes((tmp_path / "bo.infoview").read_bytes())
    os.utime(hand_ins / "bo-li.infoview", (0, 0))  # 1970: older than the named day
    roster = roster_from_rows([["Name", "Username"], ["Bo Li", "bo"]])
    done = collect(hand_ins, roster, tmp_path / "out")
    (row,) = done.rows
    assert (row.status, row.hand_in) == ("collected", "bo-li-2026-03-18.infoview")
    assert row.handed_in_at == "2026-03-18 (the file name's day)"
    assert "bo-li.infoview" in row.reason
    assert done.complete


def test_a_named_pipe_or_a_folder_is_listed_unreadable_and_never_waited_on(
    tmp_path: Path,
) -> None:
    hand_ins = tmp_path / "downloads"
    hand_ins.mkdir()
    os.mkfifo(hand_ins / "pipe.infoview")
    (hand_ins / "folder.infoview").mkdir()
    (hand_ins / "link.infoview").symlink_to(hand_ins / "pipe.infoview")
    roster = roster_from_rows([["Name", "Username"], ["Bo Li", "bo"]])
    done = collect(hand_ins, roster, tmp_path / "out")
    assert [(row.hand_in, row.status) for row in done.rows[1:]] == [
        ("folder.infoview", "unreadable"),
        ("link.infoview", "unreadable"),
        ("pipe.infoview", "unreadable"),
    ]
    assert all(row.reason for row in done.rows[1:])
    assert not done.complete
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [SUMMARY_FILE]


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("view", "a view or a trigger (boom), which a workbook never has"),
        ("trigger", "a view or a trigger (t), which a workbook never has"),
        ("table", "tables or indexes a workbook does not have (extra)"),
        ("loosened", "its contacts is not defined as in a workbook"),
    ],
)
def test_a_hand_in_changed_outside_infoview_is_unreadable_with_its_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, reason: str
) -> None:
    roster = write_roster(tmp_path / "roster.csv", [["Ana Lima", "", "ana"]])
    hand_ins = tmp_path / "downloads"
    crafted(hand_ins, kind)
    out = tmp_path / "collected"
    assert main(["workshop", "collect", "--from", str(hand_ins), "--roster", str(roster),
                 "--out", str(out)]) == 1  # fmt: skip
    said = capsys.readouterr().out
    assert f"{kind}.infoview: it holds" in said or f"{kind}.infoview: its" in said
    assert reason in said
    assert "hand in again from infoview" in said
    [row] = [row for row in summary(out / SUMMARY_FILE) if row["status"] == "unreadable"]
    assert row["hand_in"] == f"{kind}.infoview"
    assert reason in row["reason"]
    assert sorted(path.name for path in out.iterdir()) == [SUMMARY_FILE]  # nothing collected


def test_a_real_hand_in_passes_the_check(tmp_path: Path) -> None:
    path = hand_in(
        tmp_path,
        tmp_path / "downloads",
        StudentProfile(name="Ana Lima"),
        today=date(2026, 3, 16),
        when="2026-03-16T09:00:00+00:00",
        contact="Ken Sato",
    )
    check_schema(path)  # no error
    for kind in CHANGES:
        with pytest.raises(NotAsMade):
            check_schema(crafted(tmp_path / "crafted", kind))
