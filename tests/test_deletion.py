# mypy: disable-error-code="arg-type"
# (these tests give choices, dates and lists as text, as forms and files do)
"""Deleting a contact says what goes with it, and leaves nothing orphaned."""

from __future__ import annotations

from infoview_lib.model import (
    Contact,
    FollowUp,
    InterviewLog,
    Meeting,
    Outreach,
    Question,
    ResearchNote,
)
from infoview_lib.store import Workbook


def _contact_with_everything(book: Workbook) -> tuple[int, int]:
    contact = book.add(Contact(name="Wei Ng", organisation="Riverside"))
    cid = contact.id or 0
    referred = book.add(Contact(name="Zoë Müller", referred_by=cid))
    book.add(Outreach(contact_id=cid))
    book.add(Outreach(contact_id=cid, status="sent", sent_on="2026-03-01"))
    book.add(ResearchNote(contact_id=cid, text="Lab studies vaccines."))
    meeting = book.add(Meeting(contact_id=cid, starts_at="2026-03-10 10:00", status="done"))
    for position in range(3):
        book.add(Question(meeting_id=meeting.id or 0, text=f"Q{position}?", position=position))
    book.add(InterviewLog(meeting_id=meeting.id or 0, key_advice="Volunteer."))
    book.add(FollowUp(contact_id=cid, kind="thank_you", due_on="2026-03-11"))
    return cid, referred.id or 0


def test_impact_lists_everything_that_goes(book: Workbook) -> None:
    cid, _ = _contact_with_everything(book)
    impact = book.deletion_impact(Contact, cid)
    assert dict(impact.removed) == {
        "2 messages": 2,
        "1 research note": 1,
        "1 meeting": 1,
        "3 questions": 3,
        "1 interview log": 1,
        "1 follow-up": 1,
    }
    assert impact.describe() == (
        "Deleting this contact also deletes 2 messages, 1 research note, 1 meeting, "
        "3 questions, 1 interview log and 1 follow-up. "
        "1 contact linked to it will be kept, without the link."
    )
    assert book.count(Outreach) == 2  # asking changed nothing


def test_delete_removes_them_all_and_orphans_nothing(book: Workbook) -> None:
    cid, referred_id = _contact_with_everything(book)
    keeper = book.add(Contact(name="Keeps everything"))
    book.add(Outreach(contact_id=keeper.id or 0))
    impact = book.delete(Contact, cid)
    assert impact.removed
    for kind in (Outreach, ResearchNote, Meeting, FollowUp):
        assert all(getattr(r, "contact_id", None) != cid for r in book.all(kind))
    assert book.count(Question) == 0
    assert book.count(InterviewLog) == 0
    assert book.count(Outreach) == 1
    assert book.get(Contact, referred_id).referred_by is None
    assert book.integrity_problems() == []


def test_deleting_a_meeting_takes_its_questions_only(book: Workbook) -> None:
    cid, _ = _contact_with_everything(book)
    (meeting,) = book.all(Meeting)
    impact = book.delete(Meeting, meeting.id or 0)
    assert impact.describe() == (
        "Deleting this meeting also deletes 3 questions and 1 interview log."
    )
    assert book.count(Outreach, contact_id=cid) == 2


def test_a_contact_with_nothing_else(book: Workbook) -> None:
    lone = book.add(Contact(name="Alone"))
    assert book.deletion_impact(Contact, lone.id or 0).describe() == (
        "Nothing else is stored with this contact."
    )
