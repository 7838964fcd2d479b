"""Contacts from LinkedIn: a preview first (new, already in the workbook, skipped and
why), then the ones the student picked, saved in one transaction.

"Already in the workbook" follows the duplicate rules of
:mod:`infoview_lib.coach.duplicates` (same email, same LinkedIn profile, or same name and
organisation), looked up in an index so 5,000 rows are matched at once. A row that is the
same person as an earlier row of the file is skipped. :func:`import_contacts` checks
again inside its transaction, so importing the same file twice adds nothing.

>>> import tempfile, pathlib
>>> from datetime import date
>>> from infoview_lib.imports import parse_connections
>>> from infoview_lib.model import StudentProfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> rows = parse_connections(b"First Name,Last Name,Company\\nWei,Ng,Helix\\n")
>>> with Workbook.create(folder / "ana.infoview", StudentProfile(name="Ana Lima")) as book:
...     preview = preview_linkedin(book, rows)
...     first = import_contacts(book, preview.new, as_of=date(2026, 3, 16))
...     again = import_contacts(book, preview_linkedin(book, rows).new, as_of=date(2026, 3, 16))
>>> preview.counts(), len(first.added), len(again.added)
({'new': 1, 'already in the workbook': 0, 'skipped': 0}, 1, 0)
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from infoview_lib.coach.contact_rules import KINDS, contact_rules
from infoview_lib.coach.duplicates import linkedin_key, name_key, organisation_key
from infoview_lib.imports import Connection, ConnectionsFile, SkippedRow, as_contact
from infoview_lib.model import Contact, ContactCategory, InvalidRecord
from infoview_lib.store import Workbook

#: Why a row is left out when an earlier row of the file is the same person.
TWICE = "the same person as line {line} of the file"

T = TypeVar("T")
#: A contact's keys for the duplicate rules, by kind of match, strongest first.
Keys = dict[str, str]


@dataclass(frozen=True, slots=True)
class NewContact:
    """A connection not in the workbook yet: the contact it would be (category as the
    preview's default), the row it comes from, and what was left out of it and why."""

    contact: Contact
    row: Connection
    dropped: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AlreadyThere:
    """A connection the workbook already has, by the duplicate rules, and why."""

    row: Connection
    existing: Contact
    reason: str


@dataclass(frozen=True, slots=True)
class ImportPreview:
    """What importing a file would do: the new contacts, those already in the workbook,
    and the rows skipped with their reasons. Nothing is written to show it."""

    new: tuple[NewContact, ...]
    present: tuple[AlreadyThere, ...]
    skipped: tuple[SkippedRow, ...]

    def counts(self) -> dict[str, int]:
        """How many rows are new, already in the workbook, and skipped."""
        return {
            "new": len(self.new),
            "already in the workbook": len(self.present),
            "skipped": len(self.skipped),
        }

    def skipped_reasons(self) -> list[tuple[str, int]]:
        """Each reason rows were skipped for, and how many, the most common first (rows
        that repeat an earlier one of the file count as one reason)."""
        counted = Counter(
            "the same person as an earlier row of the file"
            if row.reason.startswith(TWICE.split("{", 1)[0])
            else row.reason
            for row in self.skipped
        )
        return counted.most_common()


@dataclass(frozen=True, slots=True)
class Imported:
    """What :func:`import_contacts` saved, and how many were found already there."""

    added: tuple[Contact, ...]
    already_present: int


class _Index(Generic[T]):
    """Items by each kind of key the duplicate rules compare on their contacts."""

    def __init__(self) -> None:
        self._by: dict[tuple[str, str], T] = {}
        self._reasons = contact_rules().duplicates.reasons

    def add(self, keys: Keys, item: T) -> None:
        """Find ``item`` by ``keys`` from now on (the first item added keeps a key)."""
        for kind, key in keys.items():
            if key:
                self._by.setdefault((kind, key), item)

    def match(self, keys: Keys) -> tuple[T, str] | None:
        """The first item with one of ``keys``, and why (the strongest kind of match)."""
        for kind, key in keys.items():
            found = self._by.get((kind, key)) if key else None
            if found is not None:
                return found, self._reasons[kind]
        return None


def _saved(contacts: Iterable[Contact]) -> _Index[Contact]:
    index: _Index[Contact] = _Index()
    for contact in contacts:
        index.add(keys(contact), contact)
    return index


def keys(contact: Contact) -> Keys:
    """What the duplicate rules compare, by kind, strongest first; empty ones never match."""
    person = name_key(contact.name)
    found = {
        "email": contact.email.strip().casefold(),
        "linkedin": linkedin_key(contact.linkedin_url),
        "name": f"{person}@{organisation_key(contact.organisation)}" if person else "",
    }
    return {kind: found[kind] for kind in KINDS}


def preview_linkedin(
    book: Workbook,
    rows: ConnectionsFile,
    *,
    category: ContactCategory | str = ContactCategory.OTHER,
) -> ImportPreview:
    """What importing ``rows`` into ``book`` would do; new contacts get ``category``."""
    index = _saved(book.all(Contact))
    rows_seen: _Index[Connection] = _Index()
    new: list[NewContact] = []
    present: list[AlreadyThere] = []
    skipped = list(rows.skipped)
    for row in rows.connections:
        try:
            contact, dropped = as_contact(row, category)
        except InvalidRecord as error:
            skipped.append(SkippedRow(row.line, _first_problem(error), row.name))
            continue
        found_keys = keys(contact)
        found = index.match(found_keys)
        if found is not None:
            present.append(AlreadyThere(row, found[0], found[1]))
            continue
        earlier = rows_seen.match(found_keys)
        if earlier is not None:
            skipped.append(SkippedRow(row.line, TWICE.format(line=earlier[0].line), row.name))
            continue
        rows_seen.add(found_keys, row)
        new.append(NewContact(contact, row, dropped))
    skipped.sort(key=lambda item: item.line)
    return ImportPreview(tuple(new), tuple(present), tuple(skipped))


def _first_problem(error: InvalidRecord) -> str:
    message = error.problems[0].message if error.problems else str(error)
    return message[:1].lower() + message[1:].rstrip(".")


def import_contacts(
    book: Workbook,
    chosen: Sequence[NewContact],
    *,
    category: ContactCategory | str | None = None,
    categories: Mapping[int, ContactCategory | str] | None = None,
    as_of: date,
) -> Imported:
    """Save the ``chosen`` new contacts, all in one transaction, or none.

    Each gets ``categories[row.line]`` if given, else ``category`` if given, else the
    category of its preview. Their notes say they came from LinkedIn on ``as_of``. A
    contact the workbook has by now (the same file imported twice, another window) is
    not added again.
    """
    note = f"Imported from your LinkedIn connections on {as_of.day} {as_of:%B %Y}."
    added: list[Contact] = []
    with book.transaction():
        index = _saved(book.all(Contact))
        for item in chosen:
            picked = (categories or {}).get(item.row.line, category)
            contact = dataclasses.replace(
                item.contact,
                category=item.contact.category if picked is None else ContactCategory.parse(picked),
                notes=note,
            )
            contact_keys = keys(contact)
            if index.match(contact_keys) is not None:
                continue
            saved = book.add(contact)
            index.add(contact_keys, saved)
            added.append(saved)
    return Imported(tuple(added), len(chosen) - len(added))
