"""``infoview report`` and ``infoview cohort``: outputs, exit codes and one-line errors."""

from __future__ import annotations

import csv
import errno
from collections.abc import Callable
from pathlib import Path

import pytest

from infoview_lib.model import StudentProfile
from infoview_lib.reports import cohort as cohort_module
from infoview_lib.reports import engines
from infoview_lib.reports import run as run_module
from infoview_lib.sample_cohort import build_student, load_cohort
from infoview_lib.store import Workbook
from tests.conftest import damaged_workbook, run_cli
from tests.reports.conftest import DISK_FULL, InThisThread

run = run_cli


@pytest.fixture
def cohort_dir(tmp_path: Path) -> Path:
    """One sample student and one corrupt workbook."""
    folder = tmp_path / "cohort"
    folder.mkdir()
    cohort = load_cohort()
    spec = next(path for path in cohort.student_files if "zoe" in path.name)
    build_student(spec, folder, cohort.as_of)
    damaged_workbook(folder / "broken.infoview")
    return folder


@pytest.mark.parametrize("command", [["report"], ["cohort"]])
def test_help(capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    code, out, _ = run(capsys, *command, "--help")
    assert code == 0
    assert out.startswith("Usage: infoview")


def test_a_report_for_one_student(capsys: pytest.CaptureFixture[str], cohort_dir: Path) -> None:
    out_dir = cohort_dir.parent / "reports"
    workbook = str(cohort_dir / "05-zoe-muller.infoview")
    code, out, err = run(capsys, "report", workbook, "--as-of", "2026-03-16", "--out", str(out_dir))
    assert (code, err) == (0, "")
    assert out == f"Report as of 2026-03-16: {out_dir / 'zoe-muller.pdf'}\n"
    assert (out_dir / "zoe-muller.pdf").read_bytes().startswith(b"%PDF")


def test_a_failed_report_says_why_and_where_the_notebook_is(
    capsys: pytest.CaptureFixture[str], cohort_dir: Path
) -> None:
    out_dir = cohort_dir.parent / "reports"
    code, out, err = run(
        capsys, "report", str(cohort_dir / "broken.infoview"), "--out", str(out_dir)
    )
    assert code == 1
    assert out == ""
    assert "is damaged and cannot be read" in err
    assert str(out_dir / "broken.ipynb") in err
    assert len(err.splitlines()) == 1


def test_a_report_on_a_full_disk_says_so_plainly(
    capsys: pytest.CaptureFixture[str], cohort_dir: Path, full_disk: Callable[[Path], None]
) -> None:
    out_dir = cohort_dir.parent / "reports"
    out_dir.mkdir()
    full_disk(out_dir)
    workbook = cohort_dir / "05-zoe-muller.infoview"
    code, out, err = run(capsys, "report", str(workbook), "--out", str(out_dir))
    assert (code, out) == (1, "")
    assert err == f"infoview: no report for {workbook}: {DISK_FULL}.\n"
    assert list(out_dir.iterdir()) == []  # no empty notebook to point at


def test_a_cohort_on_a_full_disk_says_so_plainly(
    capsys: pytest.CaptureFixture[str],
    cohort_dir: Path,
    full_disk: Callable[[Path], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The reports run in this process, so that its disk is full for them too.
    monkeypatch.setattr(engines, "ProcessPoolExecutor", lambda **_: InThisThread())
    out_dir = cohort_dir.parent / "reports"
    out_dir.mkdir()
    full_disk(out_dir)
    code, out, err = run(capsys, "cohort", str(cohort_dir), "--out", str(out_dir))
    assert code == 1
    assert "Made 0 of 2 reports" in out
    assert f"(05-zoe-muller.infoview): {DISK_FULL}\n" in out
    assert f"(broken.infoview): {DISK_FULL}\n" in out
    assert "Errno" not in out + err
    assert "executed notebook" not in out
    assert "Cohort summary:" not in out
    assert f"no cohort summary: {DISK_FULL}." in err
    assert len(err.splitlines()) == 1
    assert list(out_dir.iterdir()) == []


@pytest.mark.parametrize("command", ["report", "cohort"])
def test_no_room_for_the_output_folder_is_said_plainly(
    capsys: pytest.CaptureFixture[str],
    cohort_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
) -> None:
    def no_room(folder: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(folder))

    monkeypatch.setattr(run_module, "make_private_folders", no_room)
    monkeypatch.setattr(cohort_module, "make_private_folders", no_room)
    given = cohort_dir / "05-zoe-muller.infoview" if command == "report" else cohort_dir
    out_dir = cohort_dir.parent / "reports"
    code, out, err = run(capsys, command, str(given), "--out", str(out_dir))
    assert (code, out) == (1, "")
    assert err.endswith(f": {DISK_FULL}.\n")
    assert len(err.splitlines()) == 1


def test_a_cohort_with_a_corrupt_workbook(
    capsys: pytest.CaptureFixture[str], cohort_dir: Path
) -> None:
    out_dir = cohort_dir.parent / "reports"
    code, out, err = run(
        capsys, "cohort", str(cohort_dir), "--out", str(out_dir), "--jobs", "2",
        "--as-of", "2026-03-16", "--paper", "letter",
    )  # fmt: skip
    assert code == 1
    assert "Reports:" not in err  # no progress bar unless a person is watching
    assert f"Made 1 of 2 reports in {out_dir}/, dated 2026-03-16." in out
    assert f"{out_dir / 'cohort-summary.pdf'} and {out_dir / 'cohort-summary.csv'}" in out
    assert "FAILED  broken (broken.infoview)" in out
    assert str(out_dir / "broken.ipynb") in out
    assert "1 report could not be made" in err
    assert (out_dir / "zoe-muller.pdf").is_file()
    assert (out_dir / "broken.ipynb").is_file()
    with (out_dir / "cohort-summary.csv").open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    assert [(row["file"], row["status"]) for row in rows] == [
        ("broken.infoview", "failed"),
        ("05-zoe-muller.infoview", "ok"),
    ]


def test_a_cohort_of_good_workbooks_exits_0(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with Workbook.create(tmp_path / "a.infoview", StudentProfile(name="Ana Lima")):
        pass
    code, out, err = run(capsys, "cohort", str(tmp_path), "--out", str(tmp_path / "out"))
    assert code == 0, err
    assert "Made 1 of 1 reports" in out
    assert (tmp_path / "out" / "ana-lima.pdf").is_file()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["report", "{missing}"], "does not exist"),
        (["report", "{folder}"], "is a directory"),
        (["report", "{workbook}", "--as-of", "2026-02-30"], "not a real date"),
        (["report", "{workbook}", "--sections", "progress,gossip"], "gossip"),
        (["report", "{workbook}", "--format", "docx"], "docx"),
        (["report", "{workbook}", "--paper", "a3"], "a3"),
        (["cohort", "{folder}"], "--out"),
        (["cohort", "{missing}", "--out", "{folder}/out"], "does not exist"),
        (["cohort", "{folder}", "--out", "{folder}/out"], "holds no workbooks"),
        (["cohort", "{folder}", "--out", "{folder}/out", "--jobs", "0"], "0"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, arguments: list[str], message: str
) -> None:
    (tmp_path / "folder").mkdir()
    with Workbook.create(tmp_path / "w.infoview", StudentProfile(name="Ana Lima")):
        pass
    places = {
        "missing": tmp_path / "missing",
        "folder": tmp_path / "folder",
        "workbook": tmp_path / "w.infoview",
    }
    code, out, err = run(capsys, *(argument.format(**places) for argument in arguments))
    assert code == 2
    assert out == ""
    assert message in err
    assert err.startswith("infoview: ")
    assert not (tmp_path / "folder" / "out").exists()
