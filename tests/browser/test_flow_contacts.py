"""A student's flow through ``01_pick_contacts`` in Voila, at a laptop's window size: add a
contact, edit them, delete them; after each click the workbook holds what was done and
what the click says is in view."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Browser

from infoview_lib.local_server import ServerPlan
from infoview_lib.model import Contact, ContactCategory, Priority, StudentProfile
from infoview_lib.store import Workbook
from tests.browser import InView, button, notice, pick, student_page, text_input


def _contacts(path: Path) -> list[Contact]:
    with Workbook.open(path) as book:
        return book.all(Contact)


def test_a_student_adds_edits_and_deletes_a_contact(
    browser: Browser, serve: Callable[..., ServerPlan], tmp_path: Path
) -> None:
    workbook = tmp_path / "student" / "ana.infoview"
    workbook.parent.mkdir(parents=True)
    with Workbook.create(workbook, StudentProfile(name="Ana Lima", program="BSc Biology")):
        pass
    app = serve(workbook)
    page = student_page(browser, app, "01_pick_contacts")
    seen = InView(page)

    # Add: the student types a name and a few details and clicks "Add contact".
    text_input(page, "Full name").fill("Dr. Wei Ng")
    pick(page, "Where they come from", "Alumni")
    text_input(page, "Organisation").fill("Riverside Clinic")
    text_input(page, "How you know them").fill("Met at the alumni evening")
    pick(page, "Your priority", "High")
    button(page, "Add contact").click()
    added = notice(page, "saved", "Dr. Wei Ng is in your list, which now has 1 contact.")
    seen.shown(added, "01_added")
    (wei,) = _contacts(workbook)
    assert (wei.name, wei.organisation, wei.connection) == (
        "Dr. Wei Ng",
        "Riverside Clinic",
        "Met at the alumni evening",
    )
    assert (wei.category, wei.priority) == (ContactCategory.ALUMNI, Priority.HIGH)
    assert text_input(page, "Full name").input_value() == ""  # ready for the next one

    # Edit: pick them, change the role, save.
    pick(page, "Pick a contact to edit", "Dr. Wei Ng")
    page.get_by_text("You are editing").wait_for()
    assert text_input(page, "Organisation").input_value() == "Riverside Clinic"
    text_input(page, "Role").fill("Senior Epidemiologist")
    button(page, "Save changes").click()
    seen.shown(notice(page, "saved", "Your changes to Dr. Wei Ng are saved."), "01_edited")
    (wei,) = _contacts(workbook)
    assert (wei.role, wei.organisation) == ("Senior Epidemiologist", "Riverside Clinic")

    # Delete: a first click asks, in view; the second deletes.
    button(page, "Delete this contact").click()
    seen.shown(notice(page, "error", "Delete Dr. Wei Ng?"), "01_delete_asked")
    seen.shown(button(page, "Yes, delete"), "01_delete_asked")
    assert len(_contacts(workbook)) == 1  # nothing goes before the second click
    button(page, "Yes, delete").click()
    seen.shown(notice(page, "saved", "Dr. Wei Ng is deleted"), "01_deleted")
    assert _contacts(workbook) == []
    page.get_by_text("You are adding a").wait_for()
    seen.check()
    page.close()
