"""The plain functions the meeting page is a view of: the moment readiness counts from, how
ready a meeting is and its checklist as HTML, and which kept input belongs to which meeting;
and what the page's panels take from it (:class:`MeetingPage`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from typing import Protocol
from unicodedata import east_asian_width

import ipywidgets as widgets

from infoview_lib.coach.meeting import (
    ItemState,
    Readiness,
    ReadinessItem,
    When,
    meeting_readiness,
)
from infoview_lib.coach.questions import check_question_set
from infoview_lib.errors import InfoviewError
from infoview_lib.model import (
    Contact,
    Meeting,
    MeetingStatus,
    Question,
    ResearchNote,
)
from infoview_lib.store import Workbook
from infoview_lib.ui.components import (
    chosen_line,
    findings_html,
    html_text,
    notice,
)
from infoview_lib.ui.fields import meeting_label
from infoview_lib.ui.page import PanelPage
from infoview_lib.ui.unsaved import PREFIX

#: The names this notebook's forms keep unsaved input under in the workbook.
PLAN_FORM, TICKS_FORM, MOVE_FORM, CANCEL_FORM = (
    "meeting-plan",
    "meeting-ticks",
    "meeting-move",
    "meeting-cancel",
)
FORM_NAMES = (PLAN_FORM, TICKS_FORM, MOVE_FORM, CANCEL_FORM)
#: The record of a meeting not planned yet, for kept input.
NEW = "new"
#: How wide a choice a drop-down on this page shows whole (in narrow characters) at a
#: laptop's width: a longer one is cut off, so it is written out in full under it.
SHOWN_WHOLE = 60


class MeetingPage(PanelPage, Protocol):
    """What the meeting page's panels take from it: besides its path, day and quiet flag,
    the moment readiness counts from, whom a meeting is with, and showing a meeting again."""

    now: datetime

    def name_of(self, contact_id: int) -> str:
        """Whom a meeting with ``contact_id`` is with, as a message names them."""

    def show_again(self, meeting_id: int | None) -> None:
        """Read the workbook again and show meeting ``meeting_id`` (``None``: a new one)."""


# -- plain functions the form is a view of ----------------------------------------------------


def text_width(text: str) -> int:
    """How wide ``text`` is, in narrow characters: a wide one (CJK) counts twice.

    >>> text_width("Ken Sato"), text_width("佐藤 健")
    (8, 7)
    """
    return sum(2 if east_asian_width(c) in "WF" else 1 for c in text)


def cut_choice_line(dropdown: widgets.Dropdown) -> widgets.HTML:
    """The drop-down's choice written out under it only when it is too long to show whole
    (:data:`SHOWN_WHOLE`); a choice the drop-down shows whole is not repeated."""
    line = chosen_line(dropdown)  # its observer runs first: this one only takes it away

    def hide_short(_: object = None) -> None:
        if text_width(dropdown.label or "") <= SHOWN_WHOLE:
            line.value = ""

    dropdown.observe(hide_short, names="label")
    hide_short()
    return line


def as_sentence(text: str) -> str:
    """Student text ending as a sentence does: a full stop added when it has no end mark
    (inside closing quotes or brackets too).

    >>> as_sentence("A family emergency"), as_sentence("Sick! "), as_sentence('She said "later."')
    ('A family emergency.', 'Sick!', 'She said "later."')
    >>> as_sentence("(see my email)")
    '(see my email).'
    """
    text = text.strip()
    if not text or text.rstrip("\"')]\u201d\u2019").endswith((".", "!", "?", "\u2026")):
        return text
    return f"{text}."


def moment_for(today: date) -> datetime:
    """The moment readiness counts from: now on the real today, else the start of ``today``.

    Tests and demonstrations fix the day, and then the time of day is fixed too.
    """
    if today == date.today():
        return datetime.now().replace(second=0, microsecond=0)
    return datetime.combine(today, time(0, 0))


def questions_ready(book: Workbook, meeting: Meeting) -> bool | None:
    """The question check's verdict on the meeting's questions; ``None`` if it has none."""
    if meeting.id is None:
        return None
    texts = [question.text for question in book.all(Question, meeting_id=meeting.id)]
    if not texts:
        return None
    return check_question_set(texts, minutes=meeting.planned_minutes).ready


def readiness_for(book: Workbook, meeting: Meeting, now: datetime) -> Readiness:
    """How ready the student is for a saved meeting, from the workbook's records."""
    with book.snapshot():
        contact = book.get(Contact, meeting.contact_id)
        profile = book.profile()
        notes = book.all(ResearchNote)
        ready = questions_ready(book, meeting)
    return meeting_readiness(meeting, contact, profile, notes, ready, now=now)


def record_key(meeting_id: int | None) -> str:
    """The record a meeting's unsaved input is kept under; :data:`NEW` for one not planned yet.

    >>> record_key(None), record_key(3)
    ('new', 'meeting:3')
    """
    return NEW if meeting_id is None else f"meeting:{meeting_id}"


def meeting_id(meeting: Meeting | None) -> int:
    """The number of the meeting picked; with none picked, say to pick one first."""
    if meeting is None:
        raise InfoviewError("Pick a meeting above first.")
    assert meeting.id is not None  # only saved meetings are picked
    return meeting.id


def kept_input(keys: Iterable[str]) -> set[tuple[str, str]]:
    """The (form, record) pairs this notebook keeps unsaved input for, from setting keys.

    >>> sorted(kept_input(["unsaved:meeting-plan:new", "unsaved:meeting-ticks:meeting:3",
    ...                    "unsaved:profile:profile"]))
    [('meeting-plan', 'new'), ('meeting-ticks', 'meeting:3')]
    """
    kept = set()
    for key in keys:
        name, _, record = key.removeprefix(PREFIX).partition(":")
        if key.startswith(PREFIX) and name in FORM_NAMES and record:
            kept.add((name, record))
    return kept


def stale_input(kept: set[tuple[str, str]], meetings: Iterable[Meeting]) -> set[tuple[str, str]]:
    """Kept input no form can show again: for a meeting that is gone (its contact was
    removed), or a new time or a reason to cancel for a meeting no longer planned."""
    meetings = list(meetings)
    shown = {NEW, *(record_key(m.id) for m in meetings)}
    planned = {record_key(m.id) for m in meetings if m.status is MeetingStatus.SCHEDULED}
    return {
        (name, record)
        for name, record in kept
        if record not in shown or (name in (MOVE_FORM, CANCEL_FORM) and record not in planned)
    }


def kept_note(records: set[str], meetings: Iterable[Meeting], names: dict[int, str]) -> str:
    """Say which meetings hold input typed but not saved yet; ``""`` if none do."""
    labels = {NEW: "a new meeting (Plan a new meeting)"}
    labels |= {record_key(m.id): meeting_label(m, names) for m in meetings}
    shown = [label for record, label in labels.items() if record in records]
    if not shown:
        return ""
    return notice(
        "info",
        f"What you typed for {'; '.join(shown)} is kept for you but not saved yet. Pick it "
        "in the Meeting list below to see it, then save it or put back the saved version.",
    )


def readiness_html(readiness: Readiness) -> str:
    """Readiness in words: a heading, how many things are done, then the coaching."""
    before = [entry for entry in readiness.items if entry.item.when is When.BEFORE]
    done = sum(entry.done for entry in before)
    if not readiness.applies:
        heading = "<b>Getting ready no longer applies.</b>"
    elif readiness.ready:
        heading = f"<b>Ready.</b> All {len(before)} things to do before the meeting are done."
    else:
        heading = (
            f"<b>Not ready yet:</b> {done} of {len(before)} things to do before the "
            "meeting are done."
        )
    return f"<div role='status'><p>{heading}</p>{findings_html(readiness.findings)}</div>"


def checklist_item_html(entry: ReadinessItem) -> str:
    """When an item is done, where it stands in words, and why the guide asks for it."""
    when = "Before the meeting" if entry.item.when is When.BEFORE else "At the meeting"
    if entry.state is ItemState.COMPUTED:
        state = "<b>Done</b> (worked out from your workbook)"
    elif entry.state is ItemState.DONE:
        state = "<b>Done</b>"
    else:
        state = f"<b>To do:</b> {html_text(entry.item.hint)}"
    return (
        f"<div class='infoview-item'><i>{when}.</i> {state}"
        f"<div class='infoview-suggestion'>Why: {html_text(entry.item.why)}</div></div>"
    )
