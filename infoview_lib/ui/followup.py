"""The fifth notebook's forms: log the interview, turn referrals into contacts, draft the
thank-you, and work through the follow-ups that are due.

The guide: "Be sure to ask if they are willing to keep in touch, and if so, how to reach
them", and "after your interview, be sure to send a thank you, either card or email".
The page is the meeting picker over four panels, each in its own module: the interview
log (:mod:`~infoview_lib.ui.followup_log`), the people they suggested
(:mod:`~infoview_lib.ui.followup_referrals`), the thank-you
(:mod:`~infoview_lib.ui.followup_thanks`, from :mod:`infoview_lib.coach.letters`) and the
follow-ups due and done (:mod:`~infoview_lib.ui.followup_actions`, from
:func:`infoview_lib.coach.agenda.next_actions`); each one-click step is a workbook
operation of :mod:`infoview_lib.workflow`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from infoview_lib.coach.calendar import day_words
from infoview_lib.model import Contact, InterviewLog, Meeting
from infoview_lib.model.labels import labels
from infoview_lib.ui.components import NOTHING, notice, picked, style
from infoview_lib.ui.fields import meeting_label, picker
from infoview_lib.ui.followup_actions import ActionsPanel
from infoview_lib.ui.followup_log import InterviewLogPanel
from infoview_lib.ui.followup_parts import logged_meetings, meetings_to_come
from infoview_lib.ui.followup_referrals import ReferralsPanel
from infoview_lib.ui.followup_thanks import ThankYouPanel
from infoview_lib.ui.page import Page

# -- the form ----------------------------------------------------------------------------------


class AfterTheMeeting(Page):
    """Log a meeting, add the people suggested, draft the thank-you, and do what is due."""

    def __init__(self, path: Path | None = None, today: date | None = None) -> None:
        super().__init__(path, today)
        self.intro = widgets.HTML()
        self.meeting: Meeting | None = None
        self._names: dict[int, str] = {}
        #: Set while code, not the student, changes the widgets (shared by every form).
        self.picker = picker(labels(InterviewLog)["meeting_id"].text, "No meeting yet")
        self.picker.observe(self._picked, names="value")
        self.logging = InterviewLogPanel(self)
        self.suggested = ReferralsPanel(self)
        self.thanks = ThankYouPanel(self)
        self.to_do = ActionsPanel(self, self.thanks, self.suggested)
        # The parts a student works with, by name.
        self.log, self.ahead, self.early = self.logging.form, self.logging.ahead, self.logging.early
        self.referrals, self.referrals_status = self.suggested.rows, self.suggested.status
        self.channel, self.draft = self.thanks.channel, self.thanks.draft
        self.actions, self.actions_status, self.done = (
            self.to_do.rows,
            self.to_do.status,
            self.to_do.done,
        )
        self.view = widgets.VBox(
            [
                style(),
                self.intro,
                self.picker,
                widgets.HTML("<h3>What you learned</h3>"),
                self.logging.view,
                widgets.HTML("<h3>People they suggested</h3>"),
                self.suggested.view,
                widgets.HTML("<h3>Your thank-you</h3>"),
                self.thanks.view,
                widgets.HTML("<h3>Follow-ups due</h3>"),
                self.actions_status,
                self.actions,
                widgets.HTML("<h3>Follow-ups done</h3>"),
                self.done,
            ]
        )
        self.refresh()

    def name_of(self, contact_id: int) -> str:
        """Whom a meeting with ``contact_id`` is with, as a message names them."""
        return self._names.get(contact_id, "them")

    # -- loading ---------------------------------------------------------------------------
    def refresh(self, select: int | None = None) -> None:
        """Read the workbook again and show meeting ``select`` (default: the latest one
        still to log, else the latest one)."""
        if not self.path.exists():
            self.intro.value = notice(
                "info",
                "There is no workbook yet: open notebook 00 (Start here) and save your "
                "profile first.",
            )
            self._show(None)
            return
        read = self.read(
            self.intro,
            lambda book: (
                {c.id: c.name for c in book.all(Contact) if c.id is not None},
                book.all(Meeting),
                {log.meeting_id for log in book.all(InterviewLog)},
            ),
        )
        if read is None:
            return
        names, everything, logged = read
        self._names = names
        come = logged_meetings(everything, self.today)
        ahead = meetings_to_come(everything, self.today)
        meetings = come + ahead
        if all(m.id != select for m in meetings):
            candidates = [m for m in come if m.id not in logged] or come
            select = candidates[0].id if candidates else None
        # Said once: with a meeting still to come picked, its own note says when it is.
        shown = come or any(m.id == select for m in ahead)
        self.intro.value = "" if shown else notice("info", self._nothing_to_log(ahead))
        options = [
            *((meeting_label(m, names), m.id) for m in come),
            *((f"{meeting_label(m, names)}, still to come", m.id) for m in ahead),
        ]
        if not come:
            options.insert(0, ("No meeting to log yet" if ahead else "No meeting yet", NOTHING))
        with self.quiet:
            self.picker.options = options
            self.picker.value = NOTHING if select is None else select
        self._show(next((m for m in meetings if m.id == select), None))
        self.refresh_actions()

    def refresh_actions(self) -> None:
        """Show what is due, each with its button, and what is done."""
        self.to_do.refresh()

    def _nothing_to_log(self, ahead: list[Meeting]) -> str:
        """What the intro says when no meeting's day has come yet."""
        if not ahead:
            return (
                "No meeting to log yet: once a meeting's day has come, it appears here. "
                "Plan meetings in notebook 04 (Meeting)."
            )
        first = ahead[0]
        name = self._names.get(first.contact_id, "someone")
        return (
            f"No meeting to log yet: your next one, with {name}, is planned for "
            f"{day_words(first.starts_at.date())}. Come back after it to write down what you "
            "learned. If a meeting happened earlier than planned, pick it in the list "
            "'Meeting' below to log it now."
        )

    def _picked(self, change: dict[str, Any]) -> None:
        if self.quiet:
            return
        self.logging.clear_messages()
        self.referrals_status.value = ""
        self.refresh(select=picked(change["new"]))

    def pick(self, meeting_id: int | None) -> None:
        """Pick ``meeting_id`` in the list, as the student would, if it is there."""
        if meeting_id in [value for _, value in self.picker.options]:
            self.picker.value = meeting_id

    def _show(self, meeting: Meeting | None) -> None:
        """Show ``meeting`` (or none) in every panel that is about one meeting."""
        self.meeting = meeting
        self.logging.show(meeting)
        self.suggested.show(meeting)
        self.thanks.show(meeting)


def follow_up(path: Path | str | None = None, today: date | None = None) -> widgets.VBox:
    """The fifth notebook's forms: log the meeting, referrals, thank-you, follow-ups."""
    return AfterTheMeeting(Path(path) if path else None, today).view


__all__ = [
    "AfterTheMeeting",
    "follow_up",
]
