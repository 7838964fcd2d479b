"""Contacts in, work out, in Voila at a laptop's window size: a student brings in her LinkedIn
connections on ``01_pick_contacts`` (upload, preview, find, tick, a category, add), takes a
spreadsheet and a backup of her workbook from ``00_start_here``, then adds her meetings to her
calendar and prints her interview sheet on ``04_meeting`` and ``03_prepare_questions``.

Each file is checked where it lands (beside the workbook, readable by her only) and read back;
what each click says is in view; axe-core audits each page once its panel has answered.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import icalendar
from openpyxl import load_workbook  # type: ignore[import-untyped]
from playwright.sync_api import Browser, Locator, Page, expect
from pypdf import PdfReader

from infoview_lib.local_server import ServerPlan
from infoview_lib.model import Contact, ContactCategory, Meeting, PipelineStatus, Question
from infoview_lib.reports.sheet import sheet_file
from infoview_lib.store import Workbook
from infoview_lib.ui.backup_panel import backup_path, spreadsheet_path
from infoview_lib.ui.fields import meeting_label
from infoview_lib.ui.meeting_calendar import calendar_path
from tests.browser import (
    TIMEOUT_MS,
    TODAY,
    InView,
    button,
    checkbox,
    dropdown,
    labelled,
    notice,
    pick,
    sample_workbook,
    student_page,
    text_area,
    window_size,
)
from tests.browser.test_accessibility import Audit, assert_wcag_clean, audit
from tests.ui.test_contact_import import ROWS_2024

CONNECTIONS = Path(__file__).parents[1] / "data" / "linkedin" / "connections_2024.csv"
#: The new rows of that file, as each tick box reads (Wei Ng is in the workbook already; a
#: hidden member's row is skipped).
ROWS = ROWS_2024
#: Dmitry's meeting to come, in three days (sample student 04).
MARCUS = "Marcus D'Amico"


def _contacts(path: Path) -> dict[str, Contact]:
    with Workbook.open(path) as book:
        return {contact.name: contact for contact in book.all(Contact)}


def _private(path: Path) -> bool:
    """Whether ``path`` is a file readable and writable by its owner only."""
    return path.is_file() and path.stat().st_mode & 0o777 == 0o600


def _row_category(page: Page, name: str) -> Locator:
    """The category drop-down on the row of the connection called ``name``."""
    row = page.locator(".widget-hbox", has=page.locator(".widget-checkbox", has_text=name))
    return row.locator("select").first


def _find(page: Page, words: str) -> None:
    """Type ``words`` in Find and press Enter (the search runs when the typing is done)."""
    search = labelled(page, "Find")
    search.fill(words)
    search.press("Enter")


def _wider_than_a_phone(page: Page) -> list[str]:
    """What sticks out sideways at 320 CSS pixels (a small laptop at 400% zoom, WCAG's
    reflow), tables aside (they scroll in their own box)."""
    with window_size(page, 320, 800):
        found: list[str] = page.evaluate(
            """() => [...document.querySelectorAll('#rendered_cells *')]
              .filter(e => !e.closest('table') && e.getBoundingClientRect().width > 0)
              .filter(e => e.getBoundingClientRect().right > innerWidth + 1)
              .map(e => `${e.tagName}.${[...e.classList].join('.')}: ${
                (e.innerText || '').trim().slice(0, 40)}`)"""
        )
    return found


def _pdf_text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def _in_order(text: str, parts: list[str]) -> bool:
    """Whether each of ``parts`` is in ``text``, one after the other."""
    where = 0
    for part in parts:
        found = text.find(part, where)
        if found < 0:
            return False
        where = found + len(part)
    return True


def _marcus(path: Path) -> tuple[Meeting, list[str], int]:
    """Dmitry's meeting with Marcus, its questions in order, and how many meetings he has."""
    with Workbook.open(path) as book:
        names = {contact.id: contact.name for contact in book.all(Contact)}
        meetings = book.all(Meeting)
        (meeting,) = [m for m in meetings if names[m.contact_id] == MARCUS]
        questions = sorted(book.all(Question, meeting_id=meeting.id or 0), key=lambda q: q.position)
        return meeting, [" ".join(q.text.split()) for q in questions], len(meetings)


def test_a_student_brings_in_linkedin_contacts_then_takes_a_spreadsheet_and_a_backup(
    browser: Browser, serve: Callable[..., ServerPlan], tmp_path: Path
) -> None:
    workbook = sample_workbook("01", tmp_path / "student")
    with Workbook.open(workbook) as book:  # met at a careers fair, before LinkedIn
        book.add(Contact(name="Wei Ng", organisation="Riverside Clinic"))
    before = _contacts(workbook)
    plan = serve(workbook)
    page = student_page(browser, plan, "01_pick_contacts")
    seen = InView(page)
    audits: list[Audit] = []
    wide: list[str] = []  # what sticks out sideways at 320 CSS pixels, page by page

    # Choose the file: the preview says what importing it would do, and nothing is written.
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Choose Connections.csv").click()
    chooser.value.set_files(CONNECTIONS)
    counts = page.locator(".widget-html", has_text="4 new, 1 already in your workbook, 1 skipped")
    seen.shown(counts, "01_import_preview")
    rows = page.locator(".widget-checkbox.infoview-wrap:visible", has_text="Connected on LinkedIn")
    expect(rows).to_have_text(ROWS, timeout=TIMEOUT_MS)
    assert page.get_by_text("Rows 1 to 4 of 4 new. 0 ticked.").is_visible()
    assert _contacts(workbook).keys() == before.keys()
    audits.append(audit(page, "01_pick_contacts", "import_preview"))
    wide += _wider_than_a_phone(page)

    # Find by company, tick her, and give her a category of her own.
    _find(page, "harbor")
    expect(rows).to_have_text(ROWS[1:2], timeout=TIMEOUT_MS)
    seen.shown(rows.first, "01_import_found")
    checkbox(page, "Priya Raman").check()
    _row_category(page, "Priya Raman").select_option(label="Family friend")
    # Then by position: the researcher, with the category for all.
    _find(page, "analyst")
    expect(rows).to_have_text(ROWS[:1], timeout=TIMEOUT_MS)
    checkbox(page, "Zoë Müller").check()
    add = button(page, "Add 2 ticked contacts")
    expect(add).to_be_enabled(timeout=TIMEOUT_MS)
    _find(page, "")
    expect(rows).to_have_text(ROWS, timeout=TIMEOUT_MS)
    expect(checkbox(page, "Priya Raman")).to_be_checked()
    expect(_row_category(page, "Priya Raman")).to_have_value(ContactCategory.FAMILY_FRIEND.label)
    add.click()
    added = notice(page, "saved", "Added 2 contacts from LinkedIn")
    seen.shown(added, "01_import_added")
    audits.append(audit(page, "01_pick_contacts", "import_added"))

    now = _contacts(workbook)
    assert now.keys() - before.keys() == {"Zoë Müller", "Priya Raman"}
    priya, zoe = now["Priya Raman"], now["Zoë Müller"]
    assert priya.category is ContactCategory.FAMILY_FRIEND
    assert zoe.category is ContactCategory.OTHER  # the category for all, left as it was
    assert priya.organisation == "Harbor Health, Inc."
    assert zoe.role == "Research Analyst"
    for contact in (priya, zoe):
        assert contact.status is PipelineStatus.IDENTIFIED
        assert "LinkedIn" in contact.connection
    page.close(run_before_unload=True)  # so Voila stops its kernel now

    # Take her work with her: a spreadsheet, then a backup, beside the workbook.
    page = student_page(browser, plan, "00_start_here")
    seen.page = page  # one record of what was out of view, page after page
    button(page, "Make a spreadsheet").click()
    spreadsheet = spreadsheet_path(workbook, TODAY)
    said = seen.shown(notice(page, "saved", "Your spreadsheet is"), "00_spreadsheet_made")
    assert str(spreadsheet) in " ".join(said.inner_text().split())
    assert _private(spreadsheet)
    sheets = load_workbook(spreadsheet, read_only=True)
    names = {str(cell) for row in sheets["Contacts"].iter_rows(values_only=True) for cell in row}
    sheets.close()
    assert {"Priya Raman", "Zoë Müller", "Wei Ng"} <= names

    button(page, "Make a backup").click()
    backup = backup_path(workbook, TODAY)
    said = seen.shown(notice(page, "saved", "Your backup is"), "00_backup_made")
    assert f"infoview restore {backup}" in " ".join(said.inner_text().split())
    assert _private(backup)
    kept = json.loads(backup.read_text(encoding="utf-8"))
    assert {"Priya Raman", "Zoë Müller"} <= {c["name"] for c in kept["records"]["contacts"]}
    audits.append(audit(page, "00_start_here", "take_away"))
    wide += _wider_than_a_phone(page)
    page.close(run_before_unload=True)
    seen.check()
    assert wide == []
    assert_wcag_clean(audits)


def test_a_student_adds_her_meetings_to_her_calendar_and_prints_her_interview_sheet(
    browser: Browser, serve: Callable[..., ServerPlan], tmp_path: Path
) -> None:
    workbook = sample_workbook("04", tmp_path / "student")
    meeting, questions, meetings = _marcus(workbook)
    assert meeting.starts_at > datetime(2026, 3, 16)
    assert len(questions) >= 3
    plan = serve(workbook)
    page = student_page(browser, plan, "04_meeting")
    seen = InView(page)
    audits: list[Audit] = []
    wide: list[str] = []  # what sticks out sideways at 320 CSS pixels, page by page

    # The meeting to come: its sheet, to take along.
    pick(page, "Meeting", MARCUS)
    sheet = sheet_file(workbook, meeting.id or 0)
    button(page, "Print my interview sheet").click()
    said = seen.shown(notice(page, "saved", "Your interview sheet is in"), "04_sheet_printed")
    assert str(sheet) in " ".join(said.inner_text().split())
    assert _private(sheet)
    text = _pdf_text(sheet)
    assert MARCUS in text
    assert _in_order(text, questions), (questions, text)

    # Every meeting in her own calendar: the one to come with a reminder the day before.
    button(page, "Add to my calendar").click()
    said = seen.shown(notice(page, "saved", "Your calendar is in"), "04_calendar_added")
    ics = calendar_path(workbook)
    assert f"{meetings} meeting(s)" in said.inner_text()
    assert page.get_by_role("link", name=f"Download {ics.name}").is_visible()
    assert _private(ics)
    calendar = icalendar.Calendar.from_ical(ics.read_bytes())
    timed = [e for e in calendar.walk("VEVENT") if isinstance(e.decoded("dtstart"), datetime)]
    assert len(timed) == meetings  # one event per meeting
    assert len({str(e["uid"]) for e in calendar.walk("VEVENT")}) == len(calendar.walk("VEVENT"))
    (marcus,) = [e for e in timed if MARCUS in str(e["summary"])]
    assert marcus.decoded("dtstart").replace(tzinfo=None) == meeting.starts_at
    assert str(marcus["status"]) == "CONFIRMED"
    assert len(marcus.walk("VALARM")) == 1
    audits.append(audit(page, "04_meeting", "take_away"))
    wide += _wider_than_a_phone(page)
    page.close(run_before_unload=True)

    # The questions page: the same sheet, printed after picking the meeting with questions.
    sheet.unlink()
    page = student_page(browser, plan, "03_prepare_questions")
    seen.page = page  # one record of what was out of view, page after page
    pick(page, "Contact", MARCUS)
    meetings_of_marcus = dropdown(page, "Meeting").locator("option")
    expect(meetings_of_marcus).to_have_count(2, timeout=TIMEOUT_MS)  # his, and a new one
    pick(page, "Meeting", meeting_label(meeting))
    expect(text_area(page, "Question 1")).to_have_value(questions[0], timeout=TIMEOUT_MS)
    button(page, "Print my interview sheet").click()
    seen.shown(notice(page, "saved", "Your interview sheet is in"), "03_sheet_printed")
    assert _private(sheet)
    assert _in_order(_pdf_text(sheet), questions)
    page.close(run_before_unload=True)
    seen.check()
    assert wide == []
    assert_wcag_clean(audits)
