"""Research notes: what the student found out before a meeting, about the person or about
their organisation."""

from __future__ import annotations

from infoview_lib.model import Contact, InvalidRecord, Problem, ResearchNote
from infoview_lib.store import Workbook


def add_research_note(
    book: Workbook,
    contact_id: int,
    *,
    about_person: bool,
    topic: str,
    text: str,
    source_url: str = "",
) -> ResearchNote:
    """Save a note about the contact (``about_person``) or about their organisation; one
    about an organisation the workbook does not know is refused, by the ``about`` field."""
    contact = book.get(Contact, contact_id)
    if not about_person and not contact.organisation:
        raise InvalidRecord(
            "ResearchNote",
            [
                Problem(
                    "about",
                    f"{contact.name} has no organisation in your workbook: add it in "
                    "notebook 01, or choose this person.",
                )
            ],
        )
    note = ResearchNote(
        contact_id=contact_id if about_person else None,
        organisation=contact.organisation,
        topic=topic,
        text=text,
        source_url=source_url,
    )
    return book.add(note)
