"""First messages to a contact, and the research done before meeting them."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from infoview_lib.model.choices import OutreachChannel, OutreachStatus
from infoview_lib.model.labels import label
from infoview_lib.model.validation import LONG_TEXT, checking

#: Longest message body: far beyond any good outreach, short of a pasted essay.
BODY_TEXT = 5_000


@dataclass(frozen=True, kw_only=True, slots=True)
class Outreach:
    """A message asking a contact for a conversation: a draft, or sent."""

    id: int | None = None
    contact_id: int = dataclasses.field(metadata=label("Contact"))
    channel: OutreachChannel = dataclasses.field(
        default=OutreachChannel.EMAIL, metadata=label("Send it as")
    )
    subject: str = dataclasses.field(default="", metadata=label("Subject"))
    body: str = dataclasses.field(
        default="",
        metadata=label("Your message", example="Start from the template, or write", multiline=True),
    )
    status: OutreachStatus = OutreachStatus.DRAFT
    sent_on: date | None = dataclasses.field(default=None, metadata=label("Day you sent it"))
    replied_on: date | None = dataclasses.field(default=None, metadata=label("Day they replied"))

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
            was_sent = self.status == OutreachStatus.SENT
            check.status_day(
                "sent_on",
                sent,
                needed=was_sent,
                missing="a sent message needs the day you sent it.",
                stray="on a draft: mark the message as sent, or clear the date.",
            )
            if replied is not None and sent is None:
                check.fail(
                    "replied_on",
                    f"{check.name('replied_on')} is set on a message that was never sent: "
                    "mark it as sent first, with the day you sent it.",
                )
            elif replied is not None and sent is not None:
                check.require(
                    replied >= sent,
                    "replied_on",
                    f"{check.name('replied_on')} must be on or after the day the message was sent.",
                )


@dataclass(frozen=True, kw_only=True, slots=True)
class ResearchNote:
    """What the student found out about a contact or an organisation."""

    id: int | None = None
    contact_id: int | None = None
    organisation: str = ""
    topic: str = dataclasses.field(
        default="", metadata=label("Topic", example="e.g. their team's work")
    )
    text: str = dataclasses.field(
        metadata=label(
            "What you found",
            example="in your own words: what matters for your conversation",
            multiline=True,
        )
    )
    source_url: str = dataclasses.field(
        default="", metadata=label("Where you found it", example="the page address")
    )

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
