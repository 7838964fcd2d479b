# mypy: disable-error-code="arg-type"
"""The fourth notebook's forms: plan a meeting, the checklist and readiness, move or cancel."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from infoview_lib.model import (
    Contact,
    Meeting,
    MeetingFormat,
    MeetingStatus,
    PipelineStatus,
    Question,
    ResearchNote,
    StudentProfile,
)
from infoview_lib.store import Workbook
from infoview_lib.ui import session
from infoview_lib.ui.meeting import PlanMeeting, plan_meeting

TODAY = date(2026, 3, 16)
NOW = datetime(2026, 3, 16, 9, 0)
HOSTILE = "Wei <script>alert(1)</script>"
QUESTIONS = [
    "What trends are shaping your field right now?",
    "Can you tell me about your career path?",
    "What do you find most rewarding about your work?",
    "What prepared you most for your current position?",
    "What advice would you give someone starting out?",
    "Is there anyone else that you think I should talk to?",
]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """A workbook with one contact, Wei, and research on Wei's clinic."""
    where = tmp_path / "ana.infoview"
    with Workbook.create(where, StudentProfile(name="Ana Lima")) as book:
        book.add(Contact(name="Wei Ng", organisation="Riverside Clinic", status="contacted"))
        book.add(ResearchNote(organisation="Riverside Clinic", text="A community clinic."))
    return where


def _planned(path: Path, **changes: Any) -> int:
    """Save a meeting with Wei, tomorrow at 14:00, with six good questions."""
    fields: dict[str, Any] = {
        "contact_id": 1,
        "starts_at": datetime(2026, 3, 17, 14, 0),
        "place": "Riverside Café",
        **changes,
    }
    with Workbook.open(path) as book:
        meeting = book.add(Meeting(**fields))
        assert meeting.id is not None
        for position, text in enumerate(QUESTIONS):
            book.add(Question(meeting_id=meeting.id, text=text, position=position))
    return meeting.id


def _fill(planner: PlanMeeting, **values: Any) -> None:
    for name, value in values.items():
        planner.schedule.fields[name].widget.value = value


def _meetings(path: Path) -> list[Meeting]:
    with Workbook.open(path) as book:
        return book.all(Meeting)


def test_planning_a_meeting_saves_it_and_shows_its_checklist(path: Path) -> None:
    planner = PlanMeeting(path, TODAY, NOW)
    assert planner.picker.value is None
    assert "Save the meeting first" in planner.checklist_box.children[0].value
    _fill(
        planner,
        contact_id=1,
        day=date(2026, 3, 18),
        time="2:30 pm",
        place="Riverside Café",
        format=MeetingFormat.VIDEO,
        planned_minutes="25",
    )
    planner.schedule.button.click()
    status = planner.schedule.status.value
    assert "Saved." in status
    assert "Wednesday 18 March 2026 at 14:30" in status
    [meeting] = _meetings(path)
    assert (meeting.starts_at, meeting.place, meeting.format, meeting.planned_minutes) == (
        datetime(2026, 3, 18, 14, 30),
        "Riverside Café",
        MeetingFormat.VIDEO,
        25,
    )
    with Workbook.open(path) as book:
        assert book.get(Contact, 1).status is PipelineStatus.SCHEDULED
    assert planner.picker.value == meeting.id
    assert planner.schedule.values()["time"] == "14:30"
    assert planner.checklist is not None
    assert "offer_to_pay" not in planner.checklist.fields  # a video call: nothing to pay for
    research = planner.checklist.fields["research_done"].widget
    assert research.value
    assert research.disabled
    assert "worked out from your workbook" in planner.checklist_box.children[3].children[1].value
    assert "Not ready yet:" in planner.readiness.value


def test_an_existing_meeting_fills_the_form_and_saves_changes(path: Path) -> None:
    meeting_id = _planned(path)
    planner = PlanMeeting(path, TODAY, NOW)
    assert planner.picker.value == meeting_id  # the next meeting is shown first
    assert planner.schedule.values()["time"] == "14:00"
    assert planner.schedule.button.description == "Save changes"
    _fill(planner, place="Their office, 3rd floor", format=MeetingFormat.OFFICE)
    planner.schedule.button.click()
    assert "Saved." in planner.schedule.status.value
    [meeting] = _meetings(path)
    assert (meeting.place, meeting.format) == ("Their office, 3rd floor", MeetingFormat.OFFICE)


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"time": "25:00"}, "time", "Time &quot;25:00&quot; is not a time of day"),
        ({"time": "after lunch"}, "time", "like 14:30"),
        ({"time": "14"}, "time", "like 14:30"),
        ({"time": " "}, "time", "Time is empty"),
        ({"day": None}, "day", "Day is empty: pick the day"),
        ({"planned_minutes": "500"}, "planned_minutes", "500 is out of range: use 5 to 180"),
        ({"planned_minutes": "2"}, "planned_minutes", "out of range"),
        ({"planned_minutes": "half an hour"}, "planned_minutes", "whole number"),
        ({"planned_minutes": ""}, "planned_minutes", "20 to 30 minutes is usual"),
        ({"contact_id": None}, "contact_id", "pick who you are meeting"),
        ({"place": "x" * 300}, "place", "Place"),
    ],
)
def test_a_bad_entry_is_shown_by_its_field_and_nothing_is_lost(
    path: Path, values: dict[str, Any], field: str, message: str
) -> None:
    planner = PlanMeeting(path, TODAY, NOW)
    _fill(planner, contact_id=1, day=date(2026, 3, 18), time="14:30", place="Café")
    _fill(planner, **values)
    typed = planner.schedule.values()
    planner.schedule.button.click()
    assert _meetings(path) == []
    error = planner.schedule.fields[field].error.value
    assert "Fix this:" in error
    assert message in error
    assert "Not saved." in planner.schedule.status.value
    assert planner.schedule.values() == typed


def test_every_problem_is_shown_at_once(path: Path) -> None:
    planner = PlanMeeting(path, TODAY, NOW)
    _fill(planner, time="noonish", planned_minutes="0")
    planner.schedule.button.click()
    shown = {name for name, item in planner.schedule.fields.items() if item.error.value}
    assert shown == {"contact_id", "day", "time", "planned_minutes"}


def test_a_failed_save_keeps_the_input_and_says_why(path: Path) -> None:
    planner = PlanMeeting(path, TODAY, NOW)
    _fill(planner, contact_id=1, day=date(2026, 3, 18), time="14:30", place="Café")
    typed = planner.schedule.values()
    path.unlink()  # the file went away, say a USB stick was pulled out
    planner.schedule.button.click()
    status = planner.schedule.status.value
    assert "Not saved." in status
    assert "Everything you typed is still here." in status
    assert "Traceback" not in status
    assert planner.schedule.values() == typed


def test_ticks_are_saved_and_readiness_follows_them(path: Path) -> None:
    meeting_id = _planned(path)
    planner = PlanMeeting(path, TODAY, NOW)
    assert planner.checklist is not None
    fields = planner.checklist.fields
    assert fields["questions_ready"].widget.disabled  # the six questions pass the check
    assert "Not ready yet:" in planner.readiness.value
    assert "not confirmed it yet" in planner.readiness.value  # the meeting is tomorrow
    for item in ("confirm_day_before", "dress_professionally", "paper_and_pen", "contact_info"):
        fields[item].widget.value = True
    planner.checklist.button.click()
    assert "Saved." in planner.ticks_status.value
    with Workbook.open(path) as book:
        saved = book.get(Meeting, meeting_id).checklist
    assert set(saved) == {
        "confirm_day_before",
        "dress_professionally",
        "paper_and_pen",
        "contact_info",
    }
    assert "<b>Ready.</b>" in planner.readiness.value
    assert "You are ready for your meeting with Wei Ng (tomorrow at 14:00)." in (
        planner.readiness.value
    )
    assert planner.checklist.fields["paper_and_pen"].widget.value  # drawn again from the file

    planner.checklist.fields["paper_and_pen"].widget.value = False
    planner.checklist.button.click()
    with Workbook.open(path) as book:
        assert "paper_and_pen" not in book.get(Meeting, meeting_id).checklist
    assert "Not ready yet:" in planner.readiness.value
    assert "pack paper and a pen" in planner.readiness.value


def test_unsaved_ticks_are_flagged_and_saved_before_switching_meeting(path: Path) -> None:
    meeting_id = _planned(path)
    planner = PlanMeeting(path, TODAY, NOW)
    assert planner.checklist is not None
    planner.checklist.fields["on_time"].widget.value = True
    assert "Not saved yet" in planner.ticks_status.value
    planner.picker.value = None  # the student picks "Plan a new meeting"
    with Workbook.open(path) as book:
        assert "on_time" in book.get(Meeting, meeting_id).checklist
    assert "were saved before switching" in planner.ticks_status.value


def test_ticks_for_another_kind_of_meeting_are_kept(path: Path) -> None:
    meeting_id = _planned(path, format="video", checklist=("offer_to_pay",))
    planner = PlanMeeting(path, TODAY, NOW)
    assert planner.checklist is not None
    planner.checklist.fields["on_time"].widget.value = True
    planner.checklist.button.click()
    with Workbook.open(path) as book:
        assert book.get(Meeting, meeting_id).checklist == ("offer_to_pay", "on_time")


def test_moving_a_meeting_keeps_the_old_time_and_moves_questions_and_ticks(path: Path) -> None:
    meeting_id = _planned(path, checklist=("confirm_day_before", "paper_and_pen"))
    planner = PlanMeeting(path, TODAY, NOW)
    fields = planner.reschedule.fields
    fields["new_day"].widget.value = date(2026, 3, 24)
    fields["new_time"].widget.value = "9:30"
    fields["status_reason"].widget.value = "They asked to move it: a deadline at work."
    planner.reschedule.button.click()
    assert "Saved." in planner.reschedule.status.value
    assert "Tuesday 24 March 2026 at 09:30" in planner.reschedule.status.value
    old, new = _meetings(path)
    assert (old.id, old.status, old.status_reason) == (
        meeting_id,
        MeetingStatus.RESCHEDULED,
        "They asked to move it: a deadline at work.",
    )
    assert (new.starts_at, new.status, new.place) == (
        datetime(2026, 3, 24, 9, 30),
        MeetingStatus.SCHEDULED,
        "Riverside Café",
    )
    assert new.checklist == ("paper_and_pen",)  # confirm again, the day before the new time
    with Workbook.open(path) as book:
        assert book.count(Question, meeting_id=new.id) == len(QUESTIONS)
        assert book.count(Question, meeting_id=meeting_id) == 0
    assert planner.picker.value == new.id
    assert planner.reschedule.values()["new_time"] == ""


@pytest.mark.parametrize(
    ("day", "clock", "field", "message"),
    [
        (None, "9:30", "new_day", "Day is empty"),
        (date(2026, 3, 24), "9h", "new_time", "is not a time of day"),
        (date(2026, 3, 24), "", "new_time", "Time is empty"),
        (date(2026, 3, 10), "9:30", "new_day", "already past"),
        (date(2026, 3, 17), "14:00", "new_day", "already planned"),
    ],
)
def test_a_bad_new_time_is_refused_by_its_field(
    path: Path, day: date | None, clock: str, field: str, message: str
) -> None:
    _planned(path)
    planner = PlanMeeting(path, TODAY, NOW)
    planner.reschedule.fields["new_day"].widget.value = day
    planner.reschedule.fields["new_time"].widget.value = clock
    planner.reschedule.button.click()
    assert message in planner.reschedule.fields[field].error.value
    assert "Not saved." in planner.reschedule.status.value
    assert planner.reschedule.values()["new_time"] == clock
    assert [m.status for m in _meetings(path)] == [MeetingStatus.SCHEDULED]


def test_cancelling_asks_for_the_reason(path: Path) -> None:
    meeting_id = _planned(path)
    planner = PlanMeeting(path, TODAY, NOW)
    assert "do not cancel except in an emergency" in planner.change_box.children[2].value
    planner.cancel.fields["status_reason"].widget.value = "   "
    planner.cancel.button.click()
    error = planner.cancel.fields["status_reason"].error.value
    assert "Reason is empty: say why the meeting was cancelled" in error
    assert "except in an emergency" in error
    assert "Not saved." in planner.cancel.status.value
    assert _meetings(path)[0].status is MeetingStatus.SCHEDULED

    planner.cancel.fields["status_reason"].widget.value = "My grandmother is in hospital."
    planner.cancel.button.click()
    assert "Saved." in planner.cancel.status.value
    assert planner.cancel.status in planner.change_box.children  # still on screen
    [meeting] = _meetings(path)
    assert (meeting.id, meeting.status, meeting.status_reason) == (
        meeting_id,
        MeetingStatus.CANCELLED,
        "My grandmother is in hospital.",
    )
    assert "marked cancelled" in planner.change_box.children[0].value
    assert "Getting ready no longer applies." in planner.readiness.value


def test_a_meeting_changed_elsewhere_cannot_be_cancelled_twice(path: Path) -> None:
    meeting_id = _planned(path)
    planner = PlanMeeting(path, TODAY, NOW)
    with Workbook.open(path) as book:
        book.edit(Meeting, meeting_id, status="done")
    planner.cancel.fields["status_reason"].widget.value = "Ill."
    planner.cancel.button.click()
    assert "is marked done, so it cannot be moved or cancelled" in planner.cancel.status.value
    assert planner.cancel.values()["status_reason"] == "Ill."


def test_picking_a_new_meeting_clears_the_form(path: Path) -> None:
    _planned(path)
    planner = PlanMeeting(path, TODAY, NOW)
    planner.picker.value = None
    assert planner.schedule.values()["place"] == ""
    assert planner.schedule.values()["contact_id"] is None
    assert planner.checklist is None


def test_student_text_is_escaped(tmp_path: Path) -> None:
    path = tmp_path / "ana.infoview"
    with Workbook.create(path, StudentProfile(name="Ana Lima")) as book:
        book.add(Contact(name=HOSTILE))
    meeting_id = _planned(path, status="cancelled", status_reason="<img src=x onerror=alert(1)>")
    planner = PlanMeeting(path, TODAY, NOW)
    planner.picker.value = meeting_id
    shown = planner.readiness.value + planner.change_box.children[0].value
    assert "<script>" not in shown
    assert "<img" not in shown
    assert "Wei &lt;script&gt;" in shown
    assert "&lt;img src=x" in shown


def test_without_a_workbook_it_says_where_to_start(tmp_path: Path) -> None:
    planner = PlanMeeting(tmp_path / "none.infoview", TODAY, NOW)
    assert "There is no workbook yet" in planner.intro.value


def test_the_notebook_call_reads_the_workbook_and_day_from_the_environment(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _planned(path)
    monkeypatch.setenv(session.WORKBOOK_VARIABLE, str(path))
    monkeypatch.setenv(session.TODAY_VARIABLE, "2026-03-16")
    view = plan_meeting()
    assert view.children
    planner = PlanMeeting()
    assert (planner.path, planner.now) == (path, datetime(2026, 3, 16, 0, 0))
