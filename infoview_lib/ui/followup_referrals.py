"""People they suggested, on the follow-up page: each name saved in the meeting's log, with
a button that adds them as a contact (suggested by the person met, with a reminder to reach
out), through :func:`infoview_lib.workflow.add_referral`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from infoview_lib.coach.calendar import day_words
from infoview_lib.errors import InfoviewError
from infoview_lib.store import Workbook
from infoview_lib.ui.components import html_text, step_row
from infoview_lib.ui.followup_panel import FollowUpPage, MeetingPanel
from infoview_lib.ui.followup_parts import referral_added, saved_log
from infoview_lib.workflow import add_referral

_NO_ONE_YET = (
    "<p>No one yet. The guide's last question is \"Is there anyone else that you think I "
    'should talk to?": write the names they gave you above, one per line, and save.</p>'
)


class ReferralsPanel(MeetingPanel):
    """The people suggested at the meeting on screen, each with its button."""

    def __init__(self, page: FollowUpPage) -> None:
        super().__init__(page)
        self.rows = widgets.VBox()
        self.status = widgets.HTML()
        self.view = widgets.VBox([self.rows, self.status])

    def redraw(self) -> None:
        """List the people suggested again, as the workbook has them now."""
        meeting = self.meeting
        if meeting is None:
            self.rows.children = []
            return
        with Workbook.open(self.page.path) as book:
            log = saved_log(book, meeting)
            names = log.referrals if log is not None else ()
            added = {name: referral_added(book, meeting, name) for name in names}
        if not names:
            self.rows.children = [widgets.HTML(_NO_ONE_YET)]
            return
        rows: list[widgets.Widget] = []
        for name in names:
            shown = f"<b>{html_text(name)}</b>"
            if added[name] is not None:
                rows.append(widgets.HTML(f"<p>{shown}: already in your contacts.</p>"))
                continue
            rows.append(
                step_row(
                    "Add as a contact",
                    "Add this person to your contacts",
                    self._step(name),
                    widgets.HTML(shown),
                    self.status,
                )
            )
        self.rows.children = rows

    def _step(self, name: str) -> Callable[[dict[str, Any]], str]:
        def step(_: dict[str, Any]) -> str:
            meeting = self.meeting
            if meeting is None or meeting.id is None:
                raise InfoviewError("Pick a meeting above first.")
            with Workbook.open(self.page.path) as book:
                contact, reach_out = add_referral(book, meeting.id, name, today=self.page.today)
            referrer = self.page.name_of(meeting.contact_id)
            self.redraw()
            self.page.refresh_actions()  # the reminder to reach out is due
            return (
                f"{contact.name} is now in your contacts, suggested by {referrer}. Reach out "
                f"to them by {day_words(reach_out.due_on)}, and say who suggested you write."
            )

        return step
