# mypy: disable-error-code="arg-type"
"""The fifth notebook's forms: the interview log, referrals, the thank-you and follow-ups."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest

from infoview_lib.errors import InfoviewError
from infoview_lib.model import (
    Contact,
    FollowUp,
    FollowUpChannel,
    FollowUpKind,
    FollowUpStatus,
    InterviewLog,
    Meeting,
    MeetingStatus,
    PipelineStatus,
    StudentProfile,
)
from infoview_lib.store import Workbook
from infoview_lib.ui import session
from infoview_lib.ui.components import NOTHING
from infoview_lib.ui.followup import AfterTheMeeting, follow_up
from infoview_lib.workflow.interviews import save_interview_log

TODAY = date(2026, 3, 16)
HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """Ana met Ken on Thursday 12 March; the meeting is still marked as planned."""
    where = tmp_path / "ana.infoview"
    with Workbook.create(where, StudentProfile(name="Ana Lima")) as book:
        book.add(Contact(name="Ken Sato", organisation="Kestrel", status="scheduled"))
        book.add(Meeting(contact_id=1, starts_at=datetime(2026, 3, 12, 17, 0)))
    return where


def _fill(page: AfterTheMeeting, **values: Any) -> None:
    for name, value in values.items():
        page.log.fields[name].widget.value = value


def _log(page: AfterTheMeeting, **values: Any) -> None:
    defaults = {
        "notes": "Started in QA, moved to backend after a year.",
        "key_advice": "Learn to read production logs. Then build one small service.",
        "referrals": "Fatima Benali\n\n  Jonas Lindqvist  ",
        "willing_to_keep_in_touch": "yes",
        "how_to_reach": "Email, every month or so",
    }
    _fill(page, **{**defaults, **values})
    page.log.button.click()


def _buttons(box: widgets.Widget) -> list[widgets.Button]:
    """Every button inside ``box``, in order."""
    if isinstance(box, widgets.Button):
        return [box]
    children = getattr(box, "children", ())
    return [button for child in children for button in _buttons(child)]


def _row_button(box: widgets.Widget, shown: str) -> widgets.Button:
    """The button on the row of ``box`` that shows ``shown``."""
    [button] = [
        row_button for row in box.children for row_button in _buttons(row) if shown in _text(row)
    ]
    return button


def _text(box: widgets.Widget) -> str:
    """All the HTML shown inside ``box``."""
    if isinstance(box, widgets.HTML):
        return str(box.value)
    return "".join(_text(child) for child in getattr(box, "children", ()))


def test_logging_a_meeting_saves_it_marks_it_done_and_drafts_the_thank_you(path: Path) -> None:
    page = AfterTheMeeting(path, TODAY)
    assert page.picker.value == 1
    assert "Log the meeting" in _text(page.actions)
    _log(page)
    assert "Saved." in page.log.status.value
    assert "What you learned from Ken Sato is saved." in page.log.status.value
    with Workbook.open(path) as book:
        [log] = book.all(InterviewLog)
        meeting = book.get(Meeting, 1)
        ken = book.get(Contact, 1)
    assert log.referrals == ("Fatima Benali", "Jonas Lindqvist")
    assert (log.willing_to_keep_in_touch, log.how_to_reach) == (True, "Email, every month or so")
    assert meeting.status is MeetingStatus.DONE
    assert ken.status is PipelineStatus.MET
    assert page.log.values()["referrals"] == "Fatima Benali\nJonas Lindqvist"
    assert "Subject: Thank you for your time, Ken" in page.draft.value
    assert "&quot;Learn to read production logs&quot;" in page.draft.value
    shown = _text(page.actions)
    assert "Log the meeting" not in shown
    assert "Thank-you, Ken Sato" in shown
    assert [b.description for b in _buttons(page.referrals)] == ["Add as a contact"] * 2


def test_saving_again_updates_the_one_log(path: Path) -> None:
    page = AfterTheMeeting(path, TODAY)
    _log(page)
    _log(page, key_advice="Write things down.", willing_to_keep_in_touch="no")
    with Workbook.open(path) as book:
        [log] = book.all(InterviewLog)
    assert (log.key_advice, log.willing_to_keep_in_touch) == ("Write things down.", False)
    assert "Saved." in page.log.status.value


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"referrals": "\n".join(f"Person {n}" for n in range(21))}, "referrals", "20"),
        ({"referrals": "A" * 200}, "referrals", "too long"),
        ({"how_to_reach": "x" * 300}, "how_to_reach", "shorten it to 200"),
        ({"notes": "x" * 10_001}, "notes", "shorten it"),
    ],
)
def test_a_bad_entry_is_shown_by_its_field_and_nothing_is_lost(
    path: Path, values: dict[str, Any], field: str, message: str
) -> None:
    page = AfterTheMeeting(path, TODAY)
    _fill(page, **{"notes": "We talked about on-call.", **values})
    typed = page.log.values()
    page.log.button.click()
    error = page.log.fields[field].error.value
    assert "Fix this:" in error
    assert message in error
    assert "Not saved." in page.log.status.value
    assert page.log.values() == typed
    with Workbook.open(path) as book:
        assert book.count(InterviewLog) == 0
        assert book.get(Meeting, 1).status is MeetingStatus.SCHEDULED


def test_a_failed_save_keeps_the_input_and_says_why(path: Path) -> None:
    page = AfterTheMeeting(path, TODAY)
    _fill(page, notes="We talked about on-call.", referrals="Fatima Benali")
    typed = page.log.values()
    path.write_bytes(b"not a workbook any more")
    page.log.button.click()
    status = page.log.status.value
    assert "Not saved." in status
    assert "Everything you typed is still here." in status
    assert "Traceback" not in status
    assert page.log.values() == typed


def test_a_referral_becomes_a_contact_with_a_reminder_in_one_click(path: Path) -> None:
    page = AfterTheMeeting(path, TODAY)
    _log(page)
    first = _buttons(page.referrals)[0]
    first.click()
    assert "Saved." in page.referrals_status.value
    assert "Fatima Benali is now in your contacts, suggested by Ken Sato" in (
        page.referrals_status.value
    )
    with Workbook.open(path) as book:
        [fatima] = book.all(Contact, name="Fatima Benali")
        [reminder] = book.all(FollowUp, contact_id=fatima.id)
    assert fatima.referred_by == 1
    assert (reminder.kind, reminder.status) == (FollowUpKind.REFERRAL, FollowUpStatus.PENDING)
    assert reminder.due_on > TODAY
    assert "Fatima Benali</b>: already in your contacts" in _text(page.referrals)
    assert [b.description for b in _buttons(page.referrals)] == ["Add as a contact"]
    assert "Referral, Fatima Benali" in _text(page.actions)


def test_a_worked_out_referral_step_adds_the_contact_too(path: Path) -> None:
    with Workbook.open(path) as book:
        book.edit(Meeting, 1, status="done")
        book.add(InterviewLog(meeting_id=1, referrals=("Jonas Lindqvist",)))
    page = AfterTheMeeting(path, TODAY)
    [add] = [b for b in _buttons(page.actions) if b.description == "Add as a contact"]
    add.click()
    assert "Jonas Lindqvist is now in your contacts" in page.actions_status.value
    with Workbook.open(path) as book:
        [jonas] = book.all(Contact, name="Jonas Lindqvist")
    assert jonas.referred_by == 1
    assert "already in your contacts" in _text(page.referrals)


def test_a_failed_referral_says_why_by_its_row(path: Path) -> None:
    page = AfterTheMeeting(path, TODAY)
    _log(page)
    path.write_bytes(b"not a workbook any more")
    _buttons(page.referrals)[0].click()
    assert "Not saved." in _text(page.referrals)
    assert page.referrals_status.value == ""


def test_the_thank_you_draft_is_a_card_or_an_email_and_escaped(path: Path) -> None:
    page = AfterTheMeeting(path, TODAY)
    _log(page, key_advice=f"Try {HOSTILE} in production. Then rest.")
    email = page.draft.value
    assert "Subject:" in email
    page.channel.value = FollowUpChannel.CARD
    card = page.draft.value
    assert "Subject:" not in card
    assert card.startswith("<p>")
    assert "Dear Ken," in card
    for shown in (email, card):
        assert "<img" not in shown
        assert "&lt;img src=x onerror=alert(1)&gt;" in shown


def test_completing_an_action_lists_it_as_done(path: Path) -> None:
    page = AfterTheMeeting(path, TODAY)
    _log(page)
    page.channel.value = FollowUpChannel.CARD
    done = _row_button(page.actions, "Thank-you, Ken Sato")
    assert done.description == "Done"
    done.click()
    assert "Thank-you for Ken Sato: marked done today." in page.actions_status.value
    with Workbook.open(path) as book:
        [thanks] = [f for f in book.all(FollowUp) if f.kind is FollowUpKind.THANK_YOU]
        ken = book.get(Contact, 1)
    assert (thanks.status, thanks.done_on, thanks.channel) == (
        FollowUpStatus.DONE,
        TODAY,
        FollowUpChannel.CARD,
    )
    assert ken.status is PipelineStatus.THANKED
    assert "Thank-you, Ken Sato" not in _text(page.actions)
    assert "<td>2026-03-16</td><td>Thank-you</td><td>Ken Sato</td><td>Card</td>" in (
        page.done.value
    )


def test_log_it_picks_the_meeting_to_log(path: Path) -> None:
    with Workbook.open(path) as book:
        book.add(Contact(name="Zoë O'Brien"))
        book.add(Meeting(contact_id=2, starts_at=datetime(2026, 3, 13, 10, 0), status="done"))
        book.add(InterviewLog(meeting_id=2, notes="Talked."))
    page = AfterTheMeeting(path, TODAY)
    assert page.picker.value == 1  # the latest one not yet logged
    page.picker.value = 2
    assert page.log.values()["notes"] == "Talked."
    [log_it] = [b for b in _buttons(page.actions) if b.description == "Log it"]
    log_it.click()
    assert page.picker.value == 1
    assert page.log.values()["notes"] == ""
    assert "Note." in page.actions_status.value


def test_hostile_names_are_escaped_everywhere(tmp_path: Path) -> None:
    path = tmp_path / "ana.infoview"
    with Workbook.create(path, StudentProfile(name=f"Ana {HOSTILE}")) as book:
        book.add(Contact(name=f"Ken {HOSTILE}"))
        book.add(Meeting(contact_id=1, starts_at=datetime(2026, 3, 12, 17, 0), status="done"))
        book.add(InterviewLog(meeting_id=1, referrals=(f"Fatima {HOSTILE}",)))
        book.add(FollowUp(contact_id=1, kind="keep_in_touch", due_on="2026-03-10", note=HOSTILE))
        book.add(
            FollowUp(
                contact_id=1,
                kind="thank_you",
                due_on="2026-03-13",
                status="done",
                done_on="2026-03-13",
                note=HOSTILE,
            )
        )
    page = AfterTheMeeting(path, TODAY)
    shown = _text(page.view)
    assert "<img" not in shown
    assert "Ken &lt;img src=x" in shown
    assert "Fatima &lt;img src=x" in shown
    assert "<b>OVERDUE</b>" in shown


def test_with_no_meeting_yet_it_says_so(tmp_path: Path) -> None:
    path = tmp_path / "ana.infoview"
    with Workbook.create(path, StudentProfile(name="Ana Lima")) as book:
        book.add(Contact(name="Ken Sato"))
        book.add(Meeting(contact_id=1, starts_at=datetime(2026, 3, 20, 17, 0)))
    page = AfterTheMeeting(path, TODAY)
    assert "No meeting to log yet" in page.intro.value
    assert "with Ken Sato, is planned for Friday 20 March 2026" in page.intro.value
    assert page.picker.options[0] == ("No meeting to log yet", NOTHING)
    assert page.picker.value == NOTHING
    assert page.meeting is None
    assert page.log.button.disabled
    assert page.log.fields["notes"].widget.disabled
    assert "Nothing to do right now" in _text(page.actions)
    assert "Nothing marked done yet." in page.done.value


def test_with_no_meeting_at_all_the_picker_shows_its_none_yet_entry(tmp_path: Path) -> None:
    path = tmp_path / "ana.infoview"
    with Workbook.create(path, StudentProfile(name="Ana Lima")) as book:
        book.add(Contact(name="Ken Sato"))
    page = AfterTheMeeting(path, TODAY)
    assert page.picker.options == (("No meeting yet", NOTHING),)
    assert page.picker.value == NOTHING  # not None: that shows as an empty box
    assert "Plan meetings in notebook 04 (Meeting)." in page.intro.value
    assert page.log.button.disabled


def test_without_a_workbook_it_says_where_to_start(tmp_path: Path) -> None:
    page = AfterTheMeeting(tmp_path / "none.infoview", TODAY)
    assert "There is no workbook yet" in page.intro.value
    assert "notebook 00 (Start here)" in page.intro.value
    assert page.picker.value == NOTHING
    assert page.log.button.disabled


def test_the_notebook_call_reads_the_workbook_and_day_from_the_environment(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(session.WORKBOOK_VARIABLE, str(path))
    monkeypatch.setenv(session.TODAY_VARIABLE, "2026-03-16")
    assert follow_up().children
    page = AfterTheMeeting()
    assert (page.path, page.today) == (path, TODAY)


# -- keep in touch: "Not asked yet" is NOTHING, and "No" is not taken for it -----------------


def test_keep_in_touch_not_asked_yes_and_no_are_saved_and_shown_apart(path: Path) -> None:
    page = AfterTheMeeting(path, TODAY)
    field = page.log.fields["willing_to_keep_in_touch"].widget
    assert field.value == NOTHING
    assert field.label == "Not asked yet"
    _log(page, willing_to_keep_in_touch=NOTHING)
    with Workbook.open(path) as book:
        assert book.get(InterviewLog, 1).willing_to_keep_in_touch is None
    _log(page, willing_to_keep_in_touch="no")
    with Workbook.open(path) as book:
        assert book.get(InterviewLog, 1).willing_to_keep_in_touch is False
    again = AfterTheMeeting(path, TODAY).log.fields["willing_to_keep_in_touch"].widget
    assert (again.value, again.label) == ("no", "No")  # False is not the "Not asked yet" 0


# -- unsaved input, kept per meeting -----------------------------------------------------------

TYPED = {
    "notes": "Started in QA.",
    "key_advice": "Read the logs.",
    "referrals": "Fatima Benali",
    "willing_to_keep_in_touch": "no",
    "how_to_reach": "LinkedIn",
}


def _kept(path: Path) -> dict[str, str]:
    with Workbook.open(path) as book:
        return book.settings("unsaved:")


def test_typing_is_kept_and_comes_back_after_a_restart(path: Path) -> None:
    _fill(AfterTheMeeting(path, TODAY), **TYPED)
    assert list(_kept(path)) == ["unsaved:interview-log:meeting:1"]
    # The kernel restarts: a new view, built from the workbook alone.
    page = AfterTheMeeting(path, TODAY)
    assert page.picker.value == 1
    assert page.log.values() == TYPED
    assert page.log.unsaved is not None
    assert page.log.unsaved.restored
    assert "Not saved yet." in page.log.unsaved.note.value
    assert page.log.unsaved.view in page.log.view.children
    with Workbook.open(path) as book:
        assert book.count(InterviewLog) == 0  # kept aside, not saved as the log
        assert book.get(Meeting, 1).status is MeetingStatus.SCHEDULED


def test_saving_forgets_the_kept_input(path: Path) -> None:
    _fill(AfterTheMeeting(path, TODAY), **TYPED)
    page = AfterTheMeeting(path, TODAY)
    page.log.button.click()
    assert "Saved." in page.log.status.value
    assert _kept(path) == {}
    assert page.log.unsaved is not None
    assert not page.log.unsaved.restored
    again = AfterTheMeeting(path, TODAY)
    assert again.log.unsaved is not None
    assert not again.log.unsaved.restored
    assert again.log.values() == TYPED


def test_a_failed_save_keeps_the_kept_input(path: Path) -> None:
    page = AfterTheMeeting(path, TODAY)
    _fill(page, **{**TYPED, "how_to_reach": "x" * 300})
    page.log.button.click()
    assert "Not saved." in page.log.status.value
    assert AfterTheMeeting(path, TODAY).log.values()["how_to_reach"] == "x" * 300


def test_each_meeting_keeps_its_own_input(path: Path) -> None:
    with Workbook.open(path) as book:
        book.add(Contact(name="Zoë O'Brien"))
        book.add(Meeting(contact_id=2, starts_at=datetime(2026, 3, 13, 10, 0), status="done"))
        book.add(InterviewLog(meeting_id=2, notes="Talked."))
    page = AfterTheMeeting(path, TODAY)
    _fill(page, notes="About Ken's meeting")
    page.picker.value = 2
    assert page.log.values()["notes"] == "Talked."
    assert page.log.unsaved is not None
    assert not page.log.unsaved.restored
    _fill(page, notes="Talked about labs.")
    page.picker.value = 1
    assert page.log.values()["notes"] == "About Ken's meeting"
    assert page.log.unsaved.restored
    assert sorted(_kept(path)) == [
        "unsaved:interview-log:meeting:1",
        "unsaved:interview-log:meeting:2",
    ]
    after = AfterTheMeeting(path, TODAY)
    assert after.log.values()["notes"] == "About Ken's meeting"
    after.picker.value = 2
    assert after.log.values()["notes"] == "Talked about labs."
    after.log.button.click()
    assert list(_kept(path)) == ["unsaved:interview-log:meeting:1"]


def test_filling_the_form_from_the_workbook_is_not_taken_for_typing(path: Path) -> None:
    with Workbook.open(path) as book:
        book.add(InterviewLog(meeting_id=1, notes="Saved notes.", willing_to_keep_in_touch=True))
    page = AfterTheMeeting(path, TODAY)
    page.refresh(select=1)
    page.picker.value = 1
    assert page.log.values()["willing_to_keep_in_touch"] == "yes"
    assert _kept(path) == {}
    assert page.log.unsaved is not None
    assert not page.log.unsaved.restored


def test_putting_back_the_saved_version_forgets_what_was_typed(path: Path) -> None:
    with Workbook.open(path) as book:
        book.add(InterviewLog(meeting_id=1, notes="Saved notes."))
    _fill(AfterTheMeeting(path, TODAY), notes="Typed, not saved.")
    page = AfterTheMeeting(path, TODAY)
    assert page.log.values()["notes"] == "Typed, not saved."
    assert page.log.unsaved is not None
    page.log.unsaved.put_back.click()
    assert page.log.values()["notes"] == "Saved notes."
    assert _kept(path) == {}


# -- when the meeting's day is today, or still to come ----------------------------------------


def _planned(path: Path, day: date) -> None:
    with Workbook.open(path) as book:
        book.edit(Meeting, 1, starts_at=datetime.combine(day, time(17, 0)))


def test_a_meeting_planned_for_today_is_logged_without_asking(path: Path) -> None:
    _planned(path, TODAY)
    page = AfterTheMeeting(path, TODAY)
    assert page.picker.value == 1
    assert page.ahead.value == ""
    assert not page.log.button.disabled
    _log(page)
    assert "Saved." in page.log.status.value
    assert not page.early.asking
    with Workbook.open(path) as book:
        meeting = book.get(Meeting, 1)
        assert book.count(InterviewLog) == 1
    assert (meeting.status, meeting.starts_at) == (MeetingStatus.DONE, datetime(2026, 3, 16, 17))


def test_a_meeting_still_to_come_says_so_and_is_logged_after_a_confirmation(path: Path) -> None:
    _planned(path, date(2026, 3, 20))
    page = AfterTheMeeting(path, TODAY)
    assert page.meeting is None  # not picked by itself
    page.picker.value = 1
    assert "still to come" in page.picker.label
    assert "planned for Friday 20 March 2026, which has not come yet" in page.ahead.value
    assert not page.log.button.disabled
    _log(page)
    status = page.log.status.value
    assert "Not saved." in status
    assert "Answer the question just below first" in status
    assert "Everything you typed is still here." in status
    assert page.early.asking
    assert "Friday 20 March 2026" in page.early.message.value
    # One notice per fact (issue 14): the day is said once, in the question.
    assert "Friday 20 March 2026" not in status
    assert (page.ahead.value, page.intro.value) == ("", "")
    assert page.early.go_ahead.description == "Yes, it happened: save it"
    with Workbook.open(path) as book:
        assert book.count(InterviewLog) == 0
        assert book.get(Meeting, 1).status is MeetingStatus.SCHEDULED
    assert list(_kept(path)) == ["unsaved:interview-log:meeting:1"]

    page.early.go_ahead.click()
    status = page.log.status.value
    assert "Saved." in status
    assert "The meeting was planned for Friday 20 March 2026" in status
    assert "marked done on today, Monday 16 March 2026" in status
    assert not page.early.asking
    with Workbook.open(path) as book:
        meeting = book.get(Meeting, 1)
        [log] = book.all(InterviewLog)
        ken = book.get(Contact, 1)
    assert (meeting.status, meeting.starts_at) == (MeetingStatus.DONE, datetime(2026, 3, 16, 17))
    assert log.referrals == ("Fatima Benali", "Jonas Lindqvist")
    assert ken.status is PipelineStatus.MET
    assert _kept(path) == {}
    assert page.picker.value == 1
    assert page.ahead.value == ""
    assert "Thank-you, Ken Sato: due in 1 day (2026-03-17)" in _text(page.actions)


def _notices(widget: widgets.Widget) -> list[str]:
    """The notices on screen under ``widget``, in order."""
    found = []
    if isinstance(widget, widgets.HTML) and "infoview-notice" in widget.value:
        found.append(widget.value)
    for child in getattr(widget, "children", ()):
        if getattr(child.layout, "display", None) != "none":
            found += _notices(child)
    return found


def test_a_meeting_still_to_come_has_one_notice_about_its_day_in_every_state(
    path: Path,
) -> None:
    _planned(path, date(2026, 3, 20))
    page = AfterTheMeeting(path, TODAY)
    day = "Friday 20 March 2026"
    assert sum(day in shown for shown in _notices(page.view)) == 1  # none picked: the intro
    page.picker.value = 1
    assert sum(day in shown for shown in _notices(page.view)) == 1  # picked: its own note
    _log(page)
    assert sum(day in shown for shown in _notices(page.view)) == 1  # saving: the question
    page.early.keep.click()
    assert sum(day in shown for shown in _notices(page.view)) == 1


def test_keep_editing_saves_nothing_and_picking_another_meeting_stops_asking(
    path: Path,
) -> None:
    _planned(path, date(2026, 3, 20))
    with Workbook.open(path) as book:
        book.add(Contact(name="Zoë O'Brien"))
        book.add(Meeting(contact_id=2, starts_at=datetime(2026, 3, 13, 10, 0), status="done"))
    page = AfterTheMeeting(path, TODAY)
    assert page.picker.value == 2  # the one whose day has come
    page.picker.value = 1
    _log(page)
    page.early.keep.click()
    assert not page.early.asking
    assert page.log.values()["notes"].startswith("Started in QA")
    assert "planned for Friday 20 March 2026" in page.ahead.value  # said again, once
    page.log.button.click()
    assert page.early.asking
    page.picker.value = 2
    assert not page.early.asking
    with Workbook.open(path) as book:
        assert book.count(InterviewLog) == 0
        assert book.get(Meeting, 1).status is MeetingStatus.SCHEDULED


def test_picking_the_none_yet_entry_again_leaves_the_form_empty(path: Path) -> None:
    _planned(path, date(2026, 3, 20))
    page = AfterTheMeeting(path, TODAY)
    page.picker.value = 1
    _fill(page, notes="Typed for Friday.")
    page.picker.value = NOTHING
    assert page.meeting is None
    assert page.log.values()["notes"] == ""
    assert page.log.button.disabled
    assert page.ahead.value == ""
    assert list(_kept(path)) == ["unsaved:interview-log:meeting:1"]
    page.picker.value = 1
    assert page.log.values()["notes"] == "Typed for Friday."


def test_saving_the_log_of_a_meeting_still_to_come_needs_early(path: Path) -> None:
    _planned(path, date(2026, 3, 20))
    with Workbook.open(path) as book:
        with pytest.raises(InfoviewError, match="planned for Friday 20 March 2026"):
            save_interview_log(book, InterviewLog(meeting_id=1, notes="x"), today=TODAY)
        assert book.count(InterviewLog) == 0


def test_each_step_button_is_named_for_its_row(path: Path) -> None:
    """Issue 14: five buttons were called just "Done" for a screen reader. Each tooltip, which
    the page's script makes the button's name, starts with the button's words and says whose
    step it is; no two are the same."""
    page = AfterTheMeeting(path, TODAY)
    _log(page)
    buttons = _buttons(page.actions)
    assert buttons
    for button in buttons:
        assert button.tooltip.startswith(f"{button.description}: ")
        assert "Ken Sato" in button.tooltip
    assert len({button.tooltip for button in buttons}) == len(buttons)
    done = _row_button(page.actions, "Thank-you, Ken Sato")
    assert done.tooltip == "Done: Thank-you, Ken Sato, due Friday 13 March 2026"
