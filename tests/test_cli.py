# mypy: disable-error-code="arg-type"
# (these tests give choices, dates and lists as text, as forms and files do)
"""The infoview command: every subcommand, its help, and one-line errors for bad input."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

import pytest

from infoview_lib.cli import main
from infoview_lib.model import Contact, FollowUp, Outreach, StudentProfile
from infoview_lib.store import Workbook
from tests.conftest import run_cli

run = run_cli


def test_no_arguments_prints_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys)
    assert (code, err) == (0, "")
    assert out.startswith("Usage: infoview")
    assert "status" in out


@pytest.mark.parametrize(
    "command",
    [[], ["init"], ["status"], ["next"], ["demo"], ["check"], ["check", "outreach"]],
)
def test_help_on_every_command(capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    code, out, _ = run(capsys, *command, "--help")
    assert code == 0
    assert out.startswith("Usage: infoview")


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.startswith("infoview, version")


def test_init_then_status(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "ana.infoview"
    code, out, err = run(
        capsys,
        "init",
        str(path),
        "--name",
        "Ana Lima",
        "--email",
        "ana@example.edu",
        "--program",
        "BSc Biology",
        "--graduation-year",
        "2028",
        "--target-field",
        "public health",
        "--target-field",
        "genomics",
    )
    assert (code, err) == (0, "")
    assert f"Created {path} for Ana Lima" in out
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with Workbook.open(path) as book:
        assert book.profile() == StudentProfile(
            name="Ana Lima",
            email="ana@example.edu",
            program="BSc Biology",
            graduation_year=2028,
            target_fields=("public health", "genomics"),
        )
        wei = book.add(Contact(name="Wei Ng", status="met"))
        book.add(FollowUp(contact_id=wei.id or 0, kind="thank_you", due_on="2026-03-13"))
        book.add(FollowUp(contact_id=wei.id or 0, kind="keep_in_touch", due_on="2026-03-20"))
    code, out, err = run(capsys, "status", str(path), "--as-of", "2026-03-16")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "Ana Lima: 1 contact, as of 2026-03-16"
    assert "  Met                  1" in out
    assert "Follow-ups: 1 overdue, 1 due in the next 7 days" in out
    assert "OVERDUE  Thank-you: Wei Ng, 3 days overdue (2026-03-13)" in out
    assert "due      Keep in touch: Wei Ng, due in 4 days (2026-03-20)" in out


def test_next_lists_what_to_do_with_reasons(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "ana.infoview"
    with Workbook.create(path, StudentProfile(name="Ana Lima")) as book:
        wei = book.add(Contact(name="Wei Ng", status="met"))
        book.add(FollowUp(contact_id=wei.id or 0, kind="thank_you", due_on="2026-03-13"))
        mo = book.add(Contact(name="Mo Diallo", organisation="Acme", status="contacted"))
        book.add(Outreach(contact_id=mo.id or 0, status="sent", sent_on="2026-03-13"))
    code, out, err = run(capsys, "next", str(path), "--as-of", "2026-03-16")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Ana Lima: 3 things to do (1 overdue), as of 2026-03-16"
    assert lines[1] == "  OVERDUE  Thank-you: Wei Ng, 3 days overdue (2026-03-13)"
    assert lines[3] == "  due      Second contact: Mo Diallo, due in 2 days (2026-03-18)"
    assert "Acme" in lines[4]
    assert lines[5].startswith("  due      No reply: Mo Diallo, due in 8 days (2026-03-24)")


def test_status_lists_at_most_ten_follow_ups(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "busy.infoview"
    with Workbook.create(path, StudentProfile(name="Busy")) as book:
        wei = book.add(Contact(name="Wei Ng"))
        for day in range(1, 16):
            book.add(FollowUp(contact_id=wei.id or 0, kind="no_reply", due_on=f"2026-03-{day:02}"))
    _, out, _ = run(capsys, "status", str(path), "--as-of", "2026-03-16")
    assert out.count("OVERDUE") == 10
    assert out.rstrip().endswith("... and 5 more")


@pytest.mark.parametrize(
    ("args", "exit_code", "words"),
    [
        (["status", "{tmp}/missing.infoview"], 1, "There is no workbook at"),
        (["status", "{tmp}/notes.txt"], 1, "not an infoview workbook"),
        (["status", "{tmp}"], 1, "is a folder"),
        (["status", "{tmp}/ok.infoview", "--as-of", "2026-02-30"], 2, "--as-of"),
        (["init", "{tmp}/new.infoview"], 2, "Missing option '--name'"),
        (["init", "{tmp}/new.infoview", "--name", ""], 1, "Name is empty"),
        (["init", "{tmp}/new.infoview", "--name", "Ana", "--email", "ana@"], 1, "Email"),
        (
            ["init", "{tmp}/new.infoview", "--name", "Ana", "--graduation-year", "3000"],
            1,
            "Graduation year 3000 is out of range",
        ),
        (
            ["init", "{tmp}/new.infoview", "--name", "Ana", "--graduation-year", "soon"],
            2,
            "'soon' is not a valid integer",
        ),
        (["init", "{tmp}/ok.infoview", "--name", "Ana"], 1, "never overwrites"),
        (
            ["init", "{tmp}/notes.txt/inside.infoview", "--name", "Ana"],
            1,
            "is a file, not a folder",
        ),
        (["status", "{tmp}/ok.infoview", "--as-of", "9999-12-31"], 2, "check the year"),
        (["bogus"], 2, "No such command 'bogus'"),
        (["init", "", "--name", "Ana"], 2, "a path is needed"),
        (["status", ""], 2, "a path is needed"),
        (["next", ""], 2, "a path is needed"),
        (["status", "{tmp}/ok.infoview", "--as-of", "20260316"], 2, "write it like 2026-03-16"),
        (["next", "{tmp}/ok.infoview", "--as-of", "2026-W12-1"], 2, "write it like 2026-03-16"),
        (
            ["status", "{tmp}/ok.infoview", "--as-of", "\uff12\uff10\uff12\uff16-03-16"],
            2,
            "write it like",
        ),
        (["status", "{tmp}/ok.infoview", "--as-of", "2026-03-16T00:00"], 2, "write it like"),
    ],
)
def test_bad_input_gives_one_line_and_a_non_zero_exit(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    args: list[str],
    exit_code: int,
    words: str,
) -> None:
    (tmp_path / "notes.txt").write_text("not a workbook", encoding="utf-8")
    Workbook.create(tmp_path / "ok.infoview", StudentProfile(name="Ana")).close()
    code, out, err = run(capsys, *(arg.format(tmp=tmp_path) for arg in args))
    assert code == exit_code
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("infoview: ")
    assert words in err
    assert "Traceback" not in err
    assert not (tmp_path / "new.infoview").exists()


def test_demo_builds_the_cohort(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "demo", "--dir", str(tmp_path / "demo"))
    assert (code, err) == (0, "")
    built = sorted((tmp_path / "demo").glob("*.infoview"))
    assert len(built) >= 8
    assert out.count("as of 2026-03-16") == len(built)
    assert f"Built {len(built)} sample workbooks in {tmp_path / 'demo'}/" in out


def test_demo_refuses_an_older_workbook_in_its_way_and_leaves_it_as_it_was(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from infoview_lib.sample_cohort import load_cohort

    from .test_sample_cohort import _older_workbook

    own = tmp_path / (load_cohort().student_files[0].stem + ".infoview")
    _older_workbook(own, "A real student")
    before = (own.read_bytes(), own.stat().st_mode)
    code, _, err = run(capsys, "demo", "--dir", str(tmp_path))
    assert code == 1
    assert "is in the way and is not a sample workbook" in err
    assert (own.read_bytes(), own.stat().st_mode) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [own.name]


def test_the_installed_command_runs(tmp_path: Path) -> None:
    command = Path(sys.executable).parent / "infoview"
    result = subprocess.run(
        [str(command), "status", str(tmp_path / "missing.infoview")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("infoview: There is no workbook at")


def test_a_full_disk_is_said_plainly_whatever_the_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import errno

    from infoview_lib import sample_cohort
    from infoview_lib.private_files import DISK_FULL

    def no_room(folder: Path) -> tuple[Path, ...]:
        raise OSError(errno.ENOSPC, "No space left on device", str(folder))

    monkeypatch.setattr(sample_cohort, "make_private_folders", no_room)
    assert main(["demo", "--dir", str(tmp_path / "demo")]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"infoview: {DISK_FULL} ({tmp_path / 'demo'})\n"
