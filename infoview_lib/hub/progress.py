"""A student's progress as the workshop service takes it (``PUT me/progress``): counts of
their contacts by stage, drafts, messages, questions and meetings, and when the workbook was
last saved; never a contact's details. And sending it."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from infoview_lib.hub.connection import call
from infoview_lib.hub.service.contract import PROGRESS_COUNTS, utc_stamp
from infoview_lib.model import (
    Contact,
    Meeting,
    MeetingStatus,
    Outreach,
    OutreachStatus,
    PipelineStatus,
    Question,
)
from infoview_lib.store import Workbook

__all__ = ["PROGRESS_COUNTS", "progress_of", "saved_at", "send_progress"]


def saved_at(path: Path) -> datetime:
    """When the workbook at ``path`` was last saved: the newest of the file and its log."""
    times = [path.stat().st_mtime]
    wal = path.with_name(path.name + "-wal")
    with contextlib.suppress(OSError):
        times.append(wal.stat().st_mtime)
    return datetime.fromtimestamp(max(times), UTC)


def progress_of(book: Workbook, *, last_saved_at: datetime | None = None) -> dict[str, object]:
    """The progress the service takes (``PUT me/progress``): counts and a date only.

    Never a contact's name, email, notes or message: only how many there are.
    ``last_saved_at`` defaults to the file's time (:func:`saved_at`).

    >>> import tempfile
    >>> from infoview_lib.model import StudentProfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> with Workbook.create(folder / "ana.infoview", StudentProfile(name="Ana Lima")) as book:
    ...     _ = book.add(Contact(name="Ken Sato"))
    ...     sent = progress_of(book, last_saved_at=datetime(2026, 3, 16, 10, 40, tzinfo=UTC))
    >>> sent["contacts"]["identified"], sent["last_saved_at"], "Ken" in str(sent)
    (1, '2026-03-16T10:40:00Z', False)
    """
    from infoview_lib.coach.agenda import check_message  # the Ally check says "ready"

    with book.snapshot():
        contacts = book.all(Contact)
        messages = book.all(Outreach)
        questions = book.count(Question)
        meetings = book.all(Meeting)
        profile = book.profile()
    by_id = {contact.id: contact for contact in contacts}
    drafts = [message for message in messages if message.status is OutreachStatus.DRAFT]
    ready = 0
    for draft in drafts:
        contact = by_id.get(draft.contact_id)
        if contact is not None and check_message(draft, contact, profile).verdict == "ready":
            ready += 1
    when = last_saved_at if last_saved_at is not None else saved_at(book.path)
    return {
        "contacts": {
            stage.value: sum(contact.status is stage for contact in contacts)
            for stage in PipelineStatus
        },
        "drafts_written": len(drafts),
        "drafts_ready": ready,
        "messages_sent": sum(message.status is OutreachStatus.SENT for message in messages),
        "questions_prepared": questions,
        "meetings_planned": sum(
            meeting.status in (MeetingStatus.SCHEDULED, MeetingStatus.RESCHEDULED)
            for meeting in meetings
        ),
        "meetings_done": sum(meeting.status is MeetingStatus.DONE for meeting in meetings),
        "last_saved_at": utc_stamp(when),
    }


def send_progress(payload: Mapping[str, object], *, timeout: float = 2.0) -> dict[str, Any]:
    """``PUT me/progress``: the payload of :func:`progress_of`."""
    return call("PUT", "me/progress", dict(payload), timeout=timeout)
