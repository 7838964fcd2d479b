"""When and where, on the meeting page: plan a new meeting with one of the student's
contacts, or change the day, time, place, kind or length of the one picked. The day and
time are read as on every page; what is typed and not saved is kept per meeting."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from infoview_lib.model import Contact, InvalidRecord, Meeting, Problem
from infoview_lib.model.labels import blank_values, labels
from infoview_lib.store import Workbook
from infoview_lib.ui.components import NOTHING, Form, picked
from infoview_lib.ui.fields import date_field, label_field, read_moment, time_field
from infoview_lib.ui.meeting_parts import PLAN_FORM, MeetingPage, cut_choice_line, record_key
from infoview_lib.workflow.meetings import edit_meeting, schedule_meeting

_LABELS = labels(Meeting)
#: How each kind of meeting is named in the form, as the meeting declares it.
FORMAT_LABELS = dict(_LABELS["format"].choices)
#: The contact list's first entry, before one is picked.
PICK_PERSON = "Pick a person"
_BLANK = blank_values(Meeting)
#: The form as it is for a meeting not planned yet.
_NEW_MEETING = {
    "contact_id": NOTHING,
    "day": None,
    "time": "",
    "place": _BLANK["place"],
    "format": _BLANK["format"],
    "planned_minutes": str(_BLANK["planned_minutes"]),
}


def meeting_values(meeting: Meeting) -> dict[str, Any]:
    """The form's values for a planned meeting."""
    return {
        "contact_id": meeting.contact_id,
        "day": meeting.starts_at.date(),
        "time": f"{meeting.starts_at:%H:%M}",
        "place": meeting.place,
        "format": meeting.format,
        "planned_minutes": str(meeting.planned_minutes),
    }


def read_meeting(values: dict[str, Any]) -> Meeting:
    """The meeting the form's ``values`` describe; every problem at once, by its field."""
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
    return meeting


class SchedulePanel:
    """The form for when and where, on ``page``."""

    def __init__(self, page: MeetingPage) -> None:
        self.page = page
        #: The meeting on screen; ``None`` for a new one.
        self.meeting: Meeting | None = None
        self.form = Form(
            [
                label_field(
                    "contact_id", _LABELS["contact_id"], NOTHING, options=[(PICK_PERSON, NOTHING)]
                ),
                date_field("day", "Day"),  # the day and the time make its starts_at
                time_field("time", "Time"),
                *(
                    label_field(name, _LABELS[name], _NEW_MEETING[name])
                    for name in ("place", "format", "planned_minutes")
                ),
            ],
            self.save_meeting,
            save_label="Save the meeting",
            quiet=page.quiet,
        )
        self.form.keep_unsaved(page.path, PLAN_FORM)
        contact = self.form.fields["contact_id"]
        self.contact_line = cut_choice_line(contact.widget)
        contact_box = self.form.view.children[0]  # the contact's input and its error line
        contact_box.children = (contact.widget, self.contact_line, contact.error)
        self.view = self.form.view

    def list_people(self, contacts: list[Contact]) -> None:
        """Offer ``contacts`` to meet; the one picked stays picked if it is still there."""
        people = [
            (f"{c.name} ({c.organisation})" if c.organisation else c.name, c.id) for c in contacts
        ]
        with self.page.quiet:
            widget = self.form.fields["contact_id"].widget
            chosen = widget.value
            widget.options = [(PICK_PERSON, NOTHING), *people]
            widget.value = chosen if chosen in {c.id for c in contacts} else NOTHING

    def show(self, meeting: Meeting | None) -> None:
        """Fill the form from ``meeting``, or clear it for a new one, then bring back what
        was typed for it and not saved."""
        self.meeting = meeting
        self.form.set_values(_NEW_MEETING if meeting is None else meeting_values(meeting))
        if self.form.unsaved is not None:
            self.form.unsaved.show(record_key(None if meeting is None else meeting.id))
        self.form.button.description = "Save the meeting" if meeting is None else "Save changes"

    def save_meeting(self, values: dict[str, Any]) -> str:
        """Save the meeting on the screen: a new one, or changes to the one picked."""
        meeting = read_meeting(values)
        name = self.page.name_of(meeting.contact_id)
        with Workbook.open(self.page.path) as book:
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
        if self.form.unsaved is not None:  # forget what was kept, before the form is filled
            self.form.unsaved.saved()
        self.page.show_again(saved.id)
        return message
