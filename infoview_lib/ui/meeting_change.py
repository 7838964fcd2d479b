"""A change of plan, on the meeting page: move the meeting picked to a new day and time
(the old time is kept, marked rescheduled; unsaved ticks move with it), or cancel it with
a reason (the guide: do not cancel except in an emergency)."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from infoview_lib.model import InvalidRecord, Meeting, MeetingStatus, Problem
from infoview_lib.model.labels import labels
from infoview_lib.store import Workbook
from infoview_lib.ui.components import Form, notice, text_field
from infoview_lib.ui.fields import date_field, label_field, read_moment, time_field
from infoview_lib.ui.meeting_checklist import SAVE_FIRST, ChecklistPanel
from infoview_lib.ui.meeting_parts import (
    CANCEL_FORM,
    MOVE_FORM,
    MeetingPage,
    as_sentence,
    meeting_id,
    record_key,
)
from infoview_lib.workflow.meetings import cancel_meeting, reschedule_meeting


class ChangePanel:
    """Move or cancel the meeting on ``page``; moving takes the unsaved ticks of
    ``checklist`` along."""

    def __init__(self, page: MeetingPage, checklist: ChecklistPanel) -> None:
        self.page = page
        self._checklist = checklist
        self.meeting: Meeting | None = None
        self.reschedule = Form(
            [
                date_field("new_day", "New day"),
                time_field("new_time", "New time"),
                # the reason a meeting moved is optional, so it is asked another way
                text_field("status_reason", "Why it moved", placeholder="optional"),
            ],
            self.move_meeting,
            save_label="Move the meeting",
            quiet=page.quiet,
        )
        self.reschedule.keep_unsaved(page.path, MOVE_FORM)
        self.cancel = Form(
            [label_field("status_reason", labels(Meeting)["status_reason"])],
            self.cancel_meeting,
            save_label="Cancel the meeting",
            quiet=page.quiet,
        )
        self.cancel.keep_unsaved(page.path, CANCEL_FORM)
        self.cancel.button.button_style = "warning"
        self.view = widgets.VBox()
        # Drawn once: showing the meeting again changes only what they say.
        self._save_first = widgets.HTML(notice("info", SAVE_FIRST))
        self._marked = widgets.HTML()
        self._move_note = widgets.HTML(
            "<p>If they ask to move the meeting, or you truly cannot make it, "
            "<b>move it</b> to a new day and time: the old time is kept, marked "
            "rescheduled, and your questions and ticks move with it.</p>"
        )
        self._cancel_note = widgets.HTML(
            "<p>The guide says: <b>do not cancel except in an emergency</b>. If you must "
            "cancel, say why; then write to them to apologise and, if you can, offer "
            "another time.</p>"
        )

    def show(self, meeting: Meeting | None) -> None:
        """Offer to move or cancel ``meeting`` if it is still planned; else say what it is."""
        self.meeting = meeting
        if meeting is None:
            self.view.children = [self._save_first]
            return
        if meeting.status is not MeetingStatus.SCHEDULED:
            reason = (
                f" Reason: {as_sentence(meeting.status_reason)}" if meeting.status_reason else ""
            )
            self._marked.value = notice(
                "info",
                f"This meeting is marked {meeting.status.label.lower()}.{reason} "
                "To meet again, pick 'Plan a new meeting' above.",
            )
            self.view.children = [self._marked, self.cancel.status]
            return
        record = record_key(meeting.id)
        for form, blank in (
            (self.reschedule, {"new_day": None, "new_time": "", "status_reason": ""}),
            (self.cancel, {"status_reason": ""}),
        ):
            form.set_values(blank)
            if form.unsaved is not None:
                form.unsaved.show(record)
        self.view.children = [
            self._move_note,
            self.reschedule.view,
            self._cancel_note,
            self.cancel.view,
        ]

    def move_meeting(self, values: dict[str, Any]) -> str:
        """Move the meeting picked to the new day and time."""
        number = meeting_id(self.meeting)
        assert self.meeting is not None
        contact_id = self.meeting.contact_id
        starts_at, problems = read_moment(
            values["new_day"], values["new_time"], day_field="new_day", time_field="new_time"
        )
        if problems or starts_at is None:
            raise InvalidRecord("Meeting", problems)
        ticks = self._checklist.ticks() if self._checklist.unsaved() else None
        try:
            with Workbook.open(self.page.path) as book:
                new = reschedule_meeting(
                    book,
                    number,
                    starts_at,
                    reason=values["status_reason"],
                    now=self.page.now,
                    checklist=ticks,
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
            self._checklist.taken_along()
        self.page.show_again(new.id)  # what was typed to move or cancel the old time is forgotten
        return (
            f"Your meeting with {self.page.name_of(contact_id)} is moved to "
            f"{starts_at:%A %d %B %Y at %H:%M}. Confirm the new time with them the day before."
        )

    def cancel_meeting(self, values: dict[str, Any]) -> str:
        """Cancel the meeting picked; a reason is required."""
        number = meeting_id(self.meeting)
        assert self.meeting is not None
        contact_id = self.meeting.contact_id
        with Workbook.open(self.page.path) as book:
            cancel_meeting(book, number, values["status_reason"])
        self.cancel.set_values({"status_reason": ""})
        self.page.show_again(number)  # what was typed to move or cancel it is forgotten
        return (
            f"The meeting with {self.page.name_of(contact_id)} is marked cancelled. Write to them "
            "to apologise and, if you can, offer another time."
        )
