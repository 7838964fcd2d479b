"""A student's report made on a machine without the advisor's folders.

A Dask worker may run on another computer of the cluster, where neither the cohort's
folder nor the output folder exist. So the workbook's bytes go to the worker
(:class:`ShippedJob`), the worker makes the report in a private scratch folder of its
own (:func:`report_shipped`), and the PDF's and the executed notebook's bytes come back
(:class:`ShippedReport`), to be written into the output folder by the advisor's machine
(:func:`keep_shipped`), privately, like every report. Nothing of the student's is left
on the worker.

The workbook is taken as of one moment: the file itself, or, while a program has it
open (a ``-wal`` beside it), a consistent copy read through SQLite.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from infoview_lib.errors import InfoviewError
from infoview_lib.private_files import DISK_FULL, is_disk_full, write_private
from infoview_lib.reports.cohort_summary import StudentRow
from infoview_lib.reports.student_job import StudentJob, report_student
from infoview_lib.store import Workbook, WorkbookError
from infoview_lib.store.sidecars import existing_sidecars


class ShippingError(InfoviewError):
    """A shipped job that no worker should run (a file name that is not a plain name)."""


@dataclass(frozen=True)
class ShippedJob:
    """One student's report with the workbook's bytes: all a worker anywhere needs."""

    file: str
    workbook: bytes
    as_of: date
    paper: str
    name: str
    student: str


@dataclass(frozen=True)
class ShippedReport:
    """The worker's summary row, and the bytes of the files it made (None: not made).

    ``copy`` and ``out`` are where the worker's copy of the workbook and its output
    folder were: the row's reason and the executed notebook name them, and are made to
    name the advisor's workbook and output folder instead.
    """

    row: StudentRow
    pdf: bytes | None
    executed: bytes | None
    copy: str
    out: str


def ship(job: StudentJob) -> ShippedJob | None:
    """The job with its workbook's bytes, or None for a file plainly no workbook.

    Such a file (missing, a folder, a named pipe, another kind of file) is reported on
    where it is, at once, by :func:`~infoview_lib.reports.student_job.report_student`,
    saying why exactly as the local batch does.
    """
    try:
        Workbook.check_file(job.workbook)  # reads the first bytes only: never blocks
        content = workbook_bytes(job.workbook)
    except (WorkbookError, OSError):
        return None
    return ShippedJob(job.workbook.name, content, job.as_of, job.paper, job.name, job.student)


def workbook_bytes(path: Path) -> bytes:
    """The workbook's bytes as of one moment, read here.

    A workbook open in another program keeps recent changes in its ``-wal`` file:
    then a consistent copy is read through SQLite (damage found there is left for the
    worker's report to say, from the file's own bytes).
    """
    if not existing_sidecars(path):
        return path.read_bytes()
    try:
        with Workbook.read_only(path) as book:
            return book.to_bytes()
    except WorkbookError:
        return path.read_bytes()


def report_shipped(job: ShippedJob) -> ShippedReport:
    """Make one student's report from the workbook's bytes; what it made comes back.

    Runs on a worker, in a private (0700) scratch folder removed afterwards. Like
    :func:`~infoview_lib.reports.student_job.report_student`, never raises for the
    student's own data.
    """
    if Path(job.file).name != job.file or job.file in ("", ".", ".."):
        raise ShippingError(f"{job.file!r} is not a plain file name.")
    with tempfile.TemporaryDirectory(prefix="infoview-report-") as scratch:
        folder = Path(scratch)
        workbook = folder / job.file
        write_private(workbook, job.workbook)
        out = folder / "reports"
        row = report_student(StudentJob(workbook, out, job.as_of, job.paper, job.name, job.student))
        return ShippedReport(
            row,
            (out / row.report).read_bytes() if row.report else None,
            (out / row.executed).read_bytes() if row.executed else None,
            str(workbook.resolve()),  # as the report notebook was given them
            str(out.resolve()),
        )


def keep_shipped(report: ShippedReport, workbook: Path, out_dir: Path) -> StudentRow:
    """Write what the worker made into ``out_dir`` (0600); the row, saying so if it failed.

    The reason and the executed notebook name ``workbook``, not the worker's copy, as
    the local batch's do. Like the local batch, an earlier run's files of this student
    never stay looking current: a file not made this time is removed. A full disk fails
    this student's report with the plain reason, leaving neither file.
    """
    places = {report.copy: str(workbook.resolve()), report.out: str(out_dir.resolve())}
    row, executed = report.row, report.executed
    for there, here in places.items():
        if row.error:
            row = replace(row, error=row.error.replace(there, here))
        if executed is not None:  # JSON text: the paths as JSON strings spell them
            executed = executed.replace(_json_text(there), _json_text(here))
    made = {
        out_dir / f"{row.slug}.pdf": report.pdf,
        out_dir / f"{row.slug}.ipynb": executed,
    }
    try:
        for path, content in made.items():
            if content is None:
                path.unlink(missing_ok=True)
            else:
                write_private(path, content)
    except OSError as error:
        if not is_disk_full(error):
            raise
        for path in made:
            path.unlink(missing_ok=True)
        return replace(row, report="", executed="", error=DISK_FULL)
    return row


def _json_text(text: str) -> bytes:
    """``text`` as it is spelt inside a JSON string (a notebook's), in UTF-8."""
    return json.dumps(text, ensure_ascii=False)[1:-1].encode("utf-8")


__all__ = [
    "ShippedJob",
    "ShippedReport",
    "ShippingError",
    "keep_shipped",
    "report_shipped",
    "ship",
    "workbook_bytes",
]
