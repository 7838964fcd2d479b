"""A report for every workbook in a folder, made in parallel, and the cohort's summary.

Each student's report runs in a worker process (:func:`report_student`, a plain
top-level function taking and returning plain data, so another executor, Dask
say, can run it instead). One student's failure never stops the batch: the
summary names it with the reason, and its executed notebook is kept.

The summary is ``cohort-summary.csv`` (a row per student) and ``cohort-summary.pdf``
(see :mod:`~infoview_lib.reports.cohort_summary`). Like the reports, they are written 0600
(see :mod:`infoview_lib.private_files`).
"""

from __future__ import annotations

import atexit
import contextlib
import multiprocessing
import os
import sys
import threading
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from infoview_lib.errors import InfoviewError
from infoview_lib.private_files import (
    DISK_FULL,
    is_disk_full,
    make_private_folders,
)
from infoview_lib.reports.cohort_summary import SUMMARY, StudentRow, write_csv, write_pdf
from infoview_lib.reports.run import ReportKernel, check_paper, run_report, student_name
from infoview_lib.reports.slugs import unique_slugs

#: The suffix of a workbook file.
WORKBOOK_SUFFIX = ".infoview"


class CohortError(InfoviewError):
    """A cohort folder that cannot be reported on (missing, or holding no workbooks)."""


@dataclass(frozen=True)
class StudentJob:
    """One student's report, as a worker gets it: plain, picklable values."""

    workbook: Path
    out_dir: Path
    as_of: date
    paper: str
    name: str
    student: str


@dataclass(frozen=True)
class CohortResult:
    """The rows of the summary (sorted by file name) and where the summary files are.

    ``csv`` and ``pdf`` are None when the summary could not be written;
    ``summary_error`` then says why.
    """

    out_dir: Path
    rows: tuple[StudentRow, ...]
    csv: Path | None
    pdf: Path | None
    failed: tuple[StudentRow, ...] = field(init=False)
    summary_error: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "failed", tuple(row for row in self.rows if not row.ok))


def find_workbooks(folder: Path) -> list[Path]:
    """The workbooks in ``folder`` (not its subfolders), sorted by name."""
    if not folder.is_dir():
        raise CohortError(f"{folder} is not a folder: give the folder holding the workbooks.")
    found = sorted(
        path
        for path in folder.glob(f"*{WORKBOOK_SUFFIX}")
        # Anything named like a workbook but a folder is a report of its own, failing alone
        # with the reason (a named pipe, a broken link), never skipped in silence.
        if not path.is_dir() and not path.name.startswith(".")
    )
    if not found:
        raise CohortError(f"{folder} holds no workbooks (*{WORKBOOK_SUFFIX} files).")
    return found


def plan_jobs(folder: Path, out_dir: Path, *, as_of: date, paper: str) -> list[StudentJob]:
    """One job per workbook, each with its own safe file name (students' names made unique)."""
    workbooks = find_workbooks(folder)
    names = [student_name(path) or path.stem for path in workbooks]
    slugs = unique_slugs(names, reserved=[SUMMARY])
    return [
        StudentJob(path, out_dir, as_of, paper, stem, name)
        for path, stem, name in zip(workbooks, slugs, names, strict=True)
    ]


#: Each worker thread keeps one kernel for its reports (see :class:`ReportKernel`).
_KEPT = threading.local()
_ALL_KEPT: list[ReportKernel] = []
_KEPT_LOCK = threading.Lock()


def _kept_kernel() -> ReportKernel:
    """This worker thread's kernel; every one is stopped when its process exits."""
    kernel: ReportKernel | None = getattr(_KEPT, "kernel", None)
    if kernel is None:
        kernel = _KEPT.kernel = ReportKernel()
        with _KEPT_LOCK:
            if not _ALL_KEPT:
                atexit.register(_stop_kept_kernels)
            _ALL_KEPT.append(kernel)
    return kernel


def _stop_kept_kernels() -> None:
    with _KEPT_LOCK:
        for kernel in _ALL_KEPT:
            with contextlib.suppress(Exception):
                kernel.close()
        _ALL_KEPT.clear()


def report_student(job: StudentJob) -> StudentRow:
    """Make one student's PDF and summary row; never raises for the student's own data.

    A plain, picklable function of plain data, so any executor can run it
    (processes here; a distributed one later), in a kernel kept by its worker.
    """
    result = run_report(
        job.workbook,
        job.out_dir,
        as_of=job.as_of,
        paper=job.paper,
        name=job.name,
        kernel=_kept_kernel(),
    )
    kept = result.kept_notebook
    row = StudentRow(
        student=job.student,
        file=job.workbook.name,
        slug=job.name,
        report=result.output.name if result.output else "",
        executed=kept.name if kept else "",
        error=result.error,
    )
    return _with_figures(row, job)


def _with_figures(row: StudentRow, job: StudentJob) -> StudentRow:
    """The row with the report's figures, when the workbook can be read."""
    from dataclasses import replace

    from infoview_lib.reports.content import build_report
    from infoview_lib.store import Workbook

    try:
        with Workbook.read_only(job.workbook) as book:
            report = build_report(book, job.as_of)
    except Exception as error:  # the report's own error already says what went wrong
        return row if row.error else replace(row, error=f"{type(error).__name__}: {error}")
    return replace(
        row,
        stage_counts=tuple((stage.label, count) for stage, count in report.stage_counts),
        contacts=report.contact_count,
        overdue_follow_ups=report.overdue_count,
        overdue_actions=report.overdue_actions,
        last_activity=report.last_activity,
        stuck=report.stuck,
        stuck_reason=report.stuck_reason,
    )


def run_cohort(
    folder: Path,
    out_dir: Path,
    *,
    as_of: date,
    jobs: int | None = None,
    paper: str = "A4",
    progress: bool = True,
    executor: Executor | None = None,
) -> CohortResult:
    """A PDF per workbook in ``folder`` into ``out_dir``, then the cohort summary.

    The reports run in ``jobs`` worker processes (default: one per core), unless
    an ``executor`` is given. A progress bar for the batch goes to standard error.
    ``out_dir``, and the folders above it, are made 0700 if missing. A full disk
    fails the students' reports and the summary with a plain reason, never raises.
    """
    from tqdm import tqdm  # type: ignore[import-untyped]

    paper = check_paper(paper)
    planned = plan_jobs(folder, out_dir, as_of=as_of, paper=paper)
    make_private_folders(out_dir)
    workers = max(1, min(jobs or os.cpu_count() or 1, len(planned)))
    own = executor is None
    pool = executor or ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("spawn")
    )
    rows: list[StudentRow] = []
    try:
        futures: dict[Future[StudentRow], StudentJob] = {
            pool.submit(report_student, job): job for job in planned
        }
        bar = tqdm(
            total=len(planned),
            desc="Reports",
            unit="student",
            file=sys.stderr,
            disable=not progress,
        )
        with bar:
            for future in as_completed(futures):
                rows.append(_outcome(future, futures[future]))
                bar.update(1)
    finally:
        if own:
            pool.shutdown()
    rows.sort(key=lambda row: row.slug)
    csv, pdf = out_dir / f"{SUMMARY}.csv", out_dir / f"{SUMMARY}.pdf"
    try:
        write_csv(rows, csv)
        write_pdf(rows, pdf, as_of=as_of, paper=paper)
    except OSError as error:
        if not is_disk_full(error):
            raise
        for part in (csv, pdf):  # neither half of this summary, nor an earlier one
            part.unlink(missing_ok=True)
        return CohortResult(out_dir, tuple(rows), None, None, summary_error=DISK_FULL)
    return CohortResult(out_dir, tuple(rows), csv, pdf)


def _outcome(future: Future[StudentRow], job: StudentJob) -> StudentRow:
    """The worker's row, or a failed one if the worker itself went wrong (it died, say)."""
    try:
        return future.result()
    except Exception as error:
        return StudentRow(
            student=job.student,
            file=job.workbook.name,
            slug=job.name,
            error=(
                DISK_FULL
                if is_disk_full(error)
                else f"the report's worker failed: {type(error).__name__}: {error}"
            ),
        )
