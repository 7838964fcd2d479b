"""What ``questions.yaml`` and ``question-bank.csv`` hold: the question check's declared schema.

The word lists, limits, set sizes, rewrites and wording of the question check, and the bank
of questions students pick from, each declared once: :func:`question_rules` reads them
through the generic loader, and the data README's tables are made from the same declarations.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from infoview_lib.coach.findings import Finding, Severity, Wording, check_template
from infoview_lib.coach.kinds import (
    Amount,
    Cell,
    Items,
    OneOf,
    PatternLists,
    Patterns,
    Regex,
    Section,
    Whole,
    Words,
    below,
)
from infoview_lib.coach.phrases import Phrases
from infoview_lib.coach.rule_wording import RuleWording
from infoview_lib.coach.rulebook import loader
from infoview_lib.coach.schema import Place, entry, load, read_rows
from infoview_lib.coach.text import fold
from infoview_lib.model import QuestionCategory
from infoview_lib.model.meetings import MEETING_MINUTES

FILE = "questions.yaml"
BANK_FILE = "question-bank.csv"
TIARA = ("trends", "insights", "advice", "resources", "assignments")
PROBLEM, SUGGESTION, WELL_DONE = Severity.PROBLEM, Severity.SUGGESTION, Severity.WELL_DONE

#: Each rule the check uses, and the outcomes its wording must cover.
RULES: dict[str, tuple[Severity, ...]] = {
    "language": (SUGGESTION,),
    "empty": (PROBLEM,),
    "out_of_bounds": (PROBLEM,),
    "researchable": (PROBLEM,),
    "vague": (PROBLEM,),
    "leading": (PROBLEM,),
    "closed": (SUGGESTION,),
    "duplicate": (PROBLEM,),
    "multiple_questions": (SUGGESTION,),
    "too_long": (PROBLEM, SUGGESTION),
    "opinion": (WELL_DONE,),
    "set_size": (PROBLEM, SUGGESTION, WELL_DONE),
    "closing_question": (PROBLEM, SUGGESTION, WELL_DONE),
    "tiara_order": (SUGGESTION, WELL_DONE),
    "coverage": (SUGGESTION, WELL_DONE),
}
#: The blanks each rule's wording may use.
_SIZE = frozenset({"count", "minutes", "low", "high"})
BLANKS: dict[str, dict[Severity, frozenset[str]]] = {
    "out_of_bounds": {PROBLEM: frozenset({"excerpt"})},
    "researchable": {PROBLEM: frozenset({"excerpt"})},
    "closed": {SUGGESTION: frozenset({"rewrite"})},
    "duplicate": {PROBLEM: frozenset({"other"})},
    "too_long": {PROBLEM: frozenset({"characters", "limit"}), SUGGESTION: frozenset({"words"})},
    "set_size": {PROBLEM: _SIZE, SUGGESTION: _SIZE | {"advice"}, WELL_DONE: _SIZE},
    "closing_question": {SUGGESTION: frozenset({"position"})},
    "tiara_order": {SUGGESTION: frozenset({"order"})},
    "coverage": {
        SUGGESTION: frozenset({"covered", "missing", "example"}),
        WELL_DONE: frozenset({"count", "covered"}),
    },
}
#: What a rule's outcome means, where the README says more than its name.
NOTES: dict[str, dict[Severity, str]] = {
    "language": {SUGGESTION: "the question is not in English, so it is not checked"},
    "too_long": {PROBLEM: "longer than the workbook keeps"},
    "duplicate": {PROBLEM: "`{other}` is the earlier question's number"},
}

PATTERNS = (
    "fillers",
    "researchable",
    "out_of_bounds",
    "pay",
    "permitted",
    "pay_figure",
    "pay_check",
    "vague",
    "leading",
    "closed_start",
    "open_request",
    "closing",
    "several",
    "opinion",
)
#: The spaces and punctuation at the end of a question.
TRAILING = re.compile(r"[\s?.!,;:]+$")
_CATEGORY = OneOf(tuple(category.value for category in QuestionCategory), "category")
_STAGE = OneOf(TIARA, "TIARA stage")


def bank_key(text: str) -> str:
    """A question's text as the bank is looked up by: folded, without end punctuation."""
    return TRAILING.sub("", fold(text))


@dataclass(frozen=True, slots=True)
class BankQuestion:
    """A question from the bank, with its kind and its TIARA stage."""

    id: str = field(metadata=entry(Cell(), "unique"))
    text: str = field(metadata=entry(Cell(), "the question"))
    category: QuestionCategory = field(metadata=entry(_CATEGORY, "the kind of question"))
    tiara: str = field(metadata=entry(_STAGE, "its TIARA stage"))
    source: str = field(metadata=entry(Cell(required=False), "`guide` for the guide's own six"))

    def __post_init__(self) -> None:
        object.__setattr__(self, "category", QuestionCategory(self.category))


@dataclass(frozen=True, slots=True)
class QuestionLimits:
    """The question check's numbers."""

    max_words: float = field(metadata=entry(Amount(), "one clear question is rarely longer"))
    min_words: float = field(metadata=entry(Amount(), "shorter cannot say what you want to know"))
    duplicate_similarity: float = field(
        metadata=entry(
            Amount(whole=False, share=True),
            "the share of meaningful words two questions share for one to repeat the other",
        )
    )
    min_categories: float = field(metadata=entry(Amount(), "kinds of question in a good set"))
    closing_within_last: float = field(
        metadata=entry(Amount(), 'the "anyone else?" question belongs among the last ones')
    )

    def check(self, at: Place) -> None:
        """Refuse limits that would make the check meaningless."""
        below(at, self, ("min_words", "max_words"))


@dataclass(frozen=True, slots=True)
class SetSize:
    """How many questions fit a meeting up to a given length."""

    up_to_minutes: int = field(metadata=entry(Whole(1), "the longest meeting this size is for"))
    low: int = field(metadata=entry(Whole(1), "the fewest questions"))
    high: int = field(metadata=entry(Whole(1), "the most questions"))

    def check(self, at: Place) -> None:
        """Refuse a size that is no range."""
        if not self.low <= self.high:
            raise at.error(f"set_sizes needs 0 < low <= high, not {self.low} and {self.high}.")


class SetSizes:
    """The set sizes, shortest meeting first; the last must reach the longest meeting."""

    def read(self, data: Mapping[str, Any], key: str, at: Place) -> tuple[SetSize, ...]:
        sizes = sorted(Items(SetSize, "entry").read(data, key, at), key=lambda s: s.up_to_minutes)
        if sizes[-1].up_to_minutes < MEETING_MINUTES[1]:
            raise at.error(
                f"set_sizes must reach up to {MEETING_MINUTES[1]} minutes, the longest meeting."
            )
        return tuple(sizes)


@dataclass(frozen=True, slots=True)
class Rewrite:
    """A closed question's shape, and the open question to offer instead."""

    pattern: re.Pattern[str] = field(metadata=entry(Regex(), "matched against the question"))
    template: str = field(
        metadata=entry(Cell(), "the open question; may use the pattern's groups", key="rewrite")
    )

    def check(self, at: Place) -> None:
        """Refuse a blank the pattern does not capture."""
        unknown = set(check_template(self.template, str(at))) - set(self.pattern.groupindex)
        if unknown:
            raise at.error(
                f"the rewrite uses {{{sorted(unknown)[0]}}}, which the pattern does not "
                "capture with (?P<name>...)."
            )


class ByName(NamedTuple):
    """A mapping of names (each one of ``names``) to values of ``value``, in the file's order."""

    names: OneOf
    value: OneOf | Regex
    make: Callable[[str], Any] = str

    def read(self, data: Mapping[str, Any], key: str, at: Place) -> tuple[tuple[str, Any], ...]:
        found = data.get(key)
        if not isinstance(found, dict):
            raise at.error(f"{key!r} is missing or is not a dict.")
        here = at.inside(key)
        return tuple(
            (
                self.make(self.names.check(name, here.entry(found, name))),
                self.value.read(found, name, here),
            )
            for name in found
        )


class NoBlanks:
    """Wording that takes no blanks; ``{{`` and ``}}`` become single braces."""

    def read(self, data: Mapping[str, Any], key: str, at: Place) -> str:
        text = data.get(key)
        here = at.entry(data, key)
        if not isinstance(text, str):
            raise at.error(f"{key!r} is missing or is not a str.")
        if check_template(text, str(here)):
            raise here.error("this wording takes no blanks.")
        return text.format()


@dataclass(frozen=True, slots=True)
class QuestionRules:
    """The question check's word lists, limits, bank and wording."""

    limits: QuestionLimits = field(
        metadata=entry(Section(QuestionLimits), "whole numbers except `duplicate_similarity`")
    )
    set_sizes: tuple[SetSize, ...] = field(
        metadata=entry(
            SetSizes(),
            "how many questions fit a meeting of up to `up_to_minutes`: from `low` to `high`; "
            "the last entry must reach 180 minutes",
        )
    )
    category_stage: tuple[tuple[QuestionCategory, str], ...] = field(
        metadata=entry(
            ByName(_CATEGORY, _STAGE, QuestionCategory),
            "the TIARA stage (`trends`, `insights`, `advice`, `resources`, `assignments`) of "
            "each category",
        )
    )
    category_words: tuple[tuple[QuestionCategory, re.Pattern[str]], ...] = field(
        metadata=entry(
            ByName(_CATEGORY, Regex(), QuestionCategory),
            "the words that tell the kind of a question not in the bank, tried in order",
        )
    )
    stage_words: tuple[tuple[str, re.Pattern[str]], ...] = field(
        metadata=entry(
            ByName(_STAGE, Regex()),
            "the words that tell the stage of a question not in the bank, tried in order; "
            "before its category's stage",
        )
    )
    patterns: PatternLists = field(
        metadata=entry(
            Patterns(PATTERNS),
            '`fillers` (words like "So," dropped from the start), `researchable`, '
            "`out_of_bounds`, `pay` (asking what they earn: out of bounds, unless the question "
            "quotes researched figures, `pay_figure`, and asks whether they ring true, "
            "`pay_check`), `permitted` (asking leave to mention their name, or to be pointed to "
            "a person they suggest: not an ask for a referral), `vague` (matched against the "
            "whole question), `leading` (a loaded question that gives the answer it wants), "
            '`closed_start`, `open_request` ("Can you tell me about..." counts as open), '
            "`closing` (the question about whom else to talk to), `several`, `opinion`",
        )
    )
    closed_without_rewrite: str = field(
        metadata=entry(
            NoBlanks(), "the advice for a closed question that no rewrite fits (no blanks)"
        )
    )
    rewrites: tuple[Rewrite, ...] = field(
        metadata=entry(
            Items(Rewrite, "rewrite", fewest=0),
            "the open rewrite offered for a closed question: the first `pattern` that matches the "
            "question as written gives its `rewrite`; a `(?P<rest>...)` group fills the `{rest}` "
            "blank",
        )
    )
    stopwords: frozenset[str] = field(
        metadata=entry(Words(), "words left out when comparing two questions for duplicates")
    )
    wording: Wording = field(
        metadata=entry(
            RuleWording(RULES, BLANKS), "the wording of each rule, by outcome", key="rules"
        )
    )
    bank: tuple[BankQuestion, ...] = ()
    #: The out-of-bounds list, checked as a pattern above, faster to search.
    asks: Phrases = field(init=False)
    bank_index: dict[str, BankQuestion] = field(init=False)
    stages: dict[QuestionCategory, str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "asks", Phrases.of(list(self.patterns.entries["out_of_bounds"])))
        object.__setattr__(self, "bank_index", {bank_key(entry.text): entry for entry in self.bank})
        object.__setattr__(self, "stages", dict(self.category_stage))

    def finding(self, rule: str, severity: Severity, **values: object) -> Finding:
        """The finding for ``rule`` with ``severity``, in the data file's words."""
        return self.wording[rule][severity].finding(**values)

    def bank_entry(self, text: str) -> BankQuestion | None:
        """The bank question with this text, ignoring case, accents and punctuation."""
        return self.bank_index.get(bank_key(text))


def _build_rules() -> QuestionRules:
    """Read and check ``questions.yaml`` and the question bank."""
    rules = load(QuestionRules, FILE)
    return replace(rules, bank=read_rows(BankQuestion, BANK_FILE, unique="id"))


#: The rules in use, read once per data folder.
question_rules = loader(_build_rules)


def question_bank(category: QuestionCategory | str | None = None) -> tuple[BankQuestion, ...]:
    """The bank's questions, all or of one category.

    >>> len(question_bank()) >= 60
    True
    >>> question_bank("resources")[0].tiara
    'resources'
    """
    bank = question_rules().bank
    if category is None:
        return bank
    wanted = QuestionCategory.parse(category)
    return tuple(entry for entry in bank if entry.category is wanted)
