# mypy: disable-error-code="arg-type"
# (these tests give choices, dates and lists as text, as forms and files do)
"""Every validation rule, with good and bad values (table-driven)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest

from infoview_lib.model import (
    Contact,
    ContactCategory,
    FollowUp,
    InterviewLog,
    InvalidRecord,
    Meeting,
    Outreach,
    PipelineStatus,
    Question,
    ResearchNote,
    StudentProfile,
)

BASE: dict[type, dict[str, Any]] = {
    StudentProfile: {"name": "Ana Lima"},
    Contact: {"name": "Zoë O'Brien"},
    Outreach: {"contact_id": 1},
    ResearchNote: {"organisation": "Riverside Clinic", "text": "Runs a community programme."},
    Meeting: {"contact_id": 1, "starts_at": datetime(2026, 3, 14, 10, 30)},
    Question: {"meeting_id": 1, "text": "Can you tell me about your career path?"},
    InterviewLog: {"meeting_id": 1},
    FollowUp: {"contact_id": 1, "kind": "thank_you", "due_on": date(2026, 3, 17)},
}

GOOD: list[tuple[type, dict[str, Any]]] = [
    (StudentProfile, {"name": "王芳 (Wang Fang)"}),
    (StudentProfile, {"email": "ana.lima@student.example.edu"}),
    (StudentProfile, {"graduation_year": 2028}),
    (StudentProfile, {"graduation_year": "2028"}),
    (StudentProfile, {"graduation_year": None}),
    (StudentProfile, {"target_fields": ["public health", "biotech"]}),
    (StudentProfile, {"program": "B" * 200}),
    (Contact, {"name": "Siobhán Ní Bhriain"}),
    (Contact, {"name": "أحمد الحسن"}),
    (Contact, {"name": "N" * 120}),
    (Contact, {"category": "family friend"}),
    (Contact, {"category": ContactCategory.PROFESSOR}),
    (Contact, {"email": "renee.d'arcy@example.org"}),
    (Contact, {"linkedin_url": "https://www.linkedin.com/in/zoe-obrien"}),
    (Contact, {"linkedin_url": "linkedin.com/in/zoe"}),
    (Contact, {"phone": "+1 555 010 7788"}),
    (Contact, {"phone": "(555) 010-7788 ext. 12"}),
    (Contact, {"notes": "Line one\nLine two\twith a tab"}),
    (Contact, {"notes": "x" * 10_000}),
    (Contact, {"priority": "high", "status": "keeping in touch"}),
    (Contact, {"id": 2, "referred_by": 1}),
    (Outreach, {"channel": "linkedin", "status": "draft"}),
    (Outreach, {"status": "sent", "sent_on": "2026-03-02"}),
    (Outreach, {"status": "sent", "sent_on": date(2026, 3, 2), "replied_on": date(2026, 3, 2)}),
    (Outreach, {"body": "b" * 5_000}),
    (ResearchNote, {"organisation": "", "contact_id": 3}),
    (ResearchNote, {"source_url": "example.org/about"}),
    (Meeting, {"starts_at": "2026-03-14 10:30"}),
    (Meeting, {"planned_minutes": 5}),
    (Meeting, {"planned_minutes": 180}),
    (Meeting, {"status": "cancelled", "status_reason": "Family emergency"}),
    (Meeting, {"status": "rescheduled"}),
    (Meeting, {"checklist": ["confirm_day_before", "paper_and_pen"]}),
    (Question, {"category": "trends", "position": 7}),
    (InterviewLog, {"referrals": ["Dmitry Ivanov"], "willing_to_keep_in_touch": True}),
    (InterviewLog, {"willing_to_keep_in_touch": None}),
    (FollowUp, {"status": "done", "done_on": "2026-03-18"}),
    (FollowUp, {"status": "skipped"}),
    (FollowUp, {"channel": "card"}),
]

# (record type, bad values, the field named, words the message must hold)
BAD: list[tuple[type, dict[str, Any], str, str]] = [
    (StudentProfile, {"name": ""}, "name", "empty"),
    (StudentProfile, {"name": "   "}, "name", "empty"),
    (StudentProfile, {"name": "N" * 121}, "name", "120 characters or fewer"),
    (StudentProfile, {"name": "Ana\nLima"}, "name", "one line"),
    (StudentProfile, {"name": "Ana\x07Lima"}, "name", "control character"),
    (StudentProfile, {"name": "Ana\u202eLima"}, "name", "control character"),
    (StudentProfile, {"name": "Ana\u200bLima"}, "name", "control character"),
    (StudentProfile, {"name": 42}, "name", "should be text"),
    (StudentProfile, {"email": "ana"}, "email", "name@example.org"),
    (StudentProfile, {"email": "ana"}, "email", "it has no @ sign"),
    (StudentProfile, {"email": "ana@@example.org"}, "email", "more than one @ sign"),
    (StudentProfile, {"email": "ana lima@example.org"}, "email", "it has a space in it"),
    (StudentProfile, {"email": "ana@example"}, "email", "needs a dot, as in example.org"),
    (StudentProfile, {"email": "ana..lima@example.org"}, "email", "two dots in a row"),
    (StudentProfile, {"email": "ana@"}, "email", "nothing after the @ sign"),
    (StudentProfile, {"email": "ana@ex<ample>.org"}, "email", "a character or a part"),
    (StudentProfile, {"graduation_year": 1949}, "graduation_year", "1950 to 2100"),
    (StudentProfile, {"graduation_year": 2101}, "graduation_year", "1950 to 2100"),
    (StudentProfile, {"graduation_year": "twenty"}, "graduation_year", "whole number"),
    (StudentProfile, {"graduation_year": True}, "graduation_year", "whole number"),
    (StudentProfile, {"program": "P" * 201}, "program", "200 characters or fewer"),
    (StudentProfile, {"target_fields": [f"f{i}" for i in range(11)]}, "target_fields", "10 or"),
    (StudentProfile, {"target_fields": ["x" * 81]}, "target_fields", "80 characters"),
    (StudentProfile, {"target_fields": 7}, "target_fields", "list of text"),
    (Contact, {"category": "coworker"}, "category", "Alumni, Internship management"),
    (Contact, {"linkedin_url": "https://evil.example.com/in/x"}, "linkedin_url", "linkedin.com"),
    (Contact, {"linkedin_url": "https://notlinkedin.com/in/x"}, "linkedin_url", "linkedin.com"),
    (Contact, {"linkedin_url": "ftp://linkedin.com/in/x"}, "linkedin_url", "https://"),
    (Contact, {"linkedin_url": "https://linked in.com"}, "linkedin_url", "complete"),
    (Contact, {"linkedin_url": "http://[oops"}, "linkedin_url", "complete"),
    (Contact, {"name": "Ana\u2028Lima"}, "name", "control character"),
    (Contact, {"name": "Ana\udcffLima"}, "name", "control character"),
    (StudentProfile, {"graduation_year": "²"}, "graduation_year", "whole number"),
    (Meeting, {"checklist": [["nested"]]}, "checklist", "item name"),
    (Contact, {"phone": "12345"}, "phone", "phone number"),
    (Contact, {"phone": "call me maybe"}, "phone", "phone number"),
    (Contact, {"phone": "1" * 16}, "phone", "phone number"),
    (Contact, {"notes": "x" * 10_001}, "notes", "10,000 characters"),
    (Contact, {"notes": "nul\x00byte"}, "notes", "control character"),
    (Contact, {"priority": "urgent"}, "priority", "High, Medium, Low"),
    (Contact, {"status": "hired"}, "status", "Identified, Contacted"),
    (Contact, {"referred_by": 0}, "referred_by", "out of range"),
    (Contact, {"referred_by": "abc"}, "referred_by", "whole number"),
    (Contact, {"id": 4, "referred_by": 4}, "referred_by", "cannot be the contact themself"),
    (Contact, {"connection": "c" * 501}, "connection", "500 characters"),
    (Outreach, {"contact_id": None}, "contact_id", "pick who"),
    (Outreach, {"channel": "fax"}, "channel", "Email, LinkedIn note, Phone or in-person script"),
    (Outreach, {"subject": "Hello\nthere"}, "subject", "one line"),
    (Outreach, {"body": "b" * 5_001}, "body", "5,000 characters"),
    (Outreach, {"status": "sent"}, "sent_on", "day you sent it"),
    (Outreach, {"sent_on": "2026-03-02"}, "sent_on", "draft"),
    (Outreach, {"status": "sent", "sent_on": "2026-02-30"}, "sent_on", "not a real date"),
    (Outreach, {"status": "sent", "sent_on": "2026-13-01"}, "sent_on", "not a real date"),
    (Outreach, {"status": "sent", "sent_on": "16/03/2026"}, "sent_on", "2026-03-14"),
    (Outreach, {"status": "sent", "sent_on": "1850-01-01"}, "sent_on", "check the year"),
    (
        Outreach,
        {"status": "sent", "sent_on": "2026-03-05", "replied_on": "2026-03-04"},
        "replied_on",
        "on or after",
    ),
    (Outreach, {"replied_on": "2026-03-04"}, "replied_on", "never sent"),
    (ResearchNote, {"text": ""}, "text", "empty"),
    (ResearchNote, {"organisation": ""}, "organisation", "pick a contact or enter"),
    (ResearchNote, {"source_url": "javascript:alert(1)"}, "source_url", "web address"),
    (Meeting, {"starts_at": None}, "starts_at", "pick the day and time"),
    (Meeting, {"starts_at": "2026-03-14 25:00"}, "starts_at", "not a real date and time"),
    (Meeting, {"starts_at": datetime(2026, 3, 14, tzinfo=UTC)}, "starts_at", "local"),
    (Meeting, {"starts_at": date(2026, 3, 14)}, "starts_at", "date and time"),
    (Meeting, {"planned_minutes": 4}, "planned_minutes", "5 to 180"),
    (Meeting, {"planned_minutes": 181}, "planned_minutes", "5 to 180"),
    (Meeting, {"planned_minutes": None}, "planned_minutes", "20 to 30 minutes"),
    (Meeting, {"format": "lunch"}, "format", "Coffee, Video"),
    (Meeting, {"status": "cancelled"}, "status_reason", "emergency"),
    (Meeting, {"checklist": ["Confirm!"]}, "checklist", "item name"),
    (Meeting, {"checklist": "confirm_day_before"}, "checklist", "list of item names"),
    (Question, {"text": ""}, "text", "write the question"),
    (Question, {"text": "q" * 501}, "text", "500 characters"),
    (Question, {"position": -1}, "position", "0 to"),
    (Question, {"category": "gossip"}, "category", "Career path"),
    (InterviewLog, {"willing_to_keep_in_touch": "yes"}, "willing_to_keep_in_touch", "yes, no"),
    (InterviewLog, {"referrals": [f"P{i}" for i in range(21)]}, "referrals", "20 or fewer"),
    (FollowUp, {"due_on": None}, "due_on", "pick the day"),
    (FollowUp, {"due_on": datetime(2026, 3, 17, 9)}, "due_on", "should be a date"),
    (FollowUp, {"status": "done"}, "done_on", "which day you did it"),
    (FollowUp, {"done_on": "2026-03-18"}, "done_on", "not marked done"),
    (FollowUp, {"kind": "gift"}, "kind", "Thank-you"),
    (FollowUp, {"channel": "pigeon"}, "channel", "Card, Email, Other"),
    (FollowUp, {"note": "n" * 1_001}, "note", "1,000 characters"),
]


def _name(case: tuple[Any, ...]) -> str:
    kind, values = case[0], case[1]
    shown = ",".join(f"{k}={str(v)[:12]!r}" for k, v in values.items())
    return f"{kind.__name__}:{shown}"


@pytest.mark.parametrize("case", GOOD, ids=_name)
def test_good_values_are_accepted(case: tuple[type, dict[str, Any]]) -> None:
    kind, values = case
    record = kind(**{**BASE[kind], **values})
    assert isinstance(record, kind)


@pytest.mark.parametrize("case", BAD, ids=_name)
def test_bad_values_name_the_field_and_say_what_is_right(
    case: tuple[type, dict[str, Any], str, str],
) -> None:
    kind, values, field, words = case
    with pytest.raises(InvalidRecord) as caught:
        kind(**{**BASE[kind], **values})
    assert caught.value.fields == (field,)
    message = caught.value.message_for(field)
    assert message is not None
    assert words in message
    assert message[0].isupper()
    assert message.endswith(".")


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(InvalidRecord) as caught:
        Contact(name="", email="nope", phone="abc", status="hired")
    assert caught.value.fields == ("name", "email", "phone", "status")
    assert isinstance(caught.value, ValueError)
    assert str(caught.value).startswith("Name is empty")


def test_text_is_trimmed_and_unicode_normalised() -> None:
    decomposed = "Zoe\u0308 O'Brien  "  # e + combining diaeresis
    contact = Contact(name=decomposed, notes="a\r\nb")
    assert contact.name == "Zoë O'Brien"
    assert contact.notes == "a\nb"


def test_values_are_normalised_to_their_types() -> None:
    contact = Contact(
        name="Wei Ng",
        category="Family friend",
        email="Wei.Ng@EXAMPLE.org",
        linkedin_url="www.linkedin.com/in/wei",
        status="No reply",
    )
    assert contact.category is ContactCategory.FAMILY_FRIEND
    assert contact.status is PipelineStatus.NO_REPLY
    assert contact.email == "Wei.Ng@example.org"
    assert contact.linkedin_url == "https://www.linkedin.com/in/wei"
    meeting = Meeting(contact_id=1, starts_at="2026-03-14T10:30:59")
    assert meeting.starts_at == datetime(2026, 3, 14, 10, 30)
    profile = StudentProfile(name="Ana", target_fields="Biotech, biotech;  public health\n")
    assert profile.target_fields == ("Biotech", "public health")


def test_replace_checks_again() -> None:
    contact = Contact(name="Wei Ng")
    with pytest.raises(InvalidRecord):
        replace(contact, email="not-an-email")


def test_records_are_frozen() -> None:
    contact = Contact(name="Wei Ng")
    with pytest.raises(AttributeError):
        contact.name = "Someone else"  # type: ignore[misc]


def test_email_check_is_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("validation tried to use the network")

    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    assert Contact(name="A", email="someone@nonexistent-domain.example").email
