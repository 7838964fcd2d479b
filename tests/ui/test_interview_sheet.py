"""Print my interview sheet, on the questions page (03) and the meeting page (04): the PDF
beside the workbook and a notice saying where, or why not with nothing written."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import ipywidgets as widgets
import pytest
from pypdf import PdfReader

from infoview_lib.model import Contact, Meeting, PipelineStatus, Question, StudentProfile
from infoview_lib.store import Workbook
from infoview_lib.ui.interview_sheet import PRINT, InterviewSheetPanel

TODAY = date(2026, 3, 16)
NOW = datetime(2026, 3, 16, 9, 0)
QUESTIONS = ("Can you tell me about your career path?", "Is there anyone else I should ask?")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """Meeting 1 with Wei on Thursday, with two questions."""
    path = tmp_path / "ana.infoview"
    with Workbook.create(path, StudentProfile(name="Ana Lima")) as book:
        book.add(Contact(name="Dr. Wei Ng", status=PipelineStatus.SCHEDULED))
        book.add(Meeting(contact_id=1, starts_at=datetime(2026, 3, 19, 14, 30)))
        for position, text in enumerate(QUESTIONS):
            book.add(Question(meeting_id=1, text=text, position=position))
    return path


def _text(pdf: Path) -> str:
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    return " ".join(page.extract_text() or "" for page in reader.pages)


def _panel_in(view: widgets.Widget) -> list[widgets.Button]:
    found = []
    stack = [view]
    while stack:
        widget = stack.pop()
        if isinstance(widget, widgets.Button) and widget.description == PRINT:
            found.append(widget)
        stack.extend(getattr(widget, "children", ()))
    return found


def test_the_button_writes_the_sheet_beside_the_workbook_and_says_where(path: Path) -> None:
    panel = InterviewSheetPanel(path, lambda: 1)
    panel.paper.value = "Letter"
    said: list[str] = []
    panel.status.observe(lambda change: said.append(change["new"]), "value")
    panel.button.click()
    target = path.parent / "ana-interview-sheet-1.pdf"
    assert "Making your interview sheet" in said[0]  # while the sheet is made
    assert not panel.button.disabled
    assert "Saved." in panel.status.value
    assert str(target) in panel.status.value
    text = _text(target)
    assert text.index(QUESTIONS[0]) < text.index(QUESTIONS[1])
    height = PdfReader(io.BytesIO(target.read_bytes())).pages[0].mediabox[3]
    assert round(float(height)) == 792
    assert target.stat().st_mode & 0o777 == 0o600


def test_no_meeting_or_unsaved_questions_write_nothing_and_say_why(path: Path) -> None:
    none = InterviewSheetPanel(path, lambda: None)
    none.button.click()
    assert "Pick a meeting first" in none.status.value
    unsaved = InterviewSheetPanel(path, lambda: 1, unsaved=lambda: True)
    unsaved.button.click()
    assert "Click Save my questions, then print the sheet." in unsaved.status.value
    assert list(path.parent.glob("*.pdf")) == []


def test_a_meeting_without_questions_is_refused_in_the_notice(path: Path) -> None:
    with Workbook.open(path) as book:
        book.add(Meeting(contact_id=1, starts_at=datetime(2026, 3, 26, 14, 30)))
    panel = InterviewSheetPanel(path, lambda: 2)
    panel.button.click()
    assert "Not saved." in panel.status.value
    assert "Meeting 2 has no questions saved yet" in panel.status.value
    assert list(path.parent.glob("*.pdf")) == []


def test_the_questions_page_prints_the_meeting_shown_once_saved(path: Path) -> None:
    from infoview_lib.ui.questions import PrepareQuestions

    page = PrepareQuestions(path, TODAY)
    (button,) = _panel_in(page.view)
    page.contact.value = 1
    assert page.meeting_id == 1
    page.questions.add_own("What surprised you most in your first year?")
    assert page.questions.dirty
    button.click()
    assert "Click Save my questions" in page.sheet.status.value
    assert not (path.parent / "ana-interview-sheet-1.pdf").exists()
    page.questions.save_form.button.click()
    button.click()
    assert "ana-interview-sheet-1.pdf" in page.sheet.status.value
    assert "What surprised you most in your first year?" in _text(
        path.parent / "ana-interview-sheet-1.pdf"
    )


def test_the_meeting_page_prints_the_meeting_shown(path: Path) -> None:
    from infoview_lib.ui.meeting import PlanMeeting

    page = PlanMeeting(path, TODAY, NOW)
    (button,) = _panel_in(page.view)
    assert page.meeting is not None
    button.click()
    assert (path.parent / "ana-interview-sheet-1.pdf").exists()
    assert "beside your workbook" in page.sheet.status.value
