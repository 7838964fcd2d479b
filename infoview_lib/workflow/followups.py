"""Follow-ups: a referral added with its reminder, and a step of the dashboard marked done.

>>> import tempfile, pathlib
>>> from datetime import date, datetime
>>> from infoview_lib.model import StudentProfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> with Workbook.create(folder / "ana.infoview", StudentProfile(name="Ana Lima")) as book:
...     ken = book.add(Contact(name="Ken Sato"))
...     met = Meeting(contact_id=ken.id, starts_at=datetime(2026, 1, 29, 17), status="done")
...     met = book.add(met)
...     fatima, reach_out = add_referral(book, met.id, "Fatima Benali", today=date(2026, 1, 30))
...     fatima.connection, reach_out.due_on.isoformat()
('Ken Sato suggested I talk to them, when we met on Thursday 29 January 2026.', '2026-02-03')
"""

from __future__ import annotations

from datetime import date

from infoview_lib.coach.agenda import Action
from infoview_lib.coach.calendar import BusinessCalendar, day_words, default_calendar
from infoview_lib.coach.followup import split_referral
from infoview_lib.coach.followup_rules import follow_up_rules
from infoview_lib.coach.text import fold
from infoview_lib.errors import InfoviewError
from infoview_lib.model import (
    Contact,
    ContactCategory,
    FollowUp,
    FollowUpChannel,
    FollowUpKind,
    FollowUpStatus,
    Meeting,
    PipelineStatus,
)
from infoview_lib.store import Workbook
from infoview_lib.workflow.contacts import advance_contact


def add_referral(
    book: Workbook,
    meeting_id: int,
    name: str,
    *,
    today: date,
    calendar: BusinessCalendar | None = None,
) -> tuple[Contact, FollowUp]:
    """Add someone a contact suggested in a meeting, and a reminder to reach out to them.

    The new contact is "referred by" the person met, with a connection that
    names them; the reminder is due in the configured number of business days.
    Both are saved, or neither.

    >>> import tempfile, pathlib
    >>> from infoview_lib.model import StudentProfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with Workbook.create(folder / "ana.infoview", StudentProfile(name="Ana Lima")) as book:
    ...     add_referral(book, 1, "  ", today=date(2026, 1, 30))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    infoview_lib.errors.InfoviewError: The name is empty: write the name of the person they...
    """
    name, note = split_referral(name)
    if not name:
        raise InfoviewError(
            "The name is empty: write the name of the person they suggested you talk to."
        )
    rules = follow_up_rules()
    calendar = calendar if calendar is not None else default_calendar()
    with book.transaction():
        meeting = book.get(Meeting, meeting_id)
        referrer = book.get(Contact, meeting.contact_id)
        if any(fold(c.name) == fold(name) for c in book.all(Contact, referred_by=referrer.id)):
            raise InfoviewError(
                f"{name} is already in your contacts as someone {referrer.name} "
                "suggested: open that contact instead of adding them twice."
            )
        connection = rules.letters["referral_connection"].format_map(
            {
                "referrer_name": referrer.name,
                "meeting_day": day_words(meeting.starts_at.date()),
            }
        )
        contact = book.add(
            Contact(
                name=name,
                category=ContactCategory.OTHER,
                connection=connection,
                notes=note,
                referred_by=referrer.id,
            )
        )
        reach_out = book.add(
            FollowUp(
                contact_id=_saved_id(contact),
                kind=FollowUpKind.REFERRAL,
                due_on=calendar.add_business_days(today, rules.timing.referral_business_days),
            )
        )
    return contact, reach_out


def complete_action(
    book: Workbook,
    action: Action,
    *,
    today: date,
    channel: FollowUpChannel = FollowUpChannel.EMAIL,
    note: str = "",
    calendar: BusinessCalendar | None = None,
) -> FollowUp:
    """Record an action as done today, so that it leaves the list; returns what was saved.

    A stored follow-up is marked done; a step the workbook worked out is saved
    as a done follow-up. ``channel`` may also be its text, like ``"card"``.
    "Add them as a contact" adds the suggested person (see :func:`add_referral`)
    and returns the new reminder to reach out to them. "Stop and move on" also
    marks the contact as no reply; a thank-you, an update or reaching out to a
    referral moves the contact forward to thanked, keeping in touch or contacted.
    "Log the meeting" is done by updating the meeting itself, so it is refused
    here with a message saying so.

    >>> import tempfile, pathlib
    >>> from infoview_lib.coach.agenda import next_actions
    >>> from infoview_lib.model import StudentProfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with Workbook.create(folder / "ana.infoview", StudentProfile(name="Ana Lima")) as book:
    ...     ken = book.add(Contact(name="Ken Sato"))
    ...     _ = book.add(FollowUp(contact_id=ken.id, kind="thank_you", due_on=date(2026, 3, 13)))
    ...     [action] = next_actions(book, date(2026, 3, 16))
    ...     done = complete_action(book, action, today=date(2026, 3, 16), channel="card")
    ...     done.status.value, done.channel.value, next_actions(book, date(2026, 3, 16))
    ('done', 'card', [])
    """
    if action.kind is FollowUpKind.LOG_MEETING and action.follow_up_id is None:
        raise InfoviewError(
            f"To finish this step, open your meeting with {action.contact_name} and mark it "
            "done, then write down what you learned; or mark it cancelled or rescheduled if it "
            "did not happen. The reminder goes away by itself once the meeting is updated."
        )
    if action.follow_up_id is None and action.referral_name and action.meeting_id is not None:
        _, reach_out = add_referral(
            book, action.meeting_id, action.referral_name, today=today, calendar=calendar
        )
        return reach_out
    with book.transaction():
        if action.follow_up_id is not None:
            done = _mark_done(book, action.follow_up_id, today, channel, note)
        elif existing := _done_already(book, action):
            return existing  # a second click on the same step saves nothing new
        else:
            done = book.add(
                FollowUp(
                    contact_id=action.contact_id,
                    kind=action.kind,
                    due_on=action.due_on,
                    channel=channel,
                    status=FollowUpStatus.DONE,
                    done_on=today,
                    note=note,
                )
            )
        if action.kind is FollowUpKind.MOVE_ON:
            waited_on = {PipelineStatus.IDENTIFIED, PipelineStatus.CONTACTED}
            if book.get(Contact, action.contact_id).status in waited_on:
                book.edit(Contact, action.contact_id, status=PipelineStatus.NO_REPLY)
        elif action.kind in STAGE_AFTER:
            advance_contact(book, action.contact_id, STAGE_AFTER[action.kind])
    return done


#: The stage a contact reaches once a follow-up of this kind is done.
STAGE_AFTER = {
    FollowUpKind.THANK_YOU: PipelineStatus.THANKED,
    FollowUpKind.KEEP_IN_TOUCH: PipelineStatus.KEEPING_IN_TOUCH,
    FollowUpKind.REFERRAL: PipelineStatus.CONTACTED,
}


def _done_already(book: Workbook, action: Action) -> FollowUp | None:
    """The follow-up a worked-out step was already saved as, if it was."""
    saved = book.all(FollowUp, contact_id=action.contact_id, status=FollowUpStatus.DONE)
    return next(
        (item for item in saved if item.kind is action.kind and item.due_on == action.due_on),
        None,
    )


def _mark_done(
    book: Workbook, follow_up_id: int, today: date, channel: FollowUpChannel, note: str
) -> FollowUp:
    """Mark a stored follow-up done today; one already done is left as it is."""
    current = book.get(FollowUp, follow_up_id)
    if current.status is FollowUpStatus.DONE:
        return current
    changes: dict[str, object] = {
        "status": FollowUpStatus.DONE,
        "done_on": today,
        "channel": channel,
    }
    if note.strip():
        changes["note"] = note
    return book.edit(FollowUp, follow_up_id, **changes)


def _saved_id(record: Contact) -> int:
    assert record.id is not None  # the workbook gives every saved record an id
    return record.id
