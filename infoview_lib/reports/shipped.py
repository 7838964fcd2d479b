"""A student's report made on a machine without the advisor's folders.

A Dask worker may run on another computer of the cluster, where neither the cohort's
folder nor the output folder exist. So the workbook's bytes go to the worker
(:class:`ShippedJob`), the worker makes the report in a private scratch folder of its
own (:func:`report_shipped`), and the PDF's and the executed notebook's bytes come back
(:class:`ShippedReport`), to be written into the output folder by the advisor's machine
(:func:`keep_shipped`), privately, like every report. The worker makes what comes back
name the advisor's files, not its own copies, so the advisor's computer only writes
bytes (it never loads the notebook libraries for it). Nothing of the student's is left
on the worker once the report is made (and a worker that dies meanwhile leaves its copy
in its own folder, which Dask removes).

The workbook is taken as of one moment: the file itself, or, while a program has it
open (a ``-wal`` beside it), a consistent copy read through SQLite.
"""

from __future__ import annotations

import json
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

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
    """One student's report with the workbook's bytes: all a worker anywhere needs.

    ``workbook_here`` and ``out_here`` are the advisor's workbook and output folder:
    what the report's reason and executed notebook name in place of the worker's copies.
    """

    file: str
    workbook: bytes
    as_of: date
    paper: str
    name: str
    student: str
    workbook_here: str
    out_here: str
    run: str = ""


@dataclass(frozen=True)
class ShippedReport:
    """The worker's summary row, and the bytes of the files it made (None: not made),
    naming the advisor's workbook and output folder."""

    row: StudentRow
    pdf: bytes | None
    executed: bytes | None


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
    return ShippedJob(
        job.workbook.name,
        content,
        job.as_of,
        job.paper,
        job.name,
        job.student,
        workbook_here=str(job.workbook.resolve()),
        out_here=str(job.out_dir.resolve()),
        run=job.run,
    )


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


#: A thread of infoview's own for each thread of a Dask worker (see :func:`report_shipped`).
_OWN_THREADS: dict[int, ThreadPoolExecutor] = {}
_OWN_THREADS_LOCK = threading.Lock()


def report_shipped(job: ShippedJob) -> ShippedReport:
    """:func:`make_shipped` on a thread kept for the calling thread.

    A kept kernel's client waits on the event loop of the thread that connected it, and
    a Dask worker's thread does not keep its event loop from one task to the next: on a
    thread of its own, the kernel is kept from one report to the next.
    """
    caller = threading.get_ident()
    with _OWN_THREADS_LOCK:
        own = _OWN_THREADS.get(caller)
        if own is None:
            own = _OWN_THREADS[caller] = ThreadPoolExecutor(1, "infoview-report")
    return own.submit(make_shipped, job).result()


def make_shipped(job: ShippedJob) -> ShippedReport:
    """Make one student's report from the workbook's bytes; what it made comes back.

    Runs on a worker, in a private (0700) scratch folder removed afterwards; on a Dask
    worker it is inside the worker's own folder, so that one left by a worker that died
    goes with that folder. The row's reason and the executed notebook name the advisor's
    files, as the local batch's do. Like
    :func:`~infoview_lib.reports.student_job.report_student`, never raises for the
    student's own data.
    """
    if Path(job.file).name != job.file or job.file in ("", ".", ".."):
        raise ShippingError(f"{job.file!r} is not a plain file name.")
    with tempfile.TemporaryDirectory(prefix="infoview-report-", dir=_scratch_root()) as scratch:
        folder = Path(scratch)
        workbook = folder / job.file
        write_private(workbook, job.workbook)
        out = folder / "reports"
        planned = StudentJob(workbook, out, job.as_of, job.paper, job.name, job.student, job.run)
        row = report_student(planned)
        # As the report notebook was given them, to the advisor's.
        places = {str(workbook.resolve()): job.workbook_here, str(out.resolve()): job.out_here}
        for there, here in places.items():
            row = replace(row, error=row.error and row.error.replace(there, here))
        executed = (out / row.executed).read_bytes() if row.executed else None
        return ShippedReport(
            row,
            (out / row.report).read_bytes() if row.report else None,
            None if executed is None else renamed(executed, places),
        )


def _scratch_root() -> str | None:
    """A Dask worker's own folder (removed with the worker, or by the next one started
    there if it died), else the system's temporary folder."""
    try:
        from distributed import get_worker

        return str(get_worker().local_directory)
    except (ImportError, ValueError):  # not on a Dask worker
        return None


def keep_shipped(report: ShippedReport, job: StudentJob) -> StudentRow:
    """Write what the worker made for ``job`` into its output folder (0600); its row.

    File names come from the job planned here, never from what came back. Like the
    local batch, an earlier run's files of this student never stay looking current: a
    file not made this time is removed. A full disk fails this student's report with
    the plain reason, leaving neither file.
    """
    row = report.row
    pdf, notebook = job.out_dir / f"{job.name}.pdf", job.out_dir / f"{job.name}.ipynb"
    made = {pdf: report.pdf, notebook: report.executed}
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
    return replace(
        row,
        slug=job.name,
        report=pdf.name if report.pdf is not None else "",
        executed=notebook.name if report.executed is not None else "",
    )


def renamed(notebook: bytes, places: dict[str, str]) -> bytes:
    """The executed notebook naming the advisor's files where it named the worker's.

    Every text in it is changed: as written, and as papermill writes a parameter's value
    into the parameters cell (escaped).
    """
    import nbformat
    from papermill.translators import PythonTranslator

    forms = dict(places)
    for there, here in places.items():
        quoted = PythonTranslator.translate_escaped_str
        forms[quoted(there)[1:-1]] = quoted(here)[1:-1]

    def changed(value: Any) -> Any:
        if isinstance(value, str):
            for there, here in forms.items():
                value = value.replace(there, here)
            return value
        if isinstance(value, list):
            return [changed(item) for item in value]
        if isinstance(value, dict):
            return {key: changed(item) for key, item in value.items()}
        return value

    try:
        read = json.loads(notebook)
    except ValueError:  # not a notebook after all: kept as it came, for debugging
        return notebook
    text: str = nbformat.writes(nbformat.from_dict(changed(read)))  # type: ignore[no-untyped-call]
    return text.encode("utf-8")


__all__ = [
    "ShippedJob",
    "ShippedReport",
    "ShippingError",
    "keep_shipped",
    "make_shipped",
    "renamed",
    "report_shipped",
    "ship",
    "workbook_bytes",
]
