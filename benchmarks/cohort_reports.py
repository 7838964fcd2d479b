"""Benchmark: a cohort's PDF reports with ``infoview cohort`` against the loop done by hand.

Goals: ``infoview cohort --jobs 2`` at least 5x faster than the loop an advisor
would script (for each student: the ``papermill`` command, then ``jupyter
nbconvert --to html --no-input``, then the ``weasyprint`` command), and its
seconds per report within 2x of the floor: papermill executing an empty notebook
through its Python API (a kernel started, nothing run). The students are the
sample cohort repeated, each copy renamed, until there are enough (default 30).
Each way is timed once, whole: it takes minutes. Prints both times, the ratio,
and the seconds per report against the floor.

    .venv/bin/python benchmarks/cohort_reports.py [--students N] [--jobs N]
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import papermill

from infoview_lib.reports.run import _quiet_kernel_manager, report_notebook
from infoview_lib.sample_cohort import build_student, load_cohort
from infoview_lib.store import Workbook

SPEED_GOAL = 5.0
FLOOR_GOAL = 2.0
BIN = Path(sys.executable).parent


def build_students(folder: Path, count: int) -> list[Path]:
    """``count`` workbooks: the sample cohort over and over, each copy's students renamed."""
    cohort = load_cohort()
    paths = []
    for index in range(count):
        spec = cohort.student_files[index % len(cohort.student_files)]
        copy = index // len(cohort.student_files) + 1
        room = folder / f"copy-{copy}"
        room.mkdir(exist_ok=True)
        built = build_student(spec, room, cohort.as_of)
        target = folder / f"{copy:02d}-{built.name}"
        built.rename(target)
        with Workbook.open(target) as book:
            profile = book.profile()
            book.save_profile(dataclasses.replace(profile, name=f"{profile.name} {copy}"))
        paths.append(target)
    return paths


def quietly(command: list[str]) -> None:
    """Run a command; its output is not part of the figures, its failure stops the benchmark."""
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(f"FAILED: {' '.join(command)}\n{done.stderr[-2000:]}", file=sys.stderr)
        raise SystemExit(1)


def time_cohort(folder: Path, out: Path, jobs: int, as_of: str) -> float:
    """Seconds for the whole ``infoview cohort`` command, as an advisor runs it."""
    command = [str(BIN / "infoview"), "cohort", str(folder), "--out", str(out)]
    started = time.perf_counter()
    quietly([*command, "--jobs", str(jobs), "--as-of", as_of])
    return time.perf_counter() - started


def time_by_hand(workbooks: list[Path], out: Path, as_of: str) -> float:
    """Seconds for the loop of three commands per student."""
    out.mkdir()
    started = time.perf_counter()
    for workbook in workbooks:
        executed = out / f"{workbook.stem}.ipynb"
        page = out / f"{workbook.stem}.html"
        quietly(
            [
                str(BIN / "papermill"), str(report_notebook()), str(executed),
                "-p", "workbook", str(workbook), "-p", "as_of", as_of,
                "-k", "python3", "--no-progress-bar",
            ]
        )  # fmt: skip
        quietly([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)])
        quietly([str(BIN / "weasyprint"), str(page), str(out / f"{workbook.stem}.pdf")])
    return time.perf_counter() - started


def time_floor(folder: Path, runs: int = 3) -> float:
    """Median seconds for papermill's Python API to execute an empty notebook."""
    empty = folder / "empty.ipynb"
    notebook = nbformat.v4.new_notebook()  # type: ignore[no-untyped-call]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(notebook, empty)  # type: ignore[no-untyped-call]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        papermill.execute_notebook(
            str(empty),
            str(folder / "empty-out.ipynb"),
            kernel_name="python3",
            progress_bar=False,
            kernel_manager_class=_quiet_kernel_manager(),  # the same kernels, without notices
        )
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=30, help="workbooks to report on")
    parser.add_argument("--jobs", type=int, default=2, help="infoview cohort --jobs")
    arguments = parser.parse_args()
    if arguments.students < 1 or arguments.jobs < 1:
        parser.error("--students and --jobs must be at least 1")
    as_of = load_cohort().as_of.isoformat()
    with tempfile.TemporaryDirectory(prefix="infoview-bench-") as scratch:
        folder = Path(scratch)
        students = folder / "students"
        students.mkdir()
        workbooks = build_students(students, arguments.students)
        n = len(workbooks)
        print(f"{n} students (the sample cohort repeated, renamed), as of {as_of}")
        floor = time_floor(folder)
        print(f"floor: papermill (Python API) runs an empty notebook in {floor:.2f} s")
        cohort = time_cohort(students, folder / "cohort", arguments.jobs, as_of)
        per_report = cohort / n
        print(
            f"infoview cohort --jobs {arguments.jobs}: {cohort:.1f} s in all, "
            f"{per_report:.2f} s per report = {per_report / floor:.2f}x the floor "
            f"(goal: within {FLOOR_GOAL:.0f}x)"
        )
        by_hand = time_by_hand(workbooks, folder / "by-hand", as_of)
        print(
            f"by hand (papermill, nbconvert --to html --no-input, weasyprint): {by_hand:.1f} s "
            f"in all, {by_hand / n:.2f} s per report"
        )
        speedup = by_hand / cohort
        print(f"infoview cohort is {speedup:.1f}x faster (goal: at least {SPEED_GOAL:.0f}x)")
    met = speedup >= SPEED_GOAL and per_report / floor <= FLOOR_GOAL
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
