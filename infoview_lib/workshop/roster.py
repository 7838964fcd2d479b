"""Reading a workshop roster: a CSV or XLSX file of students, as a spreadsheet exports it.

:func:`read_roster` only reads. It returns a :class:`Roster`: the students it can make a
workbook for, each with the row number a spreadsheet shows (the headings are row 1) and a
:class:`~infoview_lib.model.StudentProfile`, and every bad row with its reasons, all at
once. A file it cannot read at all raises :class:`RosterError` with one plain line.
Its columns are found by :mod:`~infoview_lib.workshop.roster_headings`, and each row is
checked by :mod:`~infoview_lib.workshop.roster_rows`.

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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from infoview_lib.model import StudentProfile
from infoview_lib.workshop.roster_columns import RosterColumns, RosterColumnsError, load_columns
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
from infoview_lib.workshop.roster_headings import (
    Column,
    MissingColumns,
    match_headings,
    missing_columns,
    missing_parts,
    refuse_two_columns,
)
from infoview_lib.workshop.roster_rows import check_row, check_user_names

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
        if not missing_parts(match_headings(cells, columns)[0]):
            header_at = index
            break
    if header_at is None:
        raise missing_columns(*table[0], columns, where)
    header_row, header = table[header_at]
    found, ignored = match_headings(header, columns)
    parts = [
        column.heading
        for part in ("first_name", "last_name")
        for column in (found.pop(part, []) if "name" in found else [])
    ]  # a whole name wins over its parts
    refuse_two_columns(found, where)
    chosen = {field: group[0] for field, group in found.items()}
    from_email = "user_name" not in chosen

    checked = [
        check_row(number, cells, chosen, from_email) for number, cells in table[header_at + 1 :]
    ]
    repeats = check_user_names(checked, from_email)
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
