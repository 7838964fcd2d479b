"""Thank-you, update and referral drafts: they quote the log, or leave a visible blank."""

from __future__ import annotations

from dataclasses import replace

import pytest

from infoview_lib.coach.followup_rules import LETTER_BLANKS, FollowUpRules, follow_up_rules
from infoview_lib.coach.letters import (
    referral_opening,
    specific,
    thank_you_note,
    update_note,
)
from infoview_lib.model import Contact, FollowUpChannel, InterviewLog, StudentProfile

ANA = StudentProfile(
    name="Ana Lima",
    email="ana.lima@student.example.edu",
    program="BSc Biology",
    target_fields=("public health", "epidemiology"),
)
KEN = Contact(id=1, name="Dr. Ken Sato", organisation="Kestrel Payments")
FATIMA = Contact(id=2, name="Fatima Zahra Benali", referred_by=1)
PLACEHOLDER = "[something specific they told you]"

ADVICE = """Learn to read production: logs, metrics,
traces. Build one small service and run it for a month."""
NOTES = "Started in QA automation at a small startup. Joined Kestrel in 2019."


@pytest.mark.parametrize(
    ("key_advice", "notes", "expected"),
    [
        pytest.param(
            ADVICE, NOTES, '"Learn to read production: logs, metrics, traces"', id="advice-first"
        ),
        pytest.param("", NOTES, '"Started in QA automation at a small startup"', id="else-notes"),
        pytest.param("  ", "\n", PLACEHOLDER, id="only-spaces"),
        pytest.param("", "", PLACEHOLDER, id="empty-log"),
        pytest.param("- Read DDIA\n- Run a service", "", '"Read DDIA"', id="bulleted"),
        pytest.param(
            "Talk to Dr. Ng first. Then apply.",
            "",
            '"Talk to Dr. Ng first"',
            id="title-in-sentence",
        ),
        pytest.param("Try it!", "", '"Try it!"', id="exclamation-kept"),
        pytest.param("word " * 40, "", '"' + "word " * 23 + 'word..."', id="long-sentence-cut"),
    ],
)
def test_specific_quotes_the_key_advice_else_the_notes(
    key_advice: str, notes: str, expected: str
) -> None:
    log = InterviewLog(meeting_id=1, key_advice=key_advice, notes=notes)
    assert specific(log) == expected


def test_specific_without_a_log_is_the_placeholder() -> None:
    assert specific(None) == PLACEHOLDER


LOG = InterviewLog(meeting_id=1, key_advice=ADVICE, notes=NOTES)
QUOTED = '"Learn to read production: logs, metrics, traces"'


@pytest.mark.parametrize(
    ("channel", "first_line", "signed"),
    [
        pytest.param(
            FollowUpChannel.EMAIL, "Subject: Thank you for your time, Ken", True, id="email"
        ),
        pytest.param("email", "Subject: Thank you for your time, Ken", True, id="email-as-text"),
        pytest.param(" Card ", "Dear Ken,", False, id="card-as-text"),
        pytest.param(FollowUpChannel.CARD, "Dear Ken,", False, id="card"),
        pytest.param(
            FollowUpChannel.OTHER, "Subject: Thank you for your time, Ken", True, id="other"
        ),
    ],
)
def test_thank_you_note_by_channel(channel: FollowUpChannel, first_line: str, signed: bool) -> None:
    note = thank_you_note(ANA, KEN, LOG, channel=channel)
    assert note.splitlines()[0] == first_line
    assert QUOTED in note
    assert note.splitlines()[-1] == ("ana.lima@student.example.edu" if signed else "Ana Lima")
    assert "{" not in note


@pytest.mark.parametrize(
    ("log", "quoted"),
    [
        pytest.param(LOG, QUOTED, id="advice"),
        pytest.param(replace(LOG, key_advice=""), '"Started in QA automation', id="notes"),
        pytest.param(InterviewLog(meeting_id=1), PLACEHOLDER, id="nothing-specific"),
        pytest.param(None, PLACEHOLDER, id="no-log-yet"),
    ],
)
def test_thank_you_note_quotes_the_log_or_leaves_a_blank_to_fill(
    log: InterviewLog | None, quoted: str
) -> None:
    for channel in (FollowUpChannel.EMAIL, FollowUpChannel.CARD):
        assert quoted in thank_you_note(ANA, KEN, log, channel=channel)


def test_a_student_without_an_email_leaves_no_empty_signature_line() -> None:
    note = thank_you_note(replace(ANA, email=""), KEN, LOG)
    assert note.endswith("Best wishes,\nAna Lima")
    assert not any(line != line.rstrip() for line in note.splitlines())


@pytest.mark.parametrize(
    ("advice_taken", "expected"),
    [
        pytest.param(
            "I deployed a small service and watched its metrics for a month.",
            "I deployed a small service and watched its metrics for a month.",
            id="what-they-did",
        ),
        pytest.param("", "[what you did with their advice, and how it went]", id="left-blank"),
        pytest.param("   ", "[what you did with their advice, and how it went]", id="spaces"),
    ],
)
def test_update_note_reports_the_advice_taken(advice_taken: str, expected: str) -> None:
    note = update_note(ANA, KEN, LOG, advice_taken=advice_taken)
    assert f"you told me: {QUOTED}." in note
    assert f"what I did with your advice: {expected}" in note
    assert note.startswith("Subject: An update since we talked\n\nDear Ken,")


def test_student_text_is_data_never_a_template() -> None:
    sly = InterviewLog(meeting_id=1, key_advice="Use {student_name} and {0} and {x.y} freely.")
    profile = replace(ANA, name="Ana {first_name} Lima")
    contact = replace(KEN, name="Ken {student_email}")
    note = update_note(profile, contact, sly, advice_taken="I wrote {advice_taken} {}.")
    assert '"Use {student_name} and {0} and {x.y} freely"' in note
    assert "I wrote {advice_taken} {}." in note
    assert "Ana {first_name} Lima" in note
    card = thank_you_note(profile, contact, sly, channel=FollowUpChannel.CARD)
    assert card.startswith("Dear Ken,")  # the first word of the name only


@pytest.mark.parametrize(
    ("profile", "program", "field"),
    [
        pytest.param(ANA, "BSc Biology", "public health, epidemiology", id="complete-profile"),
        pytest.param(
            StudentProfile(name="Ana Lima"),
            "[your programme]",
            "[the field you are exploring]",
            id="blanks-to-fill",
        ),
    ],
)
def test_referral_opening_names_the_referrer_first(
    profile: StudentProfile, program: str, field: str
) -> None:
    text = referral_opening(profile, FATIMA, KEN)
    lines = text.splitlines()
    assert lines[0] == "Dear Fatima,"
    assert lines[2].startswith("Dr. Ken Sato suggested I get in touch with you.")
    flat = " ".join(text.split())
    assert f"a student in {program}, and I am learning about {field}." in flat
    assert "Ken thought your experience would help me" in flat
    assert "job" not in flat.casefold()  # the guide: never ask for a job


def test_every_blank_a_letter_may_use_is_filled() -> None:
    shipped = follow_up_rules()
    every_blank = {
        name: " ".join(f"<{blank}={{{blank}}}>" for blank in blanks)
        for name, blanks in LETTER_BLANKS.items()
    }
    rules = FollowUpRules(
        shipped.timing, shipped.steps, shipped.planned, every_blank, shipped.placeholders
    )
    texts = [
        thank_you_note(ANA, KEN, LOG, channel=FollowUpChannel.EMAIL, rules=rules),
        thank_you_note(ANA, KEN, LOG, channel=FollowUpChannel.CARD, rules=rules),
        update_note(ANA, KEN, LOG, advice_taken="Ran a service.", rules=rules),
        referral_opening(ANA, FATIMA, KEN, rules=rules),
    ]
    for text in texts:
        assert "{" not in text
        assert "=>" not in text


@pytest.mark.parametrize(
    ("name", "greeting"),
    [
        pytest.param("佐藤 健 (Ken Sato)", "Dear Ken,", id="japanese-with-latin-name"),
        pytest.param("佐藤 健", "Dear 佐藤 健,", id="japanese-whole"),
        pytest.param("Priya Raman (CDC)", "Dear Priya,", id="bracketed-employer-left-out"),
    ],
)
def test_a_thank_you_greets_by_the_name_they_go_by(name: str, greeting: str) -> None:
    note = thank_you_note(ANA, replace(KEN, name=name), LOG, channel=FollowUpChannel.CARD)
    assert note.startswith(greeting)
