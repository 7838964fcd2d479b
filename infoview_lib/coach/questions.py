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
from typing import Any, Literal

from infoview_lib.coach.findings import (
    CoachingDataError,
    Finding,
    Severity,
    Wording,
    check_limits,
    check_template,
    has_problems,
    ordered,
    require_rules,
    rule_wording,
)
from infoview_lib.coach.phrases import Phrases
from infoview_lib.coach.rulebook import (
    loader,
    lower_pattern,
    patterns,
    read_csv,
    read_yaml,
    section,
)
from infoview_lib.coach.text import as_written, fold, folded_words, mostly_latin, plain, quote
from infoview_lib.model import QuestionCategory
from infoview_lib.model.meetings import MEETING_MINUTES, QUESTION_TEXT

FILE = "questions.yaml"
BANK_FILE = "question-bank.csv"
BANK_COLUMNS = ("id", "text", "category", "tiara", "source")
TIARA = ("trends", "insights", "advice", "resources", "assignments")
PROBLEM, SUGGESTION, WELL_DONE = Severity.PROBLEM, Severity.SUGGESTION, Severity.WELL_DONE

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

_PATTERNS = (
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
_LIMITS = (
    "max_words",
    "min_words",
    "duplicate_similarity",
    "min_categories",
    "closing_within_last",
)
_TRAILING = re.compile(r"[\s?.!,;:]+$")
#: The longest question checked (the longest a workbook stores); a longer one is too long.
MAX_QUESTION = QUESTION_TEXT
#: Only this many questions of a set are checked one by one; a meeting has 5 to 8.
MAX_QUESTIONS = 100
#: The categories a set is checked for covering: the bank's, less "other".
COVERED = tuple(category for category in QuestionCategory if category is not QuestionCategory.OTHER)


@dataclass(frozen=True, slots=True)
class BankQuestion:
    """A question from the bank, with its kind and its TIARA stage."""

    id: str
    text: str
    category: QuestionCategory
    tiara: str
    source: str


@dataclass(frozen=True, slots=True)
class SetSize:
    """How many questions fit a meeting up to a given length."""

    up_to_minutes: int
    low: int
    high: int


@dataclass(frozen=True, slots=True)
class Rewrite:
    """A closed question's shape, and the open question to offer instead."""

    pattern: re.Pattern[str]
    template: str


@dataclass(frozen=True, slots=True)
class QuestionRules:
    """The question check's word lists, limits, bank and wording."""

    patterns: dict[str, re.Pattern[str]]
    asks: Phrases  # the out-of-bounds list, checked as a pattern, faster to search
    limits: dict[str, float]
    set_sizes: tuple[SetSize, ...]
    category_words: tuple[tuple[QuestionCategory, re.Pattern[str]], ...]
    stage_words: tuple[tuple[str, re.Pattern[str]], ...]
    category_stage: dict[QuestionCategory, str]
    rewrites: tuple[Rewrite, ...]
    closed_without_rewrite: str
    stopwords: frozenset[str]
    bank: tuple[BankQuestion, ...]
    bank_index: dict[str, BankQuestion]
    wording: Wording

    def finding(self, rule: str, severity: Severity, **values: object) -> Finding:
        """The finding for ``rule`` with ``severity``, in the data file's words."""
        return self.wording[rule][severity].finding(**values)

    def bank_entry(self, text: str) -> BankQuestion | None:
        """The bank question with this text, ignoring case, accents and punctuation."""
        return self.bank_index.get(_key(text))


def _key(text: str) -> str:
    return _TRAILING.sub("", fold(text))


def _build_rules() -> QuestionRules:
    """Read and check ``questions.yaml`` and the question bank."""
    data = read_yaml(FILE)
    where = f"coaching/{FILE}"
    limit_data: dict[str, Any] = section(data, "limits", where, dict)
    limits = {}
    for key in _LIMITS:
        value = limit_data.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise CoachingDataError(f"{where}: limits.{key} must be a positive number.")
        limits[key] = float(value)
    check_limits(
        limits,
        where,
        whole=tuple(key for key in _LIMITS if key != "duplicate_similarity"),
        at_most_one=("duplicate_similarity",),
        ordered_pairs=(("min_words", "max_words"),),
    )
    wording = rule_wording(data.get("rules"), where)
    require_rules(wording, RULES, where, BLANKS)
    pattern_data: dict[str, Any] = section(data, "patterns", where, dict)
    bank = _bank()
    return QuestionRules(
        patterns={key: patterns(pattern_data, key, f"{where}, patterns") for key in _PATTERNS},
        asks=Phrases.of([lower_pattern(entry) for entry in pattern_data["out_of_bounds"]]),
        limits=limits,
        set_sizes=_set_sizes(section(data, "set_sizes", where, list), where),
        category_words=tuple(
            (_category(name, where), _pattern(text, f"{where}, category_words.{name}"))
            for name, text in section(data, "category_words", where, dict).items()
        ),
        stage_words=tuple(
            (_stage(name, where), _pattern(text, f"{where}, stage_words.{name}"))
            for name, text in section(data, "stage_words", where, dict).items()
        ),
        category_stage={
            _category(name, where): _stage(stage, where)
            for name, stage in section(data, "category_stage", where, dict).items()
        },
        rewrites=_rewrites(section(data, "rewrites", where, list), where),
        closed_without_rewrite=_no_blanks(
            section(data, "closed_without_rewrite", where, str), f"{where}, closed_without_rewrite"
        ),
        stopwords=frozenset(str(word) for word in section(data, "stopwords", where, list)),
        bank=bank,
        bank_index={_key(entry.text): entry for entry in bank},
        wording=wording,
    )


def _no_blanks(text: str, where: str) -> str:
    """Wording that takes no blanks, with ``{{`` and ``}}`` made single braces."""
    if check_template(text, where):
        raise CoachingDataError(f"{where}: this wording takes no blanks.")
    return text.format()


def _pattern(text: object, where: str) -> re.Pattern[str]:
    if not isinstance(text, str):
        raise CoachingDataError(f"{where}: the pattern must be text.")
    try:
        return re.compile(text, re.IGNORECASE)
    except re.error as error:
        raise CoachingDataError(f"{where}: {text!r} is not a valid pattern ({error}).") from None


def _category(name: object, where: str) -> QuestionCategory:
    try:
        return QuestionCategory(str(name))
    except ValueError:
        known = ", ".join(category.value for category in QuestionCategory)
        raise CoachingDataError(f"{where}: {name!r} is not a category ({known}).") from None


def _stage(name: object, where: str) -> str:
    if name not in TIARA:
        raise CoachingDataError(f"{where}: {name!r} is not a TIARA stage ({', '.join(TIARA)}).")
    return str(name)


def _set_sizes(entries: list[Any], where: str) -> tuple[SetSize, ...]:
    sizes = []
    for entry in entries:
        try:
            size = SetSize(int(entry["up_to_minutes"]), int(entry["low"]), int(entry["high"]))
        except (KeyError, TypeError, ValueError):
            raise CoachingDataError(
                f"{where}: each set_sizes entry needs up_to_minutes, low and high as numbers."
            ) from None
        if not 0 < size.low <= size.high:
            raise CoachingDataError(f"{where}: set_sizes needs 0 < low <= high, not {entry}.")
        sizes.append(size)
    sizes.sort(key=lambda size: size.up_to_minutes)
    if not sizes or sizes[-1].up_to_minutes < MEETING_MINUTES[1]:
        raise CoachingDataError(
            f"{where}: set_sizes must reach up to {MEETING_MINUTES[1]} minutes, "
            "the longest meeting."
        )
    return tuple(sizes)


def _rewrites(entries: list[Any], where: str) -> tuple[Rewrite, ...]:
    rewrites = []
    for number, entry in enumerate(entries, start=1):
        at = f"{where}, rewrite {number}"
        if not isinstance(entry, dict) or not isinstance(entry.get("rewrite"), str):
            raise CoachingDataError(f"{at}: give a pattern and a rewrite.")
        pattern = _pattern(entry.get("pattern"), at)
        blanks = check_template(entry["rewrite"], at)
        unknown = set(blanks) - set(pattern.groupindex)
        if unknown:
            raise CoachingDataError(
                f"{at}: the rewrite uses {{{sorted(unknown)[0]}}}, which the pattern does not "
                "capture with (?P<name>...)."
            )
        rewrites.append(Rewrite(pattern, entry["rewrite"]))
    return tuple(rewrites)


def _bank() -> tuple[BankQuestion, ...]:
    rows = read_csv(BANK_FILE, BANK_COLUMNS)
    where = f"coaching/{BANK_FILE}"
    bank = []
    seen: set[str] = set()
    for line, row in enumerate(rows, start=2):
        at = f"{where}, line {line}"
        if not row["id"] or not row["text"]:
            raise CoachingDataError(f"{at}: every question needs an id and a text.")
        if row["id"] in seen:
            raise CoachingDataError(f"{at}: the id {row['id']!r} is used twice.")
        seen.add(row["id"])
        bank.append(
            BankQuestion(
                id=row["id"],
                text=row["text"],
                category=_category(row["category"], at),
                tiara=_stage(row["tiara"], at),
                source=row["source"],
            )
        )
    return tuple(bank)


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
        return {
            "text": self.text,
            "verdict": self.verdict,
            "findings": [finding.as_dict() for finding in self.findings],
        }


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
        rules.category_stage.get(category, "insights"),
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
    bare = _TRAILING.sub("", folded)
    if (
        rules.patterns["vague"].fullmatch(bare)
        or len(folded_words(bare)) < rules.limits["min_words"]
    ):
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
        if (
            theirs
            and len(mine & theirs) / len(mine | theirs) >= rules.limits["duplicate_similarity"]
        ):
            return [rules.finding("duplicate", PROBLEM, other=position)]
    return []


def _meaningful(folded: str, rules: QuestionRules) -> frozenset[str]:
    return frozenset(word for word in folded_words(folded) if word not in rules.stopwords)


def _shape(folded: str, count: int, rules: QuestionRules) -> list[Finding]:
    found = []
    if rules.patterns["several"].search(folded):
        found.append(rules.finding("multiple_questions", SUGGESTION))
    if count > rules.limits["max_words"]:
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
    if positions[-1] <= len(texts) - rules.limits["closing_within_last"]:
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
    if len(covered) >= rules.limits["min_categories"]:
        return [rules.finding("coverage", WELL_DONE, count=len(covered), covered=names)]
    missing = [category for category in COVERED if category not in covered]
    examples = [entry for entry in rules.bank if entry.category in missing[:1]]
    example = examples[0].text if examples else ""
    listed = ", ".join(category.label.lower() for category in missing[:3])
    return [rules.finding("coverage", SUGGESTION, covered=names, missing=listed, example=example)]
