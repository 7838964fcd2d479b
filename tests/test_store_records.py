# mypy: disable-error-code="arg-type"
# (these tests give choices, dates and lists as text, as forms and files do)
"""Round trips of every record type through the workbook, and reading them back."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest

from infoview_lib.model import (
    Contact,
    FollowUp,
    InterviewLog,
    InvalidRecord,
    Meeting,
    Outreach,
    PipelineStatus,
    Question,
    Record,
    ResearchNote,
    StudentProfile,
)
from infoview_lib.store import RecordNotFound, Workbook


def _full_set(book: Workbook) -> list[Record]:
    """One record of every type, every field set to something other than its default."""
    referrer = book.add(Contact(name="Dmitry Ivanov"))
    contact = book.add(
        Contact(
            name="Siobhán Ní Bhriain",
            category="alumni",
            organisation="Ó Briain & D'Souza LLP",
            role="Associate",
            field="law",
            connection="Alumna of my debate club",
            email="siobhan@example.org",
            linkedin_url="https://www.linkedin.com/in/siobhan-example",
            phone="+353 1 555 0142",
            notes="Met at the <b>alumni</b> night;\nprefers email.",
            priority="high",
            status="met",
            referred_by=referrer.id,
        )
    )
    assert contact.id is not None
    meeting = book.add(
        Meeting(
            contact_id=contact.id,
            starts_at=datetime(2026, 3, 10, 9, 15),
            place="Café Lumière",
            format="video",
            planned_minutes=25,
            status="done",
            status_reason="Moved once for a court date",
            checklist=["research_done", "confirm_day_before"],
        )
    )
    assert meeting.id is not None
    return [
        referrer,
        contact,
        book.add(
            Outreach(
                contact_id=contact.id,
                channel="linkedin",
                subject="Your path into law",
                body="Hello 👋 — مرحبا",
                status="sent",
                sent_on=date(2026, 3, 1),
                replied_on=date(2026, 3, 3),
            )
        ),
        book.add(
            ResearchNote(
                contact_id=contact.id,
                organisation="Ó Briain & D'Souza LLP",
                topic="Practice areas",
                text="Employment law; pro bono clinic.",
                source_url="https://example.org/firm",
            )
        ),
        meeting,
        book.add(
            Question(
                meeting_id=meeting.id, text="What surprised you?", category="trends", position=3
            )
        ),
        book.add(
            InterviewLog(
                meeting_id=meeting.id,
                notes="Long answer\nwith lines",
                key_advice="Volunteer at the clinic.",
                referrals=["王芳", "Zoë Müller"],
                willing_to_keep_in_touch=False,
                how_to_reach="Email",
            )
        ),
        book.add(
            FollowUp(
                contact_id=contact.id,
                kind="keep_in_touch",
                due_on=date(2026, 4, 1),
                channel="card",
                status="done",
                done_on=date(2026, 3, 30),
                note="Sent a card",
            )
        ),
    ]


def test_every_record_type_round_trips(book: Workbook) -> None:
    saved = _full_set(book)
    for record in saved:
        assert record.id is not None
        assert book.get(type(record), record.id) == record
        assert record in book.all(type(record))


def test_records_survive_closing_and_reopening(book: Workbook, book_path: Path) -> None:
    saved = _full_set(book)
    book.close()
    with Workbook.open(book_path) as reopened:
        for record in saved:
            assert record.id is not None
            assert reopened.get(type(record), record.id) == record


def test_profile_round_trips(book: Workbook) -> None:
    assert book.profile() == StudentProfile(name="Ana Lima")
    changed = StudentProfile(
        name="Ana Lima",
        email="ana@example.edu",
        program="BSc Biology",
        graduation_year=2028,
        target_fields=("public health", "genomics"),
    )
    book.save_profile(changed)
    assert book.profile() == changed


def test_update_saves_changes(book: Workbook) -> None:
    contact = book.add(Contact(name="Wei Ng"))
    moved = book.update(dataclasses.replace(contact, status=PipelineStatus.CONTACTED))
    assert book.get(Contact, moved.id or 0).status is PipelineStatus.CONTACTED


def test_add_and_update_refuse_misuse(book: Workbook) -> None:
    contact = book.add(Contact(name="Wei Ng"))
    with pytest.raises(ValueError, match="update"):
        book.add(contact)
    with pytest.raises(ValueError, match="add"):
        book.update(Contact(name="New person"))
    with pytest.raises(RecordNotFound):
        book.update(dataclasses.replace(contact, id=999))


def test_links_must_point_at_existing_records(book: Workbook) -> None:
    with pytest.raises(InvalidRecord) as caught:
        book.add(Outreach(contact_id=41))
    assert caught.value.fields == ("contact_id",)
    assert "no contact number 41" in str(caught.value)
    with pytest.raises(InvalidRecord, match="no contact number 7"):
        book.add(Contact(name="Wei Ng", referred_by=7))
    assert book.count(Outreach) == 0


def test_one_interview_log_per_meeting(book: Workbook) -> None:
    contact = book.add(Contact(name="Wei Ng"))
    meeting = book.add(Meeting(contact_id=contact.id or 0, starts_at="2026-03-10 10:00"))
    book.add(InterviewLog(meeting_id=meeting.id or 0))
    with pytest.raises(InvalidRecord, match="already has an interview log"):
        book.add(InterviewLog(meeting_id=meeting.id or 0))


def test_get_of_a_missing_record_says_so(book: Workbook) -> None:
    with pytest.raises(RecordNotFound, match="no follow-up number 3"):
        book.get(FollowUp, 3)


def test_all_filters_and_orders(book: Workbook) -> None:
    a = book.add(Contact(name="A", status="met"))
    book.add(Contact(name="B"))
    c = book.add(Contact(name="C", status="met"))
    assert book.all(Contact, status=PipelineStatus.MET) == [a, c]
    assert book.all(Contact, status="met") == [a, c]
    assert book.count(Contact, status="met") == 2
    assert book.all(Contact, referred_by=None) == book.all(Contact)
    meeting = book.add(Meeting(contact_id=a.id or 0, starts_at="2026-03-10 10:00"))
    for position, text in [(2, "Third?"), (0, "First?"), (1, "Second?")]:
        book.add(Question(meeting_id=meeting.id or 0, text=text, position=position))
    assert [q.text for q in book.all(Question)] == ["First?", "Second?", "Third?"]
    with pytest.raises(TypeError, match="no field 'colour'"):
        book.all(Contact, colour="red")


def test_frame_is_a_dataframe_for_display(book: Workbook) -> None:
    empty = book.frame(Contact)
    assert empty.empty
    assert "name" in empty.columns
    first = book.add(Contact(name="Wei Ng", category="professor"))
    book.add(Contact(name="Zoë", referred_by=first.id))
    frame = book.frame(Contact)
    assert isinstance(frame, pd.DataFrame)
    assert list(frame["name"]) == ["Wei Ng", "Zoë"]
    assert list(frame["category"]) == ["professor", "other"]
    assert str(frame["referred_by"].dtype) == "Int64"
    assert frame.loc[first.id or 0, "name"] == "Wei Ng"


def _contact_message_and_bad_follow_up(book: Workbook) -> None:
    with book.transaction():
        contact = book.add(Contact(name="Wei Ng"))
        book.add(Outreach(contact_id=contact.id or 0))
        book.add(FollowUp(contact_id=999, kind="thank_you", due_on="2026-03-17"))


def test_a_failed_transaction_leaves_nothing(book: Workbook) -> None:
    with pytest.raises(InvalidRecord):
        _contact_message_and_bad_follow_up(book)
    assert book.count(Contact) == 0
    assert book.count(Outreach) == 0


def test_no_change_inside_a_snapshot(book: Workbook) -> None:
    with book.snapshot(), pytest.raises(RuntimeError, match="inside snapshot"):
        book.add(Contact(name="Wei Ng"))
    assert book.count(Contact) == 0
    book.add(Contact(name="Wei Ng"))  # the workbook is usable afterwards
    assert book.count(Contact) == 1


def test_text_saved_under_older_rules_does_not_stop_a_change_to_other_fields(
    book: Workbook,
) -> None:
    """An older infoview let invisible characters in; today they are refused, but a change
    to another field must still work, and the saved text stays as it was."""
    zoe = book.add(Contact(name="Zoë O'Brien", notes="met at the fair"))
    old_notes = "met at the ca\u00adreer\u200f fair"
    with book.transaction() as connection:  # as an older version saved it
        connection.execute("UPDATE contacts SET notes = ? WHERE id = ?", (old_notes, zoe.id))
    changed = book.edit(Contact, zoe.id, status=PipelineStatus.CONTACTED)
    assert changed.status == PipelineStatus.CONTACTED
    assert changed.notes == "met at the career fair"  # what is shown: the same
    saved = book.get(Contact, zoe.id)
    assert (saved.status, saved.notes) == (PipelineStatus.CONTACTED, old_notes)
    with pytest.raises(InvalidRecord, match="invisible character"):  # new text is still checked
        book.edit(Contact, zoe.id, notes="new\u200f notes")
    with pytest.raises(InvalidRecord, match="Email"):  # and a real problem still stops it
        book.edit(Contact, zoe.id, email="not an email")
