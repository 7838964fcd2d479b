"""Meetings, the questions prepared for them, and what was learned."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime

from infoview_lib.model.choices import MeetingFormat, MeetingStatus, QuestionCategory
from infoview_lib.model.labels import label
from infoview_lib.model.validation import LONG_TEXT, NAME_TEXT, checking

#: Shortest and longest meeting a student can plan, in minutes.
MEETING_MINUTES = (5, 180)
#: The longest question a workbook keeps, in characters: a question is one sentence asked aloud.
QUESTION_TEXT = 500


@dataclass(frozen=True, kw_only=True, slots=True)
class Meeting:
    """A conversation planned with a contact."""

    id: int | None = None
    contact_id: int = dataclasses.field(metadata=label("Who you will meet"))
    starts_at: datetime  # the form asks for the day and the time apart
    place: str = dataclasses.field(
        default="", metadata=label("Place", example="e.g. Riverside Café, or the video link")
    )
    format: MeetingFormat = dataclasses.field(
        default=MeetingFormat.COFFEE,
        metadata=label(
            "Kind of meeting",
            choices={
                MeetingFormat.COFFEE: "Coffee or lunch",
                MeetingFormat.VIDEO: "Video call",
                MeetingFormat.PHONE: "Phone call",
                MeetingFormat.OFFICE: "At their workplace",
            },
        ),
    )
    planned_minutes: int = dataclasses.field(
        default=30, metadata=label("Planned minutes", example="20 to 30")
    )
    status: MeetingStatus = MeetingStatus.SCHEDULED
    status_reason: str = dataclasses.field(
        default="",
        metadata=label("Reason", example="what happened that you cannot go, and cannot move it"),
    )
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
                f"{check.name('status_reason')} is empty: say why the meeting was cancelled. "
                "The guide asks you "
                "not to cancel except in an emergency.",
            )
            check.item_ids("checklist")


@dataclass(frozen=True, kw_only=True, slots=True)
class Question:
    """A question prepared for a meeting, in the order it will be asked."""

    id: int | None = None
    meeting_id: int = dataclasses.field(metadata=label("Meeting"))
    text: str = dataclasses.field(metadata=label("Question"))
    category: QuestionCategory = dataclasses.field(
        default=QuestionCategory.OTHER, metadata=label("Kind of question")
    )
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
    meeting_id: int = dataclasses.field(metadata=label("Meeting"))
    notes: str = dataclasses.field(
        default="", metadata=label("Notes", example="what they told you", multiline=True)
    )
    key_advice: str = dataclasses.field(
        default="",
        metadata=label("Key advice", example="the advice you most want to act on", multiline=True),
    )
    referrals: tuple[str, ...] = dataclasses.field(
        default=(),
        metadata=label("People they suggested", example="one name per line", multiline=True),
    )
    willing_to_keep_in_touch: bool | None = dataclasses.field(
        default=None,
        metadata=label(
            "Willing to keep in touch", choices={None: "Not asked yet", True: "Yes", False: "No"}
        ),
    )
    how_to_reach: str = dataclasses.field(
        default="", metadata=label("How to reach them", example="e.g. email, every month or so")
    )

    def __post_init__(self) -> None:
        with checking(self) as check:
            check.record_id("id")
            check.record_id("meeting_id", required="pick the meeting this log is about.")
            check.text("notes", max_length=LONG_TEXT, multiline=True)
            check.text("key_advice", max_length=LONG_TEXT, multiline=True)
            check.text_list("referrals", max_items=20, max_length=NAME_TEXT)
            check.flag("willing_to_keep_in_touch")
            check.text("how_to_reach")
