"""What ``follow-up.yaml`` holds: the follow-up numbers, reasons, letters and placeholders.

The file's schema, declared once: :func:`follow_up_rules` reads it through the generic
loader, and the data README's tables are made from it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from infoview_lib.coach.kinds import Section, Whole, Wordings
from infoview_lib.coach.schema import entry, schema_loader
from infoview_lib.model import FollowUpKind

#: The coaching file with the follow-up numbers, reasons and letter templates.
RULES_FILE = "follow-up.yaml"

# The blanks each piece of wording may use: exactly the values the code fills in.
COMMON_BLANKS = ("contact_name", "first_name", "due_day")
STEP_BLANKS: dict[str, tuple[str, ...]] = {
    "thank_you": (*COMMON_BLANKS, "meeting_day"),
    "log_meeting": (*COMMON_BLANKS, "meeting_day"),
    "second_contact": (*COMMON_BLANKS, "organisation", "sent_day", "business_days"),
    "no_reply": (*COMMON_BLANKS, "sent_day", "business_days"),
    "move_on": (*COMMON_BLANKS, "messages", "last_day"),
    "first_update": (*COMMON_BLANKS, "meeting_day"),
    "monthly_update": (*COMMON_BLANKS, "last_day"),
    "add_referral": (*COMMON_BLANKS, "meeting_day", "referral_name"),
}
#: When each step is suggested.
STEP_MEANINGS = {
    "thank_you": "after a meeting marked done (or logged)",
    "log_meeting": "a meeting's day is over, it is still marked as planned, and it has no log",
    "second_contact": "no reply from anyone at an organisation",
    "no_reply": "no reply to a message",
    "move_on": "too many unanswered messages to one person",
    "first_update": "they were willing to keep in touch, and no update is done yet",
    "monthly_update": "the next update after the last one done",
    "add_referral": "a name in an interview log that is not a contact referred by that person yet",
}
PLANNED_BLANKS: dict[str, tuple[str, ...]] = {
    **{kind.value: (*COMMON_BLANKS, "referrer_name") for kind in FollowUpKind},
    "note": ("note",),
}
LETTER_BLANKS_EVERY = ("contact_name", "first_name", "student_name", "student_email")
LETTER_BLANKS: dict[str, tuple[str, ...]] = {
    "thank_you_email": (*LETTER_BLANKS_EVERY, "specific"),
    "thank_you_card": (*LETTER_BLANKS_EVERY, "specific"),
    "update": (*LETTER_BLANKS_EVERY, "specific", "advice_taken"),
    "referral_opening": (
        *LETTER_BLANKS_EVERY,
        "program",
        "field",
        "referrer_name",
        "referrer_first_name",
    ),
    "referral_connection": ("referrer_name", "meeting_day"),
}
#: What the letters' own blanks hold, for the README.
LETTER_BLANK_MEANINGS = {
    "specific": "the first sentence of the key advice in the interview log, else of its notes, "
    "in quotes",
    "advice_taken": "what the student did with the advice",
}
#: What a letter is, where its name does not say.
LETTER_MEANINGS = {
    "referral_connection": 'the "connection" saved on a contact added from a referral; it '
    "takes only these blanks",
}
PLACEHOLDER_BLANKS: dict[str, tuple[str, ...]] = dict.fromkeys(
    ("specific", "advice_taken", "program", "field", "referrer_name"), ()
)


@dataclass(frozen=True, slots=True)
class Timing:
    """The follow-up numbers: days, business days, messages and months."""

    thank_you_days: int = field(
        metadata=entry(
            Whole(0, 14),
            "calendar days after a meeting that the thank-you is due (1: the next day, even a "
            "holiday)",
        )
    )
    second_contact_business_days: int = field(
        metadata=entry(
            Whole(1, 30),
            "working days with no reply before reaching out to a second person at the same "
            "organisation",
        )
    )
    follow_up_business_days: int = field(
        metadata=entry(
            Whole(1, 30), "working days with no reply before the one follow-up to the first person"
        )
    )
    stop_after_messages: int = field(
        metadata=entry(
            Whole(1, 5),
            "unanswered messages to one person (sent messages plus follow-ups marked done) after "
            "which to stop",
        )
    )
    move_on_business_days: int = field(
        metadata=entry(
            Whole(0, 30),
            'working days after the last unanswered message before "stop and move on" is due',
        )
    )
    first_update_days: int = field(
        metadata=entry(
            Whole(1, 60),
            "calendar days after a meeting that the first keep-in-touch update is due",
        )
    )
    update_every_months: int = field(
        metadata=entry(
            Whole(1, 12),
            "months between later updates, counted from the last update done (31 January: 28 or "
            "29 February)",
        )
    )
    referral_business_days: int = field(
        metadata=entry(
            Whole(0, 30),
            "working days to add a suggested person as a contact, and then to reach out to them",
        )
    )


@dataclass(frozen=True, slots=True)
class FollowUpRules:
    """Everything ``follow-up.yaml`` holds, checked: numbers, reasons, letters, placeholders."""

    timing: Timing = field(metadata=entry(Section(Timing, closed=True), "the numbers"))
    steps: Mapping[str, str] = field(
        metadata=entry(
            Wordings(STEP_BLANKS, meanings=STEP_MEANINGS), "why each suggested follow-up is due"
        )
    )
    planned: Mapping[str, str] = field(
        metadata=entry(Wordings(PLANNED_BLANKS), "why a follow-up on the student's own list is due")
    )
    letters: Mapping[str, str] = field(
        metadata=entry(Wordings(LETTER_BLANKS, meanings=LETTER_MEANINGS), "the drafts")
    )
    placeholders: Mapping[str, str] = field(
        metadata=entry(
            Wordings(PLACEHOLDER_BLANKS),
            "shown where the workbook has nothing to fill a blank with",
        )
    )


#: The follow-up numbers and wording in use, read once per data folder.
follow_up_rules = schema_loader(FollowUpRules, RULES_FILE)
