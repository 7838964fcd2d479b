"""The kinds of value a coaching file holds, each read and checked with a plain message.

A kind reads one key of a section (:meth:`read`, given the section and its place) and
returns the value the checks use: a whole number in a range, wording using only its blanks,
a list of texts, a section with its own schema, lists of patterns, each rule's wording...
Schemas (:mod:`infoview_lib.coach.schema`) declare their fields with these; a module may
declare its own kind for a value only it has.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import Any, NamedTuple

from infoview_lib.coach.findings import CoachingDataError
from infoview_lib.coach.phrases import joined, lower_pattern
from infoview_lib.coach.rulebook import line_of
from infoview_lib.coach.schema import Place, only_blanks, only_known, read_section


class Whole(NamedTuple):
    """A whole number from ``low`` to ``high`` (``None``: no bound)."""

    low: int | None = None
    high: int | None = None

    def read(self, data: Mapping[str, Any], key: str, at: Place) -> int:
        value = data.get(key)
        low, high = self.low, self.high
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or (low is not None and value < low)
            or (high is not None and value > high)
        ):
            raise at.entry(data, key).error(
                f"{value!r} does not work here; it must be {self.describe()}."
            )
        return value

    def describe(self) -> str:
        """The numbers allowed, in words."""
        if self.low is not None and self.high is not None:
            return f"a whole number from {self.low} to {self.high}"
        if self.low is not None:
            return f"a whole number of {self.low} or more"
        return "a whole number"


class Text(NamedTuple):
    """Wording, using only ``blanks``; ``squash`` joins its lines into one."""

    blanks: tuple[str, ...] = ()
    squash: bool = False

    def read(self, data: Mapping[str, Any], key: str, at: Place) -> str:
        here = at.entry(data, key)
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            raise here.error(
                f"the wording is missing or empty: {key!r} must be some wording. Write it, or "
                "copy it back from the data folder that comes with infoview."
            )
        only_blanks(value, self.blanks, here)
        return " ".join(value.split()) if self.squash else value.strip()


class Wordings(NamedTuple):
    """One wording per name in ``blanks``, each using only its own blanks; no other names."""

    blanks: Mapping[str, tuple[str, ...]]
    squash: bool = False
    #: What each wording is for, in the README's words.
    meanings: Mapping[str, str] = MappingProxyType({})

    def read(self, data: Mapping[str, Any], key: str, at: Place) -> dict[str, str]:
        found = data.get(key)
        if not isinstance(found, dict):
            raise at.error(f"{key!r} is missing or is not a dict.")
        here = at.inside(key)
        only_known(found, self.blanks, here)
        return {
            name: Text(blanks, self.squash).read(found, name, here)
            for name, blanks in self.blanks.items()
        }


class TextList(NamedTuple):
    """A list of non-empty texts, at least ``fewest`` of them (``exactly``: that many)."""

    fewest: int = 0
    exactly: int | None = None

    def read(self, data: Mapping[str, Any], key: str, at: Place) -> tuple[str, ...]:
        values = data.get(key)
        if not isinstance(values, list):
            raise at.error(f"{key!r} is missing or is not a list.")
        here = at.entry(data, key)
        if not all(isinstance(value, str) and value.strip() for value in values):
            raise here.error(f"every entry of {key!r} must be non-empty text.")
        if self.exactly is not None and len(values) != self.exactly:
            raise at.error(f"{key!r} must list {self.exactly} names, in order.")
        if len(values) < self.fewest:
            raise here.error(f"{key!r} needs at least {self.fewest}.")
        return tuple(value.strip() for value in values)


class Section(NamedTuple):
    """A section holding the keys of its own ``schema``."""

    schema: type
    closed: bool = False

    def read(self, data: Mapping[str, Any], key: str, at: Place) -> Any:
        value = data.get(key)
        if not isinstance(value, dict):
            raise at.error(f"{key!r} is missing or is not a dict.")
        return read_section(self.schema, value, at.inside(key), closed=self.closed)


class OneOf(NamedTuple):
    """One of ``choices``, which the README and messages call a ``what`` (like "category")."""

    choices: tuple[str, ...]
    what: str

    def read(self, data: Mapping[str, Any], key: str, at: Place) -> str:
        return self.check(data.get(key), at)

    def describe(self) -> str:
        """The choices, in words."""
        return f"one of {', '.join(self.choices)}"

    def check(self, value: object, at: Place) -> str:
        """``value`` if it is one of the choices; an error at ``at`` if not."""
        if value not in self.choices:
            raise at.error(f"{value!r} is not a {self.what} ({', '.join(self.choices)}).")
        return str(value)


class Amount(NamedTuple):
    """A positive number: ``whole``, or a ``share`` of at most 1, or any."""

    whole: bool = True
    share: bool = False

    def read(self, data: Mapping[str, Any], key: str, at: Place) -> float:
        value = data.get(key)
        here = at.entry(data, key)
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise here.error(
                f"{value!r} does not work here; {here.dotted} must be a positive number."
            )
        if self.whole and value != int(value):
            raise here.error(f"{here.dotted} must be a whole number.")
        if self.share and value > 1:
            raise here.error(f"{here.dotted} is a share: write it from 0 to 1.")
        return float(value)

    def describe(self) -> str:
        """The numbers allowed, in words."""
        if self.share:
            return "a share, from 0 to 1"
        return "a whole number" if self.whole else "a positive number"


def below(at: Place, values: object, *pairs: tuple[str, str]) -> None:
    """Refuse a ``low`` limit that is not below its ``high`` one (in ``values``, a section).

    >>> from types import SimpleNamespace
    >>> below(Place("f"), SimpleNamespace(low=5, high=3), ("low", "high"))
    Traceback (most recent call last):
    ...
    infoview_lib.coach.findings.CoachingDataError: f: limits.low (5) must be below limits.high (3).
    """
    for low, high in pairs:
        least, most = getattr(values, low), getattr(values, high)
        if least >= most:
            raise CoachingDataError(
                f"{at.file}: limits.{low} ({least:g}) must be below limits.{high} ({most:g})."
            )


class PatternLists(dict[str, re.Pattern[str]]):
    """Each list of patterns joined into one; ``entries`` keeps each list's own patterns."""

    entries: dict[str, tuple[str, ...]]


class Patterns(NamedTuple):
    """Lists of regular expressions, one per name, each joined into one pattern."""

    names: tuple[str, ...]

    def read(self, data: Mapping[str, Any], key: str, at: Place) -> PatternLists:
        found = data.get(key)
        if not isinstance(found, dict):
            raise at.error(f"{key!r} is missing or is not a dict.")
        where = f"{at.file}, {key}"
        lists = PatternLists()
        lists.entries = {}
        for name in self.names:
            entries = TextList().read(found, name, at.inside(key))
            lowered = [lower_pattern(entry) for entry in entries]
            for entry, pattern in zip(entries, lowered, strict=True):
                _plain_pattern(entry, pattern, f"{where}: the pattern {entry!r} under {name!r}")
            lists[name] = joined(lowered)
            lists.entries[name] = tuple(lower_pattern(entry) for entry in found[name])
        return lists


def _plain_pattern(entry: str, pattern: str, where: str) -> None:
    """Refuse a pattern that is not valid, or that could not be joined with others."""
    try:
        compiled = re.compile(pattern)
    except re.error as error:
        raise CoachingDataError(f"{where} is not a valid regular expression ({error}).") from None
    if compiled.groupindex or re.search(r"\\[1-9]|\(\?[aiLmsux]", entry):
        raise CoachingDataError(
            f"{where} uses a named group, a back-reference or a flag, which these lists do "
            "not allow."
        )


class Items(NamedTuple):
    """A list of entries, each holding the keys of ``schema``; ``what`` names one."""

    schema: type
    what: str
    fewest: int = 1

    def read(self, data: Mapping[str, Any], key: str, at: Place) -> tuple[Any, ...]:
        found = data.get(key)
        if not isinstance(found, list):
            raise at.error(f"{key!r} is missing or is not a list.")
        if len(found) < self.fewest:
            raise at.error(f"{key!r} needs at least {self.fewest} {self.what}.")
        items: list[Any] = []
        for index, item in enumerate(found):
            here = at.labelled(f"{key} {self.what} {index + 1}", line_of(found, index))
            if not isinstance(item, dict):
                raise here.error(f"give each {self.what}'s keys.")
            items.append(read_section(self.schema, item, here))
        return tuple(items)


class Regex:
    """A regular expression, matched ignoring case."""

    def read(self, data: Mapping[str, Any], key: str, at: Place) -> re.Pattern[str]:
        text = data.get(key)
        here = at.entry(data, key)
        if not isinstance(text, str):
            raise here.error("the pattern must be text.")
        try:
            return re.compile(text, re.IGNORECASE)
        except re.error as error:
            raise here.error(f"{text!r} is not a valid pattern ({error}).") from None


class Words:
    """A list of words, each as YAML reads it (so ``on`` is read as True, as before)."""

    def read(self, data: Mapping[str, Any], key: str, at: Place) -> frozenset[str]:
        found = data.get(key)
        if not isinstance(found, list):
            raise at.error(f"{key!r} is missing or is not a list.")
        return frozenset(str(word) for word in found)


# -- in CSV files ------------------------------------------------------------------------------


class Cell(NamedTuple):
    """A CSV cell's text; ``required``: it may not be empty."""

    required: bool = True

    def read(self, data: Mapping[str, Any], key: str, at: Place) -> str:
        value = str(data.get(key) or "")
        if self.required and not value:
            raise at.error(f"the {key!r} column is empty; every row needs one.")
        return value


class Day(NamedTuple):
    """A day written year-month-day; ``why`` says what it is needed for."""

    why: str

    def read(self, data: Mapping[str, Any], key: str, at: Place) -> date:
        value = data.get(key)
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise at.error(
                f"{value!r} is not a date. Write it as year-month-day, like 2026-12-25, {self.why}."
            ) from None
