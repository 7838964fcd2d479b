"""How a cohort's reports are handed out, and what a worker's own failure is said as."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest

from infoview_lib.model import StudentProfile
from infoview_lib.reports import engines
from infoview_lib.reports.cohort import run_cohort
from infoview_lib.reports.cohort_summary import StudentRow
from infoview_lib.reports.engines import Engine
from infoview_lib.reports.student_job import StudentJob
from infoview_lib.store import Workbook
from tests.conftest import AS_OF
from tests.reports.conftest import InThisThread


def _made(job: StudentJob) -> StudentRow:  # the student's report, taken as made
    return StudentRow(job.student, job.workbook.name, job.name, report=f"{job.name}.pdf")


def _cohort(folder: Path, names: list[str]) -> None:
    for name in names:
        with Workbook.create(folder / f"{name}.infoview", StudentProfile(name=name)):
            pass


class BreaksAfterOne(InThisThread):
    """A pool whose one worker died after the first report: it takes no more."""

    def __init__(self) -> None:
        self.taken = 0

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.taken += 1
        if self.taken > 1:
            raise BrokenProcessPool("A child process terminated abruptly")
        return super().submit(fn, *args, **kwargs)


def test_a_broken_pool_fails_the_reports_left_and_the_summary_is_still_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engines, "report_student", _made)
    folder = tmp_path / "cohort"
    folder.mkdir()
    _cohort(folder, ["Ana", "Bea", "Cy"])
    pool = BreaksAfterOne()
    result = run_cohort(folder, tmp_path / "out", as_of=AS_OF, progress=False, executor=pool)
    assert [(row.student, row.ok) for row in result.rows] == [
        ("Ana", True), ("Bea", False), ("Cy", False),
    ]  # fmt: skip
    for row in result.failed:
        assert row.error is not None
        assert row.error.startswith("a worker process stopped suddenly (out of memory, say)")
    assert result.csv is not None
    assert result.csv.is_file()


class NeverDone(Executor):
    """A cluster whose workers have all gone: what is handed out never comes back."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        return Future()


def test_a_run_left_without_workers_gives_its_reports_up_instead_of_waiting_for_ever(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engines, "NO_WORKERS_S", 0.3)
    monkeypatch.setattr(engines, "LOOK_S", 0.05)
    jobs = [
        StudentJob(tmp_path / f"{name}.infoview", tmp_path, AS_OF, "A4", name, name)
        for name in ("ana", "bea", "cy", "dee")
    ]
    counted: list[int] = []
    rows = Engine(NeverDone(), lambda: 0).run(jobs, counted.append)
    assert sorted(row.student for row in rows) == ["ana", "bea", "cy", "dee"]
    assert {row.error for row in rows} == {engines._NO_WORKERS}
    assert engines._NO_WORKERS.startswith("no worker was left to make it")
    assert sum(counted) == 4  # the progress bar reaches its end


def test_reports_are_handed_out_a_few_per_worker_at_a_time(tmp_path: Path) -> None:
    handed: list[Future[Any]] = []

    class Holding(Executor):
        """Keeps what it is handed until the test lets one through."""

        def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
            future: Future[Any] = Future()
            handed.append(future)
            in_transit.append(sum(not each.done() for each in handed))
            return future

    in_transit: list[int] = []
    jobs = [
        StudentJob(tmp_path / f"s{index}.infoview", tmp_path, AS_OF, "A4", f"s{index}", "S")
        for index in range(10)
    ]

    engine = Engine(Holding(), lambda: 2)

    def release() -> None:  # the workers finish one report at a time
        while len([each for each in handed if each.done()]) < 10:
            waiting = [each for each in handed if not each.done()]
            if waiting:
                waiting[0].set_result(StudentRow("S", "f", "s"))
            threading.Event().wait(0.01)

    releaser = threading.Thread(target=release, daemon=True)
    releaser.start()
    rows = engine.run(jobs, lambda _: None)
    releaser.join(10)
    assert len(rows) == 10
    assert max(in_transit) == 2 * engines.AHEAD_PER_WORKER  # never more at once
