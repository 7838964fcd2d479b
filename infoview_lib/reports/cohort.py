"""A report for every workbook in a folder, made in parallel, and the cohort's summary.

Each student's report runs in a worker process of this computer
(:func:`~infoview_lib.reports.student_job.report_student`), or on a Dask cluster
(:mod:`~infoview_lib.reports.dask_engine`), where the workbook's bytes go to the
worker and the report's come back (:mod:`~infoview_lib.reports.shipped`). One
student's failure never stops the batch: the summary names it with the reason, and its
executed notebook is kept. Only a few reports per worker are handed out at a time, so
the advisor's computer never holds a whole university's workbooks at once.

The summary is ``cohort-summary.csv`` (a row per student) and ``cohort-summary.pdf``
(see :mod:`~infoview_lib.reports.cohort_summary`). Like the reports, they are written 0600
(see :mod:`infoview_lib.private_files`).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
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
from infoview_lib.reports.run import check_paper, student_name
from infoview_lib.reports.shipped import ShippedReport, keep_shipped, report_shipped, ship
from infoview_lib.reports.slugs import unique_slugs
from infoview_lib.reports.student_job import StudentJob, report_student

#: The suffix of a workbook file.
WORKBOOK_SUFFIX = ".infoview"
#: ``dask=`` for a Dask cluster of worker processes on this computer, made for the run.
LOCAL_CLUSTER = "local"
#: Reports handed out ahead per worker: enough to keep it busy, few enough to keep
#: the workbooks and PDFs in transit small.
AHEAD_PER_WORKER = 2


class CohortError(InfoviewError):
    """A cohort folder that cannot be reported on (missing, or holding no workbooks)."""


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


def run_cohort(
    folder: Path,
    out_dir: Path,
    *,
    as_of: date,
    jobs: int | None = None,
    paper: str = "A4",
    progress: bool = True,
    executor: Executor | None = None,
    dask: str | None = None,
) -> CohortResult:
    """A PDF per workbook in ``folder`` into ``out_dir``, then the cohort summary.

    The reports run in ``jobs`` worker processes (default: one per core), unless an
    ``executor`` is given, or ``dask``: :data:`LOCAL_CLUSTER` for a Dask cluster of ``jobs``
    workers on this computer, or a scheduler's address (``tcp://host:8786``) for the
    cluster there. A progress bar for the batch goes to standard error. ``out_dir``,
    and the folders above it, are made 0700 if missing. A full disk fails the students'
    reports and the summary with a plain reason, never raises.
    """
    from tqdm import tqdm  # type: ignore[import-untyped]

    paper = check_paper(paper)
    planned = plan_jobs(folder, out_dir, as_of=as_of, paper=paper)
    make_private_folders(out_dir)
    workers = max(1, min(jobs or os.cpu_count() or 1, len(planned)))
    bar = tqdm(
        total=len(planned), desc="Reports", unit="student", file=sys.stderr, disable=not progress
    )
    with _engine(workers, executor, dask) as engine, bar:
        rows = engine.run(planned, out_dir, bar.update)
    rows.sort(key=lambda row: row.slug)
    return _with_summary(rows, out_dir, as_of=as_of, paper=paper)


@dataclass(frozen=True)
class _Engine:
    """Where the reports run: an executor, how many run at once, and whether the
    workbooks' bytes travel to the workers (and the reports' bytes back)."""

    executor: Executor
    workers: int
    ships: bool = False

    def run(
        self, planned: list[StudentJob], out_dir: Path, done: Callable[[int], object]
    ) -> list[StudentRow]:
        """Every planned report's row, handing out a few per worker at a time."""
        rows: list[StudentRow] = []
        waiting = iter(planned)
        running: dict[Future[StudentRow | ShippedReport], StudentJob] = {}
        while True:
            while len(running) < self.workers * AHEAD_PER_WORKER:
                job = next(waiting, None)
                if job is None:
                    break
                running[self.submit(job)] = job
            if not running:
                return rows
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                rows.append(self.outcome(future, running.pop(future), out_dir))
                done(1)

    def submit(self, job: StudentJob) -> Future[StudentRow | ShippedReport]:
        """Start one student's report."""
        if not self.ships:
            return self.executor.submit(report_student, job)
        shipped = ship(job)
        if shipped is None:  # plainly no workbook: said at once, here, as locally
            here: Future[StudentRow | ShippedReport] = Future()
            here.set_result(report_student(job))
            return here
        return self.executor.submit(report_shipped, shipped)

    def outcome(
        self, future: Future[StudentRow | ShippedReport], job: StudentJob, out_dir: Path
    ) -> StudentRow:
        """The worker's row (its files written here if shipped), or a failed one if the
        worker itself went wrong (it died, say)."""
        try:
            made = future.result()
            if isinstance(made, ShippedReport):
                return keep_shipped(made, job.workbook, out_dir)
            return made
        except Exception as error:
            return StudentRow(
                student=job.student,
                file=job.workbook.name,
                slug=job.name,
                error=_worker_failure(error),
            )


@contextmanager
def _engine(workers: int, executor: Executor | None, dask: str | None) -> Iterator[_Engine]:
    """The engine the reports run on, stopped when they are done."""
    if executor is not None:
        yield _Engine(executor, workers)
    elif dask is not None:
        from infoview_lib.reports.dask_engine import dask_executor

        with dask_executor(dask, workers=workers) as (on_dask, slots):
            yield _Engine(on_dask, slots, ships=True)
    else:
        spawn = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=spawn) as pool:
            yield _Engine(pool, workers)


def _worker_failure(error: Exception) -> str:
    """Why a worker, not the student's data, failed a report, in plain words."""
    if is_disk_full(error):
        return DISK_FULL
    if type(error).__name__ == "KilledWorker":  # Dask gave up after losing several workers
        return (
            "every worker that started this report stopped before it was done; "
            "see the Dask cluster's logs"
        )
    return f"the report's worker failed: {type(error).__name__}: {error}"


def _with_summary(
    rows: list[StudentRow], out_dir: Path, *, as_of: date, paper: str
) -> CohortResult:
    """The result, with the summary written (or why it could not be)."""
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
