"""``infoview export`` and ``infoview restore``: files written, never replaced unless asked,
and a refused backup said in one line, with nothing left behind."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import openpyxl  # type: ignore[import-untyped]
import pytest

from infoview_lib.sample_cohort import build_cohort
from tests.conftest import digest, run_cli


@pytest.fixture(scope="module")
def student(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A sample student's workbook."""
    return build_cohort(tmp_path_factory.mktemp("cohort"))[3]


run = run_cli


@pytest.mark.parametrize("command", [["export"], ["restore"]])
def test_help(capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    code, out, _ = run(capsys, *command, "--help")
    assert code == 0
    assert out.startswith(f"Usage: infoview {command[0]}")
    assert "--out" in out


def test_export_each_format_without_changing_the_workbook(
    capsys: pytest.CaptureFixture[str], student: Path, tmp_path: Path
) -> None:
    before = digest(student)
    code, out, err = run(capsys, "export", student, "--format", "csv", "--out", tmp_path / "csv")
    assert (code, err) == (0, "")
    assert "Wrote 7 CSV files" in out
    assert (tmp_path / "csv" / "contacts.csv").read_bytes().startswith(b"\xef\xbb\xbfNo.,Full name")
    code, out, err = run(capsys, "export", student, "--out", tmp_path / "work.xlsx")
    assert (code, err) == (0, "")
    assert openpyxl.load_workbook(tmp_path / "work.xlsx").sheetnames[0] == "Contacts"
    code, out, err = run(capsys, "export", student, "--format", "json", "--out", tmp_path / "b")
    assert (code, err) == (0, "")
    assert "infoview restore" in out
    assert json.loads((tmp_path / "b").read_text(encoding="utf-8"))["format"] == "infoview-backup"
    for written in [tmp_path / "work.xlsx", tmp_path / "b", *(tmp_path / "csv").iterdir()]:
        assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert digest(student) == before


def test_export_replaces_a_file_only_with_force(
    capsys: pytest.CaptureFixture[str], student: Path, tmp_path: Path
) -> None:
    target = tmp_path / "work.xlsx"
    target.write_bytes(b"my own spreadsheet")
    code, _, err = run(capsys, "export", student, "--out", target)
    assert code == 1
    assert err.startswith(f"infoview: {target} is already there")
    assert "--force" in err
    assert err.count("\n") == 1
    assert target.read_bytes() == b"my own spreadsheet"
    code, _, err = run(capsys, "export", student, "--out", target, "--force")
    assert (code, err) == (0, "")
    assert target.read_bytes().startswith(b"PK")
    code, _, err = run(capsys, "export", student, "--format", "json", "--out", student, "--force")
    assert code == 1
    assert "is the workbook itself" in err


def test_export_of_what_is_not_a_workbook_is_refused_in_words(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes", encoding="utf-8")
    code, _, err = run(capsys, "export", notes, "--out", notes, "--format", "json", "--force")
    assert code == 1
    assert "is not an infoview workbook" in err
    assert notes.read_text(encoding="utf-8") == "my notes"
    code, _, err = run(capsys, "export", tmp_path / "gone.infoview", "--out", tmp_path / "x.json")
    assert code == 1
    assert err.startswith("infoview: ")
    assert not (tmp_path / "x.json").exists()


def test_export_asks_for_a_format_it_cannot_tell(
    capsys: pytest.CaptureFixture[str], student: Path, tmp_path: Path
) -> None:
    code, _, err = run(capsys, "export", student, "--out", tmp_path / "work.txt")
    assert code == 2
    assert "add --format csv, xlsx or json" in err
    assert not (tmp_path / "work.txt").exists()


def test_restore_then_export_gives_the_same_backup(
    capsys: pytest.CaptureFixture[str], student: Path, tmp_path: Path
) -> None:
    run(capsys, "export", student, "--out", tmp_path / "backup.json")
    code, out, err = run(capsys, "restore", tmp_path / "backup.json", "--out", tmp_path / "new")
    assert (code, err) == (0, "")
    assert f"into {tmp_path / 'new'}" in out
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o600
    run(capsys, "export", tmp_path / "new", "--out", tmp_path / "again.json")
    assert (tmp_path / "again.json").read_bytes() == (tmp_path / "backup.json").read_bytes()
    code, _, err = run(capsys, "restore", tmp_path / "backup.json", "--out", tmp_path / "new")
    assert code == 1
    assert "never replaces a file" in err


def test_restore_refuses_a_damaged_backup_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    damaged = tmp_path / "backup.json"
    damaged.write_text('{\n  "format": "infoview-backup",\n  "version": 1\n  "x": 2\n}\n')
    code, _, err = run(capsys, "restore", damaged, "--out", tmp_path / "new.infoview")
    assert code == 1
    assert err.startswith(f"infoview: {damaged}, line 4: the file is damaged")
    assert err.count("\n") == 1
    assert sorted(path.name for path in tmp_path.iterdir()) == ["backup.json"]
