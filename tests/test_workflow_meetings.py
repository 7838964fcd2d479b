"""Workbook operations on meetings, their questions and their logs, called directly."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest

from infoview_lib.coach.meeting import CONFIRM
from infoview_lib.errors import InfoviewError
from infoview_lib.model import (
    Contact,
    InterviewLog,
    InvalidRecord,
    Meeting,
    MeetingStatus,
    PipelineStatus,
    Question,
    QuestionCategory,
)
from infoview_lib.store import Workbook
from infoview_lib.workflow.interviews import save_interview_log
from infoview_lib.workflow.meetings import (
    cancel_meeting,
    edit_meeting,
    reschedule_meeting,
    save_checklist,
    schedule_meeting,
)
from infoview_lib.workflow.questions import QuestionItem, save_question_set

from .conftest import AS_OF, digest

NOW = datetime(2026, 3, 16, 9, 0)
TUESDAY = datetime(2026, 3, 17, 14, 0)


@pytest.fixture
def planned(book: Workbook) -> Meeting:
    ken = book.add(Contact(name="Ken Sato"))
    assert ken.id is not None
    return schedule_meeting(
        book, Meeting(contact_id=ken.id, starts_at=TUESDAY, checklist=(CONFIRM, "research"))
    )


def test_planning_a_meeting_moves_the_contact_to_scheduled(
    book: Workbook, planned: Meeting
) -> None:
    assert book.get(Contact, planned.contact_id).status is PipelineStatus.SCHEDULED


def test_a_move_to_a_past_or_the_same_time_is_refused(book: Workbook, planned: Meeting) -> None:
    assert planned.id is not None
    before = digest(book.path)
    for when, said in ((NOW, "already past"), (TUESDAY, "already planned")):
        with pytest.raises(InvalidRecord) as refused:
            reschedule_meeting(book, planned.id, when, now=NOW)
        assert refused.value.fields == ("starts_at",)
        assert said in str(refused.value)
    assert digest(book.path) == before


def test_a_move_keeps_the_old_time_and_carries_questions_and_new_ticks(
    book: Workbook, planned: Meeting
) -> None:
    assert planned.id is not None
    save_question_set(book, planned.id, [QuestionItem("How did you enter the field?")])
    new = reschedule_meeting(
        book,
        planned.id,
        datetime(2026, 3, 19, 10, 0),
        reason="they asked",
        now=NOW,
        checklist=(CONFIRM, "research", "directions"),
    )
    old = book.get(Meeting, planned.id)
    assert (old.status, old.status_reason) == (MeetingStatus.RESCHEDULED, "they asked")
    assert set(new.checklist) == {"research", "directions"}  # confirming is done again
    assert [q.text for q in book.all(Question, meeting_id=new.id)] == [
        "How did you enter the field?"
    ]


def test_only_a_planned_meeting_can_be_moved_or_cancelled(book: Workbook, planned: Meeting) -> None:
    assert planned.id is not None
    with pytest.raises(InvalidRecord):
        cancel_meeting(book, planned.id, "  ")  # a reason is required
    cancel_meeting(book, planned.id, "they are ill")
    with pytest.raises(InfoviewError, match="marked cancelled, so it cannot be moved"):
        reschedule_meeting(book, planned.id, datetime(2026, 3, 19, 10, 0), now=NOW)
    with pytest.raises(InfoviewError, match="marked cancelled"):
        cancel_meeting(book, planned.id, "again")


def test_the_checklist_of_a_cancelled_or_moved_meeting_stays_as_it_was(
    book: Workbook, planned: Meeting
) -> None:
    assert planned.id is not None
    moved = reschedule_meeting(book, planned.id, datetime(2026, 3, 19, 10, 0), now=NOW)
    with pytest.raises(InfoviewError, match="Tick the checklist of the new time instead"):
        save_checklist(book, planned.id, ())
    assert moved.id is not None
    assert save_checklist(book, moved.id, ("directions",)).checklist == ("directions",)
    cancel_meeting(book, moved.id, "they are ill")
    before = digest(book.path)
    with pytest.raises(InfoviewError, match="marked cancelled, so its checklist stays"):
        save_checklist(book, moved.id, ())
    assert digest(book.path) == before


def test_a_question_set_is_saved_exactly_as_given(book: Workbook, planned: Meeting) -> None:
    assert planned.id is not None
    first = save_question_set(
        book, planned.id, [QuestionItem("A?"), QuestionItem("B?", QuestionCategory.ADVICE)]
    )
    kept = QuestionItem("B, reworded?", QuestionCategory.ADVICE, first[1].id)
    again = save_question_set(book, planned.id, [kept, QuestionItem("C?")])
    assert [(q.text, q.position) for q in again] == [("B, reworded?", 0), ("C?", 1)]
    assert again[0].id == first[1].id


def test_logging_a_meeting_whose_day_came_marks_it_done_and_the_contact_met(
    book: Workbook, planned: Meeting
) -> None:
    assert planned.id is not None
    with pytest.raises(InfoviewError, match="has not come yet"):
        save_interview_log(book, InterviewLog(meeting_id=planned.id, notes="x"), today=AS_OF)
    save_interview_log(
        book, InterviewLog(meeting_id=planned.id, notes="Great talk."), today=date(2026, 3, 17)
    )
    assert book.get(Meeting, planned.id).status is MeetingStatus.DONE
    assert book.get(Contact, planned.contact_id).status is PipelineStatus.MET


def test_new_details_keep_the_checklist_questions_and_where_the_meeting_stands(
    book: Workbook, planned: Meeting
) -> None:
    assert planned.id is not None
    book.add(Question(meeting_id=planned.id, text="How did you start?", position=1))
    details = Meeting(
        contact_id=planned.contact_id, starts_at=TUESDAY, place="Zoom", planned_minutes=30
    )
    saved = edit_meeting(book, planned.id, details)
    assert (saved.place, saved.planned_minutes) == ("Zoom", 30)
    assert saved.checklist == planned.checklist
    assert saved.status is MeetingStatus.SCHEDULED
    assert [q.text for q in book.all(Question, meeting_id=planned.id)] == ["How did you start?"]


def test_ticks_are_saved_and_nothing_else_changes(book: Workbook, planned: Meeting) -> None:
    assert planned.id is not None
    saved = save_checklist(book, planned.id, ("research",))
    assert saved.checklist == ("research",)
    assert saved == dataclasses.replace(planned, checklist=("research",))
    assert book.get(Meeting, planned.id) == saved
