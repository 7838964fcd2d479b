"""The status of a workbook at a glance: contacts per stage, follow-ups due and overdue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from infoview_lib.model import FollowUpKind, FollowUpStatus, PipelineStatus
from infoview_lib.store.workbook import Workbook


@dataclass(frozen=True)
class DueFollowUp:
    """A pending follow-up, and how it stands on the as-of date."""

    contact: str
    kind: FollowUpKind
    due_on: date
    as_of: date

    @property
    def days_late(self) -> int:
        """Days past the due date; negative while there is time left."""
        return (self.as_of - self.due_on).days

    def describe(self) -> str:
        """The follow-up in a line: "Thank-you: Ana Lima, 3 days overdue (2026-03-13)"."""
        return f"{self.kind.label}: {self.contact}, {when_due(self.due_on, self.as_of)}"


def when_due(due_on: date, as_of: date) -> str:
    """How a due day stands on ``as_of``, in words.

    >>> when_due(date(2026, 3, 13), date(2026, 3, 16))
    '3 days overdue (2026-03-13)'
    >>> when_due(date(2026, 3, 17), date(2026, 3, 16))
    'due in 1 day (2026-03-17)'
    """
    late = (as_of - due_on).days
    if late > 0:
        when = f"{late} day{'s' if late != 1 else ''} overdue"
    elif late == 0:
        when = "due today"
    else:
        when = f"due in {-late} day{'s' if late != -1 else ''}"
    return f"{when} ({due_on.isoformat()})"


@dataclass(frozen=True)
class StatusSummary:
    """Where a student stands on one day."""

    student: str
    as_of: date
    stages: tuple[tuple[PipelineStatus, int], ...]
    overdue: tuple[DueFollowUp, ...]
    due_soon: tuple[DueFollowUp, ...]
    horizon_days: int

    @property
    def contacts(self) -> int:
        """How many contacts there are in all."""
        return sum(count for _, count in self.stages)

    def at_stage(self, stage: PipelineStatus) -> int:
        """How many contacts are at ``stage``."""
        return dict(self.stages)[stage]


def status_summary(book: Workbook, as_of: date, *, horizon_days: int = 7) -> StatusSummary:
    """Summarise ``book`` as of a given day.

    Follow-ups still pending and due before ``as_of`` are overdue; those due
    from ``as_of`` up to ``horizon_days`` later are due soon.
    """
    horizon = as_of + timedelta(days=horizon_days)
    with book.snapshot() as connection:
        (student,) = connection.execute("SELECT name FROM profile WHERE id = 1").fetchone()
        counts = dict(
            connection.execute("SELECT status, count(*) FROM contacts GROUP BY status").fetchall()
        )
        pending = connection.execute(
            "SELECT contacts.name, follow_ups.kind, follow_ups.due_on "
            "FROM follow_ups JOIN contacts ON contacts.id = follow_ups.contact_id "
            "WHERE follow_ups.status = ? AND follow_ups.due_on <= ? "
            "ORDER BY follow_ups.due_on, follow_ups.id",
            (FollowUpStatus.PENDING.value, horizon.isoformat()),
        ).fetchall()
    due = [
        DueFollowUp(name, FollowUpKind(kind), date.fromisoformat(due_on), as_of)
        for name, kind, due_on in pending
    ]
    return StatusSummary(
        student=student,
        as_of=as_of,
        stages=tuple((stage, int(counts.get(stage.value, 0))) for stage in PipelineStatus),
        overdue=tuple(item for item in due if item.due_on < as_of),
        due_soon=tuple(item for item in due if item.due_on >= as_of),
        horizon_days=horizon_days,
    )
