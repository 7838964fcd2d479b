"""Checking a roster's rows: each one a student's profile and hub user name, or every
reason it cannot be, each a sentence for the facilitator."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from infoview_lib.model import InvalidRecord, StudentProfile
from infoview_lib.model.characters import shown_only
from infoview_lib.workshop.roster_columns import FIELDS
from infoview_lib.workshop.roster_headings import Column
from infoview_lib.workshop.user_names import (
    RULE,
    normal_user_name,
    user_name_from_email,
    user_name_problem,
)

#: What a spreadsheet shows in a cell whose formula failed.
_SPREADSHEET_ERRORS = frozenset(
    {"#N/A", "#REF!", "#VALUE!", "#NAME?", "#DIV/0!", "#NULL!", "#NUM!", "#SPILL!", "#CALC!"}
)
_LIST_SEPARATORS = re.compile(r"[;,|\n]")
_WHOLE_FLOAT = re.compile(r"\s*([0-9]+)(?:\.0*)?\s*")


@dataclass(slots=True)
class CheckedRow:
    """One row on its way to a student or a bad row."""

    row: int
    who: str
    problems: list[str]
    user_name: str | None = None  # a usable user name, checked against the others
    profile: StudentProfile | None = None


def check_row(
    number: int, cells: Sequence[str], chosen: dict[str, Column], from_email: bool
) -> CheckedRow:
    """Every problem with one row (in the order of the profile's parts), and its profile
    when it has none."""
    values: dict[str, str] = {}
    found: list[tuple[str, str]] = []  # (part, problem)
    for field, column in chosen.items():
        value = cells[column.number - 1] if column.number <= len(cells) else ""
        if value.strip() in _SPREADSHEET_ERRORS:
            found.append(
                (
                    field,
                    f"{column.heading} shows the spreadsheet error {value.strip()}, not a "
                    "value: correct the formula in that cell, or type the value in.",
                )
            )
            value = ""
        values[field] = value
    if "name" not in chosen:
        values["name"] = _whole_name(values.get("first_name", ""), values.get("last_name", ""))
        found = [
            ("name" if part in ("first_name", "last_name") else part, text) for part, text in found
        ]
    name, email = values.get("name", ""), values.get("email", "")
    raw_user = values.get("user_name", "")
    year = _year(values.get("graduation_year", ""))
    if year is None and values.get("graduation_year", "").strip():
        found.append(
            (
                "graduation_year",
                f"Graduation year {_quoted(values['graduation_year'].strip())} is not a year: "
                "write it as four digits, like 2027.",
            )
        )
    failed = {part for part, _text in found}

    profile = None
    try:
        profile = StudentProfile(
            name=name,
            email=email,
            program=values.get("program", ""),
            graduation_year=year,
            target_fields=tuple(_LIST_SEPARATORS.split(values.get("target_fields", ""))),
        )
    except InvalidRecord as invalid:
        for problem in invalid.problems:
            if problem.field in failed:
                continue
            if problem.field == "name" and not name.strip():
                found.append(("name", "No name: fill in the student's name."))
            else:
                found.append((problem.field, problem.message))
        failed |= set(invalid.fields)

    user_name, user_problem = _user_name(raw_user, email, profile, from_email, failed)
    if user_problem:
        found.append(("user_name", user_problem))
    order = {part: index for index, part in enumerate(FIELDS)}
    problems = [text for _part, text in sorted(found, key=lambda item: order[item[0]])]
    who = " ".join(shown_only(name or email or raw_user).split())
    return CheckedRow(number, who[:60], problems, user_name, profile)


def _user_name(
    raw: str, email: str, profile: StudentProfile | None, from_email: bool, failed: set[str]
) -> tuple[str | None, str | None]:
    """A row's hub user name, or what is wrong with it (``None, None``: already said)."""
    if not from_email:
        if "user_name" in failed:
            return None, None
        if not raw.strip():
            return None, "No hub user name: fill in the name the student logs in to the hub with."
        user_name = normal_user_name(raw)
        if problem := user_name_problem(user_name):
            return None, (
                f"The hub user name {_quoted(raw.strip())} cannot be used: {problem} ({RULE})."
            )
        return user_name, None
    if "email" in failed:
        return None, None
    if not email.strip():
        return None, (
            "No email, so no hub user name can be made from it (the roster has no user name "
            "column): fill in the email, or add a 'Username' column."
        )
    user_name = user_name_from_email(profile.email if profile else email.strip())
    if problem := user_name_problem(user_name):
        return None, (
            f"The hub user name made from the email (the part before the @), "
            f"{_quoted(user_name)}, cannot be used: {problem} ({RULE}). Add a 'Username' "
            "column with each student's hub user name."
        )
    return user_name, None


def check_user_names(rows: list[CheckedRow], from_email: bool) -> tuple[tuple[int, int], ...]:
    """Give every row that shares its user name with another the reason; return the rows
    that only repeat an earlier one word for word (read once, not a problem)."""
    groups: dict[str, list[CheckedRow]] = {}
    for row in rows:
        if row.user_name is not None:
            groups.setdefault(row.user_name, []).append(row)
    repeats: list[tuple[int, int]] = []
    for user_name, group in groups.items():
        if len(group) == 1:
            continue
        first = group[0]
        if all(
            not row.problems and row.profile == first.profile and first.profile is not None
            for row in group
        ):
            repeats.extend((row.row, first.row) for row in group[1:])
            continue
        made, fix = (
            (" (made from the email)", "add a 'Username' column that gives them different ones")
            if from_email
            else ("", "correct the one that is wrong")
        )
        for row in group:
            others = _rows_text([other.row for other in group if other is not row])
            row.problems.append(
                f"The hub user name '{user_name}'{made} is also on {others}: each student needs "
                f"their own user name. If they are two students, {fix}; if it is one student "
                "twice, delete a row."
            )
    return tuple(sorted(repeats))


def _rows_text(numbers: Sequence[int]) -> str:
    """``row 7`` or ``rows 7 and 9`` or ``rows 3, 7 and 9``."""
    if len(numbers) == 1:
        return f"row {numbers[0]}"
    return "rows " + ", ".join(map(str, numbers[:-1])) + f" and {numbers[-1]}"


def _whole_name(first: str, last: str) -> str:
    """A name from its two parts: family name first, with no space, when both are written
    in Chinese, Japanese or Korean characters, as those names are written.

    >>> _whole_name("Ana", "Lima"), _whole_name("小龙", "李"), _whole_name("", "Suharto")
    ('Ana Lima', '李小龙', 'Suharto')
    """
    first, last = first.strip(), last.strip()
    if first and last and _east_asian(first) and _east_asian(last):
        return last + first
    return " ".join(part for part in (first, last) if part)


def _east_asian(text: str) -> bool:
    return all(
        unicodedata.name(char, "").startswith(
            (
                "CJK UNIFIED IDEOGRAPH",
                "CJK COMPATIBILITY IDEOGRAPH",
                "HIRAGANA",
                "KATAKANA",
                "HANGUL SYLLABLE",
            )
        )
        for char in text
    )


def _year(text: str) -> int | None:
    """A graduation year written as a whole number (``2027.0``, a number exported, is 2027);
    ``None`` for anything else (the model checks its range).

    >>> _year(" 2027 "), _year("2027.0"), _year("Class of 2027"), _year("")
    (2027, 2027, None, None)
    """
    whole = _WHOLE_FLOAT.fullmatch(text)
    return int(whole.group(1)) if whole else None


def _quoted(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
