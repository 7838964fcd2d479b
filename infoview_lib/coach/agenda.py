"""What to do now: the follow-ups on the student's list and those their records call for.

The one coach module that reads a workbook. It reads every record it needs in
one snapshot, lets :func:`~infoview_lib.coach.followup.plan_follow_ups` work
out the steps, and merges them with the pending follow-ups the student stored,
never listing the same thing twice.

:func:`suggested_steps` adds the coaching steps that have no due day (write a
first message, send or revise a draft): a pure function over the records, its
wording and limit in ``data/coaching/next-steps.yaml``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from infoview_lib.coach.calendar import BusinessCalendar, day_words
from infoview_lib.coach.findings import Severity
from infoview_lib.coach.followup import (
    NO_REPLY_KINDS,
    PlannedFollowUp,
    answered_contacts,
    plan_follow_ups,
)
from infoview_lib.coach.followup_rules import FollowUpRules, follow_up_rules
from infoview_lib.coach.kinds import Section, Whole, Wordings
from infoview_lib.coach.outreach import OutreachContext, OutreachReport, check_outreach
from infoview_lib.coach.schema import entry, schema_loader
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
    Priority,
    StudentProfile,
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
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "ana.infoview"
    >>> book = Workbook.create(path, StudentProfile(name="Ana Lima"))
    >>> ken = book.add(Contact(name="Ken Sato"))
    >>> _ = book.add(Meeting(contact_id=ken.id, starts_at=datetime(2026, 3, 12, 10), status="done"))
    >>> [(a.kind.value, a.due_on, a.days_late) for a in next_actions(book, date(2026, 3, 16))]
    [('thank_you', datetime.date(2026, 3, 13), 3)]
    >>> book.close()
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


# -- coaching steps with no due day -------------------------------------------------------------

#: The coaching file holding the undated steps' wording and limit.
STEPS_FILE = "next-steps.yaml"
#: The undated steps, in the order they are suggested.
STEP_KINDS: tuple[str, ...] = ("send_draft", "revise_draft", "first_message")
#: The blanks each step's wording may use.
STEP_BLANKS: Mapping[str, tuple[str, ...]] = {
    "send_draft": ("contact_name", "channel"),
    "revise_draft": ("contact_name", "channel", "problems"),
    "first_message": ("contact_name", "priority"),
    "more_contacts": ("more", "shown"),
}
#: What each step's own blanks hold.
STEP_MEANINGS: Mapping[str, str] = {
    "send_draft": "`{channel}` (Email, LinkedIn, ...)",
    "revise_draft": "`{problems}` (how many problems the Ally check found)",
    "first_message": "`{priority}` (high, medium, low)",
    "more_contacts": "`{more}` (identified contacts left over), `{shown}` (how many are suggested)",
}
_PRIORITY_RANK = {Priority.HIGH: 0, Priority.MEDIUM: 1, Priority.LOW: 2}
#: Contacts no longer worth a message or a draft.
_CLOSED = frozenset({PipelineStatus.DECLINED, PipelineStatus.NO_REPLY})


@dataclass(frozen=True, slots=True)
class StepLimits:
    """The numbers in ``next-steps.yaml``."""

    first_message_contacts: int = field(
        metadata=entry(
            Whole(1),
            "identified contacts, best priority first, that a first message is suggested for",
        )
    )


@dataclass(frozen=True, slots=True)
class StepRules:
    """Everything ``next-steps.yaml`` holds, checked."""

    limits: StepLimits = field(metadata=entry(Section(StepLimits, closed=True), "the numbers"))
    labels: Mapping[str, str] = field(
        metadata=entry(
            Wordings(dict.fromkeys(STEP_KINDS, ()), squash=True),
            "the step's name as the report shows it",
        )
    )
    steps: Mapping[str, str] = field(
        metadata=entry(
            Wordings(STEP_BLANKS, squash=True, meanings=STEP_MEANINGS), "why each step is suggested"
        )
    )

    @property
    def first_message_contacts(self) -> int:
        """How many contacts a first message is suggested for."""
        return self.limits.first_message_contacts


#: The undated steps' rules in use, read once per data folder.
step_rules = schema_loader(StepRules, STEPS_FILE, closed=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class SuggestedStep:
    """A coaching step with no due day: ``kind`` is one of :data:`STEP_KINDS`.

    ``label`` names the step in words; ``outreach_id`` is the draft a draft step is about.
    """

    kind: str
    label: str
    contact_id: int
    contact_name: str
    reason: str
    outreach_id: int | None = None


def check_message(message: Outreach, contact: Contact, profile: StudentProfile) -> OutreachReport:
    """The Ally check on a stored message."""
    return check_outreach(
        message.body,
        channel=message.channel,
        subject=message.subject or None,
        context=OutreachContext.of(contact, profile),
    )


def suggested_steps(
    contacts: Iterable[Contact],
    outreach: Iterable[Outreach],
    profile: StudentProfile,
    *,
    dated: Collection[int] = (),
    checks: Mapping[int, OutreachReport] | None = None,
    rules: StepRules | None = None,
) -> list[SuggestedStep]:
    """The undated coaching steps the records call for: send, revise, write a first message.

    Drafts come first (those ready to send, then those to revise), then a first
    message to the best few "identified" contacts with no message at all, high
    priority first, then by name. Contacts in ``dated`` (those a dated next action
    is about already) get no first-message step; contacts who declined or never
    replied get no step. ``checks`` are Ally checks already made, by message id.

    >>> ana = StudentProfile(name="Ana Lima")
    >>> people = [Contact(id=1, name="Ken Sato"), Contact(id=2, name="Mia Roy", priority="high")]
    >>> [(s.label, s.contact_name) for s in suggested_steps(people, [], ana)]
    [('Write a first message', 'Mia Roy'), ('Write a first message', 'Ken Sato')]
    """
    rules = rules or step_rules()
    people = {contact.id: contact for contact in contacts if contact.id is not None}
    messages = list(outreach)
    steps: dict[str, list[SuggestedStep]] = {kind: [] for kind in STEP_KINDS}
    for message in messages:
        contact = people.get(message.contact_id)
        if message.status is not OutreachStatus.DRAFT or contact is None:
            continue
        if contact.status in _CLOSED:
            continue
        known = checks.get(message.id) if checks and message.id is not None else None
        checked = known or check_message(message, contact, profile)
        kind = "send_draft" if checked.verdict == "ready" else "revise_draft"
        problems = sum(f.severity is Severity.PROBLEM for f in checked.findings)
        reason = rules.steps[kind].format_map(
            {"contact_name": contact.name, "channel": message.channel.label, "problems": problems}
        )
        steps[kind].append(_step(kind, contact, reason, rules, message.id))
    written = {message.contact_id for message in messages}
    waiting = sorted(
        (
            contact
            for contact in people.values()
            if contact.status is PipelineStatus.IDENTIFIED
            and contact.id not in written
            and contact.id not in dated
        ),
        key=lambda c: (_PRIORITY_RANK.get(c.priority, 1), fold(c.name), c.id or 0),
    )
    chosen = waiting[: rules.first_message_contacts]
    for index, contact in enumerate(chosen):
        reason = rules.steps["first_message"].format_map(
            {"contact_name": contact.name, "priority": contact.priority.label.lower()}
        )
        if index == len(chosen) - 1 and len(waiting) > len(chosen):
            reason += " " + rules.steps["more_contacts"].format_map(
                {"more": len(waiting) - len(chosen), "shown": len(chosen)}
            )
        steps["first_message"].append(_step("first_message", contact, reason, rules))
    for kind in ("send_draft", "revise_draft"):
        steps[kind].sort(key=lambda s: (fold(s.contact_name), s.outreach_id or 0))
    return [step for kind in STEP_KINDS for step in steps[kind]]


def _step(
    kind: str, contact: Contact, reason: str, rules: StepRules, outreach_id: int | None = None
) -> SuggestedStep:
    assert contact.id is not None
    return SuggestedStep(
        kind=kind,
        label=rules.labels[kind],
        contact_id=contact.id,
        contact_name=contact.name,
        reason=reason,
        outreach_id=outreach_id,
    )
