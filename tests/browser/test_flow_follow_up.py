"""A student's flow through ``05_follow_up`` in Voila, at a laptop's window size: log a
meeting that happened, with a referral whose name has quotes in it; add the referral as a
contact; mark the thank-you done and see it under the follow-ups done. The workbook holds
each step, and what each click says is in view."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from playwright.sync_api import Browser

from infoview_lib import model
from infoview_lib.local_server import ServerPlan
from infoview_lib.model import FollowUpKind, FollowUpStatus
from infoview_lib.store import Workbook
from tests.browser import (
    TODAY,
    InView,
    button,
    labelled,
    notice,
    pick,
    sample_workbook,
    shoot,
    student_page,
)

NAME = "Dr. Lucía Reyes"
#: Someone she suggested, with quotes in the name: it must never be cut short.
REFERRAL = 'Anne "Nan" Okafor'


def _met_on_friday(path: Path) -> int:
    """Lucía and the student met on Friday 13 March; the meeting is not logged yet."""
    with Workbook.open(path) as book:
        (reyes,) = [contact for contact in book.all(model.Contact) if contact.name == NAME]
        assert reyes.id is not None
        book.edit(model.Contact, reyes.id, status=model.PipelineStatus.SCHEDULED)
        friday = datetime(2026, 3, 13, 14, 30)
        meeting = book.add(model.Meeting(contact_id=reyes.id, starts_at=friday))
        assert meeting.id is not None
        return meeting.id


def test_a_student_logs_a_meeting_adds_the_referral_and_marks_the_thank_you_done(
    browser: Browser, serve: Callable[..., ServerPlan], tmp_path: Path
) -> None:
    workbook = sample_workbook("01", tmp_path / "student")
    meeting_id = _met_on_friday(workbook)
    page = student_page(browser, serve(workbook), "05_follow_up")
    seen = InView(page)

    # Log: the meeting on Friday is picked, as the one to log.
    chosen = labelled(page, "Meeting").evaluate("select => select.selectedOptions[0].text")
    assert chosen.replace("\xa0", " ").startswith("Dr. Lucía Reyes: Fri 13 Mar 2026")
    labelled(page, "Notes").fill("She trained as a counsellor first; clinic work for 6 years.")
    labelled(page, "Key advice").fill("Shadow a genetic counsellor before applying.")
    labelled(page, "People they suggested").fill(REFERRAL)
    pick(page, "Willing to keep in touch", "Yes")
    labelled(page, "How to reach them").fill("email, every month or so")
    button(page, "Save what I learned").click()
    seen.shown(notice(page, "saved", f"What you learned from {NAME} is saved."), "05_logged")
    with Workbook.open(workbook) as book:
        (log,) = book.all(model.InterviewLog, meeting_id=meeting_id)
    assert log.referrals == (REFERRAL,)
    assert log.key_advice == "Shadow a genetic counsellor before applying."
    assert log.willing_to_keep_in_touch is True

    # The referral, whole, with its button.
    suggested = page.locator(".widget-hbox", has_text=REFERRAL).first
    suggested.wait_for()
    suggested.locator("button.widget-button", has_text="Add as a contact").click()
    seen.shown(notice(page, "saved", f"{REFERRAL} is now in your contacts"), "05_referral")
    with Workbook.open(workbook) as book:
        (anne,) = [c for c in book.all(model.Contact) if c.name.startswith("Anne")]
    assert anne.name == REFERRAL
    page.get_by_text(f"{REFERRAL}: already in your contacts.").wait_for()

    # The thank-you, done: said in view, and listed under the follow-ups done.
    due = page.locator(".widget-hbox", has_text=FollowUpKind.THANK_YOU.label).first
    due.locator("button.widget-button", has_text="Done").click()
    seen.shown(notice(page, "saved", "marked done today"), "05_thanked")
    with Workbook.open(workbook) as book:
        thanks = [f for f in book.all(model.FollowUp) if f.kind is FollowUpKind.THANK_YOU]
    assert [(f.status, f.done_on) for f in thanks] == [(FollowUpStatus.DONE, TODAY)]
    done = page.locator("table", has_text="Done on")
    done.filter(has_text="Thank-you").wait_for()

    # The reach-out to the person suggested, done too.
    due = page.locator(".widget-hbox", has_text=f"{FollowUpKind.REFERRAL.label}, {REFERRAL}")
    due.first.locator("button.widget-button", has_text="Done").click()
    seen.shown(notice(page, "saved", f"{FollowUpKind.REFERRAL.label} for"), "05_reached_out")
    with Workbook.open(workbook) as book:
        reach = [f for f in book.all(model.FollowUp) if f.kind is FollowUpKind.REFERRAL]
    assert [(f.contact_id, f.status) for f in reach] == [(anne.id, FollowUpStatus.DONE)]
    done.filter(has_text=REFERRAL).wait_for()
    shoot(page, "05_follow_ups_done")
    seen.check()
    page.close()
