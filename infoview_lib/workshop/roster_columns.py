"""The column headings a roster may use, read from ``data/workshop/roster-columns.yaml``.

An advisor adds a heading their learning platform uses to that file; headings are
compared by :func:`heading_key`, which leaves out case, spaces and punctuation.

>>> heading_key(" E-mail_Address "), heading_key("Class of")
('emailaddress', 'classof')
>>> columns = load_columns()
>>> columns.field_of("SIS Login ID"), columns.field_of("Surname"), columns.field_of("ID")
('user_name', 'last_name', None)
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from infoview_lib.errors import InfoviewError
from infoview_lib.paths import data_dir, read_yaml_mapping

#: Where the headings are, inside the data folder.
COLUMNS_FILE = Path("workshop") / "roster-columns.yaml"

#: The parts of a student's profile a roster may have, in the file's order.
FIELDS = (
    "name",
    "first_name",
    "last_name",
    "email",
    "user_name",
    "program",
    "graduation_year",
    "target_fields",
)

#: Each part in words, for messages.
FIELD_WORDS = {
    "name": "the student's name",
    "first_name": "the first name",
    "last_name": "the last name",
    "email": "the email",
    "user_name": "the hub user name",
    "program": "the programme",
    "graduation_year": "the graduation year",
    "target_fields": "the target fields",
}


class RosterColumnsError(InfoviewError):
    """The file of roster headings cannot be used as it is."""


def heading_key(text: str) -> str:
    """A heading as compared: compatibility-normalised, case-folded, letters and digits only."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(char for char in folded if char.isalnum())


@dataclass(frozen=True, slots=True)
class RosterColumns:
    """The accepted headings of each part of a profile, as written in the file."""

    headings: Mapping[str, tuple[str, ...]]

    def field_of(self, heading: str) -> str | None:
        """The part of the profile a column with this heading holds, or ``None``."""
        key = heading_key(heading)
        if not key:
            return None
        for field, names in self.headings.items():
            if any(heading_key(name) == key for name in names):
                return field
        return None

    def accepted(self, field: str) -> str:
        """The headings accepted for ``field``, for a message: ``'Email' (or E-mail, Mail)``.

        >>> load_columns().accepted("last_name")
        "'Last name' (or Surname, Family name, Last)"
        """
        first, *others = self.headings[field]
        return f"'{first}' (or {', '.join(others)})" if others else f"'{first}'"


def load_columns(path: Path | None = None) -> RosterColumns:
    """The headings in ``path`` (default: the data folder's ``workshop/roster-columns.yaml``).

    Raises :class:`RosterColumnsError`, naming the file and the entry, when the
    file is missing, is not valid YAML, lacks a part, names an unknown one, or
    lists one heading under two parts.
    """
    path = path if path is not None else data_dir() / COLUMNS_FILE
    loaded = read_yaml_mapping(
        path,
        what="The roster headings file",
        missing="copy it from infoview's data/workshop folder.",
        not_a_mapping=f"must list headings under each of: {', '.join(FIELDS)}.",
        error=RosterColumnsError,
    )
    unknown = [str(key) for key in loaded if key not in FIELDS]
    if unknown:
        raise RosterColumnsError(
            f"The roster headings file {path} has {', '.join(unknown)}, which is not a part "
            f"of a profile: use {', '.join(FIELDS)}."
        )
    headings: dict[str, tuple[str, ...]] = {}
    owner: dict[str, str] = {}
    for field in FIELDS:
        names = loaded.get(field)
        if not isinstance(names, list) or not names:
            raise RosterColumnsError(
                f"The roster headings file {path} needs a list of headings under '{field}'."
            )
        for name in names:
            if not isinstance(name, str | int) or not heading_key(str(name)):
                raise RosterColumnsError(
                    f"The roster headings file {path} has {name!r} under '{field}': a heading "
                    "needs a letter or a digit."
                )
            key = heading_key(str(name))
            if owner.get(key, field) != field:
                raise RosterColumnsError(
                    f"The roster headings file {path} lists '{name}' under both "
                    f"'{owner[key]}' and '{field}': keep it under one."
                )
            owner[key] = field
        headings[field] = tuple(str(name).strip() for name in names)
    return RosterColumns(headings)
