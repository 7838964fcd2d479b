"""The records the follow-up rules read, gathered once: who, what was sent, met and logged.

:class:`FollowUpFacts` holds a student's records as :mod:`infoview_lib.coach.followup` and
:mod:`infoview_lib.coach.unanswered` read them, and makes each :class:`PlannedFollowUp`
with its wording; the helpers here group sent messages by contact and contacts by
organisation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from infoview_lib.coach.calendar import BusinessCalendar, day_words
from infoview_lib.coach.duplicates import organisation_key
from infoview_lib.coach.followup_rules import FollowUpRules
from infoview_lib.coach.text import first_name
from infoview_lib.model import (
    Contact,
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
    InterviewLog,
    Meeting,
    MeetingStatus,
    Outreach,
    OutreachStatus,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class PlannedFollowUp:
    """A step worked out from the records, with when it is due, why, and what it came from.

    ``since`` is the day of the event that started it (the meeting, the last
    unanswered message, the last update); ``meeting_id``, ``outreach_id`` and
    ``referral_name`` say which record or suggested name it is about.
    """

    contact_id: int
    kind: FollowUpKind
    due_on: date
    reason: str
    since: date
    meeting_id: int | None = None
    outreach_id: int | None = None
    referral_name: str = ""


@dataclass(frozen=True, slots=True)
class FollowUpFacts:
    """A student's records, gathered once for planning their follow-ups."""

    today: date
    calendar: BusinessCalendar
    rules: FollowUpRules
    contacts: dict[int, Contact]
    sent: Mapping[int, list[Outreach]]
    meetings: dict[int, list[Meeting]]
    logs: dict[int, InterviewLog]
    handled: dict[tuple[int, FollowUpKind], list[FollowUp]]
    pending: frozenset[tuple[int, FollowUpKind]]

    @classmethod
    def gather(
        cls,
        contacts: Sequence[Contact],
        outreach: Sequence[Outreach],
        meetings: Sequence[Meeting],
        logs: Sequence[InterviewLog],
        follow_ups: Sequence[FollowUp],
        *,
        today: date,
        calendar: BusinessCalendar,
        rules: FollowUpRules,
    ) -> FollowUpFacts:
        by_contact: dict[int, list[Meeting]] = defaultdict(list)
        for meeting in sorted(meetings, key=lambda m: (m.starts_at, record_id(m))):
            by_contact[meeting.contact_id].append(meeting)
        handled: dict[tuple[int, FollowUpKind], list[FollowUp]] = defaultdict(list)
        for follow_up in follow_ups:
            if follow_up.status is not FollowUpStatus.PENDING:
                handled[follow_up.contact_id, follow_up.kind].append(follow_up)
        return cls(
            today=today,
            calendar=calendar,
            rules=rules,
            contacts={record_id(contact): contact for contact in contacts},
            sent=sent_by_contact(outreach),
            meetings=by_contact,
            logs={log.meeting_id: log for log in logs},
            handled=handled,
            pending=frozenset(
                (f.contact_id, f.kind) for f in follow_ups if f.status is FollowUpStatus.PENDING
            ),
        )

    def happened(self, meeting: Meeting) -> bool:
        """Marked done, or still marked as planned but already logged."""
        if meeting.status is MeetingStatus.DONE:
            return True
        return (
            meeting.status is MeetingStatus.SCHEDULED
            and record_id(meeting) in self.logs
            and meeting.starts_at.date() <= self.today
        )

    def unlogged(self, meeting: Meeting) -> bool:
        """Still marked as planned, with no log, and its day is over."""
        return (
            meeting.status is MeetingStatus.SCHEDULED
            and record_id(meeting) not in self.logs
            and meeting.starts_at.date() < self.today
        )

    def handled_since(
        self,
        contact_id: int,
        kind: FollowUpKind,
        since: date,
        *,
        only: FollowUpStatus | None = None,
    ) -> list[date]:
        """The days the student did or skipped (``only`` one of them) such a step since ``since``.

        A done step counts on the day it was done; a skipped one on its due day.
        """
        return sorted(
            day
            for follow_up in self.handled.get((contact_id, kind), ())
            if (day := follow_up.done_on or follow_up.due_on) >= since
            and only in (None, follow_up.status)
        )

    def business_days(self, day: date, n: int) -> date:
        return self.calendar.add_business_days(day, n)

    def step(
        self,
        contact: Contact,
        kind: FollowUpKind,
        wording: str,
        *,
        due: date,
        since: date,
        meeting_id: int | None = None,
        outreach_id: int | None = None,
        referral_name: str = "",
        **words: object,
    ) -> PlannedFollowUp:
        values = {
            "contact_name": contact.name,
            "first_name": first_name(contact.name),
            "due_day": day_words(due),
            "referral_name": referral_name,
            **words,
        }
        return PlannedFollowUp(
            contact_id=record_id(contact),
            kind=kind,
            due_on=due,
            reason=self.rules.steps[wording].format_map(values),
            since=since,
            meeting_id=meeting_id,
            outreach_id=outreach_id,
            referral_name=referral_name,
        )


def record_id(record: Contact | Outreach | Meeting | FollowUp | InterviewLog) -> int:
    """A saved record's id."""
    if record.id is None:
        raise ValueError(f"{record!r} has no id: plan follow-ups from saved records only")
    return record.id


def sent_on(message: Outreach) -> date:
    """The day a sent message was sent."""
    assert message.sent_on is not None  # every sent message has its day (checked on save)
    return message.sent_on


def sent_by_contact(outreach: Iterable[Outreach]) -> dict[int, list[Outreach]]:
    """Sent messages per contact, oldest first."""
    sent: dict[int, list[Outreach]] = defaultdict(list)
    for message in outreach:
        if message.status is OutreachStatus.SENT and message.sent_on is not None:
            sent[message.contact_id].append(message)
    for messages in sent.values():
        messages.sort(key=lambda message: (sent_on(message), record_id(message)))
    return sent


def organisations(contacts: Iterable[Contact]) -> list[list[Contact]]:
    """Contacts grouped by organisation, compared as the outreach plan compares them
    (no case, accents, punctuation or words like "Inc."); one without any is on their own."""
    groups: dict[str | int, list[Contact]] = defaultdict(list)
    keys: dict[str, str] = {}  # many contacts share an organisation: compute each key once
    for contact in contacts:
        name = contact.organisation
        key = keys[name] if name in keys else keys.setdefault(name, organisation_key(name))
        groups[key or record_id(contact)].append(contact)
    return list(groups.values())


def latest_reply(group: list[Contact], sent: Mapping[int, list[Outreach]]) -> date | None:
    replies = [
        message.replied_on
        for contact in group
        for message in sent.get(record_id(contact), ())
        if message.replied_on is not None
    ]
    return max(replies, default=None)


def unanswered_messages(messages: list[Outreach], last_reply: date | None) -> list[Outreach]:
    """The messages no reply has answered: those sent after the organisation's last reply."""
    return [
        message
        for message in messages
        if message.replied_on is None and (last_reply is None or sent_on(message) > last_reply)
    ]
