# mypy: disable-error-code="arg-type"
# (these tests give choices, dates and lists as text, as forms and files do)
"""The follow-up planner: each rule as a table of records and the steps they call for."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, TypedDict

import pytest
import yaml

from infoview_lib.coach.calendar import BusinessCalendar
from infoview_lib.coach.findings import CoachingDataError
from infoview_lib.coach.followup import (
    PlannedFollowUp,
    answered_contacts,
    plan_follow_ups,
    split_referral,
)
from infoview_lib.coach.followup_rules import STEP_BLANKS, FollowUpRules, follow_up_rules
from infoview_lib.model import (
    Contact,
    FollowUp,
    FollowUpKind,
    InterviewLog,
    Meeting,
    Outreach,
)
from infoview_lib.paths import DATA_DIR_VARIABLE, data_dir

TODAY = date(2026, 3, 16)  # a Monday
NEW_YEAR = date(2027, 1, 1)
WEEKDAYS_ONLY = BusinessCalendar()

THANK_YOU = FollowUpKind.THANK_YOU
KEEP_IN_TOUCH = FollowUpKind.KEEP_IN_TOUCH
NO_REPLY = FollowUpKind.NO_REPLY
SECOND_CONTACT = FollowUpKind.SECOND_CONTACT
MOVE_ON = FollowUpKind.MOVE_ON
LOG_MEETING = FollowUpKind.LOG_MEETING
REFERRAL = FollowUpKind.REFERRAL

Step = tuple[int, FollowUpKind, date]


# -- building records ----------------------------------------------------------------


def person(
    cid: int, name: str, organisation: str = "", *, status: str = "contacted", **more: Any
) -> Contact:
    return Contact(id=cid, name=name, organisation=organisation, status=status, **more)


def sent(oid: int, cid: int, on: date, replied: date | None = None) -> Outreach:
    return Outreach(
        id=oid,
        contact_id=cid,
        subject="Your work at the clinic",
        status="sent",
        sent_on=on,
        replied_on=replied,
    )


def meeting(mid: int, cid: int, on: date, status: str = "done") -> Meeting:
    reason = "They had to travel." if status == "cancelled" else ""
    return Meeting(
        id=mid,
        contact_id=cid,
        starts_at=datetime.combine(on, time(10, 30)),
        status=status,
        status_reason=reason,
    )


def log(mid: int, **fields: Any) -> InterviewLog:
    return InterviewLog(id=mid, meeting_id=mid, **fields)


def stored(
    fid: int, cid: int, kind: FollowUpKind, due: date, *, done: date | None = None, **more: Any
) -> FollowUp:
    status = "done" if done else more.pop("status", "pending")
    return FollowUp(
        id=fid, contact_id=cid, kind=kind, due_on=due, status=status, done_on=done, **more
    )


def plan(
    contacts: Iterable[Contact] = (),
    outreach: Iterable[Outreach] = (),
    meetings: Iterable[Meeting] = (),
    logs: Iterable[InterviewLog] = (),
    follow_ups: Iterable[FollowUp] = (),
    *,
    today: date = TODAY,
    calendar: BusinessCalendar = WEEKDAYS_ONLY,
    rules: FollowUpRules | None = None,
) -> list[PlannedFollowUp]:
    return plan_follow_ups(
        contacts, outreach, meetings, logs, follow_ups, today=today, calendar=calendar, rules=rules
    )


def steps(planned: Sequence[PlannedFollowUp]) -> list[Step]:
    return [(step.contact_id, step.kind, step.due_on) for step in planned]


KEN = person(1, "Ken Sato", "Kestrel Payments", status="met")


# -- a thank-you after a meeting ---------------------------------------------------------


@pytest.mark.parametrize(
    ("met_on", "holidays", "due"),
    [
        pytest.param(date(2026, 3, 16), (), date(2026, 3, 17), id="monday-to-tuesday"),
        pytest.param(date(2026, 1, 30), (), date(2026, 1, 31), id="friday-to-saturday"),
        pytest.param(date(2026, 12, 31), (NEW_YEAR,), NEW_YEAR, id="new-years-eve"),
        pytest.param(date(2028, 2, 28), (), date(2028, 2, 29), id="leap-day"),
        pytest.param(date(2026, 2, 28), (), date(2026, 3, 1), id="february-end"),
    ],
)
def test_thank_you_is_due_the_next_calendar_day(
    met_on: date, holidays: tuple[date, ...], due: date
) -> None:
    planned = plan(
        [KEN],
        meetings=[meeting(1, 1, met_on)],
        today=met_on,
        calendar=BusinessCalendar(frozenset(holidays)),
    )
    assert steps(planned) == [(1, THANK_YOU, due)]
    assert planned[0].meeting_id == 1
    assert planned[0].since == met_on
    assert "Ken Sato" in planned[0].reason
    assert "card or email" in planned[0].reason


MET = date(2026, 3, 9)


@pytest.mark.parametrize(
    ("follow_ups", "expected"),
    [
        pytest.param([], [(1, THANK_YOU, date(2026, 3, 10))], id="nothing-stored"),
        pytest.param([stored(1, 1, THANK_YOU, MET, done=MET)], [], id="done-same-evening"),
        pytest.param(
            [stored(1, 1, THANK_YOU, date(2026, 3, 10), done=date(2026, 3, 12))], [], id="done-late"
        ),
        pytest.param(
            [stored(1, 1, THANK_YOU, date(2026, 3, 10), status="skipped")], [], id="skipped"
        ),
        pytest.param([stored(1, 1, THANK_YOU, date(2026, 3, 10))], [], id="already-on-the-list"),
        pytest.param(
            [stored(1, 1, THANK_YOU, date(2026, 1, 20), done=date(2026, 1, 20))],
            [(1, THANK_YOU, date(2026, 3, 10))],
            id="done-for-an-earlier-meeting",
        ),
        pytest.param(
            [stored(1, 1, NO_REPLY, date(2026, 3, 10), done=date(2026, 3, 10))],
            [(1, THANK_YOU, date(2026, 3, 10))],
            id="another-kind-done",
        ),
        pytest.param(
            [stored(1, 2, THANK_YOU, date(2026, 3, 10), done=date(2026, 3, 10))],
            [(1, THANK_YOU, date(2026, 3, 10))],
            id="done-for-someone-else",
        ),
    ],
)
def test_thank_you_is_satisfied_by_a_stored_one_after_the_meeting(
    follow_ups: list[FollowUp], expected: list[Step]
) -> None:
    other = person(2, "Aoife O'Sullivan", status="met")
    assert (
        steps(plan([KEN, other], meetings=[meeting(1, 1, MET)], follow_ups=follow_ups)) == expected
    )


@pytest.mark.parametrize(
    ("status", "logged", "met_on", "expected"),
    [
        pytest.param(
            "done", False, date(2026, 3, 12), [(1, THANK_YOU, date(2026, 3, 13))], id="done"
        ),
        pytest.param("done", False, TODAY, [(1, THANK_YOU, date(2026, 3, 17))], id="done-today"),
        pytest.param(
            "scheduled",
            False,
            date(2026, 3, 12),
            [(1, LOG_MEETING, date(2026, 3, 13))],
            id="past-unlogged",
        ),
        pytest.param(
            "scheduled",
            True,
            date(2026, 3, 12),
            [(1, THANK_YOU, date(2026, 3, 13))],
            id="past-logged",
        ),
        pytest.param("scheduled", False, TODAY, [], id="later-today"),
        pytest.param("scheduled", True, date(2026, 3, 20), [], id="future"),
        pytest.param("cancelled", False, date(2026, 3, 12), [], id="cancelled"),
        pytest.param("rescheduled", False, date(2026, 3, 12), [], id="rescheduled"),
    ],
)
def test_a_meeting_calls_for_a_thank_you_once_it_happened(
    status: str, logged: bool, met_on: date, expected: list[Step]
) -> None:
    logs = [log(1, notes="Talked about on-call.")] if logged else []
    assert steps(plan([KEN], meetings=[meeting(1, 1, met_on, status)], logs=logs)) == expected


def test_a_past_meeting_still_planned_asks_to_be_logged_in_plain_words() -> None:
    [step] = plan([KEN], meetings=[meeting(1, 1, date(2026, 3, 12), "scheduled")])
    assert step.kind is LOG_MEETING
    assert "Thursday 12 March 2026 is still marked as planned" in step.reason
    assert "cancelled or rescheduled" in step.reason


def test_only_the_latest_meeting_with_someone_needs_a_thank_you() -> None:
    meetings = [meeting(1, 1, date(2026, 2, 2)), meeting(2, 1, date(2026, 3, 9))]
    [step] = plan([KEN], meetings=meetings)
    assert (step.meeting_id, step.due_on) == (2, date(2026, 3, 10))


# -- messages with no reply ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sent_on", "holidays", "second_contact", "follow_up"),
    [
        pytest.param(
            date(2026, 1, 30), (), date(2026, 2, 4), date(2026, 2, 10), id="friday-over-month-end"
        ),
        pytest.param(
            date(2026, 12, 30), (), date(2027, 1, 4), date(2027, 1, 8), id="over-year-end"
        ),
        pytest.param(
            date(2026, 12, 30),
            (NEW_YEAR,),
            date(2027, 1, 5),
            date(2027, 1, 11),
            id="new-year-holiday",
        ),
        pytest.param(
            date(2026, 1, 31), (), date(2026, 2, 4), date(2026, 2, 10), id="sent-on-saturday"
        ),
        pytest.param(date(2028, 2, 24), (), date(2028, 2, 29), date(2028, 3, 6), id="leap-year"),
    ],
)
def test_no_reply_steps_count_business_days(
    sent_on: date, holidays: tuple[date, ...], second_contact: date, follow_up: date
) -> None:
    renee = person(2, "Renée D'Arcy", "Riverside Clinic")
    planned = plan(
        [renee],
        [sent(1, 2, sent_on)],
        today=sent_on,
        calendar=BusinessCalendar(frozenset(holidays)),
    )
    assert steps(planned) == [(2, SECOND_CONTACT, second_contact), (2, NO_REPLY, follow_up)]
    assert all(step.outreach_id == 1 for step in planned)


def test_no_reply_reasons_say_what_to_do_and_why() -> None:
    renee = person(2, "Renée D'Arcy", "Riverside Clinic")
    second, nudge = plan([renee], [sent(1, 2, date(2026, 3, 2))])
    assert "second person at Riverside Clinic" in second.reason
    assert "3 working days" in second.reason
    assert "Monday 2 March 2026" in second.reason
    assert "one short, friendly follow-up" in nudge.reason.casefold()
    assert "7 working days" in nudge.reason


def test_someone_without_an_organisation_gets_no_second_contact_step() -> None:
    planned = plan([person(3, "Tomasz Wiśniewski")], [sent(1, 3, date(2026, 3, 2))])
    assert steps(planned) == [(3, NO_REPLY, date(2026, 3, 11))]


RIVERSIDE_ANA = person(2, "Ana Diaz", "Riverside Clinic")
RIVERSIDE_BO = person(3, "Bo Chen", "  riverside   CLINIC ")
KESTREL_CY = person(4, "Cy Moreau", "Kestrel Payments")
LONER_DEE = person(5, "Dee Okafor")
LONER_EVE = person(6, "Eve Lund")
PEOPLE = [RIVERSIDE_ANA, RIVERSIDE_BO, KESTREL_CY, LONER_DEE, LONER_EVE]
MAR_2 = date(2026, 3, 2)


@pytest.mark.parametrize(
    ("outreach", "quiet"),
    [
        pytest.param(
            [sent(1, 2, MAR_2), sent(2, 3, MAR_2, date(2026, 3, 4))], {2, 3}, id="colleague-replied"
        ),
        pytest.param([sent(1, 2, MAR_2, date(2026, 3, 3))], {2}, id="they-replied"),
        pytest.param(
            [sent(1, 2, MAR_2), sent(2, 3, date(2026, 2, 16), date(2026, 2, 18))],
            {3},
            id="reply-came-before",
        ),
        pytest.param([sent(1, 2, MAR_2), sent(2, 3, MAR_2, MAR_2)], {2, 3}, id="reply-same-day"),
        pytest.param(
            [sent(1, 2, MAR_2), sent(2, 4, MAR_2, date(2026, 3, 4))], {4}, id="other-organisation"
        ),
        pytest.param(
            [sent(1, 5, MAR_2), sent(2, 6, MAR_2, date(2026, 3, 4))], {6}, id="no-organisation"
        ),
        pytest.param([sent(1, 2, MAR_2)], set(), id="nobody-replied"),
    ],
)
def test_a_reply_from_anyone_at_the_organisation_answers_messages_sent_up_to_it(
    outreach: list[Outreach], quiet: set[int]
) -> None:
    assert answered_contacts(PEOPLE, outreach) == quiet
    chased = {step.contact_id for step in plan(PEOPLE, outreach)}
    assert not chased & quiet
    written = {message.contact_id for message in outreach}
    assert chased == written - quiet


def test_a_reply_from_a_colleague_cancels_every_no_reply_step() -> None:
    outreach = [sent(1, 2, MAR_2), sent(2, 3, date(2026, 3, 3), date(2026, 3, 5))]
    follow_ups = [stored(1, 2, NO_REPLY, date(2026, 3, 11), done=date(2026, 3, 4))]
    assert plan(PEOPLE, outreach, follow_ups=follow_ups) == []


def test_writing_to_a_second_person_there_is_the_second_contact() -> None:
    outreach = [sent(1, 2, MAR_2), sent(2, 3, date(2026, 3, 5))]
    assert steps(plan(PEOPLE, outreach)) == [
        (2, NO_REPLY, date(2026, 3, 11)),
        (3, NO_REPLY, date(2026, 3, 16)),
    ]


@pytest.mark.parametrize(
    ("outreach", "follow_ups", "expected"),
    [
        pytest.param([sent(1, 5, MAR_2)], [], [(5, NO_REPLY, date(2026, 3, 11))], id="one-message"),
        pytest.param(
            [sent(1, 5, MAR_2), sent(2, 5, date(2026, 3, 9))],
            [],
            [(5, MOVE_ON, date(2026, 3, 18))],
            id="two-messages",
        ),
        pytest.param(
            [sent(1, 5, MAR_2)],
            [stored(1, 5, NO_REPLY, date(2026, 3, 11), done=date(2026, 3, 11))],
            [(5, MOVE_ON, date(2026, 3, 20))],
            id="one-message-and-a-follow-up",
        ),
        pytest.param(
            [sent(1, 5, MAR_2)],
            [stored(1, 5, NO_REPLY, date(2026, 3, 11), status="skipped")],
            [],
            id="follow-up-skipped",
        ),
        pytest.param(
            [sent(1, 5, MAR_2)], [stored(1, 5, NO_REPLY, date(2026, 3, 12))], [], id="on-the-list"
        ),
        pytest.param(
            [sent(1, 5, MAR_2), sent(2, 5, date(2026, 3, 9))],
            [stored(1, 5, MOVE_ON, date(2026, 3, 18), done=date(2026, 3, 16))],
            [],
            id="moved-on",
        ),
        pytest.param(
            [sent(1, 5, date(2025, 10, 1), date(2025, 10, 2)), sent(2, 5, MAR_2)],
            [stored(1, 5, NO_REPLY, date(2025, 10, 10), done=date(2025, 10, 10))],
            [(5, NO_REPLY, date(2026, 3, 11))],
            id="last-autumns-conversation-does-not-count",
        ),
    ],
)
def test_one_follow_up_then_stop(
    outreach: list[Outreach], follow_ups: list[FollowUp], expected: list[Step]
) -> None:
    assert steps(plan([LONER_DEE], outreach, follow_ups=follow_ups)) == expected


def test_the_stop_step_says_why_in_plain_words() -> None:
    [step] = plan([LONER_DEE], [sent(1, 5, MAR_2), sent(2, 5, date(2026, 3, 9))])
    assert step.outreach_id == 2
    assert "2 times without a reply" in step.reason
    assert 'mark them as "no reply"' in step.reason


@pytest.mark.parametrize(
    ("status", "meetings", "chased"),
    [
        pytest.param("contacted", [], True, id="contacted"),
        pytest.param("identified", [], True, id="status-not-updated"),
        pytest.param("no_reply", [], False, id="marked-no-reply"),
        pytest.param("declined", [], False, id="declined"),
        pytest.param("scheduled", [], False, id="scheduled"),
        pytest.param(
            "contacted",
            [meeting(1, 5, date(2026, 3, 20), "scheduled")],
            False,
            id="meeting-arranged",
        ),
        pytest.param(
            "contacted",
            [meeting(1, 5, date(2026, 3, 20), "cancelled")],
            True,
            id="meeting-cancelled",
        ),
        pytest.param(
            "contacted", [meeting(1, 5, date(2025, 9, 1))], True, id="meeting-long-before"
        ),
    ],
)
def test_only_someone_still_waited_on_is_chased(
    status: str, meetings: list[Meeting], chased: bool
) -> None:
    dee = replace(LONER_DEE, status=status)
    planned = plan([dee], [sent(1, 5, MAR_2)], meetings)
    assert (NO_REPLY in {step.kind for step in planned}) is chased


# -- keeping in touch ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("met_on", "follow_ups", "expected_due", "wording"),
    [
        pytest.param(
            date(2026, 3, 9), [], date(2026, 3, 16), "about a week later", id="first-update"
        ),
        pytest.param(
            date(2026, 12, 28), [], date(2027, 1, 4), "about a week later", id="over-year-end"
        ),
        pytest.param(
            date(2026, 1, 20),
            [stored(9, 1, KEEP_IN_TOUCH, date(2026, 1, 27), done=date(2026, 1, 31))],
            date(2026, 2, 28),
            "Saturday 31 January 2026",
            id="january-31-to-february-28",
        ),
        pytest.param(
            date(2028, 1, 20),
            [stored(9, 1, KEEP_IN_TOUCH, date(2028, 1, 27), done=date(2028, 1, 31))],
            date(2028, 2, 29),
            "Monday 31 January 2028",
            id="leap-year-february-29",
        ),
        pytest.param(
            date(2028, 1, 20),
            [
                stored(8, 1, KEEP_IN_TOUCH, date(2028, 1, 27), done=date(2028, 1, 31)),
                stored(9, 1, KEEP_IN_TOUCH, date(2028, 2, 29), done=date(2028, 2, 29)),
            ],
            date(2028, 3, 29),
            "Tuesday 29 February 2028",
            id="from-the-latest-update",
        ),
        pytest.param(
            date(2026, 12, 1),
            [stored(9, 1, KEEP_IN_TOUCH, date(2026, 12, 31), status="skipped")],
            date(2027, 1, 31),
            "Thursday 31 December 2026",
            id="after-a-skipped-update",
        ),
        pytest.param(
            date(2026, 3, 9),
            [stored(9, 1, KEEP_IN_TOUCH, date(2025, 11, 1), done=date(2025, 11, 1))],
            date(2026, 3, 16),
            "about a week later",
            id="update-before-this-meeting",
        ),
    ],
)
def test_keep_in_touch_a_week_later_then_monthly(
    met_on: date, follow_ups: list[FollowUp], expected_due: date, wording: str
) -> None:
    logs = [log(1, willing_to_keep_in_touch=True)]
    follow_ups = [*follow_ups, stored(1, 1, THANK_YOU, met_on, done=met_on)]
    planned = plan(
        [KEN], meetings=[meeting(1, 1, met_on)], logs=logs, follow_ups=follow_ups, today=met_on
    )
    assert steps(planned) == [(1, KEEP_IN_TOUCH, expected_due)]
    assert wording in planned[0].reason


@pytest.mark.parametrize(
    ("willing", "status", "follow_ups", "planned"),
    [
        pytest.param(True, "met", [], True, id="willing"),
        pytest.param(False, "met", [], False, id="not-willing"),
        pytest.param(None, "met", [], False, id="not-asked"),
        pytest.param(True, "declined", [], False, id="declined-since"),
        pytest.param(
            True, "met", [stored(9, 1, KEEP_IN_TOUCH, date(2026, 4, 2))], False, id="on-the-list"
        ),
    ],
)
def test_keep_in_touch_only_with_someone_willing(
    willing: bool | None, status: str, follow_ups: list[FollowUp], planned: bool
) -> None:
    ken = replace(KEN, status=status)
    logs = [log(1, willing_to_keep_in_touch=willing)]
    found = plan([ken], meetings=[meeting(1, 1, MET)], logs=logs, follow_ups=follow_ups)
    assert (KEEP_IN_TOUCH in {step.kind for step in found}) is planned


def test_the_latest_answer_about_keeping_in_touch_counts() -> None:
    meetings = [meeting(1, 1, date(2026, 1, 12)), meeting(2, 1, MET)]
    logs = [log(1, willing_to_keep_in_touch=True), log(2, willing_to_keep_in_touch=False)]
    assert KEEP_IN_TOUCH not in {step.kind for step in plan([KEN], meetings=meetings, logs=logs)}


# -- referrals ------------------------------------------------------------------------


FATIMA = "Fatima Zahra Benali"
JONAS = "Jonas Lindqvist"


@pytest.mark.parametrize(
    ("added", "expected"),
    [
        pytest.param([], [FATIMA, JONAS], id="none-added"),
        pytest.param([person(7, "Fatima Zahra Benali", referred_by=1)], [JONAS], id="one-added"),
        pytest.param(
            [person(7, "  FÁTIMA  zahra benali", referred_by=1)], [JONAS], id="accents-and-case"
        ),
        pytest.param(
            [person(7, FATIMA, referred_by=2)], [FATIMA, JONAS], id="referred-by-someone-else"
        ),
        pytest.param([person(7, FATIMA)], [FATIMA, JONAS], id="same-name-no-referrer"),
        pytest.param(
            [person(7, FATIMA, referred_by=1), person(8, JONAS, referred_by=1)], [], id="both-added"
        ),
    ],
)
def test_names_they_suggested_become_add_a_contact_steps(
    added: list[Contact], expected: list[str]
) -> None:
    logs = [log(1, referrals=[FATIMA, JONAS])]
    other = person(2, "Aoife O'Sullivan", status="met")
    follow_ups = [stored(1, 1, THANK_YOU, MET, done=MET), stored(2, 1, REFERRAL, date(2026, 3, 20))]
    planned = plan(
        [KEN, other, *added], meetings=[meeting(1, 1, MET)], logs=logs, follow_ups=follow_ups
    )
    assert [step.referral_name for step in planned] == expected
    assert all(
        (step.contact_id, step.kind, step.due_on, step.meeting_id)
        == (1, REFERRAL, date(2026, 3, 11), 1)
        for step in planned
    )


def test_a_name_suggested_twice_is_one_step_and_says_why() -> None:
    meetings = [meeting(1, 1, date(2026, 2, 2)), meeting(2, 1, MET)]
    logs = [log(1, referrals=[FATIMA]), log(2, referrals=["fatima zahra benali"])]
    follow_ups = [stored(1, 1, THANK_YOU, MET, done=MET)]
    [step] = plan([KEN], meetings=meetings, logs=logs, follow_ups=follow_ups)
    assert (step.meeting_id, step.due_on) == (1, date(2026, 2, 4))
    assert "Ken Sato suggested you talk to Fatima Zahra Benali" in step.reason
    assert "connection" in step.reason


def test_referrals_from_a_meeting_that_did_not_happen_are_ignored() -> None:
    logs = [log(1, referrals=[FATIMA])]
    assert plan([KEN], meetings=[meeting(1, 1, MET, "cancelled")], logs=logs) == []


# -- everything together -------------------------------------------------------------------


class Records(TypedDict):
    contacts: list[Contact]
    outreach: list[Outreach]
    meetings: list[Meeting]
    logs: list[InterviewLog]
    follow_ups: list[FollowUp]


def scenario() -> Records:
    """Five people at every stage on Monday 16 March 2026."""
    return {
        "contacts": [
            KEN,
            person(2, "Renée D'Arcy", "Riverside Clinic"),
            person(3, "Tomasz Wiśniewski"),
            person(4, "Aoife O'Sullivan", "Harbour Labs", status="scheduled"),
            person(5, "Graciela Méndez", "City Archive", status="keeping_in_touch"),
        ],
        "outreach": [
            sent(1, 1, date(2026, 2, 20), date(2026, 2, 23)),
            sent(2, 2, date(2026, 3, 2)),
            sent(3, 3, date(2026, 2, 23)),
            sent(4, 3, date(2026, 3, 3)),
            sent(5, 4, date(2026, 3, 2), date(2026, 3, 3)),
        ],
        "meetings": [
            meeting(1, 1, date(2026, 3, 9)),
            meeting(2, 4, date(2026, 3, 12), "scheduled"),
            meeting(3, 5, date(2026, 3, 4)),
        ],
        "logs": [
            log(
                1,
                key_advice="Learn to read production.",
                referrals=[FATIMA],
                willing_to_keep_in_touch=True,
            ),
            log(3, notes="Archives hire through fellowships.", willing_to_keep_in_touch=True),
        ],
        "follow_ups": [
            stored(1, 5, THANK_YOU, date(2026, 3, 5), done=date(2026, 3, 5)),
            stored(2, 5, KEEP_IN_TOUCH, date(2026, 3, 11), done=date(2026, 3, 11)),
        ],
    }


SCENARIO_STEPS = [
    (2, SECOND_CONTACT, date(2026, 3, 5)),
    (1, THANK_YOU, date(2026, 3, 10)),
    (1, REFERRAL, date(2026, 3, 11)),
    (2, NO_REPLY, date(2026, 3, 11)),
    (3, MOVE_ON, date(2026, 3, 12)),
    (4, LOG_MEETING, date(2026, 3, 13)),
    (1, KEEP_IN_TOUCH, date(2026, 3, 16)),
    (5, KEEP_IN_TOUCH, date(2026, 4, 11)),
]


def test_a_whole_workbook_in_due_order_without_repeats() -> None:
    planned = plan(**scenario())
    assert steps(planned) == SCENARIO_STEPS
    keys = [(step.contact_id, step.kind, step.referral_name) for step in planned]
    assert len(keys) == len(set(keys))


def test_planning_is_the_same_whatever_order_the_records_come_in() -> None:
    records = scenario()
    backwards = Records(
        contacts=records["contacts"][::-1],
        outreach=records["outreach"][::-1],
        meetings=records["meetings"][::-1],
        logs=records["logs"][::-1],
        follow_ups=records["follow_ups"][::-1],
    )
    assert plan(**backwards) == plan(**records)


def test_unsaved_records_are_refused() -> None:
    with pytest.raises(ValueError, match="no id"):
        plan([Contact(name="Ken Sato")])


# -- the wording and numbers in follow-up.yaml ----------------------------------------------


def test_the_shipped_rules_hold_the_guides_numbers() -> None:
    timing = follow_up_rules().timing
    assert (timing.second_contact_business_days, timing.follow_up_business_days) == (3, 7)
    assert (timing.stop_after_messages, timing.thank_you_days) == (2, 1)
    assert (timing.first_update_days, timing.update_every_months) == (7, 1)


def test_every_blank_a_step_may_use_is_filled() -> None:
    shipped = follow_up_rules()
    every_blank = {
        name: " ".join(f"<{b}={{{b}}}>" for b in blanks) for name, blanks in STEP_BLANKS.items()
    }
    rules = FollowUpRules(
        shipped.timing, every_blank, shipped.planned, shipped.letters, shipped.placeholders
    )
    planned = plan(**scenario(), rules=rules)
    assert {step.kind for step in planned} == set(FollowUpKind)
    for step in planned:
        assert "{" not in step.reason
        assert "=>" not in step.reason  # no blank filled with nothing
    monthly = next(step for step in planned if step.contact_id == 5)
    assert "<last_day=Wednesday 11 March 2026>" in monthly.reason


Edit = Callable[[dict[str, Any]], None]


def _set(section: str, key: str, value: object) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        data[section][key] = value

    return edit


def _drop(section: str, key: str) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        del data[section][key]

    return edit


@pytest.mark.parametrize(
    ("edit", "complaint"),
    [
        pytest.param(
            _set("timing", "thank_you_days", "one"),
            r"timing 'thank_you_days': 'one' .* whole number from 0 to 14",
            id="word-for-number",
        ),
        pytest.param(
            _set("timing", "stop_after_messages", 0),
            r"'stop_after_messages': 0 .* from 1 to 5",
            id="out-of-range",
        ),
        pytest.param(
            _set("timing", "update_every_months", True),
            r"whole number from 1 to 12",
            id="yes-for-number",
        ),
        pytest.param(
            _set("timing", "thank_you_dayz", 2),
            r"'thank_you_dayz' is not a name the workbook uses",
            id="typo",
        ),
        pytest.param(
            _drop("timing", "referral_business_days"),
            r"'referral_business_days': None",
            id="number-missing",
        ),
        pytest.param(
            _set("steps", "thank_you", "Thank {contact} by {due_day}."),
            r"\{contact\} is not a blank the workbook can fill in here",
            id="unknown-blank",
        ),
        pytest.param(
            _set("steps", "no_reply", "Follow up by {due_day!r}."),
            r"not a plain blank",
            id="conversion",
        ),
        pytest.param(
            _drop("steps", "move_on"), r"steps 'move_on': the wording is missing", id="step-missing"
        ),
        pytest.param(
            _set("planned", "referral", "  "),
            r"planned 'referral': the wording is missing or empty",
            id="empty",
        ),
        pytest.param(
            _set("letters", "update", "Dear {first_name,"), r"stray brace", id="stray-brace"
        ),
        pytest.param(
            _set("placeholders", "specific", "[{specific}]"),
            r"Blanks it can fill: none",
            id="blank-in-placeholder",
        ),
        pytest.param(_set("steps", "thank_you", ["a list"]), r"missing or empty", id="not-text"),
    ],
)
def test_an_unusable_rules_file_is_refused_in_plain_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit: Edit, complaint: str
) -> None:
    shipped = data_dir() / "coaching" / "follow-up.yaml"
    data = yaml.safe_load(shipped.read_text(encoding="utf-8"))
    edit(data)
    (tmp_path / "coaching").mkdir()
    (tmp_path / "coaching" / "follow-up.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path))
    with pytest.raises(CoachingDataError, match=complaint) as raised:
        follow_up_rules()
    assert "follow-up.yaml" in str(raised.value)


@pytest.mark.parametrize(
    "typed",
    [
        "Priya Raman (CDC)",
        '=HYPERLINK("http://x.example","y")',
        'Anne "Nan" Lee',
        "Marcus D'Amico",
        "<b>Bo</b> (the lab's manager)",
    ],
)
def test_a_suggested_name_is_shown_whole_in_the_step(typed: str) -> None:
    follow_ups = [stored(1, 1, THANK_YOU, MET, done=MET)]
    [step] = plan(
        [KEN],
        meetings=[meeting(1, 1, MET)],
        logs=[log(1, referrals=[typed])],
        follow_ups=follow_ups,
    )
    assert step.referral_name == typed
    assert f"suggested you talk to {typed}. Add {typed} as a contact" in step.reason


def test_a_name_with_its_note_is_done_once_the_name_alone_is_a_contact() -> None:
    added = person(7, "Priya Raman", referred_by=1)
    follow_ups = [stored(1, 1, THANK_YOU, MET, done=MET)]
    logs = [log(1, referrals=["Priya Raman (CDC)"])]
    assert plan([KEN, added], meetings=[meeting(1, 1, MET)], logs=logs, follow_ups=follow_ups) == []


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Tomás Rivera (city epidemiologist)", ("Tomás Rivera", "city epidemiologist")),
        ("  Priya   Raman  (CDC) ", ("Priya Raman", "CDC")),
        ('=HYPERLINK("http://x.example")', ('=HYPERLINK("http://x.example")', "")),
        ('Anne "Nan" Lee', ('Anne "Nan" Lee', "")),
        ("Dr. (Lena) Park", ("Dr. (Lena) Park", "")),
        ("Lena Park ()", ("Lena Park ()", "")),
        ("(CDC)", ("(CDC)", "")),
    ],
)
def test_only_a_bracketed_note_at_the_end_is_taken_off_a_name(
    typed: str, expected: tuple[str, str]
) -> None:
    assert split_referral(typed) == expected
