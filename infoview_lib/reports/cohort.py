"""A report for every workbook in a folder, made in parallel, and the cohort's summary.

Each student's report runs in a worker process (:func:`report_student`, a plain
top-level function taking and returning plain data, so another executor, Dask
say, can run it instead). One student's failure never stops the batch: the
summary names it with the reason, and its executed notebook is kept.

The summary is ``cohort-summary.csv`` (a row per student) and ``cohort-summary.pdf``.
Like the reports, they are written 0600 (see :mod:`infoview_lib.private_files`).
"""

from __future__ import annotations

import atexit
import contextlib
import html
import multiprocessing
import os
import sys
import threading
from collections.abc import Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from infoview_lib.errors import InfoviewError
from infoview_lib.model import PipelineStatus
from infoview_lib.private_files import (
    DISK_FULL,
    is_disk_full,
    make_private_folders,
    write_private,
)
from infoview_lib.reports.run import ReportKernel, check_paper, run_report, student_name
from infoview_lib.reports.slugs import unique_slugs

#: The suffix of a workbook file.
WORKBOOK_SUFFIX = ".infoview"
#: The summary's file names, without suffix (no student's report may take it).
SUMMARY = "cohort-summary"
#: A CSV cell starting with one of these would be read as a formula by a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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
class StudentRow:
    """One student's line in the summary; the figures are None when the workbook cannot be read."""

    student: str
    file: str
    slug: str
    stage_counts: tuple[tuple[str, int], ...] = ()
    contacts: int | None = None
    overdue_follow_ups: int | None = None
    overdue_actions: int | None = None
    last_activity: date | None = None
    stuck: bool | None = None
    stuck_reason: str = ""
    report: str = ""
    executed: str = ""
    error: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the student's report was made."""
        return self.error is None


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


# -- the summary -------------------------------------------------------------------------


def stage_labels() -> list[str]:
    """Every pipeline stage's label, in the order the summary lists them."""
    return [stage.label for stage in PipelineStatus]


def summary_records(rows: Sequence[StudentRow]) -> list[dict[str, object]]:
    """The summary as plain records: one per student, one column per stage."""
    records = []
    for row in rows:
        counts = dict(row.stage_counts)
        record: dict[str, object] = {"student": row.student, "file": row.file}
        for label in stage_labels():
            record[label] = counts.get(label) if row.stage_counts else None
        record.update(
            contacts=row.contacts,
            overdue_follow_ups=row.overdue_follow_ups,
            overdue_next_actions=row.overdue_actions,
            last_activity=row.last_activity.isoformat() if row.last_activity else "",
            stuck="" if row.stuck is None else ("yes" if row.stuck else "no"),
            stuck_reason=row.stuck_reason,
            report=row.report,
            executed_notebook=row.executed,
            status="ok" if row.ok else "failed",
            reason=row.error or "",
        )
        records.append(record)
    return records


def neutralise(value: object) -> object:
    """Text a spreadsheet would run as a formula, made plain text with a leading apostrophe.

    >>> neutralise("=HYPERLINK(1)"), neutralise("Ana"), neutralise(-3)
    ("'=HYPERLINK(1)", 'Ana', -3)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(rows: Sequence[StudentRow], target: Path) -> Path:
    """The summary as CSV, formulas neutralised, written 0600.

    UTF-8 with a byte-order mark, so a spreadsheet opened with a double click
    shows names in every script as they are.
    """
    import pandas as pd

    records = [{k: neutralise(v) for k, v in record.items()} for record in summary_records(rows)]
    columns = list(summary_records([StudentRow("", "", "")])[0])
    frame = pd.DataFrame.from_records(records, columns=columns)
    for label in [*stage_labels(), "contacts", "overdue_follow_ups", "overdue_next_actions"]:
        frame[label] = frame[label].astype("Int64")  # whole numbers, blank when unknown
    text = frame.to_csv(index=False, lineterminator="\n")
    write_private(target, text.encode("utf-8-sig"))
    return target


#: The summary table's column widths, in percent of the page's width.
_WIDTHS = (18, 10, 22, 12, 14, 14, 10)


def summary_meta(rows: Sequence[StudentRow], *, as_of: date) -> str:
    """The line under the summary's title (plain text)."""
    failed = sum(not row.ok for row in rows)
    stuck = sum(bool(row.stuck) for row in rows)
    return (
        f"As of {as_of.isoformat()} · {len(rows)} students · {stuck} stuck · "
        f"{failed} failed · Confidential"
    )


def summary_html(rows: Sequence[StudentRow]) -> str:
    """The summary's body: a table of students, then the failures with their reasons."""
    esc = html.escape
    failed = [row for row in rows if not row.ok]
    parts = [
        '<table class="infoview-table infoview-cohort">',
        "".join(f'<col style="width: {width}%">' for width in _WIDTHS),
        "<thead><tr><th>Student</th><th>Contacts</th><th>Per stage</th>"
        "<th>Overdue follow-ups / actions</th><th>Last activity</th><th>Stuck</th>"
        "<th>Report</th></tr></thead><tbody>",
    ]
    for row in rows:
        stages = ", ".join(f"{label} {count}" for label, count in row.stage_counts if count)
        stuck_cell = "" if row.stuck is None else ("yes" if row.stuck else "no")
        if row.stuck:
            stuck_cell = "STUCK" + (f": {row.stuck_reason}" if row.stuck_reason else "")
        report = "made" if row.ok else "FAILED, see below"
        overdue = (
            f"{row.overdue_follow_ups} / {row.overdue_actions}"
            if row.overdue_follow_ups is not None
            else ""
        )
        urgent = row.overdue_follow_ups or row.overdue_actions or row.stuck or not row.ok
        marked = ' class="infoview-overdue"' if urgent else ""
        parts.append(
            f"<tr{marked}><td>{esc(row.student)}</td>"
            f"<td>{'' if row.contacts is None else row.contacts}</td>"
            f"<td>{esc(stages)}</td><td>{overdue}</td>"
            f"<td>{row.last_activity.isoformat() if row.last_activity else ''}</td>"
            f"<td>{esc(stuck_cell)}</td><td>{esc(report)}</td></tr>"
        )
    parts.append("</tbody></table>")
    if failed:
        parts.append("<h2>Reports that failed</h2><ul>")
        parts += [
            f"<li><strong>{esc(row.student)}</strong> ({esc(row.file)}): {esc(row.error or '')}"
            + (f" Executed notebook: {esc(row.executed)}." if row.executed else "")
            + "</li>"
            for row in failed
        ]
        parts.append("</ul>")
    return "\n".join(parts)


def write_pdf(rows: Sequence[StudentRow], target: Path, *, as_of: date, paper: str) -> Path:
    """The summary as a PDF, with the reports' print style, written 0600."""
    from infoview_lib.reports.pdf import document_pdf

    content = document_pdf(
        summary_html(rows),
        title="Cohort summary",
        paper=paper,
        meta=summary_meta(rows, as_of=as_of),
    )
    write_private(target, content)
    return target
