"""Where the questions on the questions page come from: the question bank, by kind, each
question shown in full as the label of its tick box; and a box for the student's own
question, whose text is kept per meeting until it is added."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from infoview_lib.coach.questions import BankQuestion, question_bank
from infoview_lib.coach.text import plain
from infoview_lib.model import Question, QuestionCategory
from infoview_lib.model.labels import labels
from infoview_lib.ui.components import WIDTH, Quiet, text_field
from infoview_lib.ui.fields import label_field
from infoview_lib.ui.question_list import one_line
from infoview_lib.ui.unsaved import UnsavedInput


def beside(button: widgets.Button, status: widgets.HTML) -> widgets.HBox:
    """A button with what its click did beside it, where the eye is after the click (the
    notice goes under it when the window is too narrow)."""
    status.layout = widgets.Layout(flex="1 1 20em", margin="0 0 0 0.5em")
    return widgets.HBox(
        [button, status], layout=widgets.Layout(flex_flow="row wrap", align_items="center")
    )


class BankRow:
    """A question from the bank, shown in full as its tick box's label.

    The label is the Checkbox's own description, so the tick box is named by the
    question (a screen reader reads it; a click on the words ticks it); the shared
    ``infoview-wrap`` style lets a long question wrap instead of being cut off.
    """

    def __init__(self, entry: BankQuestion) -> None:
        self.entry = entry
        self.tick = widgets.Checkbox(
            value=False,
            description=entry.text,
            indent=False,
            layout=widgets.Layout(width=WIDTH, height="auto"),
        )
        self.tick.add_class("infoview-wrap")
        self.view = self.tick


class BankPicker:
    """The bank's questions of the kind picked; Add hands the ticked ones to ``on_add``
    (none ticked: an empty list) and clears the ticks."""

    def __init__(self, on_add: Callable[[Sequence[BankQuestion]], None]) -> None:
        self._on_add = on_add
        kinds = [c for c in QuestionCategory if any(q.category is c for q in question_bank())]
        self.category = label_field(  # only the kinds the bank has
            "category",
            labels(Question)["category"],
            kinds[0] if kinds else None,
            options=[(kind.label, kind) for kind in kinds],
        ).widget
        self.rows: list[BankRow] = []
        self.box = widgets.VBox()
        self.add_button = widgets.Button(
            description="Add the questions ticked",
            layout=widgets.Layout(width="auto", align_self="flex-start"),  # not page-wide
        )
        #: What the last click on Add said, right under the button (a live notice).
        self.status = widgets.HTML()
        self.category.observe(lambda _: self.show(), "value")
        self.add_button.on_click(lambda _: self.add())
        self.view = widgets.VBox(
            [
                widgets.HTML("<h4>Pick questions from the bank</h4>"),
                widgets.HTML(
                    "<p>Pick a kind of question, tick the ones you want, then click Add the "
                    "questions ticked.</p>"
                ),
                self.category,
                self.box,
                beside(self.add_button, self.status),
            ]
        )
        self.show()

    def show(self) -> None:
        """List the bank's questions of the kind picked, each in full with a tick box."""
        kind = self.category.value
        self.rows = [BankRow(entry) for entry in question_bank(kind)] if kind else []
        self.box.children = [row.view for row in self.rows]

    def add(self) -> None:
        """Hand the ticked questions on, and clear their ticks."""
        ticked = [row for row in self.rows if row.tick.value]
        self._on_add([row.entry for row in ticked])
        for row in ticked:
            row.tick.value = False


class OwnQuestion:
    """A box for the student's own question and its Add button; ``on_add`` gets the question
    on one line and says whether it went on the list (then the box empties)."""

    def __init__(self, path: Path, quiet: Quiet, on_add: Callable[[str], bool]) -> None:
        self._quiet = quiet
        self._on_add = on_add
        self.field = text_field("own", "Your own question", placeholder="an open question")
        self.add_button = widgets.Button(description="Add my question")
        #: What the last click on Add said, right under the button (a live notice).
        self.status = widgets.HTML()
        #: What is typed and not added yet, kept per meeting ("meeting:<id>").
        self.kept = UnsavedInput(
            path,
            "own question",
            read=lambda: {"own": self.field.widget.value},
            write=self._put_back,
            widgets_by_name={"own": self.field.widget},
        )
        self.field.widget.observe(self._typed, "value")
        self.add_button.on_click(lambda _: self.add())
        self.view = widgets.VBox(
            [
                widgets.HTML("<h4>Or write your own</h4>"),
                self.field.box,
                beside(self.add_button, self.status),
                self.kept.view,
            ]
        )

    def show(self, record: str) -> None:
        """Show the box for ``record``, with what was typed there and not added."""
        if self.kept.record == record:
            return
        self._put_back({"own": ""})
        self.kept.show(record)

    def add(self) -> None:
        """Put the question typed on the list."""
        text = one_line(self.field.widget.value)
        if not plain(text):
            self.status.value = ""
            self.field.show_error("Write your question in the box first.")
            return
        self.field.show_error(None)
        if self._on_add(text):
            self._put_back({"own": ""})
            self.kept.saved()

    def _put_back(self, values: Mapping[str, Any]) -> None:
        text = values.get("own")
        with self._quiet:
            self.field.widget.value = text if isinstance(text, str) else ""

    def _typed(self, _: Mapping[str, Any]) -> None:
        if not self._quiet:
            self.kept.changed()
