"""A student's first flow, ``00_start_here`` in Voila at a laptop's window size: fill in the
profile and save it (the workbook is made), then change it and save again; the workbook
holds each, and what each click says is in view."""

from __future__ import annotations

from playwright.sync_api import Browser

from infoview_lib.local_server import ServerPlan
from infoview_lib.store import Workbook
from tests.browser import InView, button, labelled, notice, student_page

PROFILE = [
    ("Your name", "Ana Lima"),
    ("Your email", "ana@example.edu"),
    ("Programme", "BSc Biology"),
    ("Graduation year", "2028"),
    ("Fields to explore", "public health, genomics"),
]
CHANGED = {
    "Programme": "BSc Biology and Statistics",
    "Fields to explore": "public health, genomics, biostatistics",
}


def _as_typed(app: ServerPlan) -> dict[str, str]:
    """The profile the workbook holds, as the student typed it in the form."""
    assert app.workbook is not None
    with Workbook.open(app.workbook) as book:
        profile = book.profile()
    return {
        "Your name": profile.name,
        "Your email": profile.email,
        "Programme": profile.program,
        "Graduation year": str(profile.graduation_year),
        "Fields to explore": ", ".join(profile.target_fields),
    }


def test_a_student_saves_her_profile_then_changes_it(browser: Browser, app: ServerPlan) -> None:
    assert app.workbook is not None
    page = student_page(browser, app, "00_start_here")
    seen = InView(page)

    for label, value in PROFILE:
        labelled(page, label).fill(value)
    button(page, "Save my profile").click()
    seen.shown(notice(page, "saved", "Your workbook is ready at"), "00_profile_saved")
    assert _as_typed(app) == dict(PROFILE)

    for label, value in CHANGED.items():
        labelled(page, label).fill(value)
    button(page, "Save my profile").click()
    seen.shown(notice(page, "saved", "Your profile is saved in"), "00_profile_changed")
    assert _as_typed(app) == dict(PROFILE) | CHANGED
    seen.check()
    page.close()
