"""Where a cohort's reports run: worker processes here, an executor of the caller's, or Dask.

An :class:`Engine` hands the reports out a few per worker at a time (so the advisor's
computer never holds a whole university's workbooks or PDFs at once) and turns whatever
becomes of each into the student's summary row: the worker's row, or a failed one saying
why in plain words when the worker itself went wrong (it died, its pool broke, the
scheduler was lost). One report's failure never stops the others, and a run whose
workers are all gone for :data:`NO_WORKERS_S` ends, its remaining reports failed with
the reason, instead of waiting for ever.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Iterator
from concurrent.futures import (
    FIRST_COMPLETED,
    CancelledError,
    Executor,
    Future,
    ProcessPoolExecutor,
    wait,
)
from contextlib import contextmanager
from dataclasses import dataclass

from infoview_lib.private_files import DISK_FULL, is_disk_full
from infoview_lib.reports.cohort_summary import StudentRow
from infoview_lib.reports.shipped import ShippedReport, keep_shipped, report_shipped, ship
from infoview_lib.reports.student_job import StudentJob, report_student

#: Reports handed out ahead per worker: enough to keep it busy, few enough to keep
#: the workbooks and PDFs in transit small.
AHEAD_PER_WORKER = 2
#: How long a run waits with no worker at all before it gives its reports up.
NO_WORKERS_S = 300.0
#: How often a waiting run looks at its workers.
LOOK_S = 5.0

Outcome = Future[StudentRow | ShippedReport]


@dataclass(frozen=True)
class Engine:
    """An executor, how many workers it has now, and whether the workbooks' bytes travel
    to the workers (and the reports' bytes back)."""

    executor: Executor
    workers: Callable[[], int]
    ships: bool = False

    def run(self, planned: list[StudentJob], done: Callable[[int], object]) -> list[StudentRow]:
        """Every planned report's row, handing out a few per worker at a time."""
        rows: list[StudentRow] = []
        waiting = list(reversed(planned))
        running: dict[Outcome, StudentJob] = {}
        alone_since: float | None = None
        while waiting or running:
            while waiting and len(running) < max(1, self.workers()) * AHEAD_PER_WORKER:
                job = waiting.pop()
                running[self.submit(job)] = job
            finished, _ = wait(running, timeout=LOOK_S, return_when=FIRST_COMPLETED)
            for future in finished:
                rows.append(self.outcome(future, running.pop(future)))
                done(1)
            if finished or self.workers() > 0:
                alone_since = None
            elif alone_since is None:
                alone_since = time.monotonic()
            elif time.monotonic() - alone_since > NO_WORKERS_S:
                for future in running:
                    future.cancel()
                left = [*running.values(), *reversed(waiting)]
                rows += [_failed(job, _NO_WORKERS) for job in left]
                done(len(left))
                return rows
        return rows

    def submit(self, job: StudentJob) -> Outcome:
        """Start one student's report; a pool that cannot take it fails it alone."""
        try:
            if not self.ships:
                return self.executor.submit(report_student, job)
            shipped = ship(job)
            if shipped is None:  # plainly no workbook: said at once, here, as locally
                return _done(report_student(job))
            return self.executor.submit(report_shipped, shipped)
        except Exception as error:  # a broken pool, a client closed
            failed: Outcome = Future()
            failed.set_exception(error)
            return failed

    def outcome(self, future: Outcome, job: StudentJob) -> StudentRow:
        """The worker's row (its files written here if shipped), or a failed one if the
        worker itself went wrong (it died, say)."""
        try:
            made = future.result()
        except (Exception, CancelledError) as error:
            return _failed(job, worker_failure(error))
        return keep_shipped(made, job) if isinstance(made, ShippedReport) else made


@contextmanager
def engine_for(
    workers: int, executor: Executor | None, dask: str | None, run: str
) -> Iterator[Engine]:
    """The engine the reports of ``run`` go to, stopped when they are done: ``executor``,
    else Dask at ``dask``, else ``workers`` processes here."""
    if executor is not None:
        yield Engine(executor, lambda: workers)
    elif dask is not None:
        from infoview_lib.reports.dask_engine import dask_executor

        with dask_executor(dask, workers=workers, run=run) as (on_dask, count):
            yield Engine(on_dask, count, ships=True)
    else:
        spawn = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=spawn) as pool:
            yield Engine(pool, lambda: workers)


_NO_WORKERS = (
    f"no worker was left to make it (none for {NO_WORKERS_S / 60:.0f} minutes): "
    "check the Dask cluster"
)


def worker_failure(error: BaseException) -> str:
    """Why a worker, not the student's data, failed a report, in plain words."""
    if is_disk_full(error):
        return DISK_FULL
    name = type(error).__name__
    if name == "KilledWorker":  # Dask gave up after losing several workers
        return (
            "every worker that started this report stopped before it was done; "
            "see the Dask cluster's logs"
        )
    if isinstance(error, CancelledError) or name == "ClosedClientError":
        return "the connection to the Dask scheduler was lost before this report came back"
    if name == "BrokenProcessPool":
        return (
            "a worker process stopped suddenly (out of memory, say) while reports were "
            "being made, and this one could not be: run the cohort again"
        )
    return f"the report's worker failed: {name}: {error}"


def _failed(job: StudentJob, reason: str) -> StudentRow:
    return StudentRow(student=job.student, file=job.workbook.name, slug=job.name, error=reason)


def _done(row: StudentRow) -> Outcome:
    here: Outcome = Future()
    here.set_result(row)
    return here


__all__ = ["AHEAD_PER_WORKER", "NO_WORKERS_S", "Engine", "engine_for", "worker_failure"]
