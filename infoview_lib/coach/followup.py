"""Follow-ups worked out from what happened: thank-yous, nudges, updates and referrals.

The guide's "Follow Up" step and Dalton's 3B7 routine as pure rules over a
student's records. :func:`plan_follow_ups` reads no files and no workbook; its
numbers and wording come from ``data/coaching/follow-up.yaml`` through
:func:`follow_up_rules`, and its business days from
:func:`~infoview_lib.coach.calendar.default_calendar`, unless the caller gives them.

The rules, each a step with a due date and a reason:

- a meeting that happened: a thank-you, card or email, by the next day; a meeting
  still marked as planned after its day (and with no log) asks to be logged instead;
- a message with no reply: after 3 business days, a second person at the same
  organisation; after 7, one follow-up to the first; after 2 unanswered messages
  to one person, stop and mark them as no reply. A reply from anyone at the
  organisation cancels these steps for every message sent up to that reply;
- a contact willing to keep in touch: an update a week after the meeting, then
  a month after the last update;
- a name they suggested that is not a contact yet: add them as a contact.

A step the student already did or skipped (a stored follow-up of the same
contact and kind, on or after what triggered it) is not planned again, and a
step the student already has on their list (a pending follow-up of the same
contact and kind) is left to that list.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from infoview_lib.coach.calendar import BusinessCalendar, add_months, day_words, default_calendar
from infoview_lib.coach.duplicates import organisation_key
from infoview_lib.coach.followup_rules import FollowUpRules, follow_up_rules
from infoview_lib.coach.text import first_name, fold
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
    PipelineStatus,
)

#: The kinds of step a reply from the organisation cancels.
NO_REPLY_KINDS = frozenset(
    {FollowUpKind.SECOND_CONTACT, FollowUpKind.NO_REPLY, FollowUpKind.MOVE_ON}
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


def plan_follow_ups(
    contacts: Iterable[Contact],
    outreach: Iterable[Outreach],
    meetings: Iterable[Meeting],
    logs: Iterable[InterviewLog],
    follow_ups: Iterable[FollowUp],
    *,
    today: date,
    calendar: BusinessCalendar | None = None,
    rules: FollowUpRules | None = None,
) -> list[PlannedFollowUp]:
    """The follow-ups the records call for that are neither done nor on the student's list.

    ``today`` only decides whether a meeting still marked as planned is past;
    steps are listed whether due or not, earliest first.

    >>> from datetime import datetime
    >>> ken = Contact(id=1, name="Ken Sato", organisation="Kestrel Payments")
    >>> met = Meeting(id=1, contact_id=1, starts_at=datetime(2026, 1, 30, 17, 30), status="done")
    >>> log = InterviewLog(meeting_id=1, key_advice="Read the logs.", willing_to_keep_in_touch=True)
    >>> for step in plan_follow_ups([ken], [], [met], [log], [], today=date(2026, 2, 2)):
    ...     print(step.kind.value, step.due_on)
    thank_you 2026-01-31
    keep_in_touch 2026-02-06
    """
    facts = _Facts.gather(
        list(contacts),
        list(outreach),
        list(meetings),
        list(logs),
        list(follow_ups),
        today=today,
        calendar=calendar if calendar is not None else default_calendar(),
        rules=rules if rules is not None else follow_up_rules(),
    )
    steps = [
        *_thank_you_steps(facts),
        *_log_meeting_steps(facts),
        *_no_reply_steps(facts),
        *_keep_in_touch_steps(facts),
        *_referral_steps(facts),
    ]
    kept = [s for s in steps if s.referral_name or (s.contact_id, s.kind) not in facts.pending]
    return sorted(kept, key=_order)


def answered_contacts(contacts: Iterable[Contact], outreach: Iterable[Outreach]) -> frozenset[int]:
    """Contacts every sent message to whom is answered by a reply from their organisation.

    A reply from anyone at the same organisation (compared without case,
    accents, punctuation or words like "Inc.") answers each message sent up to
    the day of that reply, so their no-reply steps are cancelled. A contact with
    no organisation is on their own.

    >>> ana = Contact(id=1, name="Ana Diaz", organisation="Riverside Clinic")
    >>> bo = Contact(id=2, name="Bo Chen", organisation="riverside clinic")
    >>> sent = dict(status="sent", sent_on=date(2026, 3, 2))
    >>> to_ana = Outreach(id=1, contact_id=1, **sent)
    >>> to_bo = Outreach(id=2, contact_id=2, replied_on=date(2026, 3, 4), **sent)
    >>> sorted(answered_contacts([ana, bo], [to_ana, to_bo]))
    [1, 2]
    """
    sent = _sent_by_contact(outreach)
    answered: set[int] = set()
    for group in _organisations(contacts):
        last_reply = _last_reply(group, sent)
        for contact in group:
            messages = sent.get(_id(contact), [])
            if messages and not _waiting(messages, last_reply):
                answered.add(_id(contact))
    return frozenset(answered)


# -- the records, gathered once ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Facts:
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
    ) -> _Facts:
        by_contact: dict[int, list[Meeting]] = defaultdict(list)
        for meeting in sorted(meetings, key=lambda m: (m.starts_at, _id(m))):
            by_contact[meeting.contact_id].append(meeting)
        handled: dict[tuple[int, FollowUpKind], list[FollowUp]] = defaultdict(list)
        for follow_up in follow_ups:
            if follow_up.status is not FollowUpStatus.PENDING:
                handled[follow_up.contact_id, follow_up.kind].append(follow_up)
        return cls(
            today=today,
            calendar=calendar,
            rules=rules,
            contacts={_id(contact): contact for contact in contacts},
            sent=_sent_by_contact(outreach),
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
            and _id(meeting) in self.logs
            and meeting.starts_at.date() <= self.today
        )

    def unlogged(self, meeting: Meeting) -> bool:
        """Still marked as planned, with no log, and its day is over."""
        return (
            meeting.status is MeetingStatus.SCHEDULED
            and _id(meeting) not in self.logs
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
            contact_id=_id(contact),
            kind=kind,
            due_on=due,
            reason=self.rules.steps[wording].format_map(values),
            since=since,
            meeting_id=meeting_id,
            outreach_id=outreach_id,
            referral_name=referral_name,
        )


# -- after a meeting -------------------------------------------------------------------


def _thank_you_steps(facts: _Facts) -> Iterator[PlannedFollowUp]:
    return _after_meeting(facts, FollowUpKind.THANK_YOU, "thank_you", facts.happened)


def _log_meeting_steps(facts: _Facts) -> Iterator[PlannedFollowUp]:
    return _after_meeting(facts, FollowUpKind.LOG_MEETING, "log_meeting", facts.unlogged)


def _after_meeting(
    facts: _Facts, kind: FollowUpKind, step: str, applies: Callable[[Meeting], bool]
) -> Iterator[PlannedFollowUp]:
    """A step due the day after the latest meeting with each contact that ``applies``."""
    for contact_id, meetings in facts.meetings.items():
        contact = facts.contacts.get(contact_id)
        chosen = [meeting for meeting in meetings if applies(meeting)]
        if contact is None or not chosen:
            continue
        meeting = chosen[-1]
        day = meeting.starts_at.date()
        if facts.handled_since(contact_id, kind, day):
            continue
        yield facts.step(
            contact,
            kind,
            step,
            due=day + timedelta(days=facts.rules.timing.thank_you_days),
            since=day,
            meeting_id=meeting.id,
            meeting_day=day_words(day),
        )


def _keep_in_touch_steps(facts: _Facts) -> Iterator[PlannedFollowUp]:
    timing = facts.rules.timing
    for contact_id, meetings in facts.meetings.items():
        contact = facts.contacts.get(contact_id)
        if contact is None or contact.status in (PipelineStatus.DECLINED, PipelineStatus.NO_REPLY):
            continue
        answers = [
            (meeting, log)
            for meeting in meetings
            if facts.happened(meeting)
            and (log := facts.logs.get(_id(meeting))) is not None
            and log.willing_to_keep_in_touch is not None
        ]
        if not answers:
            continue
        meeting, latest = answers[-1]
        if not latest.willing_to_keep_in_touch:
            continue
        day = meeting.starts_at.date()
        updates = facts.handled_since(contact_id, FollowUpKind.KEEP_IN_TOUCH, day)
        if updates:
            last = updates[-1]
            yield facts.step(
                contact,
                FollowUpKind.KEEP_IN_TOUCH,
                "monthly_update",
                due=add_months(last, timing.update_every_months),
                since=last,
                meeting_id=meeting.id,
                last_day=day_words(last),
            )
        else:
            yield facts.step(
                contact,
                FollowUpKind.KEEP_IN_TOUCH,
                "first_update",
                due=day + timedelta(days=timing.first_update_days),
                since=day,
                meeting_id=meeting.id,
                meeting_day=day_words(day),
            )


def split_referral(text: str) -> tuple[str, str]:
    """A referral as typed in a log: the person's name, and any note in brackets after it.

    >>> split_referral("Tomás Rivera (city epidemiologist)")
    ('Tomás Rivera', 'city epidemiologist')
    >>> split_referral("  Dr. Lena Park ")
    ('Dr. Lena Park', '')
    """
    name, _, note = text.partition("(")
    return " ".join(name.split()), note.rstrip().removesuffix(")").strip()


def _referral_steps(facts: _Facts) -> Iterator[PlannedFollowUp]:
    added = {
        (contact.referred_by, fold(contact.name))
        for contact in facts.contacts.values()
        if contact.referred_by is not None
    }
    for contact_id, meetings in facts.meetings.items():
        contact = facts.contacts.get(contact_id)
        if contact is None:
            continue
        seen: set[str] = set()
        for meeting in meetings:
            log = facts.logs.get(_id(meeting))
            if log is None or not facts.happened(meeting):
                continue
            day = meeting.starts_at.date()
            for typed in log.referrals:
                name = split_referral(typed)[0]
                key = fold(name)
                if key in seen or (contact_id, key) in added:
                    continue
                seen.add(key)
                yield facts.step(
                    contact,
                    FollowUpKind.REFERRAL,
                    "add_referral",
                    due=facts.business_days(day, facts.rules.timing.referral_business_days),
                    since=day,
                    meeting_id=meeting.id,
                    referral_name=name,
                    meeting_day=day_words(day),
                )


# -- messages with no reply ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Waiting:
    """Messages to one person that nobody at their organisation has answered yet."""

    contact: Contact
    first_sent: date
    last_message: date
    messages: int
    first_outreach_id: int
    last_outreach_id: int


def _no_reply_steps(facts: _Facts) -> Iterator[PlannedFollowUp]:
    for group in _organisations(facts.contacts.values()):
        last_reply = _last_reply(group, facts.sent)
        waiting = [
            found
            for contact in group
            if (found := _waiting_on(facts, contact, last_reply)) is not None
        ]
        for chain in waiting:
            yield from _nudge_or_move_on(facts, chain)
        if waiting and organisation_key(group[0].organisation):
            yield from _second_contact(facts, group, min(waiting, key=_chain_order))


def _waiting_on(facts: _Facts, contact: Contact, last_reply: date | None) -> _Waiting | None:
    """The unanswered messages to ``contact``, unless they are no longer worth chasing."""
    contact_id = _id(contact)
    messages = _waiting(facts.sent.get(contact_id, []), last_reply)
    if not messages or contact.status not in (PipelineStatus.IDENTIFIED, PipelineStatus.CONTACTED):
        return None
    first = _sent_on(messages[0])
    if any(
        meeting.status is not MeetingStatus.CANCELLED and meeting.starts_at.date() >= first
        for meeting in facts.meetings.get(contact_id, ())
    ):
        return None  # they answered: a meeting was arranged
    nudges = facts.handled_since(contact_id, FollowUpKind.NO_REPLY, first, only=FollowUpStatus.DONE)
    return _Waiting(
        contact=contact,
        first_sent=first,
        last_message=max([_sent_on(messages[-1]), *nudges]),
        messages=len(messages) + len(nudges),
        first_outreach_id=_id(messages[0]),
        last_outreach_id=_id(messages[-1]),
    )


def _nudge_or_move_on(facts: _Facts, chain: _Waiting) -> Iterator[PlannedFollowUp]:
    timing = facts.rules.timing
    contact_id = _id(chain.contact)
    if chain.messages >= timing.stop_after_messages:
        if facts.handled_since(contact_id, FollowUpKind.MOVE_ON, chain.first_sent):
            return
        yield facts.step(
            chain.contact,
            FollowUpKind.MOVE_ON,
            "move_on",
            due=facts.business_days(chain.last_message, timing.move_on_business_days),
            since=chain.last_message,
            outreach_id=chain.last_outreach_id,
            messages=chain.messages,
            last_day=day_words(chain.last_message),
        )
        return
    if facts.handled_since(
        contact_id, FollowUpKind.NO_REPLY, chain.last_message, only=FollowUpStatus.SKIPPED
    ):
        return  # the student chose not to send a follow-up
    yield facts.step(
        chain.contact,
        FollowUpKind.NO_REPLY,
        "no_reply",
        due=facts.business_days(chain.last_message, timing.follow_up_business_days),
        since=chain.last_message,
        outreach_id=chain.last_outreach_id,
        sent_day=day_words(chain.last_message),
        business_days=timing.follow_up_business_days,
    )


def _second_contact(
    facts: _Facts, group: list[Contact], first: _Waiting
) -> Iterator[PlannedFollowUp]:
    """Reach a second person at the organisation, unless the student already wrote to one."""
    contact_id = _id(first.contact)
    others_written = any(
        _sent_on(message) >= first.first_sent
        for other in group
        if _id(other) != contact_id
        for message in facts.sent.get(_id(other), [])
    )
    if others_written or facts.handled_since(
        contact_id, FollowUpKind.SECOND_CONTACT, first.first_sent
    ):
        return
    days = facts.rules.timing.second_contact_business_days
    yield facts.step(
        first.contact,
        FollowUpKind.SECOND_CONTACT,
        "second_contact",
        due=facts.business_days(first.first_sent, days),
        since=first.first_sent,
        outreach_id=first.first_outreach_id,
        organisation=first.contact.organisation,
        sent_day=day_words(first.first_sent),
        business_days=days,
    )


# -- helpers ---------------------------------------------------------------------------


def _id(record: Contact | Outreach | Meeting | FollowUp | InterviewLog) -> int:
    if record.id is None:
        raise ValueError(f"{record!r} has no id: plan follow-ups from saved records only")
    return record.id


def _sent_on(message: Outreach) -> date:
    assert message.sent_on is not None  # every sent message has its day (checked on save)
    return message.sent_on


def _sent_by_contact(outreach: Iterable[Outreach]) -> dict[int, list[Outreach]]:
    """Sent messages per contact, oldest first."""
    sent: dict[int, list[Outreach]] = defaultdict(list)
    for message in outreach:
        if message.status is OutreachStatus.SENT and message.sent_on is not None:
            sent[message.contact_id].append(message)
    for messages in sent.values():
        messages.sort(key=lambda message: (_sent_on(message), _id(message)))
    return sent


def _organisations(contacts: Iterable[Contact]) -> list[list[Contact]]:
    """Contacts grouped by organisation, compared as the outreach plan compares them
    (no case, accents, punctuation or words like "Inc."); one without any is on their own."""
    groups: dict[str | int, list[Contact]] = defaultdict(list)
    keys: dict[str, str] = {}  # many contacts share an organisation: compute each key once
    for contact in contacts:
        name = contact.organisation
        key = keys[name] if name in keys else keys.setdefault(name, organisation_key(name))
        groups[key or _id(contact)].append(contact)
    return list(groups.values())


def _last_reply(group: list[Contact], sent: Mapping[int, list[Outreach]]) -> date | None:
    replies = [
        message.replied_on
        for contact in group
        for message in sent.get(_id(contact), ())
        if message.replied_on is not None
    ]
    return max(replies, default=None)


def _waiting(messages: list[Outreach], last_reply: date | None) -> list[Outreach]:
    """The messages no reply has answered: those sent after the organisation's last reply."""
    return [
        message
        for message in messages
        if message.replied_on is None and (last_reply is None or _sent_on(message) > last_reply)
    ]


def _chain_order(chain: _Waiting) -> tuple[date, int]:
    return chain.first_sent, _id(chain.contact)


def _order(step: PlannedFollowUp) -> tuple[date, int, str, str]:
    return step.due_on, step.contact_id, step.kind.value, fold(step.referral_name)
