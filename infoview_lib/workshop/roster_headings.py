"""Finding a roster's columns by their headings: which column holds each part of a
student's profile, and a plain refusal when a part has no column, or two."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from infoview_lib.workshop.roster_columns import FIELD_WORDS, RosterColumns
from infoview_lib.workshop.roster_files import RosterError


class MissingColumns(RosterError):
    """A roster without a column it needs: the whole file is refused.

    ``found`` are the headings it has; ``missing`` the parts of a profile it lacks
    (``name``, ``user_name``).
    """

    def __init__(self, message: str, *, found: Sequence[str], missing: Sequence[str]) -> None:
        super().__init__(message)
        self.found = tuple(found)
        self.missing = tuple(missing)


@dataclass(frozen=True, slots=True)
class Column:
    """A column of the roster that was read: what it holds, its heading and its place."""

    field: str
    heading: str
    number: int  # 1 for column A

    @property
    def letter(self) -> str:
        """The column's letters as a spreadsheet shows them.

        >>> Column("email", "Email", 28).letter
        'AB'
        """
        number, letters = self.number, ""
        while number:
            number, rest = divmod(number - 1, 26)
            letters = chr(ord("A") + rest) + letters
        return letters


def match_headings(
    header: Sequence[str], columns: RosterColumns
) -> tuple[dict[str, list[Column]], list[str]]:
    """The columns each part of a profile could come from, and the headings left out."""
    found: dict[str, list[Column]] = {}
    ignored: list[str] = []
    for number, heading in enumerate(header, start=1):
        if not heading.strip():
            continue
        field = columns.field_of(heading)
        if field is None:
            ignored.append(heading.strip())
        else:
            found.setdefault(field, []).append(Column(field, heading.strip(), number))
    return found, ignored


def missing_parts(found: dict[str, list[Column]]) -> list[str]:
    """The parts a roster needs that ``found`` lacks: ``name``, ``user_name``."""
    missing = []
    if "name" not in found and not {"first_name", "last_name"} <= found.keys():
        missing.append("name")
    if "user_name" not in found and "email" not in found:
        missing.append("user_name")
    return missing


def missing_columns(
    row: int, header: Sequence[str], columns: RosterColumns, where: str
) -> MissingColumns:
    """The refusal of a roster whose headings (on ``row``) lack a column it needs."""
    found, _ignored = match_headings(header, columns)
    missing = missing_parts(found)
    headings = [cell.strip() for cell in header if cell.strip()]
    needs = []
    if "name" in missing:
        needs.append(
            f"a column for the student's name: {columns.accepted('name')}, or two columns, "
            f"{columns.accepted('first_name')} and {columns.accepted('last_name')}"
        )
    if "user_name" in missing:
        needs.append(
            f"a column for the hub user name: {columns.accepted('user_name')}, or one for the "
            f"email to make it from: {columns.accepted('email')}"
        )
    has = ", ".join(f"'{heading}'" for heading in headings[:30])
    if len(headings) > 30:
        has += f" and {len(headings) - 30} more"
    return MissingColumns(
        f"{where} cannot be read: it needs {'; and '.join(needs)}. Its headings (row {row}) "
        f"are {has}. Rename or add the column in the spreadsheet (or add the heading to "
        "workshop/roster-columns.yaml in infoview's data folder) and try again.",
        found=headings,
        missing=missing,
    )


def refuse_two_columns(found: dict[str, list[Column]], where: str) -> None:
    """Refuse a roster with two columns for one part: which one holds it is a guess."""
    for field, group in found.items():
        if len(group) > 1:
            listed = " and ".join(
                f"'{column.heading}' (column {column.letter})" for column in group
            )
            raise RosterError(
                f"{where} has two columns for {FIELD_WORDS[field]}: {listed}. Delete or "
                "rename one of them, and try again."
            )
