"""The third notebook's form: research notes, planning a meeting, and its checked questions."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import ipywidgets as widgets
import pytest

from infoview_lib.coach.questions import question_bank
from infoview_lib.model import (
    Contact,
    Meeting,
    Outreach,
    OutreachStatus,
    PipelineStatus,
    Question,
    QuestionCategory,
    ResearchNote,
    StudentProfile,
)
from infoview_lib.store import Workbook
from infoview_lib.ui.components import NOTHING
from infoview_lib.ui.question_list import box_rows
from infoview_lib.ui.questions import PLAN_NEW, PrepareQuestions

TODAY = date(2026, 3, 16)
GOOD = [
    "What trends are shaping your field right now?",
    "Can you tell me about your career path?",
    "What do you find most rewarding about your work?",
    "What prepared you most for your current position?",
    "What advice would you give someone starting out?",
    "Is there anyone else that you think I should talk to?",
]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """Wei has a meeting on Thursday with two questions; Maria has none yet."""
    path = tmp_path / "ana.infoview"
    with Workbook.create(path, StudentProfile(name="Ana Lima")) as book:
        wei = book.add(
            Contact(
                name="Dr. Wei Ng",
                organisation="Riverside University",
                status=PipelineStatus.SCHEDULED,
            )
        )
        maria = book.add(
            Contact(name="Maria Lopez", organisation="St Mary's", status=PipelineStatus.CONTACTED)
        )
        assert (wei.id, maria.id) == (1, 2)
        meeting = book.add(
            Meeting(contact_id=1, starts_at=datetime(2026, 3, 19, 14, 30), planned_minutes=20)
        )
        for position, text in enumerate(GOOD[1:3]):
            book.add(Question(meeting_id=meeting.id or 0, text=text, position=position))
        book.add(ResearchNote(contact_id=1, topic="Lab focus", text="Vaccine uptake."))
        book.add(ResearchNote(organisation="riverside university", text="Founded in 1890."))
        book.add(ResearchNote(organisation="St Mary's", text="A hospital."))
    return path


def _form(path: Path, contact: int = 1) -> PrepareQuestions:
    form = PrepareQuestions(path, TODAY)
    form.contact.value = contact
    return form


def _saved(path: Path, meeting_id: int = 1) -> list[str]:
    with Workbook.open(path) as book:
        return [q.text for q in book.all(Question, meeting_id=meeting_id)]


def test_a_contact_shows_their_research_and_next_meeting_questions(path: Path) -> None:
    form = _form(path)
    assert "Vaccine uptake." in form.research.notes.value
    assert "About Riverside University" in form.research.notes.value  # matched ignoring case
    assert "A hospital." not in form.research.notes.value
    assert form.meeting_id == 1
    assert form.meeting.label == "Thu 19 Mar 2026, 14:30, 20 minutes (scheduled)"
    assert form.questions.texts() == GOOD[1:3]
    assert [row.text.description for row in form.questions.rows] == ["Question 1", "Question 2"]
    assert form.questions.view.layout.display is None
    assert form.planner.planning.layout.display == "none"
    assert "Verdict: keep." in form.questions.rows[0].findings.value
    assert "for a 20-minute meeting: revise." in form.questions.set_check.value
    assert "Fix this:" in form.questions.set_check.value  # no closing question yet
    assert form.questions.unsaved.value == ""


def test_adding_from_the_bank_and_your_own_then_saving(path: Path) -> None:
    form = _form(path)
    form.questions.bank.category.value = QuestionCategory.RESOURCES
    assert [row.entry for row in form.questions.bank.rows] == list(question_bank("resources"))
    closing = next(q for q in question_bank("resources") if "anyone else" in q.text.lower())
    next(row for row in form.questions.bank.rows if row.entry == closing).tick.value = True
    form.questions.bank.add_button.click()
    assert not any(row.tick.value for row in form.questions.bank.rows)
    assert form.questions.texts()[-1] == closing.text
    assert "Not saved yet." in form.questions.unsaved.value
    form.questions.own.field.widget.value = "What does a good week look like in your lab?"
    form.questions.own.add_button.click()
    assert form.questions.own.field.widget.value == ""
    assert form.questions.texts()[-1] == "What does a good week look like in your lab?"
    form.questions.save_form.button.click()
    assert "Saved." in form.questions.save_form.status.value
    assert "4 questions saved for your meeting with Dr. Wei Ng on Thursday 19 March 2026." in (
        form.questions.save_form.status.value
    )
    assert _saved(path) == [
        *GOOD[1:3],
        closing.text,
        "What does a good week look like in your lab?",
    ]
    with Workbook.open(path) as book:
        stored = book.all(Question, meeting_id=1)
    assert stored[2].category is QuestionCategory.RESOURCES
    assert [q.position for q in stored] == [0, 1, 2, 3]
    assert form.questions.unsaved.value == ""


def test_the_same_question_is_not_added_twice_and_an_empty_one_not_at_all(path: Path) -> None:
    form = _form(path)
    form.questions.own.field.widget.value = "  can you tell me about your career path? "
    form.questions.own.add_button.click()
    # said by the button clicked (issue 14: the notice was by Save, far below)
    assert "already on your list, as question 1" in form.questions.own.status.value
    assert len(form.questions.items) == 2
    form.questions.own.field.widget.value = "   "
    form.questions.own.add_button.click()
    assert "Write your question in the box first." in form.questions.own.field.error.value
    assert len(form.questions.items) == 2


def test_reordering_with_up_and_down_and_removing(path: Path) -> None:
    form = _form(path)
    for text in GOOD[3:]:
        form.questions.own.field.widget.value = text
        form.questions.own.add_button.click()
    assert form.questions.rows[0].up.disabled
    assert form.questions.rows[-1].down.disabled
    form.questions.rows[1].up.click()
    assert form.questions.texts()[:2] == [GOOD[2], GOOD[1]]
    form.questions.rows[0].down.click()
    assert form.questions.texts()[:2] == [GOOD[1], GOOD[2]]
    form.questions.rows[3].remove.click()
    assert GOOD[4] not in form.questions.texts()
    assert [row.text.description for row in form.questions.rows] == [
        f"Question {n}" for n in range(1, 5)
    ]
    form.questions.save_form.button.click()
    assert _saved(path) == [GOOD[1], GOOD[2], GOOD[3], GOOD[5]]


def test_the_findings_are_per_question_and_for_the_set_and_update_on_edit(path: Path) -> None:
    form = _form(path)
    form.questions.own.field.widget.value = "Do you like your job?"
    form.questions.own.add_button.click()
    last = form.questions.rows[-1]
    # a closed form is a suggestion with an open rewrite, not a mistake (issue 12)
    assert "Verdict: keep." in last.findings.value
    assert "Suggestion" in last.findings.value
    assert "What do you enjoy most about your work?" in last.findings.value
    last.text.value = "What does your company do?"
    assert "Verdict: revise." in form.questions.rows[-1].findings.value
    assert "Fix this:" in form.questions.rows[-1].findings.value
    last.text.value = "What do you enjoy most about your work?"
    assert "Verdict: keep." in form.questions.rows[-1].findings.value
    assert form.questions.items[-1].text == "What do you enjoy most about your work?"
    form.questions.own.field.widget.value = GOOD[5]
    form.questions.own.add_button.click()
    assert form.questions.report is not None
    assert [
        f.rule for f in form.questions.report.set_findings if f.severity.value == "problem"
    ] == []
    assert "for a 20-minute meeting: ready." in form.questions.set_check.value


def test_the_set_is_checked_for_the_meetings_planned_length(path: Path) -> None:
    with Workbook.open(path) as book:
        book.edit(Meeting, 1, planned_minutes=60)
    form = _form(path)
    assert form.questions.report is not None
    assert form.questions.report.minutes == 60
    assert "for a 60-minute meeting" in form.questions.set_check.value


def test_a_question_that_cannot_be_saved_is_marked_and_nothing_is_lost(path: Path) -> None:
    form = _form(path)
    form.questions.rows[0].text.value = "What " + "really " * 100 + "matters?"
    form.questions.rows[1].text.value = "  "
    typed = form.questions.texts()
    form.questions.save_form.button.click()
    assert "shorten it to 500 characters" in form.questions.rows[0].field.error.value
    assert (
        "The question is empty: write it, or remove it." in form.questions.rows[1].field.error.value
    )
    assert "Not saved." in form.questions.save_form.status.value
    assert "Fix the questions marked above." in form.questions.save_form.status.value
    assert "Everything you typed is still here." in form.questions.save_form.status.value
    assert form.questions.texts() == typed
    assert _saved(path) == GOOD[1:3]


def test_a_failed_save_keeps_the_questions(path: Path) -> None:
    form = _form(path)
    form.questions.own.field.widget.value = GOOD[5]
    form.questions.own.add_button.click()
    path.unlink()
    form.questions.save_form.button.click()
    assert "Not saved." in form.questions.save_form.status.value
    assert "Traceback" not in form.questions.save_form.status.value
    assert form.questions.texts() == [*GOOD[1:3], GOOD[5]]


def test_switching_contact_with_unsaved_questions_asks_first(path: Path) -> None:
    form = _form(path)
    form.questions.rows[0].remove.click()
    form.contact.value = 2
    assert form.contact_id == 1
    assert form.confirm.asking
    assert form.questions.texts() == GOOD[2:3]
    form.confirm.go_ahead.click()
    assert form.contact_id == 2
    assert form.questions.items == []
    assert _saved(path) == GOOD[1:3]


def test_switching_meeting_with_unsaved_questions_asks_by_the_meeting_list(path: Path) -> None:
    form = _form(path)
    form.questions.own.field.widget.value = GOOD[5]
    form.questions.own.add_button.click()
    form.meeting.value = NOTHING  # plan a new meeting instead
    assert form.meeting_id == 1
    assert form.meeting_confirm.asking
    assert not form.confirm.asking
    assert "another meeting" in form.meeting_confirm.message.value
    form.meeting_confirm.keep.click()
    assert form.questions.texts() == [*GOOD[1:3], GOOD[5]]
    form.questions.save_form.button.click()
    form.meeting.value = NOTHING  # saved: no question asked
    assert not form.meeting_confirm.asking
    assert form.planner.planning.layout.display is None
    assert "Plan another meeting with Dr. Wei Ng here." in form.planner.help.value
    assert _saved(path) == [*GOOD[1:3], GOOD[5]]


def test_no_meeting_yet_is_said_plainly_and_one_can_be_planned(path: Path) -> None:
    form = _form(path, contact=2)
    assert form.meeting_id is None
    assert form.questions.view.layout.display == "none"
    assert form.planner.planning.layout.display is None
    assert "You have no meeting planned with Maria Lopez yet." in form.planner.help.value
    assert "notebook 04" in form.planner.help.value
    assert "has not replied yet" in form.planner.help.value
    fields = form.planner.form.fields
    form.planner.form.button.click()
    assert "Day is empty" in fields["day"].error.value
    assert "Time is empty" in fields["time"].error.value
    fields["day"].widget.value = date(2026, 3, 24)
    fields["time"].widget.value = "half past two"
    form.planner.form.button.click()
    assert "is not a time of day" in fields["time"].error.value
    assert fields["day"].error.value == ""
    fields["time"].widget.value = "2:30 pm"
    fields["planned_minutes"].widget.value = 30
    form.planner.form.button.click()
    assert "Meeting planned with Maria Lopez on Tuesday 24 March 2026 at 14:30" in (
        form.planner.form.status.value
    )
    assert form.meeting_id is not None
    assert form.questions.view.layout.display is None
    with Workbook.open(path) as book:
        meeting = book.get(Meeting, form.meeting_id)
        assert (meeting.starts_at, meeting.planned_minutes) == (datetime(2026, 3, 24, 14, 30), 30)
        assert book.get(Contact, 2).status is PipelineStatus.SCHEDULED
    form.questions.own.field.widget.value = GOOD[1]
    form.questions.own.add_button.click()
    form.questions.save_form.button.click()
    assert _saved(path, form.meeting_id) == [GOOD[1]]


def test_a_reply_on_record_drops_the_no_reply_warning(path: Path) -> None:
    with Workbook.open(path) as book:
        book.add(
            Outreach(
                contact_id=2,
                body="Hi",
                status=OutreachStatus.SENT,
                sent_on=date(2026, 3, 10),
                replied_on=date(2026, 3, 11),
            )
        )
    form = _form(path, contact=2)
    assert "has not replied yet" not in form.planner.help.value


def test_a_research_note_is_saved_for_the_person_or_the_organisation(path: Path) -> None:
    form = _form(path, contact=2)
    fields = form.research.form.fields
    form.research.form.button.click()
    assert "What you found is empty" in fields["text"].error.value
    fields["text"].widget.value = "Runs the night shift."
    fields["source_url"].widget.value = "not a web address"
    form.research.form.button.click()
    assert "Where you found it" in fields["source_url"].error.value
    assert fields["text"].widget.value == "Runs the night shift."
    fields["source_url"].widget.value = "stmarys.example.org/team"
    form.research.form.button.click()
    assert "Your note about Maria Lopez is saved." in form.research.form.status.value
    assert fields["text"].widget.value == ""
    assert "Runs the night shift." in form.research.notes.value
    assert 'href="https://stmarys.example.org/team"' in form.research.notes.value
    fields["about"].widget.value = "organisation"
    fields["text"].widget.value = "Opened a new wing in 2024."
    form.research.form.button.click()
    with Workbook.open(path) as book:
        notes = book.all(ResearchNote)
    assert (notes[-1].contact_id, notes[-1].organisation) == (None, "St Mary's")
    assert "About St Mary&#x27;s" in form.research.notes.value


def test_a_note_about_an_organisation_needs_one(path: Path) -> None:
    with Workbook.open(path) as book:
        book.add(Contact(name="Ken Sato"))
    form = _form(path, contact=3)
    fields = form.research.form.fields
    fields["about"].widget.value = "organisation"
    fields["text"].widget.value = "Something."
    form.research.form.button.click()
    assert "has no organisation" in fields["about"].error.value
    assert fields["text"].widget.value == "Something."


def test_hostile_text_is_escaped(path: Path) -> None:
    with Workbook.open(path) as book:
        book.edit(Contact, 2, name="Maria <script>alert(1)</script>")
        book.add(
            ResearchNote(
                contact_id=2,
                topic="<b>x</b>",
                text="<img src=x onerror=alert(1)>",
                source_url='https://example.org/"><script>',
            )
        )
    form = _form(path, contact=2)
    form.questions.own.field.widget.value = "<script>alert(2)</script> what do you do?"
    form.questions.own.add_button.click()
    shown = form.research.notes.value + form.planner.help.value + form.questions.set_check.value
    shown += "".join(row.findings.value for row in form.questions.rows)
    assert "<script>" not in shown
    assert "<img" not in shown
    assert "&lt;img src=x onerror=alert(1)&gt;" in form.research.notes.value
    assert "Maria &lt;script&gt;" in form.planner.help.value


def test_no_workbook_or_no_contacts_is_said_plainly(tmp_path: Path) -> None:
    missing = PrepareQuestions(tmp_path / "none.infoview", TODAY)
    assert "There is no workbook yet" in missing.status.value
    assert missing.details.layout.display == "none"
    empty = tmp_path / "empty.infoview"
    with Workbook.create(empty, StudentProfile(name="Ana Lima")):
        pass
    assert "You have no contacts yet" in PrepareQuestions(empty, TODAY).status.value


def test_the_notebook_call_opens_the_session_workbook(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from infoview_lib import ui

    monkeypatch.setenv("INFOVIEW_WORKBOOK", str(path))
    monkeypatch.setenv("INFOVIEW_TODAY", TODAY.isoformat())
    assert ui.prepare_questions().children


def test_reloading_keeps_unsaved_questions_and_the_meeting_picked(path: Path) -> None:
    form = _form(path)
    form.questions.own.field.widget.value = GOOD[5]
    form.questions.own.add_button.click()
    with Workbook.open(path) as book:
        later = book.add(Meeting(contact_id=1, starts_at=datetime(2026, 4, 2, 10, 0)))
        book.add(Contact(name="Ken Sato"))
    form.reload_button.click()
    assert form.questions.texts() == [*GOOD[1:3], GOOD[5]]
    assert len(form.contact.options) == 4
    assert form.meeting_id == 1
    assert later.id in {value for _, value in form.meeting.options}
    form.questions.save_form.button.click()
    form.meeting.value = later.id
    assert form.questions.texts() == []
    form.reload_button.click()
    assert form.meeting_id == later.id


def _kept(path: Path) -> dict[str, str]:
    with Workbook.open(path) as book:
        return book.settings("unsaved:")


def test_the_none_yet_entries_are_never_an_empty_box(path: Path) -> None:
    form = PrepareQuestions(path, TODAY)
    assert (form.contact.value, form.contact.label) == (NOTHING, "Pick a contact")
    assert form.contact_id is None
    assert form.details.layout.display == "none"
    form.contact.value = 2
    assert (form.meeting.value, form.meeting.label) == (NOTHING, PLAN_NEW)
    assert form.meeting_id is None
    form.contact.value = NOTHING
    assert form.contact_id is None
    assert form.details.layout.display == "none"


def test_every_bank_question_is_shown_in_full_as_its_tick_box_label(path: Path) -> None:
    form = _form(path)
    for category in dict.fromkeys(q.category for q in question_bank()):
        form.questions.bank.category.value = category
        assert [row.entry for row in form.questions.bank.rows] == list(question_bank(category))
        for row in form.questions.bank.rows:
            # The question is the tick box's own label (issue 14: the boxes had no name):
            # a screen reader reads it, a click on it ticks; it wraps, never cut off.
            assert row.tick.description == row.entry.text
            assert not row.tick.description_allow_html  # bank text is data, shown as text
            assert not row.tick.indent
            assert "infoview-wrap" in row.tick._dom_classes
            assert row.view is row.tick
    form.questions.bank.add_button.click()
    assert "Tick one or more questions from the bank first." in form.questions.bank.status.value
    assert len(form.questions.items) == 2


def test_ticking_several_bank_questions_adds_them_all_but_not_twice(path: Path) -> None:
    form = _form(path)
    form.questions.bank.category.value = QuestionCategory.CAREER_PATH
    rows = form.questions.bank.rows
    on_list = next(row for row in rows if row.entry.text == GOOD[1])
    others = [row for row in rows if row is not on_list][:2]
    for row in [on_list, *others]:
        row.tick.value = True
    form.questions.bank.add_button.click()
    assert form.questions.texts() == [*GOOD[1:3], *(row.entry.text for row in others)]
    said = form.questions.bank.status.value  # by the button, saying where they went
    assert "Added 2 questions to your list below, as questions 3 and 4." in said
    assert "not added again: question 1." in said
    assert form.questions.save_form.status.value == ""


def test_a_long_question_shows_in_full_in_a_box_that_grows(path: Path) -> None:
    long = "What " + "would you say really matters " * 12 + "in your first year?"
    form = _form(path)
    form.questions.own.field.widget.value = long
    form.questions.own.add_button.click()
    row = form.questions.rows[-1]
    assert row.text.value == long
    assert row.text.rows == box_rows(long) > 2
    assert row.text.description == "Question 3"
    row.text.value = "What do you enjoy\nmost about your work?"
    assert form.questions.items[-1].text == "What do you enjoy most about your work?"
    assert row.text.rows == 2


def test_a_research_note_being_written_comes_back_after_a_restart(path: Path) -> None:
    form = _form(path, contact=2)
    fields = form.research.form.fields
    fields["about"].widget.value = "organisation"
    fields["topic"].widget.value = "Night shift"
    fields["text"].widget.value = "They run a <new> wing."
    form.contact.value = 1  # another contact: their own, empty note form
    assert form.research.form.values()["text"] == ""
    assert form.research.form.values()["about"] == "contact"
    assert form.research.form.unsaved is not None
    assert not form.research.form.unsaved.restored

    after = _form(path, contact=2)  # the kernel restarts
    values = after.research.form.values()
    assert (values["about"], values["topic"], values["text"]) == (
        "organisation",
        "Night shift",
        "They run a <new> wing.",
    )
    keeper = after.research.form.unsaved
    assert keeper is not None
    assert keeper.restored
    assert "Not saved yet." in keeper.note.value
    assert keeper.view in after.research.form.view.children
    after.research.form.button.click()
    assert "Your note about St Mary&#x27;s is saved." in after.research.form.status.value
    assert _kept(path) == {}
    assert not keeper.restored


def test_reloading_keeps_the_note_being_written_without_a_notice(path: Path) -> None:
    form = _form(path)
    form.research.form.fields["text"].widget.value = "Half a thought"
    form.reload_button.click()
    assert form.research.form.values()["text"] == "Half a thought"
    assert form.research.form.unsaved is not None
    assert not form.research.form.unsaved.restored


def test_a_meeting_being_planned_comes_back_after_a_restart_and_planning_forgets_it(
    path: Path,
) -> None:
    form = _form(path, contact=2)
    fields = form.planner.form.fields
    fields["day"].widget.value = date(2026, 3, 24)
    fields["time"].widget.value = "2:30 pm"
    fields["planned_minutes"].widget.value = 45
    after = _form(path, contact=2)
    assert after.planner.form.values() == {
        "day": date(2026, 3, 24),
        "time": "2:30 pm",
        "planned_minutes": 45,
    }
    keeper = after.planner.form.unsaved
    assert keeper is not None
    assert keeper.restored
    assert keeper.view in after.planner.planning.children
    after.planner.form.button.click()
    assert "Meeting planned with Maria Lopez" in after.planner.form.status.value
    assert _kept(path) == {}
    after.meeting.value = NOTHING  # plan another: an empty form again
    assert after.planner.form.values()["time"] == ""


def test_questions_being_prepared_come_back_after_a_restart(path: Path) -> None:
    form = _form(path)
    form.questions.bank.category.value = QuestionCategory.TRENDS
    trend = form.questions.bank.rows[0].entry
    form.questions.bank.rows[0].tick.value = True
    form.questions.bank.add_button.click()
    form.questions.own.field.widget.value = GOOD[5]
    form.questions.own.add_button.click()
    form.questions.rows[0].down.click()
    form.questions.rows[2].text.value = "What do you enjoy most about your work?"
    form.questions.own.field.widget.value = "How do you spend"  # still being written
    typed = form.questions.texts()
    assert typed == [GOOD[2], GOOD[1], "What do you enjoy most about your work?", GOOD[5]]
    assert trend.text not in typed  # it was reworded

    after = _form(path)  # the kernel restarts
    assert after.questions.texts() == typed
    assert after.questions.own.field.widget.value == "How do you spend"
    assert after.questions.kept.restored
    assert "Not saved yet." in after.questions.kept.note.value
    assert after.questions.unsaved.value == ""  # the kept note says it already
    assert after.questions.dirty
    assert _saved(path) == GOOD[1:3]
    after.questions.save_form.button.click()
    assert _saved(path) == typed
    assert not after.questions.kept.restored
    assert list(_kept(path)) == ["unsaved:own question:meeting:1"]
    after.questions.own.field.widget.value = "How do you spend a typical day?"
    after.questions.own.add_button.click()
    after.questions.save_form.button.click()
    assert _kept(path) == {}
    again = _form(path)
    assert not again.questions.kept.restored
    assert again.questions.texts() == [*typed, "How do you spend a typical day?"]


def test_putting_back_the_saved_questions_forgets_the_kept_ones(path: Path) -> None:
    form = _form(path)
    form.questions.rows[1].remove.click()
    after = _form(path)
    assert after.questions.texts() == GOOD[1:2]
    after.questions.kept.put_back.click()
    assert after.questions.texts() == GOOD[1:3]
    assert not after.questions.dirty
    assert _kept(path) == {}


def test_each_meeting_keeps_its_own_unsaved_questions(path: Path) -> None:
    with Workbook.open(path) as book:
        later = book.add(Meeting(contact_id=1, starts_at=datetime(2026, 4, 2, 10, 0)))
    form = _form(path)
    form.questions.own.field.widget.value = GOOD[5]
    form.questions.own.add_button.click()
    form.meeting.value = later.id
    assert form.meeting_confirm.asking
    form.meeting_confirm.keep.click()
    after = _form(path)
    assert after.questions.texts() == [*GOOD[1:3], GOOD[5]]
    after.meeting.value = later.id
    after.meeting_confirm.go_ahead.click()  # discard the changes
    assert after.meeting_id == later.id
    assert after.questions.texts() == []
    assert _kept(path) == {}
    assert _form(path).questions.texts() == GOOD[1:3]


def test_one_click_puts_the_questions_in_the_suggested_order(path: Path) -> None:
    with Workbook.open(path) as book:
        for question in book.all(Question, meeting_id=1):
            book.delete(Question, question.id or 0)
    form = _form(path)
    for text in [GOOD[5], GOOD[4], GOOD[1], GOOD[0]]:
        form.questions.own.field.widget.value = text
        form.questions.own.add_button.click()
    form.questions.save_form.button.click()
    assert form.questions.order_button.layout.display is None
    assert form.questions.order_button.description == "Put them in the suggested order"
    assert "Try this order: 3, 4, 2, 1." in form.questions.set_check.value
    form.questions.order_button.click()
    assert form.questions.texts() == [GOOD[1], GOOD[0], GOOD[4], GOOD[5]]
    assert form.questions.order_button.layout.display == "none"
    assert "Try this order" not in form.questions.set_check.value
    assert "suggested order now" in form.questions.save_form.status.value
    assert "Not saved yet." in form.questions.unsaved.value
    assert _saved(path) == [GOOD[5], GOOD[4], GOOD[1], GOOD[0]]  # not saved yet
    after = _form(path)  # kept as unsaved input
    assert after.questions.texts() == [GOOD[1], GOOD[0], GOOD[4], GOOD[5]]
    after.questions.save_form.button.click()
    assert _saved(path) == [GOOD[1], GOOD[0], GOOD[4], GOOD[5]]
    assert _kept(path) == {}


def test_the_order_button_is_hidden_when_the_order_is_already_good(path: Path) -> None:
    form = _form(path)
    assert form.questions.order_button.layout.display == "none"
    form.questions.own.field.widget.value = GOOD[0]
    form.questions.own.add_button.click()  # trends after insights: the same step, still in order
    assert form.questions.order_button.layout.display == "none"
    form.questions.rows[2].up.click()
    form.questions.rows[1].up.click()
    assert form.questions.order_button.layout.display == "none"
    form.questions.own.field.widget.value = GOOD[4]
    form.questions.own.add_button.click()
    form.questions.rows[3].up.click()
    form.questions.rows[2].up.click()
    form.questions.rows[1].up.click()  # advice first
    assert form.questions.texts()[0] == GOOD[4]
    assert form.questions.order_button.layout.display is None


def test_what_an_add_did_is_said_by_its_button(path: Path) -> None:
    """Issue 14: the questions added land far below the Add buttons; each button says, right
    under it, what went on the list and as which question, and the older notice goes."""
    form = _form(path)
    editor = form.questions
    bank, own = editor.bank, editor.own
    for source in (bank, own):
        assert any(
            row.children == (source.add_button, source.status)
            for row in source.view.children
            if isinstance(row, widgets.HBox)
        )
    next(row for row in bank.rows if row.entry.text not in GOOD).tick.value = True
    bank.add_button.click()
    assert "Added a question to your list below, as question 3." in bank.status.value
    assert 'role="status"' in bank.status.value  # read out by a screen reader
    own.field.widget.value = GOOD[0]
    own.add_button.click()
    assert "Added a question to your list below, as question 4." in own.status.value
    assert bank.status.value == ""  # its numbers may have moved
    editor.rows[3].up.click()
    assert own.status.value == ""  # question 4 is question 3 now


def test_each_rows_buttons_are_named_for_their_question(path: Path) -> None:
    """Issue 14: every question had buttons called just Up, Down and Remove; each tooltip,
    which the page's script makes the button's name, starts with its words and says which
    question it is for (the words stay short)."""
    rows = _form(path).questions.rows
    for number, row in enumerate(rows, start=1):
        assert (row.up.description, row.down.description) == ("Up", "Down")
        assert row.remove.description == "Remove"
        assert row.up.tooltip == f"Up: ask question {number} earlier"
        assert row.down.tooltip == f"Down: ask question {number} later"
        assert row.remove.tooltip == f"Remove question {number} from the list"
