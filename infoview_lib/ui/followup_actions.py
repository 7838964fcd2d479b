"""Follow-ups due and done, on the follow-up page: what
:func:`infoview_lib.coach.agenda.next_actions` says to do, each with a one-click step
(:func:`infoview_lib.workflow.complete_action`), and the table of what is done."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from infoview_lib.coach.agenda import Action, next_actions
from infoview_lib.coach.calendar import day_words
from infoview_lib.errors import InfoviewError
from infoview_lib.model import Contact, FollowUp, FollowUpChannel, FollowUpKind, FollowUpStatus
from infoview_lib.store import Workbook
from infoview_lib.ui.components import notice, step_row, unreadable
from infoview_lib.ui.followup_panel import FollowUpPage
from infoview_lib.ui.followup_parts import action_html, done_html
from infoview_lib.ui.followup_referrals import ReferralsPanel
from infoview_lib.ui.followup_thanks import ThankYouPanel
from infoview_lib.workflow import complete_action


def step_name(action: Action, words: str) -> str:
    """A step button's tooltip, which the page's script makes its name for a screen reader:
    its ``words`` first, then which of the rows' like buttons it is.

    >>> from dataclasses import replace
    >>> from datetime import date
    >>> due = Action(contact_id=1, contact_name="Ken Sato", kind=FollowUpKind.THANK_YOU,
    ...              due_on=date(2026, 3, 13), days_late=3, reason="")
    >>> step_name(due, "Done")
    'Done: Thank-you, Ken Sato, due Friday 13 March 2026'
    >>> step_name(replace(due, kind=FollowUpKind.LOG_MEETING), "Log it")
    'Log it: pick your meeting with Ken Sato above'
    >>> step_name(replace(due, referral_name="Priya Raman (CDC)"), "Add as a contact")
    'Add as a contact: Priya Raman (CDC), suggested by Ken Sato'
    """
    if action.kind is FollowUpKind.LOG_MEETING:
        return f"{words}: pick your meeting with {action.contact_name} above"
    if words != "Done" and action.referral_name:
        return f"{words}: {action.referral_name}, suggested by {action.contact_name}"
    return f"{words}: {action.kind.label}, {action.contact_name}, due {day_words(action.due_on)}"


class ActionsPanel:
    """What is due on ``page``, each with its button, and what is done. A thank-you is
    marked sent by the channel picked in ``thanks``; a referral added here is shown as
    added in ``referrals`` too."""

    def __init__(
        self, page: FollowUpPage, thanks: ThankYouPanel, referrals: ReferralsPanel
    ) -> None:
        self.page = page
        self.today = page.today
        self._thanks = thanks
        self._referrals = referrals
        self.status = widgets.HTML()
        self.rows = widgets.VBox()
        self.done = widgets.HTML()

    def refresh(self) -> None:
        """Show what is due, each with its button, and what is done."""
        try:
            with Workbook.open(self.page.path) as book, book.snapshot():
                actions = next_actions(book, self.today)
                follow_ups = book.all(FollowUp)
                names = {c.id: c.name for c in book.all(Contact) if c.id is not None}
        except (InfoviewError, OSError) as error:
            self.rows.children = [widgets.HTML(unreadable(error))]
            return
        self.done.value = done_html(follow_ups, names)
        if not actions:
            self.rows.children = [
                widgets.HTML("<p>Nothing to do right now: no follow-ups are due.</p>")
            ]
            return
        overdue = sum(action.overdue for action in actions)
        rows: list[widgets.Widget] = [
            widgets.HTML(f"<p>{len(actions)} to do, {overdue} of them overdue.</p>")
        ]
        for action in actions:
            text = widgets.HTML(action_html(action, self.today))
            if action.kind is FollowUpKind.LOG_MEETING and action.follow_up_id is None:
                button = widgets.Button(description="Log it", tooltip=step_name(action, "Log it"))
                button.on_click(lambda _, action=action: self._log_it(action))
                rows.append(widgets.HBox([button, text]))
                continue
            adds = action.follow_up_id is None and bool(action.referral_name)
            words = "Add as a contact" if adds else "Done"
            rows.append(
                step_row(
                    words,
                    step_name(action, words),
                    self._step(action),
                    text,
                    self.status,
                )
            )
        self.rows.children = rows

    def _step(self, action: Action) -> Callable[[dict[str, Any]], str]:
        def step(_: dict[str, Any]) -> str:
            channel = (
                self._thanks.channel.value
                if action.kind is FollowUpKind.THANK_YOU
                else FollowUpChannel.EMAIL
            )
            with Workbook.open(self.page.path) as book:
                done = complete_action(book, action, today=self.today, channel=channel)
            self.refresh()
            self._referrals.redraw()
            if done.kind is FollowUpKind.REFERRAL and done.status is FollowUpStatus.PENDING:
                return (
                    f"{action.referral_name} is now in your contacts. Reach out to them by "
                    f"{day_words(done.due_on)}."
                )
            return f"{action.kind.label} for {action.contact_name}: marked done today."

        return step

    def _log_it(self, action: Action) -> None:
        self.page.pick(action.meeting_id)
        self.status.value = notice(
            "info",
            f"Write down what you learned from {action.contact_name} under 'What you "
            "learned' above, then click 'Save what I learned'. If the meeting did not happen, "
            "mark it cancelled or moved in notebook 04 (Meeting).",
        )
