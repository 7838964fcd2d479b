"""What every check returns: findings, each a rule, a severity, a message and a suggestion.

Checks never print. The forms, the command line and the reports decide how a
finding looks; the finding only says what was found and why it matters.

>>> note = Finding("length", Severity.SUGGESTION, "Your email is 120 words.", "Cut it to 100.")
>>> note.as_dict()["severity"]
'suggestion'
>>> has_problems([note])
False
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from infoview_lib.errors import InfoviewError


class Severity(StrEnum):
    """How much a finding matters: a problem must be fixed, a suggestion may be."""

    PROBLEM = "problem"
    SUGGESTION = "suggestion"
    WELL_DONE = "well_done"

    @property
    def label(self) -> str:
        """The severity as a student reads it."""
        return {"problem": "Fix this", "suggestion": "Suggestion", "well_done": "Well done"}[
            self.value
        ]


#: The order findings are listed in: what to fix first.
SEVERITY_ORDER = {Severity.PROBLEM: 0, Severity.SUGGESTION: 1, Severity.WELL_DONE: 2}


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a check noticed, in plain words, with what to do about it."""

    rule: str
    severity: Severity
    message: str
    suggestion: str = ""

    def as_dict(self) -> dict[str, str]:
        """The finding as plain JSON-ready values."""
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "suggestion": self.suggestion,
        }


def has_problems(findings: Iterable[Finding]) -> bool:
    """Whether any finding must be fixed."""
    return any(finding.severity is Severity.PROBLEM for finding in findings)


def as_checked(verdict: str, findings: Iterable[Finding], **more: object) -> dict[str, object]:
    """A check's report as the ``--json`` output has it: ``more``, the verdict, the findings.

    >>> as_checked("keep", [], text="Why?")
    {'text': 'Why?', 'verdict': 'keep', 'findings': []}
    """
    return {**more, "verdict": verdict, "findings": [finding.as_dict() for finding in findings]}


def ordered(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Problems first, then suggestions, then what went well; stable within each."""
    return tuple(sorted(findings, key=lambda finding: SEVERITY_ORDER[finding.severity]))


class CoachingDataError(InfoviewError):
    """A coaching data file (wording, word lists, thresholds) cannot be used as it is."""


@dataclass(frozen=True, slots=True)
class RuleText:
    """A rule's editable wording: its severity, message and suggestion templates.

    Templates name their blanks in braces, like ``{words}``; the values put in
    are never read as templates themselves, so a student's text stays text.

    >>> RuleText("too_long", Severity.SUGGESTION, "{words} words.", "").finding(words=120).message
    '120 words.'
    """

    rule: str
    severity: Severity
    message: str
    suggestion: str = ""

    def finding(self, **values: object) -> Finding:
        """A finding with this rule's wording, blanks filled from ``values``."""
        return Finding(
            self.rule,
            self.severity,
            _fill(self.message, values),
            _fill(self.suggestion, values),
        )


class _Blanks(dict[str, object]):
    """Values for a template; a blank nobody fills stays visible rather than failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill(template: str, values: Mapping[str, object]) -> str:
    return template.format_map(_Blanks(values))


def rule_texts(section: object, where: str) -> dict[str, RuleText]:
    """Read a ``rules:`` mapping of rule id to severity, message and suggestion.

    Each template may use only plain ``{name}`` blanks, so wording an advisor
    edits can never reach into the program.
    """
    if not isinstance(section, dict) or not section:
        raise CoachingDataError(f"{where}: 'rules' must list each rule's wording.")
    texts: dict[str, RuleText] = {}
    for rule, entry in section.items():
        at = f"{where}, rule {rule!r}"
        if not isinstance(entry, dict):
            raise CoachingDataError(f"{at}: give its severity, message and suggestion.")
        try:
            severity = Severity(str(entry.get("severity", "")).strip().replace(" ", "_"))
        except ValueError:
            raise CoachingDataError(
                f"{at}: severity must be problem, suggestion or well done."
            ) from None
        message = entry.get("message")
        suggestion = entry.get("suggestion", "") or ""
        if not isinstance(message, str) or not message.strip():
            raise CoachingDataError(f"{at}: the message is missing.")
        if not isinstance(suggestion, str):
            raise CoachingDataError(f"{at}: the suggestion must be text.")
        for template in (message, suggestion):
            check_template(template, at)
        texts[str(rule)] = RuleText(str(rule), severity, message.strip(), suggestion.strip())
    return texts


def check_template(template: str, where: str) -> tuple[str, ...]:
    """The blanks a template uses; an error if it is malformed or reaches into values.

    >>> check_template("Dear {contact_name},", "here")
    ('contact_name',)
    """
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as error:
        raise CoachingDataError(
            f"{where}: the wording has a stray brace ({error}); write {{{{ or }}}} for a "
            "literal brace."
        ) from None
    names = []
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            raise CoachingDataError(
                f"{where}: {{{name}}} is not a plain blank; use names like {{contact_name}}."
            )
        names.append(name)
    return tuple(names)


def check_limits(
    limits: Mapping[str, float],
    where: str,
    *,
    whole: tuple[str, ...] = (),
    at_most_one: tuple[str, ...] = (),
    ordered_pairs: tuple[tuple[str, str], ...] = (),
) -> None:
    """Refuse limits that would make a check meaningless, naming the file and the limit.

    >>> check_limits({"low": 5, "high": 3}, "f", ordered_pairs=(("low", "high"),))
    Traceback (most recent call last):
    ...
    infoview_lib.coach.findings.CoachingDataError: f: limits.low (5) must be below limits.high (3).
    """
    for key in whole:
        if limits[key] != int(limits[key]):
            raise CoachingDataError(f"{where}: limits.{key} must be a whole number.")
    for key in at_most_one:
        if limits[key] > 1:
            raise CoachingDataError(f"{where}: limits.{key} is a share: write it from 0 to 1.")
    for low, high in ordered_pairs:
        if limits[low] >= limits[high]:
            raise CoachingDataError(
                f"{where}: limits.{low} ({limits[low]:g}) must be below limits.{high} "
                f"({limits[high]:g})."
            )


#: A rule's wording for each outcome it can have.
Wording = dict[str, dict[Severity, RuleText]]


def rule_wording(section: object, where: str) -> Wording:
    """Read ``rules:`` as rule id, then severity, then message and suggestion.

    >>> wording = rule_wording({"length": {"problem": {"message": "Too long."}}}, "here")
    >>> wording["length"][Severity.PROBLEM].finding().message
    'Too long.'
    """
    if not isinstance(section, dict) or not section:
        raise CoachingDataError(f"{where}: 'rules' must list each rule's wording.")
    wording: Wording = {}
    for rule, outcomes in section.items():
        if not isinstance(outcomes, dict) or not outcomes:
            raise CoachingDataError(
                f"{where}, rule {rule!r}: give its wording under problem, suggestion or well_done."
            )
        flat = {
            f"{rule}.{severity}": {**entry, "severity": severity}
            if isinstance(entry, dict)
            else entry
            for severity, entry in outcomes.items()
        }
        texts = rule_texts(flat, where)
        wording[str(rule)] = {
            text.severity: RuleText(str(rule), text.severity, text.message, text.suggestion)
            for text in texts.values()
        }
    return wording


def require_rules(
    wording: Wording,
    needed: dict[str, tuple[Severity, ...]],
    where: str,
    blanks: Mapping[str, Mapping[Severity, frozenset[str]]] | None = None,
) -> None:
    """Fail plainly when a rule the code relies on has no wording for an outcome,
    or when its wording uses a blank the code does not fill there
    (``blanks``: per rule and outcome; none when not listed).
    """
    for rule, severities in needed.items():
        for severity in severities:
            if severity not in wording.get(rule, {}):
                raise CoachingDataError(
                    f"{where}: rule {rule!r} needs a {severity.value} message under 'rules'."
                )
    for rule, outcomes in wording.items():
        for severity, text in outcomes.items():
            allowed = (blanks or {}).get(rule, {}).get(severity, frozenset())
            used = set(check_template(text.message, where))
            used |= set(check_template(text.suggestion, where))
            unknown = sorted(used - allowed)
            if unknown:
                can = ", ".join(f"{{{name}}}" for name in sorted(allowed)) or "no blanks"
                raise CoachingDataError(
                    f"{where}: rule {rule!r} ({severity.value}) uses {{{unknown[0]}}}, which "
                    f"is never filled in there; it can use {can}."
                )
