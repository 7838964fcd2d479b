"""What an advisor's report on one student holds, as plain data: its sections, in the
order they are shown, and a row per contact, message, question set, meeting, follow-up
and next action (:class:`StudentReport`; :func:`~infoview_lib.reports.content.build_report`
makes one from a workbook)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from infoview_lib.errors import InfoviewError
from infoview_lib.model import PipelineStatus

#: The sections of a report, in the order they are shown.
SECTIONS: tuple[str, ...] = (
    "progress",
    "contacts",
    "outreach",
    "questions",
    "meetings",
    "follow_ups",
    "next_actions",
    "advisor_notes",
)


class UnknownSection(InfoviewError, ValueError):
    """A report section name that is none of :data:`SECTIONS`."""


@dataclass(frozen=True, slots=True)
class ContactRow:
    """A contact as the report lists it; ``score`` ranks whom to approach first."""

    name: str
    organisation: str
    category: str
    status: PipelineStatus
    priority: str
    score: int
    reason: str


@dataclass(frozen=True, slots=True)
class OutreachRow:
    """A message and its Ally check: ``verdict`` is "ready" or "revise"."""

    contact: str
    channel: str
    status: str
    subject: str
    sent_on: date | None
    replied_on: date | None
    verdict: str
    problems: int
    findings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class QuestionRow:
    """One prepared question, its verdict ("keep" or "revise") and what to fix."""

    text: str
    verdict: str
    findings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class QuestionSet:
    """The questions prepared for one meeting, and the findings on the set."""

    contact: str
    meeting_day: date
    ready: bool
    questions: tuple[QuestionRow, ...]
    set_findings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MeetingRow:
    """A meeting, and what was learned at it."""

    contact: str
    starts_at: str
    format: str
    status: str
    status_reason: str
    logged: bool
    key_advice: str
    referrals: tuple[str, ...]
    keep_in_touch: bool | None


@dataclass(frozen=True, slots=True)
class FollowUpRow:
    """A follow-up: ``state`` is "overdue", "due", "done", "skipped" or "not_needed".

    Due and overdue rows are :func:`~infoview_lib.coach.agenda.next_actions`: the
    pending ones on the student's list and those the records call for (``stored``
    is false for those). "not_needed" is a pending reminder on the list that a
    reply has made pointless.
    """

    contact: str
    kind: str
    due_on: date
    state: str
    done_on: date | None
    days_late: int
    note: str
    stored: bool = True

    @property
    def overdue(self) -> bool:
        """Whether it is pending past its due day."""
        return self.state == "overdue"


@dataclass(frozen=True, slots=True)
class ActionRow:
    """A recommended next action (from :func:`~infoview_lib.coach.agenda.next_actions`)."""

    contact: str
    kind: str
    due_on: date
    days_late: int
    reason: str

    @property
    def overdue(self) -> bool:
        """Whether its due day has passed."""
        return self.days_late > 0


@dataclass(frozen=True, slots=True)
class StepRow:
    """A coaching step with no due day (from :func:`~infoview_lib.coach.agenda.suggested_steps`)."""

    contact: str
    action: str
    reason: str


@dataclass(frozen=True)
class StudentReport:
    """Everything a report on one student shows, as of one day."""

    student: str
    programme: str
    as_of: date
    advisor: str
    sections: tuple[str, ...]
    stage_counts: tuple[tuple[PipelineStatus, int], ...]
    contacts: tuple[ContactRow, ...]
    outreach: tuple[OutreachRow, ...]
    question_sets: tuple[QuestionSet, ...]
    meetings: tuple[MeetingRow, ...]
    follow_ups: tuple[FollowUpRow, ...]
    next_actions: tuple[ActionRow, ...]
    last_activity: date | None
    stuck: bool
    stuck_reason: str
    suggested_steps: tuple[StepRow, ...] = ()

    @property
    def contact_count(self) -> int:
        """How many contacts there are in all."""
        return sum(count for _, count in self.stage_counts)

    @property
    def overdue_count(self) -> int:
        """Follow-ups past their due day: what ``infoview status`` counts as overdue."""
        return sum(row.overdue for row in self.follow_ups)

    @property
    def overdue_actions(self) -> int:
        """Recommended next actions whose due day has passed."""
        return sum(row.overdue for row in self.next_actions)

    def includes(self, name: str) -> bool:
        """Whether the report shows section ``name``."""
        return name in self.sections


def parse_sections(value: str | Sequence[str]) -> tuple[str, ...]:
    """Section names from ``"all"``, a comma-separated string, or a list; in report order.

    >>> parse_sections("contacts, progress")
    ('progress', 'contacts')
    """
    names = value.split(",") if isinstance(value, str) else list(value)
    wanted = {name.strip().lower().replace("-", "_") for name in names if name.strip()}
    if "all" in wanted or not wanted:
        return SECTIONS
    unknown = sorted(wanted - set(SECTIONS))
    if unknown:
        raise UnknownSection(
            f"Unknown report section(s): {', '.join(unknown)}. "
            f"Use 'all' or some of: {', '.join(SECTIONS)}."
        )
    return tuple(name for name in SECTIONS if name in wanted)
