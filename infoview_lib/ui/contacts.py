"""The "pick contacts" notebook: add and edit people, brainstorm more by category, see each
one's score with its reasons, and whom to write to first.

Each part is a small view over ``coach.contacts``, ``coach.duplicates`` and the
workbook, in its own module (:mod:`~infoview_lib.ui.contact_form`,
:mod:`~infoview_lib.ui.contact_lists`); :class:`PickContacts` puts them on one page and
keeps them in step.
The workbook is opened for each operation, so another notebook may use it too.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import ipywidgets as widgets

from infoview_lib.model import (
    Contact,
    StudentProfile,
)
from infoview_lib.ui.components import (
    notice,
    style,
)
from infoview_lib.ui.contact_form import NO_WORKBOOK, ContactForm
from infoview_lib.ui.contact_import import ContactImport
from infoview_lib.ui.contact_lists import BrainstormPanel, ContactTable, OutreachOrder
from infoview_lib.ui.page import Page

# -- the page ----------------------------------------------------------------------------


class PickContacts(Page):
    """The notebook's page: the contact form first (a returning student comes to it), the
    brainstorm under it, the table and the outreach order.

    ``path`` and ``today`` default to the notebooks' workbook and day (see
    :mod:`infoview_lib.ui.session`); nothing on this page depends on the day yet.
    """

    def __init__(self, path: Path | None = None, today: date | None = None) -> None:
        super().__init__(path, today)
        self.message = widgets.HTML()
        self.brainstorm = BrainstormPanel()
        self.form = ContactForm(self.path, on_change=self.refresh)
        self.importer = ContactImport(self.path, self.today, on_change=self.refresh)
        self.table = ContactTable()
        self.order = OutreachOrder()
        self.refresh_button = widgets.Button(description="Reload from the workbook")
        self.refresh_button.on_click(lambda _: self.refresh())

        def heading(title: str, advice: str) -> widgets.HTML:
            return widgets.HTML(f"<h2>{title}</h2><p>{advice}</p>")

        self.view = widgets.VBox(
            [
                style(),
                self.message,
                heading(
                    "1. Add and edit your contacts",
                    "Only the name is needed; the more you add, the better the advice below. "
                    "Nothing is saved until you click the button. Stuck for names? The groups "
                    "in step 2 have questions to jog your memory.",
                ),
                self.form.view,
                widgets.HTML("<h3>Already on LinkedIn? Bring in your connections</h3>"),
                self.importer.view,
                heading(
                    "2. Brainstorm: who else could you talk to?",
                    "Open each group and answer its questions with names. Aim for a few "
                    "people in several groups.",
                ),
                self.brainstorm.view,
                heading(
                    "3. Your contacts and their scores",
                    "A higher score suggests a better first conversation. The reasons say why.",
                ),
                self.table.view,
                heading(
                    "4. Whom to write to first",
                    "Start with a few people, at a few organisations, and add more as they reply.",
                ),
                self.order.view,
                self.refresh_button,
            ]
        )
        self.refresh()

    def refresh(self) -> None:
        """Show what the workbook holds now, in every part of the page."""
        contacts: list[Contact] = []
        profile = StudentProfile(name="you")
        if not self.path.exists():
            self.message.value = notice("info", NO_WORKBOOK)
        else:
            read = self.read(self.message, lambda book: (book.profile(), book.all(Contact)))
            if read is None:
                return
            profile, contacts = read
            self.message.value = ""
        self.brainstorm.show(contacts)
        self.form.set_contacts(contacts)
        self.table.show(contacts, profile)
        self.order.show(contacts, profile)


def pick_contacts(path: Path | str | None = None, today: date | None = None) -> widgets.Widget:
    """The "pick contacts" notebook's page: brainstorm, add and edit, scores, outreach order."""
    return PickContacts(Path(path) if path else None, today).view


__all__ = [
    "PickContacts",
    "pick_contacts",
]
