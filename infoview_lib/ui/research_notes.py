"""The research panel of the questions page: what the student has found out about a contact
and their organisation, and a form to write down more, kept per contact until it is saved."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from infoview_lib.coach.text import fold
from infoview_lib.errors import InfoviewError
from infoview_lib.model import Contact, ResearchNote
from infoview_lib.model.labels import blank_values, labels
from infoview_lib.store import Workbook
from infoview_lib.ui.components import Form, Quiet, choice_field, html_text
from infoview_lib.ui.fields import label_field
from infoview_lib.ui.page import fill_for
from infoview_lib.workflow.research import add_research_note

#: The note form as it is before the student writes a note: "About" (the note's contact or
#: its organisation) picks this person.
_BLANK = {"about": "contact", **blank_values(ResearchNote)}


def notes_about(notes: Sequence[ResearchNote], contact: Contact) -> list[ResearchNote]:
    """The notes about this person, and those about their organisation."""
    organisation = fold(contact.organisation)
    return [
        note
        for note in notes
        if note.contact_id == contact.id
        or (note.contact_id is None and organisation and fold(note.organisation) == organisation)
    ]


def research_html(notes: Sequence[ResearchNote], contact: Contact) -> str:
    """What the student has found out, escaped; a source is a link only if it is a web page."""
    if not notes:
        return (
            "<p>Nothing written down yet. Look up their organisation, their field and their "
            "work, and write down what you find below, with where you found it.</p>"
        )
    items = []
    for note in notes:
        about = contact.name if note.contact_id == contact.id else contact.organisation
        topic = f" ({html_text(note.topic)})" if note.topic else ""
        source = ""
        if note.source_url.startswith(("https://", "http://")):
            href = escape(note.source_url, quote=True)
            source = (
                f'<br>Source: <a href="{href}" target="_blank" rel="noopener noreferrer">'
                f"{html_text(note.source_url)}</a>"
            )
        items.append(
            f"<li><b>About {html_text(about)}</b>{topic}: {html_text(note.text)}{source}</li>"
        )
    return f"<ul>{''.join(items)}</ul>"


class ResearchNotes:
    """The notes about one contact and their organisation, and the form that adds one.

    The page reads the notes and hands them to :meth:`show`; ``on_saved`` runs once a
    note is saved, so the page can read the contact's again.
    """

    def __init__(self, path: Path, quiet: Quiet, on_saved: Callable[[], None]) -> None:
        self.path = path
        self._quiet = quiet
        self._on_saved = on_saved
        self.contact: Contact | None = None
        self.notes = widgets.HTML()
        self.form = Form(
            [
                choice_field("about", "About", [("This person", "contact")], "contact"),
                *(label_field(name, label) for name, label in labels(ResearchNote).items()),
            ],
            self.save,
            save_label="Save this note",
            quiet=quiet,
        )
        self.form.keep_unsaved(path, "research note")
        self.view = widgets.VBox([widgets.HTML("<h3>Research</h3>"), self.notes, self.form.view])

    def show(self, contact: Contact, notes: Sequence[ResearchNote]) -> None:
        """Show what is written down about ``contact``, and name them and their organisation
        in the note's About list (what the student chose there stays chosen)."""
        self.contact = contact
        self.notes.value = research_html(notes, contact)
        about = self.form.fields["about"].widget
        organisation = contact.organisation or "their organisation (none saved yet)"
        chosen = about.value if about.value in ("contact", "organisation") else "contact"
        with self._quiet:
            about.options = [
                (f"{contact.name} (this person)", "contact"),
                (f"{organisation} (their organisation)", "organisation"),
            ]
            about.value = chosen

    def open(self, contact: Contact | None) -> None:
        """``contact`` was picked (or none): a clean form for them, with what was typed for
        them and not saved."""
        self.contact = contact
        for item in self.form.fields.values():
            item.show_error(None)
        self.form.status.value = ""
        if contact is not None:
            fill_for(self.form, _BLANK, f"contact:{contact.id}")

    def save(self, values: dict[str, Any]) -> str:
        """Save a research note about the contact or their organisation."""
        contact = self.contact
        if contact is None or contact.id is None:
            raise InfoviewError("Pick a contact first.")
        about_person = values["about"] == "contact"
        with Workbook.open(self.path) as book:
            add_research_note(
                book,
                contact.id,
                about_person=about_person,
                topic=values["topic"],
                text=values["text"],
                source_url=values["source_url"],
            )
        self._on_saved()
        self.form.set_values({"topic": "", "text": "", "source_url": ""})
        about = contact.name if about_person else contact.organisation
        return f"Your note about {about} is saved."
