"""What the follow-up page's panels take from it (:class:`FollowUpPage`), and the base of
the panels drawn for the meeting picked (:class:`MeetingPanel`)."""

from __future__ import annotations

from typing import Protocol

from infoview_lib.model import Meeting
from infoview_lib.ui.page import PanelPage


class FollowUpPage(PanelPage, Protocol):
    """The follow-up page as its panels see it: besides its path, day and quiet flag, whom
    a meeting is with, and reading the workbook again."""

    def name_of(self, contact_id: int) -> str:
        """Whom a meeting with ``contact_id`` is with, as a message names them."""

    def refresh(self, select: int | None = None) -> None:
        """Read the workbook again and show meeting ``select``."""

    def refresh_actions(self) -> None:
        """Show what is due and what is done again."""

    def pick(self, meeting_id: int | None) -> None:
        """Pick ``meeting_id`` in the meeting list, as the student would."""


class MeetingPanel:
    """A panel of ``page`` drawn for the meeting picked: :meth:`show` a meeting (or none),
    and the panel draws itself (:meth:`redraw`), as it does again when the workbook changes."""

    def __init__(self, page: FollowUpPage) -> None:
        self.page = page
        self.meeting: Meeting | None = None

    def show(self, meeting: Meeting | None) -> None:
        """Draw the panel for ``meeting``."""
        self.meeting = meeting
        self.redraw()

    def redraw(self) -> None:
        """Draw the panel for the meeting it shows, as the workbook has it now."""
        raise NotImplementedError
