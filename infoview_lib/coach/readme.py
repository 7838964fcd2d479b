"""The coaching data README's tables, made from the files' declared schemas and the checks' rules.

Each table stands between ``<!-- generated: NAME -->`` and ``<!-- end generated -->`` in
``data/coaching/README.md``; the prose around them is written by hand. Run
``python -m infoview_lib.coach.readme`` after changing a schema or a rule to write the
tables again, or with ``--check`` to fail when the README is out of step (a test does that).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from infoview_lib.coach import (
    agenda,
    calendar,
    contact_rules,
    followup_rules,
    meeting_rules,
    outreach_drafts,
    outreach_rules,
    question_rules,
    report_rules,
)
from infoview_lib.coach.findings import Severity
from infoview_lib.coach.kinds import Amount, OneOf, Section, Whole, Wordings
from infoview_lib.coach.schema import Declared, declared

#: The README, beside the shipped coaching files whose values fill its "default" columns.
README = Path(__file__).resolve().parents[2] / "data" / "coaching" / "README.md"
_REGION = re.compile(
    r"(<!-- generated: (?P<name>[\w.-]+) -->\n)(?P<body>.*?)(<!-- end generated -->)", re.DOTALL
)
_OUTCOME = {
    Severity.PROBLEM: "problem",
    Severity.SUGGESTION: "suggestion",
    Severity.WELL_DONE: "well done",
}


def table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """A Markdown table."""
    head = list(header)
    lines = [f"| {' | '.join(head)} |", f"| {' | '.join('---' for _ in head)} |"]
    lines += [f"| {' | '.join(row)} |".replace("|  |", "| |") for row in rows]
    return "\n".join(lines) + "\n"


def code(name: str) -> str:
    """``name`` as code."""
    return f"`{name}`"


def blanks(names: Iterable[str]) -> str:
    """Blanks as the README writes them: `{name}`, ..."""
    return ", ".join(code("{" + name + "}") for name in names)


def _shipped(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((README.parent / name).read_text(encoding="utf-8"))
    return loaded


def _described(found: Declared) -> str:
    kind = found.kind
    if isinstance(kind, Whole | Amount | OneOf):
        return f"{found.meaning}; {kind.describe()}"
    return found.meaning


def numbers(schema: type, values: Mapping[str, Any], prefix: str = "") -> str:
    """A table of a section's numbers: name, the shipped value, and meaning."""
    return table(("name", "default", "meaning"), number_rows(schema, values, prefix))


def number_rows(
    schema: type, values: Mapping[str, Any], prefix: str = ""
) -> list[tuple[str, str, str]]:
    """A section's rows of a table of numbers: name, the shipped value, and meaning."""
    return [
        (code(prefix + found.key), str(values.get(found.key, "")), _described(found))
        for found in declared(schema)
    ]


def sections(schema: type, prefix: str = "") -> list[tuple[str, str]]:
    """Rows of a section table: each key and what it holds."""
    return [(code(prefix + found.key), _described(found)) for found in declared(schema)]


def wordings(kind: Wordings, every: tuple[str, ...], header: tuple[str, str, str]) -> str:
    """A table of wordings: name, what it is for, and the blanks besides ``every``."""
    return table(
        header,
        (
            (code(name), kind.meanings.get(name, ""), blanks(b for b in own if b not in every))
            for name, own in kind.blanks.items()
        ),
    )


def rule_table(
    rules: Mapping[str, tuple[Severity, ...]],
    rule_blanks: Mapping[str, Mapping[Severity, frozenset[str]]],
    notes: Mapping[str, Mapping[Severity, str]],
) -> str:
    """A check's rules: their outcomes (with notes) and the blanks each outcome may use."""
    rows = []
    for rule, outcomes in rules.items():
        said = []
        for outcome in outcomes:
            note = notes.get(rule, {}).get(outcome)
            said.append(f"{_OUTCOME[outcome]} ({note})" if note else _OUTCOME[outcome])
        used = {outcome: sorted(rule_blanks.get(rule, {}).get(outcome, ())) for outcome in outcomes}
        if len({tuple(names) for names in used.values()}) <= 1:
            blank_text = blanks(next(iter(used.values()), []))
        else:
            blank_text = "; ".join(
                f"{_OUTCOME[outcome]}: {blanks(names) or 'none'}" for outcome, names in used.items()
            )
        rows.append((code(rule), ", ".join(said), blank_text))
    return table(("rule", "outcomes", "blanks"), rows)


def _follow_up_timing() -> str:
    return numbers(followup_rules.Timing, _shipped(followup_rules.RULES_FILE)["timing"])


def _follow_up_steps() -> str:
    kind = Wordings(followup_rules.STEP_BLANKS, meanings=followup_rules.STEP_MEANINGS)
    header = ("step", "when it is suggested", "more blanks")
    return wordings(kind, followup_rules.COMMON_BLANKS, header)


def _follow_up_letters() -> str:
    every = followup_rules.LETTER_BLANKS_EVERY
    said = followup_rules.LETTER_BLANK_MEANINGS
    rows = []
    for name, own in followup_rules.LETTER_BLANKS.items():
        more = [
            f"{blanks([blank])} ({said[blank]})" if blank in said else blanks([blank])
            for blank in own
            if blank not in every
        ]
        note = followup_rules.LETTER_MEANINGS.get(name)
        rows.append((code(name), "; ".join([", ".join(more), *([note] if note else [])])))
    return table(("letter", "more blanks"), rows)


def grouped(kind: Wordings) -> str:
    """A table of wordings, those taking the same blanks on one row."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for name, own in kind.blanks.items():
        groups.setdefault(own, []).append(name)
    return table(
        ("wording", "blanks"),
        ((", ".join(map(code, names)), blanks(own) or "none") for own, names in groups.items()),
    )


def _follow_up_planned() -> str:
    return grouped(Wordings(followup_rules.PLANNED_BLANKS))


def _follow_up_placeholders() -> str:
    return grouped(Wordings(followup_rules.PLACEHOLDER_BLANKS))


def _holidays() -> str:
    return table(("column", "meaning"), sections(calendar.Holiday))


def _contacts() -> str:
    brainstorm, _, plan, _ = sections(contact_rules.ContactRules)
    rows = [brainstorm, *sections(contact_rules.Scoring, "scoring."), plan]
    held = "; ".join(
        f"{key} ({meaning})" for key, meaning in sections(contact_rules.DuplicateRules)
    )
    rows.append((code("duplicates"), held))
    return table(("section", "what it holds"), rows)


def _meeting_checklist() -> str:
    return table(("key", "meaning"), sections(meeting_rules.ChecklistItem))


def _meeting_numbers() -> str:
    values = _shipped(meeting_rules.FILE)
    rows = [
        (
            code(found.key),
            str(values[found.key]) if isinstance(found.kind, Whole) else "",
            _described(found),
        )
        for found in declared(meeting_rules.MeetingRules)
        if found.key not in ("checklist", "rules")
    ]
    return table(("name", "default", "meaning"), rows)


def _meeting_rules() -> str:
    return table(
        ("rule", "when it is given", "more blanks"),
        (
            (code(rule), meeting_rules.MEANINGS[rule], blanks(sorted(extra)))
            for rule, extra in meeting_rules.RULES.items()
        ),
    )


def _with_limits(schema: type, limits: type, file: str) -> str:
    values = _shipped(file)["limits"]
    listed = "; ".join(
        f"{code(found.key)} ({values.get(found.key)}{_unless_whole(found)}): {found.meaning}"
        for found in declared(limits)
    )
    rows = [(code("limits"), listed), *sections(schema)[1:]]
    return table(("section", "what it holds"), rows)


def _unless_whole(found: Declared) -> str:
    kind = found.kind
    return f", {kind.describe()}" if isinstance(kind, Amount) and not kind.whole else ""


def _outreach_sections() -> str:
    return _with_limits(
        outreach_rules.OutreachRules, outreach_rules.OutreachLimits, "outreach.yaml"
    )


def _outreach_rules() -> str:
    return rule_table(outreach_rules.RULES, outreach_rules.BLANKS, outreach_rules.NOTES)


def _templates() -> str:
    rows = [
        (code("templates"), blanks(outreach_drafts.TEMPLATE_BLANKS)),
        *(
            (code(f"connection.{name}"), blanks(own) or "none")
            for name, own in outreach_drafts.CONNECTION_BLANKS.items()
        ),
        (
            code("placeholders"),
            "none; one for each of " + ", ".join(map(code, outreach_drafts.PLACEHOLDERS)),
        ),
    ]
    return table(("entry", "blanks"), rows)


def _question_sections() -> str:
    return _with_limits(
        question_rules.QuestionRules, question_rules.QuestionLimits, question_rules.FILE
    )


def _question_bank() -> str:
    return table(("column", "meaning"), sections(question_rules.BankQuestion))


def _question_rules() -> str:
    return rule_table(question_rules.RULES, question_rules.BLANKS, question_rules.NOTES)


def _next_steps() -> str:
    values = _shipped(agenda.STEPS_FILE)["limits"]
    limits = numbers(agenda.StepLimits, values, "limits.")
    texts = table(
        ("name", "blanks"),
        [
            (code("labels.*"), "the step's name as the report shows it; no blanks"),
            *(
                (code(f"steps.{name}"), agenda.STEP_MEANINGS.get(name, ""))
                for name in agenda.STEP_BLANKS
            ),
        ],
    )
    return f"{limits}\n{texts}"


def _reports() -> str:
    values = _shipped(report_rules.FILE)
    rows = [
        row
        for found in declared(report_rules.ReportRules)
        if isinstance(found.kind, Section)
        for row in number_rows(found.kind.schema, values[found.key], f"{found.key}.")
    ]
    return table(("name", "default", "meaning"), rows)


#: Each generated region of the README, by its name.
REGIONS: dict[str, Callable[[], str]] = {
    "follow-up-timing": _follow_up_timing,
    "follow-up-steps": _follow_up_steps,
    "follow-up-planned": _follow_up_planned,
    "follow-up-letters": _follow_up_letters,
    "follow-up-placeholders": _follow_up_placeholders,
    "holidays": _holidays,
    "contacts": _contacts,
    "meeting-checklist": _meeting_checklist,
    "meeting-numbers": _meeting_numbers,
    "meeting-rules": _meeting_rules,
    "outreach": _outreach_sections,
    "outreach-rules": _outreach_rules,
    "outreach-templates": _templates,
    "questions": _question_sections,
    "question-bank": _question_bank,
    "question-rules": _question_rules,
    "reports": _reports,
    "next-steps": _next_steps,
}


def generated(text: str) -> str:
    """``text`` (the README) with every generated region made afresh."""
    found = set()

    def fill(match: re.Match[str]) -> str:
        name = match.group("name")
        if name not in REGIONS:
            raise KeyError(f"The README has a region {name!r} that nothing generates.")
        found.add(name)
        return f"{match.group(1)}{REGIONS[name]()}{match.group(4)}"

    made = _REGION.sub(fill, text)
    missing = sorted(set(REGIONS) - found)
    if missing:
        raise KeyError(f"The README lacks the generated region(s) {', '.join(missing)}.")
    return made


def main(argv: list[str] | None = None) -> int:
    """Write the README's tables, or with ``--check`` say whether they are in step."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="fail if the README is out of step")
    arguments = parser.parse_args(argv)
    text = README.read_text(encoding="utf-8")
    made = generated(text)
    if arguments.check:
        if made != text:
            print(f"{README} is out of step: run python -m infoview_lib.coach.readme")
            return 1
        return 0
    if made != text:
        README.write_text(made, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
