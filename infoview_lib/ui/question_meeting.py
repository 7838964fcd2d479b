"""The questions page's meeting planner: questions are kept with a meeting, so a contact with
none yet (or a student who wants another) plans one here with the day, time and length they
agreed; notebook 04 has the rest."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from infoview_lib.coach.calendar import day_words
from infoview_lib.coach.outreach_drafts import draft_templates
from infoview_lib.errors import InfoviewError
from infoview_lib.model import Contact, InvalidRecord, Meeting, PipelineStatus, Problem
from infoview_lib.store import Workbook
from infoview_lib.ui.components import Form, Quiet, choice_field, html_text
from infoview_lib.ui.fields import date_field, read_moment, time_field
from infoview_lib.ui.page import fill_for
from infoview_lib.workflow.meetings import schedule_meeting

#: The meeting lengths offered, in minutes (the guide: 20 to 30 is usual).
LENGTHS = (15, 20, 30, 45, 60)


def plan_help(contact: Contact, *, has_meetings: bool, replied: bool) -> str:
    """Why and how to plan a meeting with ``contact``, escaped; with a warning when, as far
    as the workbook knows, they have not replied yet."""
    name = html_text(contact.name)
    start = (
        f"<p>Your questions are kept with a meeting. Plan another meeting with {name} here."
        if has_meetings
        else f"<p><b>You have no meeting planned with {name} yet.</b> Your questions are "
        "kept with a meeting, so plan it first."
    )
    waiting = (
        f" As far as your workbook knows, {name} has not replied yet: planning a meeting "
        "tells your dashboard they did, so its no-reply reminders stop. Plan it once they "
        "agree to meet."
        if not replied and contact.status in (PipelineStatus.IDENTIFIED, PipelineStatus.CONTACTED)
        else ""
    )
    return (
        f"{start} Enter the day, time and length you agreed and click Plan this meeting; "
        "notebook 04 (The meeting) has the rest: where, and the guide's checklist."
        f"{waiting}</p>"
    )


class MeetingPlanner:
    """The form that plans a meeting with the contact picked; what is typed and not planned
    is kept per contact.

    ``on_planned`` gets the contact as the workbook has them now (moved on to
    "scheduled") and the meeting saved, so the page can show it.
    """

    def __init__(
        self, path: Path, quiet: Quiet, on_planned: Callable[[Contact, Meeting], None]
    ) -> None:
        self.path = path
        self._on_planned = on_planned
        self.contact: Contact | None = None
        self.help = widgets.HTML()
        minutes = draft_templates().default_minutes
        self.blank: dict[str, Any] = {
            "day": None,
            "time": "",
            "planned_minutes": minutes if minutes in LENGTHS else 30,
        }
        self.form = Form(
            [
                date_field("day", "Day you meet"),
                time_field("time", "Time"),
                choice_field(
                    "planned_minutes",
                    "Length",
                    [(f"{length} minutes", length) for length in LENGTHS],
                    self.blank["planned_minutes"],
                ),
            ],
            self.plan,
            save_label="Plan this meeting",
            quiet=quiet,
        )
        kept = self.form.keep_unsaved(path, "meeting plan")
        #: What is shown only while planning; the status line stays, to say what was planned.
        self.planning = widgets.VBox(
            [
                self.help,
                *(item.box for item in self.form.fields.values()),
                self.form.button,
                kept.view,
            ]
        )
        self.view = widgets.VBox([self.planning, self.form.status])

    def show(
        self, contact: Contact | None, *, planning: bool, has_meetings: bool, replied: bool
    ) -> None:
        """Show the planner for ``contact`` (with what was typed for them and not planned)
        when ``planning``; hide it otherwise. ``has_meetings`` and ``replied`` shape its advice."""
        self.contact = contact
        self.form.status.value = ""
        for item in self.form.fields.values():
            item.show_error(None)
        self.planning.layout.display = None if planning else "none"
        self.help.value = (
            plan_help(contact, has_meetings=has_meetings, replied=replied) if contact else ""
        )
        if planning and contact is not None:
            fill_for(self.form, self.blank, f"contact:{contact.id}")

    def plan(self, values: dict[str, Any]) -> str:
        """Plan a meeting with the contact on the day and time given; the contact moves on
        to "scheduled"."""
        contact = self.contact
        if contact is None or contact.id is None:
            raise InfoviewError("Pick a contact first.")
        starts_at, problems = read_moment(
            values["day"], values["time"], day_field="day", time_field="time"
        )
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
            now = book.get(Contact, contact.id)
        self._on_planned(now, saved)
        self.form.set_values(self.blank)  # ready for the next one
        return (
            f"Meeting planned with {contact.name} on {day_words(starts_at.date())} at "
            f"{starts_at:%H:%M}, for {saved.planned_minutes} minutes. Now prepare your "
            "questions below."
        )
