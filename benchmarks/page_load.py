"""Benchmark: from a click to a usable form, per notebook, in Chromium (goal: under 1 s).

Starts the app as ``infoview app`` does, on a sample student's workbook, and moves
from notebook to notebook as a student does, following the links. For each load the
browser's own clock says how long after the navigation began (the click) the form was
drawn and could be used: the page's first button shown. It waits a few seconds on each
page, as a student reading it would, so the server is idle again before the next click.
Prints the median of ``--loads`` loads per notebook and its ratio to the 1 s goal.

    .venv/bin/python benchmarks/page_load.py [--loads N] [--pause SECONDS]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from infoview_lib.guided_notebooks import notebooks_dir
from infoview_lib.local_server import plan_server, serving
from infoview_lib.sample_cohort import build_student, load_cohort
from infoview_lib.ui import session
from tests.browser import CHROMIUM, CHROMIUM_ARGS

GOAL_S = 1.0
#: The sample student with contacts at every stage (as the other app benchmark uses).
SAMPLE_STUDENT = 3
#: The browser's time since the navigation began, once the form's first button is shown.
_USABLE = """() => {
  const buttons = document.querySelectorAll('#rendered_cells button.widget-button');
  return [...buttons].some((b) => b.offsetParent !== null) ? performance.now() : false;
}"""


def click_to_usable_s(page: Page, url: str) -> float:
    """Navigate as a click on a link does; seconds until the form can be used."""
    page.evaluate("(url) => { window.location.href = url; }", url)
    page.wait_for_url(url.split("?")[0] + "**")
    usable = page.wait_for_function(_USABLE, polling=20)
    return float(usable.json_value()) / 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=5, help="loads per notebook (default 5)")
    parser.add_argument("--pause", type=float, default=4.0, help="seconds on each page (default 4)")
    arguments = parser.parse_args()
    pages = sorted(path.stem for path in notebooks_dir().glob("*.ipynb"))
    times: dict[str, list[float]] = {notebook: [] for notebook in pages}
    with tempfile.TemporaryDirectory() as folder:
        cohort = load_cohort()
        workbook = build_student(cohort.student_files[SAMPLE_STUDENT], Path(folder), cohort.as_of)
        plan = plan_server("app", workbook=workbook)
        environment = {**os.environ, session.TODAY_VARIABLE: cohort.as_of.isoformat()}
        with (
            (Path(folder) / "voila.log").open("wb") as log,
            serving(plan, base_environment=environment, output=log),
            sync_playwright() as playwright,
        ):
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.set_default_timeout(120_000)
            page.goto(plan.url("voila/render/05_follow_up.ipynb"))  # where the first click is
            page.locator("button.widget-button").first.wait_for()
            time.sleep(arguments.pause * 2)  # the server settles after starting
            for _ in range(arguments.loads):
                for notebook in pages:
                    url = plan.url(f"voila/render/{notebook}.ipynb")
                    times[notebook].append(click_to_usable_s(page, url))
                    time.sleep(arguments.pause)
            page.close(run_before_unload=True)
            browser.close()
    load = os.getloadavg()[0]
    print(
        f"click to a usable form, median of {arguments.loads} loads (goal: {GOAL_S:.1f} s; "
        f"{os.cpu_count()} CPUs, load average {load:.1f} at the end)"
    )
    for notebook, seconds in times.items():
        median = statistics.median(seconds)
        print(
            f"  {notebook:<22} {median:5.2f} s  ({median / GOAL_S:4.2f} x goal; "
            f"{min(seconds):.2f}-{max(seconds):.2f} s)"
        )
    every = [second for seconds in times.values() for second in seconds]
    print(f"  {'all pages':<22} {statistics.median(every):5.2f} s median, {max(every):.2f} s worst")


if __name__ == "__main__":
    main()
