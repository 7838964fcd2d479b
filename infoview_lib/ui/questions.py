"""The third notebook's page: research the contact and their organisation, then prepare the
meeting's questions, from the bank or your own, in order, with the check's findings.

Questions are kept with a meeting (:class:`~infoview_lib.model.Question` has a
``meeting_id``). When the contact has no meeting yet, the page says so and lets the
student plan one with the day, time and length they agreed; notebook 04 has the rest.
The checks are :func:`infoview_lib.coach.questions.check_question_set` and
:func:`~infoview_lib.coach.questions.check_question`; the page only shows them.

Each part is a panel in its own module: the research notes
(:mod:`~infoview_lib.ui.research_notes`), the meeting planner
(:mod:`~infoview_lib.ui.question_meeting`) and the question editor
(:mod:`~infoview_lib.ui.question_editor`). :class:`PrepareQuestions` reads the workbook
for them, picks the contact and the meeting, and keeps the panels in step.

What the student types and has not saved (a note, a meeting being planned, the questions
and their order) is kept in the workbook per contact or meeting, and comes back after a
kernel restart (:mod:`infoview_lib.ui.unsaved`).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from infoview_lib.model import (
    Contact,
    Meeting,
    MeetingStatus,
    Outreach,
    Question,
    ResearchNote,
)
from infoview_lib.model.labels import labels
from infoview_lib.store import Workbook
from infoview_lib.ui.components import NOTHING, Confirmation, notice, picked, style
from infoview_lib.ui.fields import (
    NO_CONTACTS,
    PICK_CONTACT,
    contact_label,
    meeting_label,
    picked_id,
    picker,
)
from infoview_lib.ui.interview_sheet import InterviewSheetPanel
from infoview_lib.ui.page import Page
from infoview_lib.ui.question_editor import QuestionEditor
from infoview_lib.ui.question_meeting import MeetingPlanner
from infoview_lib.ui.research_notes import ResearchNotes, notes_about

#: The entry of the meeting list that plans a new one.
PLAN_NEW = "Plan a new meeting"


class PrepareQuestions(Page):
    """Research notes for a contact, and the questions for a meeting with them."""

    def __init__(self, path: Path | None = None, today: date | None = None) -> None:
        super().__init__(path, today)
        self._contacts: dict[int, Contact] = {}
        self._meetings: dict[int, Meeting] = {}
        self._replied = False
        self.confirm = Confirmation()  # by the contact list
        self.meeting_confirm = Confirmation()  # by the meeting list

        self.contact = picker("Contact", PICK_CONTACT)
        self.reload_button = widgets.Button(description="Reload my contacts")
        self.status = widgets.HTML()
        self.research = ResearchNotes(
            self.path,
            self.quiet,
            on_saved=lambda: self._read_contact(self.contact_id, keep=self.meeting_id),
        )
        self.meeting = picker(labels(Question)["meeting_id"].text, PLAN_NEW)
        self.planner = MeetingPlanner(self.path, self.quiet, on_planned=self._planned)
        self.questions = QuestionEditor(
            self.path,
            self.quiet,
            meeting=self._meeting,
            on_saved=self._clear_confirms,
        )
        self.sheet = InterviewSheetPanel(
            self.path, lambda: self.meeting_id, unsaved=lambda: self.questions.dirty
        )
        self.details = widgets.VBox(
            [
                self.research.view,
                widgets.HTML("<h3>Questions</h3>"),
                self.meeting,
                self.meeting_confirm.view,
                self.planner.view,
                self.questions.view,
                self.sheet.view,
            ]
        )

        self.reload_button.on_click(lambda _: self.reload())
        self.contact.observe(self._picked, "value")
        self.meeting.observe(self._picked, "value")
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
        self.reload()

    # -- what is picked ------------------------------------------------------------------------
    @property
    def contact_id(self) -> int | None:
        """The contact picked, if any."""
        return picked_id(self.contact)

    @property
    def meeting_id(self) -> int | None:
        """The meeting whose questions are on screen, or ``None`` while planning one."""
        return picked_id(self.meeting)

    def _meeting(self) -> tuple[Meeting, str] | None:
        """The meeting picked, as last read, and the name of whom it is with."""
        meeting = self._meetings.get(self.meeting_id) if self.meeting_id is not None else None
        if meeting is None:
            return None
        contact = self._contacts.get(meeting.contact_id)
        return meeting, contact.name if contact else "your contact"

    # -- reading the workbook ------------------------------------------------------------------
    def reload(self) -> None:
        """Read the contacts again; unsaved questions on screen stay as they are."""
        self._clear_confirms()
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
        contacts = self.read(self.status, lambda book: book.all(Contact))
        if contacts is None:
            return
        self._contacts = {c.id: c for c in contacts if c.id is not None}
        self._list_contacts()
        if not self._contacts:
            self.status.value = notice("info", NO_CONTACTS)

    def _list_contacts(self) -> None:
        chosen = self.contact_id if self.contact_id in self._contacts else None
        self._contact_options(chosen)
        if chosen is None or not self.questions.dirty:
            self._show_contact(chosen, keep=self.meeting_id)
        else:
            self._read_contact(chosen, keep=self.meeting_id)

    def _contact_options(self, chosen: int | None) -> None:
        """List the contacts, with ``chosen`` picked (not counted as the student's pick)."""
        with self.quiet:
            self.contact.options = [
                (PICK_CONTACT, NOTHING),
                *((contact_label(c), number) for number, c in self._contacts.items()),
            ]
            self.contact.value = NOTHING if chosen is None else chosen

    def _read_contact(self, contact_id: int | None, keep: int | None = None) -> None:
        """Read a contact's notes and meetings; ``keep`` stays picked if it is there."""
        contact = self._contacts.get(contact_id) if contact_id is not None else None
        self._meetings, self._replied = {}, False
        if contact is not None:

            def read(book: Workbook) -> tuple[list[ResearchNote], list[Meeting], bool]:
                notes = notes_about(book.all(ResearchNote), contact)
                meetings = book.all(Meeting, contact_id=contact.id)
                replied = any(
                    message.replied_on is not None
                    for message in book.all(Outreach, contact_id=contact.id)
                )
                return notes, meetings, replied

            notes, meetings, self._replied = self.read(self.status, read) or ([], [], False)
            meetings.sort(key=lambda meeting: meeting.starts_at)
            self._meetings = {m.id: m for m in meetings if m.id is not None}
            self.research.show(contact, notes)
        with self.quiet:
            self.meeting.options = [
                *((meeting_label(m), number) for number, m in self._meetings.items()),
                (PLAN_NEW, NOTHING),
            ]
            self.meeting.value = keep if keep is not None and keep in self._meetings else NOTHING
        self.details.layout.display = None if contact else "none"

    def _show_contact(self, contact_id: int | None, keep: int | None = None) -> None:
        """Show a contact's research, and the questions of meeting ``keep``, else of their
        next meeting, else of their latest."""
        self._read_contact(contact_id)
        self.research.open(self._contacts.get(contact_id) if contact_id is not None else None)
        upcoming = [
            number
            for number, m in self._meetings.items()
            if m.status is MeetingStatus.SCHEDULED and m.starts_at.date() >= self.today
        ]
        latest = max(
            self._meetings, key=lambda number: self._meetings[number].starts_at, default=None
        )
        chosen = upcoming[0] if upcoming else latest
        if keep is not None and keep in self._meetings:
            chosen = keep
        with self.quiet:
            self.meeting.value = NOTHING if chosen is None else chosen
        self._show_meeting(chosen)

    def _show_meeting(self, meeting_id: int | None) -> None:
        """Show a meeting's saved questions, or the way to plan one."""
        questions: list[Question] = []
        if meeting_id is not None:
            read = self.read(self.status, lambda book: book.all(Question, meeting_id=meeting_id))
            questions = read or []
        contact = self._contacts.get(self.contact_id) if self.contact_id is not None else None
        self.planner.show(
            contact,
            planning=meeting_id is None,
            has_meetings=bool(self._meetings),
            replied=self._replied,
        )
        self.questions.show(meeting_id, questions)

    def _planned(self, contact: Contact, meeting: Meeting) -> None:
        """A meeting was planned with ``contact`` (as they are now): show its questions."""
        if contact.id is None:
            return
        self._contacts[contact.id] = contact
        self._contact_options(contact.id)
        self._read_contact(contact.id, keep=meeting.id)
        self._show_meeting(meeting.id)

    # -- switching with care -------------------------------------------------------------------
    def _picked(self, change: dict[str, Any]) -> None:
        """The student picked another contact or meeting: go there; with unsaved questions,
        ask first by the list they used (going ahead discards them, kept copy and all)."""
        if self.quiet:
            return
        self._clear_confirms()
        by_contact = change["owner"] is self.contact
        show = self._show_contact if by_contact else self._show_meeting
        self.switch(
            self.confirm if by_contact else self.meeting_confirm,
            change["owner"],
            change,
            lambda value: show(picked(value)),
            unsaved=self.questions.dirty,
            discard=self.questions.kept.discard,
            message="You have changed your questions since they were last saved. Click Save my "
            f"questions to keep them, or discard the changes and go to another "
            f"{'contact' if by_contact else 'meeting'}.",
        )

    def _clear_confirms(self) -> None:
        self.confirm.clear()
        self.meeting_confirm.clear()


def prepare_questions(path: Path | str | None = None, today: date | None = None) -> widgets.VBox:
    """The third notebook's page: research notes, then the questions for a meeting."""
    return PrepareQuestions(Path(path) if path else None, today).view


__all__ = [
    "PrepareQuestions",
    "prepare_questions",
]
