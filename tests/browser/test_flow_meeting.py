"""A student's flow through ``04_meeting`` in Voila, at a laptop's window size: schedule a
meeting, tick the checklist, move the meeting, cancel it; the workbook holds each step and
what each click says is in view."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from playwright.sync_api import Browser

from infoview_lib.coach.meeting import CONFIRM
from infoview_lib.local_server import ServerPlan
from infoview_lib.model import Contact, Meeting, MeetingStatus
from infoview_lib.store import Workbook
from tests.browser import InView, button, labelled, notice, pick, sample_workbook, student_page

NAME = "Dr. Lucía Reyes"


def _meetings(path: Path) -> list[Meeting]:
    """Lucía's meetings, earliest first."""
    with Workbook.open(path) as book:
        (reyes,) = [contact for contact in book.all(Contact) if contact.name == NAME]
        return sorted(
            (m for m in book.all(Meeting) if m.contact_id == reyes.id), key=lambda m: m.starts_at
        )


def test_a_student_schedules_ticks_moves_and_cancels_a_meeting(
    browser: Browser, serve: Callable[..., ServerPlan], tmp_path: Path
) -> None:
    workbook = sample_workbook("01", tmp_path / "student")
    assert _meetings(workbook) == []
    page = student_page(browser, serve(workbook), "04_meeting")
    seen = InView(page)

    # Schedule: whom, when and where.
    pick(page, "Who you will meet", NAME)
    labelled(page, "Day").fill("2026-03-19")
    labelled(page, "Time").fill("14:30")
    labelled(page, "Place").fill("Hale Hall 310")
    button(page, "Save the meeting").click()
    seen.shown(notice(page, "saved", f"Your meeting with {NAME} is planned"), "04_scheduled")
    (meeting,) = _meetings(workbook)
    assert meeting.starts_at == datetime(2026, 3, 19, 14, 30)
    assert meeting.place == "Hale Hall 310"
    assert meeting.status is MeetingStatus.SCHEDULED

    # Tick: the first and the last item she can tick by hand.
    ticks = page.locator(".widget-checkbox.infoview-wrap input[type=checkbox]:not([disabled])")
    ticks.first.wait_for()
    ticks.first.check()
    ticks.last.check()
    button(page, "Save my ticks").click()
    seen.shown(notice(page, "saved", "Your ticks are saved"), "04_ticked")
    (meeting,) = _meetings(workbook)
    assert len(meeting.checklist) == 2
    # confirming is done again for the new time; the other ticks move with the meeting
    ticked = set(meeting.checklist) - {CONFIRM}
    assert ticked

    # Reschedule: they asked to move it a day.
    labelled(page, "New day").fill("2026-03-20")
    labelled(page, "New time").fill("10:00")
    labelled(page, "Why it moved").fill("She has a faculty meeting")
    button(page, "Move the meeting").click()
    seen.shown(notice(page, "saved", f"Your meeting with {NAME} is moved to"), "04_moved")
    old, new = _meetings(workbook)
    assert old.status is MeetingStatus.RESCHEDULED
    assert new.starts_at == datetime(2026, 3, 20, 10, 0)
    assert new.status is MeetingStatus.SCHEDULED
    assert ticked <= set(new.checklist)

    # Cancel: an emergency, with the reason.
    labelled(page, "Reason").fill("A family emergency")
    button(page, "Cancel the meeting").click()
    seen.shown(notice(page, "saved", "is marked cancelled"), "04_cancelled")
    _, new = _meetings(workbook)
    assert new.status is MeetingStatus.CANCELLED
    assert new.status_reason == "A family emergency"
    seen.check()
    page.close()
