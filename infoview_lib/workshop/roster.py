"""Reading a workshop roster: a CSV or XLSX file of students, as a spreadsheet exports it.

:func:`read_roster` only reads. It returns a :class:`Roster`: the students it can make a
workbook for, each with the row number a spreadsheet shows (the headings are row 1) and a
:class:`~infoview_lib.model.StudentProfile`, and every bad row with its reasons, all at
once. A file it cannot read at all raises :class:`RosterError` with one plain line.

- **Columns** are found by their headings, as listed in ``data/workshop/roster-columns.yaml``
  (see :mod:`infoview_lib.workshop.roster_columns`): the student's name (or a first-name and
  a last-name column), the email, the hub user name, the programme, the graduation year and
  the target fields (split on ``;``, ``,`` or ``|``). Other columns are left out. The
  headings are the first row with a name column and a user-name (or email) column, among
  the first ten rows that are not blank.
- **Hub user names** follow :mod:`infoview_lib.workshop.user_names`. Without a user-name
  column, each student's user name is the part of their email before the ``@``, in lower
  case, checked by the same rule (``Roster.user_names_from_email`` says so).
- **Text is data.** A cell is read as the text it holds: ``=HYPERLINK(...)`` or ``+1`` in a
  CSV stays that text, and an XLSX formula gives the value the spreadsheet last worked out
  (never the formula, and nothing is worked out here).
- **Files.** CSV with commas, semicolons (Excel in much of Europe) or tabs; UTF-8 (with or
  without a byte-order mark), UTF-16 (Excel's "Unicode text"), else Windows-1252 (said in
  ``Roster.notes``: a name may then look wrong). XLSX: the sheet open when it was saved.
  Blank rows and empty columns at the end are skipped. At most 5 MB and 10,000 rows.

>>> roster = roster_from_rows(
...     [["Name", "Email", "Username"], ["Zoë Martin", "zoe@example.edu", "zmartin"],
...      [], ["", "ana@example", "ana"]])
>>> [(s.row, s.user_name, s.profile.name) for s in roster.students]
[(2, 'zmartin', 'Zoë Martin')]
>>> bad = roster.bad_rows[0]
>>> bad.row, bad.who, bad.problems[0]
(4, 'ana@example', "No name: fill in the student's name.")
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from infoview_lib.model import InvalidRecord, StudentProfile
from infoview_lib.model.characters import shown_only
from infoview_lib.workshop.roster_columns import (
    FIELD_WORDS,
    FIELDS,
    RosterColumns,
    RosterColumnsError,
    load_columns,
)
from infoview_lib.workshop.roster_files import (
    HEADING_ROWS,
    MAX_ROSTER_BYTES,
    MAX_ROWS,
    OLE_MAGIC,
    XLSX_MAGIC,
    RosterError,
    cell_text,
    csv_rows,
    decode,
    file_bytes,
    numbered_rows,
    xlsx_rows,
)
from infoview_lib.workshop.user_names import (
    RULE,
    normal_user_name,
    user_name_from_email,
    user_name_problem,
)

__all__ = [
    "MAX_ROSTER_BYTES",
    "MAX_ROWS",
    "BadRow",
    "Column",
    "MissingColumns",
    "Roster",
    "RosterColumnsError",
    "RosterError",
    "RosterStudent",
    "read_roster",
    "read_roster_bytes",
    "roster_from_rows",
]

#: What a spreadsheet shows in a cell whose formula failed.
_SPREADSHEET_ERRORS = frozenset(
    {"#N/A", "#REF!", "#VALUE!", "#NAME?", "#DIV/0!", "#NULL!", "#NUM!", "#SPILL!", "#CALC!"}
)
_LIST_SEPARATORS = re.compile(r"[;,|\n]")
_WHOLE_FLOAT = re.compile(r"\s*([0-9]+)(?:\.0*)?\s*")


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


@dataclass(frozen=True, slots=True)
class RosterStudent:
    """A student the roster names, ready for a workbook."""

    row: int
    user_name: str
    profile: StudentProfile


@dataclass(frozen=True, slots=True)
class BadRow:
    """A row no workbook can be made from, and why (each reason a sentence)."""

    row: int
    problems: tuple[str, ...]
    who: str = ""  # what the row says, to find it: the name, else the email or user name

    @property
    def message(self) -> str:
        """The row, who it is, and every reason, for a facilitator."""
        who = f" ({self.who})" if self.who else ""
        return f"Row {self.row}{who}: {' '.join(self.problems)}"


@dataclass(frozen=True, slots=True)
class Roster:
    """What a roster holds: the students, the bad rows, and how the file was read."""

    students: tuple[RosterStudent, ...]
    bad_rows: tuple[BadRow, ...]
    columns: tuple[Column, ...]
    header_row: int
    user_names_from_email: bool
    ignored_columns: tuple[str, ...] = ()
    repeats: tuple[tuple[int, int], ...] = ()  # (row, the earlier row it repeats word for word)
    file_kind: str = "rows"  # "CSV", "XLSX", or "rows" (from :func:`roster_from_rows`)
    encoding: str | None = None  # a CSV's, as read
    sheet: str | None = None  # an XLSX's, as read
    notes: tuple[str, ...] = ()  # what a facilitator should know, in sentences

    @property
    def ok(self) -> bool:
        """Whether every row that is not blank names a student a workbook can be made for."""
        return not self.bad_rows


def read_roster(path: Path, *, columns: RosterColumns | None = None) -> Roster:
    """Read the roster at ``path`` (CSV or XLSX, told apart by what is in the file).

    Raises :class:`RosterError` when the file is missing, a folder, a named pipe or
    another special file, over :data:`MAX_ROSTER_BYTES`, of another kind, damaged, or
    without the columns it needs; never reads more than it may.
    """
    return read_roster_bytes(file_bytes(path), where=str(path), columns=columns)


def read_roster_bytes(
    data: bytes, *, where: str = "The roster", columns: RosterColumns | None = None
) -> Roster:
    """Read a roster from its bytes (an upload, say); ``where`` names it in messages."""
    if len(data) > MAX_ROSTER_BYTES:
        raise RosterError(
            f"{where} is over {MAX_ROSTER_BYTES // (1024 * 1024)} MB: that is not a class "
            "roster. Export only the class's students."
        )
    if not data.strip():
        raise RosterError(f"{where} is empty: export the roster again.")
    columns = columns if columns is not None else load_columns()
    if data.startswith(XLSX_MAGIC):
        rows, sheet, sheet_notes = xlsx_rows(data, where)
        return _from_table(rows, columns, where, "XLSX", None, sheet, sheet_notes)
    if data.startswith(OLE_MAGIC):
        raise RosterError(
            f"{where} is an older Excel file (.xls) or a workbook with a password: open it "
            "and save it as Excel Workbook (.xlsx) without a password, or as CSV."
        )
    text, encoding = decode(data, where)
    table = csv_rows(text, where, columns)
    notes: tuple[str, ...] = ()
    if encoding not in ("UTF-8", "UTF-16"):
        notes = (
            f"The file is not UTF-8 text, so it was read as {encoding}: if a name looks "
            "wrong, save the roster as 'CSV UTF-8' and read it again.",
        )
    return _from_table(table, columns, where, "CSV", encoding, None, notes)


def roster_from_rows(
    rows: Iterable[Sequence[object]],
    *,
    where: str = "The roster",
    columns: RosterColumns | None = None,
) -> Roster:
    """Read a roster from rows of cells (the headings first), numbered from 1."""
    table = numbered_rows(
        ((number, [cell_text(value) for value in cells]) for number, cells in enumerate(rows, 1)),
        where,
    )
    columns = columns if columns is not None else load_columns()
    return _from_table(table, columns, where, "rows", None, None, ())


# -- from rows to students -------------------------------------------------------------


@dataclass(slots=True)
class _Row:
    """One row on its way to a student or a bad row."""

    row: int
    who: str
    problems: list[str]
    user_name: str | None = None  # a usable user name, checked against the others
    profile: StudentProfile | None = None


def _from_table(
    table: list[tuple[int, list[str]]],
    columns: RosterColumns,
    where: str,
    kind: str,
    encoding: str | None,
    sheet: str | None,
    notes: tuple[str, ...],
) -> Roster:
    if not table:
        raise RosterError(f"{where} has no rows with anything in them: export the roster again.")
    header_at = None
    for index, (_number, cells) in enumerate(table[:HEADING_ROWS]):
        if not _missing(_match(cells, columns)[0]):
            header_at = index
            break
    if header_at is None:
        raise _missing_columns(*table[0], columns, where)
    header_row, header = table[header_at]
    found, ignored = _match(header, columns)
    parts = [
        column.heading
        for part in ("first_name", "last_name")
        for column in (found.pop(part, []) if "name" in found else [])
    ]  # a whole name wins over its parts
    _refuse_two_columns(found, where)
    chosen = {field: group[0] for field, group in found.items()}
    from_email = "user_name" not in chosen

    checked = [
        _check_row(number, cells, chosen, from_email) for number, cells in table[header_at + 1 :]
    ]
    repeats = _check_user_names(checked, from_email)
    repeated = {row for row, _first in repeats}

    students = tuple(
        RosterStudent(row.row, row.user_name, row.profile)
        for row in checked
        if not row.problems and row.row not in repeated and row.profile and row.user_name
    )
    bad = tuple(BadRow(row.row, tuple(row.problems), row.who) for row in checked if row.problems)
    used = tuple(sorted(chosen.values(), key=lambda column: column.number))
    unused = (*ignored, *parts)
    more_notes = list(notes)
    if header_row != 1:
        more_notes.append(f"The headings are on row {header_row}; the rows above were left out.")
    if from_email:
        more_notes.append(
            "The roster has no hub user name column, so each student's user name is the part "
            "of their email before the @, in lower case (ana.lima@example.edu gives "
            "ana.lima). Check that students log in to the hub with these names; if not, add "
            "a 'Username' column."
        )
    if parts:
        more_notes.append(
            f"The names are from the column '{chosen['name'].heading}'; the first and last "
            "name columns were left out."
        )
    more_notes.extend(
        f"Row {row} repeats row {first} word for word: the student is read once."
        for row, first in repeats
    )
    if unused:
        listed = ", ".join(unused[:12]) + (
            f" and {len(unused) - 12} more" if len(unused) > 12 else ""
        )
        more_notes.append(f"Columns left out: {listed}.")
    if not checked:
        more_notes.append("There are no students under the headings.")
    return Roster(
        students=students,
        bad_rows=bad,
        columns=used,
        header_row=header_row,
        user_names_from_email=from_email,
        ignored_columns=unused,
        repeats=repeats,
        file_kind=kind,
        encoding=encoding,
        sheet=sheet,
        notes=tuple(more_notes),
    )


def _match(
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


def _missing(found: dict[str, list[Column]]) -> list[str]:
    """The parts a roster needs that ``found`` lacks: ``name``, ``user_name``."""
    missing = []
    if "name" not in found and not {"first_name", "last_name"} <= found.keys():
        missing.append("name")
    if "user_name" not in found and "email" not in found:
        missing.append("user_name")
    return missing


def _missing_columns(
    row: int, header: Sequence[str], columns: RosterColumns, where: str
) -> MissingColumns:
    found, _ignored = _match(header, columns)
    missing = _missing(found)
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


def _refuse_two_columns(found: dict[str, list[Column]], where: str) -> None:
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


def _check_row(
    number: int, cells: Sequence[str], chosen: dict[str, Column], from_email: bool
) -> _Row:
    """Every problem with one row (in the order of the profile's parts), and its profile
    when it has none."""
    values: dict[str, str] = {}
    found: list[tuple[str, str]] = []  # (part, problem)
    for field, column in chosen.items():
        value = cells[column.number - 1] if column.number <= len(cells) else ""
        if value.strip() in _SPREADSHEET_ERRORS:
            found.append(
                (
                    field,
                    f"{column.heading} shows the spreadsheet error {value.strip()}, not a "
                    "value: correct the formula in that cell, or type the value in.",
                )
            )
            value = ""
        values[field] = value
    if "name" not in chosen:
        values["name"] = _whole_name(values.get("first_name", ""), values.get("last_name", ""))
        found = [
            ("name" if part in ("first_name", "last_name") else part, text) for part, text in found
        ]
    name, email = values.get("name", ""), values.get("email", "")
    raw_user = values.get("user_name", "")
    year = _year(values.get("graduation_year", ""))
    if year is None and values.get("graduation_year", "").strip():
        found.append(
            (
                "graduation_year",
                f"Graduation year {_quoted(values['graduation_year'].strip())} is not a year: "
                "write it as four digits, like 2027.",
            )
        )
    failed = {part for part, _text in found}

    profile = None
    try:
        profile = StudentProfile(
            name=name,
            email=email,
            program=values.get("program", ""),
            graduation_year=year,
            target_fields=tuple(_LIST_SEPARATORS.split(values.get("target_fields", ""))),
        )
    except InvalidRecord as invalid:
        for problem in invalid.problems:
            if problem.field in failed:
                continue
            if problem.field == "name" and not name.strip():
                found.append(("name", "No name: fill in the student's name."))
            else:
                found.append((problem.field, problem.message))
        failed |= set(invalid.fields)

    user_name, user_problem = _user_name(raw_user, email, profile, from_email, failed)
    if user_problem:
        found.append(("user_name", user_problem))
    order = {part: index for index, part in enumerate(FIELDS)}
    problems = [text for _part, text in sorted(found, key=lambda item: order[item[0]])]
    who = " ".join(shown_only(name or email or raw_user).split())
    return _Row(number, who[:60], problems, user_name, profile)


def _user_name(
    raw: str, email: str, profile: StudentProfile | None, from_email: bool, failed: set[str]
) -> tuple[str | None, str | None]:
    """A row's hub user name, or what is wrong with it (``None, None``: already said)."""
    if not from_email:
        if "user_name" in failed:
            return None, None
        if not raw.strip():
            return None, "No hub user name: fill in the name the student logs in to the hub with."
        user_name = normal_user_name(raw)
        if problem := user_name_problem(user_name):
            return None, (
                f"The hub user name {_quoted(raw.strip())} cannot be used: {problem} ({RULE})."
            )
        return user_name, None
    if "email" in failed:
        return None, None
    if not email.strip():
        return None, (
            "No email, so no hub user name can be made from it (the roster has no user name "
            "column): fill in the email, or add a 'Username' column."
        )
    user_name = user_name_from_email(profile.email if profile else email.strip())
    if problem := user_name_problem(user_name):
        return None, (
            f"The hub user name made from the email (the part before the @), "
            f"{_quoted(user_name)}, cannot be used: {problem} ({RULE}). Add a 'Username' "
            "column with each student's hub user name."
        )
    return user_name, None


def _check_user_names(rows: list[_Row], from_email: bool) -> tuple[tuple[int, int], ...]:
    """Give every row that shares its user name with another the reason; return the rows
    that only repeat an earlier one word for word (read once, not a problem)."""
    groups: dict[str, list[_Row]] = {}
    for row in rows:
        if row.user_name is not None:
            groups.setdefault(row.user_name, []).append(row)
    repeats: list[tuple[int, int]] = []
    for user_name, group in groups.items():
        if len(group) == 1:
            continue
        first = group[0]
        if all(
            not row.problems and row.profile == first.profile and first.profile is not None
            for row in group
        ):
            repeats.extend((row.row, first.row) for row in group[1:])
            continue
        made, fix = (
            (" (made from the email)", "add a 'Username' column that gives them different ones")
            if from_email
            else ("", "correct the one that is wrong")
        )
        for row in group:
            others = _rowscell_text([other.row for other in group if other is not row])
            row.problems.append(
                f"The hub user name '{user_name}'{made} is also on {others}: each student needs "
                f"their own user name. If they are two students, {fix}; if it is one student "
                "twice, delete a row."
            )
    return tuple(sorted(repeats))


def _rowscell_text(numbers: Sequence[int]) -> str:
    """``row 7`` or ``rows 7 and 9`` or ``rows 3, 7 and 9``."""
    if len(numbers) == 1:
        return f"row {numbers[0]}"
    return "rows " + ", ".join(map(str, numbers[:-1])) + f" and {numbers[-1]}"


def _whole_name(first: str, last: str) -> str:
    """A name from its two parts: family name first, with no space, when both are written
    in Chinese, Japanese or Korean characters, as those names are written.

    >>> _whole_name("Ana", "Lima"), _whole_name("小龙", "李"), _whole_name("", "Suharto")
    ('Ana Lima', '李小龙', 'Suharto')
    """
    first, last = first.strip(), last.strip()
    if first and last and _east_asian(first) and _east_asian(last):
        return last + first
    return " ".join(part for part in (first, last) if part)


def _east_asian(text: str) -> bool:
    return all(
        unicodedata.name(char, "").startswith(
            (
                "CJK UNIFIED IDEOGRAPH",
                "CJK COMPATIBILITY IDEOGRAPH",
                "HIRAGANA",
                "KATAKANA",
                "HANGUL SYLLABLE",
            )
        )
        for char in text
    )


def _year(text: str) -> int | None:
    """A graduation year written as a whole number (``2027.0``, a number exported, is 2027);
    ``None`` for anything else (the model checks its range).

    >>> _year(" 2027 "), _year("2027.0"), _year("Class of 2027"), _year("")
    (2027, 2027, None, None)
    """
    whole = _WHOLE_FLOAT.fullmatch(text)
    return int(whole.group(1)) if whole else None


def _quoted(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
