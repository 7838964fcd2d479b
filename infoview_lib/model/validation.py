"""Field checks shared by every record, and the one error they raise.

A record calls these from ``__post_init__`` through a :class:`Checker`, which
collects every problem, normalises the values it accepts (trimmed, NFC text;
ISO strings turned into dates; choice names turned into enum members) and
raises a single :class:`InvalidRecord` naming each field that is wrong.

>>> from infoview_lib.model import Contact
>>> Contact(name="  Ana Lima ").name
'Ana Lima'
>>> Contact(name="")
Traceback (most recent call last):
...
infoview_lib.model.validation.InvalidRecord: Name is empty: enter the person's full name.
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

#: Longest one-line text (a role, an organisation, a subject line).
SHORT_TEXT = 200
#: Longest name of a person.
NAME_TEXT = 120
#: Longest free text (notes, a message body, interview notes).
LONG_TEXT = 10_000

EARLIEST_YEAR = 1900
LATEST_YEAR = 2200

_LABELS = {
    "linkedin_url": "LinkedIn URL",
    "source_url": "Source URL",
    "sent_on": "Sent date",
    "replied_on": "Reply date",
    "due_on": "Due date",
    "done_on": "Done date",
    "starts_at": "Date and time",
    "contact_id": "Contact",
    "meeting_id": "Meeting",
    "referred_by": "Referred by",
    "status_reason": "Reason",
    "willing_to_keep_in_touch": "Willing to keep in touch",
}

# -- characters that are not shown -------------------------------------------------
# Text must hold what it looks like: a name with a hidden right-to-left mark sorts,
# searches and prints differently from the name on screen. Refused are control
# characters (Cc), broken halves of characters (Cs), format characters (Cf) and the
# default-ignorable code points (which a font shows as nothing), from the Unicode
# Character Database rather than a list of the characters someone has found so far.
# Kept is what real text needs: joiners where they join (see _joins) and
# variation selectors after the character they select a form of.

#: Default_Ignorable_Code_Point, as ranges, from DerivedCoreProperties.txt (Unicode 14.0,
#: the version of Python 3.11's unicodedata; Python has no lookup for this property).
DEFAULT_IGNORABLE: tuple[tuple[int, int], ...] = (
    (0x00AD, 0x00AD),  # SOFT HYPHEN
    (0x034F, 0x034F),  # COMBINING GRAPHEME JOINER
    (0x061C, 0x061C),  # ARABIC LETTER MARK
    (0x115F, 0x1160),  # HANGUL CHOSEONG FILLER, HANGUL JUNGSEONG FILLER
    (0x17B4, 0x17B5),  # KHMER VOWEL INHERENT AQ, AA
    (0x180B, 0x180F),  # MONGOLIAN FREE VARIATION SELECTORS, VOWEL SEPARATOR
    (0x200B, 0x200F),  # ZERO WIDTH SPACE .. RIGHT-TO-LEFT MARK
    (0x202A, 0x202E),  # LEFT-TO-RIGHT EMBEDDING .. RIGHT-TO-LEFT OVERRIDE
    (0x2060, 0x206F),  # WORD JOINER .. NOMINAL DIGIT SHAPES
    (0x3164, 0x3164),  # HANGUL FILLER
    (0xFE00, 0xFE0F),  # VARIATION SELECTOR-1 .. 16
    (0xFEFF, 0xFEFF),  # ZERO WIDTH NO-BREAK SPACE (byte order mark)
    (0xFFA0, 0xFFA0),  # HALFWIDTH HANGUL FILLER
    (0xFFF0, 0xFFF8),  # reserved
    (0x1BCA0, 0x1BCA3),  # SHORTHAND FORMAT controls
    (0x1D173, 0x1D17A),  # MUSICAL SYMBOL BEGIN BEAM .. END PHRASE
    (0xE0000, 0xE0FFF),  # tags, VARIATION SELECTOR-17 .. 256, reserved
)
#: Prepended_Concatenation_Mark, from PropList.txt: the format characters that are shown
#: (Arabic and Syriac number signs, which span the digits after them).
SHOWN_FORMAT = frozenset(
    (*range(0x0600, 0x0606), 0x06DD, 0x070F, 0x0890, 0x0891, 0x08E2, 0x110BD, 0x110CD)
)
#: Any default-ignorable code point: what text comparisons leave out.
IGNORABLE = re.compile(
    "["
    + "".join(f"{re.escape(chr(low))}-{re.escape(chr(high))}" for low, high in DEFAULT_IGNORABLE)
    + "]"
)
_ZWNJ, _ZWJ = "\u200c", "\u200d"
#: Variation selectors: each picks a form of the character before it (an emoji's colour
#: form, a Mongolian letter's shape, a Japanese name's exact glyph).
_SELECTORS = re.compile("[\u180b-\u180d\u180f\ufe00-\ufe0f\U000e0100-\U000e01ef]")
#: Emoji skin-tone modifiers, which may come between an emoji and a joiner.
_MODIFIERS = re.compile("[\U0001f3fb-\U0001f3ff]")
#: A flag of a region (England, Scotland, Wales): a black flag, the region's code in tag
#: letters and digits (2 to 7 of them, as Unicode's subdivision codes are), a cancel tag.
#: Longer runs of tags would hide text no one sees.
_TAG_SEQUENCE = re.compile("\U0001f3f4[\U000e0030-\U000e0039\U000e0061-\U000e007a]{2,7}\U000e007f")
#: Scripts with letters that a variation selector may give another form (standardized
#: variants): Chinese and Japanese characters, Myanmar, Phags-pa and Manichaean letters.
_VARIANT_LETTERS = ("CJK", "MYANMAR", "PHAGS-PA", "MANICHAEAN")
#: The scripts whose letters join one another, where a (non-)joiner between two
#: letters chooses their shapes (the scripts of Unicode's ArabicShaping.txt).
_JOINING_SCRIPTS = (
    "ARABIC",
    "SYRIAC",
    "NKO",
    "MONGOLIAN",
    "MANDAIC",
    "MANICHAEAN",
    "PSALTER PAHLAVI",
    "PHAGS-PA",
    "ADLAM",
    "HANIFI ROHINGYA",
    "SOGDIAN",
    "OLD UYGHUR",
    "CHORASMIAN",
)
#: Line breaks a student may paste; a multi-line field keeps them as new lines.
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029]")
_VIRAMA = 9  # the canonical combining class of a virama (Indic scripts)


def hidden_character(text: str, *, multiline: bool = False) -> tuple[int, str] | None:
    r"""Where ``text`` has a character that is not shown, and what it is, or ``None``.

    New lines and tabs are fine in a multi-line text only. The description
    says what it is: ``an invisible character (U+200F RIGHT-TO-LEFT MARK)``.

    >>> hidden_character("a\u200fb")
    (1, 'an invisible character (U+200F RIGHT-TO-LEFT MARK)')
    >>> hidden_character("\u062d\u0633\u06cc\u0646\u200c\u0632\u0627\u062f\u0647") is None
    True
    """
    if text.isprintable() and not IGNORABLE.search(text):
        return None  # the usual case, checked at C speed
    flags = {index for match in _TAG_SEQUENCE.finditer(text) for index in range(*match.span())}
    for index, char in enumerate(text):
        if char.isprintable() and not IGNORABLE.match(char):
            continue
        if index in flags or (multiline and char in "\n\t"):
            continue
        category = unicodedata.category(char)
        if category in ("Zs", "Co", "Cn") and not IGNORABLE.match(char) and not _never(char):
            continue  # a space, a private-use or a newer character: all shown
        if category == "Cf" and ord(char) in SHOWN_FORMAT:
            continue
        if char in (_ZWNJ, _ZWJ) and _joins(text, index):
            continue
        if _SELECTORS.match(char) and _selects(text, index):
            continue
        return index, _describe(char, category)
    return None


def shown_only(text: str) -> str:
    r"""``text`` without the characters :func:`hidden_character` refuses, tabs made spaces.

    For text an older infoview saved under looser rules: nothing visible changes.

    >>> shown_only("ca\u00adreer\tfair\u200f")
    'career fair'
    """
    found = hidden_character(text, multiline=True)
    while found is not None:
        index = found[0]
        text = text[:index] + text[index + 1 :]
        found = hidden_character(text, multiline=True)
    return text.replace("\t", " ")


def _never(char: str) -> bool:
    """Whether ``char`` is a noncharacter: a code point Unicode keeps out of text for good."""
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def _describe(char: str, category: str) -> str:
    code = f"U+{ord(char):04X}"
    if category == "Cc":
        return f"a control character ({code})"
    if category == "Cs":
        return f"a broken character ({code}, half of a character that cannot be saved)"
    name = unicodedata.name(char, "")
    return f"an invisible character ({code} {name})" if name else f"an invisible character ({code})"


def _joins(text: str, index: int) -> bool:
    """Whether the joiner or non-joiner at ``index`` does its job in real text.

    After a virama (Indic scripts: Hindi, Sinhala, Malayalam...) it chooses
    how a conjunct is written; between two letters of a joining script
    (Persian, Arabic, Urdu...) it chooses whether they join; and a joiner
    between two emoji makes them one (a woman and a laptop: a woman technologist).
    """
    if index and unicodedata.combining(text[index - 1]) == _VIRAMA:
        return True
    # Before a virama, a joiner picks a conjunct's form too (Bengali ra-phala,
    # Sinhala touching letters).
    following = text[index + 1 : index + 2]
    if text[index] == _ZWJ and following and unicodedata.combining(following) == _VIRAMA:
        return True
    before = _neighbour(text, index, -1)
    after = _neighbour(text, index, +1)
    if _joining_letter(before) and _joining_letter(after):
        return True
    return text[index] == _ZWJ and _emoji(before) and _emoji(after)


def _neighbour(text: str, index: int, step: int) -> str:
    """The nearest character before or after ``index`` that is not a mark, selector or tone."""
    index += step
    while 0 <= index < len(text):
        char = text[index]
        if not (
            unicodedata.category(char).startswith("M")
            or _SELECTORS.match(char)
            or _MODIFIERS.match(char)
        ):
            return char
        index += step
    return ""


def _joining_letter(char: str) -> bool:
    return (
        bool(char)
        and unicodedata.category(char).startswith("L")
        and (unicodedata.name(char, "").startswith(_JOINING_SCRIPTS))
    )


def _emoji(char: str) -> bool:
    """A symbol an emoji sequence may join (most are ``So``; arrows such as ↔ are ``Sm``)."""
    return bool(char) and unicodedata.category(char) in ("So", "Sm")


def _selects(text: str, index: int) -> bool:
    r"""Whether the variation selector at ``index`` follows a character it can select a form of.

    Emoji and other symbols (``\u2764\ufe0f``), a keycap (``1\ufe0f\u20e3``), a
    Mongolian letter's shape, a Chinese or Japanese character's exact glyph (an
    ideographic variation, as some family names are registered), the letters of the
    few scripts with standardized variants: not a Latin letter (``e\ufe0f``), a
    space, or another selector, where it would change nothing.
    """
    if index == 0:
        return False
    char, base = text[index], text[index - 1]
    name = unicodedata.name(base, "")
    if "\u180b" <= char <= "\u180f":
        return name.startswith("MONGOLIAN LETTER")
    if char >= "\U000e0100":
        return name.startswith(("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH"))
    if base.isascii():
        return base in "0123456789#*" and text[index + 1 : index + 2] == "\u20e3"
    category = unicodedata.category(base)[0]
    if category == "L":
        return name.startswith(_VARIANT_LETTERS)
    return category in "PS"


_PHONE_CHARS = re.compile(r"^\+?[0-9 ().\-/]+(?:\s*(?:ext\.?|x)\s*[0-9]{1,6})?$", re.IGNORECASE)
_EXTENSION = re.compile(r"(?:ext\.?|x)\s*[0-9]{1,6}$", re.IGNORECASE)
_ITEM_ID = re.compile(r"^[a-z][a-z0-9_]{0,59}$")


def label(field: str) -> str:
    """The name of a field as a student would say it.

    >>> label("graduation_year"), label("linkedin_url")
    ('Graduation year', 'LinkedIn URL')
    """
    return _LABELS.get(field, field.replace("_", " ").capitalize())


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
        name = label(field)
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
        name = label(field)
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
            self.fail(field, f"{label(field)} should be a list of item names.")
            return
        items = list(value)
        for item in items:
            if not isinstance(item, str) or not _ITEM_ID.match(item):
                self.fail(
                    field,
                    f"{label(field)}: {_shown(item)} is not an item name "
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
                f"{label(field)} {_shown(value)} is not an email address: "
                f"{_email_problem(value)}. It should look like name@example.org.",
            )
            return
        self._set(field, checked.normalized)

    def url(self, field: str, *, host: str | None = None, example: str) -> None:
        """Check a web address; ``https://`` is added when the scheme is left out."""
        value = self.text(field, max_length=500)
        if not value or self.has_problem(field):
            return
        name = label(field)
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
            self.fail(field, f"{name} {_shown(value)} does not work: {problem}. Use {example}.")
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
                f"{label(field)} {_shown(value)} does not look like a phone number: "
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
        self.fail(field, f"{label(field)} {_shown(value)} is not one of the choices: {options}.")

    def integer(
        self, field: str, *, low: int, high: int, required: str | None = None, why: str = ""
    ) -> None:
        """Check a whole number between ``low`` and ``high``; ``None`` if not required."""
        value = self._get(field)
        name = label(field)
        if value is None or value == "":
            self._set(field, None)
            if required is not None:
                self.fail(field, f"{name} is empty: {required}")
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
            self.fail(field, f"{label(field)} should be yes, no, or left blank.")

    # -- dates -----------------------------------------------------------------
    def day(self, field: str, *, required: str | None = None) -> date | None:
        """Check a calendar date; ISO text such as ``2026-03-14`` is accepted."""
        value = self._get(field)
        name = label(field)
        if value is None or value == "":
            self._set(field, None)
            if required is not None:
                self.fail(field, f"{name} is empty: {required}")
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
        name = label(field)
        if value is None or value == "":
            self.fail(field, f"{name} is empty: {required}")
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
                f"{label(field)} {value.isoformat()} is out of range: check the year.",
            )
            return None
        return value

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
