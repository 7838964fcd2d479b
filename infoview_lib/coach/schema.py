"""The coaching files' declared schemas, and the one loader that reads a file against its own.

A coaching file's schema is a frozen dataclass. Each of its fields is one key of the file,
declared with :func:`entry`: the kind of value it holds (one of :mod:`infoview_lib.coach.kinds`:
a whole number in a range, wording and the blanks it may use, a section with its own
schema...) and, in plain words, what it means. :func:`load` reads a file against its
schema and returns the dataclass, or raises
:class:`~infoview_lib.coach.findings.CoachingDataError` naming the file, the line and the
entry that is wrong. The data README's tables are made from the same
declarations (:mod:`infoview_lib.coach.readme`), so they cannot drift from what is read.

>>> from dataclasses import dataclass, field
>>> from infoview_lib.coach.kinds import Whole
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
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from infoview_lib.coach.findings import CoachingDataError, check_template
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
    """A kind of value a coaching file holds, and how to read and check it."""

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
