"""Benchmark: kernels and memory of ``infoview app`` while a student clicks through the notebooks.

Starts the app as ``infoview app`` does, against a sample student's workbook, and
drives Debian's Chromium through the six notebooks (``--loads`` page loads in all,
moving from one notebook to the next as a student does, with a reload every few
pages). After every load it counts the kernels still running, and at the end
prints the largest number seen, how many are left once the tab is closed, and the
memory (resident set size) of the server and of its kernels. Goal: one kernel per
open page, none left once the tab is closed; the memory is what one student
costs a workshop server.

    .venv/bin/python benchmarks/app_memory.py [--loads N]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from infoview_lib.local_server import PREHEATED_PER_NOTEBOOK, plan_server, serving
from infoview_lib.sample_cohort import build_student, load_cohort
from infoview_lib.ui import session
from tests.browser import CHROMIUM, CHROMIUM_ARGS, kernels_for

NOTEBOOKS = [
    "00_start_here",
    "01_pick_contacts",
    "02_draft_outreach",
    "03_prepare_questions",
    "04_meeting",
    "05_follow_up",
]
#: The sample student the notebooks' benchmark uses: some contacts met, follow-ups due.
SAMPLE_STUDENT = 3
_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def _read(pid: int, name: str) -> bytes:
    try:
        return Path(f"/proc/{pid}/{name}").read_bytes()
    except OSError:
        return b""  # gone meanwhile


def resident_mib(pid: int) -> float:
    """A process's resident memory in MiB (0 if it has gone)."""
    fields = _read(pid, "statm").split()
    return int(fields[1]) * _PAGE_SIZE / 2**20 if fields else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=35, help="page loads in all (default 35)")
    loads = parser.parse_args().loads
    with tempfile.TemporaryDirectory() as folder:
        cohort = load_cohort()
        workbook = build_student(cohort.student_files[SAMPLE_STUDENT], Path(folder), cohort.as_of)
        marker = str(workbook)
        plan = plan_server("app", workbook=workbook)
        environment = {**os.environ, session.TODAY_VARIABLE: cohort.as_of.isoformat()}
        with (
            (Path(folder) / "voila.log").open("wb") as log,
            serving(plan, base_environment=environment, output=log) as server,
            sync_playwright() as playwright,
        ):
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            window = browser.new_context(viewport={"width": 1280, "height": 800})
            window.set_default_timeout(120_000)
            page = window.new_page()
            most, peak_kernels_mib = 0, 0.0
            started = time.perf_counter()
            for load in range(loads):
                if load % 5 == 4:
                    page.reload()
                else:
                    page.goto(plan.url(f"voila/render/{NOTEBOOKS[load % len(NOTEBOOKS)]}.ipynb"))
                page.locator("button.widget-button:visible").first.wait_for()
                time.sleep(1.0)  # time for a left page's kernel to stop
                running = kernels_for(marker)
                most = max(most, len(running))
                peak_kernels_mib = max(peak_kernels_mib, sum(map(resident_mib, running)))
            elapsed = time.perf_counter() - started
            open_page = sum(map(resident_mib, kernels_for(marker)))
            server_mib = resident_mib(server.pid)
            page.close(run_before_unload=True)
            time.sleep(3.0)
            left = len(kernels_for(marker))
            browser.close()
    print(f"{loads} page loads in {elapsed:.1f} s ({elapsed / loads:.2f} s a page)")
    pool = PREHEATED_PER_NOTEBOOK * len(NOTEBOOKS)  # started ahead, waiting for a visit
    print(f"kernels running at most: {most} (goal: {pool + 1}, one open page + {pool} preheated)")
    print(f"kernels left 3 s after the tab closed: {left} (goal: {pool}, the preheated)")
    print(f"memory: server {server_mib:.0f} MiB, kernels running with the last page open")
    print(f"        {open_page:.0f} MiB, kernels at their peak {peak_kernels_mib:.0f} MiB")
    print(f"one student with one page open: {server_mib + open_page:.0f} MiB")


if __name__ == "__main__":
    main()
