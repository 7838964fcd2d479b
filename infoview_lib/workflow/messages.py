"""A student's messages to a contact: save a draft, mark it sent, record the reply.

Each is one transaction that checks its rule first and raises
:class:`~infoview_lib.model.InvalidRecord` (the problems named by field) or
:class:`MessageSent`, leaving the workbook as it was. A message marked as sent is a record
of what was sent: its words are never changed again, whoever asks (a form, the command
line, a script).

>>> import tempfile, pathlib
>>> from infoview_lib.model import Contact, StudentProfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> with Workbook.create(folder / "ana.infoview", StudentProfile(name="Ana Lima")) as book:
...     wei = book.add(Contact(name="Wei Chen"))
...     draft = save_draft(book, MessageText(wei.id, "email", "Hello", "Dear Wei, ..."))
...     sent = mark_sent(book, draft.id, sent_on=date(2026, 3, 13), today=date(2026, 3, 16))
...     save_draft(book, MessageText(wei.id, "email", "Hello", "Changed"), outreach_id=sent.id)
...     # doctest: +ELLIPSIS
Traceback (most recent call last):
...
infoview_lib.workflow.messages.MessageSent: You sent this message on Friday 13 March 2026...
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Any

from infoview_lib.coach.calendar import day_words
from infoview_lib.errors import InfoviewError
from infoview_lib.model import (
    InvalidRecord,
    Outreach,
    OutreachChannel,
    OutreachStatus,
    PipelineStatus,
    Problem,
)
from infoview_lib.model.labels import field_name
from infoview_lib.store import Workbook
from infoview_lib.workflow.contacts import advance_contact


@dataclass(frozen=True)
class MessageText:
    """The words of a message as the student wrote them, and whom it is to."""

    contact_id: int | None
    channel: OutreachChannel | str
    subject: str
    body: str


class MessageSent(InfoviewError):
    """A change to the words of a message that was already sent."""

    def __init__(self, message: Outreach) -> None:
        assert message.sent_on is not None  # a sent message always has its day
        self.message = message
        super().__init__(
            f"You sent this message on {day_words(message.sent_on)}. It is kept as you sent "
            "it, so it cannot be changed; write a new message to this contact instead."
        )


def save_draft(book: Workbook, text: MessageText, *, outreach_id: int | None = None) -> Outreach:
    """Save a new draft, or the new words of draft ``outreach_id``; a sent one is refused."""
    return _save(book, outreach_id, text, [], keeps_sent=False)


def mark_sent(
    book: Workbook,
    outreach_id: int | None,
    text: MessageText | None = None,
    *,
    sent_on: date,
    today: date,
) -> Outreach:
    """Save the message as sent on ``sent_on`` (not after ``today``), with ``text`` when
    given (a saved draft keeps its words otherwise); the contact moves forward to
    "contacted". One sent already is refused."""
    problems = _day_problems("sent_on", sent_on, today, "pick the day you sent it")
    return _save(
        book,
        outreach_id,
        text,
        problems,
        keeps_sent=False,
        moves_contact=True,
        status=OutreachStatus.SENT,
        sent_on=sent_on,
    )


def record_reply(
    book: Workbook,
    outreach_id: int | None,
    text: MessageText | None = None,
    *,
    replied_on: date | None,
    today: date,
) -> Outreach:
    """Save the day the contact replied (not after ``today``): the no-reply reminders stop.
    A sent message keeps its words; a draft is saved with ``text`` as well."""
    problems = _day_problems(
        "replied_on", replied_on, today, "pick the day they replied", required=True
    )
    return _save(book, outreach_id, text, problems, keeps_sent=True, replied_on=replied_on)


def _day_problems(
    field: str, day: date | None, today: date, pick: str, *, required: bool = False
) -> list[Problem]:
    """What is wrong with the day given for ``field``: after ``today``, or missing when
    ``required``. The field is named by its label, as the outreach form names it; ``pick``
    says what to do."""
    name = field_name(Outreach, field)
    if day is None:
        return [Problem(field, f"{name} is empty: {pick}.")] if required else []
    if isinstance(day, date) and day > today:
        after = f"{day.isoformat()} is after today ({today.isoformat()})"
        return [Problem(field, f"{name} {after}: {pick}.")]
    return []


def _save(
    book: Workbook,
    outreach_id: int | None,
    text: MessageText | None,
    problems: list[Problem],
    *,
    keeps_sent: bool,
    moves_contact: bool = False,
    **changes: Any,
) -> Outreach:
    """Check and save one message with ``changes``, in one transaction.

    ``keeps_sent``: the save leaves a sent message's words as they were sent (recording
    the reply); any other save of a sent message raises :class:`MessageSent`.
    """
    with book.transaction():
        stored = book.get(Outreach, outreach_id) if outreach_id is not None else None
        sent = stored is not None and stored.status is OutreachStatus.SENT
        if sent and not keeps_sent:
            assert stored is not None
            raise MessageSent(stored)
        written: dict[str, Any] = {}  # a sent message stays as it was sent
        if not sent:
            if text is None and stored is None:
                raise InfoviewError("A new message needs its words: give its text to save it.")
            written = dataclasses.asdict(text) if text is not None else {}
            body = text.body if text is not None else stored.body if stored else ""
            if not body.strip():
                problems.append(
                    Problem("body", "Your message is empty: start from the template, or write it.")
                )
        try:
            record = (
                Outreach(**written, **changes)
                if stored is None
                else dataclasses.replace(stored, **written, **changes)
            )
        except InvalidRecord as error:
            problems += error.problems
        if problems:
            raise InvalidRecord("Outreach", problems)
        if record.id is None:
            saved = book.add(record)
        else:
            saved = book.edit(Outreach, record.id, **{**written, **changes})
        if moves_contact:
            advance_contact(book, saved.contact_id, PipelineStatus.CONTACTED)
    return saved


def message_label(message: Outreach) -> str:
    """How a saved message is listed: its channel, where it stands, its subject."""
    if message.status is OutreachStatus.DRAFT:
        state = "draft"
    elif message.replied_on is not None:
        state = f"sent {message.sent_on}, replied {message.replied_on}"
    else:
        state = f"sent {message.sent_on}"
    about = message.subject or " ".join(message.body.split()[:6]) or "(empty)"
    return f"{message.channel.label} ({state}): {about}"
