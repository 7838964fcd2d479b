"""The check of interview questions, one by one and as a set (guide: "Prepare Questions").

A good question is open, cannot be answered by a quick search, stays within
bounds and asks one clear thing. A good set fits the meeting's length, flows
in the TIARA order (trends, insights, advice, resources, assignments), covers
several sides of the work, and ends by asking whom else to talk to.

>>> check_question("Do you like your job?").findings[0].suggestion
'Try: "What do you enjoy most about your work?"'
>>> check_question("Can you tell me about your career path?").verdict
'keep'
>>> report = check_question_set(["How did you enter the field?"], minutes=30)
>>> [finding.rule for finding in report.set_findings if finding.severity is Severity.PROBLEM]
['closing_question']
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from infoview_lib.coach.findings import Finding, Severity, as_checked, has_problems, ordered
from infoview_lib.coach.question_rules import (
    BLANKS,
    RULES,
    TIARA,
    TRAILING,
    BankQuestion,
    QuestionRules,
    question_bank,
    question_rules,
)
from infoview_lib.coach.text import as_written, fold, folded_words, mostly_latin, plain, quote
from infoview_lib.model import QuestionCategory
from infoview_lib.model.meetings import MEETING_MINUTES, QUESTION_TEXT

__all__ = [
    "BLANKS",
    "COVERED",
    "MAX_QUESTION",
    "MAX_QUESTIONS",
    "RULES",
    "TIARA",
    "BankQuestion",
    "QuestionReport",
    "QuestionRules",
    "QuestionSetReport",
    "check_question",
    "check_question_set",
    "classify",
    "question_bank",
    "question_rules",
    "tiara_order",
]

#: The longest question checked (the longest a workbook stores); a longer one is too long.
MAX_QUESTION = QUESTION_TEXT
#: Only this many questions of a set are checked one by one; a meeting has 5 to 8.
MAX_QUESTIONS = 100
#: The categories a set is checked for covering: the bank's, less "other".
COVERED = tuple(category for category in QuestionCategory if category is not QuestionCategory.OTHER)
PROBLEM, SUGGESTION, WELL_DONE = Severity.PROBLEM, Severity.SUGGESTION, Severity.WELL_DONE


@dataclass(frozen=True, slots=True)
class QuestionReport:
    """The findings on one question, and what kind of question it is."""

    text: str
    findings: tuple[Finding, ...]
    category: QuestionCategory
    stage: str

    @property
    def verdict(self) -> Literal["keep", "revise"]:
        """``keep`` when nothing must be fixed, else ``revise``."""
        return "revise" if has_problems(self.findings) else "keep"

    def as_dict(self) -> dict[str, object]:
        """The report as the ``--json`` output has it."""
        return as_checked(self.verdict, self.findings, text=self.text)


@dataclass(frozen=True, slots=True)
class QuestionSetReport:
    """The findings on each question and on the set as a whole."""

    questions: tuple[QuestionReport, ...]
    set_findings: tuple[Finding, ...]
    minutes: int

    @property
    def ready(self) -> bool:
        """Whether no question and nothing about the set must be fixed."""
        return not has_problems(self.set_findings) and all(
            report.verdict == "keep" for report in self.questions
        )

    def as_dict(self) -> dict[str, object]:
        """The report as the ``--json`` output has it."""
        return {
            "questions": [report.as_dict() for report in self.questions],
            "set_findings": [finding.as_dict() for finding in self.set_findings],
        }


def classify(text: str, rules: QuestionRules | None = None) -> tuple[QuestionCategory, str]:
    """A question's category and TIARA stage: from the bank, else from its words.

    >>> classify("What trends are changing your field?")
    (<QuestionCategory.TRENDS: 'trends'>, 'trends')
    >>> classify("Is there anyone else that you think I should talk to?")[1]
    'resources'
    """
    rules = rules or question_rules()
    entry = rules.bank_entry(text)
    if entry is not None:
        return entry.category, entry.tiara
    folded = fold(text)
    category = next(
        (category for category, pattern in rules.category_words if pattern.search(folded)),
        QuestionCategory.OTHER,
    )
    stage = next(
        (stage for stage, pattern in rules.stage_words if pattern.search(folded)),
        rules.stages.get(category, "insights"),
    )
    return category, stage


def check_question(
    text: str, *, earlier: Sequence[str] = (), rules: QuestionRules | None = None
) -> QuestionReport:
    """Check one question; ``earlier`` are the questions before it in the set.

    >>> check_question("What does your company do?").verdict
    'revise'
    >>> check_question("How much do you make?").findings[0].rule
    'out_of_bounds'
    """
    rules = rules or question_rules()
    return _check(text, [_meaningful(fold(other), rules) for other in earlier], rules)


def _check(text: str, earlier: Sequence[frozenset[str]], rules: QuestionRules) -> QuestionReport:
    """Check one question against the meaningful words of the ones before it."""
    category, stage = classify(text, rules)
    length = len(unicodedata.normalize("NFC", text).strip())  # as the workbook counts it
    if length > MAX_QUESTION:  # a workbook would not keep it; its words are not read
        too_long = rules.finding("too_long", PROBLEM, characters=f"{length:,}", limit=MAX_QUESTION)
        return QuestionReport(text, (too_long,), category, stage)
    folded = rules.patterns["fillers"].sub("", fold(text))
    if not folded_words(folded):
        return QuestionReport(text, (rules.finding("empty", PROBLEM),), category, stage)
    if not mostly_latin(text):
        return QuestionReport(text, (rules.finding("language", SUGGESTION),), category, stage)
    found = _bounds_and_research(text, folded, rules)
    if not any(finding.rule == "out_of_bounds" for finding in found):
        found += _vague_or_closed(text, folded, rules)  # no open rewrite of an ask
    found += _duplicate(_meaningful(folded, rules), earlier, rules)
    found += _shape(folded, len(folded_words(fold(text))), rules)
    closed = any(finding.rule == "closed" for finding in found)  # no praise with a rewrite
    if not has_problems(found) and not closed and rules.patterns["opinion"].search(folded):
        found.append(rules.finding("opinion", WELL_DONE))
    return QuestionReport(text, ordered(found), category, stage)


def _bounds_and_research(text: str, folded: str, rules: QuestionRules) -> list[Finding]:
    found = []
    match = _out_of_bounds(folded, rules)
    if match:
        excerpt = quote(as_written(text, match.group(0)))
        found.append(rules.finding("out_of_bounds", PROBLEM, excerpt=excerpt))
    match = rules.patterns["researchable"].search(folded)
    if match:
        excerpt = quote(as_written(text, match.group(0)))
        found.append(rules.finding("researchable", PROBLEM, excerpt=excerpt))
    return found


def _out_of_bounds(folded: str, rules: QuestionRules) -> re.Match[str] | None:
    """The first out-of-bounds ask, if any.

    Asking leave to mention their name to someone they suggest is not an ask for a
    referral (``permitted``), and pay figures the student researched, quoted to ask whether
    they ring true, are not asking what the contact earns.
    """
    permitted: list[tuple[int, int]] | None = None
    for match in rules.asks.finditer(folded):
        if permitted is None:
            permitted = [found.span() for found in rules.patterns["permitted"].finditer(folded)]
        start, end = match.span()
        if not any(start < until and since < end for since, until in permitted):
            return match
    pay = rules.patterns["pay"].search(folded)
    if (
        pay
        and rules.patterns["pay_figure"].search(folded)
        and rules.patterns["pay_check"].search(folded)
    ):
        return None
    return pay


def _vague_or_closed(text: str, folded: str, rules: QuestionRules) -> list[Finding]:
    bare = TRAILING.sub("", folded)
    if rules.patterns["vague"].fullmatch(bare) or len(folded_words(bare)) < rules.limits.min_words:
        return [rules.finding("vague", PROBLEM)]
    if rules.patterns["leading"].search(bare):  # no open rewrite of a loaded question
        return [rules.finding("leading", PROBLEM)]
    if (
        not rules.patterns["closed_start"].search(bare)
        or rules.patterns["open_request"].search(bare)
        or rules.patterns["closing"].search(bare)
    ):
        return []
    rewrite = _rewrite(text, rules)
    finding = rules.finding("closed", SUGGESTION, rewrite=rewrite)
    if rewrite is None:
        return [replace(finding, suggestion=rules.closed_without_rewrite)]
    return [finding]


def _rewrite(text: str, rules: QuestionRules) -> str | None:
    written = plain(text)
    filler = rules.patterns["fillers"].match(written.lower())  # fillers are plain ASCII words
    if filler:
        written = written[filler.end() :]
    for rewrite in rules.rewrites:
        match = rewrite.pattern.match(written)
        if match:
            values = {name: value or "" for name, value in match.groupdict().items()}
            return rewrite.template.format_map(values)
    return None


def _duplicate(
    mine: frozenset[str], earlier: Sequence[frozenset[str]], rules: QuestionRules
) -> list[Finding]:
    if not mine:
        return []
    for position, theirs in enumerate(earlier, start=1):
        if theirs and len(mine & theirs) / len(mine | theirs) >= rules.limits.duplicate_similarity:
            return [rules.finding("duplicate", PROBLEM, other=position)]
    return []


def _meaningful(folded: str, rules: QuestionRules) -> frozenset[str]:
    return frozenset(word for word in folded_words(folded) if word not in rules.stopwords)


def _shape(folded: str, count: int, rules: QuestionRules) -> list[Finding]:
    found = []
    if rules.patterns["several"].search(folded):
        found.append(rules.finding("multiple_questions", SUGGESTION))
    if count > rules.limits.max_words:
        found.append(rules.finding("too_long", SUGGESTION, words=count))
    return found


def check_question_set(
    texts: Sequence[str], *, minutes: int = 30, rules: QuestionRules | None = None
) -> QuestionSetReport:
    """Check a meeting's questions, in the order they will be asked.

    ``minutes`` is the length of meeting asked for (20 to 30 is usual).

    >>> report = check_question_set([
    ...     "What trends are shaping your field right now?",
    ...     "Can you tell me about your career path?",
    ...     "What do you find most rewarding about your work?",
    ...     "What prepared you most for your current position?",
    ...     "What advice would you give someone starting out?",
    ...     "Is there anyone else that you think I should talk to?",
    ... ], minutes=20)
    >>> report.ready
    True
    """
    rules = rules or question_rules()
    low_minutes, high_minutes = MEETING_MINUTES
    if not low_minutes <= minutes <= high_minutes:
        raise ValueError(f"minutes must be from {low_minutes} to {high_minutes}, not {minutes}.")
    every = [text for text in texts if plain(text)]
    texts = every[:MAX_QUESTIONS]
    meaningful = [_meaningful(fold(text), rules) for text in texts]
    reports = tuple(_check(text, meaningful[:index], rules) for index, text in enumerate(texts))
    found = _size(len(every), minutes, rules)
    if texts:
        found += _closing(texts, rules)
        found += _order(reports, rules)
        found += _coverage(reports, rules)
    return QuestionSetReport(reports, ordered(found), minutes)


def _size(count: int, minutes: int, rules: QuestionRules) -> list[Finding]:
    size = next(size for size in rules.set_sizes if minutes <= size.up_to_minutes)
    values = {"count": count, "minutes": minutes, "low": size.low, "high": size.high}
    if count == 0:
        return [rules.finding("set_size", PROBLEM, **values)]
    if count < size.low:
        advice = f"Add {size.low - count} more, so a short answer does not end the meeting early."
        return [rules.finding("set_size", SUGGESTION, advice=advice, **values)]
    if count > size.high:
        advice = f"Mark your {size.high} most important, and keep the rest in reserve."
        return [rules.finding("set_size", SUGGESTION, advice=advice, **values)]
    return [rules.finding("set_size", WELL_DONE, **values)]


def _closing(texts: Sequence[str], rules: QuestionRules) -> list[Finding]:
    closing = rules.patterns["closing"]
    positions = [index for index, text in enumerate(texts, start=1) if closing.search(fold(text))]
    if not positions:
        return [rules.finding("closing_question", PROBLEM)]
    if positions[-1] <= len(texts) - rules.limits.closing_within_last:
        return [rules.finding("closing_question", SUGGESTION, position=positions[-1])]
    return [rules.finding("closing_question", WELL_DONE)]


#: TIARA's order: trends and insights first, then advice, then resources and assignments.
_TIARA_RANK = {"trends": 0, "insights": 0, "advice": 1, "resources": 2, "assignments": 2}


def tiara_order(reports: Sequence[QuestionReport]) -> list[int] | None:
    """The questions' places (from 0) in TIARA's order, or ``None`` if they are in it already.

    Questions of one stage keep their order among themselves.
    """
    ranks = [_TIARA_RANK.get(report.stage, 0) for report in reports]
    if all(earlier <= later for earlier, later in itertools.pairwise(ranks)):
        return None
    return sorted(range(len(reports)), key=lambda index: (ranks[index], index))


def _order(reports: Sequence[QuestionReport], rules: QuestionRules) -> list[Finding]:
    best = tiara_order(reports)
    if best is None:
        return [rules.finding("tiara_order", WELL_DONE)] if len(reports) > 2 else []
    order = ", ".join(str(index + 1) for index in best)
    return [rules.finding("tiara_order", SUGGESTION, order=order)]


def _coverage(reports: Sequence[QuestionReport], rules: QuestionRules) -> list[Finding]:
    covered = [category for category in COVERED if any(r.category is category for r in reports)]
    names = ", ".join(category.label.lower() for category in covered) or "no particular side"
    if len(covered) >= rules.limits.min_categories:
        return [rules.finding("coverage", WELL_DONE, count=len(covered), covered=names)]
    missing = [category for category in COVERED if category not in covered]
    examples = [entry for entry in rules.bank if entry.category in missing[:1]]
    example = examples[0].text if examples else ""
    listed = ", ".join(category.label.lower() for category in missing[:3])
    return [rules.finding("coverage", SUGGESTION, covered=names, missing=listed, example=example)]
