"""The message editor of the outreach page: the message's fields, the template to start
from, and the Ally check and copy-ready text, updated as the student types. What is typed
and not saved is kept in the workbook per message; a sent message is shown, not edited."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import ipywidgets as widgets

from infoview_lib.coach import outreach_drafts
from infoview_lib.coach.outreach import OutreachContext, OutreachReport, check_outreach
from infoview_lib.errors import InfoviewError
from infoview_lib.model import Contact, Outreach, OutreachChannel, OutreachStatus, StudentProfile
from infoview_lib.model.labels import blank_values, labels
from infoview_lib.ui.components import Confirmation, Form, html_text, notice
from infoview_lib.ui.debounce import Debounced
from infoview_lib.ui.fields import date_field, label_field
from infoview_lib.ui.outreach_text import (
    copy_ready_html,
    message_state,
    normal_text,
    report_html,
    sent_note,
)
from infoview_lib.ui.page import PanelPage
from infoview_lib.ui.unsaved import UnsavedInput

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


def is_sent(message: Outreach | None) -> bool:
    """Whether ``message`` is a saved message marked as sent."""
    return message is not None and message.status is OutreachStatus.SENT


def fields_of(message: Outreach | None, today: date) -> dict[str, Any]:
    """The editor's fields for a saved message, or for a new one; the day it was sent is
    today until it is sent."""
    blank = blank_values(Outreach)
    values = {
        name: getattr(message, name) if message else blank[name]
        for name in ("channel", "subject", "body", "sent_on", "replied_on")
    }
    return {**values, "sent_on": values["sent_on"] or today}


def about_html(contact: Contact | None, referrer: Contact | None) -> str:
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


class MessageEditor:
    """One message's fields, its template and its Ally check.

    ``save`` is what the form's own button (Save draft) does; ``confirm`` asks before
    the template replaces what was written, right under the template's button (so it is
    the editor's own). The page says whom the message is for
    (``contact``, ``referrer``, ``profile``) and which message is on screen (:meth:`show`).
    """

    def __init__(
        self, page: PanelPage, confirm: Confirmation, save: Callable[[dict[str, Any]], str]
    ) -> None:
        self.today = page.today
        self._quiet = page.quiet
        self._confirm = confirm
        self.contact: Contact | None = None
        self.referrer: Contact | None = None
        self.profile: StudentProfile | None = None
        #: The saved message on screen, as it was last read or saved; ``None``: a new one.
        self.message: Outreach | None = None
        self.report: OutreachReport | None = None
        self._saved: tuple[Any, ...] = ()
        self._template: tuple[str, str] | None = None
        self.checker = Debounced(self.check_now, CHECK_DELAY)

        declared = labels(Outreach)
        new = fields_of(None, page.today)
        self.channel = label_field("channel", declared["channel"], new["channel"])
        self.template_button = widgets.Button(
            description="Start from the template", layout=widgets.Layout(width="16em")
        )
        self.subject = label_field("subject", declared["subject"])
        # what the subject is for depends on the channel: its hint follows the channel
        self.subject.widget.placeholder = _SUBJECT_HINT[new["channel"]]
        self.body = label_field("body", declared["body"])
        self.body.widget.continuous_update = True
        self.body.widget.layout.width = BODY_WIDTH
        self.body.widget.layout.height = BODY_HEIGHT
        self.subject.widget.continuous_update = True
        self.sent_on = date_field("sent_on", declared["sent_on"].text, new["sent_on"])
        self.replied_on = date_field("replied_on", declared["replied_on"].text)
        # The contact is not one of the form's fields: what is kept unsaved is the message's.
        self.form = Form(
            [self.channel, self.subject, self.body, self.sent_on, self.replied_on],
            save,
            save_label="Save draft",
            quiet=page.quiet,
        )
        self.unsaved: UnsavedInput = self.form.keep_unsaved(page.path, "outreach")
        self.about = widgets.HTML()
        self.state = widgets.HTML()
        self.sent = widgets.HTML()
        self.check = widgets.HTML()
        self.copy = widgets.HTML()
        #: The buttons that change a message's words: hidden once it is sent.
        self.hidden_when_sent: list[widgets.Button] = [self.template_button, self.form.button]

        self.template_button.on_click(lambda _: self.use_template())
        self.unsaved.put_back.on_click(lambda _: self.check_now())  # after the saved text is back
        for item in (self.body, self.subject):
            item.widget.observe(self._typed, "value")
        self.channel.widget.observe(self._channel_changed, "value")
        #: The editor's widgets from the state line to the Ally check, in order.
        self.parts: tuple[widgets.Widget, ...] = (
            self.state,
            self.sent,
            self.channel.box,
            self.template_button,
            confirm.view,  # asks before the template replaces a message, by its button
            self.subject.box,
            self.body.box,
            self.check,
        )

    # -- showing a message -------------------------------------------------------------------
    def show(self, message: Outreach | None, record: str | None) -> None:
        """Put a saved message (or an empty new one) into the fields, then what was typed
        for it (kept under ``record``) and not saved, if anything was."""
        self.message = message
        for item in self.form.fields.values():
            item.show_error(None)
        self.form.set_values(fields_of(message, self.today))
        self._saved = self._now()
        self._template = None
        self.keep_for(record)
        if is_sent(message):
            # What was sent stays as sent: only the reply day may come back as typed.
            saved = fields_of(message, self.today)
            self.form.set_values({k: v for k, v in saved.items() if k != "replied_on"})
        self.show_state(message)
        self.check_now()

    def saved(self, message: Outreach, record: str | None) -> None:
        """``message`` is saved as the fields hold it: show it as saved."""
        self.message = message
        self.unsaved.saved()  # forgets what was kept for it, a new message's included
        self.keep_for(record)
        self._saved = self._now()
        self._template = None
        self.show_state(message)
        self.check_now()

    def keep_for(self, record: str | None) -> None:
        """Keep what is typed from now on under ``record``; bring back what was kept there."""
        if record is None:
            self.unsaved.leave()
        else:  # a message never saved has no saved version to put back
            self.unsaved.show(record, new=self.message is None)

    def show_state(self, message: Outreach | None) -> None:
        """Say where the message stands; a sent one is shown read-only."""
        self.subject.widget.placeholder = _SUBJECT_HINT[OutreachChannel(self.channel.widget.value)]
        self.state.value = f"<p>{html_text(message_state(message))}</p>"
        sent = is_sent(message)
        for item in (self.channel, self.subject, self.body, self.sent_on):
            item.widget.disabled = sent
        for button in self.hidden_when_sent:
            button.layout.display = "none" if sent else None
        self.sent.value = notice("info", sent_note(message)) if sent and message else ""

    # -- watching the student ----------------------------------------------------------------
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

    def _typed(self, _: dict[str, Any]) -> None:
        if not self._quiet:
            self.checker.schedule()

    def _channel_changed(self, change: dict[str, Any]) -> None:
        self.subject.widget.placeholder = _SUBJECT_HINT[OutreachChannel(change["new"])]
        if not self._quiet:
            self.check_now()

    def check_now(self) -> None:
        """Run the Ally check on what is on screen, and show the copy-ready text."""
        self.checker.cancel()
        body, subject = self.body.widget.value, self.subject.widget.value
        channel = OutreachChannel(self.channel.widget.value)
        if is_sent(self.message):
            self.report = None  # it is sent: too late for "fix this before you send it"
            self.check.value = ""
            self.copy.value = copy_ready_html(channel, subject, body, self.contact)
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
                context=OutreachContext.of(self.contact, self.profile),
            )
        except InfoviewError as error:  # a broken coaching file: say so, keep the text
            self.report = None
            self.check.value = notice("info", f"The Ally check could not run: {error}")
        else:
            self.check.value = report_html(self.report)
        self.copy.value = copy_ready_html(channel, subject, body, self.contact)

    # -- templates ---------------------------------------------------------------------------
    def use_template(self) -> None:
        """Fill in the starting text for the channel picked; ask before replacing text."""
        if self.contact is None or self.profile is None:
            self.form.status.value = notice("info", "Pick a contact first.")
            return
        draft = outreach_drafts.draft_outreach(
            self.profile, self.contact, channel=self.channel.widget.value, referrer=self.referrer
        )
        written = (self.subject.widget.value, self.body.widget.value)
        if self.body.widget.value.strip() and written != self._template:
            self._confirm.ask(
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
