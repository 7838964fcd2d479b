# mypy: disable-error-code="arg-type"
"""The fourth notebook's forms: plan a meeting, the checklist and readiness, move or cancel."""

from __future__ import annotations

import asyncio
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import ipywidgets as widgets
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
from infoview_lib.model.labels import labels
from infoview_lib.store import Workbook
from infoview_lib.ui import session
from infoview_lib.ui.components import NOTHING
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
    assert planner.picker.value == NOTHING
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
    research = planner.checkboxes["research_done"]
    assert research.value
    assert research.disabled
    assert "research_done" not in planner.checklist.fields  # worked out, never kept or saved
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
        ({"contact_id": NOTHING}, "contact_id", "pick who you are meeting"),
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
    assert planner.checkboxes["questions_ready"].disabled  # the six questions pass the check
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
    planner.picker.value = NOTHING  # the student picks "Plan a new meeting"
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
    # its checklist is shown as it was, and cannot be ticked
    assert "its checklist stays as it was" in planner.getting_ready.view.children[0].value
    assert all(box.disabled for box in planner.getting_ready.checkboxes.values())
    assert planner.getting_ready.form is not None
    assert planner.getting_ready.form.button not in planner.getting_ready.view.children


def test_the_cancel_reason_is_one_line_as_the_meeting_keeps_it(path: Path) -> None:
    """A meeting's reason fits on one line: the box to cancel it has room for one line, no
    more, so a reason typed there is saved as typed."""
    _planned(path)
    planner = PlanMeeting(path, TODAY, NOW)
    box = planner.cancel.fields["status_reason"].widget
    declared = labels(Meeting)["status_reason"]
    assert not declared.multiline
    assert isinstance(box, widgets.Text)
    assert (box.description, box.placeholder) == (declared.text, declared.example)

    box.value = "I have a fever and cannot leave home."
    planner.cancel.button.click()
    assert "Saved." in planner.cancel.status.value
    [meeting] = _meetings(path)
    assert meeting.status is MeetingStatus.CANCELLED
    assert meeting.status_reason == "I have a fever and cannot leave home."


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
    planner.picker.value = NOTHING
    assert planner.schedule.values()["place"] == ""
    assert planner.schedule.values()["contact_id"] == NOTHING
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


# -- the "none yet" entries --------------------------------------------------------------------


def test_the_none_yet_entries_have_a_value_a_drop_down_can_show(path: Path) -> None:
    planner = PlanMeeting(path, TODAY, NOW)
    contact = planner.schedule.fields["contact_id"].widget
    assert planner.picker.options[0] == ("Plan a new meeting", NOTHING)
    assert contact.options[0] == ("Pick a person", NOTHING)
    assert (planner.picker.label, contact.label) == ("Plan a new meeting", "Pick a person")
    assert planner.picked_line.value == ""  # nothing chosen yet: no line under the list


# -- unsaved input kept in the workbook ----------------------------------------------------------


def _kept(path: Path) -> dict[str, str]:
    with Workbook.open(path) as book:
        return book.settings("unsaved:")


def _typed_new_meeting(planner: PlanMeeting) -> None:
    _fill(planner, contact_id=1, day=date(2026, 3, 18), time="2:30 pm", place="Riverside Café")


def test_a_new_meeting_typed_but_not_saved_comes_back_after_a_restart(path: Path) -> None:
    _typed_new_meeting(PlanMeeting(path, TODAY, NOW))
    assert _meetings(path) == []
    # The kernel restarts: a new view, built from the workbook alone.
    planner = PlanMeeting(path, TODAY, NOW)
    assert planner.picker.value == NOTHING
    values = planner.schedule.values()
    assert (values["contact_id"], values["day"], values["time"], values["place"]) == (
        1,
        date(2026, 3, 18),
        "2:30 pm",
        "Riverside Café",
    )
    keeper = planner.schedule.unsaved
    assert keeper is not None
    assert keeper.restored
    assert keeper.view in planner.schedule.view.children
    assert "Not saved yet." in keeper.note.value
    planner.schedule.button.click()
    assert "Saved." in planner.schedule.status.value
    assert len(_meetings(path)) == 1
    assert _kept(path) == {}  # kept as "new", forgotten though the form now shows the meeting
    assert not PlanMeeting(path, TODAY, NOW).schedule.unsaved.restored  # type: ignore[union-attr]


def test_changes_to_a_planned_meeting_come_back_for_that_meeting_only(path: Path) -> None:
    meeting_id = _planned(path)
    _fill(PlanMeeting(path, TODAY, NOW), place="Their office, 3rd floor")
    assert list(_kept(path)) == [f"unsaved:meeting-plan:meeting:{meeting_id}"]
    planner = PlanMeeting(path, TODAY, NOW)
    assert planner.schedule.values()["place"] == "Their office, 3rd floor"
    planner.picker.value = NOTHING  # a new meeting: nothing typed for it
    assert planner.schedule.values()["place"] == ""
    planner.picker.value = meeting_id
    assert planner.schedule.values()["place"] == "Their office, 3rd floor"
    planner.schedule.button.click()
    assert _meetings(path)[0].place == "Their office, 3rd floor"
    assert _kept(path) == {}


def test_switching_meetings_keeps_what_was_typed_for_each(path: Path) -> None:
    first = _planned(path)
    second = _planned(path, starts_at=datetime(2026, 3, 20, 10, 0), place="Library")
    planner = PlanMeeting(path, TODAY, NOW)
    _fill(planner, place="Riverside Café, upstairs")
    planner.picker.value = second
    assert planner.schedule.values()["place"] == "Library"
    _fill(planner, time="10:30")
    planner.picker.value = first
    assert planner.schedule.values()["place"] == "Riverside Café, upstairs"
    assert planner.schedule.values()["time"] == "14:00"
    planner.picker.value = second
    assert planner.schedule.values()["time"] == "10:30"


def test_showing_and_switching_without_typing_keeps_nothing(path: Path) -> None:
    meeting_id = _planned(path)
    planner = PlanMeeting(path, TODAY, NOW)
    planner.picker.value = NOTHING
    planner.picker.value = meeting_id
    planner.refresh()
    assert _kept(path) == {}
    assert planner.schedule.unsaved is not None
    assert not planner.schedule.unsaved.restored


def test_typing_in_a_form_survives_saving_another(path: Path) -> None:
    _planned(path)
    planner = PlanMeeting(path, TODAY, NOW)
    _fill(planner, place="Their office")
    assert planner.checklist is not None
    planner.checklist.fields["on_time"].widget.value = True
    planner.checklist.button.click()  # the page is drawn again from the workbook
    assert "Saved." in planner.ticks_status.value
    assert planner.schedule.values()["place"] == "Their office"
    assert any(key.startswith("unsaved:meeting-plan:") for key in _kept(path))


def test_ticks_not_saved_come_back_after_a_restart_and_saving_forgets_them(path: Path) -> None:
    meeting_id = _planned(path)
    before = PlanMeeting(path, TODAY, NOW)
    assert before.checklist is not None
    before.checklist.fields["paper_and_pen"].widget.value = True
    before.checklist.fields["dress_professionally"].widget.value = True
    kept = _kept(path)
    assert list(kept) == [f"unsaved:meeting-ticks:meeting:{meeting_id}"]
    assert "research_done" not in json.loads(kept[f"unsaved:meeting-ticks:meeting:{meeting_id}"])

    after = PlanMeeting(path, TODAY, NOW)
    assert after.checklist is not None
    keeper = after.checklist.unsaved
    assert keeper is not None
    assert keeper.restored
    assert keeper.view in after.checklist_box.children
    assert "Not saved yet." in keeper.note.value
    assert after.ticks_status.value == ""  # the note says it once
    assert after.checkboxes["paper_and_pen"].value
    assert after.checkboxes["dress_professionally"].value
    assert after.checkboxes["research_done"].value  # worked out, still ticked and locked
    assert _meetings(path)[0].checklist == ()  # kept aside, not saved
    after.checklist.button.click()
    assert set(_meetings(path)[0].checklist) == {"paper_and_pen", "dress_professionally"}
    assert _kept(path) == {}


def test_putting_back_the_saved_ticks_clears_the_not_saved_line(path: Path) -> None:
    _planned(path, checklist=("on_time",))
    before = PlanMeeting(path, TODAY, NOW)
    assert before.checklist is not None
    before.checklist.fields["on_time"].widget.value = False
    planner = PlanMeeting(path, TODAY, NOW)
    assert planner.checklist is not None
    assert not planner.checkboxes["on_time"].value
    planner.checklist.fields["paper_and_pen"].widget.value = True
    assert "Not saved yet: click Save my ticks" in planner.ticks_status.value
    keeper = planner.checklist.unsaved
    assert keeper is not None
    keeper.put_back.click()
    assert planner.checkboxes["on_time"].value
    assert not planner.checkboxes["paper_and_pen"].value
    assert planner.ticks_status.value == ""
    assert _kept(path) == {}


def test_a_new_time_and_a_cancel_reason_come_back_per_meeting(path: Path) -> None:
    meeting_id = _planned(path)
    before = PlanMeeting(path, TODAY, NOW)
    before.reschedule.fields["new_day"].widget.value = date(2026, 3, 24)
    before.reschedule.fields["new_time"].widget.value = "9:30"
    before.cancel.fields["status_reason"].widget.value = "My train is"
    after = PlanMeeting(path, TODAY, NOW)
    assert after.reschedule.values() == {
        "new_day": date(2026, 3, 24),
        "new_time": "9:30",
        "status_reason": "",
    }
    assert after.cancel.values() == {"status_reason": "My train is"}
    for form in (after.reschedule, after.cancel):
        assert form.unsaved is not None
        assert form.unsaved.restored
        assert form.unsaved.view in form.view.children
    after.picker.value = NOTHING
    other = _planned(path, starts_at=datetime(2026, 3, 25, 9, 0))
    after.refresh(select=other)
    assert after.reschedule.values()["new_time"] == ""  # another meeting: nothing typed for it
    assert after.cancel.values()["status_reason"] == ""
    after.picker.value = meeting_id
    assert after.reschedule.values()["new_time"] == "9:30"


def test_moving_the_meeting_forgets_what_was_typed_to_move_or_cancel_it(path: Path) -> None:
    _planned(path)
    planner = PlanMeeting(path, TODAY, NOW)
    planner.cancel.fields["status_reason"].widget.value = "I might be ill"
    planner.reschedule.fields["new_day"].widget.value = date(2026, 3, 24)
    planner.reschedule.fields["new_time"].widget.value = "9:30"
    planner.reschedule.button.click()
    assert "Saved." in planner.reschedule.status.value
    assert _kept(path) == {}
    assert planner.cancel.values()["status_reason"] == ""


def test_ticks_not_saved_yet_move_with_the_meeting(path: Path) -> None:
    meeting_id = _planned(path, checklist=("dress_professionally",))
    planner = PlanMeeting(path, TODAY, NOW)
    assert planner.checklist is not None
    planner.checklist.fields["paper_and_pen"].widget.value = True  # not saved
    planner.reschedule.fields["new_day"].widget.value = date(2026, 3, 24)
    planner.reschedule.fields["new_time"].widget.value = "9:30"
    planner.reschedule.button.click()
    old, new = _meetings(path)
    assert old.id == meeting_id
    assert set(new.checklist) == {"dress_professionally", "paper_and_pen"}
    assert planner.checkboxes["paper_and_pen"].value
    assert _kept(path) == {}


def test_a_failed_move_saves_no_ticks(path: Path) -> None:
    _planned(path)
    planner = PlanMeeting(path, TODAY, NOW)
    assert planner.checklist is not None
    planner.checklist.fields["paper_and_pen"].widget.value = True
    planner.reschedule.fields["new_day"].widget.value = date(2026, 3, 24)
    planner.reschedule.fields["new_time"].widget.value = "9:30"
    with Workbook.open(path) as book:
        book.edit(Meeting, 1, status="done")  # in another window
    planner.reschedule.button.click()
    assert "cannot be moved" in planner.reschedule.status.value
    assert _meetings(path)[0].checklist == ()  # all of the move, or none of it
    assert planner.checkboxes["paper_and_pen"].value  # still on screen, and kept
    assert "unsaved:meeting-ticks:meeting:1" in _kept(path)


def test_the_form_filling_the_meeting_list_is_not_taken_for_a_pick(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    planner = PlanMeeting(path, TODAY, NOW)
    calls: list[object] = []
    refresh = planner.refresh

    def counted(select: Any = "next") -> None:
        calls.append(select)
        refresh(select)

    monkeypatch.setattr(planner, "refresh", counted)
    _typed_new_meeting(planner)
    planner.schedule.button.click()  # the list now holds the meeting, and shows it
    [meeting] = _meetings(path)
    assert calls == [meeting.id]
    assert planner.picker.value == meeting.id


def test_cancelling_forgets_what_was_typed_to_move_or_cancel_it(path: Path) -> None:
    _planned(path)
    planner = PlanMeeting(path, TODAY, NOW)
    planner.reschedule.fields["new_time"].widget.value = "9:30"
    planner.cancel.fields["status_reason"].widget.value = "My grandmother is in hospital."
    planner.cancel.button.click()
    assert "Saved." in planner.cancel.status.value
    assert _kept(path) == {}


def test_input_kept_for_a_meeting_not_on_screen_is_pointed_out(path: Path) -> None:
    _planned(path)
    _fill(PlanMeeting(path, TODAY, NOW), place="Somewhere new")  # for the planned meeting
    first = PlanMeeting(path, TODAY, NOW)
    first.picker.value = NOTHING
    _typed_new_meeting(first)
    planner = PlanMeeting(path, TODAY, NOW)  # shows the planned meeting first
    assert planner.picker.value != NOTHING
    assert planner.schedule.values()["place"] == "Somewhere new"
    assert "What you typed for a new meeting (Plan a new meeting) is kept" in planner.intro.value
    assert "Wei Ng:" not in planner.intro.value  # the meeting on screen shows its own note
    planner.picker.value = NOTHING
    assert planner.schedule.values()["place"] == "Riverside Café"
    assert "What you typed for Wei Ng: Tue 17 Mar 2026, 14:00 (scheduled) is kept" in (
        planner.intro.value
    )
    assert "a new meeting" not in planner.intro.value


def test_input_kept_for_a_meeting_that_is_gone_is_forgotten(path: Path) -> None:
    _planned(path)
    _fill(PlanMeeting(path, TODAY, NOW), place="Their office")
    assert _kept(path) != {}
    with Workbook.open(path) as book:
        book.delete(Contact, 1)  # the contact and the meeting with them are removed
    planner = PlanMeeting(path, TODAY, NOW)
    assert _kept(path) == {}
    assert planner.intro.value.count("is kept") == 0


def test_in_a_kernel_saving_before_the_pause_keeps_ticks_and_leaves_nothing_kept(
    path: Path,
) -> None:
    """In a kernel, typing is kept after a pause; a save within the pause must not lose it."""
    meeting_id = _planned(path)

    async def quick() -> PlanMeeting:
        planner = PlanMeeting(path, TODAY, NOW)
        assert planner.checklist is not None
        planner.checklist.fields["on_time"].widget.value = True  # waits for a pause
        _fill(planner, place="Their office")
        planner.schedule.button.click()  # the checklist is drawn again at once
        await asyncio.sleep(1.2)
        return planner

    planner = asyncio.run(quick())
    assert "Saved." in planner.schedule.status.value
    assert planner.checkboxes["on_time"].value  # the tick is still on screen, not saved yet
    assert _kept(path).keys() == {f"unsaved:meeting-ticks:meeting:{meeting_id}"}


def test_in_a_kernel_a_new_meeting_saved_before_the_pause_leaves_nothing_kept(
    path: Path,
) -> None:
    async def quick() -> None:
        planner = PlanMeeting(path, TODAY, NOW)
        _typed_new_meeting(planner)
        planner.schedule.button.click()
        await asyncio.sleep(1.2)

    asyncio.run(quick())
    assert len(_meetings(path)) == 1
    assert _kept(path) == {}


def test_a_new_time_kept_for_a_meeting_no_longer_planned_is_forgotten(path: Path) -> None:
    meeting_id = _planned(path)
    before = PlanMeeting(path, TODAY, NOW)
    before.reschedule.fields["new_time"].widget.value = "9:30"
    before.cancel.fields["status_reason"].widget.value = "Ill"
    before.checklist.fields["on_time"].widget.value = True  # type: ignore[union-attr]
    with Workbook.open(path) as book:
        book.edit(Meeting, meeting_id, status="done")  # in another window
    planner = PlanMeeting(path, TODAY, NOW)  # no meeting is planned now: a new one is shown
    assert _kept(path).keys() == {f"unsaved:meeting-ticks:meeting:{meeting_id}"}
    assert "Wei Ng: Tue 17 Mar 2026, 14:00 (done) is kept" in planner.intro.value


# -- long text wraps -----------------------------------------------------------------------------


def test_long_labels_wrap_instead_of_being_cut_off(tmp_path: Path) -> None:
    path = tmp_path / "ana.infoview"
    long_name = "Dr <Maria-Fernanda> Rodríguez-Oliveira"
    long_place = "Children's Hospital of Eastern Ontario Research Institute, Ottawa"
    with Workbook.create(path, StudentProfile(name="Ana Lima")) as book:
        book.add(Contact(name=long_name, organisation=long_place))
    _planned(path)
    planner = PlanMeeting(path, TODAY, NOW)
    style = planner.view.children[0].value
    assert ".infoview-wrap .widget-label-basic" in style
    assert "white-space: normal" in style
    for box in planner.checkboxes.values():
        assert "infoview-wrap" in box._dom_classes
        assert box.layout.height == "auto"  # a fixed height would hide the second line
    assert "class='infoview-item'" in planner.checklist_box.children[0].children[1].value
    # A drop-down shows one line and cuts the rest off: the choice is also written out in full.
    contact_line = planner.contact_line.value
    assert "Dr &lt;Maria-Fernanda&gt; Rodríguez-Oliveira (Children&#x27;s Hospital" in (
        contact_line
    )
    assert planner.contact_line in planner.schedule.view.children[0].children
    assert "Dr &lt;Maria-Fernanda&gt; Rodríguez-Oliveira: Tue 17 Mar 2026" in (
        planner.picked_line.value
    )
    planner.picker.value = NOTHING
    assert planner.picked_line.value == ""
    assert planner.contact_line.value == ""


def test_a_choice_the_drop_down_shows_whole_is_not_repeated_under_it(path: Path) -> None:
    _planned(path)
    planner = PlanMeeting(path, TODAY, NOW)
    assert planner.picker.value != NOTHING  # the next meeting is picked
    assert planner.picker.label.startswith("Wei Ng: Tue 17 Mar 2026")
    assert planner.schedule.fields["contact_id"].widget.label == "Wei Ng (Riverside Clinic)"
    # Issue 14: each drop-down's choice was written out again under it, whatever its length.
    assert (planner.picked_line.value, planner.contact_line.value) == ("", "")


def test_saving_ticks_updates_the_checklist_where_it_is(path: Path) -> None:
    """Issue 14: Save my ticks drew the checklist anew, so the page jumped up and left the
    saved notice far below; the same boxes and button are brought up to date instead."""
    _planned(path)
    planner = PlanMeeting(path, TODAY, NOW)
    assert planner.checklist is not None
    form, drawn = planner.checklist, planner.checklist_box.children
    boxes = dict(planner.checkboxes)
    form.fields["paper_and_pen"].widget.value = True
    form.button.click()
    assert planner.checklist is form
    assert planner.checklist_box.children == drawn  # nothing drawn again
    assert planner.checkboxes == boxes
    assert boxes["paper_and_pen"].value
    assert "Your ticks are saved" in planner.ticks_status.value
    assert drawn.index(planner.ticks_status) == drawn.index(form.button) + 2  # by the button
    (row,) = [row for row in drawn if boxes["paper_and_pen"] in getattr(row, "children", ())]
    assert "<b>Done</b>" in row.children[1].value  # its note says where it stands now


def test_moving_or_cancelling_clears_what_was_said_about_the_meeting_before(path: Path) -> None:
    """Issue 14: after moving or cancelling, "Your ticks are saved" was still on screen."""
    _planned(path)
    planner = PlanMeeting(path, TODAY, NOW)
    assert planner.checklist is not None
    planner.checklist.fields["paper_and_pen"].widget.value = True
    planner.checklist.button.click()
    assert "Your ticks are saved" in planner.ticks_status.value
    planner.reschedule.fields["new_day"].widget.value = date(2026, 3, 24)
    planner.reschedule.fields["new_time"].widget.value = "9:30"
    planner.reschedule.button.click()
    assert "moved to" in planner.reschedule.status.value
    assert planner.ticks_status.value == ""

    planner.schedule.fields["place"].widget.value = "The library"
    planner.schedule.button.click()  # the same meeting, changed: its notices stay
    assert "moved to" in planner.reschedule.status.value
    planner.cancel.fields["status_reason"].widget.value = "A family emergency"
    planner.cancel.button.click()
    assert "marked cancelled" in planner.cancel.status.value
    assert planner.schedule.status.value == ""
    assert planner.reschedule.status.value == ""


def test_a_cancelled_meeting_gives_its_reason_as_a_sentence(path: Path) -> None:
    """Issue 14: "Reason: A family emergency To meet again..." had no full stop."""
    _planned(path)
    planner = PlanMeeting(path, TODAY, NOW)
    planner.cancel.fields["status_reason"].widget.value = "A family emergency"
    planner.cancel.button.click()
    said = planner.change_box.children[0].value
    assert "Reason: A family emergency. To meet again" in said
    assert _meetings(path)[0].status_reason == "A family emergency"  # kept as typed
