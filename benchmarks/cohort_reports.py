"""Benchmark: a cohort's PDF reports with ``infoview cohort``, locally and on Dask, against the
loop done by hand and the empty-notebook floor.

Goals: ``infoview cohort --jobs 2`` at least 10x faster than the loop an advisor would
script (for each student: the ``papermill`` command, then ``jupyter nbconvert --to html
--no-input``, then the ``weasyprint`` command); its seconds per report at most 1.0x the
floor, papermill executing an empty notebook through its Python API (a kernel started,
nothing run); and ``infoview cohort --dask --jobs 2`` (a LocalCluster of 2 workers) within
1.2x of the local batch's time. The students are the sample cohort repeated, each copy
renamed, until there are enough (default 30). The local batch and the Dask run are
timed whole, as an advisor runs the command, taking turns (default 3 times each: a
machine shared with others is not equally fast from one minute to the next), and their
medians compared; the hand loop, minutes long, is timed once. Also prints, for
docs/scale.md, the most memory the batch's processes held at once (resident, per worker:
its process and its kernel) and the disk each student's PDF and executed notebook take.

    .venv/bin/python benchmarks/cohort_reports.py [--students N] [--jobs N] [--repeats N]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat
import papermill

from infoview_lib.reports.run import _quiet_kernel_manager, report_notebook
from infoview_lib.sample_cohort import build_student, load_cohort
from infoview_lib.store import Workbook

SPEED_GOAL = 10.0
FLOOR_GOAL = 1.0
DASK_GOAL = 1.2
PAGE = os.sysconf("SC_PAGE_SIZE")
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


@dataclasses.dataclass
class Run:
    """One ``infoview cohort`` command: its seconds, and the most memory its processes held."""

    seconds: float
    peak_bytes: int


def time_cohort(folder: Path, out: Path, jobs: int, as_of: str, *extra: str) -> Run:
    """The whole ``infoview cohort`` command, as an advisor runs it, its memory sampled."""
    command = [str(BIN / "infoview"), "cohort", str(folder), "--out", str(out)]
    command += ["--jobs", str(jobs), "--as-of", as_of, *extra]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]
    sampler = threading.Thread(target=sample_memory, args=(process, peak), daemon=True)
    sampler.start()
    _, errors = process.communicate()
    seconds = time.perf_counter() - started
    sampler.join()
    if process.returncode != 0:
        print(f"FAILED: {' '.join(command)}\n{errors.decode()[-2000:]}", file=sys.stderr)
        raise SystemExit(1)
    return Run(seconds, peak[0])


def time_in_turns(folder: Path, out: Path, jobs: int, as_of: str, repeats: int) -> tuple[Run, Run]:
    """The local batch and the Dask run, taking turns ``repeats`` times: each one's
    median seconds and the most memory it ever held."""
    local: list[Run] = []
    on_dask: list[Run] = []
    for turn in range(repeats):
        local.append(time_cohort(folder, out / f"local-{turn}", jobs, as_of))
        on_dask.append(time_cohort(folder, out / f"dask-{turn}", jobs, as_of, "--dask"))
    return median_run(local), median_run(on_dask)


def median_run(runs: list[Run]) -> Run:
    """The runs' median seconds, and the most memory any of them held."""
    return Run(statistics.median(run.seconds for run in runs), max(run.peak_bytes for run in runs))


def sample_memory(process: subprocess.Popen[bytes], peak: list[int]) -> None:
    """Keep in ``peak[0]`` the most resident memory ``process`` and its descendants held."""
    while process.poll() is None:
        peak[0] = max(peak[0], sum(resident(pid) for pid in descendants(process.pid)))
        time.sleep(0.2)


def descendants(root: int) -> set[int]:
    """``root`` and every process below it, from /proc."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rpartition(")")[2].split()[1])
        except (OSError, IndexError, ValueError):
            continue
    found = {root}
    while grown := {pid for pid, parent in parents.items() if parent in found} - found:
        found |= grown
    return found


def resident(pid: int) -> int:
    """A process's resident memory in bytes (0 if it has ended)."""
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def disk_per_student(out: Path, students: int) -> tuple[float, float]:
    """Mean KiB a student's PDF and executed notebook take in ``out``."""
    pdfs = [path for path in out.glob("*.pdf") if not path.name.startswith("cohort-summary")]
    notebooks = list(out.glob("*.ipynb"))
    return (
        sum(path.stat().st_size for path in pdfs) / 1024 / students,
        sum(path.stat().st_size for path in notebooks) / 1024 / students,
    )


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
    parser.add_argument(
        "--repeats", type=int, default=3, help="times the local batch and Dask run each"
    )
    arguments = parser.parse_args()
    if min(arguments.students, arguments.jobs, arguments.repeats) < 1:
        parser.error("--students, --jobs and --repeats must be at least 1")
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
        jobs = arguments.jobs
        local, on_dask = time_in_turns(students, folder, jobs, as_of, arguments.repeats)
        print(f"median of {arguments.repeats} runs each, taking turns:")
        per_report = local.seconds / n
        print(
            f"infoview cohort --jobs {jobs}: {local.seconds:.1f} s in all, "
            f"{per_report:.2f} s per report = {per_report / floor:.2f}x the floor "
            f"(goal: at most {FLOOR_GOAL:.1f}x); at most {local.peak_bytes / 2**20:.0f} MiB "
            f"resident at once, {local.peak_bytes / 2**20 / jobs:.0f} MiB per worker"
        )
        print(
            f"infoview cohort --dask --jobs {jobs} (a LocalCluster): {on_dask.seconds:.1f} s "
            f"in all, {on_dask.seconds / n:.2f} s per report = "
            f"{on_dask.seconds / local.seconds:.2f}x the local batch (goal: at most "
            f"{DASK_GOAL:.1f}x); at most {on_dask.peak_bytes / 2**20:.0f} MiB resident at "
            f"once, {on_dask.peak_bytes / 2**20 / jobs:.0f} MiB per worker with the scheduler"
        )
        pdf_kib, notebook_kib = disk_per_student(folder / "local-0", n)
        print(f"disk per student: PDF {pdf_kib:.0f} KiB, executed notebook {notebook_kib:.0f} KiB")
        by_hand = time_by_hand(workbooks, folder / "by-hand", as_of)
        print(
            f"by hand (papermill, nbconvert --to html --no-input, weasyprint): {by_hand:.1f} s "
            f"in all, {by_hand / n:.2f} s per report"
        )
        speedup = by_hand / local.seconds
        print(f"infoview cohort is {speedup:.1f}x faster (goal: at least {SPEED_GOAL:.0f}x)")
    met = (
        speedup >= SPEED_GOAL
        and per_report / floor <= FLOOR_GOAL
        and on_dask.seconds / local.seconds <= DASK_GOAL
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
