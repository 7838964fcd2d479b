# mypy: disable-error-code="arg-type"
# (these tests give choices as text, as forms do)
"""Starting drafts of first messages, filled in from the workbook, and checked."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from infoview_lib.coach.findings import CoachingDataError
from infoview_lib.coach.outreach import (
    OutreachContext,
    OutreachReport,
    check_outreach,
    split_subject,
)
from infoview_lib.coach.outreach_drafts import OutreachDraft, draft_outreach, draft_templates
from infoview_lib.model import Contact, StudentProfile
from tests.coach.case_tables import reported

ANA = StudentProfile(
    name="Ana Lima",
    email="ana@student.example.edu",
    program="second-year biology",
    target_fields=("public health",),
)
KIM = Contact(id=1, name="Dr. Jae Kim", organisation="Westbrook University")
LOPEZ = Contact(
    id=2,
    name="Maria López",
    organisation="St Mary's Hospital",
    role="Nurse Practitioner",
    field="paediatric nursing",
    connection="Westbrook alum; spoke at the nursing society in May",
    referred_by=1,
)


def _check(draft_text: str, channel: str, contact: Contact) -> list[str]:
    subject, body = split_subject(draft_text)
    context = OutreachContext(
        student=ANA.name, contact=contact.name, organisation=contact.organisation
    )
    report = check_outreach(body, channel=channel, subject=subject, context=context)
    return sorted(reported(report.findings, "problem"))


@pytest.mark.parametrize("channel", ["email", "linkedin", "script"])
def test_a_referred_contact_gets_a_draft_that_is_ready(channel: str) -> None:
    draft = draft_outreach(ANA, LOPEZ, channel=channel, referrer=KIM)
    assert "Dr. Jae Kim suggested I get in touch with you." in draft.body
    assert _check(draft.as_text(), channel, LOPEZ) == []


def test_the_email_is_filled_from_the_workbook() -> None:
    draft = draft_outreach(ANA, LOPEZ, referrer=KIM, minutes=30)
    assert draft.subject == "Your Nurse Practitioner experience at St Mary's Hospital"
    assert draft.body.startswith("Dear Maria López,\n\nMy name is Ana Lima, and I'm a second-year")
    assert "I'm exploring paediatric nursing" in draft.body
    assert "30 minutes" in draft.body
    assert draft.body.endswith("Ana Lima\nana@student.example.edu")


DIRECTOR = "Senior Director of Clinical Research Operations and Strategic Partnerships"


@pytest.mark.parametrize(
    ("role", "organisation", "subject"),
    [
        ("Nurse Practitioner", "St Mary's Hospital", "Your Nurse Practitioner experience at "),
        (DIRECTOR, "St Mary's Hospital", "Your experience at St Mary's Hospital"),
        ("Head of Data and AI", "Acme", "Your experience at Acme"),  # five words: too many
        (
            "Chief Nursing Officer",
            "The Royal Children's Hospital Research Institute of Eastern Ontario",
            "Your career in paediatric nursing",
        ),
    ],
)
def test_the_subject_stays_short_and_natural(role: str, organisation: str, subject: str) -> None:
    contact = dataclasses.replace(LOPEZ, role=role, organisation=organisation)
    draft = draft_outreach(ANA, contact, referrer=KIM)
    assert draft.subject.startswith(subject)
    assert len(draft.subject) <= 60
    assert _check(draft.as_text(), "email", contact) == []
    assert "subject_specific" not in reported(_report(draft, contact).findings, "suggestion")


def _report(draft: OutreachDraft, contact: Contact) -> OutreachReport:
    context = OutreachContext(
        student=ANA.name, contact=contact.name, organisation=contact.organisation
    )
    return check_outreach(draft.body, subject=draft.subject, context=context)


def test_the_subject_limits_come_from_the_data_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    contact = dataclasses.replace(LOPEZ, role=DIRECTOR)
    assert draft_outreach(ANA, contact).subject == "Your experience at St Mary's Hospital"
    _edit_templates(
        tmp_path,
        monkeypatch,
        ("subject_max_characters: 60", "subject_max_characters: 200"),
        ("subject_role_max_words: 4", "subject_role_max_words: 20"),
    )
    assert (
        draft_outreach(ANA, contact).subject == f"Your {DIRECTOR} experience at St Mary's Hospital"
    )


def test_the_linkedin_note_fits_a_free_account() -> None:
    note = draft_outreach(ANA, LOPEZ, channel="linkedin", referrer=KIM)
    assert note.subject == ""
    assert len(note.body) <= 200


def test_a_noted_connection_must_be_rewritten_by_the_student() -> None:
    draft = draft_outreach(ANA, LOPEZ)  # no referrer given: the student's note is quoted
    assert "Your note: Westbrook alum; spoke at the nursing society in May]" in draft.body
    assert _check(draft.as_text(), "email", LOPEZ) == ["placeholder"]
    start = draft.body.index("[Say how")
    end = draft.body.index("]", start) + 1
    mine = (
        draft.body[:start]
        + "We met when you spoke at the Westbrook nursing society."
        + draft.body[end:]
    )
    assert _check(f"Subject: {draft.subject}\n\n{mine}", "email", LOPEZ) == []


def test_what_the_workbook_does_not_know_stays_visible() -> None:
    draft = draft_outreach(StudentProfile(name="Wei Ng"), Contact(name="Sam Okoro"))
    assert draft.subject == "Your [their role] experience at [their organisation]"
    assert "[your year and programme" in draft.body
    assert "[the field you are exploring]" in draft.body
    assert "[your email address]" in draft.body
    assert "placeholder" in _check(draft.as_text(), "email", Contact(name="Sam Okoro"))


def test_a_referrer_who_did_not_refer_them_is_not_named() -> None:
    someone_else = Contact(id=9, name="Pat Doe")
    draft = draft_outreach(ANA, LOPEZ, referrer=someone_else)
    assert "Pat Doe" not in draft.body


def test_student_text_is_never_read_as_a_template() -> None:
    odd = Contact(name="Ana {student_name}", connection="{minutes} {0} {__class__}")
    draft = draft_outreach(ANA, odd)
    assert "Dear Ana {student_name}," in draft.body
    assert "Your note: {minutes} {0} {__class__}]" in draft.body


@pytest.mark.parametrize(
    ("program", "phrase"),
    [("Economics", "I'm an Economics student"), ("BSc Biology", "I'm a BSc Biology student")],
)
def test_the_article_fits_the_programme(program: str, phrase: str) -> None:
    draft = draft_outreach(StudentProfile(name="Ana Lima", program=program), LOPEZ)
    assert phrase in draft.body


@pytest.mark.parametrize(
    ("edit", "to", "complaint"),
    [
        ("{student_name}, and I'm", "{student_surname}, and I'm", "student_surname"),
        ("default_minutes: 20", "default_minutes: 2", "default_minutes"),
        ('  referred: "{referrer_name}', '  referred: "{connection}', "connection"),
        ('    subject: "Your {role}', '    title: "Your {role}', "needs a subject"),
        ('      - "Your experience at {organisation}"', '      - "{role_title}"', "role_title"),
        ('      - "Your career in {field}"', "      - 12", "shorter_subjects"),
        ("subject_max_characters: 60", "subject_max_characters: 6", "subject_max_characters"),
        ("    subject_role_max_words: 4\n", "", "subject_role_max_words"),
    ],
)
def test_broken_templates_are_explained(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit: str, to: str, complaint: str
) -> None:
    _edit_templates(tmp_path, monkeypatch, (edit, to))
    with pytest.raises(CoachingDataError, match=complaint):
        draft_templates()


def _edit_templates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *edits: tuple[str, str]
) -> None:
    """Use a copy of the coaching data with ``edits`` made to the outreach templates."""
    source = Path(__file__).resolve().parents[2] / "data" / "coaching"
    target = tmp_path / "coaching"
    target.mkdir()
    for path in source.iterdir():
        (target / path.name).write_bytes(path.read_bytes())
    templates = target / "outreach-templates.yaml"
    text = templates.read_text(encoding="utf-8")
    for edit, to in edits:
        assert edit in text
        text = text.replace(edit, to, 1)
    templates.write_text(text, encoding="utf-8")
    monkeypatch.setenv("INFOVIEW_DATA_DIR", str(tmp_path))
