"""How a record's fields are shown in a form, declared once next to each field (in the
field's metadata), so a form, its blank values and its wording come from the record.

>>> from dataclasses import dataclass, field
>>> @dataclass(kw_only=True)
... class Note:
...     topic: str = field(default="", metadata=label("Topic", example="e.g. their first job"))
...     count: int = 0
>>> labels(Note)
{'topic': Label(text='Topic', example='e.g. their first job', multiline=False)}
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

#: The key of a field's :class:`Label` in its metadata.
LABEL = "label"


@dataclass(frozen=True, slots=True)
class Label:
    """A field as a form shows it: its label, an example of a value, and whether its box
    holds several lines."""

    text: str
    example: str = ""
    multiline: bool = False


def label(text: str, *, example: str = "", multiline: bool = False) -> dict[str, Label]:
    """A field's metadata with its form label: ``dataclasses.field(metadata=label(...))``."""
    return {LABEL: Label(text, example, multiline)}


def labels(record_type: type) -> dict[str, Label]:
    """The labelled fields of a record type, in the order they are declared."""
    return {
        item.name: item.metadata[LABEL]
        for item in dataclasses.fields(record_type)
        if LABEL in item.metadata
    }


def blank_values(record_type: type) -> dict[str, Any]:
    """The labelled fields' values in a new record: their defaults (a required text: "")."""
    values = {}
    for item in dataclasses.fields(record_type):
        if LABEL in item.metadata:
            values[item.name] = "" if item.default is dataclasses.MISSING else item.default
    return values
