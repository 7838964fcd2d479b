"""The interview sheet: one printed page (two at most) to bring to a meeting.

The guide says to bring paper and pen: the sheet has the contact, their organisation, the
time and place, the student's research notes in brief, the questions in order with room to
write under each, the guide's reminders (``data/coaching/sheet.yaml``) and room for notes.

:func:`build_sheet` reads what it needs from a workbook; :func:`sheet_html` renders it with
the template beside the reports' (autoescaped: student text is text); :func:`sheet_pdf`
makes the tagged PDF (PDF/UA-1, like the reports), giving each question as much room to
write as fits on one page, else on two; :func:`write_sheet` does it all and writes the file
0600. Nothing here reads the clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from infoview_lib.coach.calendar import day_words
from infoview_lib.coach.duplicates import organisation_key
from infoview_lib.coach.sheet_rules import Reminder, sheet_rules
from infoview_lib.errors import InfoviewError
from infoview_lib.model import Contact, Meeting, MeetingStatus, Question, ResearchNote
from infoview_lib.model.labels import labels
from infoview_lib.private_files import write_private
from infoview_lib.reports.printing import TEMPLATES_DIR, html_to_pdf, report_css
from infoview_lib.store import Workbook

TEMPLATE = "infoview_sheet"
#: Research notes printed, and how long each may be (in characters) before it is cut.
MOST_NOTES, NOTE_CHARACTERS = 4, 220
#: The room's ruled lines are this far apart, in mm (as in sheet.css).
LINE_MM = 6.5
#: Room to write under each question, in ruled lines, from the most to the least tried.
ROOM_LINES = (6, 5, 4, 3, 2, 1)
#: The fewest lines under a question worth keeping the sheet to one page for; with fewer,
#: two pages with more room are better.
ONE_PAGE_LINES = 2
#: Lines of room for notes at the end.
NOTES_LINES = 3
_KINDS: dict[object, str] = dict(labels(Meeting)["format"].choices)


@dataclass(frozen=True, slots=True)
class SheetNote:
    """A research note in brief: whom or what it is about, its topic and its words."""

    about: str
    topic: str
    text: str


@dataclass(frozen=True, slots=True)
class InterviewSheet:
    """Everything printed on a meeting's sheet, as plain text."""

    meeting_id: int
    contact: str
    role: str
    organisation: str
    connection: str
    starts_at: datetime
    minutes: int
    place: str
    kind: str
    notes: tuple[SheetNote, ...]
    more_notes: int
    questions: tuple[str, ...]
    reminders: tuple[Reminder, ...]

    @property
    def title(self) -> str:
        """The sheet's title, also the PDF's."""
        return f"Interview sheet: {self.contact}"

    @property
    def when(self) -> str:
        """The meeting's day and time, in words."""
        return f"{day_words(self.starts_at.date())} at {self.starts_at:%H:%M}"


def shorten(text: str, most: int = NOTE_CHARACTERS) -> str:
    """``text`` on one line, cut at a word to at most ``most`` characters.

    >>> shorten("Runs the lab's  outreach\\nprogramme.", 20)
    "Runs the lab's…"
    """
    flat = " ".join(text.split())
    if len(flat) <= most:
        return flat
    cut = flat[: most - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


def brief_notes(
    notes: Sequence[ResearchNote], contact: Contact
) -> tuple[tuple[SheetNote, ...], int]:
    """The notes about ``contact`` or their organisation, in brief (those about the person
    first), and how many more there are."""
    organisation = organisation_key(contact.organisation)
    mine = [note for note in notes if contact.id is not None and note.contact_id == contact.id]
    theirs = [
        note
        for note in notes
        if note.contact_id is None
        and bool(organisation)
        and organisation_key(note.organisation) == organisation
    ]
    chosen = [*mine, *theirs]
    shown = tuple(
        SheetNote(
            contact.name if note.contact_id is not None else contact.organisation,
            shorten(note.topic, 60),
            shorten(note.text),
        )
        for note in chosen[:MOST_NOTES]
    )
    return shown, max(0, len(chosen) - MOST_NOTES)


def build_sheet(book: Workbook, meeting_id: int) -> InterviewSheet:
    """What meeting ``meeting_id``'s sheet says; a meeting moved or cancelled, or without
    questions saved, is refused with what to do instead."""
    meeting = book.get(Meeting, meeting_id)
    if meeting.status is MeetingStatus.CANCELLED:
        raise InfoviewError(
            f"Meeting {meeting_id} was cancelled: there is no sheet to print for it. "
            "Plan a new meeting in notebook 04 if you still hope to talk."
        )
    if meeting.status is MeetingStatus.RESCHEDULED:
        raise InfoviewError(
            f"Meeting {meeting_id} was moved: print the sheet of the meeting at its new time."
        )
    questions = sorted(book.all(Question, meeting_id=meeting_id), key=lambda q: q.position)
    if not questions:
        raise InfoviewError(
            f"Meeting {meeting_id} has no questions saved yet: add them in notebook 03 and "
            "click Save my questions, then print the sheet."
        )
    contact = book.get(Contact, meeting.contact_id)
    notes, more = brief_notes(book.all(ResearchNote), contact)
    return InterviewSheet(
        meeting_id=meeting_id,
        contact=contact.name,
        role=contact.role,
        organisation=contact.organisation,
        connection=contact.connection,
        starts_at=meeting.starts_at,
        minutes=meeting.planned_minutes,
        place=meeting.place,
        kind=_KINDS.get(meeting.format, meeting.format.label),
        notes=notes,
        more_notes=more,
        questions=tuple(question.text for question in questions),
        reminders=sheet_rules().reminders,
    )


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR / TEMPLATE),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def sheet_css(paper: str = "A4") -> str:
    """The reports' print CSS for ``paper``, then the sheet's own."""
    own = (TEMPLATES_DIR / TEMPLATE / "sheet.css").read_text(encoding="utf-8")
    return f"{report_css(paper)}\n{own}"


def sheet_html(sheet: InterviewSheet, *, paper: str = "A4", lines: int = ROOM_LINES[0]) -> str:
    """The sheet as a whole HTML page, with ``lines`` ruled lines under each question."""
    return (
        _environment()
        .get_template("sheet.html.j2")
        .render(
            sheet=sheet,
            title=sheet.title,
            meta=f"{sheet.when} · Confidential",
            when=sheet.when,
            css=Markup(sheet_css(paper)),  # noqa: S704 (infoview's own CSS, no student text)
            room_mm=round(lines * LINE_MM, 1),
            notes_mm=round(NOTES_LINES * LINE_MM, 1),
        )
    )


def _pages(page: str) -> int:
    import weasyprint

    from infoview_lib.reports.printing import DataOnlyFetcher

    return len(weasyprint.HTML(string=page, url_fetcher=DataOnlyFetcher()).render().pages)


def fitted_html(sheet: InterviewSheet, paper: str = "A4") -> str:
    """The sheet with the most room under each question that keeps it to one page (with
    at least :data:`ONE_PAGE_LINES` lines), else to two; with very many questions, the
    least room (and as many pages as the questions take: none is left out).

    Fewer lines never take more pages, so each search halves the choices left: a
    sheet is laid out three or four times, not once per choice."""
    counted: dict[int, int] = {}

    def pages(lines: int) -> int:
        if lines not in counted:
            counted[lines] = _pages(sheet_html(sheet, paper=paper, lines=lines))
        return counted[lines]

    def most(choices: tuple[int, ...], at_most: int) -> int | None:
        low, high = 0, len(choices)  # the first choice that fits is in choices[low:high]
        while low < high:
            middle = (low + high) // 2
            if pages(choices[middle]) <= at_most:
                high = middle
            else:
                low = middle + 1
        return choices[low] if low < len(choices) else None

    roomy = tuple(lines for lines in ROOM_LINES if lines >= ONE_PAGE_LINES)
    lines = most(roomy, 1) or most(ROOM_LINES, 2) or ROOM_LINES[-1]
    return sheet_html(sheet, paper=paper, lines=lines)


def sheet_pdf(sheet: InterviewSheet, paper: str = "A4") -> bytes:
    """The sheet as a tagged PDF (PDF/UA-1), fitted to one page or two."""
    return html_to_pdf(fitted_html(sheet, paper))


def sheet_file(workbook: Path, meeting_id: int) -> Path:
    """Where the UI writes a meeting's sheet: beside the workbook, named after it (never
    after anything a student typed)."""
    return workbook.with_name(f"{workbook.stem}-interview-sheet-{meeting_id}.pdf")


def write_sheet(workbook: Path, meeting_id: int, target: Path, *, paper: str = "A4") -> Path:
    """Read meeting ``meeting_id``'s sheet from ``workbook`` and write it to ``target`` as a
    PDF, readable by its owner only; returns ``target``."""
    if target.suffix.lower() != ".pdf":
        raise InfoviewError(f"{target.name} does not end in .pdf: name the sheet's PDF file.")
    with Workbook.read_only(workbook) as book:
        sheet = build_sheet(book, meeting_id)
    write_private(target, sheet_pdf(sheet, paper))
    return target
