"""The workbook as spreadsheets: a CSV file per sheet in a folder, or one XLSX workbook.

Both are made from :func:`~infoview_lib.exports.sheets.sheets`, with every text cell
that a spreadsheet would run as a formula neutralised (:mod:`.cells`); in the XLSX file
such a cell is also stored as text, never as a formula. CSV files are UTF-8 with a
byte-order mark (so a spreadsheet opened with a double click shows every script as it
is), dates as ``2026-03-14`` and ``2026-03-14 10:30``; XLSX dates are real dates. Each
file is written whole and readable by its owner only, and holds nothing of the moment it
was made (the XLSX file's zip entries and properties all say 1980-01-01).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from infoview_lib.exports.cells import neutralise
from infoview_lib.exports.sheets import Cell, Sheet, sheets
from infoview_lib.exports.targets import check_free, write_export
from infoview_lib.private_files import make_private_folders, write_private
from infoview_lib.store import Workbook

#: The time stamped on every entry of an XLSX file (a zip archive's earliest) and given
#: as its creation and change time, so that the same workbook always gives the same bytes.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_DAY_FORMAT = "yyyy-mm-dd"
_MOMENT_FORMAT = "yyyy-mm-dd hh:mm"


def csv_files(book: Workbook) -> dict[str, bytes]:
    """Each sheet of ``book`` as a CSV file's bytes, by file name."""
    return {f"{sheet.file_stem}.csv": _csv(sheet) for sheet in sheets(book)}


def write_csv_folder(book: Workbook, folder: Path, *, replace: bool = False) -> list[Path]:
    """Write a CSV file per sheet into ``folder`` (made 0700 if missing); returns them.

    Unless ``replace``, nothing is written if any of the files is already there.
    """
    files = csv_files(book)
    targets = [folder / name for name in files]
    check_free(targets, replace=replace)
    make_private_folders(folder)
    for target in targets:
        write_private(target, files[target.name])
    return targets


def xlsx_bytes(book: Workbook) -> bytes:
    """``book`` as an XLSX workbook, a sheet per kind of record."""
    return _xlsx(sheets(book))


def write_xlsx(book: Workbook, target: Path, *, replace: bool = False) -> Path:
    """Write ``book`` as an XLSX file at ``target``; unless ``replace``, never over a file."""
    return write_export(target, xlsx_bytes(book), replace=replace)


def _text(value: Cell) -> object:
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    return neutralise(value)


def _csv(sheet: Sheet) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180, as spreadsheets expect
    writer.writerow(neutralise(header) for header in sheet.headers)
    writer.writerows([_text(value) for value in row] for row in sheet.rows)
    return buffer.getvalue().encode("utf-8-sig")


def _xlsx(all_sheets: Sequence[Sheet]) -> bytes:
    # Slow to import: only this export needs them. openpyxl ships no type information.
    from openpyxl import Workbook as Spreadsheet  # type: ignore[import-untyped]
    from openpyxl.styles import Font  # type: ignore[import-untyped]
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
    from openpyxl.writer.excel import ExcelWriter  # type: ignore[import-untyped]

    spreadsheet = Spreadsheet()
    spreadsheet.remove(spreadsheet.active)
    for sheet in all_sheets:
        page = spreadsheet.create_sheet(sheet.title)
        page.append([_safe(header) for header in sheet.headers])
        for row in sheet.rows:
            page.append([_safe(value) for value in row])
        for cell in page[1]:
            cell.font = Font(bold=True)
        for number, header in enumerate(sheet.headers, start=1):
            width = max([len(header), *(_width(row[number - 1]) for row in sheet.rows)])
            page.column_dimensions[get_column_letter(number)].width = min(width + 2, 60)
        for cells in page.iter_rows(min_row=2):
            for cell in cells:
                _finish(cell)
        page.freeze_panes = "B2"
    properties = spreadsheet.properties
    properties.creator = "infoview"
    properties.created = properties.modified = datetime(*_ZIP_TIME)  # not the moment made
    buffer = io.BytesIO()
    ExcelWriter(spreadsheet, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    return _timeless(buffer.getvalue())


def _safe(value: Cell) -> Cell:
    safe = neutralise(value)
    assert safe is None or isinstance(safe, str | int | date)
    return safe


def _finish(cell: object) -> None:
    """Text is text (never a formula); dates show as dates."""
    value = getattr(cell, "value", None)
    if isinstance(value, str):
        cell.data_type = "s"  # type: ignore[attr-defined]
    elif isinstance(value, datetime):
        cell.number_format = _MOMENT_FORMAT  # type: ignore[attr-defined]
    elif isinstance(value, date):
        cell.number_format = _DAY_FORMAT  # type: ignore[attr-defined]


def _width(value: Cell) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime | date):
        return 16
    return max(len(line) for line in str(value).split("\n"))


def _timeless(archive: bytes) -> bytes:
    """The zip archive ``archive`` with every entry stamped :data:`_ZIP_TIME`."""
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(archive)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            stamped = zipfile.ZipInfo(entry.filename, date_time=_ZIP_TIME)
            stamped.compress_type = zipfile.ZIP_DEFLATED
            stamped.external_attr = 0o600 << 16
            target.writestr(stamped, source.read(entry))
    return output.getvalue()
