# mypy: disable-error-code="arg-type"
# (these tests give choices, dates and lists as text, as forms and files do)
"""What to do now: stored follow-ups and worked-out steps from a real workbook, in order."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from infoview_lib.coach import agenda
from infoview_lib.coach.agenda import Action, next_actions
from infoview_lib.coach.calendar import BusinessCalendar
from infoview_lib.coach.followup_rules import PLANNED_BLANKS, FollowUpRules, follow_up_rules
from infoview_lib.coach.outreach import OutreachReport
from infoview_lib.model import (
    Contact,
    FollowUp,
    FollowUpKind,
    InterviewLog,
    Meeting,
    Outreach,
    StudentProfile,
)
from infoview_lib.store import Workbook
from tests.conftest import AS_OF

WEEKDAYS_ONLY = BusinessCalendar()


def _contact(book: Workbook, name: str, organisation: str = "", **more: Any) -> int:
    added = book.add(Contact(name=name, organisation=organisation, **more))
    assert added.id is not None
    return added.id


def _sent(book: Workbook, contact_id: int, on: date, replied: date | None = None) -> None:
    book.add(
        Outreach(
            contact_id=contact_id,
            subject="Your work at the clinic",
            status="sent",
            sent_on=on,
            replied_on=replied,
        )
    )


def _met(book: Workbook, contact_id: int, on: date, status: str = "done", **log: Any) -> int:
    meeting = book.add(
        Meeting(contact_id=contact_id, starts_at=datetime.combine(on, time(17, 30)), status=status)
    )
    assert meeting.id is not None
    if log:
        book.add(InterviewLog(meeting_id=meeting.id, **log))
    return meeting.id


def _follow_up(book: Workbook, contact_id: int, kind: str, due: date, **more: Any) -> int:
    added = book.add(FollowUp(contact_id=contact_id, kind=kind, due_on=due, **more))
    assert added.id is not None
    return added.id


def _listed(actions: list[Action]) -> list[tuple[str, str, date, int, bool]]:
    return [
        (a.contact_name, a.kind.value, a.due_on, a.days_late, a.follow_up_id is not None)
        for a in actions
    ]


def test_an_empty_workbook_has_nothing_to_do(book: Workbook) -> None:
    assert next_actions(book, AS_OF) == []


def test_a_semester_in_progress(book: Workbook) -> None:
    ken = _contact(book, "Ken Sato", "Kestrel Payments", status="met")
    renee = _contact(book, "Renée D'Arcy", "Riverside Clinic")
    tomasz = _contact(book, "Tomasz Wiśniewski")
    aoife = _contact(book, "Aoife O'Sullivan", "Harbour Labs", status="scheduled")
    fatima = _contact(book, "Fatima Zahra Benali", referred_by=ken)
    _sent(book, ken, date(2026, 2, 20), date(2026, 2, 23))
    _sent(book, renee, date(2026, 3, 2))
    _sent(book, tomasz, date(2026, 2, 23))
    _sent(book, tomasz, date(2026, 3, 3))
    _sent(book, aoife, date(2026, 3, 2), date(2026, 3, 3))
    _met(
        book,
        ken,
        date(2026, 3, 9),
        key_advice="Learn to read production.",
        referrals=["Fatima Zahra Benali", "Jonas Lindqvist"],
        willing_to_keep_in_touch=True,
    )
    _met(book, aoife, date(2026, 3, 12), status="scheduled")
    _follow_up(book, fatima, "referral", date(2026, 3, 13))
    _follow_up(book, ken, "thank_you", date(2026, 3, 10), status="done", done_on=date(2026, 3, 9))
    _follow_up(book, renee, "keep_in_touch", date(2026, 3, 1), status="skipped")

    assert _listed(next_actions(book, AS_OF, calendar=WEEKDAYS_ONLY)) == [
        ("Renée D'Arcy", "second_contact", date(2026, 3, 5), 11, False),
        ("Ken Sato", "referral", date(2026, 3, 11), 5, False),
        ("Renée D'Arcy", "no_reply", date(2026, 3, 11), 5, False),
        ("Tomasz Wiśniewski", "move_on", date(2026, 3, 12), 4, False),
        ("Aoife O'Sullivan", "log_meeting", date(2026, 3, 13), 3, False),
        ("Fatima Zahra Benali", "referral", date(2026, 3, 13), 3, True),
        ("Ken Sato", "keep_in_touch", date(2026, 3, 16), 0, False),
    ]


def test_same_day_actions_are_in_name_order_ignoring_accents(book: Workbook) -> None:
    due = AS_OF - timedelta(days=2)
    for name in ("fatima Benali", "Émile Zola", "Zoë O'Brien", "Ana Lima"):
        _follow_up(book, _contact(book, name), "thank_you", due)
    names = [action.contact_name for action in next_actions(book, AS_OF)]
    assert names == ["Ana Lima", "Émile Zola", "fatima Benali", "Zoë O'Brien"]


@pytest.mark.parametrize(
    ("due", "days_late", "overdue"),
    [
        pytest.param(date(2026, 2, 27), 17, True, id="weeks-late"),
        pytest.param(date(2026, 3, 15), 1, True, id="yesterday"),
        pytest.param(AS_OF, 0, False, id="today"),
        pytest.param(date(2026, 3, 17), -1, False, id="tomorrow"),
        pytest.param(date(2027, 1, 4), -294, False, id="next-year"),
    ],
)
def test_days_late_counts_from_today(
    book: Workbook, due: date, days_late: int, overdue: bool
) -> None:
    _follow_up(book, _contact(book, "Ken Sato"), "keep_in_touch", due)
    [action] = next_actions(book, AS_OF)
    assert (action.days_late, action.overdue) == (days_late, overdue)


@pytest.mark.parametrize(
    ("status", "listed"),
    [("pending", True), ("done", False), ("skipped", False)],
)
def test_only_pending_follow_ups_are_listed(book: Workbook, status: str, listed: bool) -> None:
    ken = _contact(book, "Ken Sato")
    done_on = AS_OF if status == "done" else None
    _follow_up(book, ken, "keep_in_touch", AS_OF, status=status, done_on=done_on)
    assert bool(next_actions(book, AS_OF)) is listed


def test_a_stored_follow_up_replaces_the_worked_out_one(book: Workbook) -> None:
    ken = _contact(book, "Ken Sato", status="met")
    _met(book, ken, date(2026, 3, 9))
    stored_id = _follow_up(
        book, ken, "thank_you", date(2026, 3, 12), channel="card", note="Buy a card at the shop."
    )
    [action] = next_actions(book, AS_OF)
    assert (action.kind, action.due_on, action.follow_up_id) == (
        FollowUpKind.THANK_YOU,
        date(2026, 3, 12),
        stored_id,
    )
    assert action.reason.startswith("A thank-you to Ken Sato, due Thursday 12 March 2026.")
    assert action.reason.endswith("Your note: Buy a card at the shop.")


@pytest.mark.parametrize(
    ("colleague_replied", "listed"),
    [(date(2026, 3, 4), False), (None, True)],
)
def test_a_reply_at_the_organisation_hides_stored_no_reply_reminders(
    book: Workbook, colleague_replied: date | None, listed: bool
) -> None:
    ana = _contact(book, "Ana Diaz", "Riverside Clinic")
    bo = _contact(book, "Bo Chen", "Riverside clinic")
    _sent(book, ana, date(2026, 3, 2))
    _sent(book, bo, date(2026, 3, 3), colleague_replied)
    _follow_up(book, ana, "no_reply", date(2026, 3, 11))
    stored = [a for a in next_actions(book, AS_OF) if a.follow_up_id is not None]
    assert bool(stored) is listed


def test_the_organisation_is_compared_as_the_outreach_plan_compares_it(book: Workbook) -> None:
    ana = _contact(book, "Ana Diaz", "Helix Bio, Inc.", status="contacted")
    bo = _contact(book, "Bo Chen", "Helix Bio", status="contacted")
    _sent(book, ana, date(2026, 3, 2))
    _sent(book, bo, date(2026, 3, 3), date(2026, 3, 4))
    _follow_up(book, ana, "no_reply", date(2026, 3, 11))
    assert next_actions(book, AS_OF) == []


@pytest.mark.parametrize(
    ("status", "meeting", "listed"),
    [
        ("contacted", None, True),
        ("scheduled", None, False),
        ("contacted", "scheduled", False),
        ("contacted", "cancelled", True),
    ],
)
def test_stored_nudges_stop_once_a_meeting_is_arranged(
    book: Workbook, status: str, meeting: str | None, listed: bool
) -> None:
    ana = _contact(book, "Ana Diaz", "Riverside Clinic", status=status)
    _sent(book, ana, date(2026, 3, 2))
    if meeting:
        book.add(
            Meeting(
                contact_id=ana,
                starts_at=datetime(2026, 3, 20, 10),
                status=meeting,
                status_reason="Ill" if meeting == "cancelled" else "",
            )
        )
    _follow_up(book, ana, "no_reply", date(2026, 3, 11))
    stored = [a for a in next_actions(book, AS_OF) if a.follow_up_id is not None]
    assert bool(stored) is listed


@pytest.mark.parametrize(
    ("referred", "mentioned"),
    [(True, "mention Ken Sato, who suggested"), (False, "mention the person who suggested them")],
)
def test_a_stored_referral_reminder_names_who_suggested_them(
    book: Workbook, referred: bool, mentioned: str
) -> None:
    ken = _contact(book, "Ken Sato")
    fatima = _contact(book, "Fatima Zahra Benali", referred_by=ken if referred else None)
    _follow_up(book, fatima, "referral", AS_OF)
    [action] = next_actions(book, AS_OF)
    assert mentioned in action.reason


def test_a_holiday_moves_a_worked_out_due_date(book: Workbook) -> None:
    renee = _contact(book, "Renée D'Arcy")
    _sent(book, renee, date(2026, 12, 30))
    holidays = BusinessCalendar(frozenset({date(2027, 1, 1)}))
    [plain] = next_actions(book, date(2027, 1, 4), calendar=WEEKDAYS_ONLY)
    [with_holiday] = next_actions(book, date(2027, 1, 4), calendar=holidays)
    assert (plain.due_on, with_holiday.due_on) == (date(2027, 1, 8), date(2027, 1, 11))


def test_worked_out_steps_carry_what_completing_them_needs(book: Workbook) -> None:
    ken = _contact(book, "Ken Sato", status="met")
    meeting_id = _met(book, ken, date(2026, 3, 9), referrals=["Jonas Lindqvist"])
    _follow_up(book, ken, "thank_you", date(2026, 3, 10), status="done", done_on=date(2026, 3, 9))
    [action] = next_actions(book, AS_OF)
    assert (action.follow_up_id, action.meeting_id, action.referral_name) == (
        None,
        meeting_id,
        "Jonas Lindqvist",
    )


def test_every_blank_a_stored_reminder_may_use_is_filled(
    book: Workbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = follow_up_rules()
    every_blank = {
        name: " ".join(f"<{blank}={{{blank}}}>" for blank in blanks)
        for name, blanks in PLANNED_BLANKS.items()
    }
    rules = FollowUpRules(
        shipped.timing, shipped.steps, every_blank, shipped.letters, shipped.placeholders
    )
    monkeypatch.setattr(agenda, "follow_up_rules", lambda: rules)
    ken = _contact(book, "Ken Sato")
    fatima = _contact(book, "Fatima Zahra Benali", referred_by=ken)
    for kind in FollowUpKind:
        _follow_up(book, fatima, kind.value, AS_OF, note=f"About the {kind.label}.")
    actions = next_actions(book, AS_OF)
    assert {action.kind for action in actions} == set(FollowUpKind)
    for action in actions:
        assert "{" not in action.reason
        assert "=>" not in action.reason
        assert "<referrer_name=Ken Sato>" in action.reason


# -- coaching steps with no due day ---------------------------------------------------------


def _ready() -> OutreachReport:
    return OutreachReport(findings=(), words=80, characters=400)


def test_suggested_steps_send_revise_then_write_to_the_best_few() -> None:
    ana = StudentProfile(name="Ana Lima")
    people = [
        Contact(id=1, name="Zoë Low", priority="low"),
        Contact(id=2, name="Ken Sato", priority="medium"),
        Contact(id=3, name="Mia Roy", priority="high"),
        Contact(id=4, name="Émile Zola", priority="high"),
        Contact(id=5, name="Ida Draft"),
        Contact(id=6, name="Rex Revise"),
        Contact(id=7, name="Dee Clined", status="declined"),
        Contact(id=8, name="Ada Dated", priority="high"),
    ]
    drafts = [
        Outreach(id=10, contact_id=5, body="A finished draft."),
        Outreach(id=11, contact_id=6, body=""),
        Outreach(id=12, contact_id=7, body=""),
    ]
    steps = agenda.suggested_steps(
        people, drafts, ana, dated={8}, checks={10: _ready()}, rules=agenda.step_rules()
    )
    assert [(s.kind, s.contact_name, s.outreach_id) for s in steps] == [
        ("send_draft", "Ida Draft", 10),
        ("revise_draft", "Rex Revise", 11),
        ("first_message", "Émile Zola", None),
        ("first_message", "Mia Roy", None),
        ("first_message", "Ken Sato", None),
    ]
    send, revise, *firsts = steps
    assert send.label == "Send the draft"
    assert "passes the Ally check" in send.reason
    assert "Ida Draft" in send.reason
    assert revise.label == "Revise the draft"
    assert "to fix" in revise.reason
    assert "notebook 02" in revise.reason
    assert all(s.label == "Write a first message" for s in firsts)
    assert "high priority" in firsts[0].reason
    assert "notebook 02" in firsts[0].reason
    assert "1 more identified contacts are waiting" in firsts[-1].reason
    assert "more identified" not in firsts[0].reason


def test_no_suggested_steps_once_everyone_is_written_to() -> None:
    ana = StudentProfile(name="Ana Lima")
    people = [Contact(id=1, name="Ken Sato", status="contacted")]
    sent = [Outreach(id=1, contact_id=1, status="sent", sent_on=date(2026, 3, 2))]
    assert agenda.suggested_steps(people, sent, ana) == []
    assert agenda.suggested_steps([], [], ana) == []


def test_the_step_wording_comes_from_the_coaching_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from infoview_lib.coach.findings import CoachingDataError
    from infoview_lib.paths import DATA_DIR_VARIABLE, data_dir

    shipped = yaml.safe_load((data_dir() / "coaching" / agenda.STEPS_FILE).read_text("utf-8"))
    shipped["steps"]["first_message"] = "Write to {contact_name} ({nickname})."
    (tmp_path / "coaching").mkdir()
    (tmp_path / "coaching" / agenda.STEPS_FILE).write_text(yaml.safe_dump(shipped), "utf-8")
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path))
    with pytest.raises(CoachingDataError, match=r"next-steps.yaml.*\{nickname\}"):
        agenda.step_rules()
