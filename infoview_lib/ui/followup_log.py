"""What you learned, on the follow-up page: the log of the meeting picked (notes, key
advice, the people they suggested, whether they will keep in touch and how), saved through
:func:`infoview_lib.workflow.interviews.save_interview_log`. A meeting still to come may be
logged early, once the student confirms it happened. What is typed and not saved is kept
in the workbook per meeting."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from infoview_lib.coach.calendar import day_words
from infoview_lib.errors import InfoviewError
from infoview_lib.model import InterviewLog, Meeting
from infoview_lib.model.labels import blank_values, labels
from infoview_lib.store import Workbook
from infoview_lib.ui.components import Confirmation, Form, notice
from infoview_lib.ui.fields import label_field
from infoview_lib.ui.followup_panel import FollowUpPage
from infoview_lib.ui.followup_parts import (
    keep_in_touch_answer,
    keep_in_touch_choice,
    saved_log,
    split_names,
)
from infoview_lib.ui.unsaved import UnsavedInput
from infoview_lib.workflow.interviews import planned_ahead, save_interview_log, still_to_come

#: The log's fields as the form shows them: all but its meeting, picked above the form.
_LABELS = {name: label for name, label in labels(InterviewLog).items() if name != "meeting_id"}
#: The answers to "willing to keep in touch?", as the form offers them: the log's words,
#: for values that are words, not ``True`` and ``False`` (a drop-down would take ``False``
#: for its ``NOTHING`` entry, since ``False == 0``).
KEEP_IN_TOUCH_CHOICES = tuple(
    (words, keep_in_touch_choice(answer))
    for answer, words in _LABELS["willing_to_keep_in_touch"].choices
)
#: The name the log form's unsaved input is kept under, per meeting ("meeting:<id>").
UNSAVED_NAME = "interview-log"


def log_values(log: InterviewLog | None) -> dict[str, Any]:
    """The form's values for a saved log, or for none yet."""
    saved = (
        blank_values(InterviewLog)
        if log is None
        else {name: getattr(log, name) for name in _LABELS}
    )
    values = {name: saved[name] for name in _LABELS}
    values["referrals"] = "\n".join(values["referrals"])
    values["willing_to_keep_in_touch"] = keep_in_touch_choice(values["willing_to_keep_in_touch"])
    return values


class InterviewLogPanel:
    """The log of the meeting on ``page``."""

    def __init__(self, page: FollowUpPage) -> None:
        self.page = page
        self.today = page.today
        self.meeting: Meeting | None = None
        blank = log_values(None)
        self.form = Form(
            [
                label_field(
                    name,
                    label,
                    blank[name],
                    options=KEEP_IN_TOUCH_CHOICES if name == "willing_to_keep_in_touch" else None,
                )
                for name, label in _LABELS.items()
            ],
            self.save_log,
            save_label="Save what I learned",
            quiet=page.quiet,
        )
        self.kept: UnsavedInput = self.form.keep_unsaved(page.path, UNSAVED_NAME)
        #: Says so when the meeting picked is still to come.
        self.ahead = widgets.HTML()
        #: Asks before logging a meeting whose day has not come.
        self.early = Confirmation()
        self.early.keep.on_click(lambda _: self._say_ahead())  # the question goes, the note is back
        self.view = widgets.VBox([self.ahead, self.form.view, self.early.view])

    def show(self, meeting: Meeting | None) -> None:
        """Fill the form from the log of ``meeting`` (empty if it has none), then bring back
        what was typed for it and not saved; with no meeting, nothing can be typed."""
        self.meeting = meeting
        self.early.clear()
        self.form.button.disabled = meeting is None
        for item in self.form.fields.values():
            item.widget.disabled = meeting is None
        if meeting is None or meeting.id is None:
            self.ahead.value = ""
            self.form.set_values(log_values(None))
            self.kept.leave()  # keep what is waiting, and keep nothing more
            return
        with Workbook.open(self.page.path) as book:
            log = saved_log(book, meeting)
        self.form.set_values(log_values(log))
        self.kept.show(f"meeting:{meeting.id}")
        self._say_ahead()

    def _say_ahead(self) -> None:
        """Say, once, that the meeting shown is still to come (nothing if it is not)."""
        meeting = self.meeting
        self.ahead.value = (
            notice(
                "info",
                f"{planned_ahead(meeting)} If it happened earlier than planned, you can "
                "log it now: you will be asked to confirm, and it is then marked done "
                "today.",
            )
            if meeting is not None and still_to_come(meeting, self.today)
            else ""
        )

    def clear_messages(self) -> None:
        """Clear what the form said about the meeting shown before."""
        self.form.status.value = ""
        for item in self.form.fields.values():
            item.show_error(None)

    def save_log(self, values: dict[str, Any]) -> str:
        """Save the log of the meeting picked; for one still to come, ask first."""
        meeting = self.meeting
        if meeting is None or meeting.id is None:
            raise InfoviewError("Pick a meeting above first.")
        if not still_to_come(meeting, self.today):
            return self._save_log(meeting, values, early=False)
        day = day_words(meeting.starts_at.date())
        self.early.ask(
            f"Your meeting with {self.page.name_of(meeting.contact_id)} is planned for {day}. If "
            "it already happened, earlier than planned, save what you learned now: the "
            f"meeting is then marked done, on today, {day_words(self.today)}, instead of "
            f"{day}.",
            lambda: self._confirmed_early(meeting),
            go_ahead="Yes, it happened: save it",
            heading="Still to come?",
        )
        self.ahead.value = ""  # the question says when it is planned: one notice, not two
        raise InfoviewError(
            "Answer the question just below first: 'Yes, it happened: save it' or 'Keep editing'."
        )

    def _confirmed_early(self, meeting: Meeting) -> None:
        """The student says the meeting still to come has happened: save its log."""
        if self.meeting is None or self.meeting.id != meeting.id:
            return  # another meeting was picked in the meantime
        self.form.run(lambda values: self._save_log(meeting, values, early=True))

    def _save_log(self, meeting: Meeting, values: dict[str, Any], *, early: bool) -> str:
        """Save the log of ``meeting``; ``early`` if it happened before its planned day."""
        assert meeting.id is not None  # save_log checked it
        log = InterviewLog(
            meeting_id=meeting.id,
            notes=values["notes"],
            key_advice=values["key_advice"],
            referrals=split_names(values["referrals"]),
            willing_to_keep_in_touch=keep_in_touch_answer(values["willing_to_keep_in_touch"]),
            how_to_reach=values["how_to_reach"],
        )
        with Workbook.open(self.page.path) as book:
            saved = save_interview_log(book, log, today=self.today, early=early)
        self.kept.saved()  # before the form is filled again from the workbook
        self.page.refresh(select=meeting.id)
        parts = [f"What you learned from {self.page.name_of(meeting.contact_id)} is saved."]
        if early:
            parts.append(
                f"The meeting was planned for {day_words(meeting.starts_at.date())}; as it "
                f"happened earlier, it is now marked done on today, {day_words(self.today)}, "
                "so your thank-you is due tomorrow."
            )
        if saved.referrals:
            parts.append("Add the people they suggested below, one click each.")
        parts.append("Now send your thank-you: a draft is below.")
        return " ".join(parts)
