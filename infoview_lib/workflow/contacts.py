"""Contacts: add one, change what the student knows of them, delete one with what belongs
to them; and a contact's place in the pipeline, moved forward by the steps that reach it.

>>> import tempfile, pathlib
>>> from infoview_lib.model import StudentProfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> with Workbook.create(folder / "ana.infoview", StudentProfile(name="Ana Lima")) as book:
...     wei = add_contact(book, Contact(name="Wei Ng"))
...     edit_contact(book, wei.id, {"organisation": "Helix"}).organisation
'Helix'
"""

from __future__ import annotations

from collections.abc import Mapping

from infoview_lib.model import Contact, PipelineStatus
from infoview_lib.store import Deletion, Workbook


def add_contact(book: Workbook, contact: Contact) -> Contact:
    """Save a new contact; the record has checked its fields when it was built."""
    return book.add(contact)


def edit_contact(book: Workbook, contact_id: int, changes: Mapping[str, object]) -> Contact:
    """Save ``changes`` to a contact's fields (others stay as saved), checked as a whole
    record; with no change, the contact as it is."""
    if not changes:
        return book.get(Contact, contact_id)
    return book.edit(Contact, contact_id, **changes)


def delete_contact(book: Workbook, contact_id: int) -> Deletion:
    """Delete a contact and what belongs to them (messages, meetings...); records that only
    mention them (a contact they referred) stay, without the link. Returns what went."""
    return book.delete(Contact, contact_id)


def advance_contact(book: Workbook, contact_id: int, stage: PipelineStatus) -> bool:
    """Move a contact forward to ``stage``, never back nor off a side track; whether it moved."""
    pipeline = PipelineStatus.pipeline()
    current = book.get(Contact, contact_id).status
    if current in pipeline and pipeline.index(current) < pipeline.index(stage):
        book.edit(Contact, contact_id, status=stage)
        return True
    return False
