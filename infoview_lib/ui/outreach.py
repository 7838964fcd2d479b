"""The second notebook's form: a first message to a contact, with the Ally check updating
as the student types; save drafts, mark one as sent, record the reply.

The page is the contact and message pickers over two panels: the message editor with its
template and Ally check (:mod:`~infoview_lib.ui.outreach_editor`) and the buttons that
save, send and answer it (:mod:`~infoview_lib.ui.outreach_sending`). The starting text
comes from :func:`infoview_lib.coach.outreach_drafts.draft_outreach` and the check from
:func:`infoview_lib.coach.outreach.check_outreach`. Switching away from unsaved changes
asks first, so nothing typed is lost; what is typed is also kept in the workbook until it
is saved, so a kernel restart loses nothing. A message marked as sent is a record of what
was sent: it is shown, not edited.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from infoview_lib.coach.outreach import OutreachReport
from infoview_lib.model import Contact, Outreach
from infoview_lib.model.labels import labels
from infoview_lib.ui.components import NOTHING, Confirmation, notice, picked, style
from infoview_lib.ui.fields import PICK_CONTACT, contact_label, label_field, picked_id, picker
from infoview_lib.ui.outreach_editor import CHECK_DELAY, MessageEditor, about_html, is_sent
from infoview_lib.ui.outreach_sending import SendingPanel
from infoview_lib.ui.outreach_text import NEW_MESSAGE
from infoview_lib.ui.page import Page
from infoview_lib.ui.unsaved import PREFIX
from infoview_lib.workflow.messages import message_label

# -- the form ---------------------------------------------------------------------------------


class DraftOutreach(Page):
    """Pick a contact, start from a template, edit with the Ally check, save and send."""

    def __init__(self, path: Path | None = None, today: date | None = None) -> None:
        super().__init__(path, today)
        #: Set while code, not the student, changes the widgets (shared by every panel).
        self._contacts: dict[int, Contact] = {}
        self._messages: dict[int, Outreach] = {}
        #: The messages with input kept from before, not saved yet (their record keys).
        self._kept: set[str] = set()
        #: Asks before leaving unsaved changes, under the pickers; the template and sending
        #: ask by their own buttons.
        self.confirm = Confirmation()
        self.template_confirm = Confirmation()
        self.contact = label_field(
            "contact_id", labels(Outreach)["contact_id"], NOTHING, options=[(PICK_CONTACT, NOTHING)]
        )
        self.message = picker("Message", NEW_MESSAGE)
        self.reload_button = widgets.Button(description="Reload my contacts")
        self.drafting = MessageEditor(
            self, self.template_confirm, lambda values: self.sending.save_draft(values)
        )
        self.sending = SendingPanel(self, self.drafting)
        # The parts a student works with, by name.
        drafting, sending = self.drafting, self.sending
        self.form, self.unsaved, self.checker = drafting.form, drafting.unsaved, drafting.checker
        self.channel, self.subject, self.body = drafting.channel, drafting.subject, drafting.body
        self.sent_on, self.replied_on = drafting.sent_on, drafting.replied_on
        self.about, self.state, self.sent = drafting.about, drafting.state, drafting.sent
        self.check, self.copy = drafting.check, drafting.copy
        self.template_button = drafting.template_button
        self.send_button, self.reply_button = sending.send_button, sending.reply_button

        self.reload_button.on_click(lambda _: self.reload())
        self.contact.widget.observe(self._contact_picked, "value")
        self.message.observe(self._message_picked, "value")
        self.editor = widgets.VBox([drafting.about, self.message, *drafting.parts, *sending.parts])
        # What a button says is right under the buttons, before the copy-ready text (which
        # is long for an email); what was kept from last time is said above the message.
        self.view = widgets.VBox(
            [
                style(),
                self.contact.box,
                self.reload_button,
                self.confirm.view,
                self.unsaved.view,
                self.editor,
                self.form.status,
                drafting.copy,
            ]
        )
        self.reload()

    # -- reading the workbook ---------------------------------------------------------------
    @property
    def contact_id(self) -> int | None:
        """The contact picked, if any."""
        return picked_id(self.contact.widget)

    @property
    def outreach_id(self) -> int | None:
        """The saved message on screen, or ``None`` for a new one."""
        return picked_id(self.message)

    @property
    def shown(self) -> Outreach | None:
        """The saved message on screen, as it was last read or saved."""
        return self._messages.get(self.outreach_id) if self.outreach_id is not None else None

    def chosen(self) -> tuple[Contact | None, Outreach | None]:
        """The contact picked and the saved message on screen, either ``None``."""
        contact_id = self.contact_id
        return (None if contact_id is None else self._contacts.get(contact_id)), self.shown

    @property
    def report(self) -> OutreachReport | None:
        """The Ally check of the message on screen; ``None`` when it has not run."""
        return self.drafting.report

    @property
    def dirty(self) -> bool:
        """Whether the message on screen has changes that are not saved."""
        return self.drafting.dirty

    def check_now(self) -> None:
        """Run the Ally check on what is on screen, and show the copy-ready text."""
        self.drafting.check_now()

    def record_key(self, message: Outreach | None = None) -> str | None:
        """Which message typed input is kept for: a saved one, or the contact's new one
        (``None``: no contact is picked)."""
        if message is not None and message.id is not None:
            return f"outreach:{message.id}"
        return f"contact:{self.contact_id}:new" if self.contact_id is not None else None

    def clear_questions(self) -> None:
        """Hide every question the page is asking (leaving, the template, sending)."""
        for question in (self.confirm, self.template_confirm, self.sending.confirm):
            question.clear()

    def reload(self) -> None:
        """Read the contacts again; what is on screen stays as it is."""
        self.clear_questions()
        self.form.status.value = ""
        if not self.path.exists():
            self._contacts = {}
            self._show_contacts()
            self.form.status.value = notice(
                "info",
                "There is no workbook yet: fill in your profile in the first notebook (Start "
                "here) and save it, add contacts in notebook 01, then click Reload my contacts.",
            )
            return
        read = self.read(
            self.form.status,
            lambda book: (
                book.profile(),
                {contact.id: contact for contact in book.all(Contact) if contact.id is not None},
            ),
        )
        if read is None:
            return
        profile, self._contacts = read
        self.drafting.profile = profile
        self._show_contacts()
        if not self._contacts:
            self.form.status.value = notice(
                "info",
                "You have no contacts yet: add the people you could talk to in notebook 01 "
                "(Pick contacts), then click Reload my contacts.",
            )

    def _show_contacts(self) -> None:
        contact_id = self.contact_id if self.contact_id in self._contacts else None
        self._relabel_contacts(contact_id)
        if contact_id is None or not self.dirty:
            self._show_contact(contact_id, keep=self.outreach_id)
        else:
            self._read_messages(contact_id, keep=self.outreach_id)

    def _read_messages(self, contact_id: int | None, keep: int | None = None) -> None:
        """Read the contact's messages and list them; ``keep`` stays picked if it is there."""
        self._messages, self._kept = {}, set()
        referrer = None
        contact = self._contacts.get(contact_id) if contact_id is not None else None
        if contact is not None and contact_id is not None and self.path.exists():
            kept = f"{PREFIX}{self.unsaved.name}:"
            read = self.read(
                self.form.status,
                lambda book: (
                    book.all(Outreach, contact_id=contact_id),
                    None if contact.referred_by is None else book.get(Contact, contact.referred_by),
                    {key.removeprefix(kept) for key in book.settings(kept)},
                ),
            )
            if read is not None:
                saved, referrer, self._kept = read
                self._messages = {m.id: m for m in saved if m.id is not None}
        self.drafting.contact, self.drafting.referrer = contact, referrer
        with self.quiet:
            self.message.options = [
                (NEW_MESSAGE, NOTHING),
                *((message_label(m), number) for number, m in self._messages.items()),
            ]
            self.message.value = keep if keep in self._messages else NOTHING

    def _show_contact(self, contact_id: int | None, keep: int | None = None) -> None:
        """Show a contact's message ``keep``, else the one they were writing before (input
        kept, not saved), else their latest, else an empty new one."""
        self.unsaved.flush()  # so the workbook says which messages have input kept
        self._read_messages(contact_id)
        self.about.value = about_html(self.drafting.contact, self.drafting.referrer)
        self.editor.layout.display = None if self.drafting.contact else "none"
        shown = keep if keep in self._messages else self._first_to_show()
        with self.quiet:
            self.message.value = NOTHING if shown is None else shown
        self._show_message(shown)

    def _first_to_show(self) -> int | None:
        """The message typed in last time and not saved, else the latest; ``None``: a new one."""
        if self.record_key() in self._kept:
            return None
        kept = [number for number, m in self._messages.items() if self.record_key(m) in self._kept]
        return max(kept or self._messages, default=None)

    def _show_message(self, outreach_id: int | None) -> None:
        """Put a saved message (or an empty new one) into the editor."""
        message = self._messages.get(outreach_id) if outreach_id is not None else None
        self.drafting.show(message, self.record_key(message))

    # -- going elsewhere ---------------------------------------------------------------------
    def _contact_picked(self, change: dict[str, Any]) -> None:
        if not self.quiet:
            self._switch(self.contact.widget, change, self._show_contact, "another contact")

    def _message_picked(self, change: dict[str, Any]) -> None:
        if not self.quiet:
            self._switch(self.message, change, self._show_message, "another message")

    def _switch(
        self, widget: Any, change: dict[str, Any], show: Callable[[Any], None], where: str
    ) -> None:
        """Go where the student picked; with unsaved changes, ask first."""
        self.clear_questions()

        def go(choice: Any) -> None:
            self.form.status.value = ""
            show(picked(choice))

        sent = is_sent(self.shown)
        how = "Click Record the reply" if sent else "Click Save draft (or Mark as sent)"
        self.switch(
            self.confirm,
            widget,
            change,
            go,
            unsaved=self.dirty,
            discard=self.unsaved.discard,
            message=f"You have changed this message since it was last saved. {how} to keep "
            f"your changes, or discard them and go to {where}.",
        )

    # -- after a save ------------------------------------------------------------------------
    def saved(self, message: Outreach, moved: Contact | None) -> None:
        """List the contact's messages again with ``message`` picked; ``moved``: its contact
        moved on (sending does that), so list the contacts again too."""
        if moved is not None:
            self._contacts[message.contact_id] = moved
        self._read_messages(message.contact_id, keep=message.id)
        self.drafting.saved(message, self.record_key(message))
        if moved is not None:
            self._relabel_contacts(self.contact_id)

    def _relabel_contacts(self, contact_id: int | None) -> None:
        """List the contacts again, with ``contact_id`` picked."""
        with self.quiet:
            self.contact.widget.options = [
                (PICK_CONTACT, NOTHING),
                *((contact_label(c), number) for number, c in self._contacts.items()),
            ]
            self.contact.widget.value = NOTHING if contact_id is None else contact_id


def draft_outreach(path: Path | str | None = None, today: date | None = None) -> widgets.VBox:
    """The second notebook's form: draft a first message, check it, save it, send it."""
    return DraftOutreach(Path(path) if path else None, today).view


__all__ = [
    "CHECK_DELAY",
    "DraftOutreach",
    "draft_outreach",
]
