"""Fields and labels the pages share: a record's field as its record declares it, a contact
and a meeting as a list shows them, a drop-down of records to pick from, a date picker, and
a day and a time of day read into a moment, with problems named by field, worded the same
on every page."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from typing import Any

import ipywidgets as widgets

from infoview_lib.model import Choice, Contact, Meeting, Problem
from infoview_lib.model.labels import Label
from infoview_lib.ui.components import (
    LABEL_STYLE,
    NOTHING,
    WIDTH,
    Field,
    choice_field,
    picked,
    text_field,
)

_CLOCK = re.compile(
    r"^\s*(\d{1,2})(?:\s*[:.h]\s*(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?\s*$", re.IGNORECASE
)
TIME_HELP = "write it like 14:30 (24-hour clock) or 2:30 pm."
#: What an empty time box shows.
TIME_EXAMPLE = "e.g. 14:30 or 2:30 pm"


def label_field(
    name: str, label: Label, value: Any = "", *, options: Iterable[tuple[str, Any]] | None = None
) -> Field:
    """The input for the field ``name`` as its record declares it in ``label``.

    A field with choices is a drop-down: of ``options`` where the page gives them (the
    student's contacts, or values of its own), else of the declared words, else of
    every choice of ``value``'s kind by its label. Any other field is a text box, on
    one line or several, showing the declared example while it is empty.

    >>> from infoview_lib.model import Meeting, MeetingFormat
    >>> from infoview_lib.model.labels import labels
    >>> kind = label_field("format", labels(Meeting)["format"], MeetingFormat.COFFEE).widget
    >>> kind.description, kind.options[1][0]
    ('Kind of meeting', 'Video call')
    >>> label_field("place", labels(Meeting)["place"]).widget.placeholder
    'e.g. Riverside Café, or the video link'
    """
    if options is None and label.choices:
        options = [(words, choice) for choice, words in label.choices]
    elif options is None and isinstance(value, Choice):
        options = [(choice.label, choice) for choice in type(value)]
    if options is not None:
        return choice_field(name, label.text, options, value)
    return text_field(name, label.text, value, multiline=label.multiline, placeholder=label.example)


def time_field(name: str, label: str) -> Field:
    """A labelled box for a time of day, as :func:`read_moment` reads it."""
    return text_field(name, label, placeholder=TIME_EXAMPLE)


def parse_time(text: str) -> time | None:
    """A time of day typed as 14:30, 9.05, 2:30 pm or 2pm; ``None`` if it is not one.

    >>> parse_time("14:30"), parse_time(" 2:30 pm "), parse_time("12am")
    (datetime.time(14, 30), datetime.time(14, 30), datetime.time(0, 0))
    >>> parse_time("25:00"), parse_time("14"), parse_time("soon")
    (None, None, None)
    """
    match = _CLOCK.match(text)
    if match is None:
        return None
    hour, minute = int(match[1]), int(match[2] or 0)
    half = (match[3] or "").replace(".", "").casefold()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    elif match[2] is None:
        return None  # "14" alone could be a day, a time or minutes: ask for 14:00
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def read_moment(
    day: date | None, clock: str, *, day_field: str, time_field: str
) -> tuple[datetime | None, list[Problem]]:
    """The day from a date picker and the time as typed, or what is wrong with them.

    >>> read_moment(date(2026, 3, 17), "2pm", day_field="day", time_field="time")
    (datetime.datetime(2026, 3, 17, 14, 0), [])
    >>> [p.field for p in read_moment(None, "noon", day_field="day", time_field="time")[1]]
    ['day', 'time']
    """
    problems = []
    if day is None:
        problems.append(Problem(day_field, "Day is empty: pick the day you will meet."))
    if not clock.strip():
        problems.append(
            Problem(time_field, f"Time is empty: write the time you will meet; {TIME_HELP}")
        )
        at = None
    else:
        at = parse_time(clock)
        if at is None:
            shown = clock.strip()[:20]
            problems.append(
                Problem(time_field, f'Time "{shown}" is not a time of day: {TIME_HELP}')
            )
    if day is None or at is None:
        return None, problems
    return datetime.combine(day, at), problems


#: The first entry of a contact list, before one is picked.
PICK_CONTACT = "Pick a contact"
#: What a page with a contact list says while the workbook has no contacts.
NO_CONTACTS = (
    "You have no contacts yet: add the people you could talk to in notebook 01 "
    "(Pick contacts), then click Reload my contacts."
)


def contact_label(contact: Contact, *, stage: bool = True) -> str:
    """How a contact is listed: name, organisation if known, and (``stage``) its stage.

    >>> wei = Contact(name="Wei Ng", organisation="Helix")
    >>> contact_label(wei), contact_label(wei, stage=False), contact_label(Contact(name="Al"))
    ('Wei Ng (Helix), identified', 'Wei Ng (Helix)', 'Al, identified')
    """
    where = f"{contact.name} ({contact.organisation})" if contact.organisation else contact.name
    return f"{where}, {contact.status.label.lower()}" if stage else where


def picker(label: str, first: str) -> widgets.Dropdown:
    """A labelled drop-down of records that offers only ``first`` (standing for none
    picked) until the page lists them."""
    dropdown: widgets.Dropdown = choice_field("picked", label, [(first, NOTHING)], NOTHING).widget
    return dropdown


def picked_id(dropdown: widgets.Dropdown) -> int | None:
    """The id of the record picked in a drop-down of records, or ``None`` for its first
    entry."""
    chosen: int | None = picked(dropdown.value)
    return chosen


def meeting_label(meeting: Meeting, names: Mapping[int, str] | None = None) -> str:
    """A meeting as a line in a list: when, and what became of it; led by whom it is with,
    from ``names``, in a list of several contacts' meetings, or without ``names``, in a
    list of one contact's meetings, with how long it is planned to last.

    >>> planned = Meeting(contact_id=1, starts_at=datetime(2026, 3, 5, 14, 30))
    >>> meeting_label(planned, {1: "Wei Ng"}), meeting_label(planned, {})
    ('Wei Ng: Thu 05 Mar 2026, 14:30 (scheduled)', 'someone: Thu 05 Mar 2026, 14:30 (scheduled)')
    >>> meeting_label(planned)
    'Thu 5 Mar 2026, 14:30, 30 minutes (scheduled)'
    """
    status = meeting.status.label.lower()
    starts = meeting.starts_at
    if names is None:
        return (
            f"{starts:%a} {starts.day} {starts:%b %Y, %H:%M}, "
            f"{meeting.planned_minutes} minutes ({status})"
        )
    return f"{names.get(meeting.contact_id, 'someone')}: {starts:%a %d %b %Y, %H:%M} ({status})"


def date_field(name: str, label: str, value: date | None = None) -> Field:
    """A labelled date picker."""
    picker = widgets.DatePicker(
        value=value, description=label, style=LABEL_STYLE, layout=widgets.Layout(width=WIDTH)
    )
    return Field(name, picker)
