"""A LinkedIn connection as an infoview contact: name, organisation, role, email, profile,
and how the student knows them ("Connected on LinkedIn on 30 May 2024").

The contact record has no field for the day a connection was made, so it is kept in "How
you know them" (``connection``), where the student sees how recent the tie is. A value
in the email column that is not an email address (a member URN such as
``urn:li:member:123``) is not stored as one, nor a URL that is not a LinkedIn profile.

>>> from infoview_lib.imports.linkedin import Connection
>>> row = Connection(line=5, first_name="Wei", last_name="Ng", email="urn:li:member:42",
...                  company="Helix", position="Analyst", connected_on=date(2024, 5, 30))
>>> contact, dropped = as_contact(row, "alumni")
>>> contact.name, contact.email, contact.connection, contact.status.value
('Wei Ng', '', 'Connected on LinkedIn on 30 May 2024', 'identified')
>>> dropped
("the email column's 'urn:li:member:42' is not an email address",)
"""

from __future__ import annotations

from datetime import date

from infoview_lib.imports.linkedin import Connection
from infoview_lib.model import Contact, ContactCategory, InvalidRecord, PipelineStatus

#: What each field left out is called in the reasons.
_DROPPED = {"email": "the email column's", "linkedin_url": "the URL column's"}
_WHAT = {"email": "an email address", "linkedin_url": "a LinkedIn profile address"}


def connection_text(connected_on: date | None) -> str:
    """How the student knows a LinkedIn connection, with the day when it is known.

    >>> connection_text(date(2018, 1, 8)), connection_text(None)
    ('Connected on LinkedIn on 8 January 2018', 'Connected on LinkedIn')
    """
    if connected_on is None:
        return "Connected on LinkedIn"
    return f"Connected on LinkedIn on {connected_on.day} {connected_on:%B %Y}"


def as_contact(
    row: Connection, category: ContactCategory | str = ContactCategory.OTHER
) -> tuple[Contact, tuple[str, ...]]:
    """``row`` as a new contact ("identified", in ``category``), and what was left out of
    it and why. Raises :class:`~infoview_lib.model.InvalidRecord` if the name itself
    cannot be a contact's (too long, hidden characters)."""
    values: dict[str, str] = {
        "email": row.email if "@" in row.email else "",
        "linkedin_url": row.url,
    }
    dropped = []
    if row.email and not values["email"]:
        dropped.append(f"{_DROPPED['email']} {row.email[:60]!r} is not {_WHAT['email']}")
    while True:  # each turn returns, raises, or empties a field that was not
        try:
            contact = Contact(
                name=row.name,
                category=ContactCategory.parse(category),
                organisation=row.company,
                role=row.position,
                connection=connection_text(row.connected_on),
                status=PipelineStatus.IDENTIFIED,
                email=values["email"],
                linkedin_url=values["linkedin_url"],
            )
        except InvalidRecord as error:
            wrong = [field for field in error.fields if values.get(field)]
            if not wrong or len(wrong) < len(error.fields):
                raise
            for field in wrong:
                dropped.append(f"{_DROPPED[field]} {values[field][:60]!r} is not {_WHAT[field]}")
                values[field] = ""
        else:
            return contact, tuple(dropped)
