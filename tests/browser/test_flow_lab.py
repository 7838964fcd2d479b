"""Two flows in JupyterLab (``infoview lab``), at a laptop's window size: the profile in
``00_start_here`` and adding a contact in ``01_pick_contacts``. The student opens the
notebook, runs all its cells from the Run menu and fills the forms in the output area; the
workbook holds what she saved, and what each click says is in view.

The notebooks are a copy, so JupyterLab saving them never touches the repository's.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Browser, Page

from infoview_lib.local_server import ServerPlan
from infoview_lib.model import Contact, StudentProfile
from infoview_lib.store import Workbook
from tests.browser import ROOT, TIMEOUT_MS, InView, button, labelled, notice, shoot


def _copy_notebooks(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for notebook in (ROOT / "notebooks").glob("*.ipynb"):
        shutil.copy(notebook, folder / notebook.name)
    return folder


def _run_all(page: Page, notebook: str, ready: str) -> None:
    """Open ``notebook`` from JupyterLab's file browser and run all its cells from the Run
    menu; ``ready``: a button its form shows once it has run."""
    page.locator(".jp-DirListing-item", has_text=notebook).dblclick()
    page.get_by_role("tab", name=notebook).wait_for()
    page.get_by_text("Python 3 (ipykernel) | Idle").wait_for()  # its kernel is ready
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    drawn = page.locator(".jp-OutputArea button.widget-button", has_text=ready)
    drawn.wait_for(state="attached")
    news = page.get_by_role("button", name="No", exact=True)  # JupyterLab asks about its news
    if news.count():
        news.first.click()
    # JupyterLab draws only the cells in view: bring the form in, as a student scrolls to it
    drawn.scroll_into_view_if_needed()


def test_a_student_saves_her_profile_and_adds_a_contact_in_jupyterlab(
    browser: Browser, serve: Callable[..., ServerPlan], tmp_path: Path
) -> None:
    workbook = tmp_path / "student" / "ana.infoview"
    lab = serve(workbook, kind="lab", notebooks=_copy_notebooks(tmp_path / "notebooks"))
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.set_default_timeout(TIMEOUT_MS)
    seen = InView(page)

    # The profile: the workbook is made when it is first saved.
    page.goto(lab.url())
    _run_all(page, "00_start_here.ipynb", "Save my profile")
    for label, value in [("Your name", "Ana Lima"), ("Programme", "BSc Biology")]:
        labelled(page, label).fill(value)
    button(page, "Save my profile").click()
    seen.shown(notice(page, "saved", "Your workbook is ready at"), "lab_00_profile_saved")
    with Workbook.open(workbook) as book:
        profile = book.profile()
    assert profile == StudentProfile(name="Ana Lima", program="BSc Biology")

    # A contact, in the next notebook.
    _run_all(page, "01_pick_contacts.ipynb", "Add contact")
    labelled(page, "Full name").fill("Dr. Wei Ng")
    labelled(page, "Organisation").fill("Riverside Clinic")
    button(page, "Add contact").click()
    seen.shown(notice(page, "saved", "Dr. Wei Ng is in your list"), "lab_01_contact_added")
    with Workbook.open(workbook) as book:
        (wei,) = book.all(Contact)
    assert (wei.name, wei.organisation) == ("Dr. Wei Ng", "Riverside Clinic")
    shoot(page, "lab_01_pick_contacts")
    seen.check()
    page.close()
