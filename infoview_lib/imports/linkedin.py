"""LinkedIn's ``Connections.csv``, in every layout it has had, read into plain rows.

The current export starts with a ``Notes:`` preamble of varying length; older ones have
none, and some have no URL column. The header row is found by what it says, never by
skipping a fixed number of lines. A file re-saved by a spreadsheet may have trailing empty
columns, semicolons for commas, another encoding, a byte-order mark or CRLF line ends: all
are read. Rows of members who hide their details (only a date) are skipped and counted.

>>> text = (
...     "Notes:\\n\\"Some emails may be missing.\\"\\n\\n"
...     "First Name,Last Name,URL,Email Address,Company,Position,Connected On\\n"
...     "Zoë,Müller,https://www.linkedin.com/in/zoe-muller,,Helix Bio,Analyst,30 May 2024\\n"
...     ",,,,,,02 Jan 2023\\n"
... )
>>> found = parse_connections(text.encode())
>>> [(row.name, row.company, str(row.connected_on)) for row in found.connections]
[('Zoë Müller', 'Helix Bio', '2024-05-30')]
>>> [(row.line, row.reason) for row in found.skipped]
[(6, 'a member who hides their details (LinkedIn gives only the date)')]
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from infoview_lib.errors import InfoviewError
from infoview_lib.imports.dates import connected_day
from infoview_lib.imports.decoding import decode

#: The largest file read: a LinkedIn export of 30,000 connections is about 5 MB.
MAX_BYTES = 50 * 1024 * 1024
#: How far into the file the header row is looked for (the preamble is a few lines).
HEADER_WITHIN = 50
#: Each column infoview reads, by the names it has had in exports and re-saves.
COLUMNS = {
    "first_name": ("first name", "firstname", "given name"),
    "last_name": ("last name", "lastname", "surname", "family name"),
    "url": ("url", "profile url", "linkedin url", "linkedin profile", "profile"),
    "email": ("email address", "email", "e-mail address", "e-mail", "emailaddress"),
    "company": ("company", "organization", "organisation", "company name"),
    "position": ("position", "title", "job title"),
    "connected_on": ("connected on", "connected", "connected date", "connectedon"),
}
#: How each column is named in messages: as LinkedIn names it.
HEADINGS = {
    "first_name": "First Name",
    "last_name": "Last Name",
    "url": "URL",
    "email": "Email Address",
    "company": "Company",
    "position": "Position",
    "connected_on": "Connected On",
}
HIDDEN = "a member who hides their details (LinkedIn gives only the date)"
NO_NAME = "no first or last name"
_DELIMITERS = (",", ";", "\t")
_KNOWN = {name: column for column, names in COLUMNS.items() for name in names}


class NotAConnectionsFile(InfoviewError):
    """A file that is not LinkedIn's list of connections, saying what it lacks."""


@dataclass(frozen=True, slots=True)
class Connection:
    """One connection as the file gives it, tidied: no extra spaces, line breaks or tabs."""

    line: int
    first_name: str
    last_name: str
    url: str = ""
    email: str = ""
    company: str = ""
    position: str = ""
    connected_on: date | None = None

    @property
    def name(self) -> str:
        """First and last name, as one."""
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True, slots=True)
class SkippedRow:
    """A row left out, its line in the file, and why in plain words."""

    line: int
    reason: str
    name: str = ""


@dataclass(frozen=True, slots=True)
class ConnectionsFile:
    """What a ``Connections.csv`` holds: the connections, the rows left out and why, and
    how the file was read (its encoding, the line of its header, the columns found)."""

    connections: tuple[Connection, ...]
    skipped: tuple[SkippedRow, ...]
    encoding: str
    header_line: int
    columns: tuple[str, ...]


def read_connections(path: Path) -> ConnectionsFile:
    """The connections in the file at ``path``; refused with a plain message if it is not
    LinkedIn's list of connections."""
    if path.stat().st_size > MAX_BYTES:
        raise NotAConnectionsFile(
            f"{path.name} is over {MAX_BYTES // (1024 * 1024)} MB, too big for a list of "
            "connections: choose the Connections.csv file from your LinkedIn export."
        )
    return parse_connections(path.read_bytes(), name=path.name)


def parse_connections(data: bytes, *, name: str = "The file") -> ConnectionsFile:
    """The connections in ``data``, the contents of a ``Connections.csv``; ``name`` is how
    messages call the file."""
    text, encoding = decode(data)
    text = text.lstrip("\ufeff")
    delimiter, line_index, header = _find_header(text, name)
    columns = _columns(header)
    missing = [HEADINGS[column] for column in ("first_name", "last_name") if column not in columns]
    if len(missing) == 2:  # one of the two is enough: some members give only one name
        raise NotAConnectionsFile(
            f"{name} has no name columns: its header row (line {line_index}) has no "
            f"'{missing[0]}' or '{missing[1]}' column. Choose the Connections.csv file from "
            "your LinkedIn data export, or add those two column headings."
        )
    connections: list[Connection] = []
    skipped: list[SkippedRow] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    for _ in range(line_index):
        next(reader)
    for line, cells in _rows(reader):
        found = _row(line, cells, columns)
        if isinstance(found, SkippedRow):
            skipped.append(found)
        elif found is not None:
            connections.append(found)
    return ConnectionsFile(
        tuple(connections),
        tuple(skipped),
        encoding,
        line_index,
        tuple(HEADINGS[column] for column in columns),
    )


def _key(cell: str) -> str:
    """A heading as compared: no case, quotes, stray marks or extra spaces."""
    return " ".join(cell.replace("\ufeff", "").replace("_", " ").strip(" \"'").casefold().split())


def _columns(header: Sequence[str]) -> dict[str, int]:
    """Where each known column is in ``header`` (the first, if named twice)."""
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        column = _KNOWN.get(_key(cell))
        if column is not None and column not in found:
            found[column] = index
    return found


def _find_header(text: str, name: str) -> tuple[str, int, list[str]]:
    """The delimiter, the line number and the cells of the header row: the first row, near
    the top, with two or more of the columns LinkedIn writes, with the delimiter that finds
    the most."""
    best: tuple[int, str, int, list[str]] | None = None
    for delimiter in _DELIMITERS:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            for index, cells in enumerate(reader):
                if index >= HEADER_WITHIN:
                    break
                known = len(_columns(cells))
                if known >= 2:
                    if best is None or known > best[0]:
                        best = (known, delimiter, reader.line_num, cells)
                    break
        except csv.Error:
            continue
    if best is None:
        expected = ", ".join(HEADINGS.values())
        raise NotAConnectionsFile(
            f"{name} is not a LinkedIn list of connections: no header row with its columns "
            f"({expected}) was found near the top. Choose the Connections.csv file from your "
            "LinkedIn data export."
        )
    _, delimiter, line, cells = best
    return delimiter, line, cells


def _rows(reader: Iterator[list[str]]) -> Iterator[tuple[int, list[str]]]:
    """Each row after the header and the line it starts on."""
    line = getattr(reader, "line_num", 0)
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise NotAConnectionsFile(
                f"The file cannot be read as CSV after line {line} ({error}): save it again "
                "as CSV from your spreadsheet, or download it again from LinkedIn."
            ) from None
        yield line + 1, cells
        line = getattr(reader, "line_num", line + 1)


def _tidy(cell: str) -> str:
    """A cell on one line: composed accents, no tabs, line breaks or extra spaces."""
    if not unicodedata.is_normalized("NFC", cell):
        cell = unicodedata.normalize("NFC", cell)
    return " ".join(cell.split())


def _row(line: int, cells: list[str], columns: dict[str, int]) -> Connection | SkippedRow | None:
    """One row as a connection; a skipped row with its reason; ``None`` if it is empty."""
    values = {
        column: _tidy(cells[index]) if index < len(cells) else ""
        for column, index in columns.items()
    }
    if not any(cell.strip() for cell in cells):
        return None
    first, last = values.get("first_name", ""), values.get("last_name", "")
    if not first and not last:
        details = [value for column, value in values.items() if value and column != "connected_on"]
        return SkippedRow(line, NO_NAME if details else HIDDEN)
    return Connection(
        line=line,
        first_name=first,
        last_name=last,
        url=values.get("url", ""),
        email=values.get("email", ""),
        company=values.get("company", ""),
        position=values.get("position", ""),
        connected_on=connected_day(values.get("connected_on", "")),
    )
