"""The question check: a table of single questions, the set rules, and the bank."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from infoview_lib.coach.findings import CoachingDataError
from infoview_lib.coach.questions import (
    COVERED,
    RULES,
    TIARA,
    check_question,
    check_question_set,
    classify,
    question_bank,
    question_rules,
)
from infoview_lib.model import QuestionCategory
from tests.coach.case_tables import flagged, load_cases, reported

QUESTIONS = load_cases("questions.yaml")
GUIDE_SIX = [
    "Can you tell me about your career path?",
    "How did you enter the field?",
    "What prepared you for your current position?",
    "What is it like working for your organization?",
    "Is there anyone else that you think I should talk to?",
]
GOOD_SET = [
    "What trends are shaping your field right now?",
    "Can you tell me about your career path?",
    "What do you find most rewarding about your work?",
    "What prepared you most for your current position?",
    "What advice would you give someone starting out?",
    "Is there anyone else that you think I should talk to?",
]


@pytest.mark.parametrize("case", QUESTIONS, ids=[case["text"][:50] for case in QUESTIONS])
def test_question(case: dict[str, Any]) -> None:
    report = check_question(case["text"])
    assert report.verdict == case["verdict"], [f.message for f in report.findings]
    assert set(case.get("problems", [])) <= reported(report.findings, "problem")
    assert set(case.get("suggestions", [])) <= reported(report.findings, "suggestion")
    assert not set(case.get("clear", [])) & flagged(report.findings)
    for finding in report.findings:  # every blank of the wording was filled in
        for blank in re.findall(r"\{\w*\}", finding.message + finding.suggestion):
            assert blank in case["text"], (finding.rule, blank)
    if "rewrite_contains" in case:
        rewrites = " ".join(f.suggestion for f in report.findings if f.rule == "closed")
        assert case["rewrite_contains"] in rewrites


def test_the_table_is_large_and_covers_every_rule() -> None:
    assert len(QUESTIONS) >= 80
    verdicts = Counter(case["verdict"] for case in QUESTIONS)
    assert verdicts["keep"] >= 30
    assert verdicts["revise"] >= 40
    tested = set()
    for case in QUESTIONS:
        tested |= set(case.get("problems", [])) | set(case.get("suggestions", []))
    single = {"out_of_bounds", "researchable", "vague", "closed", "multiple_questions", "too_long"}
    assert tested >= single


@pytest.mark.parametrize(
    ("question", "rewrite"),
    [
        ("Do you like your job?", "What do you enjoy most about your work?"),
        (
            "do you enjoy working with patients",
            "What do you enjoy most about working with patients?",
        ),
        ("Do you have any advice for a new nurse?", "What advice do you have for a new nurse?"),
        (
            "Is it hard to balance shifts and study?",
            "What is hardest about trying to balance shifts and study?",
        ),
        ("Did you always want to teach?", "How did you decide to teach?"),
        (
            "Do you think AI will change radiology?",
            "What is your view on whether AI will change radiology?",
        ),
        ("Have you ever worked abroad?", "Can you tell me about a time you worked abroad?"),
        (
            "So, should I get a master's first?",
            "What would you weigh in deciding whether to get a master's first?",
        ),
    ],
)
def test_closed_questions_get_an_open_rewrite(question: str, rewrite: str) -> None:
    (finding,) = [f for f in check_question(question).findings if f.rule == "closed"]
    assert finding.suggestion == f'Try: "{rewrite}"'


def test_a_closed_question_with_no_known_shape_still_gets_advice() -> None:
    report = check_question("Would it be worth doing a master's first?")
    (closed,) = [f for f in report.findings if f.severity == "suggestion"]
    assert closed.rule == "closed"
    assert "Can you tell me about" in closed.suggestion
    assert report.verdict == "keep"  # a closed form is a suggestion, not a mistake (issue 12)


@pytest.mark.parametrize(
    ("question", "rewrite"),
    [
        ("Is there a resource you wish you had found sooner?", "Which resource would you"),
        ("Are there professional groups in this field worth joining?", "Which professional"),
        ("Is there anything I should have asked?", "What else should I have asked you?"),
        (
            "Do you have any suggestions for publications I should read?",
            "What suggestions do you have for publications I should read?",
        ),
    ],
)
def test_closed_questions_guides_recommend_are_kept_with_an_open_rewrite(
    question: str, rewrite: str
) -> None:
    report = check_question(question)
    assert report.verdict == "keep"
    (closed,) = [f for f in report.findings if f.rule == "closed"]
    assert closed.severity == "suggestion"
    assert rewrite in closed.suggestion


def test_a_question_longer_than_a_workbook_keeps_is_too_long_not_vague() -> None:
    report = check_question("x" * 5_000)
    assert report.verdict == "revise"
    (finding,) = report.findings
    assert (finding.rule, finding.severity) == ("too_long", "problem")
    assert "5,000 characters" in finding.message
    assert "500" in finding.message
    words = check_question("What " + "really " * 60 + "matters?")  # under 500 characters
    assert {f.rule: f.severity for f in words.findings}["too_long"] == "suggestion"


@pytest.mark.parametrize(
    ("minutes", "count", "severity"),
    [
        (15, 2, "suggestion"),
        (15, 3, "well_done"),
        (20, 4, "suggestion"),
        (20, 5, "well_done"),
        (30, 8, "well_done"),
        (30, 9, "suggestion"),
        (45, 7, "well_done"),
        (60, 13, "suggestion"),
        (90, 10, "well_done"),
    ],
)
def test_set_size_fits_the_meeting(minutes: int, count: int, severity: str) -> None:
    bank = [entry.text for entry in question_bank()][:count]
    report = check_question_set(bank, minutes=minutes)
    assert {f.severity.value for f in report.set_findings if f.rule == "set_size"} == {severity}


def test_an_empty_set_is_a_problem() -> None:
    report = check_question_set(["", "   "], minutes=30)
    assert [f.rule for f in report.set_findings] == ["set_size"]
    assert not report.ready


def test_a_good_set_is_ready_and_praised() -> None:
    report = check_question_set(GOOD_SET, minutes=30)
    assert report.ready
    assert {f.rule for f in report.set_findings if f.severity == "well_done"} == {
        "set_size",
        "closing_question",
        "tiara_order",
        "coverage",
    }


def test_the_closing_question_belongs_at_the_end() -> None:
    early = [GOOD_SET[-1], *GOOD_SET[:-1]]
    report = check_question_set(early, minutes=30)
    (closing,) = [f for f in report.set_findings if f.rule == "closing_question"]
    assert closing.severity == "suggestion"
    assert "question 1" in closing.suggestion
    missing = check_question_set(GOOD_SET[:-1], minutes=30)
    assert "closing_question" in reported(missing.set_findings, "problem")
    assert not missing.ready


def test_tiara_order_suggests_a_better_order() -> None:
    shuffled = [GOOD_SET[4], GOOD_SET[0], GOOD_SET[1], GOOD_SET[2], GOOD_SET[3], GOOD_SET[5]]
    (order,) = [f for f in check_question_set(shuffled).set_findings if f.rule == "tiara_order"]
    assert order.severity == "suggestion"
    assert order.suggestion == "Try this order: 2, 3, 4, 5, 1, 6."


def test_coverage_names_what_is_missing() -> None:
    narrow = [
        "How did you enter the field?",
        "How did you find your first job in this field?",
        "Is there anyone else that you think I should talk to?",
    ]
    (coverage,) = [f for f in check_question_set(narrow).set_findings if f.rule == "coverage"]
    assert coverage.severity == "suggestion"
    assert "career path" in coverage.suggestion.lower()


def test_duplicates_name_the_earlier_question() -> None:
    report = check_question_set(
        ["How did you enter the field?", "What trends matter most?", "how did you enter this field"]
    )
    (duplicate,) = [f for f in report.questions[2].findings if f.rule == "duplicate"]
    assert "question 1" in duplicate.message
    assert all(f.rule != "duplicate" for f in report.questions[0].findings)


@pytest.mark.parametrize("minutes", [4, 181])
def test_meeting_length_must_be_possible(minutes: int) -> None:
    with pytest.raises(ValueError, match="minutes"):
        check_question_set(GOOD_SET, minutes=minutes)


def test_json_shape() -> None:
    shape = check_question_set(GOOD_SET[:2]).as_dict()
    assert set(shape) == {"questions", "set_findings"}
    assert set(shape["questions"][0]) == {"text", "verdict", "findings"}  # type: ignore[index]


# -- the bank ------------------------------------------------------------------------------


def test_the_bank_has_the_guides_questions_and_sixty_more() -> None:
    bank = question_bank()
    assert len(bank) >= 60
    texts = {entry.text for entry in bank}
    assert set(GUIDE_SIX) <= texts
    assert any("challenging and rewarding" in text for text in texts)
    counts = Counter(entry.category for entry in bank)
    assert all(counts[category] >= 5 for category in COVERED)
    assert {entry.tiara for entry in bank} <= set(TIARA)
    assert len({entry.id for entry in bank}) == len(bank)


@pytest.mark.parametrize("entry", question_bank(), ids=lambda entry: entry.id)
def test_every_bank_question_passes_its_own_check(entry: Any) -> None:
    report = check_question(entry.text)
    assert flagged(report.findings) == set(), [f.message for f in report.findings]
    assert classify(entry.text) == (entry.category, entry.tiara)


def test_free_text_is_classified_by_its_words() -> None:
    assert (
        classify("What skills helped you most in your degree?")[0] is QuestionCategory.PREPARATION
    )
    assert classify("If you were me, what would you do this month?")[1] == "assignments"
    assert classify("Which podcasts do you follow?") == (QuestionCategory.RESOURCES, "resources")


def test_a_broken_bank_is_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = Path(__file__).resolve().parents[2] / "data" / "coaching"
    target = tmp_path / "coaching"
    target.mkdir()
    for path in source.iterdir():
        (target / path.name).write_bytes(path.read_bytes())
    with (target / "question-bank.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow(["bad_one", "What now?", "gossip", "insights", "infoview"])
    monkeypatch.setenv("INFOVIEW_DATA_DIR", str(tmp_path))
    with pytest.raises(CoachingDataError, match="'gossip' is not a category"):
        question_rules()


def test_every_rule_has_wording() -> None:
    assert set(RULES) <= set(question_rules().wording)
