"""Meetings: plan one (the contact moves to "scheduled"), change its details, tick its
checklist, move it, cancel it; each in one transaction. Moving or cancelling is refused for
a meeting no longer planned."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from infoview_lib.coach.meeting import CONFIRM
from infoview_lib.errors import InfoviewError
from infoview_lib.model import (
    InvalidRecord,
    Meeting,
    MeetingStatus,
    PipelineStatus,
    Problem,
    Question,
)
from infoview_lib.store import Workbook
from infoview_lib.workflow.contacts import advance_contact


def schedule_meeting(book: Workbook, meeting: Meeting) -> Meeting:
    """Save a new meeting; its contact moves forward to "scheduled". Both, or neither."""
    with book.transaction():
        saved = book.add(meeting)
        advance_contact(book, meeting.contact_id, PipelineStatus.SCHEDULED)
    return saved


def _still_planned(book: Workbook, meeting_id: int) -> Meeting:
    meeting = book.get(Meeting, meeting_id)
    if meeting.status is not MeetingStatus.SCHEDULED:
        raise InfoviewError(
            f"This meeting is marked {meeting.status.label.lower()}, so it cannot be moved or "
            "cancelled. Plan a new meeting instead."
        )
    return meeting


def reschedule_meeting(
    book: Workbook,
    meeting_id: int,
    starts_at: datetime,
    *,
    reason: str = "",
    now: datetime | None = None,
    checklist: tuple[str, ...] | None = None,
) -> Meeting:
    """Move a planned meeting: the old time is kept as rescheduled, with ``reason``, and a
    new meeting is planned at ``starts_at`` with the same place, questions and ticks (except
    confirming, which is done again the day before). Returns the new meeting.

    A new time already past (at ``now``) or the same as planned is refused, its problem
    named ``starts_at``; ``checklist``, when given, is saved on the old meeting first, so
    ticks not saved yet move with it.
    """
    with book.transaction():
        old = _still_planned(book, meeting_id)
        problems = []
        if now is not None and starts_at <= now:
            problems.append(
                Problem("starts_at", "The new day and time are already past: pick a later one.")
            )
        elif starts_at == old.starts_at:
            problems.append(
                Problem("starts_at", "That is the time already planned: pick the new one.")
            )
        if problems:
            raise InvalidRecord("Meeting", problems)
        if checklist is not None:
            old = book.edit(Meeting, meeting_id, checklist=checklist)
        book.edit(Meeting, meeting_id, status=MeetingStatus.RESCHEDULED, status_reason=reason)
        new = book.add(
            dataclasses.replace(
                old,
                id=None,
                starts_at=starts_at,
                checklist=tuple(item for item in old.checklist if item != CONFIRM),
            )
        )
        assert new.id is not None  # the workbook gives every saved record an id
        for question in book.all(Question, meeting_id=meeting_id):
            assert question.id is not None
            book.edit(Question, question.id, meeting_id=new.id)
    return new


def cancel_meeting(book: Workbook, meeting_id: int, reason: str) -> Meeting:
    """Mark a planned meeting cancelled; the record refuses an empty reason."""
    with book.transaction():
        _still_planned(book, meeting_id)
        return book.edit(Meeting, meeting_id, status=MeetingStatus.CANCELLED, status_reason=reason)


def edit_meeting(book: Workbook, meeting_id: int, details: Meeting) -> Meeting:
    """Save a meeting's new details (whom, when, where, how, how long); its checklist,
    questions and where it stands are kept."""
    return book.edit(
        Meeting,
        meeting_id,
        contact_id=details.contact_id,
        starts_at=details.starts_at,
        place=details.place,
        format=details.format,
        planned_minutes=details.planned_minutes,
    )


#: Meetings that will not take place as planned: their checklist stays as it was.
CLOSED = (MeetingStatus.CANCELLED, MeetingStatus.RESCHEDULED)


def save_checklist(book: Workbook, meeting_id: int, checklist: tuple[str, ...]) -> Meeting:
    """Save the items of the getting-ready checklist that are done; refused for a meeting
    cancelled or moved (the ticks went along to the new time)."""
    with book.transaction():
        meeting = book.get(Meeting, meeting_id)
        if meeting.status in CLOSED:
            raise InfoviewError(closed_checklist(meeting))
        return book.edit(Meeting, meeting_id, checklist=checklist)


def closed_checklist(meeting: Meeting) -> str:
    """Why the checklist of a cancelled or moved meeting cannot be ticked."""
    where = (
        "Tick the checklist of the new time instead."
        if meeting.status is MeetingStatus.RESCHEDULED
        else "Plan a new meeting to get ready for it."
    )
    return (
        f"This meeting is marked {meeting.status.label.lower()}, so its checklist stays as "
        f"it was. {where}"
    )
