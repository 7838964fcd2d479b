"""A report for every workbook in a folder, made in parallel, and the cohort's summary.

Each student's report runs in a worker process of this computer
(:func:`~infoview_lib.reports.student_job.report_student`), or on a Dask cluster
(:mod:`~infoview_lib.reports.dask_engine`), where the workbook's bytes go to the
worker and the report's come back (:mod:`~infoview_lib.reports.shipped`). One
student's failure never stops the batch: the summary names it with the reason, and its
executed notebook is kept. How the reports are handed out, and what a worker's own
failure is said as, is :mod:`~infoview_lib.reports.engines`.

The summary is ``cohort-summary.csv`` (a row per student) and ``cohort-summary.pdf``
(see :mod:`~infoview_lib.reports.cohort_summary`). Like the reports, they are written 0600
(see :mod:`infoview_lib.private_files`).
"""

from __future__ import annotations

import os
import sys
import uuid
from concurrent.futures import Executor
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from infoview_lib.errors import InfoviewError
from infoview_lib.private_files import (
    DISK_FULL,
    is_disk_full,
    make_private_folders,
)
from infoview_lib.reports.cohort_summary import SUMMARY, StudentRow, write_csv, write_pdf
from infoview_lib.reports.engines import engine_for
from infoview_lib.reports.run import check_paper, student_name
from infoview_lib.reports.slugs import unique_slugs
from infoview_lib.reports.student_job import StudentJob

#: The suffix of a workbook file.
WORKBOOK_SUFFIX = ".infoview"
#: ``dask=`` for a Dask cluster of worker processes on this computer, made for the run.
LOCAL_CLUSTER = "local"


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
    run = uuid.uuid4().hex  # a Dask worker may keep kernels for several runs at once
    planned = [replace(job, run=run) for job in planned]
    with engine_for(workers, executor, dask, run) as engine, bar:
        rows = engine.run(planned, bar.update)
    rows.sort(key=lambda row: row.slug)
    return _with_summary(rows, out_dir, as_of=as_of, paper=paper)


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
