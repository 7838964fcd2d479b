"""The cohort batch: a PDF per workbook in parallel, safe file names, and the summary."""

from __future__ import annotations

import csv
import errno
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pytest

from infoview_lib.exports.cells import neutralise
from infoview_lib.model import StudentProfile
from infoview_lib.reports import engines
from infoview_lib.reports.cohort import (
    CohortError,
    CohortResult,
    find_workbooks,
    plan_jobs,
    run_cohort,
)
from infoview_lib.reports.cohort_summary import StudentRow, summary_html, write_csv
from infoview_lib.reports.slugs import slug, unique_slugs
from infoview_lib.reports.student_job import StudentJob
from infoview_lib.sample_cohort import build_cohort, load_cohort
from infoview_lib.store import Workbook
from tests.conftest import AS_OF, damaged_workbook
from tests.reports.conftest import DISK_FULL, InThisThread

HOSTILE_NAME = "../../etc/passwd"


def pdf_text(path: Path) -> str:
    """All the text of a PDF, page after page."""
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def flat(text: str) -> str:
    """Text without spacing: a PDF wraps table cells, and may space out digits."""
    return "".join(char for char in text if not char.isspace() and char != "\x00")


def holds_name(text: str, name: str) -> bool:
    """Whether ``name`` is in ``text``: its romanised form "(...)" if it has one.

    Right-to-left text comes out reordered, and some scripts' text is not
    extracted by pypdf at all: the words of the romanised name are looked for.
    """
    found = re.search(r"\(([^()]*)\)", name)
    words = (found.group(1) if found else name).split()
    return all(flat(word) in flat(text) for word in words)


# -- file names -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ana Lima", "ana-lima"),
        ("Zoë / Ana", "zoe-ana"),
        ("../../etc/passwd", "etc-passwd"),
        ("..", "student"),
        ("😀🎉", "student"),
        ("", "student"),
        ("C:\\Windows\\system32", "c-windows-system32"),
    ],
)
def test_a_slug_is_a_plain_file_name(name: str, expected: str) -> None:
    made = slug(name)
    assert made == expected
    assert "/" not in made
    assert "\\" not in made
    assert ".." not in made


def test_a_slug_is_short_and_ascii() -> None:
    made = slug("Ω" * 500 + " " + "a" * 5000)
    assert made.isascii()
    assert 0 < len(made) <= 60


def test_two_students_never_share_a_file_name() -> None:
    names = ["Ana Lima", "ana lima", "ANA LIMA", "Ana Lima 2", "Cohort summary"]
    slugs = unique_slugs(names, reserved=["cohort-summary"])
    assert len(set(slugs)) == len(slugs)
    assert slugs[:3] == ["ana-lima", "ana-lima-2", "ana-lima-3"]
    assert "cohort-summary" not in slugs


# -- the summary, without running reports -----------------------------------------------


def test_csv_cells_that_look_like_formulas_are_neutralised(tmp_path: Path) -> None:
    rows = [
        StudentRow('=HYPERLINK("http://x")', "a.infoview", "a", stuck_reason="+1", error="-2"),
        StudentRow("@SUM(A1)", "b.infoview", "b", contacts=3, overdue_follow_ups=0),
        StudentRow("\tTab", "c.infoview", "c"),
        StudentRow("Ana", "d.infoview", "d"),
    ]
    with write_csv(rows, tmp_path / "s.csv").open(encoding="utf-8-sig", newline="") as file:
        read = list(csv.DictReader(file))
    assert [row["student"] for row in read] == [
        '\'=HYPERLINK("http://x")',
        "'@SUM(A1)",
        "'\tTab",
        "Ana",
    ]
    assert read[0]["stuck_reason"] == "'+1"
    assert read[0]["reason"] == "'-2"
    assert [row["status"] for row in read] == ["failed", "ok", "ok", "ok"]
    assert [row["contacts"] for row in read] == ["", "3", "", ""]
    assert neutralise(-3) == -3


def test_the_summary_table_escapes_student_text() -> None:
    rows = [StudentRow("<script>alert(1)</script>", "x.infoview", "x", error="<b>bad</b>")]
    body = summary_html(rows)
    assert "<script>" not in body
    assert "<b>bad" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "FAILED" in body


def test_a_folder_without_workbooks_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CohortError, match="no workbooks"):
        find_workbooks(tmp_path)
    with pytest.raises(CohortError, match="not a folder"):
        find_workbooks(tmp_path / "missing")


def test_names_that_look_like_paths_stay_inside_the_output_folder(tmp_path: Path) -> None:
    for index, name in enumerate([HOSTILE_NAME, "Zoë / Ana", "Ana Lima", "Ana Lima"]):
        with Workbook.create(tmp_path / f"{index}.infoview", StudentProfile(name=name)):
            pass
    out = tmp_path / "out"
    jobs = plan_jobs(tmp_path, out, as_of=AS_OF, paper="A4")
    assert [job.name for job in jobs] == ["etc-passwd", "zoe-ana", "ana-lima", "ana-lima-2"]
    for job in jobs:
        assert (out / f"{job.name}.pdf").resolve().parent == out.resolve()


def test_a_full_disk_while_writing_the_summary_leaves_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, full_disk: Callable[[Path], None]
) -> None:
    with Workbook.create(tmp_path / "a.infoview", StudentProfile(name="Ana Lima")):
        pass
    out = tmp_path / "out"
    out.mkdir()
    (out / "cohort-summary.csv").write_text("an earlier summary", encoding="utf-8")

    def made(job: StudentJob) -> StudentRow:  # the student's report, taken as made
        return StudentRow(job.student, job.workbook.name, job.name, report=f"{job.name}.pdf")

    monkeypatch.setattr(engines, "report_student", made)
    full_disk(out)
    result = run_cohort(tmp_path, out, as_of=AS_OF, progress=False, executor=InThisThread())
    assert [row.report for row in result.rows] == ["ana-lima.pdf"]
    assert result.summary_error == DISK_FULL
    assert (result.csv, result.pdf) == (None, None)
    assert list(out.iterdir()) == []  # no earlier summary left looking like this one


# -- a whole cohort: every sample student, and trouble -----------------------------------


@dataclass(frozen=True)
class Batch:
    folder: Path
    result: CohortResult
    students: int
    csv: Path


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Batch:
    """The sample cohort, a corrupt workbook, two students of one name and a hostile name."""
    folder = tmp_path_factory.mktemp("cohort")
    built = build_cohort(folder, load_cohort())
    damaged_workbook(folder / "00-corrupt.infoview")
    for index, name in enumerate(["Ana Lima", "Ana Lima", HOSTILE_NAME]):
        with Workbook.create(folder / f"extra-{index}.infoview", StudentProfile(name=name)):
            pass
    out = tmp_path_factory.mktemp("reports")
    result = run_cohort(folder, out, as_of=load_cohort().as_of, jobs=2, progress=False)
    assert result.csv is not None
    return Batch(folder, result, len(built) + 4, result.csv)


def test_every_student_gets_a_row_and_the_good_ones_a_pdf(batch: Batch) -> None:
    result = batch.result
    assert len(result.rows) == batch.students
    assert [row.file for row in result.failed] == ["00-corrupt.infoview"]
    for row in result.rows:
        if row.ok:
            assert (result.out_dir / row.report).is_file(), row
            assert (result.out_dir / row.executed).is_file(), row


def test_the_corrupt_workbook_is_named_with_its_reason_and_its_notebook_kept(
    batch: Batch,
) -> None:
    (failed,) = batch.result.failed
    assert "is damaged and cannot be read" in (failed.error or "")
    assert failed.report == ""
    assert (batch.result.out_dir / failed.executed).is_file()
    assert not (batch.result.out_dir / "00-corrupt.pdf").exists()
    with batch.csv.open(encoding="utf-8-sig", newline="") as file:
        read = {row["file"]: row for row in csv.DictReader(file)}
    assert read["00-corrupt.infoview"]["status"] == "failed"
    assert "is damaged and cannot be read" in read["00-corrupt.infoview"]["reason"]
    summary = pdf_text(batch.result.pdf) if batch.result.pdf else ""
    assert "FAILED" in summary
    assert flat("00-corrupt.infoview") in flat(summary)
    assert flat("is damaged and cannot be read") in flat(summary)


def test_every_file_written_is_inside_the_output_folder(batch: Batch) -> None:
    out = batch.result.out_dir
    names = {row.slug for row in batch.result.rows}
    assert {"ana-lima", "ana-lima-2", "etc-passwd"} <= names
    assert len(names) == len(batch.result.rows)
    for path in out.rglob("*"):
        assert path.resolve().is_relative_to(out.resolve())
    assert not (batch.folder / "etc").exists()


def test_each_pdf_names_its_student_and_the_summary_counts_them(batch: Batch) -> None:
    with batch.csv.open(encoding="utf-8-sig", newline="") as file:
        read = {row["file"]: row for row in csv.DictReader(file)}
    for row in batch.result.rows:
        if not row.ok:
            continue
        text = pdf_text(batch.result.out_dir / row.report)
        assert holds_name(text, row.student), row.student
        assert "Confidential" in text
        assert "In [" not in text
        assert "Out[" not in text
        line = read[row.file]
        assert line["contacts"] == str(row.contacts)
        assert line["overdue_follow_ups"] == str(row.overdue_follow_ups)
        assert line["stuck"] in ("yes", "no")
    summary = pdf_text(batch.result.pdf) if batch.result.pdf else ""
    assert "Cohort summary" in summary
    for row in batch.result.rows:
        assert holds_name(summary, row.student), row.student
    stuck = [row for row in batch.result.rows if row.stuck]
    assert stuck, "the sample cohort has a stuck student"
    assert summary.count("STUCK") == len(stuck)
    # A double-clicked CSV opens in a spreadsheet as UTF-8, names in every script intact.
    assert batch.csv.read_bytes().startswith(b"\xef\xbb\xbf")


def test_a_sample_student_row_matches_the_workbook(batch: Batch) -> None:
    from infoview_lib.reports.content import build_report

    row = next(row for row in batch.result.rows if row.file == "03-jose-alvarez.infoview")
    with Workbook.open(batch.folder / row.file) as book:
        report = build_report(book, load_cohort().as_of)
    assert row.contacts == report.contact_count
    assert dict(row.stage_counts) == {stage.label: n for stage, n in report.stage_counts}
    assert row.overdue_follow_ups == report.overdue_count
    assert row.last_activity == report.last_activity


def test_a_worker_that_fails_for_a_full_disk_says_so_plainly(tmp_path: Path) -> None:
    from concurrent.futures import Future

    failed: Future[StudentRow] = Future()
    failed.set_exception(OSError(errno.ENOSPC, "No space left on device"))
    job = StudentJob(tmp_path / "ana.infoview", tmp_path, AS_OF, "A4", "ana-lima", "Ana Lima")
    row = engines.Engine(InThisThread(), lambda: 1).outcome(failed, job)  # type: ignore[arg-type]
    assert (row.student, row.error) == ("Ana Lima", DISK_FULL)


def test_a_report_dask_gave_up_on_is_said_plainly(tmp_path: Path) -> None:
    from concurrent.futures import Future

    from distributed.scheduler import KilledWorker

    failed: Future[StudentRow] = Future()
    failed.set_exception(KilledWorker("report_shipped-1", "tls://127.0.0.1:1", 3))  # type: ignore[arg-type]
    job = StudentJob(tmp_path / "ana.infoview", tmp_path, AS_OF, "A4", "ana-lima", "Ana Lima")
    row = engines.Engine(InThisThread(), lambda: 1).outcome(failed, job)  # type: ignore[arg-type]
    assert row.error == (
        "every worker that started this report stopped before it was done; "
        "see the Dask cluster's logs"
    )
