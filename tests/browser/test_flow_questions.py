"""A student's flow through ``03_prepare_questions`` in Voila, at a laptop's window size: plan
a meeting with a contact, tick questions from the bank, add one of her own, move it up the
list and save; the workbook holds the meeting and the questions in her order, and what
each click says is in view."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from playwright.sync_api import Browser, expect

from infoview_lib.local_server import ServerPlan
from infoview_lib.model import Contact, Meeting, PipelineStatus, Question
from infoview_lib.store import Workbook
from tests.browser import (
    TIMEOUT_MS,
    InView,
    button,
    checkbox,
    date_input,
    notice,
    pick,
    sample_workbook,
    student_page,
    text_input,
)

NAME = "Dr. Lucía Reyes"
OWN = "What surprised you most when you moved from counselling to research?"


def _held(path: Path) -> tuple[Contact, list[Meeting], list[str]]:
    """Lucía's contact, her meetings and their questions' words, in order."""
    with Workbook.open(path) as book:
        (reyes,) = [contact for contact in book.all(Contact) if contact.name == NAME]
        meetings = [m for m in book.all(Meeting) if m.contact_id == reyes.id]
        questions = sorted(
            (q for m in meetings for q in book.all(Question, meeting_id=m.id or 0)),
            key=lambda q: q.position,
        )
        return reyes, meetings, [q.text for q in questions]


def test_a_student_plans_a_meeting_and_puts_her_questions_in_order(
    browser: Browser, serve: Callable[..., ServerPlan], tmp_path: Path
) -> None:
    workbook = sample_workbook("01", tmp_path / "student")
    assert _held(workbook)[1] == []
    page = student_page(browser, serve(workbook), "03_prepare_questions")
    seen = InView(page)

    # Plan the meeting she agreed with Lucía.
    pick(page, "Contact", NAME)
    button(page, "Plan this meeting").wait_for()
    date_input(page, "Day you meet").fill("2026-03-19")
    text_input(page, "Time").fill("2:30 pm")
    pick(page, "Length", "30 minutes")
    button(page, "Plan this meeting").click()
    seen.shown(notice(page, "saved", f"Meeting planned with {NAME}"), "03_planned")
    reyes, (meeting,), questions = _held(workbook)
    assert meeting.starts_at == datetime(2026, 3, 19, 14, 30)
    assert meeting.planned_minutes == 30
    assert reyes.status is PipelineStatus.SCHEDULED
    assert questions == []

    # Two questions from the bank, ticked by their words.
    bank = page.locator(".widget-checkbox.infoview-wrap")
    bank.first.wait_for()
    first, second = (" ".join(text.split()) for text in bank.all_inner_texts()[:2])
    checkbox(page, first).check()
    checkbox(page, second).check()
    button(page, "Add the questions ticked").click()
    listed = page.locator(".widget-textarea", has=page.locator("label", has_text="Question 2"))
    said = page.locator(".infoview-notice", has_text="added")  # or a notice by the button
    seen.shown(listed, "03_bank_added", said.last)

    # One of her own, then moved up to be asked second.
    text_input(page, "Your own question").fill(OWN)
    button(page, "Add my question").click()
    own = page.locator(".widget-textarea", has=page.locator("label", has_text="Question 3"))
    seen.shown(own, "03_own_added", said.last)
    assert own.locator("textarea").input_value() == OWN
    page.get_by_role("button", name="Up: ask question 3 earlier", exact=True).click()
    moved = page.locator(".widget-textarea", has=page.locator("label", has_text="Question 2"))
    expect(moved.locator("textarea")).to_have_value(OWN, timeout=TIMEOUT_MS)
    seen.shown(moved, "03_own_moved_up")

    button(page, "Save my questions").click()
    seen.shown(notice(page, "saved", "3 questions saved for your meeting with"), "03_saved")
    _, _, questions = _held(workbook)
    assert questions == [first, OWN, second]
    seen.check()
    page.close()
