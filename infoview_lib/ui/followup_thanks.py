"""Your thank-you, on the follow-up page: a draft by email or card for the meeting picked,
from :func:`infoview_lib.coach.letters.thank_you_note`, quoting the advice saved in its
log, ready to select and copy."""

from __future__ import annotations

import ipywidgets as widgets

from infoview_lib.coach.letters import thank_you_note
from infoview_lib.model import Contact, FollowUp, FollowUpChannel
from infoview_lib.model.labels import labels
from infoview_lib.store import Workbook
from infoview_lib.ui.fields import label_field
from infoview_lib.ui.followup_panel import FollowUpPage, MeetingPanel
from infoview_lib.ui.followup_parts import draft_html, saved_log


class ThankYouPanel(MeetingPanel):
    """The channel to send the thank-you by, and the draft for the meeting on screen."""

    def __init__(self, page: FollowUpPage) -> None:
        super().__init__(page)
        self.channel: widgets.Dropdown = label_field(
            "channel",
            labels(FollowUp)["channel"],
            FollowUpChannel.EMAIL,
            options=[(way.label, way) for way in (FollowUpChannel.EMAIL, FollowUpChannel.CARD)],
        ).widget
        self.channel.observe(lambda _: self.redraw(), names="value")
        self.draft = widgets.HTML()
        self.view = widgets.VBox([self.channel, self.draft])

    def redraw(self) -> None:
        """Draft the thank-you again, by the channel picked."""
        meeting = self.meeting
        if meeting is None:
            self.draft.value = "<p>Pick a meeting above to see a thank-you draft.</p>"
            return
        with Workbook.open(self.page.path) as book, book.snapshot():
            contact = book.get(Contact, meeting.contact_id)
            profile = book.profile()
            log = saved_log(book, meeting)
        note = thank_you_note(profile, contact, log, channel=self.channel.value)
        self.draft.value = (
            "<p>Send it by the day after the meeting. It quotes the advice you saved above; "
            "fill in anything in [square brackets], make it yours, then select it and copy "
            "it.</p>" + draft_html(note)
        )
