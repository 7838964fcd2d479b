# mypy: disable-error-code="arg-type"
# (these tests give choices, dates and lists as text, as forms and files do)
"""One-click steps: adding a referral, and completing an action, each saved whole."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

import pytest

from infoview_lib.coach.agenda import Action, next_actions
from infoview_lib.coach.calendar import BusinessCalendar
from infoview_lib.coach.followup_rules import LETTER_BLANKS, FollowUpRules, follow_up_rules
from infoview_lib.errors import InfoviewError
from infoview_lib.model import (
    Contact,
    ContactCategory,
    FollowUp,
    FollowUpChannel,
    FollowUpKind,
    FollowUpStatus,
    InterviewLog,
    InvalidRecord,
    Meeting,
    Outreach,
    PipelineStatus,
)
from infoview_lib.store import RecordNotFound, Workbook
from infoview_lib.workflow import add_referral, complete_action, followups

from .conftest import AS_OF

WEEKDAYS_ONLY = BusinessCalendar()
MET_ON = date(2026, 3, 9)


def _ken_and_meeting(book: Workbook, **log: Any) -> tuple[Contact, int]:
    ken = book.add(Contact(name="Ken Sato", organisation="Kestrel Payments", status="met"))
    assert ken.id is not None
    meeting = book.add(
        Meeting(contact_id=ken.id, starts_at=datetime.combine(MET_ON, time(17, 30)), status="done")
    )
    assert meeting.id is not None
    if log:
        book.add(InterviewLog(meeting_id=meeting.id, **log))
    return ken, meeting.id


def _thanked(book: Workbook, contact: Contact) -> None:
    assert contact.id is not None
    book.add(
        FollowUp(
            contact_id=contact.id, kind="thank_you", due_on=MET_ON, status="done", done_on=MET_ON
        )
    )


# -- add_referral -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "holidays", "due"),
    [
        pytest.param(date(2026, 3, 16), (), date(2026, 3, 18), id="monday"),
        pytest.param(date(2026, 1, 30), (), date(2026, 2, 3), id="friday-over-month-end"),
        pytest.param(date(2026, 1, 31), (), date(2026, 2, 3), id="saturday"),
        pytest.param(date(2026, 12, 30), (), date(2027, 1, 1), id="over-year-end"),
        pytest.param(date(2026, 12, 30), (date(2027, 1, 1),), date(2027, 1, 4), id="new-year"),
    ],
)
def test_add_referral_saves_the_contact_and_a_reminder(
    book: Workbook, today: date, holidays: tuple[date, ...], due: date
) -> None:
    ken, meeting_id = _ken_and_meeting(book)
    calendar = BusinessCalendar(frozenset(holidays))
    fatima, reminder = add_referral(
        book, meeting_id, "  Fatima Zahra Benali ", today=today, calendar=calendar
    )
    assert book.get(Contact, fatima.id or 0) == fatima
    assert (fatima.name, fatima.referred_by, fatima.category, fatima.organisation) == (
        "Fatima Zahra Benali",
        ken.id,
        ContactCategory.OTHER,
        "",
    )
    assert fatima.connection == (
        "Ken Sato suggested I talk to them, when we met on Monday 9 March 2026."
    )
    assert book.all(FollowUp) == [reminder]
    assert (reminder.contact_id, reminder.kind, reminder.status, reminder.due_on) == (
        fatima.id,
        FollowUpKind.REFERRAL,
        FollowUpStatus.PENDING,
        due,
    )


def test_adding_the_referral_turns_the_add_step_into_a_reach_out_step(book: Workbook) -> None:
    ken, meeting_id = _ken_and_meeting(book, referrals=["Fatima Zahra Benali"])
    _thanked(book, ken)
    [before] = next_actions(book, AS_OF, calendar=WEEKDAYS_ONLY)
    assert (before.kind, before.referral_name, before.contact_name) == (
        FollowUpKind.REFERRAL,
        "Fatima Zahra Benali",
        "Ken Sato",
    )
    add_referral(book, meeting_id, "Fatima Zahra Benali", today=AS_OF, calendar=WEEKDAYS_ONLY)
    [after] = next_actions(book, AS_OF, calendar=WEEKDAYS_ONLY)
    assert (after.kind, after.contact_name, after.due_on) == (
        FollowUpKind.REFERRAL,
        "Fatima Zahra Benali",
        date(2026, 3, 18),
    )
    assert "mention Ken Sato" in after.reason


@pytest.mark.parametrize("name", ["", "   ", "\t\n"])
def test_add_referral_refuses_a_blank_name(book: Workbook, name: str) -> None:
    _, meeting_id = _ken_and_meeting(book)
    with pytest.raises(InfoviewError, match="The name is empty: write the name of the person"):
        add_referral(book, meeting_id, name, today=AS_OF)
    assert book.count(Contact) == 1


@pytest.mark.parametrize(
    "again", ["Fatima Zahra Benali", "  fátima  ZAHRA benali", "FATIMA ZAHRA BENALI"]
)
def test_add_referral_refuses_someone_already_added_from_that_contact(
    book: Workbook, again: str
) -> None:
    _, meeting_id = _ken_and_meeting(book)
    add_referral(book, meeting_id, "Fatima Zahra Benali", today=AS_OF)
    with pytest.raises(
        InfoviewError, match="already in your contacts as someone Ken Sato suggested"
    ):
        add_referral(book, meeting_id, again, today=AS_OF)
    assert (book.count(Contact), book.count(FollowUp)) == (2, 1)


def test_the_same_name_suggested_by_someone_else_is_a_new_referral(book: Workbook) -> None:
    _, ken_meeting = _ken_and_meeting(book)
    aoife = book.add(Contact(name="Aoife O'Sullivan", status="met"))
    aoife_meeting = book.add(
        Meeting(contact_id=aoife.id or 0, starts_at=datetime(2026, 3, 10, 9), status="done")
    )
    add_referral(book, ken_meeting, "Fatima Zahra Benali", today=AS_OF)
    add_referral(book, aoife_meeting.id or 0, "Fatima Zahra Benali", today=AS_OF)
    assert book.count(Contact, name="Fatima Zahra Benali") == 2


class _BrokenCalendar(BusinessCalendar):
    def add_business_days(self, day: date, n: int) -> date:
        raise RuntimeError("the power went out")


@pytest.mark.parametrize(
    ("meeting_id", "name", "calendar", "error"),
    [
        pytest.param(99, "Fatima Zahra Benali", WEEKDAYS_ONLY, RecordNotFound, id="no-meeting"),
        pytest.param(1, "F" * 121, WEEKDAYS_ONLY, InvalidRecord, id="name-too-long"),
        pytest.param(1, "Fatima Zahra Benali", _BrokenCalendar(), RuntimeError, id="crash-mid-way"),
    ],
)
def test_add_referral_saves_everything_or_nothing(
    book: Workbook, meeting_id: int, name: str, calendar: BusinessCalendar, error: type[Exception]
) -> None:
    _ken_and_meeting(book)
    with pytest.raises(error):
        add_referral(book, meeting_id, name, today=AS_OF, calendar=calendar)
    assert (book.count(Contact), book.count(FollowUp)) == (1, 0)


def test_every_blank_the_connection_may_use_is_filled(
    book: Workbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = follow_up_rules()
    blanks = LETTER_BLANKS["referral_connection"]
    letters = {**shipped.letters, "referral_connection": " ".join(f"<{b}={{{b}}}>" for b in blanks)}
    rules = FollowUpRules(
        shipped.timing, shipped.steps, shipped.planned, letters, shipped.placeholders
    )
    monkeypatch.setattr(followups, "follow_up_rules", lambda: rules)
    _, meeting_id = _ken_and_meeting(book)
    fatima, _ = add_referral(book, meeting_id, "Fatima Zahra Benali", today=AS_OF)
    assert fatima.connection == "<referrer_name=Ken Sato> <meeting_day=Monday 9 March 2026>"


# -- complete_action --------------------------------------------------------------------


def _only(book: Workbook, kind: FollowUpKind) -> Action:
    [action] = [a for a in next_actions(book, AS_OF, calendar=WEEKDAYS_ONLY) if a.kind is kind]
    return action


def test_completing_a_stored_follow_up_marks_it_done(book: Workbook) -> None:
    ken, _ = _ken_and_meeting(book)
    stored = book.add(
        FollowUp(contact_id=ken.id or 0, kind="thank_you", due_on=date(2026, 3, 10), note="Card.")
    )
    done = complete_action(
        book, _only(book, FollowUpKind.THANK_YOU), today=AS_OF, channel=FollowUpChannel.CARD
    )
    assert done == book.get(FollowUp, stored.id or 0)
    assert (done.status, done.done_on, done.channel, done.note) == (
        FollowUpStatus.DONE,
        AS_OF,
        FollowUpChannel.CARD,
        "Card.",
    )
    assert next_actions(book, AS_OF) == []


def test_completing_twice_keeps_the_first_day(book: Workbook) -> None:
    ken, _ = _ken_and_meeting(book)
    book.add(FollowUp(contact_id=ken.id or 0, kind="thank_you", due_on=date(2026, 3, 10)))
    action = _only(book, FollowUpKind.THANK_YOU)
    first = complete_action(book, action, today=date(2026, 3, 10))
    again = complete_action(book, action, today=AS_OF, note="Sent again?")
    assert again == first
    assert again.done_on == date(2026, 3, 10)


def test_completing_a_worked_out_thank_you_stores_it_done(book: Workbook) -> None:
    _ken_and_meeting(book)
    action = _only(book, FollowUpKind.THANK_YOU)
    done = complete_action(book, action, today=AS_OF, channel="email", note="Mentioned the book.")
    assert book.all(FollowUp) == [done]
    assert (done.kind, done.due_on, done.done_on, done.status, done.note) == (
        FollowUpKind.THANK_YOU,
        date(2026, 3, 10),
        AS_OF,
        FollowUpStatus.DONE,
        "Mentioned the book.",
    )
    assert next_actions(book, AS_OF) == []


def test_completing_an_update_makes_the_next_one_due_a_month_later(book: Workbook) -> None:
    ken, _ = _ken_and_meeting(book, willing_to_keep_in_touch=True)
    _thanked(book, ken)
    first = _only(book, FollowUpKind.KEEP_IN_TOUCH)
    assert first.due_on == date(2026, 3, 16)
    complete_action(book, first, today=date(2026, 3, 31))
    assert _only(book, FollowUpKind.KEEP_IN_TOUCH).due_on == date(2026, 4, 30)


def _unanswered(book: Workbook, *sent_on: date) -> Contact:
    tomasz = book.add(Contact(name="Tomasz Wiśniewski", status="contacted"))
    for day in sent_on:
        book.add(Outreach(contact_id=tomasz.id or 0, status="sent", sent_on=day))
    return tomasz


@pytest.mark.parametrize(
    ("kind", "before", "after"),
    [
        ("thank_you", "met", "thanked"),
        ("thank_you", "scheduled", "thanked"),
        ("thank_you", "keeping_in_touch", "keeping_in_touch"),
        ("keep_in_touch", "thanked", "keeping_in_touch"),
        ("referral", "identified", "contacted"),
        ("referral", "met", "met"),
        ("thank_you", "declined", "declined"),
        ("no_reply", "contacted", "contacted"),
    ],
)
def test_completing_moves_the_contact_forward_only(
    book: Workbook, kind: str, before: str, after: str
) -> None:
    ken = book.add(Contact(name="Ken Sato", status=before))
    book.add(FollowUp(contact_id=ken.id or 0, kind=kind, due_on=AS_OF))
    [action] = [a for a in next_actions(book, AS_OF) if a.follow_up_id is not None]
    complete_action(book, action, today=AS_OF)
    assert book.get(Contact, ken.id or 0).status == after


def test_a_second_click_on_a_worked_out_step_saves_nothing_new(book: Workbook) -> None:
    _ken_and_meeting(book)
    action = _only(book, FollowUpKind.THANK_YOU)
    first = complete_action(book, action, today=AS_OF)
    again = complete_action(book, action, today=AS_OF)
    assert again == first
    assert book.all(FollowUp) == [first]


def test_moving_on_leaves_a_contact_who_has_since_scheduled(book: Workbook) -> None:
    tomasz = _unanswered(book, date(2026, 2, 23), date(2026, 3, 3))
    action = _only(book, FollowUpKind.MOVE_ON)
    book.edit(Contact, tomasz.id or 0, status="scheduled")
    complete_action(book, action, today=AS_OF)
    assert book.get(Contact, tomasz.id or 0).status is PipelineStatus.SCHEDULED


def test_a_done_follow_up_counts_as_the_second_message(book: Workbook) -> None:
    _unanswered(book, date(2026, 3, 2))
    complete_action(book, _only(book, FollowUpKind.NO_REPLY), today=date(2026, 3, 11))
    [action] = next_actions(book, AS_OF, calendar=WEEKDAYS_ONLY)
    assert (action.kind, action.due_on) == (FollowUpKind.MOVE_ON, date(2026, 3, 20))


def test_moving_on_marks_the_contact_as_no_reply(book: Workbook) -> None:
    tomasz = _unanswered(book, date(2026, 2, 23), date(2026, 3, 3))
    done = complete_action(book, _only(book, FollowUpKind.MOVE_ON), today=AS_OF)
    assert (done.kind, done.status) == (FollowUpKind.MOVE_ON, FollowUpStatus.DONE)
    assert book.get(Contact, tomasz.id or 0).status is PipelineStatus.NO_REPLY
    assert next_actions(book, AS_OF) == []


def test_completing_an_add_referral_step_adds_the_contact(book: Workbook) -> None:
    ken, _ = _ken_and_meeting(book, referrals=["Jonas Lindqvist"])
    _thanked(book, ken)
    reminder = complete_action(
        book, _only(book, FollowUpKind.REFERRAL), today=AS_OF, calendar=WEEKDAYS_ONLY
    )
    jonas = book.get(Contact, reminder.contact_id)
    assert (jonas.name, jonas.referred_by) == ("Jonas Lindqvist", ken.id)
    assert (reminder.status, reminder.due_on) == (FollowUpStatus.PENDING, date(2026, 3, 18))


def test_a_meeting_to_log_is_completed_by_updating_the_meeting(book: Workbook) -> None:
    ken = book.add(Contact(name="Ken Sato", status="scheduled"))
    book.add(Meeting(contact_id=ken.id or 0, starts_at=datetime(2026, 3, 12, 10)))
    action = _only(book, FollowUpKind.LOG_MEETING)
    with pytest.raises(InfoviewError, match="open your meeting with Ken Sato and mark it done"):
        complete_action(book, action, today=AS_OF)
    assert book.count(FollowUp) == 0


def test_a_note_too_long_changes_nothing(book: Workbook) -> None:
    tomasz = _unanswered(book, date(2026, 2, 23), date(2026, 3, 3))
    action = _only(book, FollowUpKind.MOVE_ON)
    with pytest.raises(InvalidRecord, match="Note is 1,001 characters long"):
        complete_action(book, action, today=AS_OF, note="x" * 1_001)
    assert book.count(FollowUp) == 0
    assert book.get(Contact, tomasz.id or 0).status is PipelineStatus.CONTACTED


@pytest.mark.parametrize(("channel", "saved"), [("Card", "card"), (" email ", "email")])
def test_the_channel_may_be_given_as_text(book: Workbook, channel: str, saved: str) -> None:
    _ken_and_meeting(book)
    done = complete_action(book, _only(book, FollowUpKind.THANK_YOU), today=AS_OF, channel=channel)
    assert done.channel.value == saved


def test_an_unknown_channel_is_refused_plainly(book: Workbook) -> None:
    _ken_and_meeting(book)
    action = _only(book, FollowUpKind.THANK_YOU)
    with pytest.raises(InvalidRecord, match="Send it as 'pigeon' is not one of the choices: Card"):
        complete_action(book, action, today=AS_OF, channel="pigeon")
    assert book.count(FollowUp) == 0


def test_an_action_for_a_deleted_contact_is_refused_plainly(book: Workbook) -> None:
    ken, _ = _ken_and_meeting(book)
    action = _only(book, FollowUpKind.THANK_YOU)
    book.delete(Contact, ken.id or 0)
    with pytest.raises(InvalidRecord, match="there is no contact number"):
        complete_action(book, action, today=AS_OF)


def test_a_note_in_brackets_after_a_referral_is_kept_apart_from_the_name(book: Workbook) -> None:
    _, meeting_id = _ken_and_meeting(book, referrals=("Tomás Rivera (city epidemiologist)",))
    contact, _ = add_referral(book, meeting_id, "Tomás Rivera (city epidemiologist)", today=AS_OF)
    assert (contact.name, contact.notes) == ("Tomás Rivera", "city epidemiologist")
    assert not [a for a in next_actions(book, AS_OF) if a.referral_name]


def test_every_name_the_package_offers_is_loaded_from_its_module() -> None:
    import importlib

    import infoview_lib.workflow as package

    assert sorted(package.__all__) == sorted(package._HOMES)
    for name, home in package._HOMES.items():
        module = importlib.import_module(f"infoview_lib.workflow.{home}")
        assert getattr(package, name) is getattr(module, name)
    with pytest.raises(AttributeError):
        package.no_such_operation  # noqa: B018
