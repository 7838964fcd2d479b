"""Field checks shared by every record, and the one error they raise.

A record calls these from ``__post_init__`` through a :class:`Checker`, which
collects every problem, normalises the values it accepts (trimmed, NFC text;
ISO strings turned into dates; choice names turned into enum members) and
raises a single :class:`InvalidRecord` naming each field that is wrong, by the
label its form shows (see :mod:`infoview_lib.model.labels`).

>>> from infoview_lib.model import Contact
>>> Contact(name="  Ana Lima ").name
'Ana Lima'
>>> Contact(name="")
Traceback (most recent call last):
...
infoview_lib.model.validation.InvalidRecord: Full name is empty: enter the person's full name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

from infoview_lib.errors import InfoviewError
from infoview_lib.model.characters import hidden_character
from infoview_lib.model.labels import field_name

#: Longest one-line text (a role, an organisation, a subject line).
SHORT_TEXT = 200
#: Longest name of a person.
NAME_TEXT = 120
#: Longest free text (notes, a message body, interview notes).
LONG_TEXT = 10_000

EARLIEST_YEAR = 1900
LATEST_YEAR = 2200

#: Line breaks a student may paste; a multi-line field keeps them as new lines.
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029]")

_PHONE_CHARS = re.compile(r"^\+?[0-9 ().\-/]+(?:\s*(?:ext\.?|x)\s*[0-9]{1,6})?$", re.IGNORECASE)
_EXTENSION = re.compile(r"(?:ext\.?|x)\s*[0-9]{1,6}$", re.IGNORECASE)
_ITEM_ID = re.compile(r"^[a-z][a-z0-9_]{0,59}$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field, said in plain words."""

    field: str
    message: str


class InvalidRecord(InfoviewError, ValueError):
    """A record was built with values that cannot be saved.

    ``problems`` lists each field that is wrong, so a form can show every
    message next to its own input.
    """

    def __init__(self, record: str, problems: Iterable[Problem]) -> None:
        self.record = record
        self.problems = tuple(problems)
        super().__init__(" ".join(p.message for p in self.problems))

    @property
    def fields(self) -> tuple[str, ...]:
        """The names of the fields that are wrong, in the order checked."""
        return tuple(p.field for p in self.problems)

    def message_for(self, field: str) -> str | None:
        """The message for one field, or ``None`` if that field is fine."""
        messages = [p.message for p in self.problems if p.field == field]
        return " ".join(messages) if messages else None


def _shown(value: object, limit: int = 40) -> str:
    """A short, quoted rendering of a bad value to put in a message."""
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return repr(text)


#: The one way infoview reads a day written as text: YYYY-MM-DD, in ASCII digits.
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def iso_day(text: str) -> date:
    """The day written as ``YYYY-MM-DD``; ``ValueError`` for anything else.

    ``date.fromisoformat`` also takes ``20260316`` and ``2026-W12-1``: only one way is
    accepted, so a day never means something other than what it looks like.

    >>> iso_day(" 2026-03-16 ")
    datetime.date(2026, 3, 16)
    >>> iso_day("20260316")
    Traceback (most recent call last):
    ...
    ValueError: is not a date written as year-month-day
    >>> iso_day("2026-02-30")
    Traceback (most recent call last):
    ...
    ValueError: is not a real date
    """
    stripped = text.strip()
    if not _ISO_DAY.fullmatch(stripped):
        raise ValueError("is not a date written as year-month-day")
    try:
        return date.fromisoformat(stripped)
    except ValueError:
        raise ValueError("is not a real date") from None


class Checker:
    """Checks and normalises the fields of one record, collecting problems."""

    def __init__(self, record: object) -> None:
        self._record = record
        self.problems: list[Problem] = []

    # -- plumbing ------------------------------------------------------------
    def _get(self, field: str) -> Any:
        return getattr(self._record, field)

    def _set(self, field: str, value: object) -> None:
        object.__setattr__(self._record, field, value)

    def fail(self, field: str, message: str) -> None:
        """Record a problem with ``field``."""
        self.problems.append(Problem(field, message))

    def name(self, field: str) -> str:
        """How messages name ``field``: by its label on the form, if it declares one."""
        return field_name(type(self._record), field)

    def has_problem(self, field: str) -> bool:
        """Whether ``field`` already failed a check."""
        return any(p.field == field for p in self.problems)

    # -- text ----------------------------------------------------------------
    def text(
        self,
        field: str,
        *,
        required: str | None = None,
        max_length: int = SHORT_TEXT,
        multiline: bool = False,
    ) -> str:
        """Check a text field; ``required`` is the hint shown when it is empty."""
        value = self._get(field)
        name = self.name(field)
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.fail(field, f"{name} should be text, not {_shown(value)}.")
            return ""
        value = unicodedata.normalize("NFC", value).strip()
        if multiline:
            value = _LINE_BREAKS.sub("\n", value)
        self._set(field, value)
        if not value:
            if required is not None:
                self.fail(field, f"{name} is empty: {required}")
            return value
        if len(value) > max_length:
            self.fail(
                field,
                f"{name} is {len(value):,} characters long; "
                f"shorten it to {max_length:,} characters or fewer.",
            )
        if not multiline and ("\n" in value or _LINE_BREAKS.search(value)):
            self.fail(field, f"{name} should fit on one line: remove the line breaks.")
        elif not multiline and "\t" in value:
            self.fail(
                field,
                f"{name} should fit on one line: it has a tab at position "
                f"{value.index(chr(9)) + 1}; use a space instead.",
            )
        elif hidden := hidden_character(value, multiline=multiline):
            where, what = hidden
            self.fail(
                field,
                f"{name} has {what} at position {where + 1}: "
                "retype that part, or paste it as plain text.",
            )
        return value

    def text_list(self, field: str, *, max_items: int, max_length: int = SHORT_TEXT) -> None:
        """Check a list of short texts; a string is split on commas and new lines."""
        value = self._get(field)
        name = self.name(field)
        if value is None:
            value = ()
        if isinstance(value, str):
            value = re.split(r"[,\n;]", value)
        if not isinstance(value, list | tuple):
            self.fail(field, f"{name} should be a list of text, not {_shown(value)}.")
            return
        items: list[str] = []
        seen: set[str] = set()
        for item in value:
            if not isinstance(item, str):
                self.fail(field, f"{name} should hold only text, not {_shown(item)}.")
                return
            item = unicodedata.normalize("NFC", item).strip()
            if item and item.casefold() not in seen:
                seen.add(item.casefold())
                items.append(item)
        self._set(field, tuple(items))
        if len(items) > max_items:
            self.fail(field, f"{name} has {len(items)} entries; keep it to {max_items} or fewer.")
        for item in items:
            if len(item) > max_length:
                self.fail(
                    field,
                    f"{name}: {_shown(item)} is too long; keep each entry to "
                    f"{max_length} characters or fewer.",
                )
                return
            if "\t" in item:
                self.fail(field, f"{name}: {_shown(item)} has a tab in it; use a space instead.")
                return
            if hidden := hidden_character(item):
                where, what = hidden
                self.fail(
                    field,
                    f"{name}: {_shown(item)} has {what} at position {where + 1}: "
                    "retype that part, or paste it as plain text.",
                )
                return

    def item_ids(self, field: str) -> None:
        """Check a set of checklist item ids; stored sorted and without repeats."""
        value = self._get(field)
        if value is None:
            value = ()
        if isinstance(value, str) or not isinstance(value, Iterable):
            self.fail(field, f"{self.name(field)} should be a list of item names.")
            return
        items = list(value)
        for item in items:
            if not isinstance(item, str) or not _ITEM_ID.match(item):
                self.fail(
                    field,
                    f"{self.name(field)}: {_shown(item)} is not an item name "
                    "(lower-case letters, digits and underscores, like 'confirm_day_before').",
                )
                return
        self._set(field, tuple(sorted(set(items))))

    # -- contact details -----------------------------------------------------
    def email(self, field: str, *, required: str | None = None) -> None:
        """Check an email address offline (no DNS look-up) and normalise it."""
        value = self.text(field, required=required, max_length=254)
        if not value or self.has_problem(field):
            return
        from email_validator import EmailNotValidError, validate_email  # slow to import

        try:
            checked = validate_email(value, check_deliverability=False)
        except EmailNotValidError:
            self.fail(
                field,
                f"{self.name(field)} {_shown(value)} is not an email address: "
                f"{_email_problem(value)}. It should look like name@example.org.",
            )
            return
        self._set(field, checked.normalized)

    def url(self, field: str, *, host: str | None = None, example: str) -> None:
        """Check a web address; ``https://`` is added when the scheme is left out."""
        value = self.text(field, max_length=500)
        if not value or self.has_problem(field):
            return
        name, typed = self.name(field), value
        if "://" not in value:
            value = "https://" + value
        try:
            parts = urlsplit(value)
            hostname = (parts.hostname or "").lower()
        except ValueError:  # brackets that are not an IPv6 address, a bad port
            parts, hostname = urlsplit("https://"), ""
        problem = None
        if parts.scheme.lower() not in ("http", "https"):
            problem = "it should start with https://"
        elif " " in value or "." not in hostname:
            problem = "it is not a complete web address"
        elif host and hostname != host and not hostname.endswith("." + host):
            problem = f"it is not a {host} address"
        if problem:
            self.fail(field, f"{name} {_shown(typed)} does not work: {problem}. Use {example}.")
            return
        self._set(field, value)

    def phone(self, field: str) -> None:
        """Check a phone number: digits with the usual separators, 7 to 15 digits."""
        value = self.text(field, max_length=40)
        if not value or self.has_problem(field):
            return
        digits = sum(ch.isdigit() for ch in _EXTENSION.sub("", value))
        if not _PHONE_CHARS.match(value) or not 7 <= digits <= 15:
            self.fail(
                field,
                f"{self.name(field)} {_shown(value)} does not look like a phone number: "
                "use digits, spaces, dashes or brackets, with + and the country code "
                "if it is abroad, like +1 555 010 7788.",
            )

    # -- choices and numbers -------------------------------------------------
    def choice(self, field: str, kind: type[StrEnum]) -> None:
        """Check a choice; its value as text (any case) is accepted too."""
        value = self._get(field)
        if isinstance(value, kind):
            return
        if isinstance(value, str):
            key = value.strip().lower().replace(" ", "_").replace("-", "_")
            for member in kind:
                if key in (member.value, member.name.lower()):
                    self._set(field, member)
                    return
        options = ", ".join(getattr(member, "label", member.value) for member in kind)
        self.fail(
            field, f"{self.name(field)} {_shown(value)} is not one of the choices: {options}."
        )

    def integer(
        self, field: str, *, low: int, high: int, required: str | None = None, why: str = ""
    ) -> None:
        """Check a whole number between ``low`` and ``high``; ``None`` if not required."""
        value = self._get(field)
        name = self.name(field)
        if self._blank(field, required):
            return
        if isinstance(value, str) and re.fullmatch(r"\s*-?[0-9]+\s*", value):
            value = int(value)
            self._set(field, value)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(field, f"{name} should be a whole number, not {_shown(value)}.")
            return
        if not low <= value <= high:
            self.fail(field, f"{name} {value} is out of range: use {low} to {high}{why}.")

    def record_id(self, field: str, *, required: str | None = None) -> None:
        """Check a reference to another record (a positive whole number)."""
        self.integer(field, low=1, high=2**62, required=required)

    def flag(self, field: str) -> None:
        """Check a yes, no or not-yet-known answer."""
        value = self._get(field)
        if value is not None and not isinstance(value, bool):
            self.fail(field, f"{self.name(field)} should be yes, no, or left blank.")

    # -- dates -----------------------------------------------------------------
    def day(self, field: str, *, required: str | None = None) -> date | None:
        """Check a calendar date; ISO text such as ``2026-03-14`` is accepted."""
        value = self._get(field)
        name = self.name(field)
        if self._blank(field, required):
            return None
        if isinstance(value, str):
            try:
                value = iso_day(value)
            except ValueError:
                self.fail(
                    field,
                    f"{name} {_shown(value)} is not a real date: "
                    "write it as year-month-day, like 2026-03-14.",
                )
                return None
            self._set(field, value)
        if isinstance(value, datetime) or not isinstance(value, date):
            self.fail(field, f"{name} should be a date like 2026-03-14, not {_shown(value)}.")
            return None
        return self._in_range(field, value)

    def moment(self, field: str, *, required: str) -> None:
        """Check a local date and time; text like ``2026-03-14 10:30`` is accepted."""
        value = self._get(field)
        name = self.name(field)
        if self._blank(field, required):
            return
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value.strip())
            except ValueError:
                self.fail(
                    field,
                    f"{name} {_shown(value)} is not a real date and time: "
                    "write it like 2026-03-14 10:30.",
                )
                return
        if not isinstance(value, datetime):
            self.fail(field, f"{name} should be a date and time like 2026-03-14 10:30.")
            return
        if value.tzinfo is not None:
            self.fail(field, f"{name} should be your local time, without a time zone.")
            return
        self._set(field, value.replace(second=0, microsecond=0))
        self._in_range(field, value.date())

    def _in_range(self, field: str, value: date) -> date | None:
        if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
            self.fail(
                field,
                f"{self.name(field)} {value.isoformat()} is out of range: check the year.",
            )
            return None
        return value

    def status_day(
        self, field: str, day: date | None, *, needed: bool, missing: str, stray: str
    ) -> None:
        """A day set exactly when the status says it happened (``needed``): ``missing``
        ends the message when it is blank, ``stray`` when it is set though not needed."""
        if needed:
            self.require(
                day is not None or self.has_problem(field),
                field,
                f"{self.name(field)} is empty: {missing}",
            )
        elif day is not None:
            self.fail(field, f"{self.name(field)} is set {stray}")

    def _blank(self, field: str, required: str | None) -> bool:
        """Whether ``field`` is left blank (then it is ``None``; a problem if ``required``)."""
        value = self._get(field)
        if value is not None and value != "":
            return False
        self._set(field, None)
        if required is not None:
            self.fail(field, f"{self.name(field)} is empty: {required}")
        return True

    def require(self, ok: bool, field: str, message: str) -> None:
        """A rule that ties fields together: fail ``field`` unless ``ok``."""
        if not ok:
            self.fail(field, message)


@contextmanager
def checking(record: object) -> Iterator[Checker]:
    """Check a record's fields in a ``with`` block; raise if any is wrong."""
    checker = Checker(record)
    yield checker
    if checker.problems:
        raise InvalidRecord(type(record).__name__, checker.problems)


def _email_problem(value: str) -> str:
    """What is wrong with an address the email check refused, in plain words.

    >>> _email_problem("ana.example.org"), _email_problem("ana@example")
    ('it has no @ sign', 'the part after the @ needs a dot, as in example.org')
    """
    local, at, domain = value.rpartition("@")
    if not at:
        return "it has no @ sign"
    if "@" in local:
        return "it has more than one @ sign"
    if not local:
        return "there is nothing before the @ sign"
    if not domain:
        return "there is nothing after the @ sign"
    if any(char.isspace() for char in value):
        return "it has a space in it"
    if ".." in value:
        return "it has two dots in a row"
    if "." not in domain:
        return "the part after the @ needs a dot, as in example.org"
    if local.startswith(".") or local.endswith("."):
        return "the part before the @ cannot start or end with a dot"
    return "it has a character or a part an email address cannot have"
