"""Messages with no reply: one follow-up, a second person at the organisation, then moving on.

Dalton's 3B7 routine over a student's sent messages. A reply from anyone at the same
organisation (compared as the outreach plan compares them) answers every message sent up
to that reply, which cancels these steps.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from infoview_lib.coach.calendar import day_words
from infoview_lib.coach.duplicates import organisation_key
from infoview_lib.coach.followup_facts import (
    FollowUpFacts,
    PlannedFollowUp,
    latest_reply,
    organisations,
    record_id,
    sent_by_contact,
    sent_on,
    unanswered_messages,
)
from infoview_lib.model import (
    Contact,
    FollowUpKind,
    FollowUpStatus,
    MeetingStatus,
    Outreach,
    PipelineStatus,
)

#: The kinds of step a reply from the organisation cancels.
NO_REPLY_KINDS = frozenset(
    {FollowUpKind.SECOND_CONTACT, FollowUpKind.NO_REPLY, FollowUpKind.MOVE_ON}
)


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
    sent = sent_by_contact(outreach)
    answered: set[int] = set()
    for group in organisations(contacts):
        last_reply = latest_reply(group, sent)
        for contact in group:
            messages = sent.get(record_id(contact), [])
            if messages and not unanswered_messages(messages, last_reply):
                answered.add(record_id(contact))
    return frozenset(answered)


@dataclass(frozen=True, slots=True)
class _Waiting:
    """Messages to one person that nobody at their organisation has answered yet."""

    contact: Contact
    first_sent: date
    last_message: date
    messages: int
    first_outreach_id: int
    last_outreach_id: int


def no_reply_steps(facts: FollowUpFacts) -> Iterator[PlannedFollowUp]:
    for group in organisations(facts.contacts.values()):
        last_reply = latest_reply(group, facts.sent)
        waiting = [
            found
            for contact in group
            if (found := _waiting_on(facts, contact, last_reply)) is not None
        ]
        for chain in waiting:
            yield from _nudge_or_move_on(facts, chain)
        if waiting and organisation_key(group[0].organisation):
            yield from _second_contact(facts, group, min(waiting, key=_chain_order))


def _waiting_on(facts: FollowUpFacts, contact: Contact, last_reply: date | None) -> _Waiting | None:
    """The unanswered messages to ``contact``, unless they are no longer worth chasing."""
    contact_id = record_id(contact)
    messages = unanswered_messages(facts.sent.get(contact_id, []), last_reply)
    if not messages or contact.status not in (PipelineStatus.IDENTIFIED, PipelineStatus.CONTACTED):
        return None
    first = sent_on(messages[0])
    if any(
        meeting.status is not MeetingStatus.CANCELLED and meeting.starts_at.date() >= first
        for meeting in facts.meetings.get(contact_id, ())
    ):
        return None  # they answered: a meeting was arranged
    nudges = facts.handled_since(contact_id, FollowUpKind.NO_REPLY, first, only=FollowUpStatus.DONE)
    return _Waiting(
        contact=contact,
        first_sent=first,
        last_message=max([sent_on(messages[-1]), *nudges]),
        messages=len(messages) + len(nudges),
        first_outreach_id=record_id(messages[0]),
        last_outreach_id=record_id(messages[-1]),
    )


def _nudge_or_move_on(facts: FollowUpFacts, chain: _Waiting) -> Iterator[PlannedFollowUp]:
    """The one follow-up to the first person, or, after enough unanswered messages, moving on."""
    timing = facts.rules.timing
    contact_id = record_id(chain.contact)
    last = chain.last_message
    if chain.messages >= timing.stop_after_messages:
        if facts.handled_since(contact_id, FollowUpKind.MOVE_ON, chain.first_sent):
            return
        kind, days = FollowUpKind.MOVE_ON, timing.move_on_business_days
    else:
        skipped = FollowUpStatus.SKIPPED
        if facts.handled_since(contact_id, FollowUpKind.NO_REPLY, last, only=skipped):
            return  # the student chose not to send a follow-up
        kind, days = FollowUpKind.NO_REPLY, timing.follow_up_business_days
    yield facts.step(  # each wording uses its own blanks (STEP_BLANKS) of these
        chain.contact,
        kind,
        kind.value,
        due=facts.business_days(last, days),
        since=last,
        outreach_id=chain.last_outreach_id,
        messages=chain.messages,
        last_day=day_words(last),
        sent_day=day_words(last),
        business_days=days,
    )


def _second_contact(
    facts: FollowUpFacts, group: list[Contact], first: _Waiting
) -> Iterator[PlannedFollowUp]:
    """Reach a second person at the organisation, unless the student already wrote to one."""
    contact_id = record_id(first.contact)
    others_written = any(
        sent_on(message) >= first.first_sent
        for other in group
        if record_id(other) != contact_id
        for message in facts.sent.get(record_id(other), [])
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


def _chain_order(chain: _Waiting) -> tuple[date, int]:
    return chain.first_sent, record_id(chain.contact)
