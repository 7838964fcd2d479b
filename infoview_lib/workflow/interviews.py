"""What was learned in a meeting: saving its log marks the meeting done and moves the
contact to "met", all in one transaction; a meeting still to come is asked about first."""

from __future__ import annotations

from datetime import date, datetime

from infoview_lib.coach.calendar import day_words
from infoview_lib.errors import InfoviewError
from infoview_lib.model import InterviewLog, Meeting, MeetingStatus, PipelineStatus
from infoview_lib.store import Workbook
from infoview_lib.workflow.contacts import advance_contact


def still_to_come(meeting: Meeting, today: date) -> bool:
    """Whether ``meeting`` is still planned, for a day after ``today``.

    >>> friday = Meeting(contact_id=1, starts_at=datetime(2026, 3, 20, 17, 0))
    >>> still_to_come(friday, date(2026, 3, 16)), still_to_come(friday, date(2026, 3, 20))
    (True, False)
    """
    return meeting.status is MeetingStatus.SCHEDULED and meeting.starts_at.date() > today


def planned_ahead(meeting: Meeting) -> str:
    """Why a meeting still to come is not logged without asking, in plain words."""
    return (
        f"This meeting is planned for {day_words(meeting.starts_at.date())}, which has not "
        "come yet: write down what you learned after it happens."
    )


def save_interview_log(
    book: Workbook, log: InterviewLog, *, today: date, early: bool = False
) -> InterviewLog:
    """Save what was learned in a meeting (a new log, or over the one it has).

    A meeting still marked as planned whose day has come is marked done, and its
    contact moves forward to "met". One planned for a later day is refused, unless
    ``early`` says it happened earlier than planned: it is then moved to ``today``
    (at its planned time) and marked done, so that the thank-you and other
    follow-ups count from the day it happened. All of it is saved, or none.

    >>> import tempfile, pathlib
    >>> from infoview_lib.model import Contact, StudentProfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with Workbook.create(folder / "ana.infoview", StudentProfile(name="Ana Lima")) as book:
    ...     ken = book.add(Contact(name="Ken Sato"))
    ...     friday = book.add(Meeting(contact_id=ken.id, starts_at=datetime(2026, 3, 20, 17)))
    ...     log = InterviewLog(meeting_id=friday.id, notes="We met on Monday.")
    ...     _ = save_interview_log(book, log, today=date(2026, 3, 16), early=True)
    ...     moved = book.get(Meeting, friday.id)
    ...     moved.starts_at.isoformat(), moved.status.value
    ('2026-03-16T17:00:00', 'done')
    """
    with book.transaction():
        meeting = book.get(Meeting, log.meeting_id)
        ahead = still_to_come(meeting, today)
        if ahead and not early:
            raise InfoviewError(
                f"{planned_ahead(meeting)} If it happened earlier than planned, confirm that "
                "it did, and it is marked done today."
            )
        found = book.all(InterviewLog, meeting_id=log.meeting_id)
        existing = found[0] if found else None
        if existing is None:
            saved = book.add(log)
        else:
            assert existing.id is not None  # the workbook gives every saved record an id
            saved = book.edit(
                InterviewLog,
                existing.id,
                notes=log.notes,
                key_advice=log.key_advice,
                referrals=log.referrals,
                willing_to_keep_in_touch=log.willing_to_keep_in_touch,
                how_to_reach=log.how_to_reach,
            )
        due = meeting.status is MeetingStatus.SCHEDULED
        if ahead:
            held = datetime.combine(today, meeting.starts_at.time())
            book.edit(Meeting, log.meeting_id, starts_at=held, status=MeetingStatus.DONE)
        elif due:
            book.edit(Meeting, log.meeting_id, status=MeetingStatus.DONE)
        if due or meeting.status is MeetingStatus.DONE:
            advance_contact(book, meeting.contact_id, PipelineStatus.MET)
    return saved
