# mypy: disable-error-code="arg-type"
# (these tests give choices as text, as forms and files do)
"""The report's content and HTML: every sample student, empty, huge and hostile workbooks."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path

import nbformat
import pytest

from infoview_lib.cli.workbook import status_report
from infoview_lib.errors import InfoviewError
from infoview_lib.model import (
    Contact,
    FollowUp,
    FollowUpKind,
    InterviewLog,
    Meeting,
    MeetingStatus,
    Outreach,
    PipelineStatus,
    Question,
    StudentProfile,
)
from infoview_lib.notebook_builder import build
from infoview_lib.reports.chart import funnel_png
from infoview_lib.reports.content import build_report
from infoview_lib.reports.notebook_view import open_report
from infoview_lib.reports.sections import report_html, section_html
from infoview_lib.reports.student_report import SECTIONS, StudentReport, parse_sections
from infoview_lib.sample_cohort import build_cohort, load_cohort
from infoview_lib.store import Workbook, WorkbookMissing, status_summary
from tests.conftest import AS_OF, digest

ROOT = Path(__file__).resolve().parents[2]
PNG = b"\x89PNG\r\n\x1a\n"
LONG_WORD = "x" * 5_000
RTL = "مرحبا بالعالم שלום עולם"
EMOJI = "🎓🚀👩🏽‍⚕️"


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return build_cohort(tmp_path_factory.mktemp("cohort"))


def _report(path: Path, **options: object) -> StudentReport:
    with Workbook.open(path) as book:
        return build_report(book, load_cohort().as_of, **options)


def _rows(html: str, table: str) -> list[str]:
    body = re.search(rf'<table class="infoview-table infoview-{table}">(.*?)</table>', html)
    assert body is not None, f"no {table} table"
    return re.findall(r"<tr[ >].*?</tr>", body.group(1).split("<tbody>")[1])


def test_every_sample_student_gets_a_full_report(cohort: list[Path]) -> None:
    as_of = load_cohort().as_of
    for path in cohort:
        with Workbook.open(path) as book:
            report = build_report(book, as_of, advisor="Sam Advisor")
            summary = status_summary(book, as_of)
            status = status_report(book, as_of)  # what `infoview status` prints
        html = report_html(report)
        assert f'<h1 class="infoview-student">{_escaped(report.student)}</h1>' in html
        assert (
            f'<p class="infoview-meta">As of {as_of.isoformat()} · Advisor: Sam Advisor · '
            "Confidential</p>"
        ) in html
        assert report.stage_counts == summary.stages
        overdue = re.search(r"Follow-ups: (\d+) overdue", status)
        assert overdue is not None
        assert report.overdue_count == int(overdue.group(1))
        assert report.overdue_count >= len(summary.overdue)
        assert f"Overdue follow-ups: {report.overdue_count}" in html
        if report.follow_ups:
            assert f"Overdue: {report.overdue_count} ·" in html
        assert html.count("OVERDUE") >= report.overdue_count + report.overdue_actions
        assert len(_rows(html, "contacts")) == report.contact_count
        assert "data:image/png;base64," in html
        for name in SECTIONS:
            assert f"infoview-{name.replace('_', '-')}" in html
        assert '<div class="infoview-notes-lines"></div>' in html


def test_overdue_items_are_marked_in_words(cohort: list[Path]) -> None:
    reports = [_report(path) for path in cohort]
    late = [report for report in reports if report.overdue_count]
    assert late, "the sample cohort has a student with overdue follow-ups"
    for report in late:
        rows = _rows(section_html(report, "follow_ups"), "follow-ups")
        marked = [row for row in rows if 'class="infoview-overdue"' in row]
        assert len(marked) == report.overdue_count
        assert all("OVERDUE" in row for row in marked)


def test_a_student_with_no_records(book: Workbook) -> None:
    report = build_report(book, AS_OF)
    html = report_html(report)
    assert report.contact_count == 0
    assert report.last_activity is None
    assert report.stuck
    assert report.stuck_reason == "No contacts yet"
    for message in ("No contacts yet.", "No outreach messages yet.", "No meetings yet."):
        assert message in html
    assert funnel_png(report.stage_counts).startswith(PNG)


def test_500_contacts_stay_readable(book: Workbook) -> None:
    statuses = list(PipelineStatus)
    with book.transaction():
        for number in range(500):
            status = statuses[number % len(statuses)]
            book.add(Contact(name=f"Person {number:03d}", organisation="Acme", status=status))
    report = build_report(book, AS_OF)
    html = section_html(report, "contacts", max_rows=50)
    assert len(_rows(html, "contacts")) == 50
    assert "450 more contacts not shown" in html
    assert "All 500 by status: Identified: 63" in html
    assert len(_rows(section_html(report, "contacts"), "contacts")) == 50  # reports.yaml


def test_hostile_text_is_shown_as_text(book_path: Path) -> None:
    profile = StudentProfile(name="<script>alert(1)</script>", program="<b>Biology</b> & co")
    with Workbook.create(book_path, profile) as book:
        contact = book.add(Contact(name=f"<b>Bold</b> {EMOJI}", organisation=RTL, notes=LONG_WORD))
        assert contact.id is not None
        book.add(Outreach(contact_id=contact.id, subject="<img src=x onerror=alert(1)>"))
        meeting = book.add(
            Meeting(
                contact_id=contact.id,
                starts_at=datetime(2026, 3, 10, 10),
                status=MeetingStatus.DONE,
            )
        )
        assert meeting.id is not None
        book.add(Question(meeting_id=meeting.id, text="<script>q()</script>?"))
        book.add(
            InterviewLog(meeting_id=meeting.id, key_advice=LONG_WORD, referrals=("<i>Ida</i>",))
        )
        book.add(
            FollowUp(contact_id=contact.id, kind=FollowUpKind.THANK_YOU, due_on=date(2026, 3, 1))
        )
        book.save_setting("unsaved:outreach", "UNSAVED-SECRET")
        report = build_report(book, AS_OF, advisor="<em>Ms X</em>")
    html = report_html(report)
    for tag in ("<script", "<b>", "<img src=x", "<i>", "<em>"):
        assert tag not in html
    for shown in ("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;Bold&lt;/b&gt;", RTL, EMOJI):
        assert shown in html
    assert LONG_WORD in html
    assert "UNSAVED-SECRET" not in html
    assert "OVERDUE" in html


def test_the_same_workbook_and_day_give_the_same_report(cohort: list[Path]) -> None:
    first, second = (report_html(_report(cohort[2])) for _ in range(2))
    assert first == second
    counts = _report(cohort[2]).stage_counts
    assert funnel_png(counts) == funnel_png(counts)


def test_the_report_depends_on_the_as_of_day_only(cohort: list[Path]) -> None:
    as_of = load_cohort().as_of
    with Workbook.open(cohort[2]) as book:
        now = build_report(book, as_of)
        later = build_report(book, as_of + timedelta(days=60))
    assert now.as_of != later.as_of
    assert later.stuck
    assert "no activity for" in later.stuck_reason.lower()


def test_sections_can_be_chosen(cohort: list[Path]) -> None:
    report = _report(cohort[1], sections="contacts, progress")
    assert report.sections == ("progress", "contacts")
    assert section_html(report, "meetings") == ""
    html = report_html(report)
    assert "infoview-progress" in html
    assert "infoview-contacts" in html
    assert "infoview-meetings" not in html
    assert "Advisor notes" not in html
    assert parse_sections("all") == SECTIONS == parse_sections("")


def test_an_unknown_section_is_a_plain_error() -> None:
    with pytest.raises(InfoviewError, match=r"Unknown report section.*gossip.*progress, contacts"):
        parse_sections("progress,gossip")


def test_open_report_reads_without_changing_the_workbook(cohort: list[Path]) -> None:
    before = digest(cohort[0])
    view = open_report(str(cohort[0]), load_cohort().as_of.isoformat(), "Sam")
    assert view.report.advisor == "Sam"
    assert digest(cohort[0]) == before


@pytest.mark.parametrize(
    ("workbook", "as_of", "message"),
    [
        ("", "2026-03-16", "workbook is empty"),
        ("x.infoview", "", "as_of is empty"),
        ("x.infoview", "16/03/2026", "not a date"),
    ],
)
def test_open_report_refuses_bad_parameters(workbook: str, as_of: str, message: str) -> None:
    with pytest.raises(InfoviewError, match=message):
        open_report(workbook, as_of)


def test_open_report_on_a_missing_workbook(tmp_path: Path) -> None:
    with pytest.raises(WorkbookMissing):
        open_report(tmp_path / "nobody.infoview", "2026-03-16")


def test_the_parameters_marker_tags_a_code_cell() -> None:
    notebook = build("%%md\n# Title\n%%code parameters\nx = 1\n%%code\nprint(x)\n")
    kinds = [(cell.cell_type, cell.metadata.get("tags")) for cell in notebook.cells]
    assert kinds == [("markdown", None), ("code", ["parameters"]), ("code", None)]


def test_the_report_notebook_is_generated_from_its_spec() -> None:
    folder = ROOT / "notebooks" / "report"
    shipped = nbformat.read(folder / "student_report.ipynb", as_version=4)  # type: ignore[no-untyped-call]
    assert shipped == build((folder / "student_report.md").read_text(encoding="utf-8"))
    assert all(not cell.get("outputs") for cell in shipped.cells)
    assert shipped.cells[0].metadata["tags"] == ["parameters"]
    assert all(cell.cell_type == "code" for cell in shipped.cells)  # nothing printed but outputs


def _escaped(text: str) -> str:
    from html import escape

    return escape(text)


def test_follow_ups_agree_with_status_and_steps_follow_the_dated_actions(book: Workbook) -> None:
    as_of = date(2026, 3, 16)
    ken = book.add(Contact(name="Ken Sato", organisation="Kestrel", status="contacted"))
    mia = book.add(Contact(name="Mia Roy", priority="high"))
    ida = book.add(Contact(name="Ida Lind", organisation="Harbour", status="met"))
    assert ken.id is not None
    assert mia.id is not None
    assert ida.id is not None
    # Sent and unanswered: the workbook works out a second contact, overdue by now.
    book.add(Outreach(contact_id=ken.id, subject="Hello", status="sent", sent_on=date(2026, 3, 2)))
    book.add(
        Outreach(
            contact_id=ida.id,
            subject="Your work at Harbour",
            status="sent",
            sent_on=date(2026, 3, 5),
            replied_on=date(2026, 3, 9),
        )
    )
    book.add(
        Meeting(
            contact_id=ida.id,
            starts_at=datetime(2026, 3, 20, 10),
            status=MeetingStatus.RESCHEDULED,
            status_reason="Rescheduled: " + "she had to travel to a conference abroad " * 4,
        )
    )
    book.add(
        FollowUp(
            contact_id=ida.id,
            kind=FollowUpKind.KEEP_IN_TOUCH,
            due_on=date(2026, 3, 1),
            status="skipped",
        )
    )
    report = build_report(book, as_of)
    status = status_report(book, as_of)
    html = report_html(report)

    overdue = re.search(r"Follow-ups: (\d+) overdue", status)
    assert overdue is not None
    assert report.overdue_count == int(overdue.group(1)) >= 1
    rows = _rows(html, "follow-ups")
    late = [row for row in rows if 'class="infoview-overdue"' in row]
    assert len(late) == report.overdue_count
    assert any("Second contact" in row and "Ken Sato" in row for row in late)
    assert "Worked out from the records" in html
    assert f"Overdue follow-ups: {report.overdue_count}" in html
    skipped = [row for row in rows if "Skipped" in row]
    assert skipped
    assert all("Skipped -" not in row for row in skipped)

    actions = _rows(html, "next-actions")
    firsts = [row for row in actions if "Write a first message" in row]
    assert len(firsts) == 1
    assert "Mia Roy" in firsts[0]
    assert "No set day" in firsts[0]
    assert actions.index(firsts[0]) == len(actions) - 1  # after the dated actions

    outreach = _rows(html, "outreach")
    assert any("Sent 2026-03-05" in row and "Replied 2026-03-09" in row for row in outreach)

    [meeting] = _rows(html, "meetings")
    cells = re.findall(r"<td>(.*?)</td>", meeting)
    assert cells[3] == "Rescheduled"  # the Status column holds the status only
    assert "she had to travel" in cells[4]  # the note sits in the wide column


def test_wording_when_there_is_nothing_dated(book: Workbook) -> None:
    book.add(Contact(name="Σοφία Κωνσταντίνου", priority="high"))
    report = build_report(book, AS_OF)
    assert report.next_actions == ()
    html = section_html(report, "next_actions")
    assert "Nothing to do right now" not in html
    assert "Write a first message" in html
    assert "Σοφία Κωνσταντίνου is on your list, high priority" in html
