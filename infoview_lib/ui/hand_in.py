"""The dashboard's "Hand in to my advisor": the workbook's saved work, handed in whole.

On a hub with a workshop service, the snapshot (saved work only) goes to the student's
workshop. Without one, when the student is on no roster, or when the service cannot be
reached, it is saved in ``~/infoview/hand-ins/`` (readable by the student only) and the
panel says so and what to do with it (see
:func:`~infoview_lib.workflow.hand_in_to_workshop`). The panel says when the student last
handed in.
"""

from __future__ import annotations

import time
from datetime import date, datetime
from pathlib import Path

import ipywidgets as widgets

from infoview_lib.errors import InfoviewError
from infoview_lib.hub import client as hub_client
from infoview_lib.store import Workbook
from infoview_lib.ui.components import html_text, notice, unreadable
from infoview_lib.workflow import (
    HAND_IN_SETTING,
    TO_WORKSHOP,
    default_hand_in_folder,
    hand_in_to_workshop,
)


def last_hand_in(value: str | None) -> str:
    """When the student last handed in, in words.

    >>> last_hand_in(None)
    'You have not handed in yet.'
    >>> last_hand_in("2026-03-16T14:05:00+01:00")
    'Last handed in on 2026-03-16 at 14:05.'
    """
    if not value:
        return "You have not handed in yet."
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return "You have handed in before."
    return f"Last handed in on {when:%Y-%m-%d} at {when:%H:%M}."


#: How long after this panel's own hand-in the service's "a moment ago" (429) means the
#: same hand-in clicked twice, in seconds (the service's limit is 10 s).
SAME_HAND_IN_S = 15.0


class HandIn:
    """A button that hands the workbook in, and a line saying when it last was.

    The button is disabled while a hand-in runs (a click meanwhile does nothing), and a
    second click just after a hand-in went to the workshop, which the service refuses
    as too soon, is said to be handed in already, never as a failure.
    """

    def __init__(self, path: Path, today: date, folder: Path | None = None) -> None:
        self.path = path
        self.today = today
        self.folder = folder if folder is not None else default_hand_in_folder()
        self.button = widgets.Button(
            description="Hand in to my advisor", layout=widgets.Layout(width="16em")
        )
        self.button.on_click(lambda _: self.hand_in())
        self.last = widgets.HTML()
        self.status = widgets.HTML()
        self._busy = False
        self._handed_in: tuple[float, str] | None = None  # when (monotonic), what was said
        self.view = widgets.VBox(
            [
                widgets.HTML(
                    "<h3>Hand in to your advisor</h3><p>When your advisor asks for your "
                    "work, hand it in: your saved work is sent to your workshop, or, without "
                    "one, put in one file readable only by you, to send to them. Handing in "
                    "again replaces it.</p>"
                ),
                self.button,
                self.status,
                self.last,
            ]
        )

    def show(self, book: Workbook) -> None:
        """Say when the workbook was last handed in."""
        self.last.value = f"<p>{html_text(last_hand_in(book.setting(HAND_IN_SETTING)))}</p>"

    def hand_in(self) -> None:
        """Hand in; say where it went and what to do next, or why it failed."""
        if self._busy:
            return  # the one running says how it went
        self._busy = True
        self.button.disabled = True
        try:
            self._hand_in()
        finally:
            self._busy = False
            self.button.disabled = False

    def _hand_in(self) -> None:
        if not self.path.exists():
            self.status.value = notice(
                "info", "There is no workbook yet: fill in your profile above and save it."
            )
            return
        try:
            with Workbook.open(self.path) as book:
                done = hand_in_to_workshop(book, today=self.today, folder=self.folder)
                self.show(book)
        except hub_client.RateLimited as error:
            if self._handed_in is not None and (
                time.monotonic() - self._handed_in[0] < SAME_HAND_IN_S
            ):
                said = self._handed_in[1]
                self.status.value = notice("info", f"Already handed in: {said}")
            else:
                self.status.value = notice("error", f"Nothing was handed in: {error}")
            return
        except InfoviewError as error:
            self.status.value = notice("error", f"Nothing was handed in: {error}")
            return
        except OSError as error:
            self.status.value = unreadable(error)
            return
        if done.where == TO_WORKSHOP:
            self._handed_in = (time.monotonic(), done.message)
        self.status.value = notice("info" if done.fallback else "saved", done.message)
