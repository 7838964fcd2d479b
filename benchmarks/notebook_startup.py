"""Benchmark: from kernel start to the forms of each notebook being ready.

Goal: under 2 s per notebook. For every ``notebooks/*.ipynb`` (whichever exist),
a new kernel is started and every cell run, as Voila does when a page opens,
against a sample student's workbook in the middle of the semester
(``$INFOVIEW_WORKBOOK`` and ``$INFOVIEW_TODAY`` set as in a workshop). The time is
taken from asking for the kernel until the last cell has run, its forms built;
the browser's drawing of them is not included. Prints the median over a few runs,
how it splits into kernel start and cells, and the ratio of the goal to the median
(above 1 means the goal is met).

    .venv/bin/python benchmarks/notebook_startup.py [--runs N] [NOTEBOOK ...]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from infoview_lib.sample_cohort import build_student, load_cohort
from infoview_lib.ui import session

GOAL_S = 2.0
NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
#: The sample student the notebooks' tests use: some contacts met, follow-ups due.
SAMPLE_STUDENT = 3


@dataclass(frozen=True)
class Run:
    """One run of a notebook: seconds until the kernel answered, and until the last cell ran."""

    kernel: float
    total: float


def run_once(path: Path, environment: dict[str, str]) -> Run:
    """Start a kernel, run every cell of ``path``, and shut the kernel down (not timed)."""
    notebook = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
    client = NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    started = time.perf_counter()
    # The kernel's own notices ("running over TCP without encryption") would hide the figures.
    with client.setup_kernel(env=environment, stderr=subprocess.DEVNULL):
        ready = time.perf_counter()
        for index, cell in enumerate(client.nb.cells):
            client.execute_cell(cell, index)
        done = time.perf_counter()
    return Run(kernel=ready - started, total=done - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per notebook")
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: notebooks/*.ipynb")
    arguments = parser.parse_args()
    if arguments.runs < 1:
        parser.error("--runs must be at least 1")
    paths = arguments.notebooks or sorted(NOTEBOOKS.glob("*.ipynb"))
    if not paths:
        print(f"no notebooks found in {NOTEBOOKS}", file=sys.stderr)
        return 1
    cohort = load_cohort()
    met = True
    with tempfile.TemporaryDirectory(prefix="infoview-bench-") as folder:
        workbook = build_student(cohort.student_files[SAMPLE_STUDENT], Path(folder), cohort.as_of)
        environment = {
            **os.environ,
            session.WORKBOOK_VARIABLE: str(workbook),
            session.TODAY_VARIABLE: cohort.as_of.isoformat(),
        }
        print(
            f"{len(paths)} notebook{'s' if len(paths) != 1 else ''}, "
            f"{arguments.runs} run{'s' if arguments.runs != 1 else ''} each, "
            f"on {workbook.name} as of {cohort.as_of.isoformat()}"
        )
        for path in paths:
            try:
                runs = [run_once(path, environment) for _ in range(arguments.runs)]
            except CellExecutionError as error:
                met = False
                plain = re.sub(r"\x1b\[[0-9;]*m", "", str(error)).strip().splitlines()
                print(f"{path.stem}: FAILED, a cell raised an error: {plain[-1] if plain else '?'}")
                continue
            median = statistics.median(run.total for run in runs)
            kernel = statistics.median(run.kernel for run in runs)
            ratio = GOAL_S / median
            met = met and ratio > 1
            print(
                f"{path.stem}: median {median:.2f} s (kernel ready {kernel:.2f} s, cells "
                f"{median - kernel:.2f} s), slowest {max(run.total for run in runs):.2f} s "
                f"of {len(runs)}; goal {GOAL_S:.0f} s; goal/median = {ratio:.1f}x"
            )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
