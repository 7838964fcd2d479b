"""What to do now: the follow-ups on the student's list and those their records call for.

The one coach module that reads a workbook. It reads every record it needs in
one snapshot, lets :func:`~infoview_lib.coach.followup.plan_follow_ups` work
out the steps, and merges them with the pending follow-ups the student stored,
never listing the same thing twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from infoview_lib.coach.calendar import BusinessCalendar, day_words
from infoview_lib.coach.followup import (
    NO_REPLY_KINDS,
    FollowUpRules,
    PlannedFollowUp,
    answered_contacts,
    follow_up_rules,
    plan_follow_ups,
)
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
    PipelineStatus,
)
from infoview_lib.store import Workbook


@dataclass(frozen=True, slots=True, kw_only=True)
class Action:
    """One thing to do for a contact, when, and why.

    ``follow_up_id`` is the stored follow-up's id, or ``None`` for a step the
    workbook worked out; ``meeting_id`` and ``referral_name`` say which meeting
    and which suggested person a worked-out step is about.
    ``days_late`` is negative while there is time left.

    >>> Action(contact_id=1, contact_name="Ken Sato", kind=FollowUpKind.THANK_YOU,
    ...        due_on=date(2026, 3, 13), days_late=3, reason="").overdue
    True
    """

    contact_id: int
    contact_name: str
    kind: FollowUpKind
    due_on: date
    days_late: int
    reason: str
    follow_up_id: int | None = None
    meeting_id: int | None = None
    referral_name: str = ""

    @property
    def overdue(self) -> bool:
        """Whether its due day has passed."""
        return self.days_late > 0


def next_actions(
    workbook: Workbook, today: date, *, calendar: BusinessCalendar | None = None
) -> list[Action]:
    """Everything still to do, overdue first (most overdue first), then by due day and name.

    Done and skipped follow-ups are left out, and so are stored no-reply
    reminders that a reply from the organisation has made pointless.

    >>> import tempfile, pathlib
    >>> from datetime import datetime
    >>> from infoview_lib.model import StudentProfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with Workbook.create(folder / "ana.infoview", StudentProfile(name="Ana Lima")) as book:
    ...     ken = book.add(Contact(name="Ken Sato"))
    ...     met = Meeting(contact_id=ken.id, starts_at=datetime(2026, 3, 12, 10), status="done")
    ...     _ = book.add(met)
    ...     [(a.kind.value, a.due_on, a.days_late) for a in next_actions(book, date(2026, 3, 16))]
    [('thank_you', datetime.date(2026, 3, 13), 3)]
    """
    with workbook.snapshot():
        contacts = workbook.all(Contact)
        outreach = workbook.all(Outreach)
        meetings = workbook.all(Meeting)
        logs = workbook.all(InterviewLog)
        follow_ups = workbook.all(FollowUp)
    rules = follow_up_rules()
    planned = plan_follow_ups(
        contacts, outreach, meetings, logs, follow_ups, today=today, calendar=calendar, rules=rules
    )
    names = {contact.id: contact.name for contact in contacts if contact.id is not None}
    referrers = {
        contact.id: names[contact.referred_by]
        for contact in contacts
        if contact.id is not None and contact.referred_by in names
    }
    answered = answered_contacts(contacts, outreach) | _moved_on(contacts, meetings)
    stored = _still_useful(follow_ups, answered)
    actions = [
        *(_from_stored(item, names, referrers, rules, today) for item in stored),
        *(_from_planned(step, names, today) for step in planned),
    ]
    return sorted(actions, key=_order)


def _moved_on(contacts: Iterable[Contact], meetings: Iterable[Meeting]) -> frozenset[int]:
    """Contacts no longer waited on: past "contacted", or with a meeting arranged."""
    waiting = {PipelineStatus.IDENTIFIED, PipelineStatus.CONTACTED}
    moved = {contact.id for contact in contacts if contact.status not in waiting}
    moved |= {m.contact_id for m in meetings if m.status is MeetingStatus.SCHEDULED}
    return frozenset(contact_id for contact_id in moved if contact_id is not None)


def _still_useful(follow_ups: Iterable[FollowUp], answered: frozenset[int]) -> list[FollowUp]:
    return [
        item
        for item in follow_ups
        if item.status is FollowUpStatus.PENDING
        and not (item.kind in NO_REPLY_KINDS and item.contact_id in answered)
    ]


def _from_stored(
    item: FollowUp,
    names: Mapping[int, str],
    referrers: Mapping[int, str],
    rules: FollowUpRules,
    today: date,
) -> Action:
    name = names[item.contact_id]
    reason = rules.planned[item.kind.value].format_map(
        {
            "contact_name": name,
            "first_name": first_name(name),
            "due_day": day_words(item.due_on),
            "referrer_name": referrers.get(item.contact_id, rules.placeholders["referrer_name"]),
        }
    )
    if item.note:
        reason += " " + rules.planned["note"].format_map({"note": item.note})
    return Action(
        contact_id=item.contact_id,
        contact_name=name,
        kind=item.kind,
        due_on=item.due_on,
        days_late=(today - item.due_on).days,
        reason=reason,
        follow_up_id=item.id,
    )


def _from_planned(step: PlannedFollowUp, names: Mapping[int, str], today: date) -> Action:
    return Action(
        contact_id=step.contact_id,
        contact_name=names[step.contact_id],
        kind=step.kind,
        due_on=step.due_on,
        days_late=(today - step.due_on).days,
        reason=step.reason,
        meeting_id=step.meeting_id,
        referral_name=step.referral_name,
    )


def _order(action: Action) -> tuple[date, str, str, int, str]:
    # The earliest due day first is the most overdue first, then what is due soonest.
    return (
        action.due_on,
        fold(action.contact_name),
        action.kind.value,
        action.follow_up_id or 0,
        fold(action.referral_name),
    )
