"""Typed records of a student's workbook, validated when they are built.

Every record is a frozen dataclass. Building one with a bad value raises
:class:`InvalidRecord`, which lists each wrong field with a plain-words message.
Change a record with :func:`dataclasses.replace`, which checks it again.
"""

from infoview_lib.model.choices import (
    Choice,
    ContactCategory,
    FollowUpChannel,
    FollowUpKind,
    FollowUpStatus,
    MeetingFormat,
    MeetingStatus,
    OutreachChannel,
    OutreachStatus,
    PipelineStatus,
    Priority,
    QuestionCategory,
)
from infoview_lib.model.followups import FollowUp
from infoview_lib.model.meetings import InterviewLog, Meeting, Question
from infoview_lib.model.outreach import Outreach, ResearchNote
from infoview_lib.model.people import Contact, StudentProfile
from infoview_lib.model.validation import InvalidRecord, Problem, iso_day

#: The records that live in a workbook's tables, one table each.
Record = Contact | Outreach | ResearchNote | Meeting | Question | InterviewLog | FollowUp

__all__ = [
    "Choice",
    "Contact",
    "ContactCategory",
    "FollowUp",
    "FollowUpChannel",
    "FollowUpKind",
    "FollowUpStatus",
    "InterviewLog",
    "InvalidRecord",
    "Meeting",
    "MeetingFormat",
    "MeetingStatus",
    "Outreach",
    "OutreachChannel",
    "OutreachStatus",
    "PipelineStatus",
    "Priority",
    "Problem",
    "Question",
    "QuestionCategory",
    "Record",
    "ResearchNote",
    "StudentProfile",
    "iso_day",
]
