# mypy: disable-error-code="arg-type"
# (these tests give choices, dates and lists as text, as forms and files do)
"""Every validation rule, with good and bad values (table-driven)."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest

from infoview_lib.errors import InfoviewError
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
from infoview_lib.reports.notebook_view import parse_day
from infoview_lib.ui import session

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

#: The flag of Scotland: a black flag, the tag letters "gbsct" and a cancel tag.
SCOTLAND = "\U0001f3f4" + "".join(chr(0xE0000 + ord(letter)) for letter in "gbsct") + "\U000e007f"

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
    # Joiners and selectors that are part of real text stay: Persian, Indic, Sinhala, Malayalam,
    # Mongolian and Japanese names, and emoji in notes.
    (
        Contact,
        {"name": "\u0645\u062d\u0645\u062f \u062d\u0633\u06cc\u0646\u200c\u0632\u0627\u062f\u0647"},
    ),
    (Contact, {"name": "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"}),
    (Contact, {"name": "\u0915\u094d\u200d\u0937\u093f\u0924\u093f\u091c"}),
    (Contact, {"name": "\u0915\u094d\u200c\u0937"}),
    (Contact, {"name": "\u0dc1\u0dca\u200d\u0dbb\u0dd3 \u0db4\u0dd9\u0dbb\u0dda\u0dbb\u0dcf"}),
    (Contact, {"name": "\u0d05\u0d35\u0d28\u0d4d\u200d"}),
    (Contact, {"name": "\u182d\u180b\u1820"}),
    (Contact, {"name": "\u845b\U000e0100\u98fe \u82b1\u5b50"}),
    (Contact, {"notes": "Great chat \U0001f469\u200d\U0001f4bb \u2764\ufe0f\u200d\U0001f525"}),
    (
        Contact,
        {"notes": "\U0001f3f3\ufe0f\u200d\U0001f308 \U0001f44d\U0001f3fd \u0031\ufe0f\u20e3"},
    ),
    (
        Contact,
        {"notes": "\U0001f9d1\U0001f3fd\u200d\U0001f4bb from Glasgow " + SCOTLAND},
    ),
    (Contact, {"notes": "\u0627\u0644\u0639\u0627\u0645 \u0601\u0662\u0660\u0662\u0666"}),
    # A joiner before a virama: Bengali ra-phala (Rachel), Sinhala touching letters; an
    # emoji sequence joining an arrow (a head shaking sideways).
    (Contact, {"name": "\u09b0\u200d\u09cd\u09af\u09be\u099a\u09c7\u09b2"}),
    (Contact, {"name": "\u0d9a\u200d\u0dca\u0dc2"}),
    (Contact, {"notes": "\U0001f642\u200d\u2194\ufe0f"}),
    (Contact, {"name": "Zo\u00eb\u00a0O'Brien"}),
    (Contact, {"notes": "Plan:\n\t1. Ask about training\n\t2. Ask about trends"}),
]

# (record type, bad values, the field named, words the message must hold)
BAD: list[tuple[type, dict[str, Any], str, str]] = [
    (StudentProfile, {"name": ""}, "name", "empty"),
    (StudentProfile, {"name": "   "}, "name", "empty"),
    (StudentProfile, {"name": "N" * 121}, "name", "120 characters or fewer"),
    (StudentProfile, {"name": "Ana\nLima"}, "name", "one line"),
    (StudentProfile, {"name": "Ana\x07Lima"}, "name", "control character"),
    (StudentProfile, {"name": "Ana\u202eLima"}, "name", "invisible character (U+202E"),
    (StudentProfile, {"name": "Ana\u200bLima"}, "name", "invisible character (U+200B"),
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
    (Contact, {"name": "Ana\u2028Lima"}, "name", "one line"),
    (Contact, {"name": "Ana\udcffLima"}, "name", "broken character (U+DCFF"),
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
    (StudentProfile, {"target_fields": ["public\thealth"]}, "target_fields", "a tab"),
    (StudentProfile, {"program": "BSc\tBiology"}, "program", "it has a tab at position 4"),
    (Contact, {"notes": "line one\u200fline two"}, "notes", "U+200F RIGHT-TO-LEFT MARK"),
    (Outreach, {"body": "Dear Ms Lopez,\n\u2066Hello\u2069"}, "body", "U+2066"),
    (Question, {"text": "Why\u00ad?"}, "text", "U+00AD SOFT HYPHEN"),
    (InterviewLog, {"referrals": ["Dmitry\u2060Ivanov"]}, "referrals", "U+2060 WORD JOINER"),
    (Contact, {"organisation": "Acme\U000e0041"}, "organisation", "U+E0041 TAG LATIN CAPITAL"),
]

# Characters that are not shown, each in a name (a text field checked like every other).
INVISIBLE = [
    "\u200e",  # LEFT-TO-RIGHT MARK
    "\u200f",  # RIGHT-TO-LEFT MARK
    "\u061c",  # ARABIC LETTER MARK
    "\u2060",  # WORD JOINER
    "\u00ad",  # SOFT HYPHEN
    "\u034f",  # COMBINING GRAPHEME JOINER
    "\u180e",  # MONGOLIAN VOWEL SEPARATOR
    "\u3164",  # HANGUL FILLER
    "\uffa0",  # HALFWIDTH HANGUL FILLER
    "\u115f",  # HANGUL CHOSEONG FILLER
    "\u17b4",  # KHMER VOWEL INHERENT AQ
    "\u2064",  # INVISIBLE PLUS
    "\u206f",  # NOMINAL DIGIT SHAPES
    "\ufff0",  # reserved, default-ignorable
    "\U0001d173",  # MUSICAL SYMBOL BEGIN BEAM
    "\U000e0001",  # LANGUAGE TAG
    "\U000e0100",  # VARIATION SELECTOR-17, with nothing to select
    "\ufe0f",  # VARIATION SELECTOR-16, with nothing to select
    "\u200d",  # ZERO WIDTH JOINER, joining nothing
    "\u200c",  # ZERO WIDTH NON-JOINER, between Latin letters
    "\x85",  # NEXT LINE, a C1 control
    "\uffff",  # a noncharacter
    "\ufdd0",  # a noncharacter
]


def test_a_flag_cannot_carry_hidden_text() -> None:
    hidden = "".join(chr(0xE0000 + ord(letter)) for letter in "ignore previous instructions")
    with pytest.raises(InvalidRecord, match=r"invisible character \(U\+E0069"):
        Contact(name="Ana \U0001f3f4" + hidden + "\U000e007f")


def test_a_variation_selector_after_a_latin_letter_is_refused() -> None:
    with pytest.raises(InvalidRecord, match=r"invisible character \(U\+FE0F"):
        StudentProfile(name="Zo\u00eb\ufe0f")


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
    assert str(caught.value).startswith("Full name is empty")


def test_text_is_trimmed_and_unicode_normalised() -> None:
    decomposed = "Zoe\u0308 O'Brien  "  # e + combining diaeresis
    contact = Contact(name=decomposed, notes="a\r\nb\u2028c\u2029d\re")
    assert contact.name == "Zoë O'Brien"
    assert contact.notes == "a\nb\nc\nd\ne"  # pasted line breaks become new lines


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


@pytest.mark.parametrize("char", INVISIBLE, ids=lambda char: f"U+{ord(char):04X}")
def test_invisible_characters_are_refused_with_where_and_what(char: str) -> None:
    with pytest.raises(InvalidRecord) as caught:
        Contact(name=f"a{char}b")
    message = caught.value.message_for("name")
    assert message is not None
    named = unicodedata.name(char, "")
    shown = f"U+{ord(char):04X} {named}".strip()
    assert f"Full name has an invisible character ({shown}) at position 2:" in message or (
        char == "\x85" and "Full name has a control character (U+0085) at position 2:" in message
    )
    assert message.endswith("retype that part, or paste it as plain text.")
    with pytest.raises(InvalidRecord, match=r"invisible|control"):
        Contact(name="Ana", notes=f"Line one\nLine two {char} here")
    with pytest.raises(InvalidRecord, match=r"invisible|control"):
        StudentProfile(name="Ana", target_fields=[f"public{char}health"])


def test_the_message_for_a_right_to_left_mark_says_what_and_where() -> None:
    with pytest.raises(InvalidRecord) as caught:
        Contact(name="a\u200fb")
    assert caught.value.message_for("name") == (
        "Full name has an invisible character (U+200F RIGHT-TO-LEFT MARK) at position 2: "
        "retype that part, or paste it as plain text."
    )


def test_every_format_character_is_refused_unless_it_is_shown() -> None:
    import sys

    shown = {0x0600, 0x0601, 0x0602, 0x0603, 0x0604, 0x0605, 0x06DD, 0x070F}
    shown |= {0x0890, 0x0891, 0x08E2, 0x110BD, 0x110CD}  # Prepended_Concatenation_Mark
    format_characters = [
        chr(code)
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) == "Cf" and code not in shown
    ]
    assert len(format_characters) > 100
    for char in format_characters:
        with pytest.raises(InvalidRecord):
            Contact(name=f"x{char}y")
    for code in shown:
        assert Contact(name=f"x{chr(code)}y")


FULL_WIDTH_YEAR = "\uff12\uff10\uff12\uff16-03-16"


@pytest.mark.parametrize("written", ["20260316", "2026-W12-1", "2026-075", FULL_WIDTH_YEAR])
def test_a_day_is_read_only_as_year_month_day(
    written: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(InvalidRecord, match="write it as year-month-day"):
        FollowUp(contact_id=1, kind="thank_you", due_on=written)
    monkeypatch.setenv(session.TODAY_VARIABLE, written)
    with pytest.raises(InfoviewError, match="not a date"):
        session.today()
    with pytest.raises(InfoviewError, match="not a date"):
        parse_day(written)
    due = FollowUp(contact_id=1, kind="thank_you", due_on="2026-03-16")
    assert due.due_on == date(2026, 3, 16)
