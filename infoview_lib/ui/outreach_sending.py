"""Saving, sending and answering on the outreach page: save the draft, mark it as sent
(asking first when the Ally check says to revise it), record the reply, each through a
workbook operation of :mod:`infoview_lib.workflow.messages` that checks the rule (a sent
message keeps its words)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

import ipywidgets as widgets

from infoview_lib.coach.calendar import day_words
from infoview_lib.coach.findings import Severity
from infoview_lib.coach.followup_rules import follow_up_rules
from infoview_lib.errors import InfoviewError
from infoview_lib.model import Contact, Outreach
from infoview_lib.store import Workbook
from infoview_lib.ui.components import Confirmation, notice
from infoview_lib.ui.outreach_editor import MessageEditor, is_sent
from infoview_lib.ui.outreach_text import sent_note
from infoview_lib.ui.page import PanelPage
from infoview_lib.workflow import messages


class OutreachPage(PanelPage, Protocol):
    """The outreach page as this panel sees it: besides its path, day and quiet flag, where
    it asks to confirm, what is picked, and showing a message as saved."""

    confirm: Confirmation

    def chosen(self) -> tuple[Contact | None, Outreach | None]:
        """The contact picked and the saved message on screen, either ``None``."""

    def saved(self, message: Outreach, moved: Contact | None) -> None:
        """Show ``message`` as saved; ``moved``: its contact, read again as it moved on."""


class SendingPanel:
    """The buttons that save the message in ``editor`` on ``page``: Save draft (the
    editor's own), Mark as sent and Record the reply, with the days they need. Asking
    before sending a message the Ally check says to revise happens under Mark as sent."""

    def __init__(self, page: OutreachPage, editor: MessageEditor) -> None:
        self.page = page
        self.today = page.today
        self.editor = editor
        #: "Not ready yet": asked next to the button that caused it.
        self.confirm = Confirmation()
        self.send_button = widgets.Button(description="Mark as sent")
        self.reply_button = widgets.Button(description="Record the reply")
        editor.hidden_when_sent.append(self.send_button)
        self.send_button.on_click(lambda _: self.ask_to_send())
        self.reply_button.on_click(lambda _: editor.form.run(self.record_reply))
        #: The panel's widgets, in order, with the editor's days and save button among them.
        self.parts: tuple[widgets.Widget, ...] = (
            widgets.HTML("<h2>Save it, send it, record the reply</h2>"),
            editor.form.button,
            editor.sent_on.box,
            self.send_button,
            self.confirm.view,
            editor.replied_on.box,
            self.reply_button,
        )

    def ask_to_send(self) -> None:
        """Mark the message as sent; first ask when the Ally check says to revise it."""
        if self._already_sent():
            return
        self.editor.check_now()
        report = self.editor.report
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
        self.editor.form.run(self.mark_sent)

    def _already_sent(self) -> bool:
        """Whether the message on screen was sent; if so, say why it cannot be changed."""
        _, shown = self.page.chosen()
        if shown is None or not is_sent(shown):
            return False
        self.editor.form.status.value = notice("info", sent_note(shown))
        return True

    def save_draft(self, values: dict[str, Any]) -> str:
        """Save the subject and text (and the channel); where the message stands is kept."""
        outreach_id = self._outreach_id()
        saved, _ = self._save(
            values, lambda book, text: messages.save_draft(book, text, outreach_id=outreach_id)
        )
        return f"Your {saved.channel.label.lower()} to {self._name()} is saved."

    def mark_sent(self, values: dict[str, Any]) -> str:
        """Save the message as sent on the day picked: the no-reply clock starts then."""
        contact, _ = self.page.chosen()
        outreach_id = self._outreach_id()
        before = contact.status if contact else None
        saved, moved = self._save(
            values,
            lambda book, text: messages.mark_sent(
                book, outreach_id, text, sent_on=values["sent_on"], today=self.today
            ),
            moves_contact=True,
        )
        assert saved.sent_on is not None  # a sent message always has its day
        assert moved is not None
        name = self._name()
        moved_on = f" {name} is now marked as {moved.status.label.lower()}."
        days = follow_up_rules().timing.follow_up_business_days
        return (
            f"Marked as sent on {day_words(saved.sent_on)}."
            f"{moved_on if moved.status != before else ''} If {name} does not reply, "
            f"your dashboard reminds you to follow up after {days} working days."
        )

    def record_reply(self, values: dict[str, Any]) -> str:
        """Save the day the contact replied: the no-reply reminders stop."""
        outreach_id = self._outreach_id()
        saved, _ = self._save(
            values,
            lambda book, text: messages.record_reply(
                book, outreach_id, text, replied_on=values["replied_on"], today=self.today
            ),
        )
        assert saved.replied_on is not None
        return (
            f"Reply recorded on {day_words(saved.replied_on)}: no more no-reply reminders for "
            f"{self._name()}. Once you agree a day, plan the meeting in notebook 04."
        )

    def _save(
        self,
        values: dict[str, Any],
        operation: Callable[[Workbook, messages.MessageText], Outreach],
        *,
        moves_contact: bool = False,
    ) -> tuple[Outreach, Contact | None]:
        """Save the message on screen through a workbook ``operation``; with
        ``moves_contact``, read its contact again too (sending moves it on).

        The operation checks the rules (a sent message keeps its words) and saves in one
        transaction; its problems reach the form's fields.
        """
        contact, _ = self.page.chosen()
        text = messages.MessageText(
            None if contact is None else contact.id,
            values["channel"],
            values["subject"],
            values["body"],
        )
        try:
            with Workbook.open(self.page.path) as book:
                saved = operation(book, text)
                moved = book.get(Contact, saved.contact_id) if moves_contact else None
        except messages.MessageSent as error:  # said in the form's words
            raise InfoviewError(sent_note(error.message)) from None
        self.page.confirm.clear()
        self.confirm.clear()
        self.page.saved(saved, moved)
        return saved, moved

    def _outreach_id(self) -> int | None:
        _, shown = self.page.chosen()
        return None if shown is None else shown.id

    def _name(self) -> str:
        contact, _ = self.page.chosen()
        return contact.name if contact else "your contact"
