"""The workbook as tables a person reads: one sheet per kind of record, readable headers.

Each record table becomes a :class:`Sheet`: a row per record in the order of its number,
with the record's number first and a column per field, headed by the field's label (as
the forms show it, see :mod:`infoview_lib.model.labels`). A link to another record
shows who or what it is (a contact's name, a meeting's contact and time) beside its
number; a choice shows its words; a list shows one entry per line; dates stay dates.
Nothing here depends on the day it is run.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from infoview_lib.exports.records import records_of
from infoview_lib.model import Choice, Contact, Meeting, Record
from infoview_lib.model.labels import field_name, labels
from infoview_lib.store import Workbook
from infoview_lib.store.tables import RECORD_TABLES, Link, Table

#: A cell's value: text, a whole number, a day, a day and time, or nothing.
Cell = str | int | date | datetime | None

#: The header of the column holding each record's number.
NUMBER = "No."


@dataclass(frozen=True)
class Sheet:
    """One kind of record as a table: its name, its file name, headers and rows."""

    title: str  # "Research notes": the XLSX sheet's name
    file_stem: str  # "research-notes": the CSV file's name without ".csv"
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def sheets(book: Workbook) -> list[Sheet]:
    """Every record table of ``book`` as a sheet, read as of one moment."""
    with book.snapshot():
        records = {table.name: records_of(book, table) for table in RECORD_TABLES}
    titles = _titles(records)
    return [_sheet(table, records[table.name], titles) for table in RECORD_TABLES]


def _number(record: Record) -> int:
    return record.id or 0


def _titles(records: Mapping[str, Sequence[Record]]) -> dict[type[Record], dict[int, str]]:
    """What a link shows for each contact and meeting: who, and when."""
    contacts = {_number(c): c.name for c in records["contacts"] if isinstance(c, Contact)}
    meetings = {
        _number(m): f"{contacts.get(m.contact_id, '')}, {m.starts_at:%Y-%m-%d %H:%M}"
        for m in records["meetings"]
        if isinstance(m, Meeting)
    }
    return {Contact: contacts, Meeting: meetings}


def _sheet(
    table: Table, records: Sequence[Record], titles: Mapping[type[Record], Mapping[int, str]]
) -> Sheet:
    links = {link.column: link for link in table.links}
    headers: list[str] = [NUMBER]
    for column in table.columns:
        name = field_name(table.record, column)
        headers += [name, f"{name} ({NUMBER})"] if column in links else [name]
    rows = []
    for record in records:
        row: list[Cell] = [record.id]
        for column in table.columns:
            value = getattr(record, column)
            if column in links:
                row += [_linked(links[column], value, titles), value]
            else:
                row.append(_cell(table, column, value))
        rows.append(tuple(row))
    plural = table.noun[1]
    return Sheet(plural.capitalize(), plural.replace(" ", "-"), tuple(headers), tuple(rows))


def _linked(
    link: Link, value: int | None, titles: Mapping[type[Record], Mapping[int, str]]
) -> Cell:
    if value is None:
        return None
    return titles.get(link.target, {}).get(value, "")


def _cell(table: Table, column: str, value: Any) -> Cell:
    """A field's value as a cell: a choice's words, a list one entry per line."""
    declared = labels(table.record).get(column)
    words: dict[Any, str] = dict(declared.choices) if declared else {}
    if value in words and (value is None or isinstance(value, bool | Choice)):
        return words[value]
    if isinstance(value, Choice):
        return value.label
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, tuple):
        return "\n".join(str(item) for item in value)
    if value is None or isinstance(value, str | int | date):
        return value
    raise TypeError(f"{table.name}.{column} holds {value!r}, which no cell can show")


__all__ = ["NUMBER", "Cell", "Sheet", "sheets"]
