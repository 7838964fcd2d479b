"""The fourth notebook's forms: plan a meeting, get ready with the guide's checklist, and
move or cancel it (the guide: do not cancel except in an emergency).

The page is the meeting picker over three panels, each in its own module: when and where
(:mod:`~infoview_lib.ui.meeting_schedule`), the checklist and readiness
(:mod:`~infoview_lib.ui.meeting_checklist`, from :mod:`infoview_lib.coach.meeting`) and a
change of plan (:mod:`~infoview_lib.ui.meeting_change`). What the student types but has not
saved yet (in every form, ticks too) is kept in the workbook per meeting, so a kernel
restart loses nothing.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

import ipywidgets as widgets

from infoview_lib.coach.text import fold
from infoview_lib.model import Contact, Meeting, MeetingStatus
from infoview_lib.store import Workbook
from infoview_lib.ui.components import (
    NOTHING,
    Form,
    notice,
    picked,
    style,
)
from infoview_lib.ui.fields import meeting_label, picker
from infoview_lib.ui.interview_sheet import InterviewSheetPanel
from infoview_lib.ui.meeting_calendar import CalendarPanel
from infoview_lib.ui.meeting_change import ChangePanel
from infoview_lib.ui.meeting_checklist import ChecklistPanel
from infoview_lib.ui.meeting_parts import (
    cut_choice_line,
    kept_input,
    kept_note,
    moment_for,
    record_key,
    stale_input,
)
from infoview_lib.ui.meeting_schedule import FORMAT_LABELS, SchedulePanel
from infoview_lib.ui.page import Page
from infoview_lib.ui.unsaved import PREFIX

#: The meeting list's first entry.
NEW_MEETING = "Plan a new meeting"


# -- the form ----------------------------------------------------------------------------------


class PlanMeeting(Page):
    """Plan a meeting, tick the checklist, see readiness, and move or cancel it."""

    def __init__(
        self, path: Path | None = None, today: date | None = None, now: datetime | None = None
    ) -> None:
        super().__init__(path, today)
        self.now = now or moment_for(self.today)
        self.meeting: Meeting | None = None
        self._names: dict[int, str] = {}
        #: Set while code, not the student, changes the widgets (shared by every form).
        self.picker = picker("Meeting", NEW_MEETING)
        self.picker.observe(self._picked, names="value")
        self.picked_line = cut_choice_line(self.picker)
        self.planning = SchedulePanel(self)
        self.getting_ready = ChecklistPanel(self)
        self.changing = ChangePanel(self, self.getting_ready)
        self.calendar = CalendarPanel(self)
        self.sheet = InterviewSheetPanel(
            self.path, lambda: self.meeting.id if self.meeting else None
        )
        # The parts a student works with, by name.
        self.schedule, self.contact_line = self.planning.form, self.planning.contact_line
        self.ticks_status = self.getting_ready.status
        self.readiness = self.getting_ready.readiness
        self.checklist_box = self.getting_ready.view
        self.reschedule, self.cancel = self.changing.reschedule, self.changing.cancel
        self.change_box = self.changing.view
        self.intro = widgets.HTML()
        self.view = widgets.VBox(
            [
                style(),
                self.intro,
                self.picker,
                self.picked_line,
                widgets.HTML("<h3>When and where</h3>"),
                self.planning.view,
                widgets.HTML("<h3>Getting ready: the guide's checklist</h3>"),
                self.checklist_box,
                self.sheet.view,
                widgets.HTML("<h3>A change of plan</h3>"),
                self.change_box,
                widgets.HTML("<h3>In your own calendar</h3>"),
                self.calendar.view,
            ]
        )
        self.refresh()

    @property
    def checklist(self) -> Form | None:
        """The checklist's form; ``None`` until a saved meeting is shown."""
        return self.getting_ready.form

    @property
    def checkboxes(self) -> dict[str, widgets.Checkbox]:
        """Every checklist item's box, the ones worked out from the workbook too."""
        return self.getting_ready.checkboxes

    def _forms(self) -> list[Form]:
        """Every form on the page, the checklist too once there is one."""
        forms = [self.schedule, self.reschedule, self.cancel]
        return forms if self.checklist is None else [*forms, self.checklist]

    def name_of(self, contact_id: int) -> str:
        """Whom a meeting with ``contact_id`` is with, as a message names them."""
        return self._names.get(contact_id, "them")

    def show_again(self, meeting_id: int | None) -> None:
        """Read the workbook again and show meeting ``meeting_id`` (``None``: a new one)."""
        self.refresh(select=meeting_id)

    # -- loading ---------------------------------------------------------------------------
    def refresh(self, select: int | Literal["next"] | None = "next") -> None:
        """Read the workbook again and show the meeting ``select``: an id, ``None`` for a new
        one, or by default the next meeting still planned."""
        if not self.path.exists():
            self.intro.value = notice(
                "info",
                "There is no workbook yet: open notebook 00 (Start here) and save your "
                "profile first.",
            )
            return
        for form in self._forms():  # what waits for a pause in typing is in the workbook now
            if form.unsaved is not None:
                form.unsaved.flush()
        read = self.read(
            self.intro,
            lambda book: (
                sorted(book.all(Contact), key=lambda contact: fold(contact.name)),
                sorted(book.all(Meeting), key=lambda meeting: meeting.starts_at),
                kept_input(book.settings(PREFIX)),
            ),
        )
        if read is None:
            return
        contacts, meetings, kept = read
        names = {contact.id: contact.name for contact in contacts if contact.id is not None}
        self._names = names
        if select == "next":
            upcoming = [
                m
                for m in meetings
                if m.status is MeetingStatus.SCHEDULED and m.starts_at >= self.now
            ]
            select = upcoming[0].id if upcoming else None
        elif all(m.id != select for m in meetings):
            select = None  # deleted in another window
        self.planning.list_people(contacts)
        with self.quiet:
            self.picker.options = [
                (NEW_MEETING, NOTHING),
                *((meeting_label(m, names), m.id) for m in meetings),
            ]
            self.picker.value = NOTHING if select is None else select
        self._show(next((m for m in meetings if m.id == select), None))
        stale = stale_input(kept, meetings)
        self._forget(stale)
        waiting = {record for _, record in kept - stale}
        no_contacts = notice(
            "info", "You have no contacts yet: add them in notebook 01 (Pick contacts)."
        )
        self.intro.value = ("" if contacts else no_contacts) + kept_note(
            waiting - {record_key(select)}, meetings, names
        )

    def _forget(self, kept: set[tuple[str, str]]) -> None:
        """Forget what was typed in these (form, record) pairs."""
        if not kept:
            return
        with Workbook.open(self.path) as book:
            book.forget_settings(f"{PREFIX}{name}:{record}" for name, record in kept)

    def _picked(self, change: dict[str, Any]) -> None:
        if self.quiet:
            return
        kept = self.getting_ready.save_if_ticked()
        self.ticks_status.value = ""
        for form in (self.schedule, self.reschedule, self.cancel):
            form.status.value = ""
            for item in form.fields.values():
                item.show_error(None)
        self.refresh(select=picked(change["new"]))
        if kept:
            self.ticks_status.value = notice(
                "saved", "The ticks you made for the other meeting were saved before switching."
            )

    def _show(self, meeting: Meeting | None) -> None:
        """Show ``meeting`` (or an empty form for a new one) in every panel. When it is
        another meeting, or the same one moved or cancelled, what the forms said about the
        one shown before goes (the form that changed it then says what it did)."""
        if _state(meeting) != _state(self.meeting):
            self.ticks_status.value = ""
            for form in (self.schedule, self.reschedule, self.cancel):
                form.status.value = ""
        self.meeting = meeting
        self.planning.show(meeting)
        self.getting_ready.show(meeting)
        self.changing.show(meeting)


def _state(meeting: Meeting | None) -> tuple[int | None, MeetingStatus | None]:
    """Which meeting is shown and whether it is planned, moved or cancelled."""
    return (None, None) if meeting is None else (meeting.id, meeting.status)


def plan_meeting(
    path: Path | str | None = None, today: date | None = None, now: datetime | None = None
) -> widgets.VBox:
    """The fourth notebook's forms: plan a meeting, get ready, move or cancel it."""
    return PlanMeeting(Path(path) if path else None, today, now).view


__all__ = [
    "FORMAT_LABELS",
    "PlanMeeting",
    "plan_meeting",
]
