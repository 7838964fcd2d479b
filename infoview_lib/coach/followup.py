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

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date, timedelta

from infoview_lib.coach.calendar import BusinessCalendar, add_months, day_words, default_calendar
from infoview_lib.coach.followup_facts import FollowUpFacts, PlannedFollowUp, record_id
from infoview_lib.coach.followup_rules import FollowUpRules, follow_up_rules
from infoview_lib.coach.text import fold
from infoview_lib.coach.unanswered import NO_REPLY_KINDS, answered_contacts, no_reply_steps
from infoview_lib.model import (
    Contact,
    FollowUp,
    FollowUpKind,
    InterviewLog,
    Meeting,
    Outreach,
    PipelineStatus,
)

__all__ = [
    "NO_REPLY_KINDS",
    "PlannedFollowUp",
    "answered_contacts",
    "plan_follow_ups",
    "referral_text",
    "split_referral",
]


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
    facts = FollowUpFacts.gather(
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
        *no_reply_steps(facts),
        *_keep_in_touch_steps(facts),
        *_referral_steps(facts),
    ]
    kept = [s for s in steps if s.referral_name or (s.contact_id, s.kind) not in facts.pending]
    return sorted(kept, key=_order)


# -- after a meeting -------------------------------------------------------------------


def _thank_you_steps(facts: FollowUpFacts) -> Iterator[PlannedFollowUp]:
    return _after_meeting(facts, FollowUpKind.THANK_YOU, "thank_you", facts.happened)


def _log_meeting_steps(facts: FollowUpFacts) -> Iterator[PlannedFollowUp]:
    return _after_meeting(facts, FollowUpKind.LOG_MEETING, "log_meeting", facts.unlogged)


def _after_meeting(
    facts: FollowUpFacts, kind: FollowUpKind, step: str, applies: Callable[[Meeting], bool]
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


def _keep_in_touch_steps(facts: FollowUpFacts) -> Iterator[PlannedFollowUp]:
    timing = facts.rules.timing
    for contact_id, meetings in facts.meetings.items():
        contact = facts.contacts.get(contact_id)
        if contact is None or contact.status in (PipelineStatus.DECLINED, PipelineStatus.NO_REPLY):
            continue
        answers = [
            (meeting, log)
            for meeting in meetings
            if facts.happened(meeting)
            and (log := facts.logs.get(record_id(meeting))) is not None
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


#: A note in brackets at the end of a typed name, after a space: "Priya Raman (CDC)".
_TRAILING_NOTE = re.compile(r"^(?P<name>.*?\S)\s+\((?P<note>[^()]*)\)$")


def referral_text(text: str) -> str:
    """A referral as typed in a log, whole, on one line: what the student is shown.

    >>> referral_text('  Priya  Raman (CDC) ')
    'Priya Raman (CDC)'
    """
    return " ".join(text.split())


def split_referral(text: str) -> tuple[str, str]:
    """A referral as typed in a log: the person's name, and a note in brackets at its end.

    Only a bracketed note that ends the text, after a space, is taken off; any other
    bracket or quote is part of the name, which is never cut short.

    >>> split_referral("Tomás Rivera (city epidemiologist)")
    ('Tomás Rivera', 'city epidemiologist')
    >>> split_referral("  Dr. Lena Park ")
    ('Dr. Lena Park', '')
    >>> split_referral('=HYPERLINK("http://x.example")')
    ('=HYPERLINK("http://x.example")', '')
    >>> split_referral('Anne "Nan" (Lee) Okafor')
    ('Anne "Nan" (Lee) Okafor', '')
    """
    typed = referral_text(text)
    found = _TRAILING_NOTE.match(typed)
    if found is None or not found["note"].strip():
        return typed, ""
    return found["name"], found["note"].strip()


def _referral_steps(facts: FollowUpFacts) -> Iterator[PlannedFollowUp]:
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
            log = facts.logs.get(record_id(meeting))
            if log is None or not facts.happened(meeting):
                continue
            day = meeting.starts_at.date()
            for typed in log.referrals:
                name = referral_text(typed)  # shown whole: the note too, if any
                key = fold(split_referral(typed)[0])
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


def _order(step: PlannedFollowUp) -> tuple[date, int, str, str]:
    return step.due_on, step.contact_id, step.kind.value, fold(step.referral_name)
