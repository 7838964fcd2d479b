"""The questions page's editor: the questions for one meeting, added from the bank or
written by the student, put in order, checked as they change and saved as a set. What is
on screen and not saved is kept per meeting (:mod:`infoview_lib.ui.unsaved`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from infoview_lib.coach.calendar import day_words
from infoview_lib.coach.questions import (
    BankQuestion,
    QuestionSetReport,
    check_question,
    check_question_set,
    classify,
)
from infoview_lib.coach.text import fold, plain
from infoview_lib.errors import InfoviewError
from infoview_lib.model import InvalidRecord, Meeting, Question, QuestionCategory
from infoview_lib.store import Workbook
from infoview_lib.ui.components import Form, Quiet, notice
from infoview_lib.ui.question_list import (
    QuestionRow,
    added_words,
    box_rows,
    kept_entry,
    kept_item,
    one_line,
    question_html,
    reordered,
    set_html,
    suggested_order,
)
from infoview_lib.ui.question_sources import BankPicker, OwnQuestion
from infoview_lib.ui.unsaved import UnsavedInput
from infoview_lib.workflow.questions import QuestionItem, save_question_set

#: A question on screen as it is compared with the saved ones: id, text, kind.
Snapshot = list[tuple[int | None, str, QuestionCategory]]


class QuestionEditor:
    """The questions of the meeting the page shows.

    ``meeting`` gives that meeting as last read and the name of whom it is with (``None``
    while one is being planned); ``on_saved`` runs after a save, so the page can drop a
    question about unsaved changes.
    """

    def __init__(
        self,
        path: Path,
        quiet: Quiet,
        *,
        meeting: Callable[[], tuple[Meeting, str] | None],
        on_saved: Callable[[], None],
    ) -> None:
        self.path = path
        self._quiet = quiet
        self._meeting = meeting
        self._on_saved = on_saved
        self.items: list[QuestionItem] = []
        #: The rows showing the questions, one per question, in order.
        self.rows: list[QuestionRow] = []
        #: Every row drawn so far: kept and shown again, so a move redraws nothing.
        self._drawn: list[QuestionRow] = []
        self._none_yet = widgets.HTML(
            "<p>No questions yet: add some from the bank, or write your own.</p>"
        )
        self.report: QuestionSetReport | None = None
        self._saved: Snapshot = []
        self.bank = BankPicker(self.add_from_bank)
        self.own = OwnQuestion(path, quiet, self.add_own)
        self.list_box = widgets.VBox()
        self.set_check = widgets.HTML()
        self.order_button = widgets.Button(
            description="Put them in the suggested order",
            tooltip="Reorder your questions as the check suggests (saved when you save them)",
            layout=widgets.Layout(width="auto", align_self="flex-start", display="none"),
        )
        self.order_button.on_click(lambda _: self.put_in_suggested_order())
        self.unsaved = widgets.HTML()
        self.save_form = Form([], self.save, save_label="Save my questions", quiet=quiet)
        #: The questions on screen and not saved yet, kept per meeting ("meeting:<id>").
        self.kept = UnsavedInput(
            path, "questions", read=self._kept_set, write=self._put_back_set, widgets_by_name={}
        )
        self.save_form.unsaved = self.kept  # a save forgets what was kept
        self.view = widgets.VBox(
            [
                self.bank.view,
                self.own.view,
                widgets.HTML("<h4>Your questions, in the order you will ask them</h4>"),
                self.list_box,
                self.set_check,
                self.order_button,
                self.unsaved,
                self.kept.view,
                self.save_form.button,
                self.save_form.status,
            ]
        )

    # -- what is on screen -------------------------------------------------------------------
    def show(self, meeting_id: int | None, questions: Sequence[Question]) -> None:
        """Show meeting ``meeting_id``'s saved ``questions`` (with what was typed for it and
        not saved); with no meeting, hide the editor."""
        self.items = [QuestionItem(q.text, q.category, q.id) for q in questions]
        self._saved = self._snapshot()
        self.save_form.status.value = ""
        self._forget_added()
        self.view.layout.display = None if meeting_id is not None else "none"
        self._render()
        if meeting_id is not None:
            self.own.show(f"meeting:{meeting_id}")
            self.kept.show(f"meeting:{meeting_id}")
            self._say_unsaved()
            return
        self.kept.flush()
        self.own.kept.flush()

    def _snapshot(self) -> Snapshot:
        return [(item.id, plain(item.text), item.category) for item in self.items]

    @property
    def dirty(self) -> bool:
        """Whether the questions on screen have changes that are not saved."""
        return self._snapshot() != self._saved

    def texts(self) -> list[str]:
        """The questions on screen, in order."""
        return [item.text for item in self.items]

    def _render(self) -> None:
        """Show one row per question, then check them. The rows on screen show the
        questions now in their places: only rows added or taken away at the end are drawn
        or removed, so a button keeps the keyboard's focus when the questions move."""
        count = len(self.items)
        while len(self._drawn) < count:
            self._drawn.append(self._new_row(len(self._drawn)))
        self.rows = self._drawn[:count]
        with self._quiet:
            for row, item in zip(self.rows, self.items, strict=True):
                row.show(item, count)
        self.list_box.children = [row.view for row in self.rows] or [self._none_yet]
        self.check_now()

    def _new_row(self, index: int) -> QuestionRow:
        """The row for the question at ``index`` (from 0), whatever question is there."""
        row = QuestionRow(index + 1)
        row.text.observe(lambda change: self._edited(index, change["new"]), "value")
        row.up.on_click(lambda _: self.move(index, -1))
        row.down.on_click(lambda _: self.move(index, 1))
        row.remove.on_click(lambda _: self.remove(index))
        return row

    def _edited(self, index: int, text: str) -> None:
        if self._quiet or index >= len(self.items):
            return  # the editor showing a question in the row, not the student typing
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
        shown = self._meeting()
        minutes = shown[0].planned_minutes if shown else 30
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
            if self.dirty and not self.kept.restored
            else ""
        )

    # -- keeping what is not saved -----------------------------------------------------------
    def _changed(self) -> None:
        """The student changed the questions: keep them until they are saved."""
        self.kept.changed()

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

    # -- changing the list -------------------------------------------------------------------
    def add_from_bank(self, entries: Sequence[BankQuestion]) -> None:
        """Add the bank questions ticked to the end of the list, each once; say so by the
        bank's button."""
        if not entries:
            self._said_by(self.bank.status, "Tick one or more questions from the bank first.")
            return
        added, already = [], []
        for entry in entries:
            place = self._place(entry.text)
            if place:
                already.append(place)
            else:
                self.items.append(QuestionItem(entry.text, entry.category))
                added.append(len(self.items))
        if added:
            self._render()
            self._changed()
        self._said_by(self.bank.status, added_words(added, already))

    def add_own(self, text: str) -> bool:
        """Add the student's own question to the end of the list, unless it is there already;
        say so by its button."""
        place = self._place(text)
        if place:
            self._said_by(
                self.own.status, f"That question is already on your list, as question {place}."
            )
            return False
        self.items.append(QuestionItem(text, classify(text)[0]))
        self._render()
        self._changed()
        self._said_by(self.own.status, added_words([len(self.items)]))
        return True

    def _said_by(self, status: widgets.HTML, message: str) -> None:
        """Say ``message`` by the button clicked (a live notice there), and clear what the
        other buttons said before, which no longer holds."""
        for other in (self.bank.status, self.own.status, self.save_form.status):
            if other is not status:
                other.value = ""
        status.value = notice("info", message)

    def _forget_added(self) -> None:
        """Clear what the Add buttons said: the list has changed since (numbers move)."""
        self.bank.status.value = ""
        self.own.status.value = ""

    def _place(self, text: str) -> int | None:
        """Where the same question is on the list already (from 1), if it is."""
        same = [i for i, item in enumerate(self.items, start=1) if fold(item.text) == fold(text)]
        return same[0] if same else None

    def move(self, index: int, step: int) -> None:
        """Move a question up (``step`` -1) or down (+1) the list; the keyboard's focus
        goes with it, to the same button at its new place."""
        other = index + step
        if 0 <= index < len(self.items) and 0 <= other < len(self.items):
            self.items[index], self.items[other] = self.items[other], self.items[index]
            self._forget_added()
            self._render()
            self._changed()
            self.rows[other].focus("up" if step < 0 else "down")

    def remove(self, index: int) -> None:
        """Take a question off the list (saved when the list is saved); the keyboard's
        focus goes to the Remove button of the question now in its place (or the one
        before), or to the box for one's own question when none is left."""
        if 0 <= index < len(self.items):
            del self.items[index]
            self._forget_added()
            self._render()
            self._changed()
            if self.rows:
                self.rows[min(index, len(self.rows) - 1)].focus("remove")
            else:
                self.own.field.widget.focus()

    def put_in_suggested_order(self) -> None:
        """Put the questions in the order the check suggests (saved when the list is saved)."""
        order = suggested_order(self.report) if self.report is not None else None
        if order is None:
            return
        self.items = reordered(self.items, order)
        self._forget_added()
        self._render()
        self._changed()
        self.save_form.status.value = notice(
            "info",
            "Your questions are in the suggested order now. Check it reads well, then click "
            "Save my questions to keep it.",
        )

    # -- saving ------------------------------------------------------------------------------
    def save(self, _: dict[str, Any]) -> str:
        """Save the list as it is on screen: wording, kinds and order."""
        meeting, with_whom = self._meeting() or (None, "")
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
        self._on_saved()
        self._forget_added()
        self._render()
        count = len(saved)
        return (
            f"{count} question{'' if count == 1 else 's'} saved for your meeting with "
            f"{with_whom} on {day_words(meeting.starts_at.date())}."
        )
