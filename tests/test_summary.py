# mypy: disable-error-code="arg-type"
# (these tests give choices, dates and lists as text, as forms and files do)
"""The status summary: contacts per stage, follow-ups overdue and due soon."""

from __future__ import annotations

from datetime import date, timedelta

from infoview_lib.model import Contact, FollowUp, FollowUpKind, PipelineStatus
from infoview_lib.store import Workbook, status_summary

from .conftest import AS_OF


def test_an_empty_workbook(book: Workbook) -> None:
    summary = status_summary(book, AS_OF)
    assert summary.student == "Ana Lima"
    assert summary.contacts == 0
    assert [stage for stage, _ in summary.stages] == list(PipelineStatus)
    assert summary.overdue == summary.due_soon == ()


def test_counts_and_due_dates(book: Workbook) -> None:
    statuses = ["identified", "identified", "contacted", "met", "no_reply"]
    ids = [book.add(Contact(name=f"C{i}", status=s)).id or 0 for i, s in enumerate(statuses)]
    for offset, status in [
        (-3, "pending"),
        (-1, "pending"),
        (0, "pending"),
        (7, "pending"),
        (8, "pending"),
        (-5, "done"),
        (-4, "skipped"),
    ]:
        due = AS_OF + timedelta(days=offset)
        book.add(
            FollowUp(
                contact_id=ids[0],
                kind="thank_you",
                due_on=due,
                status=status,
                done_on=due if status == "done" else None,
            )
        )
    summary = status_summary(book, AS_OF)
    assert summary.contacts == 5
    assert summary.at_stage(PipelineStatus.IDENTIFIED) == 2
    assert summary.at_stage(PipelineStatus.NO_REPLY) == 1
    assert summary.at_stage(PipelineStatus.THANKED) == 0
    assert [item.days_late for item in summary.overdue] == [3, 1]
    assert [item.days_late for item in summary.due_soon] == [0, -7]
    assert summary.overdue[0].describe() == "Thank-you: C0, 3 days overdue (2026-03-13)"
    assert summary.due_soon[0].describe() == "Thank-you: C0, due today (2026-03-16)"


def test_the_same_workbook_and_date_give_the_same_summary(book: Workbook) -> None:
    contact = book.add(Contact(name="Wei Ng"))
    book.add(
        FollowUp(contact_id=contact.id or 0, kind=FollowUpKind.REFERRAL, due_on=date(2026, 3, 15))
    )
    assert status_summary(book, AS_OF) == status_summary(book, AS_OF)
    assert status_summary(book, date(2026, 3, 1)).overdue == ()
