"""First messages to a contact, and the research done before meeting them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from infoview_lib.model.choices import OutreachChannel, OutreachStatus
from infoview_lib.model.validation import LONG_TEXT, checking

#: Longest message body: far beyond any good outreach, short of a pasted essay.
BODY_TEXT = 5_000


@dataclass(frozen=True, kw_only=True, slots=True)
class Outreach:
    """A message asking a contact for a conversation: a draft, or sent."""

    id: int | None = None
    contact_id: int
    channel: OutreachChannel = OutreachChannel.EMAIL
    subject: str = ""
    body: str = ""
    status: OutreachStatus = OutreachStatus.DRAFT
    sent_on: date | None = None
    replied_on: date | None = None

    def __post_init__(self) -> None:
        with checking(self) as check:
            check.record_id("id")
            check.record_id("contact_id", required="pick who the message is for.")
            check.choice("channel", OutreachChannel)
            check.text("subject")
            check.text("body", max_length=BODY_TEXT, multiline=True)
            check.choice("status", OutreachStatus)
            sent = check.day("sent_on")
            replied = check.day("replied_on")
            if self.status == OutreachStatus.SENT:
                check.require(
                    sent is not None or check.has_problem("sent_on"),
                    "sent_on",
                    "Sent date is empty: a sent message needs the day you sent it.",
                )
            elif sent is not None:
                check.require(
                    False,
                    "sent_on",
                    "Sent date is set on a draft: mark the message as sent, or clear the date.",
                )
            if replied is not None and sent is None:
                check.fail(
                    "replied_on",
                    "Reply date is set on a message that was never sent: mark it as sent "
                    "first, with the day you sent it.",
                )
            elif replied is not None and sent is not None:
                check.require(
                    replied >= sent,
                    "replied_on",
                    "Reply date must be on or after the day the message was sent.",
                )


@dataclass(frozen=True, kw_only=True, slots=True)
class ResearchNote:
    """What the student found out about a contact or an organisation."""

    id: int | None = None
    contact_id: int | None = None
    organisation: str = ""
    topic: str = ""
    text: str
    source_url: str = ""

    def __post_init__(self) -> None:
        with checking(self) as check:
            check.record_id("id")
            check.record_id("contact_id")
            check.text("organisation")
            check.text("topic")
            check.text(
                "text", required="write down what you found.", max_length=LONG_TEXT, multiline=True
            )
            check.url("source_url", example="the page address, like https://example.org/about")
            check.require(
                self.contact_id is not None or bool(self.organisation),
                "organisation",
                "Say who the note is about: pick a contact or enter an organisation.",
            )
