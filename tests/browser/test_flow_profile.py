"""A student's first flow, ``00_start_here`` in Voila at a laptop's window size: fill in the
profile and save it (the workbook is made), then change it and save again; the workbook
holds each, and what each click says is in view."""

from __future__ import annotations

from playwright.sync_api import Browser

from infoview_lib.local_server import ServerPlan
from infoview_lib.store import Workbook
from tests.browser import TIMEOUT_MS, InView, button, labelled, notice, open_page

PROFILE = [
    ("Your name", "Ana Lima"),
    ("Your email", "ana@example.edu"),
    ("Programme", "BSc Biology"),
    ("Graduation year", "2028"),
    ("Fields to explore", "public health, genomics"),
]


def test_a_student_saves_her_profile_then_changes_it(browser: Browser, app: ServerPlan) -> None:
    assert app.workbook is not None
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.set_default_timeout(TIMEOUT_MS)
    open_page(page, app.url("voila/render/00_start_here.ipynb"))
    seen = InView(page)

    for label, value in PROFILE:
        labelled(page, label).fill(value)
    button(page, "Save my profile").click()
    seen.shown(notice(page, "saved", "Your workbook is ready at"), "00_profile_saved")
    with Workbook.open(app.workbook) as book:
        profile = book.profile()
    assert (profile.name, profile.email, profile.program) == (
        "Ana Lima",
        "ana@example.edu",
        "BSc Biology",
    )
    assert profile.graduation_year == 2028
    assert profile.target_fields == ("public health", "genomics")

    labelled(page, "Programme").fill("BSc Biology and Statistics")
    labelled(page, "Fields to explore").fill("public health, genomics, biostatistics")
    button(page, "Save my profile").click()
    seen.shown(notice(page, "saved", "Your profile is saved in"), "00_profile_changed")
    with Workbook.open(app.workbook) as book:
        profile = book.profile()
    assert profile.program == "BSc Biology and Statistics"
    assert profile.target_fields == ("public health", "genomics", "biostatistics")
    seen.check()
    page.close()
