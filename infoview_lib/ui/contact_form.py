"""The contact form of the "pick contacts" page: add someone, edit what you know of them,
delete them with what belongs to them, and see, as you type, whether they look like
someone you already have. What is typed and not saved is kept in the workbook."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from infoview_lib.errors import InfoviewError
from infoview_lib.model import Contact
from infoview_lib.model.labels import blank_values, labels
from infoview_lib.store import Workbook
from infoview_lib.ui.components import (
    NOTHING,
    Field,
    Form,
    Quiet,
    html_text,
    notice,
    picked,
    readable,
)
from infoview_lib.ui.contact_lookalike import IDENTITY, lookalike_html
from infoview_lib.ui.fields import contact_label, label_field, picker
from infoview_lib.workflow.contacts import add_contact, delete_contact, edit_contact

#: What the form says when there is no workbook to save into yet.
NO_WORKBOOK = (
    "There is no workbook yet: open notebook 00 (Start here), save your profile there, "
    "then come back to this one."
)
#: The picker's first entry: a blank form for someone new.
NEW_CONTACT = "New contact"
#: The "Referred by" entry for someone nobody referred.
NOBODY = "Nobody: I found them myself"
#: The layout display that hides a widget (a button not for this mode).
_HIDDEN = "none"


def open_workbook(path: Path) -> Workbook:
    """The workbook at ``path``; a missing one is explained in a notebook's words."""
    if not path.exists():
        raise InfoviewError(NO_WORKBOOK)
    return Workbook.open(path)


def _show(widget: widgets.Widget, visible: bool) -> None:
    widget.layout.display = None if visible else _HIDDEN


def and_list(items: Sequence[str]) -> str:
    """Items listed as a sentence says them.

    >>> and_list(["a"]), and_list(["a", "b", "c"])
    ('a', 'a, b and c')
    """
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# -- the contact form ------------------------------------------------------------------------


def _blank() -> dict[str, Any]:
    """The form's values for someone new: every field as a new contact starts (the
    record's own defaults; "Referred by" is "Nobody")."""
    return {**blank_values(Contact), "referred_by": NOTHING}


def _values(contact: Contact) -> dict[str, Any]:
    """The form's values for a saved contact."""
    values = {name: getattr(contact, name) for name in _blank()}
    return {**values, "referred_by": contact.referred_by or NOTHING}


def _contact_values(values: dict[str, Any]) -> dict[str, Any]:
    """The form's values as a contact's: "Nobody" for "Referred by" is no referrer.

    >>> _contact_values({"name": "Wei", "referred_by": NOTHING})
    {'name': 'Wei', 'referred_by': None}
    """
    return {**values, "referred_by": picked(values["referred_by"])}


def _record(contact: Contact | None) -> str:
    """What the form's kept input is filed under: ``new``, or the contact's number.

    >>> _record(None), _record(Contact(id=12, name="Wei Ng"))
    ('new', 'contact:12')
    """
    return "new" if contact is None else f"contact:{contact.id}"


class ContactForm:
    """Add, edit and delete contacts, with a live warning when one looks entered twice.

    Pick "New contact" to add someone, or a name to edit or delete them.
    Deleting says what else would go and waits for a second click. What is
    typed and not saved is kept in the workbook for each contact (and for the
    new one), so picking another contact or restarting the kernel loses nothing.
    """

    def __init__(self, path: Path, on_change: Callable[[], None] | None = None) -> None:
        self.path = path
        self._on_change = on_change
        self.contacts: list[Contact] = []
        self.editing: Contact | None = None
        self.pending_delete: Contact | None = None
        self._quiet = Quiet()
        self.picker = picker("Pick a contact to edit", NEW_CONTACT)
        self.picker.observe(self._picked, names="value")
        self.mode = widgets.HTML()
        self.form = Form(self._fields(), self.add, save_label="Add contact", quiet=self._quiet)
        #: What is typed and not saved yet, kept per contact ("new" or "contact:<id>").
        self.unsaved = self.form.keep_unsaved(path, "contacts")
        self.add_button = self.form.button
        # Enter in a one-line box presses the button showing: Add contact or Save changes.
        self.form.enter_button = lambda: (
            self.add_button if self.editing is None else self.save_button
        )
        self.save_button = widgets.Button(description="Save changes", button_style="primary")
        self.save_button.on_click(lambda _: self.form.run(self.save_changes))
        self.delete_button = widgets.Button(
            description="Delete this contact…", tooltip="Shows what would go; asks you to confirm"
        )
        self.delete_button.on_click(lambda _: self.ask_to_delete())
        self.confirm = widgets.HTML()
        self.confirm_button = widgets.Button(description="Yes, delete", button_style="danger")
        self.confirm_button.on_click(lambda _: self.delete())
        self.cancel_button = widgets.Button(description="No, keep them")
        self.cancel_button.on_click(lambda _: self.cancel_delete())
        self.confirm_buttons = widgets.HBox([self.confirm_button, self.cancel_button])
        self.duplicates = widgets.HTML()
        for name in IDENTITY:
            self.form.fields[name].widget.observe(lambda _: self.check_duplicates(), names="value")
        self.view = widgets.VBox(
            [
                self.picker,
                self.mode,
                self.unsaved.view,  # what was kept from last time: said before the fields
                *(item.box for item in self.form.fields.values()),
                self.duplicates,
                widgets.HBox([self.add_button, self.save_button, self.delete_button]),
                self.confirm,
                self.confirm_buttons,
                self.form.status,
            ]
        )
        self._set_mode()

    @staticmethod
    def _fields() -> list[Field]:
        blank = _blank()
        return [
            # "Referred by" offers the other contacts, listed once they are read
            label_field(
                name,
                label,
                blank[name],
                options=[(NOBODY, NOTHING)] if name == "referred_by" else None,
            )
            for name, label in labels(Contact).items()
        ]

    # -- keeping in step with the workbook ------------------------------------------------
    def set_contacts(self, contacts: Sequence[Contact]) -> None:
        """Use this list for the picker, "Referred by" and the duplicate check.

        The first time, what was typed and not saved before (say, before the
        kernel restarted) comes back into the form.
        """
        self.contacts = list(contacts)
        ids = {contact.id for contact in self.contacts}
        if self.editing is not None and self.editing.id not in ids:
            self._deleted_elsewhere(self.editing)
        with self._quiet:
            self.picker.options = [
                (NEW_CONTACT, NOTHING),
                *((contact_label(contact, stage=False), contact.id) for contact in self.contacts),
            ]
            self.picker.value = NOTHING if self.editing is None else self.editing.id
        self._update_referrers()
        if self.unsaved.record is None:
            self._bring_back()
            return
        self._set_mode()
        self.check_duplicates()

    def _bring_back(self) -> None:
        """The first time: open the form on what was typed and not saved before (a new
        contact's, else a contact's edit, which is opened for editing), and say which
        other contacts have edits kept."""
        kept = set(self.unsaved.kept_records())
        edited = [contact for contact in self.contacts if _record(contact) in kept]
        if _record(None) in kept or not edited:
            self.unsaved.show(_record(self.editing), new=self.editing is None)
            self._set_mode()
            self.check_duplicates()
        else:
            self.load(edited[-1].id)
        others = [c.name for c in self.contacts if _record(c) in kept and c is not self.editing]
        if others:
            self.form.status.value = notice(
                "info",
                f"You also typed changes for {and_list(others)} that are not saved yet: pick "
                f"{'them' if len(others) == 1 else 'each'} above to see and save them.",
            )

    def _deleted_elsewhere(self, gone: Contact) -> None:
        """The contact being edited was deleted in another window: the form is for someone new.

        What was typed for them stays, as a new contact's typing, so nothing is lost.
        """
        typed = self.form.values()
        self.editing = None
        self._fill(_blank())
        self.unsaved.show(_record(None), new=True)
        self.unsaved.forget(_record(gone))
        message = f"{gone.name} was deleted in another window or notebook."
        if typed != _values(gone):
            for name, value in typed.items():
                self.form.fields[name].widget.value = value  # the student's, so it is kept
            message += (
                " What you typed for them is still here, as a new contact: click "
                "“Add contact” to add them again."
            )
        self.form.status.value = notice("info", message)

    def _update_referrers(self) -> None:
        widget = self.form.fields["referred_by"].widget
        chosen = widget.value
        mine = None if self.editing is None else self.editing.id
        options = [(NOBODY, NOTHING)] + [
            (contact_label(contact, stage=False), contact.id)
            for contact in self.contacts
            if contact.id != mine
        ]
        with self._quiet:
            widget.options = options
            widget.value = chosen if chosen in {value for _, value in options} else NOTHING

    def _set_mode(self) -> None:
        editing = self.editing is not None
        _show(self.add_button, not editing)
        _show(self.save_button, editing)
        _show(self.delete_button, editing)
        _show(self.confirm_buttons, self.pending_delete is not None)
        if self.editing is None:
            self.mode.value = "<p>You are adding a <b>new contact</b>.</p>"
        else:
            where = self.editing.organisation
            self.mode.value = readable(
                f"<p>You are editing <b>{html_text(self.editing.name)}</b>"
                f"{f' ({html_text(where)})' if where else ''}. To add someone else, pick "
                f"“{NEW_CONTACT}” above.</p>"
            )

    def _fill(self, values: dict[str, Any]) -> None:
        """Show ``values`` as saved (not as the student's typing); clear the error lines."""
        for item in self.form.fields.values():
            item.show_error(None)
        self.form.set_values(values)

    def _picked(self, change: dict[str, Any]) -> None:
        if self._quiet:
            return
        self._forget_delete()
        self.form.status.value = ""
        self.load(picked(change["new"]))

    def load(self, contact_id: int | None) -> None:
        """Fill the form with a saved contact to edit, or empty it for someone new.

        Anything typed there earlier and not saved comes back, and the form says so.
        """
        if contact_id is None:
            self.editing = None
            self._update_referrers()
            self._fill(_blank())
        else:
            try:
                with open_workbook(self.path) as book:
                    found = book.get(Contact, contact_id)
                    self.contacts = book.all(Contact)
            except (InfoviewError, OSError) as error:
                message = f"That contact could not be opened: {error}"
                self.form.status.value = notice("info", message)
                self._select(None if self.editing is None else self.editing.id)
                return
            self.editing = found
            self._update_referrers()
            self._fill(_values(found))
        self._select(contact_id)
        self._set_mode()
        self.unsaved.show(_record(self.editing), new=self.editing is None)
        self.check_duplicates()

    def _select(self, contact_id: int | None) -> None:
        value = NOTHING if contact_id is None else contact_id
        if self.picker.value != value:
            with self._quiet:
                self.picker.value = value

    def _changed(self, contacts: list[Contact]) -> None:
        self.set_contacts(contacts)
        if self._on_change is not None:
            self._on_change()

    # -- saving ---------------------------------------------------------------------------
    def add(self, values: dict[str, Any]) -> str:
        """Save a new contact; the form empties, every field as new, for the next one."""
        contact = Contact(**_contact_values(values))
        with open_workbook(self.path) as book:
            added = add_contact(book, contact)
            contacts = book.all(Contact)
        self._fill(_blank())
        self._changed(contacts)
        people = f"{len(contacts)} contact{'' if len(contacts) == 1 else 's'}"
        return f"{added.name} is in your list, which now has {people}. Add the next one here."

    def save_changes(self, values: dict[str, Any]) -> str:
        """Save what changed in the contact being edited (other fields are left as saved)."""
        if self.editing is None:
            raise InfoviewError(f"Pick a contact to edit first, or use “{NEW_CONTACT}”.")
        before = self.editing
        edited = Contact(id=before.id, **_contact_values(values))
        changes = {
            name: getattr(edited, name)
            for name in values
            if getattr(edited, name) != getattr(before, name)
        }
        if not changes:
            return f"Nothing had changed, so {before.name} is as it was."
        with open_workbook(self.path) as book:
            saved = edit_contact(book, before.id or 0, changes)
            contacts = book.all(Contact)
        self.editing = saved
        self._fill(_values(saved))
        self._changed(contacts)
        return f"Your changes to {saved.name} are saved."

    # -- deleting -------------------------------------------------------------------------
    def ask_to_delete(self) -> None:
        """Say what deleting the contact would take with it, and ask to confirm."""
        if self.editing is None:
            return
        contact = self.editing
        try:
            with open_workbook(self.path) as book:
                impact = book.deletion_impact(Contact, contact.id or 0)
        except (InfoviewError, OSError) as error:
            self.form.status.value = notice("error", f"Nothing was deleted. {error}")
            return
        self.pending_delete = contact
        self.form.status.value = ""
        name = html_text(contact.name)
        self.confirm.value = (
            '<div class="infoview-notice infoview-error" role="alert">'
            f"<b>Delete {name}?</b> {html_text(impact.describe())} This cannot be undone. "
            f"Click <b>Yes, delete</b> to delete {name}, or <b>No, keep them</b> to change "
            "nothing.</div>"
        )
        self._set_mode()
        # The keyboard goes to the answer that changes nothing; the browser scrolls to it.
        self.cancel_button.focus()

    def delete(self) -> bool:
        """Delete the contact asked about; only after :meth:`ask_to_delete`.

        The form then is for someone new, with what was typed for them before.
        """
        contact = self.pending_delete
        self._forget_delete()
        if contact is None:
            return False
        deleted = self.form.run(lambda _: self._delete(contact))
        if deleted:
            self.unsaved.show(_record(None), new=True)
        return deleted

    def _delete(self, contact: Contact) -> str:
        with open_workbook(self.path) as book:
            gone = delete_contact(book, contact.id or 0)
            contacts = book.all(Contact)
        self.unsaved.forget(_record(contact))
        self.editing = None
        self._fill(_blank())
        self._changed(contacts)
        removed = [words for words, _ in gone.removed]
        kept = [words for words, _ in gone.unlinked]
        message = f"{contact.name} is deleted"
        message += f", with {and_list(removed)}." if removed else "."
        if kept:
            message += f" {and_list(kept).capitalize()} linked to them stay, without the link."
        return message

    def cancel_delete(self) -> None:
        """Keep the contact; say so."""
        contact = self.pending_delete
        self._forget_delete()
        if contact is not None:
            self.form.status.value = notice(
                "info", f"Nothing was deleted: {contact.name} is still in your list."
            )

    def _forget_delete(self) -> None:
        self.pending_delete = None
        self.confirm.value = ""
        self._set_mode()

    # -- duplicates -----------------------------------------------------------------------
    def check_duplicates(self) -> None:
        """Warn, as the student types, when the entry looks like a saved contact."""
        mine = None if self.editing is None else self.editing.id
        self.duplicates.value = lookalike_html(self.form.values(), mine, self.contacts)
