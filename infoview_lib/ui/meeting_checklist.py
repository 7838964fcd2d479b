"""Getting ready, on the meeting page: the guide's checklist for the meeting picked, the
student's ticks (saved with the meeting, kept in the workbook until then), and how ready
they are, from :mod:`infoview_lib.coach.meeting`."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from infoview_lib.coach.meeting import ItemState, Readiness, ReadinessItem
from infoview_lib.model import Meeting
from infoview_lib.store import Workbook
from infoview_lib.ui.components import WIDTH, Field, Form, notice
from infoview_lib.ui.meeting_parts import (
    TICKS_FORM,
    MeetingPage,
    checklist_item_html,
    meeting_id,
    readiness_for,
    readiness_html,
    record_key,
)
from infoview_lib.workflow.meetings import CLOSED, closed_checklist, save_checklist

_TICKS_WAITING = "Not saved yet: click Save my ticks to keep them."
#: What the panel says before a meeting is saved.
SAVE_FIRST = "Save the meeting first; its checklist then appears here."


def _item_shape(entry: ReadinessItem, closed: bool) -> tuple[str, bool]:
    """What an item's row is drawn from: its id and whether it can be ticked by hand (not
    worked out from the workbook, and the meeting still to take place)."""
    return entry.item.id, closed or entry.state is ItemState.COMPUTED


def _checkbox(label: str, value: bool, *, computed: bool) -> widgets.Checkbox:
    box = widgets.Checkbox(
        value=value,
        description=label,
        disabled=computed,
        indent=False,
        layout=widgets.Layout(width=WIDTH, height="auto"),
    )
    box.add_class("infoview-wrap")
    return box


class ChecklistPanel:
    """The checklist of the meeting on ``page``, its Save my ticks button and its
    readiness."""

    def __init__(self, page: MeetingPage) -> None:
        self.page = page
        self.meeting: Meeting | None = None
        #: The ticks' form; ``None`` until a saved meeting is shown.
        self.form: Form | None = None
        #: Every checklist item's box, the ones worked out from the workbook too.
        self.checkboxes: dict[str, widgets.Checkbox] = {}
        self._shown_ticks: dict[str, Any] = {}
        self.status = widgets.HTML()
        self.readiness = widgets.HTML()
        self.view = widgets.VBox()
        #: Each item's note (when, where it stands, why), by item id.
        self._notes: dict[str, widgets.HTML] = {}
        #: The meeting and the items the checklist on screen was drawn for.
        self._drawn: tuple[int | None, tuple[tuple[str, bool], ...]] | None = None
        self._save_first = widgets.HTML(notice("info", SAVE_FIRST))

    def show(self, meeting: Meeting | None) -> None:
        """Draw the checklist of ``meeting``; for one not saved yet, say to save it first.

        The same meeting with the same items (after Save my ticks, say) is brought up to
        date where it is, so the button keeps the keyboard and the page does not jump."""
        self.meeting = meeting
        if meeting is None:
            self.form, self.checkboxes, self._drawn = None, {}, None
            self.view.children = [self._save_first]
            return
        with Workbook.open(self.page.path) as book:
            readiness = readiness_for(book, meeting, self.page.now)
        self.readiness.value = readiness_html(readiness)
        closed = meeting.status in CLOSED
        drawn = (meeting.id, tuple(_item_shape(entry, closed) for entry in readiness.items))
        if self.form is None or drawn != self._drawn:
            self._draw(meeting, readiness)
            self._drawn = drawn
        else:
            self._update(meeting, readiness)
        assert self.form is not None
        assert self.form.unsaved is not None  # kept by _draw
        self._shown_ticks = self.form.values()
        self.form.unsaved.show(record_key(meeting.id))

    def _update(self, meeting: Meeting, readiness: Readiness) -> None:
        """Bring the checklist on screen up to date with ``meeting`` as saved."""
        with self.page.quiet:
            for entry in readiness.items:
                computed = entry.state is ItemState.COMPUTED
                box = self.checkboxes[entry.item.id]
                box.value = computed or entry.item.id in meeting.checklist
                self._notes[entry.item.id].value = checklist_item_html(entry)

    def _draw(self, meeting: Meeting, readiness: Readiness) -> None:
        """Draw the checklist of ``meeting`` anew: a box, a note and an error line per item."""
        self.checkboxes, self._notes = {}, {}
        rows: list[widgets.Widget] = []
        fields = []
        for entry in readiness.items:
            computed = entry.state is ItemState.COMPUTED
            box = _checkbox(
                entry.item.label,
                computed or entry.item.id in meeting.checklist,
                computed=computed or meeting.status in CLOSED,
            )
            self.checkboxes[entry.item.id] = box
            item = widgets.HTML(checklist_item_html(entry), layout=widgets.Layout(width=WIDTH))
            self._notes[entry.item.id] = item
            if box.disabled:  # worked out, or a meeting not to take place: never ticked
                rows.append(widgets.VBox([box, item]))
                continue
            field = Field(entry.item.id, box)
            fields.append(field)
            rows.append(widgets.VBox([box, item, field.error]))
        form = Form(fields, self.save_ticks, save_label="Save my ticks", quiet=self.page.quiet)
        kept = form.keep_unsaved(self.page.path, TICKS_FORM)
        form.status = self.status  # kept when the list is drawn again
        self.form = form
        for field in fields:
            field.widget.observe(self._ticked, names="value")
        closed = [widgets.HTML(notice("info", closed_checklist(meeting)))]
        self.view.children = [
            *(closed if meeting.status in CLOSED else []),
            *rows,
            *([] if meeting.status in CLOSED else [form.button]),
            kept.view,
            self.status,
            widgets.HTML("<h4>How ready you are</h4>"),
            self.readiness,
        ]

    def unsaved(self) -> bool:
        """Whether the checklist on screen has ticks that are not saved."""
        return self.form is not None and self.form.values() != self._shown_ticks

    def _ticked(self, _: dict[str, Any]) -> None:
        """Say the ticks are not saved yet; clear that once they match the saved ones again."""
        waiting = notice("info", _TICKS_WAITING)
        if not self.unsaved():
            if self.status.value == waiting:
                self.status.value = ""
        elif not self.page.quiet:  # brought back, not ticked now: the kept note says so
            self.status.value = waiting

    def save_if_ticked(self) -> bool:
        """Save the ticks if there are unsaved ones; whether they were saved."""
        return self.form is not None and self.unsaved() and self.form.submit()

    def ticks(self, values: dict[str, Any] | None = None) -> tuple[str, ...]:
        """The checklist to save: the ticks in ``values`` (by default those on screen), and
        the items not ticked by hand (worked out, or for another kind of meeting) as stored.
        The record keeps the ids sorted."""
        assert self.form is not None  # a checklist is shown: a meeting is too
        assert self.meeting is not None
        ticked = {name for name, value in (values or self.form.values()).items() if value}
        kept = {item for item in self.meeting.checklist if item not in self.form.fields}
        return tuple(ticked | kept)

    def taken_along(self) -> None:
        """The unsaved ticks were saved with the meeting moved: forget what was kept."""
        if self.form is not None and self.form.unsaved is not None:
            self.form.unsaved.saved()

    def save_ticks(self, values: dict[str, Any]) -> str:
        """Save the ticked checklist items; items worked out from the workbook stay as stored."""
        with Workbook.open(self.page.path) as book:
            saved = save_checklist(book, meeting_id(self.meeting), self.ticks(values))
        self.page.show_again(saved.id)
        return "Your ticks are saved; how ready you are is just below."
