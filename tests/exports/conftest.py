"""Workbooks to export: the sample cohort (built once per test file) and one with text
that a spreadsheet would run as a formula."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from infoview_lib.model import (
    Contact,
    FollowUp,
    FollowUpKind,
    InterviewLog,
    Meeting,
    Outreach,
    Question,
    ResearchNote,
    StudentProfile,
)
from infoview_lib.sample_cohort import build_cohort
from infoview_lib.store import Workbook

#: Text typed into every kind of record that a spreadsheet would run as a formula.
FORMULAS = ('=HYPERLINK("http://x.example","a")', "+1 555 010 0187", "-2+3", "@SUM(1)")


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The sample students' workbooks."""
    return build_cohort(tmp_path_factory.mktemp("cohort"))


@pytest.fixture
def formulas(tmp_path: Path) -> Path:
    """A workbook whose every record holds text starting like a formula."""
    path = tmp_path / "mallory.infoview"
    profile = StudentProfile(name="=cmd|' /C calc'!A0", program="@program")
    with Workbook.create(path, profile) as book:
        first = book.add(Contact(name=FORMULAS[0], organisation="-Org", phone=FORMULAS[1]))
        assert first.id is not None
        book.add(Contact(name="Ana Lima", notes=FORMULAS[2], role="#N/A", referred_by=first.id))
        book.add(Outreach(contact_id=first.id, subject=FORMULAS[3], body="=1+1"))
        book.add(ResearchNote(contact_id=first.id, text="+tip", topic="=topic"))
        meeting = book.add(
            Meeting(contact_id=first.id, starts_at=datetime(2026, 3, 14, 10, 30), place="=place")
        )
        assert meeting.id is not None
        book.add(Question(meeting_id=meeting.id, text="=What next?", position=0))
        book.add(InterviewLog(meeting_id=meeting.id, notes="-notes", referrals=("=Bob",)))
        book.add(
            FollowUp(
                contact_id=first.id,
                kind=FollowUpKind.THANK_YOU,
                due_on=date(2026, 3, 15),
                note="@note",
            )
        )
    return path
