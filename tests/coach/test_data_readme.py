"""The coaching data README says what the code declares: its tables are generated from the
files' schemas and the checks' rules, and its rule tables list every rule, its outcomes and its
blanks, so the README cannot drift from the code (issue 13)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from infoview_lib.coach import meeting, outreach, outreach_rules, question_rules, questions, readme
from infoview_lib.coach.findings import Severity

README = Path(__file__).resolve().parents[2] / "data" / "coaching" / "README.md"
_OUTCOME_WORDS = {
    Severity.PROBLEM: "problem",
    Severity.SUGGESTION: "suggestion",
    Severity.WELL_DONE: "well done",
}


def table(heading: str) -> list[str]:
    """The rows of the first rule table after ``heading`` in the README."""
    text = README.read_text(encoding="utf-8")
    after = text[text.index(heading) :]
    start = after.index("\n| rule |")
    rows = []
    for line in after[start + 1 :].splitlines()[2:]:
        if not line.startswith("|"):
            break
        rows.append(line)
    return rows


def rules_of(row: str) -> list[str]:
    return re.findall(r"`(\w+)`", row.split("|")[1])


def blanks_of(row: str) -> set[str]:
    return set(re.findall(r"`\{(\w+)\}`", row))


@pytest.mark.parametrize(
    ("heading", "module"),
    [("## Outreach: the Ally check", outreach), ("## Questions", questions)],
)
def test_a_checks_rule_table_lists_its_rules_outcomes_and_blanks(
    heading: str, module: object
) -> None:
    declared_rules: dict[str, tuple[Severity, ...]] = module.RULES  # type: ignore[attr-defined]
    declared_blanks: dict[str, dict[Severity, frozenset[str]]] = module.BLANKS  # type: ignore[attr-defined]
    rows = table(heading)
    listed = [rule for row in rows for rule in rules_of(row)]
    assert sorted(listed) == sorted(declared_rules)
    for row in rows:
        outcomes_text = row.split("|")[2]
        for rule in rules_of(row):
            said = {severity for severity, word in _OUTCOME_WORDS.items() if word in outcomes_text}
            assert said == set(declared_rules[rule]), (rule, outcomes_text)
            blanks = set().union(*declared_blanks.get(rule, {}).values())
            assert blanks_of(row) == blanks, rule


def test_the_meeting_checks_table_lists_its_rules_and_their_blanks() -> None:
    rows = table("## The meeting")
    assert sorted(rule for row in rows for rule in rules_of(row)) == sorted(meeting.RULES)
    for row in rows:
        for rule in rules_of(row):
            assert blanks_of(row) == set(meeting.RULES[rule]), rule


def test_the_generated_tables_are_what_the_schemas_make() -> None:
    """Every table between the README's ``generated`` markers is what the generator makes from
    the declared schemas and rules: run ``python -m infoview_lib.coach.readme`` to update."""
    text = README.read_text(encoding="utf-8")
    assert readme.generated(text) == text


@pytest.mark.parametrize("names", [outreach_rules.PATTERNS, question_rules.PATTERNS])
def test_every_word_list_is_described(names: tuple[str, ...]) -> None:
    text = README.read_text(encoding="utf-8")
    assert [name for name in names if f"`{name}`" not in text] == []


@pytest.mark.parametrize("row", ["| `thank_you_days` | 1 |", "| `stuck.quiet_days` | 21 |"])
def test_the_generator_rewrites_a_stale_table(tmp_path: Path, row: str) -> None:
    text = README.read_text(encoding="utf-8")
    assert row in text
    stale = text.replace(row, "| x | 9 |")
    assert readme.generated(stale) == text
    copy = tmp_path / "README.md"
    copy.write_text("<!-- generated: nothing -->\n<!-- end generated -->\n", encoding="utf-8")
    with pytest.raises(KeyError, match="nothing"):
        readme.generated(copy.read_text(encoding="utf-8"))
