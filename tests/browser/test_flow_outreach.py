"""A student's flow through ``02_draft_outreach`` in Voila, at a laptop's window size: draft
a first message from the template, see the Ally check, save it, mark it as sent (past the
"Not ready yet" question), record the reply; the workbook holds each step and what each
click says is in view."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Browser

from infoview_lib.local_server import ServerPlan
from infoview_lib.model import Contact, Outreach, PipelineStatus
from infoview_lib.store import Workbook
from tests.browser import (
    TODAY,
    InView,
    button,
    date_input,
    notice,
    pick,
    sample_workbook,
    student_page,
    text_area,
    text_input,
)

NAME = "Dr. Lucía Reyes"
BODY = """Dear Dr. Reyes,

My name is Wang Fang, a first-year biology student in your BIO 120 class.
I would love to hear how you went from genetic counselling to research.
Would you have 20 minutes for a chat in your office hours next week, and maybe an internship?

Thank you,
Wang Fang"""


def _messages(path: Path) -> tuple[list[Outreach], Contact]:
    with Workbook.open(path) as book:
        (reyes,) = [contact for contact in book.all(Contact) if contact.name == NAME]
        return [m for m in book.all(Outreach) if m.contact_id == reyes.id], reyes


def test_a_student_drafts_checks_sends_and_records_the_reply(
    browser: Browser, serve: Callable[..., ServerPlan], tmp_path: Path
) -> None:
    workbook = sample_workbook("01", tmp_path / "student")
    page = student_page(browser, serve(workbook), "02_draft_outreach")
    seen = InView(page)

    pick(page, "Contact", NAME)
    page.get_by_text("A new message: not saved yet.").wait_for()
    button(page, "Start from the template").click()
    body = text_area(page, "Your message")
    page.wait_for_function("element => element.value.startsWith('Dear')", arg=body.element_handle())
    assert text_input(page, "Subject").input_value() != ""

    # Draft: the student writes her own, asking for an internship; the check says revise.
    body.fill(BODY)
    check = page.locator(".widget-html", has_text="Ally check: revise.")
    check.filter(has_text="internship").last.wait_for()  # checked again, as typed
    button(page, "Save draft").click()
    seen.shown(notice(page, "saved", f"Your email to {NAME} is saved."), "02_saved")
    (draft,), reyes = _messages(workbook)
    assert draft.body == BODY
    assert draft.sent_on is None
    assert reyes.status is PipelineStatus.IDENTIFIED

    # Send: the check still finds something to fix, so the page asks first, by the button.
    button(page, "Mark as sent").click()
    seen.shown(notice(page, "info", "Not ready yet."), "02_not_ready_asked")
    seen.shown(button(page, "Mark as sent anyway"), "02_not_ready_asked")
    button(page, "Mark as sent anyway").click()
    seen.shown(notice(page, "saved", "Marked as sent on"), "02_sent")
    (sent,), reyes = _messages(workbook)
    assert sent.sent_on == TODAY
    assert reyes.status is PipelineStatus.CONTACTED

    # Answer: the day they replied.
    date_input(page, "Day they replied").fill(TODAY.isoformat())
    button(page, "Record the reply").click()
    seen.shown(notice(page, "saved", "Reply recorded on"), "02_replied")
    (answered,), _ = _messages(workbook)
    assert answered.replied_on == TODAY
    seen.check()
    page.close()
