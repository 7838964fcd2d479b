"""Each record declares the labels its form shows, and its messages name fields by them.

The pages are built with a real workbook and read as a student sees them: each
declared label is the description of a widget on the record's page, with the
declared example as its placeholder and the declared words for its choices.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest

from infoview_lib.model import (
    Contact,
    FollowUp,
    InterviewLog,
    InvalidRecord,
    Meeting,
    Outreach,
    Question,
    ResearchNote,
    StudentProfile,
)
from infoview_lib.model.labels import field_name, labels
from infoview_lib.store import Workbook

TODAY = date(2026, 3, 1)

#: The fields a student does not type or pick under a label of their own, and why.
SET_OTHERWISE: dict[type, set[str]] = {
    StudentProfile: set(),
    Contact: {"id"},
    Outreach: {"id", "status"},  # "Mark as sent" sets the status
    ResearchNote: {"id", "contact_id", "organisation"},  # the "About" choice sets one of them
    Meeting: {"id", "starts_at", "status", "checklist"},  # a day and a time; buttons; tick boxes
    Question: {"id", "position"},  # the Up and Down buttons
    InterviewLog: {"id"},
    FollowUp: {"id", "contact_id", "kind", "due_on", "status", "done_on", "note"},  # suggested
}


@pytest.mark.parametrize("record", list(SET_OTHERWISE), ids=lambda record: record.__name__)
def test_every_field_a_student_fills_in_has_a_label(record: type) -> None:
    names = {field.name for field in dataclasses.fields(record)}
    assert names - set(labels(record)) == SET_OTHERWISE[record]


def _walk(widget: widgets.Widget) -> Iterator[widgets.Widget]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def _described(view: widgets.Widget) -> dict[str, list[widgets.Widget]]:
    """The page's widgets by description, a numbered one ("Question 1") under its label."""
    found: dict[str, list[widgets.Widget]] = {}
    for widget in _walk(view):
        description = getattr(widget, "description", "")
        if description:
            found.setdefault(re.sub(r" \d+$", "", description), []).append(widget)
    return found


def _pick(view: widgets.Widget, description: str, value: object) -> None:
    """Pick ``value`` in the drop-down so described, as a student would."""
    (dropdown,) = _described(view)[description]
    dropdown.value = value


@pytest.fixture(scope="module")
def path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("labels") / "ana.infoview"
    with Workbook.create(path, StudentProfile(name="Ana Lima")) as book:
        wei = book.add(Contact(name="Wei Ng", organisation="Helix"))
        assert wei.id is not None
        meeting = book.add(Meeting(contact_id=wei.id, starts_at=datetime(2026, 3, 10, 10, 0)))
        assert meeting.id is not None
        book.add(Question(meeting_id=meeting.id, text="How did you start?"))
    return path


def _start(path: Path) -> widgets.Widget:
    from infoview_lib.ui.start import start_here

    return start_here(path, TODAY)


def _contacts(path: Path) -> widgets.Widget:
    from infoview_lib.ui.contacts import pick_contacts

    return pick_contacts(path, TODAY)


def _outreach(path: Path) -> widgets.Widget:
    from infoview_lib.ui.outreach import draft_outreach

    return draft_outreach(path, TODAY)


def _questions(path: Path) -> widgets.Widget:
    from infoview_lib.ui.questions import prepare_questions

    view = prepare_questions(path, TODAY)
    _pick(view, "Contact", 1)
    _pick(view, "Meeting", 1)  # shows the meeting's questions
    return view


def _meeting(path: Path) -> widgets.Widget:
    from infoview_lib.ui.meeting import plan_meeting

    view = plan_meeting(path, TODAY)
    _pick(view, "Meeting", 1)  # shows the forms to move and cancel it
    return view


def _follow_up(path: Path) -> widgets.Widget:
    from infoview_lib.ui.followup import follow_up

    return follow_up(path, TODAY)


PAGES: list[tuple[type, Callable[[Path], widgets.Widget]]] = [
    (StudentProfile, _start),
    (Contact, _contacts),
    (Outreach, _outreach),
    (ResearchNote, _questions),
    (Question, _questions),
    (Meeting, _meeting),
    (InterviewLog, _follow_up),
    (FollowUp, _follow_up),
]


@pytest.mark.parametrize(("record", "page"), PAGES, ids=lambda item: getattr(item, "__name__", ""))
def test_each_label_is_what_the_form_shows(
    path: Path, record: type, page: Callable[[Path], widgets.Widget]
) -> None:
    shown = _described(page(path))
    for name, declared in labels(record).items():
        assert declared.text in shown, f"{record.__name__}.{name}: {declared.text!r} not shown"
        boxes = shown[declared.text]
        if declared.example:
            placeholders = {getattr(box, "placeholder", None) for box in boxes}
            assert declared.example in placeholders, f"{record.__name__}.{name}"
        if declared.multiline:
            assert any(isinstance(box, widgets.Textarea) for box in boxes), name
        if declared.choices:
            options: list[Any] = [
                [words for words, _ in box.options] for box in boxes if hasattr(box, "options")
            ]
            assert [words for _, words in declared.choices] in options, name


@pytest.mark.parametrize(
    ("record", "values", "field", "message"),
    [
        (Contact, {"name": "Wei", "connection": "c" * 501}, "connection", "How you know them is"),
        (Contact, {"name": ""}, "name", "Full name is empty"),
        (Contact, {"name": "Wei", "priority": "urgent"}, "priority", "Your priority 'urgent'"),
        (Outreach, {"contact_id": 1, "body": "b" * 5_001}, "body", "Your message is 5,001"),
        (Outreach, {"contact_id": 1, "status": "sent"}, "sent_on", "Day you sent it is empty"),
        (Meeting, {"contact_id": None, "starts_at": "2026-03-10 10:00"}, "contact_id", "Who you"),
        (InterviewLog, {"meeting_id": 1, "referrals": ["x" * 121]}, "referrals", "People they"),
        (ResearchNote, {"contact_id": 1, "text": ""}, "text", "What you found is empty"),
        # A profile's messages are read on a roster too: they name its columns, not "Your name".
        (StudentProfile, {"name": ""}, "name", "Name is empty"),
        (
            StudentProfile,
            {"name": "A", "target_fields": list("abcdefghijk")},
            "target_fields",
            "Target fields",
        ),
    ],
)
def test_messages_name_the_field_as_its_form_does(
    record: type, values: dict[str, Any], field: str, message: str
) -> None:
    with pytest.raises(InvalidRecord) as caught:
        record(**values)
    said = caught.value.message_for(field)
    assert said is not None
    assert said.startswith(message), said


def test_a_field_without_a_label_is_named_in_plain_words() -> None:
    assert field_name(FollowUp, "done_on") == "Done date"
    assert field_name(Meeting, "starts_at") == "Date and time"
    assert field_name(Question, "position") == "Position"
    assert field_name(StudentProfile, "program") == "Programme"


def test_a_missing_link_is_named_by_its_label(path: Path) -> None:
    with Workbook.open(path) as book, pytest.raises(InvalidRecord) as caught:
        book.add(Meeting(contact_id=99, starts_at=datetime(2026, 3, 12, 9, 0)))
    assert caught.value.message_for("contact_id") == (
        "Who you will meet: there is no contact number 99 in this workbook; pick one from the list."
    )
