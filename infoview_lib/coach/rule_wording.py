"""Reading a check's rule wording: each rule's severity, message and suggestion, by outcome.

The wording of a check's findings lives under ``rules:`` in its coaching file, where an
advisor may edit it; what is read here is checked against what the check declares (the
outcomes each rule needs, the blanks each may use), so wording can never reach into the
program or leave a rule without words.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from infoview_lib.coach.findings import (
    CoachingDataError,
    RuleText,
    Severity,
    Wording,
    check_template,
)
from infoview_lib.coach.schema import Place, only_blanks


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


class RuleWording(NamedTuple):
    """Each rule's wording, by outcome: a message and a suggestion, using only its blanks.

    ``rules`` are the outcomes each rule needs; ``blanks`` the blanks each may use.
    """

    rules: Mapping[str, tuple[Severity, ...]]
    blanks: Mapping[str, Mapping[Severity, frozenset[str]]]

    def read(self, data: Mapping[str, Any], key: str, at: Place) -> Wording:
        wording = rule_wording(data.get(key), at.file)
        require_rules(wording, dict(self.rules), at.file, self.blanks)
        return wording


class RuleTexts(NamedTuple):
    """Each rule's severity, message and suggestion; ``blanks``: the rules and their blanks."""

    blanks: Mapping[str, tuple[str, ...]]

    def read(self, data: Mapping[str, Any], key: str, at: Place) -> dict[str, RuleText]:
        texts = rule_texts(data.get(key), str(at))
        for rule, allowed in self.blanks.items():
            if rule not in texts:
                raise at.error(f"the wording of rule {rule!r} is missing.")
            named = f"rule {rule!r}"
            here = Place(at.file, f"{at.section}, {named}" if at.section else named)
            for template in (texts[rule].message, texts[rule].suggestion):
                only_blanks(template, allowed, here)
        return texts
