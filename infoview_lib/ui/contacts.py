"""The "pick contacts" notebook: brainstorm people by category, add and edit them, see each
one's score with its reasons, and whom to write to first.

Each part is a small view over ``coach.contacts``, ``coach.duplicates`` and the
workbook; :class:`PickContacts` puts them on one page and keeps them in step.
The workbook is opened for each operation, so another notebook may use it too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from html import escape
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from infoview_lib.coach.contacts import (
    IN_PLAY,
    ContactScore,
    OutreachPlan,
    PlanEntry,
    PromptGroup,
    brainstorm_prompts,
    outreach_order,
    score_contact,
)
from infoview_lib.coach.duplicates import duplicate_findings, new_contact_findings
from infoview_lib.coach.text import fold
from infoview_lib.errors import InfoviewError
from infoview_lib.model import (
    Contact,
    InvalidRecord,
    PipelineStatus,
    StudentProfile,
)
from infoview_lib.model.labels import blank_values, labels
from infoview_lib.store import Workbook
from infoview_lib.ui.components import (
    LABEL_STYLE,
    NOTHING,
    WIDTH,
    Field,
    Form,
    Quiet,
    choice_field,
    findings_html,
    html_text,
    notice,
    picked,
    readable,
    style,
    text_field,
)
from infoview_lib.ui.fields import contact_label
from infoview_lib.ui.page import Page
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
#: How the contact table can be sorted: what the student reads, and the key.
SORT_CHOICES = (
    ("Priority score (best first)", "score"),
    ("Name (A to Z)", "name"),
    ("Organisation (A to Z)", "organisation"),
    ("Status (first steps first)", "status"),
)
#: Stand-in name for the duplicate check while the name box is still empty.
_NO_NAME = "(no name yet)"
#: The fields the duplicate check compares.
_IDENTITY = ("name", "organisation", "email", "linkedin_url")
_STAGE = {status: index for index, status in enumerate(PipelineStatus)}
_HIDDEN = "none"
#: Long words (a web address, a long name) break to fit rather than run off the page;
#: content still too wide (the table on a narrow screen) scrolls sideways in its own box
#: rather than widening the page or being cut off; wrapped lines get room to be read
#: (widgets space the lines of HTML as for one-line labels).
#: A table cell of the student's own words (a name, an organisation): a long one wraps,
#: even inside a word, so the table fits; short words stay whole.
_LONG_TEXT_CELL = "overflow-wrap: anywhere; min-width: 7em"


def open_workbook(path: Path) -> Workbook:
    """The workbook at ``path``; a missing one is explained in a notebook's words."""
    if not path.exists():
        raise InfoviewError(NO_WORKBOOK)
    return Workbook.open(path)


def _show(widget: widgets.Widget, visible: bool) -> None:
    widget.layout.display = None if visible else _HIDDEN


def _points(points: int) -> str:
    """Points with their sign, in words a student reads.

    >>> _points(3), _points(-1), _points(1)
    ('+3 points', '-1 point', '+1 point')
    """
    return f"{points:+d} point{'' if abs(points) == 1 else 's'}"


def _and_list(items: Sequence[str]) -> str:
    """Items listed as a sentence says them.

    >>> _and_list(["a"]), _and_list(["a", "b", "c"])
    ('a', 'a, b and c')
    """
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# -- brainstorming ---------------------------------------------------------------------------


def brainstorm_html(group: PromptGroup, names: Sequence[str]) -> str:
    """One category's advice: why the guide suggests these people, the prompts, who is in."""
    prompts = "".join(f"<li>{html_text(prompt)}</li>" for prompt in group.prompts)
    so_far = (
        f"<p><b>In your list so far ({len(names)}):</b> {html_text(', '.join(names))}</p>"
        if names
        else "<p><b>In your list so far:</b> nobody yet.</p>"
    )
    return readable(
        f"<p><b>Why:</b> {html_text(group.why)}</p>"
        f"<p><b>Questions to jog your memory:</b></p><ul>{prompts}</ul>{so_far}"
    )


class BrainstormPanel:
    """One fold per category of the guide, with its prompts, its reason and who is in it."""

    def __init__(self) -> None:
        self.groups = brainstorm_prompts()
        self.pages = [widgets.HTML() for _ in self.groups]
        self.view = widgets.Accordion(children=self.pages, selected_index=0)
        self.show([])

    def show(self, contacts: Sequence[Contact]) -> None:
        """Fill in each category with the contacts already in it."""
        for index, (group, page) in enumerate(zip(self.groups, self.pages, strict=True)):
            names = [contact.name for contact in contacts if contact.category is group.category]
            page.value = brainstorm_html(group, names)
            self.view.set_title(index, f"{group.category.label} ({len(names)} so far)")


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


def _lookalike(values: dict[str, Any], contact_id: int | None) -> Contact | None:
    """What is typed so far, as a contact the duplicate check can compare.

    Parts not finished yet (half an email address) are left out rather than
    stopping the check; an empty name is stood in for.
    """
    known: dict[str, Any] = {name: values[name] for name in _IDENTITY}
    if not str(known["name"]).strip():
        known["name"] = _NO_NAME
    for _ in range(2):
        try:
            return Contact(id=contact_id, **known)
        except InvalidRecord as error:
            for name in error.fields:
                known[name] = _NO_NAME if name == "name" else ""
    return None


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
        self.picker = widgets.Dropdown(
            options=[(NEW_CONTACT, NOTHING)],
            value=NOTHING,
            description="Pick a contact to edit",
            style=LABEL_STYLE,
            layout=widgets.Layout(width=WIDTH),
        )
        self.picker.observe(self._picked, names="value")
        self.mode = widgets.HTML()
        self.form = Form(self._fields(), self.add, save_label="Add contact", quiet=self._quiet)
        #: What is typed and not saved yet, kept per contact ("new" or "contact:<id>").
        self.unsaved = self.form.keep_unsaved(path, "contacts")
        self.add_button = self.form.button
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
        for name in _IDENTITY:
            self.form.fields[name].widget.observe(lambda _: self.check_duplicates(), names="value")
        self.view = widgets.VBox(
            [
                self.picker,
                self.mode,
                *(item.box for item in self.form.fields.values()),
                self.duplicates,
                widgets.HBox([self.add_button, self.save_button, self.delete_button]),
                self.confirm,
                self.confirm_buttons,
                self.unsaved.view,
                self.form.status,
            ]
        )
        self._set_mode()

    @staticmethod
    def _fields() -> list[Field]:
        def choices(kind: Iterable[Any]) -> list[tuple[str, Any]]:
            return [(choice.label, choice) for choice in kind]

        blank = _blank()
        made = []
        for name, label in labels(Contact).items():
            value = blank[name]
            if name == "referred_by":  # its choices are the other contacts, set later
                made.append(choice_field(name, label.text, [(NOBODY, NOTHING)], value))
            elif isinstance(value, Enum):
                made.append(choice_field(name, label.text, choices(type(value)), value))
            else:
                made.append(
                    text_field(
                        name, label.text, placeholder=label.example, multiline=label.multiline
                    )
                )
        return made

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
            self.unsaved.show(_record(self.editing))
        self._set_mode()
        self.check_duplicates()

    def _deleted_elsewhere(self, gone: Contact) -> None:
        """The contact being edited was deleted in another window: the form is for someone new.

        What was typed for them stays, as a new contact's typing, so nothing is lost.
        """
        typed = self.form.values()
        self.editing = None
        self._fill(_blank())
        self.unsaved.show(_record(None))
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
        self.unsaved.show(_record(self.editing))
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
            self.unsaved.show(_record(None))
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
        message += f", with {_and_list(removed)}." if removed else "."
        if kept:
            message += f" {_and_list(kept).capitalize()} linked to them stay, without the link."
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
        candidate = _lookalike(self.form.values(), mine)
        findings = () if candidate is None else new_contact_findings(candidate, self.contacts)
        self.duplicates.value = (
            readable(
                "<p><b>Is this someone you already have?</b> You can still save; this is "
                f"only a suggestion.</p>{findings_html(findings)}"
            )
            if findings
            else ""
        )


# -- the table of contacts ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ScoredContact:
    """A contact with its score and the reasons for it."""

    contact: Contact
    score: ContactScore


def scored_contacts(contacts: Sequence[Contact], profile: StudentProfile) -> list[ScoredContact]:
    """Each contact with its score; a referral names who referred them."""
    names = {contact.id: contact.name for contact in contacts}
    return [
        ScoredContact(
            contact,
            score_contact(contact, profile, referrer=names.get(contact.referred_by, "")),
        )
        for contact in contacts
    ]


def sort_contacts(rows: Iterable[ScoredContact], by: str) -> list[ScoredContact]:
    """The rows sorted ``by`` one of :data:`SORT_CHOICES`' keys; ties go by name.

    Names and organisations sort ignoring case and accents; contacts without an
    organisation come last; statuses go in the order of the steps.

    >>> from infoview_lib.coach.contacts import ContactScore
    >>> rows = [ScoredContact(Contact(name=n), ContactScore(None, p, ())) for n, p in
    ...         [("Émile", 1), ("ana", 5), ("Bo", 5)]]
    >>> [row.contact.name for row in sort_contacts(rows, "name")]
    ['ana', 'Bo', 'Émile']
    >>> [row.contact.name for row in sort_contacts(rows, "score")]
    ['ana', 'Bo', 'Émile']
    """

    def name(row: ScoredContact) -> tuple[str, int]:
        return fold(row.contact.name), row.contact.id or 0

    keys: dict[str, Callable[[ScoredContact], tuple[Any, ...]]] = {
        "score": lambda row: (-row.score.points, *name(row)),
        "name": name,
        "organisation": lambda row: (
            not row.contact.organisation,
            fold(row.contact.organisation),
            *name(row),
        ),
        "status": lambda row: (_STAGE[row.contact.status], -row.score.points, *name(row)),
    }
    if by not in keys:
        raise ValueError(f"cannot sort by {by!r}: use one of {', '.join(keys)}")
    return sorted(rows, key=keys[by])


def reasons_html(score: ContactScore) -> str:
    """A score's reasons as a list, each with its points."""
    items = "".join(
        f"<li>{_points(reason.points)}: {html_text(reason.text)}</li>" for reason in score.reasons
    )
    return f"<ul>{items}</ul>" if items else ""


def contacts_table_html(rows: Sequence[ScoredContact], sorted_by: str) -> str:
    """The contacts as a table, every piece of student text escaped and shown in full.

    Long names, organisations and reasons wrap in their cells; a table too wide
    for the page scrolls sideways in its box.
    """
    if not rows:
        return (
            "<p>No contacts yet. Use the questions above to think of people, then add them "
            "with the form.</p>"
        )
    body = []
    for row in rows:
        contact = row.contact
        body.append(
            "<tr>"
            f"<td><b>{row.score.points}</b></td>"
            f"<th scope='row' style='{_LONG_TEXT_CELL}'>{html_text(contact.name)}</th>"
            f"<td>{escape(contact.category.label)}</td>"
            f"<td style='{_LONG_TEXT_CELL}'>{html_text(contact.organisation)}</td>"
            f"<td style='{_LONG_TEXT_CELL}'>{html_text(contact.role)}</td>"
            f"<td>{escape(contact.priority.label)}</td>"
            f"<td>{escape(contact.status.label)}</td>"
            f"<td>{reasons_html(row.score)}</td>"
            "</tr>"
        )
    label = {key: text for text, key in SORT_CHOICES}[sorted_by]
    count = f"{len(rows)} contact{'' if len(rows) == 1 else 's'}"
    return readable(
        "<table class='infoview-actions infoview-contacts'>"
        f"<caption>Your {count}, sorted by {escape(label.lower())}</caption>"
        "<thead><tr><th>Score</th><th>Name</th><th>Where from</th><th>Organisation</th>"
        "<th>Role</th><th>Your priority</th><th>Status</th><th>Why this score</th></tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


class ContactTable:
    """Every contact with its score and reasons, sorted as the student chooses."""

    def __init__(self) -> None:
        self.rows: list[ScoredContact] = []
        self.sort = widgets.Dropdown(
            options=list(SORT_CHOICES),
            value="score",
            description="Sort by",
            style=LABEL_STYLE,
            layout=widgets.Layout(width=WIDTH),
        )
        self.sort.observe(lambda _: self.render(), names="value")
        self.duplicates = widgets.HTML()
        self.table = widgets.HTML()
        self.view = widgets.VBox([self.sort, self.duplicates, self.table])
        self.render()

    def show(self, contacts: Sequence[Contact], profile: StudentProfile) -> None:
        """Score the contacts and show them, with any that look entered twice."""
        self.rows = scored_contacts(contacts, profile)
        findings = duplicate_findings(contacts)
        self.duplicates.value = (
            readable(f"<p><b>Possible duplicates in your list:</b></p>{findings_html(findings)}")
            if findings
            else ""
        )
        self.render()

    def render(self) -> None:
        """Show the table in the chosen order."""
        rows = sort_contacts(self.rows, self.sort.value)
        self.table.value = contacts_table_html(rows, self.sort.value)


# -- the outreach order ------------------------------------------------------------------


def _who(contact: Contact) -> str:
    where = f", {html_text(contact.organisation)}" if contact.organisation else ""
    return f"<b>{html_text(contact.name)}</b>{where}"


def _start_now_html(entry: PlanEntry) -> str:
    points = entry.score.points
    return f"<li>{_who(entry.contact)}: score {points}{reasons_html(entry.score)}</li>"


def outreach_html(plan: OutreachPlan, in_play: int = 0) -> str:
    """Whom to write to now, best first, and who waits and why.

    ``in_play`` counts the contacts already written to or with a meeting planned.
    """
    parts = []
    if in_play:
        parts.append(
            f"<p>You already have {in_play} contact{'' if in_play == 1 else 's'} in play "
            "(written to, or with a meeting planned); they count toward the limits below.</p>"
        )
    if not plan.start_now and not plan.later:
        parts.append(
            "<p>Nobody on your list is waiting for a first message: add contacts above, or "
            "set a contact's status back to “Identified” if you have not written yet.</p>"
        )
        return readable("".join(parts))
    if plan.start_now:
        items = "".join(_start_now_html(entry) for entry in plan.start_now)
        parts.append(f"<h4>Start now ({len(plan.start_now)}), best first</h4><ol>{items}</ol>")
    else:
        parts.append("<h4>Start now</h4><p>Nobody yet: see why each contact waits, below.</p>")
    if plan.later:
        items = "".join(
            f"<li>{_who(entry.contact)}: {html_text(entry.wait_reason)}</li>"
            for entry in plan.later
        )
        parts.append(f"<h4>Later ({len(plan.later)})</h4><ul>{items}</ul>")
    return readable("".join(parts))


class OutreachOrder:
    """The suggested order of first messages: who to start with now, who waits and why."""

    def __init__(self) -> None:
        self.view = widgets.HTML()

    def show(self, contacts: Sequence[Contact], profile: StudentProfile) -> None:
        """Plan the order for these contacts."""
        in_play = sum(contact.status in IN_PLAY for contact in contacts)
        self.view.value = outreach_html(outreach_order(contacts, profile), in_play)


# -- the page ----------------------------------------------------------------------------


class PickContacts(Page):
    """The notebook's page: brainstorm, the contact form, the table and the outreach order.

    ``path`` and ``today`` default to the notebooks' workbook and day (see
    :mod:`infoview_lib.ui.session`); nothing on this page depends on the day yet.
    """

    def __init__(self, path: Path | None = None, today: date | None = None) -> None:
        super().__init__(path, today)
        self.message = widgets.HTML()
        self.brainstorm = BrainstormPanel()
        self.form = ContactForm(self.path, on_change=self.refresh)
        self.table = ContactTable()
        self.order = OutreachOrder()
        self.refresh_button = widgets.Button(description="Reload from the workbook")
        self.refresh_button.on_click(lambda _: self.refresh())

        def heading(title: str, advice: str) -> widgets.HTML:
            return widgets.HTML(f"<h3>{title}</h3><p>{advice}</p>")

        self.view = widgets.VBox(
            [
                style(),
                self.message,
                heading(
                    "1. Brainstorm: who could you talk to?",
                    "Open each group and answer its questions with names. Aim for a few "
                    "people in several groups.",
                ),
                self.brainstorm.view,
                heading(
                    "2. Add and edit your contacts",
                    "Only the name is needed; the more you add, the better the advice below. "
                    "Nothing is saved until you click the button.",
                ),
                self.form.view,
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
    "BrainstormPanel",
    "ContactForm",
    "ContactTable",
    "OutreachOrder",
    "PickContacts",
    "ScoredContact",
    "brainstorm_html",
    "contacts_table_html",
    "outreach_html",
    "pick_contacts",
    "scored_contacts",
    "sort_contacts",
]
