"""How each record's fields are shown in a form and named in messages, declared once next to
each field (in the field's metadata), so a form, its blank values and its wording come from the
record.

>>> from dataclasses import dataclass, field
>>> @dataclass(kw_only=True)
... class Note:
...     topic: str = field(default="", metadata=label("Topic", example="e.g. their first job"))
...     count: int = 0
>>> labels(Note)["topic"].text, field_name(Note, "topic"), field_name(Note, "count")
('Topic', 'Topic', 'Count')
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

#: The key of a field's :class:`Label` in its metadata.
LABEL = "label"

#: How messages name the fields that no form shows under a label of their own.
_WORDS = {
    "linkedin_url": "LinkedIn URL",
    "source_url": "Source URL",
    "due_on": "Due date",
    "done_on": "Done date",
    "starts_at": "Date and time",
    "contact_id": "Contact",
    "meeting_id": "Meeting",
    "referred_by": "Referred by",
    "status_reason": "Reason",
    "willing_to_keep_in_touch": "Willing to keep in touch",
}


@dataclass(frozen=True, slots=True)
class Label:
    """A field as a form shows it.

    ``text`` is its label; ``example`` what its empty box shows (an example value, or a
    hint of what to write); ``multiline`` whether its box holds several lines;
    ``choices`` the words shown for each option where they are not the option's own
    label; ``named`` how a message names the field where the label speaks to the
    student ("Your name") and a message may be read by someone else (an advisor).
    """

    text: str
    example: str = ""
    multiline: bool = False
    choices: tuple[tuple[Any, str], ...] = ()
    named: str = ""

    @property
    def name(self) -> str:
        """How a message names the field."""
        return self.named or self.text


def label(
    text: str,
    *,
    example: str = "",
    multiline: bool = False,
    choices: Mapping[Any, str] | None = None,
    named: str = "",
) -> dict[str, Label]:
    """A field's metadata with its form label: ``dataclasses.field(metadata=label(...))``."""
    options = tuple((choices or {}).items())
    return {LABEL: Label(text, example, multiline, options, named)}


def labels(record_type: type) -> dict[str, Label]:
    """The labelled fields of a record type, in the order they are declared."""
    return dict(_declared(record_type))


@functools.cache
def _declared(record_type: type) -> Mapping[str, Label]:
    return MappingProxyType(
        {
            item.name: item.metadata[LABEL]
            for item in dataclasses.fields(record_type)
            if LABEL in item.metadata
        }
    )


def field_name(record_type: type, field: str) -> str:
    """How messages name a field: by its declared label, else its name in plain words.

    >>> from infoview_lib.model import Contact, Outreach
    >>> field_name(Contact, "connection"), field_name(Outreach, "status")
    ('How you know them', 'Status')
    """
    found = _declared(record_type).get(field)
    if found is not None:
        return found.name
    return _WORDS.get(field, field.replace("_", " ").capitalize())


def blank_values(record_type: type) -> dict[str, Any]:
    """The labelled fields' values in a new record: their defaults (a required text: "")."""
    values = {}
    for item in dataclasses.fields(record_type):
        if LABEL in item.metadata:
            values[item.name] = "" if item.default is dataclasses.MISSING else item.default
    return values
