"""The interview sheet: every question in order, one page or two, no code, student text
shown as text, tagged for screen readers like the reports."""

from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from infoview_lib.coach.sheet_rules import sheet_rules
from infoview_lib.errors import InfoviewError
from infoview_lib.model import Contact, Meeting, MeetingStatus, ResearchNote, StudentProfile
from infoview_lib.reports.sheet import (
    LINE_MM,
    ONE_PAGE_LINES,
    build_sheet,
    fitted_html,
    sheet_file,
    sheet_html,
    sheet_pdf,
    write_sheet,
)
from infoview_lib.store import Workbook
from infoview_lib.workflow.questions import QuestionItem, save_question_set
from tests.reports.test_tagged_pdf import assert_tagged_document, read_tagged

HOSTILE = "Zoë <script>alert(1)</script> <b>Bold</b> & {{ 7*7 }}"
GUIDE_QUESTIONS = (
    "Can you tell me about your career path?",
    "How did you enter the field?",
    "What do you find challenging and rewarding?",
    "What prepared you for your current position?",
    "What is it like working for your organisation?",
    "Is there anyone else that you think I should talk to?",
)


def _workbook(folder: Path, questions: tuple[str, ...], *, name: str = "Wei Ng") -> Path:
    """A workbook with meeting 1 with ``name`` at Riverside Clinic and ``questions``."""
    path = folder / "ana.infoview"
    with Workbook.create(path, StudentProfile(name="Ana Lima")) as book:
        wei = book.add(Contact(name=name, organisation="Riverside Clinic", role="Epidemiologist"))
        assert wei.id is not None
        book.add(ResearchNote(contact_id=wei.id, topic="their team", text="Leads outbreaks."))
        book.add(ResearchNote(organisation="Riverside Clinic", text="A teaching clinic."))
        meeting = book.add(
            Meeting(contact_id=wei.id, starts_at=datetime(2026, 3, 17, 14, 0), place="Café")
        )
        assert meeting.id == 1
        save_question_set(book, 1, [QuestionItem(text) for text in questions])
    return path


def _text(content: bytes) -> str:
    """The PDF's words, on one line."""
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def _pages(content: bytes) -> int:
    return len(PdfReader(io.BytesIO(content)).pages)


def _sheet_pdf(path: Path, paper: str = "A4") -> bytes:
    with Workbook.read_only(path) as book:
        return sheet_pdf(build_sheet(book, 1), paper)


def test_the_sheet_holds_every_question_in_order_and_the_meeting(tmp_path: Path) -> None:
    content = _sheet_pdf(_workbook(tmp_path, GUIDE_QUESTIONS))
    text = _text(content)
    places = [text.index(question) for question in GUIDE_QUESTIONS]
    assert places == sorted(places)
    for fact in ("Wei Ng", "Riverside Clinic", "Epidemiologist", "Tuesday 17 March 2026 at 14:00"):
        assert fact in text
    assert "Café" in text
    assert "30 minutes" in text
    assert "Leads outbreaks." in text
    assert "A teaching clinic." in text
    assert _pages(content) == 1


def test_the_guides_reminders_are_printed_from_the_coaching_data(tmp_path: Path) -> None:
    text = _text(_sheet_pdf(_workbook(tmp_path, GUIDE_QUESTIONS[:3])))
    reminders = sheet_rules().reminders
    assert [r.label for r in reminders] == [
        "Be on time",
        "Hand over a resume only if they ask",
        "Ask whom else you should talk to",
        "Ask whether you may keep in touch, and how",
    ]
    for reminder in reminders:
        assert f"{reminder.label}. {reminder.hint}" in text


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_many_questions_take_two_pages_at_most_and_none_is_left_out(
    tmp_path: Path, paper: str
) -> None:
    questions = tuple(
        f"Question {n}: what surprised you most about your first year in the field?"
        for n in range(1, 21)
    )
    content = _sheet_pdf(_workbook(tmp_path, questions), paper)
    assert _pages(content) == 2
    text = _text(content)
    places = [text.index(question) for question in questions]
    assert places == sorted(places)
    width, height = PdfReader(io.BytesIO(content)).pages[0].mediabox[2:]
    expected = (595, 842) if paper == "a4" else (612, 792)
    assert (round(float(width)), round(float(height))) == expected


def test_hostile_student_text_is_shown_as_text_not_markup(tmp_path: Path) -> None:
    path = _workbook(tmp_path, (f"What about {HOSTILE}?",), name=HOSTILE)
    with Workbook.read_only(path) as book:
        sheet = build_sheet(book, 1)
    page = sheet_html(sheet)
    assert "<script>" not in page
    assert "<b>Bold</b>" not in page
    assert "&lt;script&gt;" in page
    words = _text(sheet_pdf(sheet)).replace(" ", "")  # pypdf may break a line inside "</b>"
    assert f"Interview sheet: {HOSTILE}".replace(" ", "") in words
    assert f"What about {HOSTILE}?".replace(" ", "") in words  # braces not run either


def test_the_sheet_has_no_code(tmp_path: Path) -> None:
    text = _text(_sheet_pdf(_workbook(tmp_path, GUIDE_QUESTIONS)))
    for code in ("import ", "def ", "infoview_lib", "Traceback", "ui.", "()", "{", "<"):
        assert code not in text, code


def test_the_sheet_is_a_titled_tagged_pdf_in_english(tmp_path: Path) -> None:
    tagged = read_tagged(_sheet_pdf(_workbook(tmp_path, GUIDE_QUESTIONS)))
    assert_tagged_document(tagged, "Interview sheet: Wei Ng")
    assert tagged.headings == ["H1", "H2", "H2", "H2", "H2", "H2"]
    assert tagged.root.find("L")  # the questions and reminders are lists
    assert tagged.figures == []


def test_write_sheet_writes_a_private_pdf_beside_the_workbook(tmp_path: Path) -> None:
    path = _workbook(tmp_path, GUIDE_QUESTIONS)
    target = sheet_file(path, 1)
    assert target == tmp_path / "ana-interview-sheet-1.pdf"
    write_sheet(path, 1, target, paper="Letter")
    assert target.stat().st_mode & 0o777 == 0o600
    assert target.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("cancel", r"Meeting 1 was cancelled: there is no sheet to print"),
        ("empty", r"Meeting 1 has no questions saved yet: add them in notebook 03"),
        ("missing", r"There is no meeting number 9 in this workbook"),
    ],
)
def test_a_sheet_that_cannot_be_made_says_why_and_writes_nothing(
    tmp_path: Path, change: str, message: str
) -> None:
    path = _workbook(tmp_path, GUIDE_QUESTIONS)
    with Workbook.open(path) as book:
        if change == "cancel":
            meeting = book.get(Meeting, 1)
            book.update(
                Meeting(
                    id=1,
                    contact_id=meeting.contact_id,
                    starts_at=meeting.starts_at,
                    status=MeetingStatus.CANCELLED,
                    status_reason="I was ill.",
                )
            )
        if change == "empty":
            save_question_set(book, 1, [])
    target = tmp_path / "sheet.pdf"
    with pytest.raises(InfoviewError, match=message):
        write_sheet(path, 9 if change == "missing" else 1, target)
    assert not target.exists()


def test_a_target_that_is_not_a_pdf_is_refused(tmp_path: Path) -> None:
    path = _workbook(tmp_path, GUIDE_QUESTIONS)
    with pytest.raises(InfoviewError, match=re.escape("notes.txt does not end in .pdf")):
        write_sheet(path, 1, tmp_path / "notes.txt")


def _room_mm(page: str) -> float:
    rooms = {float(mm) for mm in re.findall(r'answer-room" style="height: ([\d.]+)mm', page)}
    (room,) = rooms  # every question has the same room
    return room


def test_fewer_questions_get_more_room_to_write(tmp_path: Path) -> None:
    rooms = []
    for count in (3, 8, 20):
        folder = tmp_path / str(count)
        folder.mkdir()
        questions = tuple(f"{n}. {GUIDE_QUESTIONS[n % 6]}" for n in range(count))
        with Workbook.read_only(_workbook(folder, questions)) as book:
            rooms.append(_room_mm(fitted_html(build_sheet(book, 1))))
    assert rooms[0] > rooms[2] > 0
    assert rooms[1] > rooms[2]
    assert rooms[2] >= ONE_PAGE_LINES * LINE_MM  # 20 questions on two pages, two lines each
