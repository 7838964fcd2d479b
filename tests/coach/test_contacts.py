"""Picking contacts: brainstorm prompts, scores with reasons, and the outreach order."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from itertools import permutations
from pathlib import Path
from typing import Any

import pytest
import yaml

from infoview_lib.coach.contacts import (
    ContactScore,
    brainstorm_prompts,
    outreach_order,
    score_contact,
)
from infoview_lib.coach.findings import CoachingDataError
from infoview_lib.model import Contact, ContactCategory, PipelineStatus, StudentProfile
from infoview_lib.paths import DATA_DIR_VARIABLE, data_dir

ANA = StudentProfile(name="Ana Lima", target_fields=("emergency nursing", "public health"))


def _reason(score: ContactScore, words: str) -> int | None:
    """The points of the reason whose text holds ``words``, or None if there is none."""
    found = [reason.points for reason in score.reasons if words in reason.text]
    assert len(found) <= 1
    return found[0] if found else None


# -- brainstorm prompts ----------------------------------------------------------------------


def test_every_category_has_several_question_prompts() -> None:
    groups = brainstorm_prompts()
    assert [group.category for group in groups] == list(ContactCategory)
    for group in groups:
        assert len(group.prompts) >= 3, group.category
        assert all(prompt.endswith("?") for prompt in group.prompts)
        assert "guide" in group.why


@pytest.mark.parametrize("category", [ContactCategory.PROFESSOR, "professor"])
def test_prompts_for_one_category(category: ContactCategory | str) -> None:
    (group,) = brainstorm_prompts(category)
    assert group.category is ContactCategory.PROFESSOR
    assert "Which professor's class made you want to work in this field?" in group.prompts


def test_an_unknown_category_is_refused() -> None:
    with pytest.raises(ValueError, match="neighbours"):
        brainstorm_prompts("neighbours")


# -- scoring ---------------------------------------------------------------------------------

SCORE_CASES: list[tuple[str, dict[str, Any], tuple[str, ...], str, int | None]] = [
    # id, contact fields, target fields, words of the reason, its points (None: no such reason)
    (
        "field match",
        {"role": "Charge Nurse", "field": "Emergency"},
        ANA.target_fields,
        "Works in emergency nursing",
        3,
    ),
    (
        "field match, accents and case",
        {"field": "PUBLIC HÉALTH"},
        ANA.target_fields,
        "Works in public health",
        3,
    ),
    ("field close", {"field": "health policy"}, ANA.target_fields, "close to public health", 1),
    ("field no match", {"field": "tax law"}, ANA.target_fields, "Not in your target fields", 0),
    ("no target fields", {"field": "tax law"}, (), "no target fields", 0),
    ("alum", {"category": "alumni"}, (), "An alum of your school", 2),
    ("faith community", {"category": "faith_community"}, (), "faith community", 2),
    ("shared club", {"connection": "Same rowing club as me"}, (), "You share a group", 2),
    ("no shared group", {"connection": "Saw her talk"}, (), "share a group", None),
    ("knows them: professor", {"category": "professor"}, (), "You already know them", 2),
    (
        "knows them: connection",
        {"connection": "My manager last summer"},
        (),
        "You already know them",
        2,
    ),
    ("a link to name", {"connection": "Saw her talk at the fair"}, (), "a link to name", 1),
    ("alum is a link", {"category": "alumni"}, (), "a link to name", 1),
    ("cold", {}, (), "No connection written", 0),
    ("referred", {"referred_by": 7}, (), "Referred by someone you know", 2),
    ("not referred", {}, (), "Referred by", None),
    ("entry level", {"role": "Research Assistant"}, (), "looks entry level", 1),
    ("one or two up", {"role": "Senior Financial Analyst"}, (), "one or two steps above", 2),
    ("manager", {"role": "Engineering Manager, Platform"}, (), "one or two steps above", 2),
    ("director", {"role": "Director of IT Operations"}, (), "very senior", -1),
    ("vice president", {"role": "Vice President, Lending"}, (), "very senior", -1),
    ("co-founder", {"role": "Co-founder and CTO"}, (), "very senior", -1),
    ("chief", {"role": "Chief Nursing Officer"}, (), "very senior", -1),
    ("professor is off the ladder", {"role": "Associate Professor"}, (), "Their role", None),
    ("unknown role", {"role": "Epidemiologist"}, (), "Their role", None),
    ("high priority", {"priority": "high"}, (), "high priority", 1),
    ("low priority", {"priority": "low"}, (), "low priority", -1),
    ("medium priority", {}, (), "priority", None),
]


@pytest.mark.parametrize(
    ("fields", "targets", "words", "points"),
    [case[1:] for case in SCORE_CASES],
    ids=[case[0] for case in SCORE_CASES],
)
def test_score_reasons(
    fields: dict[str, Any], targets: tuple[str, ...], words: str, points: int | None
) -> None:
    contact = Contact(id=1, name="Kim Park", **fields)
    score = score_contact(contact, StudentProfile(name="Ana", target_fields=targets))
    assert _reason(score, words) == points
    assert score.points == sum(reason.points for reason in score.reasons)
    assert score.contact_id == 1


def test_the_referrer_is_named() -> None:
    score = score_contact(Contact(name="Kim Park", referred_by=3), ANA, referrer="Wei Ng")
    assert _reason(score, "Referred by Wei Ng") == 2


@pytest.mark.parametrize("role", ["Managing Director", "VP of Nursing", "Founder", "CEO"])
def test_very_senior_scores_lower_than_one_or_two_up_and_says_why(role: str) -> None:
    senior = score_contact(Contact(name="Kim Park", role="Senior Nurse"), ANA)
    top = score_contact(Contact(name="Kim Park", role=role), ANA)
    assert top.points < senior.points
    (text,) = [reason.text for reason in top.reasons if reason.points < 0]
    assert "busy" in text
    assert role in text


def test_a_student_text_with_braces_stays_text() -> None:
    score = score_contact(Contact(name="Kim", connection="same club {name}"), ANA)
    assert any("{name}" in reason.text for reason in score.reasons)


# -- the outreach order ----------------------------------------------------------------------


def _people(*organisations: str, status: str = "identified", start: int = 1) -> list[Contact]:
    return [
        Contact(
            id=start + n,
            name=f"Person {start + n:02d}",
            organisation=org,
            status=PipelineStatus(status),
        )
        for n, org in enumerate(organisations)
    ]


def _ids(entries: tuple[Any, ...]) -> list[int | None]:
    return [entry.contact.id for entry in entries]


PLAN_CASES: list[tuple[str, list[Contact], list[int], list[int]]] = [
    # id, contacts, started now, waiting (in order)
    ("five organisations at most", _people(*"ABCDEFG"), [1, 2, 3, 4, 5], [6, 7]),
    ("two per organisation", _people("Helix", "Helix", "Helix", "Kestrel"), [1, 2, 4], [3]),
    (
        "organisation names compared loosely",
        _people("Helix Bio", "helix bio, inc.", "HELIX  BIO"),
        [1, 2],
        [3],
    ),
    (
        "contacted and scheduled hold places",
        _people("A", "B", status="contacted")
        + _people("C", "D", status="scheduled", start=3)
        + _people("E", "F", "A", start=5),
        [5, 7],
        [6],
    ),
    (
        "a full organisation in play",
        _people("Helix", "Helix", status="contacted") + _people("Helix", "Kestrel", start=3),
        [4],
        [3],
    ),
    (
        "finished contacts are not started again",
        [
            *_people("A", status="met"),
            *_people("B", status="thanked", start=2),
            *_people("C", status="keeping_in_touch", start=3),
            *_people("D", status="declined", start=4),
            *_people("E", status="no_reply", start=5),
            *_people("F", start=6),
        ],
        [6],
        [],
    ),
    (
        "no organisation: each on its own",
        _people("", "", "", "", "", "", ""),
        [1, 2, 3, 4, 5],
        [6, 7],
    ),
    ("nobody to start", [], [], []),
]


@pytest.mark.parametrize(
    ("contacts", "start_now", "later"),
    [case[1:] for case in PLAN_CASES],
    ids=[case[0] for case in PLAN_CASES],
)
def test_outreach_order(contacts: list[Contact], start_now: list[int], later: list[int]) -> None:
    plan = outreach_order(contacts, StudentProfile(name="Ana"))
    assert _ids(plan.start_now) == start_now
    assert _ids(plan.later) == later
    assert all(entry.wait_reason == "" for entry in plan.start_now)
    assert all(entry.wait_reason.startswith("Waits:") for entry in plan.later)


def test_waiting_says_why() -> None:
    plan = outreach_order(_people("Helix", "Helix", "Helix", *"ABCDE"), StudentProfile(name="Ana"))
    full, *too_many = plan.later
    assert "2 people at Helix in play" in full.wait_reason
    assert "About 2 per organisation" in full.wait_reason
    assert too_many
    assert all("5 organisations are already in play" in e.wait_reason for e in too_many)


def test_better_scores_start_first() -> None:
    contacts = [
        Contact(id=1, name="Cold Contact", organisation="A"),
        Contact(
            id=2,
            name="Warm Alum",
            organisation="B",
            category=ContactCategory.ALUMNI,
            field="public health",
        ),
        Contact(id=3, name="Middle", organisation="C", category=ContactCategory.PROFESSOR),
    ]
    plan = outreach_order(contacts, ANA)
    assert _ids(plan.start_now) == [2, 3, 1]
    points = [entry.score.points for entry in plan.start_now]
    assert points == sorted(points, reverse=True)


TIED = [
    Contact(id=4, name="zoe muller", organisation="A"),
    Contact(id=2, name="Ábel Kovács", organisation="B"),
    Contact(id=3, name="Zoë Müller", organisation="C"),
    Contact(id=1, name="abel kovacs", organisation="D"),
]


@pytest.mark.parametrize("order", list(permutations(range(len(TIED)))))
def test_ties_are_broken_by_name_then_id_whatever_the_input_order(order: tuple[int, ...]) -> None:
    plan = outreach_order([TIED[i] for i in order], StudentProfile(name="Ana"))
    assert _ids(plan.start_now) == [1, 2, 3, 4]


def test_the_referrer_is_named_in_the_plan() -> None:
    contacts = [
        Contact(id=1, name="Wei Ng", status=PipelineStatus.MET),
        Contact(id=2, name="Kim Park", referred_by=1),
    ]
    (entry,) = outreach_order(contacts, ANA).start_now
    assert any(reason.text.startswith("Referred by Wei Ng") for reason in entry.score.reasons)


# -- a programme's own data file -------------------------------------------------------------


@pytest.fixture
def own_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[Any], None]:
    """Point infoview at a copy of the data folder; the returned function rewrites contacts.yaml."""
    shutil.copytree(data_dir() / "coaching", tmp_path / "coaching")
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path))
    target = tmp_path / "coaching" / "contacts.yaml"

    def rewrite(change: Any) -> None:
        if isinstance(change, str):
            target.write_text(change, encoding="utf-8")
            return
        data = yaml.safe_load(target.read_text(encoding="utf-8"))
        change(data)
        target.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    return rewrite


def _set(path: str, value: object) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        for key in parents:
            data = data[key]
        if value is KeyError:
            del data[last]
        else:
            data[last] = value

    return change


BAD_DATA: list[tuple[str, Any, str]] = [
    ("not YAML", "brainstorm: [unclosed\n", "not valid YAML"),
    ("points as words", _set("scoring.target_field.full.points", "three"), "'points'"),
    ("category missing", _set("brainstorm.professor", KeyError), "'professor'"),
    ("unknown category", _set("brainstorm.pets", {"why": "x", "prompts": ["?"]}), "'pets'"),
    ("no prompts", _set("brainstorm.alumni.prompts", []), "'prompts'"),
    ("unknown blank", _set("scoring.level.entry.reason", "{rol} is junior"), "{rol}"),
    ("stray brace", _set("scoring.referred.reason", "Referred by {referrer"), "brace"),
    ("bad warm category", _set("scoring.warmth.known.categories", ["pets"]), "'pets'"),
    ("zero per organisation", _set("plan.per_organisation", 0), "'per_organisation'"),
    ("bad priority", _set("scoring.your_priority.urgent", {"points": 1, "reason": "x"}), "urgent"),
    ("no level words", _set("scoring.level.very_senior.words", KeyError), "'words'"),
]


@pytest.mark.parametrize(
    ("change", "words"), [case[1:] for case in BAD_DATA], ids=[case[0] for case in BAD_DATA]
)
def test_a_bad_data_file_gives_a_clear_error(
    own_data: Callable[[Any], None], change: Any, words: str
) -> None:
    own_data(change)
    with pytest.raises(CoachingDataError, match=r"contacts\.yaml") as raised:
        score_contact(Contact(name="Kim Park"), ANA)
    assert words in str(raised.value)


def test_a_programme_can_change_the_numbers(own_data: Callable[[Any], None]) -> None:
    own_data(_set("plan.max_organisations", 2))
    plan = outreach_order(_people(*"ABC"), StudentProfile(name="Ana"))
    assert _ids(plan.start_now) == [1, 2]
    assert "2 organisations are already in play" in plan.later[0].wait_reason


def test_a_referral_is_not_someone_you_already_know() -> None:
    from infoview_lib.coach.contacts import score_contact
    from infoview_lib.model import Contact, StudentProfile

    referred = Contact(
        id=2,
        name="Lena Park",
        connection="Ken Sato suggested I talk to them, when we met on Thursday 29 January 2026.",
        referred_by=1,
    )
    reasons = " ".join(r.text for r in score_contact(referred, StudentProfile(name="A")).reasons)
    assert "You already know them" not in reasons
