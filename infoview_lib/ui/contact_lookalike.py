"""Whether a contact being typed looks like one already saved: what is typed so far, read
as a contact the duplicate check can compare, and its warning as the form shows it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from infoview_lib.coach.duplicates import new_contact_findings
from infoview_lib.model import Contact, InvalidRecord
from infoview_lib.ui.components import findings_html, readable

#: The fields the duplicate check compares.
IDENTITY = ("name", "organisation", "email", "linkedin_url")
#: Stand-in name for the duplicate check while the name box is still empty.
_NO_NAME = "(no name yet)"


def lookalike(values: Mapping[str, Any], contact_id: int | None) -> Contact | None:
    """What is typed so far, as a contact the duplicate check can compare.

    Parts not finished yet (half an email address) are left out rather than
    stopping the check; an empty name is stood in for.

    >>> typed = {"name": " ", "organisation": "Helix", "email": "wei@", "linkedin_url": ""}
    >>> found = lookalike(typed, 3)
    >>> found.id, found.name, found.organisation, found.email
    (3, '(no name yet)', 'Helix', '')
    """
    known: dict[str, Any] = {name: values[name] for name in IDENTITY}
    if not str(known["name"]).strip():
        known["name"] = _NO_NAME
    for _ in range(2):
        try:
            return Contact(id=contact_id, **known)
        except InvalidRecord as error:
            for name in error.fields:
                known[name] = _NO_NAME if name == "name" else ""
    return None


def lookalike_html(
    values: Mapping[str, Any], contact_id: int | None, contacts: Sequence[Contact]
) -> str:
    """The warning that what is typed (for the contact ``contact_id``, or someone new)
    looks like one of ``contacts``; empty when it does not."""
    candidate = lookalike(values, contact_id)
    findings = () if candidate is None else new_contact_findings(candidate, contacts)
    if not findings:
        return ""
    return readable(
        "<p><b>Is this someone you already have?</b> You can still save; this is "
        f"only a suggestion.</p>{findings_html(findings)}"
    )
