"""Where each value of a JSON document starts, so a refusal can name its line.

:func:`places` walks a document that ``json.loads`` has already read, noting the offset
of every value by its path (``("records", "contacts", 0, "email")``) and any key that
an object repeats (``json.loads`` would keep the last one silently).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

#: A value's path in a document: object keys and list indexes from the top.
Where = tuple[str | int, ...]

_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


@dataclass
class Places:
    """The offsets of a document's values, and the keys repeated within one object."""

    text: str
    offsets: dict[Where, int] = field(default_factory=dict)
    repeated: list[tuple[Where, int]] = field(default_factory=list)

    def line(self, where: Where) -> int:
        """The line (from 1) where the value at ``where``, or the nearest one holding it, starts.

        >>> places('{"a": [1,\\n 2]}').line(("a", 1))
        2
        """
        while where not in self.offsets and where:
            where = where[:-1]
        return line_at(self.text, self.offsets.get(where, 0))


def line_at(text: str, offset: int) -> int:
    """The line (from 1) of ``offset`` in ``text``."""
    return text.count("\n", 0, offset) + 1


def places(text: str) -> Places:
    """The places of every value of ``text``, a document ``json.loads`` accepts."""
    found = Places(text)
    _value(text, 0, (), found)
    return found


def _skip(text: str, offset: int) -> int:
    match = _SPACE.match(text, offset)
    assert match is not None  # the pattern matches the empty string
    return match.end()


def _value(text: str, offset: int, where: Where, found: Places) -> int:
    """Note the value at ``offset`` (and those inside it); returns where it ends."""
    offset = _skip(text, offset)
    found.offsets[where] = offset
    opening = text[offset]
    if opening not in "{[":
        _, end = _DECODER.raw_decode(text, offset)
        return end
    closing = "}" if opening == "{" else "]"
    offset = _skip(text, offset + 1)
    if text[offset] == closing:
        return offset + 1
    seen: set[str] = set()
    index = 0
    while True:
        offset = _skip(text, offset)
        if opening == "{":
            key_at = offset
            key, offset = _DECODER.raw_decode(text, offset)
            if key in seen:
                found.repeated.append(((*where, key), key_at))
            seen.add(key)
            offset = _skip(text, offset) + 1  # the colon
            offset = _value(text, offset, (*where, key), found)
        else:
            offset = _value(text, offset, (*where, index), found)
            index += 1
        offset = _skip(text, offset)
        if text[offset] == closing:
            return offset + 1
        offset += 1  # the comma
