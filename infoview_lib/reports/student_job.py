"""One student's report as a cohort's worker makes it: plain data in, a summary row out.

:func:`report_student` is a plain top-level function of a picklable
:class:`StudentJob`, so any executor can run it: the local batch's worker processes,
or a Dask worker (see :mod:`~infoview_lib.reports.shipped`). Each worker thread keeps
one kernel for its reports (:class:`~infoview_lib.reports.run.ReportKernel`), stopped
when its process exits or its Dask worker closes (:func:`stop_kept_kernels`).
"""

from __future__ import annotations

import atexit
import contextlib
import threading
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from infoview_lib.reports.cohort_summary import StudentRow
from infoview_lib.reports.run import ReportKernel, run_report


@dataclass(frozen=True)
class StudentJob:
    """One student's report, as a worker gets it: plain, picklable values."""

    workbook: Path
    out_dir: Path
    as_of: date
    paper: str
    name: str
    student: str
    run: str = ""  # which batch: a Dask worker may make the reports of several


#: The kernel each worker thread keeps for each run's reports (see :class:`ReportKernel`).
_KEPT: dict[tuple[int, str], ReportKernel] = {}
_KEPT_LOCK = threading.Lock()


def _kept_kernel(run: str) -> ReportKernel:
    """This worker thread's kernel for ``run``; every one is stopped when its process exits."""
    key = (threading.get_ident(), run)
    with _KEPT_LOCK:
        kernel = _KEPT.get(key)
        if kernel is None:
            if not _KEPT:
                atexit.register(stop_kept_kernels)
            kernel = _KEPT[key] = ReportKernel()
    return kernel


def stop_kept_kernels(run: str | None = None) -> int:
    """Stop the kernels this process keeps for ``run``'s reports (default: every run's).

    A thread that makes another report for that run afterwards starts a new kernel.
    Returns how many were stopped.
    """
    with _KEPT_LOCK:
        stopping = [key for key in _KEPT if run is None or key[1] == run]
        kernels = [_KEPT.pop(key) for key in stopping]
    for kernel in kernels:
        with contextlib.suppress(Exception):
            kernel.close()
    return len(kernels)


def report_student(job: StudentJob) -> StudentRow:
    """Make one student's PDF and summary row; never raises for the student's own data.

    A plain, picklable function of plain data, so any executor can run it
    (the local batch's processes, or Dask's workers), in a kernel kept by its worker.
    """
    result = run_report(
        job.workbook,
        job.out_dir,
        as_of=job.as_of,
        paper=job.paper,
        name=job.name,
        kernel=_kept_kernel(job.run),
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


__all__ = ["StudentJob", "report_student", "stop_kept_kernels"]
