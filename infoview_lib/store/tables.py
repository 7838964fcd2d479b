"""How each record type maps to its table: columns, value encodings and links.

A column has the record field's name. Values are encoded by the field's type:
choices by their value, dates as ISO text, lists as JSON, yes/no as 0/1.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from functools import cached_property
from typing import Any, Literal

from infoview_lib.model import (
    Contact,
    FollowUp,
    InterviewLog,
    Meeting,
    Outreach,
    Question,
    Record,
    ResearchNote,
    StudentProfile,
)

Encode = Callable[[Any], object]
Decode = Callable[[Any], object]


@dataclass(frozen=True)
class Link:
    """A column that points at a record of another table."""

    column: str
    target: type[Record]
    on_delete: Literal["cascade", "set null"]


@dataclass(frozen=True)
class Table:
    """A record type's table."""

    name: str
    record: type[Record] | type[StudentProfile]
    noun: tuple[str, str]  # how a student counts them: ("message", "messages")
    links: tuple[Link, ...] = ()

    @cached_property
    def codecs(self) -> dict[str, tuple[Encode, Decode]]:
        """Each field's encoder and decoder, by the field's type."""
        hints = typing.get_type_hints(self.record)
        return {field.name: _codec(hints[field.name]) for field in dataclasses.fields(self.record)}

    @property
    def columns(self) -> tuple[str, ...]:
        """Every column but the id, in field order."""
        return tuple(name for name in self.codecs if name != "id")

    @cached_property
    def optional_integers(self) -> tuple[str, ...]:
        """Columns holding a whole number or nothing (links, years)."""
        hints = typing.get_type_hints(self.record)
        return tuple(name for name in self.columns if hints[name] == int | None)

    def to_row(self, record: object) -> dict[str, object]:
        """A record's values, encoded for SQLite."""
        return {name: encode(getattr(record, name)) for name, (encode, _) in self.codecs.items()}

    def encode(self, values: dict[str, object]) -> dict[str, object]:
        """Some field values, encoded for SQLite (for a ``WHERE`` clause)."""
        codecs = self.codecs
        return {
            name: None if value is None else codecs[name][0](value)
            for name, value in values.items()
        }

    def from_row(self, row: sqlite3.Row) -> Any:
        """A record rebuilt from a row of ``SELECT *``.

        Rows were checked when they were written, so they are not checked
        again: a rule made stricter in a later version must never make saved
        work unreadable.
        """
        codecs = self.codecs
        record = object.__new__(self.record)
        for key in row.keys():  # noqa: SIM118 (a Row iterates over values)
            object.__setattr__(record, key, codecs[key][1](row[key]))
        return record

    def count_words(self, count: int) -> str:
        """``count`` of this table's records, in words: "1 meeting", "3 meetings"."""
        return f"{count} {self.noun[0] if count == 1 else self.noun[1]}"


def _same(value: object) -> object:
    return value


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _to_list(value: str) -> tuple[str, ...]:
    return tuple(json.loads(value))


def _codec(hint: object) -> tuple[Encode, Decode]:
    """The encoder and decoder for one field's type hint."""
    options = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
    kind = next(option for option in options if option is not type(None))
    if isinstance(kind, type) and issubclass(kind, StrEnum):
        return str, kind
    if kind is datetime:
        return (lambda value: value.isoformat(timespec="minutes")), datetime.fromisoformat
    if kind is date:
        return _iso, (lambda value: None if value is None else date.fromisoformat(value))
    if typing.get_origin(kind) is tuple:
        return (lambda value: json.dumps(list(value), ensure_ascii=False)), _to_list
    if kind is bool:
        return (lambda value: None if value is None else int(value)), (
            lambda value: None if value is None else bool(value)
        )
    return _same, _same


PROFILE = Table("profile", StudentProfile, ("profile", "profiles"))
CONTACTS = Table(
    "contacts",
    Contact,
    ("contact", "contacts"),
    (Link("referred_by", Contact, "set null"),),
)
OUTREACH = Table(
    "outreach", Outreach, ("message", "messages"), (Link("contact_id", Contact, "cascade"),)
)
RESEARCH_NOTES = Table(
    "research_notes",
    ResearchNote,
    ("research note", "research notes"),
    (Link("contact_id", Contact, "cascade"),),
)
MEETINGS = Table(
    "meetings", Meeting, ("meeting", "meetings"), (Link("contact_id", Contact, "cascade"),)
)
QUESTIONS = Table(
    "questions", Question, ("question", "questions"), (Link("meeting_id", Meeting, "cascade"),)
)
INTERVIEW_LOGS = Table(
    "interview_logs",
    InterviewLog,
    ("interview log", "interview logs"),
    (Link("meeting_id", Meeting, "cascade"),),
)
FOLLOW_UPS = Table(
    "follow_ups", FollowUp, ("follow-up", "follow-ups"), (Link("contact_id", Contact, "cascade"),)
)

#: The record tables, parents before children.
RECORD_TABLES: tuple[Table, ...] = (
    CONTACTS,
    OUTREACH,
    RESEARCH_NOTES,
    MEETINGS,
    QUESTIONS,
    INTERVIEW_LOGS,
    FOLLOW_UPS,
)
_BY_RECORD = {table.record: table for table in RECORD_TABLES}


def table_for(record: type[object]) -> Table:
    """The table that holds a record type."""
    try:
        return _BY_RECORD[record]  # type: ignore[index]
    except KeyError:
        raise TypeError(f"{record.__name__} is not stored in its own table") from None


def table_named(name: str) -> Table:
    """A record table by its SQL name."""
    return next(table for table in RECORD_TABLES if table.name == name)


def children_of(record: type[object]) -> tuple[tuple[Table, Link], ...]:
    """The tables with a link to ``record``, and that link."""
    return tuple(
        (table, link) for table in RECORD_TABLES for link in table.links if link.target is record
    )
