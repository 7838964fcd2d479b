"""A roster file's bytes as numbered rows of text: CSV (any delimiter and encoding a
spreadsheet writes) or XLSX (the values a spreadsheet last worked out, never formulas).

Nothing here knows what the columns mean: :mod:`infoview_lib.workshop.roster` does.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import stat
import warnings
import zipfile
from collections.abc import Iterable
from datetime import date, datetime, time
from pathlib import Path

from infoview_lib.errors import InfoviewError
from infoview_lib.store.files import read_regular_file, special_file_kind
from infoview_lib.workshop.roster_columns import RosterColumns

#: The largest roster file read (a class of thousands is far smaller).
MAX_ROSTER_BYTES = 5 * 1024 * 1024
#: The most rows with anything in them read, headings included (blank rows are not counted).
MAX_ROWS = 10_000
#: The most an XLSX file may hold once unpacked (a small file can unpack to gigabytes).
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
#: How many rows that are not blank are looked at for the headings.
HEADING_ROWS = 10

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and any password-protected workbook
_DELIMITERS = (",", ";", "\t")
#: Excel's own first line naming the delimiter (Excel hides it: the headings are row 1).
_SEP_LINE = re.compile(r"sep=([,;\t|])(?:\r\n|\r|\n)")


class RosterError(InfoviewError):
    """A roster file that cannot be read at all; the message says why in one line."""


def file_bytes(path: Path) -> bytes:
    """The bytes of the roster file at ``path`` (up to just over :data:`MAX_ROSTER_BYTES`).

    Raises :class:`RosterError` when it is missing, a folder, a named pipe or another
    special file; never waits on one.
    """
    try:
        mode = path.stat().st_mode  # follows symbolic links: a link to a roster is fine
    except (FileNotFoundError, NotADirectoryError):
        raise RosterError(f"There is no roster at {path}: check the file's name.") from None
    except OSError as error:
        raise RosterError(f"Cannot read {path}: {error.strerror or error}.") from None
    if stat.S_ISDIR(mode):
        raise RosterError(f"{path} is a folder: give the roster file (CSV or XLSX) in it.")
    if kind := special_file_kind(path, mode):
        raise RosterError(f"{path} is {kind}, not a roster: give a CSV or XLSX file.")
    try:
        data = read_regular_file(path, MAX_ROSTER_BYTES + 1)
    except OSError as error:
        raise RosterError(f"Cannot read {path}: {error.strerror or error}.") from None
    if data is None:  # swapped for a special file since it was looked at
        raise RosterError(f"{path} is not a regular file: give a CSV or XLSX file.")
    return data


# -- reading the file ----------------------------------------------------------------


def decode(data: bytes, where: str) -> tuple[str, str]:
    """The text of a CSV file, and what it was read as: UTF-16 (with a byte-order mark, or
    plainly without one), UTF-8, else Windows-1252, else Latin-1 (which reads any bytes).
    Refused when it is not text."""
    text, words = None, "UTF-16"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise RosterError(
                f"{where} is damaged (it ends in the middle of a character): export the "
                "roster again."
            ) from None
    head = data[:4096]
    for order, high in (("utf-16-le", head[1::2]), ("utf-16-be", head[::2])):
        if text is None and high.count(0) > len(high) * 3 // 4:  # mostly ASCII in UTF-16
            try:
                text = data.decode(order)
            except UnicodeDecodeError:
                raise _not_a_roster(where) from None
    if text is None:
        text, words = _eight_bit(data.removeprefix(codecs.BOM_UTF8))
    text = text.rstrip("\x1a")  # the end-of-file mark of old Windows programs
    head_text = text[:4096]
    controls = sum(char < " " and char not in "\t\r\n" for char in head_text)
    if "\x00" in head_text or controls > len(head_text) // 100:
        raise _not_a_roster(where)
    return text, words


def _eight_bit(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252 (Western European)"
    except UnicodeDecodeError:  # one of the five bytes Windows-1252 leaves out
        return data.decode("latin-1"), "Latin-1 (ISO 8859-1)"


def _not_a_roster(where: str) -> RosterError:
    return RosterError(
        f"{where} is not a CSV or XLSX file: export the roster from the spreadsheet or "
        "learning platform as CSV or Excel (.xlsx)."
    )


def numbered_rows(rows: Iterable[tuple[int, list[str]]], where: str) -> list[tuple[int, list[str]]]:
    """The rows with something in them, each without the empty cells at its end; at most
    :data:`MAX_ROWS` of them (blank rows, which a sheet may have by the million, are not
    counted)."""
    table: list[tuple[int, list[str]]] = []
    for number, cells in rows:
        while cells and not cells[-1].strip():
            cells.pop()
        if any(cell.strip() for cell in cells):
            if len(table) == MAX_ROWS:
                raise RosterError(
                    f"{where} has over {MAX_ROWS:,} rows: that is not a class roster. Export "
                    "only the class's students."
                )
            table.append((number, cells))
    return table


def csv_rows(text: str, where: str, columns: RosterColumns) -> list[tuple[int, list[str]]]:
    """The rows of a CSV text, numbered as a spreadsheet shows them."""
    delimiter = None
    if declared := _SEP_LINE.match(text):
        delimiter, text = declared.group(1), text[declared.end() :]
    if delimiter is None:
        delimiter = _delimiter(text, columns)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return numbered_rows(enumerate(reader, start=1), where)
    except csv.Error as error:
        raise RosterError(
            f"{where} cannot be read as CSV near row {reader.line_num} ({error}): open it in "
            "a spreadsheet and export it again."
        ) from None


def _delimiter(text: str, columns: RosterColumns) -> str:
    """The delimiter that finds the most known headings in the first lines, else the one
    that splits the first line into the most cells."""
    lines = [line for line in text.splitlines()[: HEADING_ROWS * 3] if line.strip()]
    lines = lines[:HEADING_ROWS]

    def cells(line: str, delimiter: str) -> list[str]:
        try:
            return next(csv.reader([line], delimiter=delimiter), [])
        except csv.Error:  # a cell too long: reading the file says so
            return []

    def score(delimiter: str) -> tuple[int, int]:
        known = max(
            (
                sum(columns.field_of(cell) is not None for cell in cells(line, delimiter))
                for line in lines
            ),
            default=0,
        )
        return known, len(cells(lines[0], delimiter) if lines else [])

    return max(_DELIMITERS, key=score)  # ties: the first in _DELIMITERS


def xlsx_rows(data: bytes, where: str) -> tuple[list[tuple[int, list[str]]], str, tuple[str, ...]]:
    """The rows of an XLSX file's sheet, its name, and notes about the other sheets."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
            kind = b""
            if "mimetype" in names and unpacked <= MAX_UNPACKED_BYTES:
                with archive.open("mimetype") as mimetype:
                    kind = mimetype.read(100)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise RosterError(
            f"{where} is damaged (it looks like an Excel file, but cannot be opened): open "
            "it in the spreadsheet and save it again as .xlsx or CSV."
        ) from None
    if "xl/workbook.xml" not in names:
        what = "an OpenDocument (.ods) spreadsheet" if b"spreadsheet" in kind else "a zip file"
        raise RosterError(
            f"{where} is {what}, not an Excel workbook: save it as Excel Workbook (.xlsx) or CSV."
        )
    if unpacked > MAX_UNPACKED_BYTES:
        raise RosterError(
            f"{where} holds over {MAX_UNPACKED_BYTES // (1024 * 1024)} MB once unpacked: that "
            "is not a class roster. Export only the class's students."
        )
    import openpyxl  # type: ignore[import-untyped]  # ships no type information

    try:
        with warnings.catch_warnings():  # styles or extensions it cannot read: not our concern
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=True, keep_links=False
            )
            try:
                sheets = list(book.worksheets)
                if not sheets:
                    raise RosterError(f"{where} has no sheet of cells: export the roster again.")
                sheet = book.active if book.active in sheets else sheets[0]
                sheet.reset_dimensions()  # a saved size of A1:XFD1048576 would pad every row
                cells = sheet.iter_rows(min_row=1, min_col=1, values_only=True)
                table = numbered_rows(
                    (
                        (number, [cell_text(value) for value in values])
                        for number, values in enumerate(cells, start=1)
                    ),
                    where,
                )
                title = str(sheet.title)
            finally:
                book.close()
    except RosterError:
        raise
    except Exception:  # a damaged file can fail anywhere in zip, XML or openpyxl
        raise RosterError(
            f"{where} is damaged (it looks like an Excel file, but cannot be read): open it in "
            "the spreadsheet and save it again as .xlsx or CSV."
        ) from None
    notes: tuple[str, ...] = ()
    if len(sheets) > 1:
        notes = (
            f"The file has {len(sheets)} sheets; only '{title}' (the one open when it was "
            "saved) was read.",
        )
    return table, title, notes


def cell_text(value: object) -> str:
    """A cell's value as the text a spreadsheet shows (a whole number without '.0').

    >>> cell_text(2027.0), cell_text(None), cell_text(datetime(2026, 3, 16)), cell_text("=1+1")
    ('2027', '', '2026-03-16', '=1+1')
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
