"""The second notebook's form: a first message to a contact, with the Ally check updating
as the student types; save drafts, mark one as sent, record the reply.

The starting text comes from :func:`infoview_lib.coach.outreach_drafts.draft_outreach`
and the check from :func:`infoview_lib.coach.outreach.check_outreach`; the form only
shows them, and saves :class:`~infoview_lib.model.Outreach` records when a button is
clicked. Switching away from unsaved changes asks first, so nothing typed is lost; what
is typed is also kept in the workbook until it is saved, so a kernel restart loses nothing.
A message marked as sent is a record of what was sent: it is shown, not edited.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from infoview_lib.coach import outreach_drafts
from infoview_lib.coach.calendar import day_words
from infoview_lib.coach.findings import Severity
from infoview_lib.coach.followup import follow_up_rules
from infoview_lib.coach.outreach import OutreachContext, OutreachReport, check_outreach
from infoview_lib.errors import InfoviewError
from infoview_lib.model import (
    Contact,
    Outreach,
    OutreachChannel,
    OutreachStatus,
    StudentProfile,
)
from infoview_lib.store import Workbook
from infoview_lib.ui.components import (
    LABEL_STYLE,
    NOTHING,
    WIDTH,
    Confirmation,
    Form,
    choice_field,
    html_text,
    notice,
    picked,
    style,
    text_field,
)
from infoview_lib.ui.debounce import Debounced
from infoview_lib.ui.fields import PICK_CONTACT, contact_label, date_field
from infoview_lib.ui.outreach_text import (
    NEW_MESSAGE,
    copy_ready_html,
    message_state,
    normal_text,
    report_html,
    sent_note,
)
from infoview_lib.ui.page import Page
from infoview_lib.ui.unsaved import PREFIX, UnsavedInput
from infoview_lib.workflow import messages
from infoview_lib.workflow.messages import message_label

#: How long after the last keystroke the Ally check runs, in seconds.
CHECK_DELAY = 0.3
#: The message box: wide and tall enough to read a whole email without scrolling.
BODY_WIDTH = "min(100%, 60em)"
BODY_HEIGHT = "20em"
_SUBJECT_HINT: dict[OutreachChannel, str] = {
    OutreachChannel.EMAIL: "the email's subject line: say what it is about",
    OutreachChannel.LINKEDIN: "optional: a title for your own list (LinkedIn notes have none)",
    OutreachChannel.SCRIPT: "optional: a title for your own list, e.g. Calling Wei",
}


# -- the form ---------------------------------------------------------------------------------


class DraftOutreach(Page):
    """Pick a contact, start from a template, edit with the Ally check, save and send."""

    def __init__(self, path: Path | None = None, today: date | None = None) -> None:
        super().__init__(path, today)
        self.report: OutreachReport | None = None
        self._profile: StudentProfile | None = None
        self._contacts: dict[int, Contact] = {}
        self._referrer: Contact | None = None
        self._messages: dict[int, Outreach] = {}
        #: The messages with input kept from before, not saved yet (their record keys).
        self._kept: set[str] = set()
        self._saved: tuple[Any, ...] = ()
        self._template: tuple[str, str] | None = None
        self._action: Callable[[dict[str, Any]], str] = self.save_draft
        self.checker = Debounced(self.check_now, CHECK_DELAY)
        self.confirm = Confirmation()

        self.contact = choice_field("contact_id", "Contact", [(PICK_CONTACT, NOTHING)], NOTHING)
        self.message = widgets.Dropdown(
            options=[(NEW_MESSAGE, NOTHING)],
            value=NOTHING,
            description="Message",
            style=LABEL_STYLE,
            layout=widgets.Layout(width=WIDTH),
        )
        self.channel = choice_field(
            "channel",
            "Send it as",
            [(channel.label, channel) for channel in OutreachChannel],
            OutreachChannel.EMAIL,
        )
        self.template_button = widgets.Button(
            description="Start from the template", layout=widgets.Layout(width="16em")
        )
        self.subject = text_field(
            "subject", "Subject", placeholder=_SUBJECT_HINT[OutreachChannel.EMAIL]
        )
        self.body = text_field(
            "body", "Your message", multiline=True, placeholder="Start from the template, or write"
        )
        self.body.widget.continuous_update = True
        self.body.widget.layout.width = BODY_WIDTH
        self.body.widget.layout.height = BODY_HEIGHT
        self.subject.widget.continuous_update = True
        self.sent_on = date_field("sent_on", "Day you sent it", self.today)
        self.replied_on = date_field("replied_on", "Day they replied")
        # The contact is not one of the form's fields: what is kept unsaved is the message's.
        self.form = Form(
            [self.channel, self.subject, self.body, self.sent_on, self.replied_on],
            lambda values: self._action(values),
            save_label="Save draft",
            quiet=self._quiet,
        )
        self.unsaved: UnsavedInput = self.form.keep_unsaved(self.path, "outreach")
        self.sent = widgets.HTML()
        self.send_button = widgets.Button(description="Mark as sent")
        self.reply_button = widgets.Button(description="Record the reply")
        self.reload_button = widgets.Button(description="Reload my contacts")
        self.about = widgets.HTML()
        self.state = widgets.HTML()
        self.check = widgets.HTML()
        self.copy = widgets.HTML()

        self.send_button.on_click(lambda _: self.ask_to_send())
        self.reply_button.on_click(lambda _: self._submit(self.record_reply))
        self.template_button.on_click(lambda _: self.use_template())
        self.reload_button.on_click(lambda _: self.reload())
        self.unsaved.put_back.on_click(lambda _: self.check_now())  # after the saved text is back
        self.contact.widget.observe(self._contact_picked, "value")
        self.message.observe(self._message_picked, "value")
        for item in (self.body, self.subject):
            item.widget.observe(self._typed, "value")
        self.channel.widget.observe(self._channel_changed, "value")

        self.editor = widgets.VBox(
            [
                self.about,
                self.message,
                self.state,
                self.sent,
                self.channel.box,
                self.template_button,
                self.subject.box,
                self.body.box,
                self.check,
                widgets.HTML("<h4>Save it, send it, record the reply</h4>"),
                self.form.button,
                self.sent_on.box,
                self.send_button,
                self.replied_on.box,
                self.reply_button,
                self.copy,
            ]
        )
        self.view = widgets.VBox(
            [
                style(),
                self.contact.box,
                self.reload_button,
                self.confirm.view,
                self.editor,
                self.unsaved.view,
                self.form.status,
            ]
        )
        self.reload()

    # -- reading the workbook ---------------------------------------------------------------
    @property
    def contact_id(self) -> int | None:
        """The contact picked, if any."""
        contact_id: int | None = picked(self.contact.widget.value)
        return contact_id

    @property
    def outreach_id(self) -> int | None:
        """The saved message on screen, or ``None`` for a new one."""
        outreach_id: int | None = picked(self.message.value)
        return outreach_id

    @property
    def shown(self) -> Outreach | None:
        """The saved message on screen, as it was last read or saved."""
        return self._messages.get(self.outreach_id) if self.outreach_id is not None else None

    def record_key(self, message: Outreach | None = None) -> str | None:
        """Which message typed input is kept for: a saved one, or the contact's new one
        (``None``: no contact is picked)."""
        if message is not None and message.id is not None:
            return f"outreach:{message.id}"
        return f"contact:{self.contact_id}:new" if self.contact_id is not None else None

    def reload(self) -> None:
        """Read the contacts again; what is on screen stays as it is."""
        self.confirm.clear()
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
        self._profile, self._contacts = read
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
        self._messages, self._referrer, self._kept = {}, None, set()
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
                saved, self._referrer, self._kept = read
                self._messages = {m.id: m for m in saved if m.id is not None}
        with self._quiet:
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
        contact = self._contacts.get(contact_id) if contact_id is not None else None
        self.about.value = _about_html(contact, self._referrer)
        self.editor.layout.display = None if contact else "none"
        shown = keep if keep in self._messages else self._first_to_show()
        with self._quiet:
            self.message.value = NOTHING if shown is None else shown
        self._show_message(shown)

    def _first_to_show(self) -> int | None:
        """The message typed in last time and not saved, else the latest; ``None``: a new one."""
        if self.record_key() in self._kept:
            return None
        kept = [number for number, m in self._messages.items() if self.record_key(m) in self._kept]
        return max(kept or self._messages, default=None)

    def _show_message(self, outreach_id: int | None) -> None:
        """Put a saved message (or an empty new one) into the fields, then what was typed
        for it and not saved, if anything was."""
        message = self._messages.get(outreach_id) if outreach_id is not None else None
        for item in self.form.fields.values():
            item.show_error(None)
        self.form.set_values(_fields_of(message, self.today))
        self._saved = self._now()
        self._template = None
        self._keep_for(message)
        if message is not None and message.status is OutreachStatus.SENT:
            # What was sent stays as sent: only the reply day may come back as typed.
            saved = _fields_of(message, self.today)
            self.form.set_values({k: v for k, v in saved.items() if k != "replied_on"})
        self._show_state(message)
        self.check_now()

    def _keep_for(self, message: Outreach | None) -> None:
        """Keep what is typed from now on for ``message``; bring back what was kept for it."""
        key = self.record_key(message)
        if key is None:
            self.unsaved.leave()
        else:
            self.unsaved.show(key)

    def _show_state(self, message: Outreach | None) -> None:
        """Say where the message stands; a sent one is shown read-only."""
        self.subject.widget.placeholder = _SUBJECT_HINT[OutreachChannel(self.channel.widget.value)]
        self.state.value = f"<p>{html_text(message_state(message))}</p>"
        sent = message is not None and message.status is OutreachStatus.SENT
        for item in (self.channel, self.subject, self.body, self.sent_on):
            item.widget.disabled = sent
        for button in (self.template_button, self.form.button, self.send_button):
            button.layout.display = "none" if sent else None
        self.sent.value = notice("info", sent_note(message)) if sent and message else ""

    # -- watching the student ---------------------------------------------------------------------
    def _now(self) -> tuple[Any, ...]:
        """What the fields hold, as it is compared with what was last saved."""
        return (
            self.channel.widget.value,
            normal_text(self.subject.widget.value),
            normal_text(self.body.widget.value),
            self.sent_on.widget.value,
            self.replied_on.widget.value,
        )

    @property
    def dirty(self) -> bool:
        """Whether the message on screen has changes that are not saved (typed now, or
        typed before a restart and brought back)."""
        return self.unsaved.restored or self._now() != self._saved

    def _contact_picked(self, change: dict[str, Any]) -> None:
        if not self._quiet:
            self._switch(self.contact.widget, change, self._show_contact, "another contact")

    def _message_picked(self, change: dict[str, Any]) -> None:
        if not self._quiet:
            self._switch(self.message, change, self._show_message, "another message")

    def _switch(
        self, widget: Any, change: dict[str, Any], show: Callable[[Any], None], where: str
    ) -> None:
        """Go where the student picked; with unsaved changes, ask first."""
        self.confirm.clear()

        def go(choice: Any) -> None:
            self.form.status.value = ""
            show(picked(choice))

        self.switch(
            self.confirm,
            widget,
            change,
            go,
            unsaved=self.dirty,
            discard=self.unsaved.discard,
            message=f"You have changed this message since it was last saved. {self._how_to_keep()}"
            f" to keep your changes, or discard them and go to {where}.",
        )

    def _how_to_keep(self) -> str:
        shown = self.shown
        if shown is not None and shown.status is OutreachStatus.SENT:
            return "Click Record the reply"
        return "Click Save draft (or Mark as sent)"

    def _typed(self, _: dict[str, Any]) -> None:
        if not self._quiet:
            self.checker.schedule()

    def _channel_changed(self, change: dict[str, Any]) -> None:
        self.subject.widget.placeholder = _SUBJECT_HINT[OutreachChannel(change["new"])]
        if not self._quiet:
            self.check_now()

    def ask_to_send(self) -> None:
        """Mark the message as sent; first ask when the Ally check says to revise it."""
        if self._already_sent():
            return
        self.check_now()
        report = self.report
        if report is not None and report.verdict == "revise":
            count = sum(f.severity is Severity.PROBLEM for f in report.findings)
            self.confirm.ask(
                f"The Ally check still finds {count} thing{'' if count == 1 else 's'} to fix "
                'in this message (marked "Fix this" above). If you have already sent it '
                "as it is, you can still record it.",
                self._send,
                go_ahead="Mark as sent anyway",
                heading="Not ready yet.",
            )
            return
        self._send()

    def _send(self) -> None:
        self._submit(self.mark_sent)

    def check_now(self) -> None:
        """Run the Ally check on what is on screen, and show the copy-ready text."""
        self.checker.cancel()
        body, subject = self.body.widget.value, self.subject.widget.value
        channel = OutreachChannel(self.channel.widget.value)
        contact = self._contacts.get(self.contact_id) if self.contact_id is not None else None
        shown = self.shown
        if shown is not None and shown.status is OutreachStatus.SENT:
            self.report = None  # it is sent: too late for "fix this before you send it"
            self.check.value = ""
            self.copy.value = copy_ready_html(channel, subject, body, contact)
            return
        if not body.strip():
            self.report = None
            self.check.value = (
                "<p><b>Ally check:</b> start from the template or write your message; "
                "the check appears here as you type.</p>"
            )
            self.copy.value = ""
            return
        try:
            self.report = check_outreach(
                body,
                channel=channel,
                subject=subject if channel is OutreachChannel.EMAIL else None,
                context=OutreachContext.of(contact, self._profile),
            )
        except InfoviewError as error:  # a broken coaching file: say so, keep the text
            self.report = None
            self.check.value = notice("info", f"The Ally check could not run: {error}")
        else:
            self.check.value = report_html(self.report)
        self.copy.value = copy_ready_html(channel, subject, body, contact)

    # -- templates --------------------------------------------------------------------------------
    def use_template(self) -> None:
        """Fill in the starting text for the channel picked; ask before replacing text."""
        contact = self._contacts.get(self.contact_id) if self.contact_id is not None else None
        if contact is None or self._profile is None:
            self.form.status.value = notice("info", "Pick a contact first.")
            return
        draft = outreach_drafts.draft_outreach(
            self._profile, contact, channel=self.channel.widget.value, referrer=self._referrer
        )
        written = (self.subject.widget.value, self.body.widget.value)
        if self.body.widget.value.strip() and written != self._template:
            self.confirm.ask(
                "The template would replace the message you have written. Click Save draft "
                "first to keep it, or replace it.",
                lambda: self._fill(draft),
                go_ahead="Replace it with the template",
                heading="Replace your message?",
            )
            return
        self._fill(draft)

    def _fill(self, draft: outreach_drafts.OutreachDraft) -> None:
        with self._quiet:
            if draft.subject:
                self.subject.widget.value = draft.subject
            self.body.widget.value = draft.body
        self._template = (self.subject.widget.value, self.body.widget.value)
        self.unsaved.changed()  # the student asked for it: kept like typing until saved
        self.form.status.value = notice(
            "info",
            "The template is in. Replace each [part in square brackets] with your own words; "
            "the Ally check below lists what is left. Then click Save draft.",
        )
        self.check_now()

    # -- saving -----------------------------------------------------------------------------------
    def _already_sent(self) -> bool:
        """Whether the message on screen was sent; if so, say why it cannot be changed."""
        shown = self.shown
        if shown is None or shown.status is not OutreachStatus.SENT:
            return False
        self.form.status.value = notice("info", sent_note(shown))
        return True

    def _submit(self, action: Callable[[dict[str, Any]], str]) -> bool:
        """Run one of the buttons' saves through the form, so errors show by their fields."""
        self._action = action
        try:
            return self.form.submit()
        finally:
            self._action = self.save_draft

    def save_draft(self, values: dict[str, Any]) -> str:
        """Save the subject and text (and the channel); where the message stands is kept."""
        saved = self._save(
            values, lambda book, text: messages.save_draft(book, text, outreach_id=self.outreach_id)
        )
        return f"Your {saved.channel.label.lower()} to {self._name(saved)} is saved."

    def mark_sent(self, values: dict[str, Any]) -> str:
        """Save the message as sent on the day picked: the no-reply clock starts then."""
        contact = self._contacts.get(self.contact_id) if self.contact_id is not None else None
        before = contact.status if contact else None
        saved = self._save(
            values,
            lambda book, text: messages.mark_sent(
                book, self.outreach_id, text, sent_on=values["sent_on"], today=self.today
            ),
            moves_contact=True,
        )
        assert saved.sent_on is not None  # a sent message always has its day
        name = self._name(saved)
        after = self._contacts[saved.contact_id].status
        moved = f" {name} is now marked as {after.label.lower()}." if after != before else ""
        days = follow_up_rules().timing.follow_up_business_days
        return (
            f"Marked as sent on {day_words(saved.sent_on)}.{moved} If {name} does not reply, "
            f"your dashboard reminds you to follow up after {days} working days."
        )

    def record_reply(self, values: dict[str, Any]) -> str:
        """Save the day the contact replied: the no-reply reminders stop."""
        saved = self._save(
            values,
            lambda book, text: messages.record_reply(
                book, self.outreach_id, text, replied_on=values["replied_on"], today=self.today
            ),
        )
        assert saved.replied_on is not None
        return (
            f"Reply recorded on {day_words(saved.replied_on)}: no more no-reply reminders for "
            f"{self._name(saved)}. Once you agree a day, plan the meeting in notebook 04."
        )

    def _save(
        self,
        values: dict[str, Any],
        operation: Callable[[Workbook, messages.MessageText], Outreach],
        *,
        moves_contact: bool = False,
    ) -> Outreach:
        """Save the message on screen through a workbook ``operation``; show it as saved.

        The operation checks the rules (a sent message keeps its words) and saves in one
        transaction; its problems reach the form's fields.
        """
        text = messages.MessageText(
            self.contact_id, values["channel"], values["subject"], values["body"]
        )
        try:
            with Workbook.open(self.path) as book:
                saved = operation(book, text)
                if moves_contact:
                    self._contacts[saved.contact_id] = book.get(Contact, saved.contact_id)
        except messages.MessageSent as error:  # said in the form's words
            raise InfoviewError(sent_note(error.message)) from None
        self.confirm.clear()
        self._read_messages(saved.contact_id, keep=saved.id)
        self.unsaved.saved()  # forgets what was kept for it, a new message's included
        self._keep_for(saved)
        self._saved = self._now()
        self._template = None
        self._show_state(saved)
        self.check_now()
        if moves_contact:
            self._relabel_contacts(self.contact_id)
        return saved

    def _relabel_contacts(self, contact_id: int | None) -> None:
        """List the contacts again, with ``contact_id`` picked."""
        with self._quiet:
            self.contact.widget.options = [
                (PICK_CONTACT, NOTHING),
                *((contact_label(c), number) for number, c in self._contacts.items()),
            ]
            self.contact.widget.value = NOTHING if contact_id is None else contact_id

    def _name(self, message: Outreach) -> str:
        contact = self._contacts.get(message.contact_id)
        return contact.name if contact else "your contact"


def _fields_of(message: Outreach | None, today: date) -> dict[str, Any]:
    """The form's fields for a saved message, or for a new one."""
    return {
        "channel": message.channel if message else OutreachChannel.EMAIL,
        "subject": message.subject if message else "",
        "body": message.body if message else "",
        "sent_on": (message.sent_on if message else None) or today,
        "replied_on": message.replied_on if message else None,
    }


def _about_html(contact: Contact | None, referrer: Contact | None) -> str:
    """Who the message is for, so it can say how the student is connected."""
    if contact is None:
        return ""
    role = ", ".join(part for part in (contact.role, contact.organisation) if part)
    lines = [f"<b>To:</b> {html_text(contact.name)}" + (f", {html_text(role)}" if role else "")]
    if contact.email:
        lines.append(f"<b>Email:</b> {html_text(contact.email)}")
    if referrer is not None:
        lines.append(f"<b>Suggested by:</b> {html_text(referrer.name)}")
    if contact.connection:
        lines.append(f"<b>How you are connected:</b> {html_text(contact.connection)}")
    return "<p>" + "<br>".join(lines) + "</p>"


def draft_outreach(path: Path | str | None = None, today: date | None = None) -> widgets.VBox:
    """The second notebook's form: draft a first message, check it, save it, send it."""
    return DraftOutreach(Path(path) if path else None, today).view


__all__ = [
    "CHECK_DELAY",
    "DraftOutreach",
    "draft_outreach",
]
