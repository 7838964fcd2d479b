"""The fixed choices a record can hold, each with the words a student sees.

>>> ContactCategory.FAMILY_FRIEND.label
'Family friend'
>>> [stage.value for stage in PipelineStatus.pipeline()][:3]
['identified', 'contacted', 'scheduled']
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from infoview_lib.errors import InfoviewError

_SPECIAL_LABELS = {
    "linkedin": "LinkedIn note",
    "script": "Phone or in-person script",
    "thank_you": "Thank-you",
    "keeping_in_touch": "Keeping in touch",
    "second_contact": "Second contact",
    "move_on": "Stop and move on",
    "log_meeting": "Log the meeting",
    "entering_field": "Entering the field",
    "challenges_rewards": "Challenges and rewards",
}


class UnknownChoice(InfoviewError, ValueError):
    """A value that is none of a choice's options."""


class Choice(StrEnum):
    """A choice stored by its value, shown by its label."""

    @classmethod
    def parse(cls, value: object) -> Self:
        """The choice named by its value or its label, ignoring case and spacing.

        >>> OutreachChannel.parse(" LinkedIn note "), OutreachChannel.parse("Email")
        (<OutreachChannel.LINKEDIN: 'linkedin'>, <OutreachChannel.EMAIL: 'email'>)
        """
        if isinstance(value, cls):
            return value
        wanted = " ".join(str(value).replace("_", " ").split()).casefold()
        for choice in cls:
            if wanted in (choice.value.replace("_", " "), choice.label.casefold()):
                return choice
        options = ", ".join(choice.value for choice in cls)
        raise UnknownChoice(f"{str(value)!r} is not one of the choices: use {options}.")

    @property
    def label(self) -> str:
        """The choice as a student would read it."""
        return _SPECIAL_LABELS.get(self.value, self.value.replace("_", " ").capitalize())


class ContactCategory(Choice):
    """Where a contact comes from: the guide's list of people to ask."""

    ALUMNI = "alumni"
    INTERNSHIP_MANAGEMENT = "internship_management"
    FAITH_COMMUNITY = "faith_community"
    FAMILY_FRIEND = "family_friend"
    PROFESSOR = "professor"
    OTHER = "other"


class PipelineStatus(Choice):
    """How far things have gone with a contact."""

    IDENTIFIED = "identified"
    CONTACTED = "contacted"
    SCHEDULED = "scheduled"
    MET = "met"
    THANKED = "thanked"
    KEEPING_IN_TOUCH = "keeping_in_touch"
    DECLINED = "declined"
    NO_REPLY = "no_reply"

    @classmethod
    def pipeline(cls) -> tuple[PipelineStatus, ...]:
        """The stages of the main path, in order."""
        return (
            cls.IDENTIFIED,
            cls.CONTACTED,
            cls.SCHEDULED,
            cls.MET,
            cls.THANKED,
            cls.KEEPING_IN_TOUCH,
        )


class Priority(Choice):
    """How soon the student means to reach out."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class OutreachChannel(Choice):
    """How a first message reaches the contact."""

    EMAIL = "email"
    LINKEDIN = "linkedin"
    SCRIPT = "script"


class OutreachStatus(Choice):
    """Whether a message is still a draft."""

    DRAFT = "draft"
    SENT = "sent"


class MeetingFormat(Choice):
    """Where and how the conversation happens."""

    COFFEE = "coffee"
    VIDEO = "video"
    PHONE = "phone"
    OFFICE = "office"


class MeetingStatus(Choice):
    """What became of a planned meeting."""

    SCHEDULED = "scheduled"
    DONE = "done"
    RESCHEDULED = "rescheduled"
    CANCELLED = "cancelled"


class QuestionCategory(Choice):
    """The kind of question, as the question bank groups them."""

    CAREER_PATH = "career_path"
    ENTERING_FIELD = "entering_field"
    CHALLENGES_REWARDS = "challenges_rewards"
    PREPARATION = "preparation"
    ORGANISATION = "organisation"
    TRENDS = "trends"
    ADVICE = "advice"
    RESOURCES = "resources"
    OTHER = "other"


class FollowUpKind(Choice):
    """Why a follow-up is owed."""

    THANK_YOU = "thank_you"
    KEEP_IN_TOUCH = "keep_in_touch"
    NO_REPLY = "no_reply"
    REFERRAL = "referral"
    #: No reply yet: reach out to a second person at the same organisation.
    SECOND_CONTACT = "second_contact"
    #: Two messages unanswered: stop, mark the contact as no reply, move on.
    MOVE_ON = "move_on"
    #: A meeting's day is over but it is still marked as planned: log how it went.
    LOG_MEETING = "log_meeting"


class FollowUpChannel(Choice):
    """How a follow-up is sent."""

    CARD = "card"
    EMAIL = "email"
    OTHER = "other"


class FollowUpStatus(Choice):
    """Whether a follow-up is still to do."""

    PENDING = "pending"
    DONE = "done"
    SKIPPED = "skipped"
