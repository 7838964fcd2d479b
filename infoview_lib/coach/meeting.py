"""The meeting: the guide's "Be Professional" and "Bring" as a checklist, and readiness in time.

Some items are worked out from the workbook (research notes, the question
check, the student's email); the rest are ticked by the student and stored in
``Meeting.checklist``. Wording, the items, and the timing thresholds are in
``data/coaching/meeting.yaml``. Times are the caller's (local, without a time
zone, like the meeting's); nothing here reads the clock.

>>> from datetime import datetime
>>> from infoview_lib.model import Contact, Meeting, StudentProfile
>>> wei = Contact(id=1, name="Wei Ng")
>>> coffee = Meeting(contact_id=1, starts_at=datetime(2026, 3, 17, 14, 0))
>>> check = meeting_readiness(coffee, wei, StudentProfile(name="Ana Lima"), [], None,
...                           now=datetime(2026, 3, 16, 9, 0))
>>> check.ready, [finding.rule for finding in check.findings]
(False, ['confirm_today', 'not_ready_soon'])
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from infoview_lib.coach.duplicates import organisation_key
from infoview_lib.coach.findings import Finding, ordered
from infoview_lib.coach.meeting_rules import (
    RULES,
    ChecklistItem,
    MeetingRules,
    When,
    meeting_rules,
)
from infoview_lib.model import (
    Contact,
    Meeting,
    MeetingFormat,
    MeetingStatus,
    ResearchNote,
    StudentProfile,
)

__all__ = [
    "CONFIRM",
    "CONTACT_INFO",
    "QUESTIONS",
    "RESEARCH",
    "RULES",
    "ChecklistItem",
    "ItemState",
    "Readiness",
    "ReadinessItem",
    "When",
    "has_research",
    "meeting_checklist",
    "meeting_readiness",
]

CONFIRM = "confirm_day_before"
RESEARCH = "research_done"
QUESTIONS = "questions_ready"
CONTACT_INFO = "contact_info"


class ItemState(StrEnum):
    """Where an item stands: ticked, still to do, or worked out from the workbook."""

    DONE = "done"
    TO_DO = "to_do"
    COMPUTED = "computed"


@dataclass(frozen=True, slots=True)
class ReadinessItem:
    """A checklist item and where it stands for one meeting."""

    item: ChecklistItem
    state: ItemState

    @property
    def done(self) -> bool:
        """Whether the item is ticked or worked out as done."""
        return self.state is not ItemState.TO_DO


@dataclass(frozen=True, slots=True)
class Readiness:
    """How ready the student is for a meeting.

    ``applies`` is false for a meeting that is done, cancelled or past; then
    ``ready`` is false too and the one finding says why.
    """

    items: tuple[ReadinessItem, ...]
    applies: bool
    ready: bool
    findings: tuple[Finding, ...]


# -- the checklist -------------------------------------------------------------------------


def meeting_checklist(kind: MeetingFormat | str | None = None) -> tuple[ChecklistItem, ...]:
    """The checklist items, in order: all of them, or those for one kind of meeting.

    >>> [item.id for item in meeting_checklist()][:3]
    ['confirm_day_before', 'on_time', 'dress_professionally']
    >>> "offer_to_pay" in [item.id for item in meeting_checklist("video")]
    False
    """
    items = meeting_rules().checklist
    if kind is None:
        return items
    wanted = MeetingFormat(kind)
    return tuple(item for item in items if wanted in item.formats)


def has_research(contact: Contact, notes: Iterable[ResearchNote]) -> bool:
    """Whether a research note is about the contact, or about their organisation.

    >>> from infoview_lib.model import Contact, ResearchNote
    >>> note = ResearchNote(organisation="St Brendan's Hospital", text="Level 1 trauma centre.")
    >>> has_research(Contact(id=4, name="Aoife", organisation="St. Brendans Hospital"), [note])
    True
    """
    organisation = organisation_key(contact.organisation)
    return any(
        (contact.id is not None and note.contact_id == contact.id)
        or (bool(organisation) and organisation_key(note.organisation) == organisation)
        for note in notes
    )


def _state(item: ChecklistItem, ticked: bool, known: dict[str, bool | None]) -> ItemState:
    """Worked out from the workbook where it can be, else as ticked.

    A question check that did not pass keeps its item to do, even if ticked.
    """
    found = known.get(item.id)
    if found:
        return ItemState.COMPUTED
    if item.id == QUESTIONS and found is False:
        return ItemState.TO_DO
    return ItemState.DONE if ticked else ItemState.TO_DO


# -- timing --------------------------------------------------------------------------------


def _moment_values(at: datetime, rules: MeetingRules) -> dict[str, str]:
    return {
        "weekday": rules.weekdays[at.weekday()],
        "day": str(at.day),
        "month": rules.months[at.month - 1],
        "time": f"{at:%H:%M}",
    }


def _moment(at: datetime, days: int, rules: MeetingRules) -> str:
    """The meeting's day and time as a student says it: today, tomorrow, or the date."""
    key = {0: "today", 1: "tomorrow"}.get(days, "later")
    return rules.moments[key].format(**_moment_values(at, rules))


def _stopped(
    meeting: Meeting, values: dict[str, str], now: datetime, rules: MeetingRules
) -> Finding | None:
    """Why getting ready no longer applies, if it does not."""
    if meeting.status is MeetingStatus.DONE:
        return rules.rules["meeting_done"].finding(**values)
    if meeting.status is MeetingStatus.CANCELLED:
        return rules.rules["meeting_cancelled"].finding(**values)
    if now >= meeting.starts_at:
        return rules.rules["meeting_past"].finding(**values)
    return None


def _confirm(
    meeting: Meeting,
    items: dict[str, ReadinessItem],
    days: int,
    values: dict[str, str],
    rules: MeetingRules,
) -> Finding | None:
    """Confirming the day before: now, today, or on which day."""
    confirm = items.get(CONFIRM)
    if confirm is None or confirm.done:
        return None
    if days <= 0:
        return rules.rules["confirm_now"].finding(time=f"{meeting.starts_at:%H:%M}", **values)
    if days == 1:
        return rules.rules["confirm_today"].finding(**values)
    day_before = meeting.starts_at - timedelta(days=1)
    day = rules.moments["date"].format(**_moment_values(day_before, rules))
    return rules.rules["confirm_on"].finding(day=day, **values)


def _in_sentence(label: str) -> str:
    """A label inside a sentence: "Pack paper and a pen" becomes "pack paper and a pen"."""
    return label[:1].lower() + label[1:] if label[1:2].islower() else label


def _progress(
    items: dict[str, ReadinessItem], days: int, values: dict[str, str], rules: MeetingRules
) -> Finding | None:
    """What is still to do before the meeting, or that all is done.

    Confirming is left to :func:`_confirm`, which says when to do it.
    """
    before = [entry for entry in items.values() if entry.item.when is When.BEFORE]
    to_do = [entry for entry in before if not entry.done and entry.item.id != CONFIRM]
    if not all(entry.done for entry in before) and not to_do:
        return None
    if to_do:
        rule = "not_ready_soon" if days <= rules.soon_days else "still_to_do"
        listed = "; ".join(_in_sentence(entry.item.label) for entry in to_do)
        return rules.rules[rule].finding(items=listed, count=len(to_do), **values)
    at_meeting = [entry for entry in items.values() if entry.item.when is When.AT_MEETING]
    reminders = "; ".join(_in_sentence(entry.item.label) for entry in at_meeting)
    return rules.rules["ready"].finding(reminders=reminders, **values)


def meeting_readiness(
    meeting: Meeting,
    contact: Contact,
    profile: StudentProfile,
    research_notes: Iterable[ResearchNote],
    questions_ready: bool | None,
    *,
    now: datetime,
) -> Readiness:
    """How ready the student is for ``meeting`` with ``contact`` at the moment ``now``.

    ``questions_ready`` is the question check's verdict, or ``None`` when the
    caller has none (then the student's tick counts). ``now`` is local time
    without a time zone, like the meeting's.

    >>> from datetime import datetime
    >>> from infoview_lib.model import Contact, Meeting, StudentProfile
    >>> me = StudentProfile(name="Ana Lima", email="ana@example.edu")
    >>> done = ("confirm_day_before", "dress_professionally", "research_done", "paper_and_pen")
    >>> coffee = Meeting(contact_id=1, starts_at=datetime(2026, 3, 17, 14, 0), checklist=done)
    >>> check = meeting_readiness(coffee, Contact(id=1, name="Wei Ng"), me, [], True,
    ...                           now=datetime(2026, 3, 16, 9, 0))
    >>> check.ready, check.findings[0].message
    (True, 'You are ready for your meeting with Wei Ng (tomorrow at 14:00).')
    """
    if now.tzinfo is not None:
        raise ValueError("now must be local time without a time zone, like the meeting's.")
    if contact.id is not None and meeting.contact_id != contact.id:
        raise ValueError(f"The meeting is with contact {meeting.contact_id}, not {contact.id}.")
    rules = meeting_rules()
    known = {
        RESEARCH: has_research(contact, research_notes),
        QUESTIONS: questions_ready,
        CONTACT_INFO: bool(profile.email),
    }
    items = {
        item.id: ReadinessItem(item, _state(item, item.id in meeting.checklist, known))
        for item in meeting_checklist(meeting.format)
    }
    days = (meeting.starts_at.date() - now.date()).days
    values = {"name": contact.name, "when": _moment(meeting.starts_at, days, rules)}
    stopped = _stopped(meeting, values, now, rules)
    if stopped is not None:
        return Readiness(tuple(items.values()), False, False, (stopped,))
    findings = [
        _confirm(meeting, items, days, values, rules),
        _progress(items, days, values, rules),
    ]
    if meeting.planned_minutes > rules.longest_minutes:
        findings.append(
            rules.rules["long_meeting"].finding(
                minutes=meeting.planned_minutes, longest=rules.longest_minutes, **values
            )
        )
    ready = all(entry.done for entry in items.values() if entry.item.when is When.BEFORE)
    return Readiness(
        tuple(items.values()),
        True,
        ready,
        ordered(finding for finding in findings if finding is not None),
    )
