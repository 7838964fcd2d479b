"""The Ally check of first messages: a table of drafts, and the rules' edges."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from infoview_lib.coach.findings import CoachingDataError, Severity
from infoview_lib.coach.outreach import (
    RULES,
    OutreachContext,
    check_outreach,
    outreach_rules,
    split_subject,
)
from infoview_lib.model.choices import UnknownChoice
from tests.coach.case_tables import flagged, load_cases, reported

DRAFTS = load_cases("outreach.yaml")
GOOD = """Dear Ms. Lopez,

My name is Ana Lima, and I'm a second-year biology student at Westbrook. Professor Kim
suggested I contact you. I would love to hear your story and your advice on nursing.
Would you have 20 minutes for a call in the next few weeks?

Thank you,
Ana Lima"""


@pytest.mark.parametrize("case", DRAFTS, ids=[case["id"] for case in DRAFTS])
def test_draft(case: dict[str, Any]) -> None:
    context = OutreachContext(**case["context"]) if case.get("context") else None
    report = check_outreach(
        case["body"], channel=case["channel"], subject=case.get("subject"), context=context
    )
    problems = reported(report.findings, "problem")
    assert report.verdict == case["verdict"], [f.message for f in report.findings]
    assert set(case.get("problems", [])) <= problems
    assert set(case.get("suggestions", [])) <= reported(report.findings, "suggestion")
    assert not set(case.get("clear", [])) & flagged(report.findings)
    typed = f"{case.get('subject')} {case['body']}"
    for finding in report.findings:  # every blank of the wording was filled in
        for blank in re.findall(r"\{\w*\}", finding.message + finding.suggestion):
            assert blank in typed, (finding.rule, blank)


def test_the_table_covers_every_rule_good_and_bad() -> None:
    assert len(DRAFTS) >= 40
    assert len({case["id"] for case in DRAFTS}) == len(DRAFTS)
    verdicts = [case["verdict"] for case in DRAFTS]
    assert verdicts.count("ready") >= 10
    assert verdicts.count("revise") >= 25
    tested = set()
    for case in DRAFTS:
        tested |= set(case.get("problems", [])) | set(case.get("suggestions", []))
    assert tested >= set(RULES) - {"empty"}
    assert {case["channel"] for case in DRAFTS} == {"email", "linkedin", "script"}


@pytest.mark.parametrize(
    ("words", "finding"),
    [(100, "well_done"), (101, "suggestion"), (150, "suggestion"), (151, "problem")],
)
def test_length_limits_are_exact(words: int, finding: str) -> None:
    base = check_outreach(GOOD).words
    body = GOOD.replace("Thank you,", " ".join(["word"] * (words - base)) + "\n\nThank you,")
    report = check_outreach(body, subject="Your nursing work at St Mary's")
    assert report.words == words
    assert {f.severity.value for f in report.findings if f.rule == "length"} == {finding}


@pytest.mark.parametrize(
    ("characters", "severity"),
    [(200, None), (201, "suggestion"), (300, "suggestion"), (301, "suggestion")],
)
def test_linkedin_limits_are_exact(characters: int, severity: str | None) -> None:
    note = (
        "Hi Maria, I'm Ana, a Westbrook student. Prof. Kim suggested I write. "
        "I'd love to hear your story. Would you have 20 minutes for a call?"
    )
    note = note + " " + "x" * (characters - len(note) - 1)
    report = check_outreach(note, channel="linkedin")
    assert report.characters == characters
    found = {f.severity.value for f in report.findings if f.rule == "linkedin_length"}
    assert found == ({severity} if severity else set())


def test_the_sample_weak_drafts_need_revising_and_the_good_one_is_ready() -> None:
    assert check_outreach(GOOD, subject="Your nursing work at St Mary's").verdict == "ready"
    weak = GOOD.replace("the next few weeks?", "the next few weeks, and maybe an internship?")
    report = check_outreach(weak, subject="Your nursing work at St Mary's")
    assert report.verdict == "revise"
    (trap,) = [f for f in report.findings if f.rule == "assessor_trap"]
    assert "maybe an internship" in trap.message
    assert "Assessor" in trap.message


def test_student_text_is_quoted_not_read_as_a_template() -> None:
    body = GOOD.replace("Thank you,", "Are you hiring {words} {0} {__class__}?\n\nThank you,")
    report = check_outreach(body, subject="{subject_example}")
    messages = " ".join(f.message for f in report.findings)
    assert '"{subject_example}"' in messages  # shown as typed, never filled in
    assert "placeholder" in reported(report.findings, "problem")


def test_context_personalises_and_identifies() -> None:
    body = (
        "Hello,\n\nProfessor Kim suggested I contact you. I'd love to hear your story at "
        "Acme. Would you have 20 minutes for a call?\n\nBest,\nAna"
    )
    without = check_outreach(body, subject="Your work at Acme Labs")
    assert "identifies_sender" in reported(without.findings, "suggestion")  # issue 12
    context = OutreachContext(student="Ana Lima", contact="Maria Lopez", organisation="Acme")
    with_context = check_outreach(body, subject="Your work at Acme Labs", context=context)
    assert "identifies_sender" not in flagged(with_context.findings)
    assert "personalised" not in flagged(with_context.findings)


def test_findings_are_ordered_problems_first() -> None:
    report = check_outreach("Dear Sir or Madam, are you hiring? See www.ana.dev.")
    ranks = [{"problem": 0, "suggestion": 1, "well_done": 2}[f.severity] for f in report.findings]
    assert ranks == sorted(ranks)


@pytest.mark.parametrize(("given", "channel"), [("Email", "email"), ("LinkedIn note", "linkedin")])
def test_the_channel_may_be_its_label(given: str, channel: str) -> None:
    assert (
        check_outreach(GOOD, channel=given).findings
        == check_outreach(GOOD, channel=channel).findings
    )


def test_an_unknown_channel_is_refused_in_plain_words() -> None:
    with pytest.raises(UnknownChoice, match="'fax' is not one of the choices: use email, linkedin"):
        check_outreach(GOOD, channel="fax")


def test_json_shape() -> None:
    shape = check_outreach(GOOD).as_dict()
    assert set(shape) == {"verdict", "findings"}
    assert isinstance(shape["findings"], list)
    assert all(
        set(item) == {"rule", "severity", "message", "suggestion"} for item in shape["findings"]
    )


@pytest.mark.parametrize(
    ("text", "subject", "body"),
    [
        ("Subject: Hi there\nDear Ana,", "Hi there", "Dear Ana,"),
        ("\ufeffSUBJECT:  Your work\n\nBody", "Your work", "Body"),
        ("Dear Ana,\nSubject: later", None, "Dear Ana,\nSubject: later"),
    ],
)
def test_split_subject(text: str, subject: str | None, body: str) -> None:
    assert split_subject(text) == (subject, body)


def _data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit: str, to: str) -> None:
    source = Path(__file__).resolve().parents[2] / "data"
    target = tmp_path / "data"
    (target / "coaching").mkdir(parents=True)
    for path in (source / "coaching").iterdir():
        (target / "coaching" / path.name).write_bytes(path.read_bytes())
    outreach = target / "coaching" / "outreach.yaml"
    text = outreach.read_text(encoding="utf-8")
    assert edit in text
    outreach.write_text(text.replace(edit, to, 1), encoding="utf-8")
    monkeypatch.setenv("INFOVIEW_DATA_DIR", str(target))


@pytest.mark.parametrize(
    ("edit", "to", "complaint"),
    [
        ("words_problem: 150", "words_problem: many", "limits.words_problem"),
        ("words_problem: 150", "words_problem: 90", "must be below limits.words_problem"),
        ("early_sentences: 2", "early_sentences: 1.5", "whole number"),
        ("- '\\bmy name is\\b'", "- '(unclosed'", "not a valid regular expression"),
        ("  placeholder:\n    problem:", "  placeholder:\n    oops:", "severity"),
        ("rules:\n", "rules_renamed:\n", "'rules'"),
        ("{words} words long. Under", "{sentences} words long. Under", "never filled in"),
        ("Start with your name", "Start with {0} your name", "not a plain blank"),
        ("limits:\n", "limits: [\n", "not valid YAML"),
    ],
)
def test_a_broken_data_file_is_explained(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit: str, to: str, complaint: str
) -> None:
    _data_copy(tmp_path, monkeypatch, edit, to)
    with pytest.raises(CoachingDataError, match=complaint):
        outreach_rules()


def test_an_advisor_can_change_the_wording_and_limits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _data_copy(tmp_path, monkeypatch, "words_suggestion: 100", "words_suggestion: 30")
    report = check_outreach(GOOD, subject="Your nursing work at St Mary's")
    assert ("length", Severity.SUGGESTION) in {(f.rule, f.severity) for f in report.findings}
    monkeypatch.delenv("INFOVIEW_DATA_DIR")
    assert check_outreach(GOOD, subject="Your nursing work at St Mary's").verdict == "ready"
