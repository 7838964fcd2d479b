"""The third notebook's form: research the contact and their organisation, then prepare the
meeting's questions, from the bank or your own, in order, with the check's findings.

Questions are kept with a meeting (:class:`~infoview_lib.model.Question` has a
``meeting_id``). When the contact has no meeting yet, the form says so and lets the
student plan one with the day, time and length they agreed; notebook 04 has the rest.
The checks are :func:`infoview_lib.coach.questions.check_question_set` and
:func:`~infoview_lib.coach.questions.check_question`; the form only shows them.

What the student types and has not saved (a note, a meeting being planned, the questions
and their order) is kept in the workbook per contact or meeting, and comes back after a
kernel restart (:mod:`infoview_lib.ui.unsaved`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from infoview_lib.coach.calendar import day_words
from infoview_lib.coach.outreach_drafts import draft_templates
from infoview_lib.coach.questions import (
    QuestionSetReport,
    check_question,
    check_question_set,
    classify,
    question_bank,
)
from infoview_lib.coach.text import fold, plain
from infoview_lib.errors import InfoviewError
from infoview_lib.model import (
    Contact,
    InvalidRecord,
    Meeting,
    MeetingStatus,
    Outreach,
    PipelineStatus,
    Problem,
    Question,
    QuestionCategory,
    ResearchNote,
)
from infoview_lib.store import Workbook
from infoview_lib.ui.components import (
    LABEL_STYLE,
    NOTHING,
    WIDTH,
    Confirmation,
    Form,
    choice_field,
    html_text,
    notice,
    picked,
    style,
    text_field,
)
from infoview_lib.ui.fields import PICK_CONTACT, contact_label, date_field, read_moment
from infoview_lib.ui.page import Page
from infoview_lib.ui.question_list import (
    BankRow,
    QuestionRow,
    box_rows,
    kept_entry,
    kept_item,
    meeting_label,
    notes_about,
    one_line,
    question_html,
    question_numbers,
    reordered,
    research_html,
    set_html,
    suggested_order,
)
from infoview_lib.ui.unsaved import UnsavedInput
from infoview_lib.workflow.meetings import schedule_meeting
from infoview_lib.workflow.questions import QuestionItem, save_question_set
from infoview_lib.workflow.research import add_research_note

#: The entry of the meeting list that plans a new one.
PLAN_NEW = "Plan a new meeting"
#: The meeting lengths offered, in minutes (the guide: 20 to 30 is usual).
LENGTHS = (15, 20, 30, 45, 60)
#: The research-note form as it is before the student writes a note.
_NOTE_BLANK = {"about": "contact", "topic": "", "text": "", "source_url": ""}


# -- the form ---------------------------------------------------------------------------------


class PrepareQuestions(Page):
    """Research notes for a contact, and the questions for a meeting with them."""

    def __init__(self, path: Path | None = None, today: date | None = None) -> None:
        super().__init__(path, today)
        self.items: list[QuestionItem] = []
        self.rows: list[QuestionRow] = []
        self.bank_rows: list[BankRow] = []
        self.report: QuestionSetReport | None = None
        self._contacts: dict[int, Contact] = {}
        self._meetings: dict[int, Meeting] = {}
        self._replied = False
        self._saved: list[tuple[int | None, str, QuestionCategory]] = []
        self.confirm = Confirmation()  # by the contact list
        self.meeting_confirm = Confirmation()  # by the meeting list

        self.contact = widgets.Dropdown(
            options=[(PICK_CONTACT, NOTHING)],
            value=NOTHING,
            description="Contact",
            style=LABEL_STYLE,
            layout=widgets.Layout(width=WIDTH),
        )
        self.reload_button = widgets.Button(description="Reload my contacts")
        self.status = widgets.HTML()

        self.research = widgets.HTML()
        self.note_form = Form(
            [
                choice_field("about", "About", [("This person", "contact")], "contact"),
                text_field("topic", "Topic", placeholder="e.g. their team's work"),
                text_field(
                    "text",
                    "What you found",
                    multiline=True,
                    placeholder="in your own words: what matters for your conversation",
                ),
                text_field("source_url", "Where you found it", placeholder="the page address"),
            ],
            self.save_note,
            save_label="Save this note",
            quiet=self._quiet,
        )
        self.note_form.keep_unsaved(self.path, "research note")

        self.meeting = widgets.Dropdown(
            options=[(PLAN_NEW, NOTHING)],
            value=NOTHING,
            description="Meeting",
            style=LABEL_STYLE,
            layout=widgets.Layout(width=WIDTH),
        )
        self.plan_help = widgets.HTML()
        minutes = draft_templates().default_minutes
        self._plan_blank = {
            "day": None,
            "time": "",
            "planned_minutes": minutes if minutes in LENGTHS else 30,
        }
        self.plan_form = Form(
            [
                date_field("day", "Day you meet"),
                text_field("time", "Time", placeholder="e.g. 14:30 or 2:30 pm"),
                choice_field(
                    "planned_minutes",
                    "Length",
                    [(f"{length} minutes", length) for length in LENGTHS],
                    self._plan_blank["planned_minutes"],
                ),
            ],
            self.plan_meeting,
            save_label="Plan this meeting",
            quiet=self._quiet,
        )
        plan_kept = self.plan_form.keep_unsaved(self.path, "meeting plan")
        self.planning = widgets.VBox(
            [
                self.plan_help,
                *(item.box for item in self.plan_form.fields.values()),
                self.plan_form.button,
                plan_kept.view,
            ]
        )

        categories = [c for c in QuestionCategory if any(q.category is c for q in question_bank())]
        self.bank_category = widgets.Dropdown(
            options=[(category.label, category) for category in categories],
            value=categories[0] if categories else None,
            description="Kind of question",
            style=LABEL_STYLE,
            layout=widgets.Layout(width=WIDTH),
        )
        self.bank = widgets.VBox()
        self.add_bank_button = widgets.Button(
            description="Add the questions ticked", layout=widgets.Layout(width="auto")
        )
        self.own = text_field("own", "Your own question", placeholder="an open question")
        self.add_own_button = widgets.Button(description="Add my question")
        self.own_kept = UnsavedInput(
            self.path,
            "own question",
            read=lambda: {"own": self.own.widget.value},
            write=self._put_back_own,
            widgets_by_name={"own": self.own.widget},
        )
        self.list_box = widgets.VBox()
        self.set_check = widgets.HTML()
        self.order_button = widgets.Button(
            description="Put them in the suggested order",
            tooltip="Reorder your questions as the check suggests (saved when you save them)",
            layout=widgets.Layout(width="auto", display="none"),
        )
        self.unsaved = widgets.HTML()
        self.save_form = Form(
            [], self.save_questions, save_label="Save my questions", quiet=self._quiet
        )
        self.kept_questions = UnsavedInput(
            self.path,
            "questions",
            read=self._kept_set,
            write=self._put_back_set,
            widgets_by_name={},
        )
        self.save_form.unsaved = self.kept_questions  # a save forgets what was kept
        self.editing = widgets.VBox(
            [
                widgets.HTML("<h4>Pick questions from the bank</h4>"),
                widgets.HTML(
                    "<p>Pick a kind of question, tick the ones you want, then click Add the "
                    "questions ticked.</p>"
                ),
                self.bank_category,
                self.bank,
                self.add_bank_button,
                widgets.HTML("<h4>Or write your own</h4>"),
                self.own.box,
                self.add_own_button,
                self.own_kept.view,
                widgets.HTML("<h4>Your questions, in the order you will ask them</h4>"),
                self.list_box,
                self.set_check,
                self.order_button,
                self.unsaved,
                self.kept_questions.view,
                self.save_form.button,
                self.save_form.status,
            ]
        )
        self.details = widgets.VBox(
            [
                widgets.HTML("<h3>Research</h3>"),
                self.research,
                self.note_form.view,
                widgets.HTML("<h3>Questions</h3>"),
                self.meeting,
                self.meeting_confirm.view,
                self.planning,
                self.plan_form.status,
                self.editing,
            ]
        )

        self.reload_button.on_click(lambda _: self.reload())
        self.contact.observe(self._contact_picked, "value")
        self.meeting.observe(self._meeting_picked, "value")
        self.bank_category.observe(lambda _: self._show_bank(), "value")
        self.add_bank_button.on_click(lambda _: self.add_from_bank())
        self.add_own_button.on_click(lambda _: self.add_own())
        self.own.widget.observe(self._own_typed, "value")
        self.order_button.on_click(lambda _: self.put_in_suggested_order())
        self.view = widgets.VBox(
            [
                style(),
                self.contact,
                self.reload_button,
                self.status,
                self.confirm.view,
                self.details,
            ]
        )
        self._show_bank()
        self.reload()

    # -- reading the workbook ---------------------------------------------------------------
    @property
    def contact_id(self) -> int | None:
        """The contact picked, if any."""
        chosen: int | None = picked(self.contact.value)
        return chosen

    @property
    def meeting_id(self) -> int | None:
        """The meeting whose questions are on screen, or ``None`` while planning one."""
        chosen: int | None = picked(self.meeting.value)
        return chosen

    def _read(self, action: Callable[[Workbook], None]) -> bool:
        """Run ``action`` on the workbook; if it cannot be read, say why, and ``False``."""

        def run(book: Workbook) -> bool:
            action(book)
            return True

        return self.read(self.status, run) is not None

    def reload(self) -> None:
        """Read the contacts again; unsaved questions on screen stay as they are."""
        self.confirm.clear()
        self.meeting_confirm.clear()
        self.status.value = ""
        if not self.path.exists():
            self._contacts = {}
            self._list_contacts()
            self.status.value = notice(
                "info",
                "There is no workbook yet: fill in your profile in the first notebook (Start "
                "here) and save it, add contacts in notebook 01, then click Reload my contacts.",
            )
            return

        def read(book: Workbook) -> None:
            self._contacts = {c.id: c for c in book.all(Contact) if c.id is not None}

        if not self._read(read):
            return
        self._list_contacts()
        if not self._contacts:
            self.status.value = notice(
                "info",
                "You have no contacts yet: add the people you could talk to in notebook 01 "
                "(Pick contacts), then click Reload my contacts.",
            )

    def _list_contacts(self) -> None:
        chosen = self.contact_id if self.contact_id in self._contacts else None
        with self._quiet:
            self.contact.options = [
                (PICK_CONTACT, NOTHING),
                *((contact_label(c), number) for number, c in self._contacts.items()),
            ]
            self.contact.value = NOTHING if chosen is None else chosen
        if chosen is None or not self.dirty:
            self._show_contact(chosen, keep=self.meeting_id)
        else:
            self._read_contact(chosen, keep=self.meeting_id)

    def _read_contact(self, contact_id: int | None, keep: int | None = None) -> None:
        """Read a contact's notes and meetings; ``keep`` stays picked if it is there."""
        contact = self._contacts.get(contact_id) if contact_id is not None else None
        self._meetings, self._replied = {}, False
        notes: list[ResearchNote] = []
        if contact is not None:

            def read(book: Workbook) -> None:
                notes.extend(notes_about(book.all(ResearchNote), contact))
                meetings = book.all(Meeting, contact_id=contact.id)
                meetings.sort(key=lambda meeting: meeting.starts_at)
                self._meetings = {m.id: m for m in meetings if m.id is not None}
                self._replied = any(
                    message.replied_on is not None
                    for message in book.all(Outreach, contact_id=contact.id)
                )

            self._read(read)
            self.research.value = research_html(notes, contact)
            self._about_options(contact)
        with self._quiet:
            self.meeting.options = [
                *((meeting_label(m), number) for number, m in self._meetings.items()),
                (PLAN_NEW, NOTHING),
            ]
            self.meeting.value = keep if keep is not None and keep in self._meetings else NOTHING
        self.details.layout.display = None if contact else "none"

    def _about_options(self, contact: Contact) -> None:
        """Name the contact and their organisation in the note's About list; what the
        student chose there stays chosen."""
        about = self.note_form.fields["about"].widget
        organisation = contact.organisation or "their organisation (none saved yet)"
        chosen = about.value if about.value in ("contact", "organisation") else "contact"
        with self._quiet:
            about.options = [
                (f"{contact.name} (this person)", "contact"),
                (f"{organisation} (their organisation)", "organisation"),
            ]
            about.value = chosen

    def _show_contact(self, contact_id: int | None, keep: int | None = None) -> None:
        """Show a contact's research, and the questions of meeting ``keep``, else of their
        next meeting, else of their latest."""
        self._read_contact(contact_id)
        for item in self.note_form.fields.values():
            item.show_error(None)
        self.note_form.status.value = ""
        upcoming = [
            number
            for number, m in self._meetings.items()
            if m.status is MeetingStatus.SCHEDULED and m.starts_at.date() >= self.today
        ]
        chosen = upcoming[0] if upcoming else max(self._meetings, key=self._starts, default=None)
        if keep is not None and keep in self._meetings:
            chosen = keep
        with self._quiet:
            self.meeting.value = NOTHING if chosen is None else chosen
        if contact_id in self._contacts:
            self._fill(self.note_form, _NOTE_BLANK, f"contact:{contact_id}")
        self._show_meeting(chosen)

    def _starts(self, meeting_id: int) -> datetime:
        return self._meetings[meeting_id].starts_at

    def _show_meeting(self, meeting_id: int | None) -> None:
        """Show a meeting's saved questions, or the way to plan one."""
        self.items = []
        if meeting_id is not None:

            def read(book: Workbook) -> None:
                self.items = [
                    QuestionItem(q.text, q.category, q.id)
                    for q in book.all(Question, meeting_id=meeting_id)
                ]

            self._read(read)
        self._saved = self._snapshot()
        self.save_form.status.value = ""
        self.plan_form.status.value = ""
        for item in self.plan_form.fields.values():
            item.show_error(None)
        self.planning.layout.display = "none" if meeting_id is not None else None
        self.editing.layout.display = None if meeting_id is not None else "none"
        self.plan_help.value = self._plan_help()
        self._render()
        if meeting_id is not None:
            self._fill_own(f"meeting:{meeting_id}")
            self.kept_questions.show(f"meeting:{meeting_id}")
            self._say_unsaved()
            return
        self.kept_questions.flush()
        self.own_kept.flush()
        if self.contact_id in self._contacts:
            self._fill(self.plan_form, self._plan_blank, f"contact:{self.contact_id}")

    def _fill(self, form: Form, blank: Mapping[str, Any], record: str) -> None:
        """Show ``form`` empty for ``record``, with what was typed for it and not saved.

        A form still showing ``record`` keeps what is in it.
        """
        if form.unsaved is None or form.unsaved.record == record:
            return
        form.set_values(blank)
        form.unsaved.show(record)

    def _fill_own(self, record: str) -> None:
        """Show the own-question box for ``record``, with what was typed there and not added."""
        if self.own_kept.record == record:
            return
        self._put_back_own({"own": ""})
        self.own_kept.show(record)

    def _put_back_own(self, values: Mapping[str, Any]) -> None:
        text = values.get("own")
        with self._quiet:
            self.own.widget.value = text if isinstance(text, str) else ""

    def _own_typed(self, _: Mapping[str, Any]) -> None:
        if not self._quiet:
            self.own_kept.changed()

    def _plan_help(self) -> str:
        contact = self._contacts.get(self.contact_id) if self.contact_id is not None else None
        if contact is None:
            return ""
        name = html_text(contact.name)
        start = (
            f"<p>Your questions are kept with a meeting. Plan another meeting with {name} here."
            if self._meetings
            else f"<p><b>You have no meeting planned with {name} yet.</b> Your questions are "
            "kept with a meeting, so plan it first."
        )
        waiting = (
            f" As far as your workbook knows, {name} has not replied yet: planning a meeting "
            "tells your dashboard they did, so its no-reply reminders stop. Plan it once they "
            "agree to meet."
            if not self._replied
            and contact.status in (PipelineStatus.IDENTIFIED, PipelineStatus.CONTACTED)
            else ""
        )
        return (
            f"{start} Enter the day, time and length you agreed and click Plan this meeting; "
            "notebook 04 (The meeting) has the rest: where, and the guide's checklist."
            f"{waiting}</p>"
        )

    # -- the question list -------------------------------------------------------------------------
    def _snapshot(self) -> list[tuple[int | None, str, QuestionCategory]]:
        return [(item.id, plain(item.text), item.category) for item in self.items]

    @property
    def dirty(self) -> bool:
        """Whether the questions on screen have changes that are not saved."""
        return self._snapshot() != self._saved

    def texts(self) -> list[str]:
        """The questions on screen, in order."""
        return [item.text for item in self.items]

    def _render(self) -> None:
        """Draw one row per question, then check them."""
        self.rows = []
        count = len(self.items)
        for index, item in enumerate(self.items):
            row = QuestionRow(index + 1, count, item)
            row.text.observe(lambda change, i=index: self._edited(i, change["new"]), "value")
            row.up.on_click(lambda _, i=index: self.move(i, -1))
            row.down.on_click(lambda _, i=index: self.move(i, 1))
            row.remove.on_click(lambda _, i=index: self.remove(i))
            self.rows.append(row)
        self.list_box.children = [row.view for row in self.rows] or [
            widgets.HTML("<p>No questions yet: add some from the bank, or write your own.</p>")
        ]
        self.check_now()

    def _edited(self, index: int, text: str) -> None:
        item, row = self.items[index], self.rows[index]
        text = one_line(text)
        if plain(text) != plain(item.text):
            item.category = classify(text)[0] if plain(text) else QuestionCategory.OTHER
        item.text = text
        row.text.rows = box_rows(text)
        row.field.show_error(None)
        self.check_now()
        self._changed()

    def check_now(self) -> None:
        """Check each question and the set, for the meeting's planned length."""
        meeting = self._meetings.get(self.meeting_id) if self.meeting_id is not None else None
        minutes = meeting.planned_minutes if meeting else 30
        self.report = check_question_set(self.texts(), minutes=minutes)
        reports = iter(self.report.questions)
        empty = 0
        for item, row in zip(self.items, self.rows, strict=True):
            if plain(item.text):
                row.findings.value = question_html(item, next(reports, None))
            else:
                empty += 1
                row.findings.value = question_html(item, check_question(item.text))
        self.set_check.value = set_html(self.report, empty)
        in_order = suggested_order(self.report) is None
        self.order_button.layout.display = "none" if in_order else None
        self._say_unsaved()

    def _say_unsaved(self) -> None:
        """Say the questions have changed since they were saved (unless the note that they
        were kept from last time says so already)."""
        self.unsaved.value = (
            '<div class="infoview-notice infoview-info" role="status"><b>Not saved yet.</b> '
            "Your questions have changed: click Save my questions to keep them.</div>"
            if self.dirty and not self.kept_questions.restored
            else ""
        )

    def _changed(self) -> None:
        """The student changed the questions: keep them until they are saved."""
        self.kept_questions.changed()

    def _kept_set(self) -> dict[str, Any]:
        """The questions on screen, as they are kept until saved."""
        return {"questions": [kept_entry(item) for item in self.items]}

    def _put_back_set(self, values: Mapping[str, Any]) -> None:
        """Show questions kept from before (or the saved ones, to put them back)."""
        stored = values.get("questions")
        if not isinstance(stored, list):
            return
        saved_ids = {number for number, _, _ in self._saved if number is not None}
        self.items = [item for entry in stored if (item := kept_item(entry, saved_ids)) is not None]
        self._render()

    def add_from_bank(self) -> None:
        """Add the bank questions ticked to the end of the list."""
        ticked = [row for row in self.bank_rows if row.tick.value]
        if not ticked:
            self.save_form.status.value = notice(
                "info", "Tick one or more questions from the bank first."
            )
            return
        already = []
        for row in ticked:
            place = self._place(row.entry.text)
            if place:
                already.append(place)
            else:
                self.items.append(QuestionItem(row.entry.text, row.entry.category))
            with self._quiet:
                row.tick.value = False
        self.save_form.status.value = (
            notice(
                "info", f"Already on your list, so not added again: {question_numbers(already)}."
            )
            if already
            else ""
        )
        if len(already) < len(ticked):
            self._render()
            self._changed()

    def add_own(self) -> None:
        """Add the student's own question to the end of the list."""
        text = one_line(self.own.widget.value)
        if not plain(text):
            self.own.show_error("Write your question in the box first.")
            return
        self.own.show_error(None)
        place = self._place(text)
        if place:
            self.save_form.status.value = notice(
                "info", f"That question is already on your list, as question {place}."
            )
            return
        self.items.append(QuestionItem(text, classify(text)[0]))
        self._render()
        self._changed()
        self._put_back_own({"own": ""})
        self.own_kept.saved()

    def _place(self, text: str) -> int | None:
        """Where the same question is on the list already (from 1), if it is."""
        same = [i for i, item in enumerate(self.items, start=1) if fold(item.text) == fold(text)]
        return same[0] if same else None

    def move(self, index: int, step: int) -> None:
        """Move a question up (``step`` -1) or down (+1) the list."""
        other = index + step
        if 0 <= index < len(self.items) and 0 <= other < len(self.items):
            self.items[index], self.items[other] = self.items[other], self.items[index]
            self._render()
            self._changed()

    def remove(self, index: int) -> None:
        """Take a question off the list (saved when the list is saved)."""
        if 0 <= index < len(self.items):
            del self.items[index]
            self._render()
            self._changed()

    def put_in_suggested_order(self) -> None:
        """Put the questions in the order the check suggests (saved when the list is saved)."""
        order = suggested_order(self.report) if self.report is not None else None
        if order is None:
            return
        self.items = reordered(self.items, order)
        self._render()
        self._changed()
        self.save_form.status.value = notice(
            "info",
            "Your questions are in the suggested order now. Check it reads well, then click "
            "Save my questions to keep it.",
        )

    def _show_bank(self) -> None:
        """List the bank's questions of the kind picked, each in full with a tick box."""
        category = self.bank_category.value
        self.bank_rows = [BankRow(entry) for entry in question_bank(category)] if category else []
        self.bank.children = [row.view for row in self.bank_rows]

    # -- switching with care -----------------------------------------------------------------------
    def _contact_picked(self, change: dict[str, Any]) -> None:
        if not self._quiet:
            self._switch(
                self.confirm, self.contact, change, lambda value: self._show_contact(picked(value))
            )

    def _meeting_picked(self, change: dict[str, Any]) -> None:
        if not self._quiet:
            self._switch(
                self.meeting_confirm,
                self.meeting,
                change,
                lambda value: self._show_meeting(picked(value)),
            )

    def _switch(
        self,
        confirm: Confirmation,
        widget: Any,
        change: dict[str, Any],
        show: Callable[[Any], None],
    ) -> None:
        """Go where the student picked; with unsaved questions, ask first (going ahead
        discards them, kept copy and all)."""
        self.confirm.clear()
        self.meeting_confirm.clear()
        where = "another contact" if widget is self.contact else "another meeting"
        self.switch(
            confirm,
            widget,
            change,
            show,
            unsaved=self.dirty,
            discard=self.kept_questions.discard,
            message="You have changed your questions since they were last saved. Click Save my "
            f"questions to keep them, or discard the changes and go to {where}.",
        )

    # -- saving ----------------------------------------------------------------------------------
    def save_questions(self, _: dict[str, Any]) -> str:
        """Save the list as it is on screen: wording, kinds and order."""
        meeting = self._meetings.get(self.meeting_id) if self.meeting_id is not None else None
        if meeting is None or meeting.id is None:
            raise InfoviewError("Pick or plan a meeting first: questions are kept with one.")
        wrong = 0
        for position, (item, row) in enumerate(zip(self.items, self.rows, strict=True)):
            row.field.show_error(None)
            try:
                Question(meeting_id=meeting.id, text=item.text, position=position)
            except InvalidRecord as error:
                message = error.message_for("text") or str(error)
                if not plain(item.text):
                    message = "The question is empty: write it, or remove it."
                row.field.show_error(message)
                wrong += 1
        if wrong:
            raise InfoviewError(f"Fix the question{'' if wrong == 1 else 's'} marked above.")
        with Workbook.open(self.path) as book:
            saved = save_question_set(book, meeting.id, self.items)
        self.items = [QuestionItem(q.text, q.category, q.id) for q in saved]
        self._saved = self._snapshot()
        self.confirm.clear()
        self.meeting_confirm.clear()
        self._render()
        contact = self._contacts.get(meeting.contact_id)
        name = contact.name if contact else "your contact"
        count = len(saved)
        return (
            f"{count} question{'' if count == 1 else 's'} saved for your meeting with {name} "
            f"on {day_words(meeting.starts_at.date())}."
        )

    def save_note(self, values: dict[str, Any]) -> str:
        """Save a research note about the contact or their organisation."""
        contact = self._contacts.get(self.contact_id) if self.contact_id is not None else None
        if contact is None or contact.id is None:
            raise InfoviewError("Pick a contact first.")
        about_person = values["about"] == "contact"
        with Workbook.open(self.path) as book:
            add_research_note(
                book,
                contact.id,
                about_person=about_person,
                topic=values["topic"],
                text=values["text"],
                source_url=values["source_url"],
            )
        self._read_contact(contact.id, keep=self.meeting_id)
        self.note_form.set_values({"topic": "", "text": "", "source_url": ""})
        about = contact.name if about_person else contact.organisation
        return f"Your note about {about} is saved."

    def plan_meeting(self, values: dict[str, Any]) -> str:
        """Plan a meeting with the contact on the day and time given; the contact moves on
        to "scheduled"."""
        contact = self._contacts.get(self.contact_id) if self.contact_id is not None else None
        if contact is None or contact.id is None:
            raise InfoviewError("Pick a contact first.")
        day, clock = values["day"], values["time"]
        starts_at, problems = read_moment(day, clock, day_field="day", time_field="time")
        if problems or starts_at is None:
            raise InvalidRecord("Meeting", problems)
        try:
            meeting = Meeting(
                contact_id=contact.id,
                starts_at=starts_at,
                planned_minutes=values["planned_minutes"],
            )
        except InvalidRecord as error:
            raise InvalidRecord(
                "Meeting",
                [
                    Problem("day" if p.field == "starts_at" else p.field, p.message)
                    for p in error.problems
                ],
            ) from None
        with Workbook.open(self.path) as book:
            saved = schedule_meeting(book, meeting)
            self._contacts[contact.id] = book.get(Contact, contact.id)
        with self._quiet:
            self.contact.options = [
                (PICK_CONTACT, NOTHING),
                *((contact_label(c), number) for number, c in self._contacts.items()),
            ]
            self.contact.value = contact.id
        self._read_contact(contact.id, keep=saved.id)
        self._show_meeting(saved.id)
        self.plan_form.set_values(self._plan_blank)  # ready for the next one
        return (
            f"Meeting planned with {contact.name} on {day_words(starts_at.date())} at "
            f"{starts_at:%H:%M}, for {saved.planned_minutes} minutes. Now prepare your "
            "questions below."
        )


def prepare_questions(path: Path | str | None = None, today: date | None = None) -> widgets.VBox:
    """The third notebook's form: research notes, then the questions for a meeting."""
    return PrepareQuestions(Path(path) if path else None, today).view


__all__ = [
    "PrepareQuestions",
    "prepare_questions",
]
