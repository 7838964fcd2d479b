"""Spreadsheets: readable headers and dates, formulas neutralised, owner-only files."""

from __future__ import annotations

import csv
import io
import stat
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl  # type: ignore[import-untyped]
import pytest

from infoview_lib.exports.cells import FORMULA_STARTS
from infoview_lib.exports.spreadsheet import write_csv_folder, write_xlsx, xlsx_bytes
from infoview_lib.exports.targets import TargetExists
from infoview_lib.model import Contact
from infoview_lib.store import Workbook
from tests.exports.conftest import FORMULAS

SHEETS = [
    "Contacts",
    "Messages",
    "Research notes",
    "Meetings",
    "Questions",
    "Interview logs",
    "Follow-ups",
]


def _csv(path: Path) -> list[list[str]]:
    text = path.read_bytes().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def _all_text(rows: list[list[str]]) -> list[str]:
    return [value for row in rows for value in row if isinstance(value, str)]


def test_csv_a_file_per_sheet_with_readable_headers(formulas: Path, tmp_path: Path) -> None:
    with Workbook.read_only(formulas) as book:
        written = write_csv_folder(book, tmp_path / "out")
    assert [path.name for path in written] == [
        "contacts.csv",
        "messages.csv",
        "research-notes.csv",
        "meetings.csv",
        "questions.csv",
        "interview-logs.csv",
        "follow-ups.csv",
    ]
    contacts = _csv(tmp_path / "out" / "contacts.csv")
    assert contacts[0][:4] == ["No.", "Full name", "Where they come from", "Organisation"]
    assert "How you know them" in contacts[0]
    assert contacts[0][-2:] == ["Referred by", "Referred by (No.)"]
    assert contacts[2][-2:] == ["'" + FORMULAS[0], "1"]  # who referred them, and their number
    meetings = _csv(tmp_path / "out" / "meetings.csv")
    assert meetings[0][3] == "Date and time"
    assert meetings[1][3] == "2026-03-14 10:30"
    assert meetings[1][5] == "Coffee or lunch"
    follow_ups = _csv(tmp_path / "out" / "follow-ups.csv")
    assert dict(zip(follow_ups[0], follow_ups[1], strict=True))["Due date"] == "2026-03-15"
    questions = _csv(tmp_path / "out" / "questions.csv")
    assert questions[1][1] == '\'=HYPERLINK("http://x.example","a"), 2026-03-14 10:30'


def test_csv_neutralises_every_formula(formulas: Path, tmp_path: Path) -> None:
    with Workbook.read_only(formulas) as book:
        written = write_csv_folder(book, tmp_path / "out")
    cells = [cell for path in written for cell in _all_text(list(_csv(path)))]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    for typed in ("=HYPERLINK(", "+1 555 010 0187", "-2+3", "@SUM(1)", "=1+1", "=What next?"):
        assert any(cell.startswith("'" + typed) for cell in cells), typed
    assert "'-Org" in cells
    assert "'=Bob" in cells


def test_xlsx_read_back_with_openpyxl(formulas: Path, tmp_path: Path) -> None:
    with Workbook.read_only(formulas) as book:
        target = write_xlsx(book, tmp_path / "work.xlsx")
    spreadsheet = openpyxl.load_workbook(target)
    assert spreadsheet.sheetnames == SHEETS
    texts = []
    for page in spreadsheet:
        for row in page.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{page.title}!{cell.coordinate} is a formula"
                if isinstance(cell.value, str):
                    assert cell.data_type == "s"
                    texts.append(cell.value)
    assert not [text for text in texts if text.startswith(FORMULA_STARTS)]
    assert "'=What next?" in texts
    assert "'+1 555 010 0187" in texts
    meetings = spreadsheet["Meetings"]
    headers = [cell.value for cell in meetings[1]]
    assert headers[:4] == ["No.", "Who you will meet", "Who you will meet (No.)", "Date and time"]
    assert meetings["D2"].value == datetime(2026, 3, 14, 10, 30)
    assert meetings["D2"].number_format == "yyyy-mm-dd hh:mm"
    due = spreadsheet["Follow-ups"]["E2"]
    assert (due.value, due.number_format) == (datetime(2026, 3, 15), "yyyy-mm-dd")
    assert spreadsheet["Interview logs"]["F2"].value == "'=Bob"
    role = spreadsheet["Contacts"]["E3"]  # text a spreadsheet shows as an error code
    assert (role.value, role.data_type) == ("#N/A", "s")


def test_xlsx_holds_nothing_of_the_moment_it_was_made(cohort: list[Path]) -> None:
    with Workbook.read_only(cohort[3]) as book:
        content = xlsx_bytes(book)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert {entry.date_time for entry in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert str(date.today().year) not in core
    with Workbook.read_only(cohort[3]) as book:
        assert xlsx_bytes(book) == content


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_files_are_owner_only_and_never_replaced_unless_asked(
    cohort: list[Path], tmp_path: Path, kind: str
) -> None:
    out = tmp_path / "new" / ("sheets" if kind == "csv" else "work.xlsx")
    with Workbook.read_only(cohort[1]) as book:
        written = write_csv_folder(book, out) if kind == "csv" else [write_xlsx(book, out)]
        for path in written:
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o700
        before = written[0].read_bytes()
        written[0].write_bytes(b"mine")
        with pytest.raises(TargetExists, match="already there"):
            write_csv_folder(book, out) if kind == "csv" else write_xlsx(book, out)
        assert written[0].read_bytes() == b"mine"
        again = (
            write_csv_folder(book, out, replace=True)
            if kind == "csv"
            else [write_xlsx(book, out, replace=True)]
        )
    assert again[0].read_bytes() == before


def test_every_sample_student_exports(cohort: list[Path]) -> None:
    for path in cohort:
        with Workbook.read_only(path) as book:
            spreadsheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(book)))
            contacts = spreadsheet["Contacts"].max_row - 1
            assert contacts == len(book.all(Contact)) > 0
