"""The same person entered twice, found however the entries are spelled."""

from __future__ import annotations

import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from infoview_lib.coach.duplicates import (
    duplicate_findings,
    find_duplicates,
    linkedin_key,
    name_key,
    new_contact_findings,
    organisation_key,
    possible_duplicates,
)
from infoview_lib.coach.findings import CoachingDataError, Severity
from infoview_lib.model import Contact
from infoview_lib.paths import DATA_DIR_VARIABLE, data_dir


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("Zoë Müller", "zoe  muller", True),
        ("Zoë Müller", unicodedata.normalize("NFD", "ZOË MÜLLER"), True),
        ("Zoë Müller", "Zoe-Muller", True),
        ("Liam O'Connor", "liam oconnor", True),
        ("Liam O\u2019Connor", "Liam O'Connor", True),
        ("Dr. Wei Ng", "Wei Ng", True),
        ("Prof Wei Ng", "wei ng", True),
        ("Wei Ng, PhD", "Wei Ng", True),
        ("Wei Ng, MD, MPH", "Wei Ng", True),
        ("José Álvarez", "JOSE ALVAREZ", True),
        ("Ana Lima", "Ana Silva", False),
        ("Ng, Wei", "Wei Ng", False),
        ("Dr", "Dr", True),
    ],
)
def test_names_compare_without_case_accents_punctuation_or_spacing(
    first: str, second: str, same: bool
) -> None:
    assert (name_key(first) == name_key(second)) is same


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("St. Brendan's Regional Hospital", "St Brendans Regional Hospital", True),
        ("Helix Bio", "HELIX  BIO, Inc.", True),
        ("The Ledger", "Ledger", True),
        ("Helix Bio", "Helix Biotech", False),
        ("", "", True),
    ],
)
def test_organisations_compare_loosely(first: str, second: str, same: bool) -> None:
    assert (organisation_key(first) == organisation_key(second)) is same


PROFILE = "linkedin.com/in/zoe-muller"


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://www.linkedin.com/in/zoe-muller", PROFILE),
        ("http://linkedin.com/in/zoe-muller/", PROFILE),
        ("www.linkedin.com/in/zoe-muller", PROFILE),
        ("linkedin.com/in/Zoe-Muller", PROFILE),
        ("https://m.linkedin.com/in/zoe-muller?trk=public_profile#about", PROFILE),
        ("https://uk.linkedin.com/in/zoe-muller/", PROFILE),
        ("https://WWW.LINKEDIN.COM//in//zoe-muller//", PROFILE),
        ("https://www.linkedin.com/in/zo%C3%AB-m%C3%BCller", PROFILE),
        ("  https://www.linkedin.com/in/zoe-muller  ", PROFILE),
        ("https://www.linkedin.com/", ""),
        ("", ""),
    ],
)
def test_linkedin_addresses_are_normalised(url: str, key: str) -> None:
    assert linkedin_key(url) == key


def _c(contact_id: int | None, name: str, **fields: Any) -> Contact:
    return Contact(id=contact_id, name=name, **fields)


GROUP_CASES: list[tuple[str, list[Contact], list[tuple[tuple[int, ...], str]]]] = [
    (
        "accents, case and spacing",
        [
            _c(1, "Zoë Müller", organisation="Helix Bio"),
            _c(2, "zoe  muller", organisation="helix bio"),
        ],
        [((1, 2), "the same name and organisation")],
    ),
    (
        "same name, no organisation on either",
        [_c(1, "Wei Ng"), _c(2, "wei ng")],
        [((1, 2), "the same name and organisation")],
    ),
    (
        "same name, different organisations",
        [_c(1, "Wei Ng", organisation="Helix"), _c(2, "Wei Ng", organisation="Kestrel")],
        [],
    ),
    (
        "same email in another case",
        [
            _c(1, "Ana Lima", email="Ana.Lima@Example.org"),
            _c(2, "A. Lima", email="ana.lima@example.org"),
        ],
        [((1, 2), "the same email address")],
    ),
    (
        "same LinkedIn profile",
        [
            _c(5, "Kim Park", linkedin_url="https://www.linkedin.com/in/kim-park/"),
            _c(3, "Kimberly Park", linkedin_url="m.linkedin.com/in/KIM-PARK?trk=x"),
        ],
        [((3, 5), "the same LinkedIn profile")],
    ),
    (
        "several reasons at once",
        [
            _c(1, "Kim Park", email="kim@example.org", linkedin_url="linkedin.com/in/kim"),
            _c(2, "Kim Park", email="kim@example.org", linkedin_url="linkedin.com/in/kim"),
        ],
        [
            (
                (1, 2),
                "the same email address; the same LinkedIn profile; the same name and organisation",
            )
        ],
    ),
    (
        "transitive: email, then name",
        [
            _c(1, "Ana Lima", email="ana@example.org"),
            _c(2, "Ana L.", email="ana@example.org"),
            _c(3, "Ana L."),
            _c(4, "Someone Else"),
        ],
        [((1, 2, 3), "the same email address; the same name and organisation")],
    ),
    (
        "two groups, lowest id first",
        [_c(9, "Wei Ng"), _c(4, "Kim Park"), _c(2, "wei ng"), _c(7, "KIM PARK")],
        [((2, 9), "the same name and organisation"), ((4, 7), "the same name and organisation")],
    ),
    (
        "unsaved contacts are left out",
        [_c(None, "Wei Ng"), _c(1, "Wei Ng")],
        [],
    ),
    ("nobody", [], []),
]


@pytest.mark.parametrize(
    ("contacts", "groups"),
    [case[1:] for case in GROUP_CASES],
    ids=[case[0] for case in GROUP_CASES],
)
def test_find_duplicates(
    contacts: list[Contact], groups: list[tuple[tuple[int, ...], str]]
) -> None:
    assert [(group.contact_ids, group.reason) for group in find_duplicates(contacts)] == groups


def test_groups_carry_the_names_in_id_order() -> None:
    (group,) = find_duplicates([_c(2, "zoe  muller"), _c(1, "Zoë Müller")])
    assert group.names == ("Zoë Müller", "zoe  muller")


SAVED = [
    _c(1, "Zoë Müller", organisation="Helix Bio", email="zoe@example.org"),
    _c(2, "Wei Ng", linkedin_url="https://www.linkedin.com/in/wei-ng"),
    _c(3, "Kim Park", organisation="Kestrel"),
]


@pytest.mark.parametrize(
    ("candidate", "matches"),
    [
        (_c(None, "zoe muller", organisation="HELIX BIO"), [(1, "the same name and organisation")]),
        (_c(None, "Z. Müller", email="ZOE@example.org"), [(1, "the same email address")]),
        (
            _c(None, "W. Ng", linkedin_url="linkedin.com/in/Wei-Ng/"),
            [(2, "the same LinkedIn profile")],
        ),
        (_c(None, "Kim Park", organisation="Helix Bio"), []),
        (_c(None, "Someone New"), []),
        (_c(1, "Zoë Müller", organisation="Helix Bio"), []),  # editing contact 1 itself
        (_c(4, "Zoë Müller", organisation="Helix Bio"), [(1, "the same name and organisation")]),
    ],
)
def test_possible_duplicates_of_a_new_entry(
    candidate: Contact, matches: list[tuple[int, str]]
) -> None:
    found = possible_duplicates(candidate, SAVED)
    assert [(match.contact.id, match.reason) for match in found] == matches


def test_the_form_gets_a_finding_to_merge_or_delete() -> None:
    (finding,) = new_contact_findings(_c(None, "zoe  muller", organisation="helix bio"), SAVED)
    assert finding.rule == "duplicate_contact"
    assert finding.severity is Severity.SUGGESTION
    assert finding.message.startswith("zoe  muller looks like the same person as Zoë Müller")
    assert "the same name and organisation" in finding.message
    assert "delete" in finding.suggestion
    assert new_contact_findings(_c(None, "Someone New"), SAVED) == ()


def test_the_contact_list_gets_one_finding_per_group() -> None:
    contacts = [
        *SAVED,
        _c(8, "zoe muller", organisation="Helix Bio"),
        _c(9, "ZOE MULLER", organisation="helix"),
    ]
    (finding,) = duplicate_findings(contacts)
    assert finding.rule == "duplicate_contact"
    assert finding.message.startswith("Zoë Müller looks like the same person as zoe muller")


def _drop_linkedin_reason(data: dict[str, Any]) -> None:
    del data["reasons"]["linkedin"]


def _unknown_blank(data: dict[str, Any]) -> None:
    data["rules"]["duplicate_contact"]["message"] = "{name} is {nickname}"


def _no_titles(data: dict[str, Any]) -> None:
    data["name_titles"] = "dr"


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (_drop_linkedin_reason, "contacts.yaml, duplicates: reasons.linkedin"),
        (_unknown_blank, "{nickname} is not a blank"),
        (_no_titles, "'name_titles' is missing or is not a list"),
    ],
)
def test_a_bad_data_file_gives_a_clear_error(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    change: Callable[[dict[str, Any]], None],
    words: str,
) -> None:
    shutil.copytree(data_dir() / "coaching", tmp_path / "coaching")
    target = tmp_path / "coaching" / "contacts.yaml"
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    change(data["duplicates"])
    target.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path))
    with pytest.raises(CoachingDataError, match=r"contacts\.yaml") as raised:
        find_duplicates([_c(1, "Wei Ng")])
    assert words in str(raised.value)
