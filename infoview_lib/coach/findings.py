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


#: A rule's wording for each outcome it can have.
Wording = dict[str, dict[Severity, RuleText]]
