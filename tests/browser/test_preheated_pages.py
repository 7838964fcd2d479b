"""``infoview app`` keeps a kernel per notebook started ahead of the click (Voila's preheated
kernels), yet a page shows the workbook as it is when the student opens it, not as it was
when its kernel started; and the waiting kernels stop with the server, quietly."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

from playwright.sync_api import Browser

from infoview_lib.local_server import PREHEATED_PER_NOTEBOOK, ServerPlan
from infoview_lib.model import StudentProfile
from infoview_lib.store import Workbook
from tests.browser import TIMEOUT_MS, kernels_for, text_input


def _wait_for_kernels(count: int, workbook: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while len(kernels_for(str(workbook))) != count and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(kernels_for(str(workbook))) == count


def test_a_preheated_page_shows_the_workbook_as_it_is_when_opened(
    browser: Browser, app: ServerPlan, tmp_path: Path
) -> None:
    assert app.workbook is not None
    app.workbook.parent.mkdir(parents=True)
    Workbook.create(app.workbook, StudentProfile(name="Ana Lima")).close()
    preheated = PREHEATED_PER_NOTEBOOK * len(list(app.notebooks.glob("*.ipynb")))
    assert preheated > 0
    _wait_for_kernels(preheated, app.workbook)  # every notebook is waiting for a visit
    time.sleep(2)  # and has run up to its page

    with Workbook.open(app.workbook) as book:  # changed after the kernels started
        profile = book.profile()
        book.save_profile(dataclasses.replace(profile, program="BSc Biology"))

    window = browser.new_context(viewport={"width": 1280, "height": 800})  # outlives the tab
    window.set_default_timeout(TIMEOUT_MS)
    page = window.new_page()
    page.goto(app.url("voila/render/00_start_here.ipynb"))
    page.locator("button.widget-button", has_text="Save my profile").wait_for()
    assert text_input(page, "Programme").input_value() == "BSc Biology"
    page.locator("h4", has_text="Ana Lima: 0 contacts, as of 2026-03-16").wait_for()
    _wait_for_kernels(preheated + 1, app.workbook)  # the one used is replaced
    page.close(run_before_unload=True)
    _wait_for_kernels(preheated, app.workbook)
    window.close()
    log = (tmp_path / "voila.log").read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in log
