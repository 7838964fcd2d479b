"""Meetings, the questions prepared for them, and what was learned."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from infoview_lib.model.choices import MeetingFormat, MeetingStatus, QuestionCategory
from infoview_lib.model.validation import LONG_TEXT, NAME_TEXT, checking

#: Shortest and longest meeting a student can plan, in minutes.
MEETING_MINUTES = (5, 180)
#: The longest question a workbook keeps, in characters: a question is one sentence asked aloud.
QUESTION_TEXT = 500


@dataclass(frozen=True, kw_only=True, slots=True)
class Meeting:
    """A conversation planned with a contact."""

    id: int | None = None
    contact_id: int
    starts_at: datetime
    place: str = ""
    format: MeetingFormat = MeetingFormat.COFFEE
    planned_minutes: int = 30
    status: MeetingStatus = MeetingStatus.SCHEDULED
    status_reason: str = ""
    checklist: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        with checking(self) as check:
            check.record_id("id")
            check.record_id("contact_id", required="pick who you are meeting.")
            check.moment("starts_at", required="pick the day and time you will meet.")
            check.text("place")
            check.choice("format", MeetingFormat)
            low, high = MEETING_MINUTES
            check.integer(
                "planned_minutes",
                low=low,
                high=high,
                required="say how long you asked for (20 to 30 minutes is usual).",
            )
            check.choice("status", MeetingStatus)
            reason = check.text("status_reason", max_length=500)
            check.require(
                self.status != MeetingStatus.CANCELLED or bool(reason),
                "status_reason",
                "Reason is empty: say why the meeting was cancelled. The guide asks you "
                "not to cancel except in an emergency.",
            )
            check.item_ids("checklist")


@dataclass(frozen=True, kw_only=True, slots=True)
class Question:
    """A question prepared for a meeting, in the order it will be asked."""

    id: int | None = None
    meeting_id: int
    text: str
    category: QuestionCategory = QuestionCategory.OTHER
    position: int = 0

    def __post_init__(self) -> None:
        with checking(self) as check:
            check.record_id("id")
            check.record_id("meeting_id", required="pick the meeting the question is for.")
            check.text("text", required="write the question.", max_length=QUESTION_TEXT)
            check.choice("category", QuestionCategory)
            check.integer("position", low=0, high=10_000, required="give the question a place.")


@dataclass(frozen=True, kw_only=True, slots=True)
class InterviewLog:
    """What happened in a meeting, written soon after it."""

    id: int | None = None
    meeting_id: int
    notes: str = ""
    key_advice: str = ""
    referrals: tuple[str, ...] = ()
    willing_to_keep_in_touch: bool | None = None
    how_to_reach: str = ""

    def __post_init__(self) -> None:
        with checking(self) as check:
            check.record_id("id")
            check.record_id("meeting_id", required="pick the meeting this log is about.")
            check.text("notes", max_length=LONG_TEXT, multiline=True)
            check.text("key_advice", max_length=LONG_TEXT, multiline=True)
            check.text_list("referrals", max_items=20, max_length=NAME_TEXT)
            check.flag("willing_to_keep_in_touch")
            check.text("how_to_reach")
