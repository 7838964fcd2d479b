"""The coaching engine on the bundled sample cohort: real workbooks, end to end."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, time
from pathlib import Path

import pytest

from infoview_lib.coach.contacts import outreach_order
from infoview_lib.coach.duplicates import find_duplicates, organisation_key
from infoview_lib.coach.meeting import meeting_readiness
from infoview_lib.coach.outreach import OutreachContext, check_outreach
from infoview_lib.coach.questions import check_question_set
from infoview_lib.model import Contact, Meeting, Outreach, Question, ResearchNote
from infoview_lib.sample_cohort import build_cohort, load_cohort
from infoview_lib.store import Workbook

#: The sample students whose drafts were written to show the Assessor trap.
WEAK_DRAFTS = {"Siobhán Ní Bhriain", "नेहा शर्मा (Neha Sharma)", "Liam O'Connor"}


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return build_cohort(tmp_path_factory.mktemp("cohort"))


def _drafts(book: Workbook) -> list[tuple[Contact, Outreach]]:
    contacts = {contact.id: contact for contact in book.all(Contact)}
    return [(contacts[message.contact_id], message) for message in book.all(Outreach)]


def test_every_sample_draft_is_checked_and_the_weak_ones_need_revising(
    cohort: list[Path],
) -> None:
    traps: Counter[str] = Counter()
    ready = 0
    for path in cohort:
        with Workbook.open(path) as book:
            student = book.profile().name
            for contact, message in _drafts(book):
                context = OutreachContext(
                    student=student, contact=contact.name, organisation=contact.organisation
                )
                report = check_outreach(
                    message.body, channel=message.channel, subject=message.subject, context=context
                )
                ready += report.verdict == "ready"
                if any(
                    f.rule == "assessor_trap" and f.severity == "problem" for f in report.findings
                ):
                    traps[student] += 1
    assert set(traps) == WEAK_DRAFTS
    assert ready >= 25  # most sample drafts were written as good examples


def test_outreach_plans_respect_the_limits(cohort: list[Path]) -> None:
    for path in cohort:
        with Workbook.open(path) as book:
            contacts = book.all(Contact)
            plan = outreach_order(contacts, book.profile())
            assert not find_duplicates(contacts)
        started = [entry.contact for entry in plan.start_now]
        in_play = [c for c in contacts if c.status in {"contacted", "scheduled"}]
        organisations = Counter(
            organisation_key(c.organisation) or f"#{c.id}" for c in started + in_play
        )
        assert len(organisations) <= 5
        assert max(organisations.values(), default=0) <= 2
        assert all(entry.wait_reason for entry in plan.later)
        assert {c.id for c in started}.isdisjoint(c.id for c in in_play)


def test_meeting_questions_and_readiness_run_on_every_meeting(cohort: list[Path]) -> None:
    cohort_day = load_cohort().as_of
    checked = 0
    for path in cohort:
        with Workbook.open(path) as book:
            profile, notes = book.profile(), book.all(ResearchNote)
            for meeting in book.all(Meeting):
                questions = sorted(
                    book.all(Question, meeting_id=meeting.id), key=lambda q: q.position
                )
                report = check_question_set(
                    [q.text for q in questions], minutes=meeting.planned_minutes
                )
                assert len(report.questions) == len(questions)
                readiness = meeting_readiness(
                    meeting,
                    book.get(Contact, meeting.contact_id),
                    profile,
                    notes,
                    report.ready if questions else None,
                    now=datetime.combine(cohort_day, time(9)),
                )
                assert readiness.applies == (
                    meeting.starts_at > datetime.combine(cohort_day, time(9))
                    and meeting.status == "scheduled"
                )
                checked += 1
    assert checked >= 10
