"""The coaching files' declared schemas, and the one loader that reads a file against its own.

A coaching file's schema is a frozen dataclass. Each of its fields is one key of the file,
declared with :func:`entry`: the kind of value it holds (a whole number in a range, wording
and the blanks it may use, a list of words, a section with its own schema...) and, in plain
words, what it means. :func:`load` reads a file against its schema and returns the
dataclass, or raises :class:`~infoview_lib.coach.findings.CoachingDataError` naming the
file, the line and the entry that is wrong. The data README's tables are made from the same
declarations (:mod:`infoview_lib.coach.readme`), so they cannot drift from what is read.

>>> from dataclasses import dataclass, field
>>> @dataclass(frozen=True)
... class Limits:
...     most: int = field(metadata=entry(Whole(1, 9), "the most there may be"))
>>> read_section(Limits, {"most": 3}, Place("example.yaml")).most
3
>>> read_section(Limits, {"most": 12}, Place("example.yaml")).most  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
infoview_lib.coach.findings.CoachingDataError: example.yaml, 'most': 12 does not work ...
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol, TypeVar

from infoview_lib.coach.findings import (
    CoachingDataError,
    Severity,
    Wording,
    check_limits,
    check_template,
    require_rules,
    rule_wording,
)
from infoview_lib.coach.phrases import joined, lower_pattern
from infoview_lib.coach.rulebook import line_of, loader, read_csv, read_yaml

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
S = TypeVar("S")


@dataclass(frozen=True, slots=True)
class Place:
    """Where an entry is: its file, the section it is in, its key and its line.

    >>> str(Place("follow-up.yaml", "timing", "thank_you_days", 11))
    "follow-up.yaml, line 11, timing 'thank_you_days'"
    """

    file: str
    section: str = ""
    key: str = ""
    line: int | None = None

    def __str__(self) -> str:
        head = f"{self.file}, line {self.line}" if self.line else self.file
        name = " ".join(part for part in (self.section, repr(self.key) if self.key else "") if part)
        return f"{head}, {name}" if name else head

    @property
    def dotted(self) -> str:
        """The entry's path, like ``limits.words_problem``."""
        return ".".join(part for part in (self.section, self.key) if part)

    def error(self, problem: str) -> CoachingDataError:
        """The error for ``problem`` with the entry here."""
        return CoachingDataError(f"{self}: {problem}")

    def entry(self, data: object, key: str) -> Place:
        """The place of ``key`` in the section here (``data``)."""
        return Place(self.file, self.dotted, str(key), line_of(data, key))

    def inside(self, key: str) -> Place:
        """The place of the section ``key`` in the section here, for the entries it holds."""
        return Place(self.file, _join(self.dotted, key))

    def labelled(self, label: str, line: int | None) -> Place:
        """A place named in words, like ``checklist item 2``."""
        return Place(self.file, label, "", line)


def _join(section: str, key: str) -> str:
    return f"{section}.{key}" if section else key


class Kind(Protocol[T_co]):
    """A kind of value a coaching file holds: how to read it and how the README names it."""

    def read(self, data: Mapping[str, Any], key: str, at: Place) -> T_co:
        """The value under ``key`` of the section ``data`` (which is at ``at``), checked."""
        ...


def entry(kind: Kind[Any], meaning: str = "", *, key: str | None = None) -> dict[str, Any]:
    """A schema field's metadata: the ``kind`` of value under its key, and what it means.

    ``key`` is the file's key when it is not the field's name. Declare a field as
    ``limit: int = field(metadata=entry(Whole(1, 9), "the most there may be"))``.
    """
    return {"kind": kind, "meaning": meaning, "key": key}


@dataclass(frozen=True, slots=True)
class Declared:
    """A schema field as the README lists it: its key in the file, kind and meaning."""

    name: str
    key: str
    kind: Kind[Any]
    meaning: str


def declared(schema: type[Any]) -> tuple[Declared, ...]:
    """The keys a schema declares, in order."""
    return tuple(
        Declared(
            found.name,
            found.metadata["key"] or found.name,
            found.metadata["kind"],
            found.metadata["meaning"],
        )
        for found in dataclasses.fields(schema)
        if "kind" in found.metadata
    )


def only_known(found: Iterable[object], names: Iterable[str], at: Place) -> None:
    """Refuse a key in ``found`` that is none of ``names`` (a misspelt key, say)."""
    names = tuple(names)
    unknown = [str(name) for name in found if name not in names]
    if unknown:
        raise at.error(
            f"{unknown[0]!r} is not a name the workbook uses; check its spelling. "
            f"The names are: {', '.join(names)}."
        )


def read_section(schema: type[S], data: Mapping[str, Any], at: Place, *, closed: bool = False) -> S:
    """``data`` read as ``schema``; ``closed``: refuse keys the schema does not declare.

    A schema may check what its entries mean together in a ``check(at)`` method.
    """
    keys = declared(schema)
    if closed:
        only_known(data, (found.key for found in keys), at)
    values = {found.name: found.kind.read(data, found.key, at) for found in keys}
    made = schema(**values)
    check = getattr(made, "check", None)
    if check is not None:
        check(at)
    return made


def load(schema: type[S], name: str, *, closed: bool = False) -> S:
    """The coaching YAML file ``name``, read and checked against ``schema``."""
    return read_section(schema, read_yaml(name), Place(name), closed=closed)


def schema_loader(schema: type[S], name: str, *, closed: bool = False) -> Callable[[], S]:
    """A function returning ``name`` read as ``schema``, once per data folder."""

    def build() -> S:
        return load(schema, name, closed=closed)

    build.__doc__ = f"``{name}`` read and checked, once per data folder."
    return loader(build)


# -- the kinds of value ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Whole:
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


@dataclass(frozen=True, slots=True)
class Text:
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


def only_blanks(template: str, blanks: Iterable[str], at: Place) -> tuple[str, ...]:
    """The blanks ``template`` uses; an error if one is not among ``blanks``."""
    allowed = tuple(blanks)
    used = check_template(template, str(at))
    stray = [blank for blank in used if blank not in allowed]
    if stray:
        usable = ", ".join("{" + blank + "}" for blank in allowed) or "none"
        raise at.error(
            f"{{{stray[0]}}} is not a blank the workbook can fill in here. "
            f"Blanks it can fill: {usable}."
        )
    return used


@dataclass(frozen=True, slots=True)
class Wordings:
    """One wording per name in ``blanks``, each using only its own blanks; no other names."""

    blanks: Mapping[str, tuple[str, ...]]
    squash: bool = False
    #: What each wording is for, in the README's words.
    meanings: Mapping[str, str] = dataclasses.field(default_factory=dict)

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


@dataclass(frozen=True, slots=True)
class TextList:
    """A list of non-empty texts, at least ``fewest`` of them (``count``: exactly)."""

    fewest: int = 0
    count: int | None = None

    def read(self, data: Mapping[str, Any], key: str, at: Place) -> tuple[str, ...]:
        values = data.get(key)
        if not isinstance(values, list):
            raise at.error(f"{key!r} is missing or is not a list.")
        here = at.entry(data, key)
        if not all(isinstance(value, str) and value.strip() for value in values):
            raise here.error(f"every entry of {key!r} must be non-empty text.")
        if self.count is not None and len(values) != self.count:
            raise at.error(f"{key!r} must list {self.count} names, in order.")
        if len(values) < self.fewest:
            raise here.error(f"{key!r} needs at least {self.fewest}.")
        return tuple(value.strip() for value in values)


@dataclass(frozen=True, slots=True)
class Section:
    """A section holding the keys of its own ``schema``."""

    schema: type
    closed: bool = False

    def read(self, data: Mapping[str, Any], key: str, at: Place) -> Any:
        value = data.get(key)
        if not isinstance(value, dict):
            raise at.error(f"{key!r} is missing or is not a dict.")
        return read_section(self.schema, value, at.inside(key), closed=self.closed)


@dataclass(frozen=True, slots=True)
class OneOf:
    """One of ``choices``, which the README and messages call a ``what`` (like "category")."""

    choices: tuple[str, ...]
    what: str

    def read(self, data: Mapping[str, Any], key: str, at: Place) -> str:
        return self.check(data.get(key), at)

    def check(self, value: object, at: Place) -> str:
        """``value`` if it is one of the choices; an error at ``at`` if not."""
        if value not in self.choices:
            raise at.error(f"{value!r} is not a {self.what} ({', '.join(self.choices)}).")
        return str(value)


@dataclass(frozen=True, slots=True)
class Amount:
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
    """Refuse a ``low`` limit that is not below its ``high`` one (in ``values``, a section)."""
    check_limits(
        {key: getattr(values, key) for pair in pairs for key in pair}, at.file, ordered_pairs=pairs
    )


class PatternLists(dict[str, re.Pattern[str]]):
    """Each list of patterns joined into one; ``entries`` keeps each list's own patterns."""

    entries: dict[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Patterns:
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


@dataclass(frozen=True, slots=True)
class RuleWording:
    """Each rule's wording, by outcome: a message and a suggestion, using only its blanks.

    ``rules`` are the outcomes each rule needs; ``blanks`` the blanks each may use.
    """

    rules: Mapping[str, tuple[Severity, ...]]
    blanks: Mapping[str, Mapping[Severity, frozenset[str]]]

    def read(self, data: Mapping[str, Any], key: str, at: Place) -> Wording:
        wording = rule_wording(data.get(key), at.file)
        require_rules(wording, dict(self.rules), at.file, self.blanks)
        return wording


@dataclass(frozen=True, slots=True)
class Items:
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


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class Words:
    """A list of words, each as YAML reads it (so ``on`` is read as True, as before)."""

    def read(self, data: Mapping[str, Any], key: str, at: Place) -> frozenset[str]:
        found = data.get(key)
        if not isinstance(found, list):
            raise at.error(f"{key!r} is missing or is not a list.")
        return frozenset(str(word) for word in found)


# -- CSV files: one row a record -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cell:
    """A CSV cell's text; ``required``: it may not be empty."""

    required: bool = True

    def read(self, data: Mapping[str, Any], key: str, at: Place) -> str:
        value = str(data.get(key) or "")
        if self.required and not value:
            raise at.error(f"the {key!r} column is empty; every row needs one.")
        return value


@dataclass(frozen=True, slots=True)
class Day:
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


def read_rows(schema: type[S], name: str, *, unique: str = "") -> tuple[S, ...]:
    """The coaching CSV file ``name``, a record of ``schema`` per row; ``unique``: a column
    no two rows may share."""
    columns = tuple(found.key for found in declared(schema))
    rows = read_csv(name, columns)
    records = []
    seen: set[str] = set()
    for line, row in enumerate(rows, start=2):  # line 1 is the header
        at = Place(name, line=line)
        records.append(read_section(schema, row, at))
        if unique:
            if row[unique] in seen:
                raise at.error(f"the {unique} {row[unique]!r} is used twice.")
            seen.add(row[unique])
    return tuple(records)
