"""The fourth notebook's forms: plan a meeting, get ready with the guide's checklist, and
move or cancel it (the guide: do not cancel except in an emergency).

The checklist and the readiness come from :mod:`infoview_lib.coach.meeting`; the
form only shows them and saves the student's ticks in ``Meeting.checklist``. What the
student types but has not saved yet (in every form, ticks too) is kept in the workbook per
meeting, so a kernel restart loses nothing.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

import ipywidgets as widgets

from infoview_lib.coach.meeting import (
    ItemState,
)
from infoview_lib.coach.text import fold
from infoview_lib.errors import InfoviewError
from infoview_lib.model import (
    Contact,
    InvalidRecord,
    Meeting,
    MeetingFormat,
    MeetingStatus,
    Problem,
)
from infoview_lib.store import Workbook
from infoview_lib.ui.components import (
    LABEL_STYLE,
    NOTHING,
    WIDTH,
    Field,
    Form,
    choice_field,
    chosen_line,
    notice,
    picked,
    style,
    text_field,
)
from infoview_lib.ui.fields import meeting_label, read_moment
from infoview_lib.ui.meeting_parts import (
    CANCEL_FORM,
    MOVE_FORM,
    PLAN_FORM,
    TICKS_FORM,
    checklist_item_html,
    kept_input,
    kept_note,
    moment_for,
    readiness_for,
    readiness_html,
    record_key,
    stale_input,
)
from infoview_lib.ui.page import Page
from infoview_lib.ui.unsaved import PREFIX
from infoview_lib.workflow.meetings import (
    cancel_meeting,
    edit_meeting,
    reschedule_meeting,
    save_checklist,
    schedule_meeting,
)

#: How each kind of meeting is named in the form.
FORMAT_LABELS = {
    MeetingFormat.COFFEE: "Coffee or lunch",
    MeetingFormat.VIDEO: "Video call",
    MeetingFormat.PHONE: "Phone call",
    MeetingFormat.OFFICE: "At their workplace",
}
_TICKS_WAITING = "Not saved yet: click Save my ticks to keep them."


# -- the form ----------------------------------------------------------------------------------


def _date_field(name: str, label: str) -> Field:
    widget = widgets.DatePicker(
        description=label, value=None, style=LABEL_STYLE, layout=widgets.Layout(width=WIDTH)
    )
    return Field(name, widget)


def _show_record(form: Form, record: str) -> None:
    """The form now holds ``record`` as saved: bring back what was typed for it."""
    if form.unsaved is not None:
        form.unsaved.show(record)


def _saved(form: Form) -> None:
    """The form's input is saved: forget what was kept for it, before it shows another record."""
    if form.unsaved is not None:
        form.unsaved.saved()


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
        self.quiet = self._quiet
        self.picker = widgets.Dropdown(
            description="Meeting",
            options=[("Plan a new meeting", NOTHING)],
            value=NOTHING,
            style=LABEL_STYLE,
            layout=widgets.Layout(width=WIDTH),
        )
        self.picker.observe(self._picked, names="value")
        self.picked_line = chosen_line(self.picker)
        self.schedule = Form(
            [
                choice_field(
                    "contact_id", "Who you will meet", [("Pick a person", NOTHING)], NOTHING
                ),
                _date_field("day", "Day"),
                text_field("time", "Time", placeholder="e.g. 14:30 or 2:30 pm"),
                text_field("place", "Place", placeholder="e.g. Riverside Café, or the video link"),
                choice_field(
                    "format",
                    "Kind of meeting",
                    [(label, kind) for kind, label in FORMAT_LABELS.items()],
                    MeetingFormat.COFFEE,
                ),
                text_field("planned_minutes", "Planned minutes", "30", placeholder="20 to 30"),
            ],
            self.save_meeting,
            save_label="Save the meeting",
            quiet=self.quiet,
        )
        self.schedule.keep_unsaved(self.path, PLAN_FORM)
        contact = self.schedule.fields["contact_id"]
        self.contact_line = chosen_line(contact.widget)
        contact_box = self.schedule.view.children[0]  # the contact's input and its error line
        contact_box.children = (contact.widget, self.contact_line, contact.error)
        self.checklist: Form | None = None
        #: Every checklist item's box, the ones worked out from the workbook too.
        self.checkboxes: dict[str, widgets.Checkbox] = {}
        self._shown_ticks: dict[str, Any] = {}
        self.ticks_status = widgets.HTML()
        self.readiness = widgets.HTML()
        self.checklist_box = widgets.VBox()
        self.reschedule = Form(
            [
                _date_field("new_day", "New day"),
                text_field("new_time", "New time", placeholder="e.g. 14:30 or 2:30 pm"),
                text_field("status_reason", "Why it moved", placeholder="optional"),
            ],
            self.move_meeting,
            save_label="Move the meeting",
            quiet=self.quiet,
        )
        self.reschedule.keep_unsaved(self.path, MOVE_FORM)
        self.cancel = Form(
            [
                text_field(
                    "status_reason",
                    "Reason",
                    multiline=True,
                    placeholder="what happened that you cannot go, and cannot move it",
                )
            ],
            self.cancel_meeting,
            save_label="Cancel the meeting",
            quiet=self.quiet,
        )
        self.cancel.keep_unsaved(self.path, CANCEL_FORM)
        self.cancel.button.button_style = "warning"
        self.change_box = widgets.VBox()
        self.intro = widgets.HTML()
        self.view = widgets.VBox(
            [
                style(),
                self.intro,
                self.picker,
                self.picked_line,
                widgets.HTML("<h3>When and where</h3>"),
                self.schedule.view,
                widgets.HTML("<h3>Getting ready: the guide's checklist</h3>"),
                self.checklist_box,
                widgets.HTML("<h3>A change of plan</h3>"),
                self.change_box,
            ]
        )
        self.refresh()

    def _forms(self) -> list[Form]:
        """Every form on the page, the checklist too once there is one."""
        forms = [self.schedule, self.reschedule, self.cancel]
        return forms if self.checklist is None else [*forms, self.checklist]

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
        people = [
            (f"{c.name} ({c.organisation})" if c.organisation else c.name, c.id) for c in contacts
        ]
        if select == "next":
            upcoming = [
                m
                for m in meetings
                if m.status is MeetingStatus.SCHEDULED and m.starts_at >= self.now
            ]
            select = upcoming[0].id if upcoming else None
        elif all(m.id != select for m in meetings):
            select = None  # deleted in another window
        with self.quiet:
            contact_field = self.schedule.fields["contact_id"].widget
            chosen_contact = contact_field.value
            contact_field.options = [("Pick a person", NOTHING), *people]
            contact_field.value = chosen_contact if chosen_contact in names else NOTHING
            self.picker.options = [
                ("Plan a new meeting", NOTHING),
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
        kept = self.checklist is not None and self._unsaved_ticks() and self.checklist.submit()
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

    def _unsaved_ticks(self) -> bool:
        """Whether the checklist on screen has ticks that are not saved."""
        return self.checklist is not None and self.checklist.values() != self._shown_ticks

    def _ticked(self, _: dict[str, Any]) -> None:
        """Say the ticks are not saved yet; clear that once they match the saved ones again."""
        waiting = notice("info", _TICKS_WAITING)
        if not self._unsaved_ticks():
            if self.ticks_status.value == waiting:
                self.ticks_status.value = ""
        elif not self.quiet:  # brought back, not ticked now: the kept note says so
            self.ticks_status.value = waiting

    def _show(self, meeting: Meeting | None) -> None:
        """Fill the form from ``meeting`` (or clear it for a new one) and show its checklist."""
        self.meeting = meeting
        record = record_key(None if meeting is None else meeting.id)
        if meeting is None:
            self.schedule.set_values(
                {
                    "contact_id": NOTHING,
                    "day": None,
                    "time": "",
                    "place": "",
                    "format": MeetingFormat.COFFEE,
                    "planned_minutes": "30",
                }
            )
            _show_record(self.schedule, record)
            self.schedule.button.description = "Save the meeting"
            waiting = notice("info", "Save the meeting first; its checklist then appears here.")
            self.checklist, self.checkboxes = None, {}
            self.checklist_box.children = [widgets.HTML(waiting)]
            self.change_box.children = [widgets.HTML(waiting)]
            return
        self.schedule.set_values(
            {
                "contact_id": meeting.contact_id,
                "day": meeting.starts_at.date(),
                "time": f"{meeting.starts_at:%H:%M}",
                "place": meeting.place,
                "format": meeting.format,
                "planned_minutes": str(meeting.planned_minutes),
            }
        )
        _show_record(self.schedule, record)
        self.schedule.button.description = "Save changes"
        self._show_checklist(meeting)
        self._show_change(meeting)

    def _show_checklist(self, meeting: Meeting) -> None:
        with Workbook.open(self.path) as book:
            readiness = readiness_for(book, meeting, self.now)
        self.checkboxes = {}
        self.readiness.value = readiness_html(readiness)
        rows: list[widgets.Widget] = []
        fields = []
        for entry in readiness.items:
            computed = entry.state is ItemState.COMPUTED
            box = widgets.Checkbox(
                value=computed or entry.item.id in meeting.checklist,
                description=entry.item.label,
                disabled=computed,
                indent=False,
                layout=widgets.Layout(width=WIDTH, height="auto"),
            )
            box.add_class("infoview-wrap")
            self.checkboxes[entry.item.id] = box
            item = widgets.HTML(checklist_item_html(entry), layout=widgets.Layout(width=WIDTH))
            if computed:  # worked out from the workbook: shown, never ticked by hand
                rows.append(widgets.VBox([box, item]))
                continue
            field = Field(entry.item.id, box)
            fields.append(field)
            rows.append(widgets.VBox([box, item, field.error]))
        checklist = Form(fields, self.save_ticks, save_label="Save my ticks", quiet=self.quiet)
        kept = checklist.keep_unsaved(self.path, TICKS_FORM)
        checklist.status = self.ticks_status  # kept when the list is drawn again
        self.checklist = checklist
        self._shown_ticks = checklist.values()
        for field in fields:
            field.widget.observe(self._ticked, names="value")
        self.checklist_box.children = [
            *rows,
            checklist.button,
            kept.view,
            self.ticks_status,
            widgets.HTML("<h4>How ready you are</h4>"),
            self.readiness,
        ]
        kept.show(record_key(meeting.id))

    def _show_change(self, meeting: Meeting) -> None:
        if meeting.status is not MeetingStatus.SCHEDULED:
            reason = f" Reason: {meeting.status_reason}" if meeting.status_reason else ""
            self.change_box.children = [
                widgets.HTML(
                    notice(
                        "info",
                        f"This meeting is marked {meeting.status.label.lower()}.{reason} "
                        "To meet again, pick 'Plan a new meeting' above.",
                    )
                ),
                self.cancel.status,
            ]
            return
        record = record_key(meeting.id)
        self.reschedule.set_values({"new_day": None, "new_time": "", "status_reason": ""})
        _show_record(self.reschedule, record)
        self.cancel.set_values({"status_reason": ""})
        _show_record(self.cancel, record)
        self.change_box.children = [
            widgets.HTML(
                "<p>If they ask to move the meeting, or you truly cannot make it, "
                "<b>move it</b> to a new day and time: the old time is kept, marked "
                "rescheduled, and your questions and ticks move with it.</p>"
            ),
            self.reschedule.view,
            widgets.HTML(
                "<p>The guide says: <b>do not cancel except in an emergency</b>. If you must "
                "cancel, say why; then write to them to apologise and, if you can, offer "
                "another time.</p>"
            ),
            self.cancel.view,
        ]

    # -- saving ----------------------------------------------------------------------------
    def save_meeting(self, values: dict[str, Any]) -> str:
        """Save the meeting on the screen: a new one, or changes to the one picked."""
        starts_at, problems = read_moment(
            values["day"], values["time"], day_field="day", time_field="time"
        )
        fields: dict[str, Any] = {
            "contact_id": picked(values["contact_id"]),
            "starts_at": starts_at or datetime(2000, 1, 1),  # stands in while the day is wrong
            "place": values["place"],
            "format": values["format"],
            "planned_minutes": str(values["planned_minutes"]).strip(),
        }
        try:
            meeting = Meeting(**fields)
        except InvalidRecord as error:
            problems += [
                Problem("day" if p.field == "starts_at" else p.field, p.message)
                for p in error.problems
                if starts_at is not None or p.field != "starts_at"
            ]
        if problems:
            raise InvalidRecord("Meeting", problems)
        name = self._names.get(meeting.contact_id, "them")
        with Workbook.open(self.path) as book:
            if self.meeting is None:
                saved = schedule_meeting(book, meeting)
                message = (
                    f"Your meeting with {name} is planned for "
                    f"{meeting.starts_at:%A %d %B %Y at %H:%M}. Tick the checklist below as "
                    "you get ready."
                )
            else:
                assert self.meeting.id is not None
                saved = edit_meeting(book, self.meeting.id, meeting)
                message = f"Your changes to the meeting with {name} are saved."
        _saved(self.schedule)
        self.refresh(select=saved.id)
        return message

    def save_ticks(self, values: dict[str, Any]) -> str:
        """Save the ticked checklist items; items worked out from the workbook stay as stored."""
        meeting = self._current()
        assert self.checklist is not None
        with Workbook.open(self.path) as book:
            saved = save_checklist(
                book, self._id(meeting), self._ticks(meeting, self.checklist, values)
            )
        self.refresh(select=saved.id)
        return "Your ticks are saved; how ready you are is just below."

    @staticmethod
    def _ticks(
        meeting: Meeting, checklist: Form, values: dict[str, Any] | None = None
    ) -> tuple[str, ...]:
        """The checklist to save: the ticks in ``values`` (by default those on screen), and
        the items not ticked by hand (worked out, or for another kind of meeting) as stored.
        The record keeps the ids sorted."""
        ticked = {name for name, value in (values or checklist.values()).items() if value}
        kept = {item for item in meeting.checklist if item not in checklist.fields}
        return tuple(ticked | kept)

    def move_meeting(self, values: dict[str, Any]) -> str:
        """Move the meeting picked to the new day and time."""
        meeting = self._current()
        starts_at, problems = read_moment(
            values["new_day"], values["new_time"], day_field="new_day", time_field="new_time"
        )
        if problems or starts_at is None:
            raise InvalidRecord("Meeting", problems)
        ticks = self.checklist if self._unsaved_ticks() else None
        try:
            with Workbook.open(self.path) as book:
                new = reschedule_meeting(
                    book,
                    self._id(meeting),
                    starts_at,
                    reason=values["status_reason"],
                    now=self.now,
                    checklist=None if ticks is None else self._ticks(meeting, ticks),
                )
        except InvalidRecord as error:  # shown by the new day's field
            raise InvalidRecord(
                "Meeting",
                [
                    Problem("new_day" if p.field == "starts_at" else p.field, p.message)
                    for p in error.problems
                ],
            ) from None
        if ticks is not None:
            _saved(ticks)
        self.refresh(select=new.id)  # what was typed to move or cancel the old time is forgotten
        name = self._names.get(meeting.contact_id, "them")
        return (
            f"Your meeting with {name} is moved to {starts_at:%A %d %B %Y at %H:%M}. Confirm "
            "the new time with them the day before."
        )

    def cancel_meeting(self, values: dict[str, Any]) -> str:
        """Cancel the meeting picked; a reason is required."""
        meeting = self._current()
        with Workbook.open(self.path) as book:
            cancel_meeting(book, self._id(meeting), values["status_reason"])
        self.cancel.set_values({"status_reason": ""})
        self.refresh(select=meeting.id)  # what was typed to move or cancel it is forgotten
        name = self._names.get(meeting.contact_id, "them")
        return (
            f"The meeting with {name} is marked cancelled. Write to them to apologise and, "
            "if you can, offer another time."
        )

    def _current(self) -> Meeting:
        if self.meeting is None:
            raise InfoviewError("Pick a meeting above first.")
        return self.meeting

    @staticmethod
    def _id(meeting: Meeting) -> int:
        assert meeting.id is not None  # only saved meetings are picked
        return meeting.id


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
