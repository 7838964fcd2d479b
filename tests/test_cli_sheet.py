"""``infoview sheet``: a meeting's interview sheet as a PDF from the command line; what it
cannot make is said in one line, and nothing is written."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from infoview_lib.model import Contact, Meeting, StudentProfile
from infoview_lib.store import Workbook
from infoview_lib.workflow.questions import QuestionItem, save_question_set
from tests.conftest import run_cli

QUESTIONS = ("How did you enter the field?", "Is there anyone else I should talk to?")


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    """Meeting 1 with Wei Ng and two questions; meeting 2 with none."""
    path = tmp_path / "ana.infoview"
    with Workbook.create(path, StudentProfile(name="Ana Lima")) as book:
        wei = book.add(Contact(name="Wei Ng", organisation="Riverside Clinic"))
        assert wei.id is not None
        for day in (17, 24):
            book.add(Meeting(contact_id=wei.id, starts_at=datetime(2026, 3, day, 14, 0)))
        save_question_set(book, 1, [QuestionItem(text) for text in QUESTIONS])
    return path


run = run_cli


@pytest.mark.parametrize(("paper", "height"), [("a4", 842), ("letter", 792)])
def test_sheet_writes_the_meetings_pdf_on_the_paper_asked_for(
    capsys: pytest.CaptureFixture[str], workbook: Path, paper: str, height: int
) -> None:
    out = workbook.parent / "wei.pdf"
    code, said, err = run(
        capsys, "sheet", str(workbook), "--meeting", "1", "--out", str(out), "--paper", paper
    )
    assert (code, err) == (0, "")
    assert said == f"Interview sheet for meeting 1 written to {out}.\n"
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    text = " ".join((page.extract_text() or "") for page in reader.pages)
    assert text.index(QUESTIONS[0]) < text.index(QUESTIONS[1])
    assert round(float(reader.pages[0].mediabox[3])) == height
    assert out.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    ("meeting", "out", "said"),
    [
        ("2", "s.pdf", "infoview: Meeting 2 has no questions saved yet: add them in notebook 03"),
        ("7", "s.pdf", "There is no meeting number 7 in this workbook."),
        ("1", "s.txt", "infoview: s.txt does not end in .pdf: name the sheet's PDF file."),
    ],
)
def test_a_sheet_that_cannot_be_made_is_one_line_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], workbook: Path, meeting: str, out: str, said: str
) -> None:
    target = workbook.parent / out
    code, printed, err = run(
        capsys, "sheet", str(workbook), "--meeting", meeting, "--out", str(target)
    )
    assert (code, printed) == (1, "")
    assert said in err
    assert len(err.splitlines()) == 1
    assert not target.exists()


def test_the_meeting_and_the_file_are_required(
    capsys: pytest.CaptureFixture[str], workbook: Path
) -> None:
    code, _, err = run(capsys, "sheet", str(workbook), "--out", "x.pdf")
    assert code == 2
    assert "Missing option '--meeting'" in err
