"""The meeting checklist, readiness worked out from the workbook, and timing-aware coaching."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from infoview_lib.coach.findings import CoachingDataError, Severity
from infoview_lib.coach.meeting import (
    ItemState,
    Readiness,
    When,
    meeting_checklist,
    meeting_readiness,
)
from infoview_lib.model import Contact, Meeting, ResearchNote, StudentProfile
from infoview_lib.paths import DATA_DIR_VARIABLE, data_dir

ROOT = Path(__file__).resolve().parents[2]
MEETS = datetime(2026, 3, 24, 14, 30)  # a Tuesday
WEI = Contact(id=1, name="Wei Ng", organisation="Helix Bio")
ANA = StudentProfile(name="Ana Lima", email="ana@example.edu")
BEFORE_ITEMS = ("confirm_day_before", "dress_professionally", "research_done", "paper_and_pen")
ALL_TICKED = (
    "ask_keep_in_touch",
    "confirm_day_before",
    "contact_info",
    "dress_professionally",
    "keep_to_time",
    "offer_to_pay",
    "on_time",
    "paper_and_pen",
    "questions_ready",
    "research_done",
    "resume_if_asked",
)


def _check(
    *,
    now: datetime,
    ticked: tuple[str, ...] = (),
    notes: tuple[ResearchNote, ...] = (),
    questions: bool | None = True,
    profile: StudentProfile = ANA,
    contact: Contact = WEI,
    **meeting: Any,
) -> Readiness:
    planned = Meeting(contact_id=1, starts_at=MEETS, checklist=ticked, **meeting)
    return meeting_readiness(planned, contact, profile, notes, questions, now=now)


def _states(readiness: Readiness) -> dict[str, ItemState]:
    return {entry.item.id: entry.state for entry in readiness.items}


# -- the checklist ---------------------------------------------------------------------------


def test_the_checklist_follows_the_guide() -> None:
    items = meeting_checklist()
    assert tuple(item.id for item in items) == (
        "confirm_day_before",
        "on_time",
        "dress_professionally",
        "research_done",
        "questions_ready",
        "paper_and_pen",
        "contact_info",
        "resume_if_asked",
        "offer_to_pay",
        "keep_to_time",
        "ask_keep_in_touch",
    )
    for item in items:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", item.id)
        assert item.label
        assert item.hint
        assert "guide" in item.why, item.id
    assert {item.id for item in items if item.when is When.AT_MEETING} == {
        "on_time",
        "resume_if_asked",
        "offer_to_pay",
        "keep_to_time",
        "ask_keep_in_touch",
    }


def test_the_sample_cohort_ticks_only_known_items() -> None:
    known = {item.id for item in meeting_checklist()}
    for path in sorted((ROOT / "data" / "sample" / "students").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        for ticked in re.findall(r"checklist: \[(.*?)\]", text):
            assert {tick.strip() for tick in ticked.split(",")} <= known, path.name


@pytest.mark.parametrize(
    ("kind", "left_out"),
    [
        ("coffee", set()),
        ("office", {"offer_to_pay"}),
        ("video", {"offer_to_pay"}),
        ("phone", {"offer_to_pay", "dress_professionally"}),
    ],
)
def test_items_that_do_not_fit_the_kind_of_meeting_are_left_out(
    kind: str, left_out: set[str]
) -> None:
    every = {item.id for item in meeting_checklist()}
    assert every - {item.id for item in meeting_checklist(kind)} == left_out
    readiness = _check(now=MEETS - timedelta(days=3), format=kind)
    assert every - set(_states(readiness)) == left_out


# -- worked out where it can be, asked where it cannot -----------------------------------------

NOTE_ABOUT_WEI = ResearchNote(contact_id=1, text="Leads the assay team.")
NOTE_ABOUT_HELIX = ResearchNote(organisation="HELIX BIO, Inc.", text="Makes enzymes.")
NOTE_ELSEWHERE = ResearchNote(organisation="Kestrel", text="Payments.")
C, D, T = ItemState.COMPUTED, ItemState.DONE, ItemState.TO_DO

STATE_CASES: list[tuple[str, dict[str, Any], str, ItemState]] = [
    ("research: a note on the contact", {"notes": (NOTE_ABOUT_WEI,)}, "research_done", C),
    ("research: a note on the organisation", {"notes": (NOTE_ABOUT_HELIX,)}, "research_done", C),
    ("research: notes elsewhere only", {"notes": (NOTE_ELSEWHERE,)}, "research_done", T),
    ("research: ticked without notes", {"ticked": ("research_done",)}, "research_done", D),
    ("questions: the check passed", {"questions": True}, "questions_ready", C),
    ("questions: the check failed", {"questions": False}, "questions_ready", T),
    (
        "questions: a failed check beats a tick",
        {"questions": False, "ticked": ("questions_ready",)},
        "questions_ready",
        T,
    ),
    (
        "questions: no check, ticked",
        {"questions": None, "ticked": ("questions_ready",)},
        "questions_ready",
        D,
    ),
    ("questions: no check, not ticked", {"questions": None}, "questions_ready", T),
    ("contact information: email in profile", {}, "contact_info", C),
    ("contact information: no email", {"profile": StudentProfile(name="Ana")}, "contact_info", T),
    (
        "contact information: no email, ticked",
        {"profile": StudentProfile(name="Ana"), "ticked": ("contact_info",)},
        "contact_info",
        D,
    ),
    ("asked: ticked", {"ticked": ("paper_and_pen",)}, "paper_and_pen", D),
    ("asked: not ticked", {}, "paper_and_pen", T),
]


@pytest.mark.parametrize(
    ("given", "item", "state"),
    [case[1:] for case in STATE_CASES],
    ids=[case[0] for case in STATE_CASES],
)
def test_item_states(given: dict[str, Any], item: str, state: ItemState) -> None:
    assert _states(_check(now=MEETS - timedelta(days=3), **given))[item] is state


def test_a_missing_organisation_matches_no_note() -> None:
    loner = Contact(id=1, name="Wei Ng")
    note = ResearchNote(contact_id=2, text="About someone else, with no organisation.")
    readiness = _check(now=MEETS - timedelta(days=3), contact=loner, notes=(note,))
    assert _states(readiness)["research_done"] is ItemState.TO_DO


def test_reminders_for_the_meeting_itself_do_not_hold_up_being_ready() -> None:
    readiness = _check(now=MEETS - timedelta(days=1), ticked=BEFORE_ITEMS)
    assert readiness.ready
    at_meeting = [entry for entry in readiness.items if entry.item.when is When.AT_MEETING]
    assert at_meeting
    assert all(entry.state is ItemState.TO_DO for entry in at_meeting)


# -- timing ------------------------------------------------------------------------------------

TIMING_CASES: list[tuple[str, dict[str, Any], bool, bool, list[tuple[str, Severity]]]] = [
    # id, inputs, applies, ready, findings (rule, severity) in order
    (
        "tomorrow, nothing done",
        {"now": datetime(2026, 3, 23, 9, 0), "questions": None},
        True,
        False,
        [("confirm_today", Severity.PROBLEM), ("not_ready_soon", Severity.PROBLEM)],
    ),
    (
        "tomorrow, only confirming left",
        {"now": datetime(2026, 3, 23, 23, 59), "ticked": BEFORE_ITEMS[1:]},
        True,
        False,
        [("confirm_today", Severity.PROBLEM)],
    ),
    (
        "today, not confirmed",
        {"now": datetime(2026, 3, 24, 8, 0), "ticked": BEFORE_ITEMS[1:]},
        True,
        False,
        [("confirm_now", Severity.PROBLEM)],
    ),
    (
        "in a week, only confirming left",
        {"now": datetime(2026, 3, 17, 12, 0), "ticked": BEFORE_ITEMS[1:]},
        True,
        False,
        [("confirm_on", Severity.SUGGESTION)],
    ),
    (
        "in a week, things to do",
        {"now": datetime(2026, 3, 17, 12, 0), "ticked": ("confirm_day_before",)},
        True,
        False,
        [("still_to_do", Severity.SUGGESTION)],
    ),
    (
        "tomorrow, all done",
        {"now": datetime(2026, 3, 23, 18, 0), "ticked": BEFORE_ITEMS},
        True,
        True,
        [("ready", Severity.WELL_DONE)],
    ),
    (
        "all done, an hour long",
        {"now": datetime(2026, 3, 23, 18, 0), "ticked": BEFORE_ITEMS, "planned_minutes": 60},
        True,
        True,
        [("long_meeting", Severity.SUGGESTION), ("ready", Severity.WELL_DONE)],
    ),
    (
        "a minute after it started",
        {"now": MEETS + timedelta(minutes=1), "ticked": BEFORE_ITEMS},
        False,
        False,
        [("meeting_past", Severity.SUGGESTION)],
    ),
    (
        "last week",
        {"now": MEETS + timedelta(days=7)},
        False,
        False,
        [("meeting_past", Severity.SUGGESTION)],
    ),
    (
        "marked done",
        {"now": MEETS - timedelta(days=1), "status": "done"},
        False,
        False,
        [("meeting_done", Severity.SUGGESTION)],
    ),
    (
        "cancelled",
        {"now": MEETS - timedelta(days=1), "status": "cancelled", "status_reason": "Ill"},
        False,
        False,
        [("meeting_cancelled", Severity.SUGGESTION)],
    ),
    (
        "rescheduled to a time still ahead",
        {"now": MEETS - timedelta(days=1), "status": "rescheduled", "ticked": BEFORE_ITEMS},
        True,
        True,
        [("ready", Severity.WELL_DONE)],
    ),
]


@pytest.mark.parametrize(
    ("given", "applies", "ready", "findings"),
    [case[1:] for case in TIMING_CASES],
    ids=[case[0] for case in TIMING_CASES],
)
def test_timing(
    given: dict[str, Any], applies: bool, ready: bool, findings: list[tuple[str, Severity]]
) -> None:
    readiness = _check(**given)
    assert (readiness.applies, readiness.ready) == (applies, ready)
    assert [(finding.rule, finding.severity) for finding in readiness.findings] == findings
    assert all(finding.message and finding.suggestion for finding in readiness.findings)


@pytest.mark.parametrize(
    ("now", "words"),
    [
        (datetime(2026, 3, 23, 9, 0), "Your meeting with Wei Ng is tomorrow at 14:30"),
        (datetime(2026, 3, 24, 9, 0), "Your meeting with Wei Ng is today at 14:30"),
        (datetime(2026, 3, 17, 9, 0), "on Monday 23 March, the day before"),
        (datetime(2026, 3, 31, 9, 0), "was Tuesday 24 March at 14:30"),
    ],
)
def test_messages_say_when_in_plain_words(now: datetime, words: str) -> None:
    assert words in _check(now=now).findings[0].message


def test_what_is_left_is_listed_in_plain_words() -> None:
    (finding,) = [
        f
        for f in _check(now=datetime(2026, 3, 23, 9, 0), questions=None).findings
        if f.rule == "not_ready_soon"
    ]
    assert "pack paper and a pen" in finding.message
    assert "have your questions ready" in finding.message
    assert "confirm" not in finding.message  # said by its own finding


def test_ready_lists_what_to_remember_at_the_meeting() -> None:
    (finding,) = _check(now=datetime(2026, 3, 23, 9, 0), ticked=BEFORE_ITEMS).findings
    assert "offer to pay for the coffee or lunch" in finding.suggestion
    assert "ask whether you may keep in touch" in finding.suggestion


def test_a_time_with_a_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="time zone"):
        _check(now=datetime(2026, 3, 23, 9, 0, tzinfo=UTC))


def test_the_contact_must_be_the_one_met() -> None:
    with pytest.raises(ValueError, match="contact 1, not 2"):
        _check(now=MEETS, contact=Contact(id=2, name="Kim Park"))


# -- a programme's own data file -------------------------------------------------------------


@pytest.fixture
def own_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[Any], None]:
    """Point infoview at a copy of the data folder; the returned function changes meeting.yaml."""
    shutil.copytree(data_dir() / "coaching", tmp_path / "coaching")
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path))
    target = tmp_path / "coaching" / "meeting.yaml"

    def rewrite(change: Callable[[dict[str, Any]], None]) -> None:
        data = yaml.safe_load(target.read_text(encoding="utf-8"))
        change(data)
        target.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    return rewrite


def _item(position: int, key: str, value: object) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["checklist"][position][key] = value

    return change


def _top(key: str, value: object) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        if value is KeyError:
            del data[key]
        else:
            data[key] = value

    return change


def _rule(rule: str, key: str, value: object) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        if value is KeyError:
            del data["rules"][rule]
        else:
            data["rules"][rule][key] = value

    return change


BAD_DATA: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("id with spaces", _item(0, "id", "Confirm It"), "checklist item 1: 'id'"),
    ("id used twice", _item(1, "id", "confirm_day_before"), "used twice"),
    ("unknown when", _item(0, "when", "after"), "'when' must be before or at the meeting"),
    ("unknown format", _item(0, "formats", ["lunch"]), "'lunch' under 'formats'"),
    ("empty label", _item(2, "label", ""), "'label' must be some wording"),
    ("rule missing", _rule("confirm_today", "", KeyError), "rule 'confirm_today' is missing"),
    ("unknown blank", _rule("ready", "message", "Ready for {contact}!"), "{contact}"),
    ("bad severity", _rule("ready", "severity", "great"), "severity"),
    ("six weekdays", _top("weekdays", ["Mon"] * 6), "'weekdays' must list 7"),
    ("negative soon", _top("soon_days", -1), "'soon_days'"),
    ("no checklist", _top("checklist", KeyError), "'checklist'"),
]


@pytest.mark.parametrize(
    ("change", "words"), [case[1:] for case in BAD_DATA], ids=[case[0] for case in BAD_DATA]
)
def test_a_bad_data_file_gives_a_clear_error(
    own_data: Callable[[Callable[[dict[str, Any]], None]], None],
    change: Callable[[dict[str, Any]], None],
    words: str,
) -> None:
    own_data(change)
    with pytest.raises(CoachingDataError, match=r"meeting\.yaml") as raised:
        meeting_checklist()
    assert words in str(raised.value)


def test_a_programme_can_change_the_thresholds(
    own_data: Callable[[Callable[[dict[str, Any]], None]], None],
) -> None:
    own_data(_top("longest_minutes", 20))
    readiness = _check(now=datetime(2026, 3, 23, 9, 0), ticked=BEFORE_ITEMS, planned_minutes=25)
    assert "long_meeting" in [finding.rule for finding in readiness.findings]
