"""Picking contacts: brainstorm prompts, a score with its reasons, and whom to write to first.

The guide says to identify people in your field (alumni, management at your
internship, church members, friends of your parents, professors, etc.). The
order of whom to approach, about 2 starter contacts per organisation and at
most 5 organisations at a time follow Dalton's The Two-Hour Job Search. Every
weight, word list and sentence is in ``data/coaching/contacts.yaml``.

>>> from infoview_lib.model import Contact, StudentProfile
>>> me = StudentProfile(name="Ana Lima", target_fields=("public health",))
>>> score = score_contact(Contact(id=1, name="Wei Ng", category="alumni",
...                               role="Senior Epidemiologist", field="Public Health"), me)
>>> score.points, [reason.points for reason in score.reasons]
(8, [3, 2, 1, 2])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from infoview_lib.coach.duplicates import organisation_key
from infoview_lib.coach.findings import CoachingDataError, check_template
from infoview_lib.coach.rulebook import loader, read_yaml, section, text_list
from infoview_lib.coach.text import fold, quote, words
from infoview_lib.model import Contact, ContactCategory, PipelineStatus, Priority, StudentProfile

FILE = "contacts.yaml"
WHERE = f"coaching/{FILE}"
#: Contacts already written to, or with a meeting planned: they hold a place in the plan.
IN_PLAY = frozenset({PipelineStatus.CONTACTED, PipelineStatus.SCHEDULED})
#: Contacts the plan proposes to write to.
NOT_STARTED = frozenset({PipelineStatus.IDENTIFIED})
#: Fewest letters a word keeps when its ending is set aside.
SHORTEST_STEM = 4

Phrase = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PromptGroup:
    """Questions that help a student think of people in one of the guide's categories."""

    category: ContactCategory
    why: str
    prompts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Reason:
    """One part of a contact's score: its points and, in plain words, why."""

    points: int
    text: str


@dataclass(frozen=True, slots=True)
class ContactScore:
    """How good a first conversation a contact looks, and the reasons."""

    contact_id: int | None
    points: int
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class PlanEntry:
    """A contact in the outreach plan; ``wait_reason`` says why it waits (empty: start now)."""

    contact: Contact
    score: ContactScore
    wait_reason: str = ""


@dataclass(frozen=True, slots=True)
class OutreachPlan:
    """Whom to write to now, best first, and who waits and why."""

    start_now: tuple[PlanEntry, ...]
    later: tuple[PlanEntry, ...]


@dataclass(frozen=True, slots=True)
class _Part:
    """A scoring part's points and the reason template shown with them."""

    points: int
    reason: str


@dataclass(frozen=True, slots=True)
class _Affinity:
    categories: dict[ContactCategory, _Part]
    words: tuple[Phrase, ...]
    connection: _Part


@dataclass(frozen=True, slots=True)
class _Warmth:
    parts: dict[str, _Part]
    known_categories: frozenset[ContactCategory]
    known_words: tuple[Phrase, ...]
    linked_categories: frozenset[ContactCategory]


@dataclass(frozen=True, slots=True)
class _Plan:
    max_organisations: int
    per_organisation: int
    organisation_full: str
    too_many_organisations: str


@dataclass(frozen=True, slots=True)
class _Rules:
    prompts: tuple[PromptGroup, ...]
    ignore_words: frozenset[str]
    endings: tuple[str, ...]
    target: dict[str, _Part]
    affinity: _Affinity
    warmth: _Warmth
    referred: _Part
    unknown_referrer: str
    unranked_words: tuple[Phrase, ...]
    levels: tuple[tuple[tuple[Phrase, ...], _Part], ...]
    priority: dict[Priority, _Part]
    plan: _Plan


# -- reading contacts.yaml ---------------------------------------------------------------


def _text(data: dict[str, Any], key: str, where: str, blanks: frozenset[str]) -> str:
    """Non-empty wording under ``key`` whose blanks are all among ``blanks``."""
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise CoachingDataError(f"{where}: '{key}' must be some wording.")
    for name in check_template(value, f"{where}, '{key}'"):
        if name not in blanks:
            allowed = ", ".join(f"{{{blank}}}" for blank in sorted(blanks)) or "no blanks"
            raise CoachingDataError(
                f"{where}, '{key}': {{{name}}} is not a blank this text can use ({allowed})."
            )
    return " ".join(value.split())


def _number(data: dict[str, Any], key: str, where: str, *, low: int | None = None) -> int:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or (low is not None and value < low):
        at_least = "" if low is None else f" of at least {low}"
        raise CoachingDataError(f"{where}: '{key}' must be a whole number{at_least}.")
    return value


def _part(data: dict[str, Any], key: str, where: str, *blanks: str) -> _Part:
    entry: dict[str, Any] = section(data, key, where, dict)
    at = f"{where}.{key}"
    return _Part(_number(entry, "points", at), _text(entry, "reason", at, frozenset(blanks)))


def _phrases(data: dict[str, Any], key: str, where: str) -> tuple[Phrase, ...]:
    found = []
    for entry in text_list(data, key, where):
        phrase = tuple(words(entry))
        if not phrase:
            raise CoachingDataError(f"{where}: {entry!r} under '{key}' has no letters in it.")
        found.append(phrase)
    return tuple(found)


def _category(value: object, where: str) -> ContactCategory:
    try:
        return ContactCategory(str(value).strip().replace(" ", "_"))
    except ValueError:
        choices = ", ".join(category.value for category in ContactCategory)
        raise CoachingDataError(
            f"{where}: {value!r} is not a contact category (use {choices})."
        ) from None


def _categories(data: dict[str, Any], key: str, where: str) -> frozenset[ContactCategory]:
    return frozenset(_category(value, f"{where}.{key}") for value in text_list(data, key, where))


def _brainstorm(data: dict[str, Any]) -> tuple[PromptGroup, ...]:
    where = f"{WHERE}, brainstorm"
    entries: dict[str, Any] = section(data, "brainstorm", WHERE, dict)
    for key in entries:
        _category(key, where)
    groups = []
    for category in ContactCategory:
        entry: dict[str, Any] = section(entries, category.value, where, dict)
        at = f"{where}.{category.value}"
        prompts = text_list(entry, "prompts", at)
        if not prompts:
            raise CoachingDataError(f"{at}: 'prompts' needs at least one question.")
        groups.append(PromptGroup(category, _text(entry, "why", at, frozenset()), prompts))
    return tuple(groups)


def _target_parts(scoring: dict[str, Any]) -> dict[str, _Part]:
    where = f"{WHERE}, scoring"
    target: dict[str, Any] = section(scoring, "target_field", where, dict)
    at = f"{where}.target_field"
    return {
        "full": _part(target, "full", at, "target"),
        "partial": _part(target, "partial", at, "target"),
        "no_match": _part(target, "no_match", at, "targets"),
        "no_targets": _part(target, "no_targets", at),
    }


def _levels(scoring: dict[str, Any]) -> tuple[tuple[tuple[Phrase, ...], _Part], ...]:
    where = f"{WHERE}, scoring.level"
    level: dict[str, Any] = section(scoring, "level", f"{WHERE}, scoring", dict)
    found = []
    for key in ("very_senior", "one_or_two_up", "entry"):
        entry: dict[str, Any] = section(level, key, where, dict)
        found.append((_phrases(entry, "words", f"{where}.{key}"), _part(level, key, where, "role")))
    return tuple(found)


def _priority(scoring: dict[str, Any]) -> dict[Priority, _Part]:
    where = f"{WHERE}, scoring"
    entries: dict[str, Any] = section(scoring, "your_priority", where, dict)
    parts = {}
    for key in entries:
        try:
            priority = Priority(str(key))
        except ValueError:
            raise CoachingDataError(
                f"{where}.your_priority: {key!r} is not a priority (use high, medium or low)."
            ) from None
        parts[priority] = _part(entries, str(key), f"{where}.your_priority")
    return parts


def _affinity(scoring: dict[str, Any]) -> _Affinity:
    where = f"{WHERE}, scoring.affinity"
    affinity: dict[str, Any] = section(scoring, "affinity", f"{WHERE}, scoring", dict)
    points = _number(affinity, "points", where)
    texts: dict[str, Any] = section(affinity, "categories", where, dict)
    at = f"{where}.categories"
    connection = _text(affinity, "connection_reason", where, frozenset({"connection"}))
    return _Affinity(
        categories={
            _category(key, at): _Part(points, _text(texts, key, at, frozenset())) for key in texts
        },
        words=_phrases(affinity, "connection_words", where),
        connection=_Part(points, connection),
    )


def _warmth(scoring: dict[str, Any]) -> _Warmth:
    where = f"{WHERE}, scoring.warmth"
    warmth: dict[str, Any] = section(scoring, "warmth", f"{WHERE}, scoring", dict)
    known: dict[str, Any] = section(warmth, "known", where, dict)
    linked: dict[str, Any] = section(warmth, "linked", where, dict)
    return _Warmth(
        parts={key: _part(warmth, key, where) for key in ("known", "linked", "cold")},
        known_categories=_categories(known, "categories", f"{where}.known"),
        known_words=_phrases(known, "connection_words", f"{where}.known"),
        linked_categories=_categories(linked, "categories", f"{where}.linked"),
    )


def _plan(data: dict[str, Any]) -> _Plan:
    where = f"{WHERE}, plan"
    plan: dict[str, Any] = section(data, "plan", WHERE, dict)
    waits: dict[str, Any] = section(plan, "waits", where, dict)
    at = f"{where}.waits"
    return _Plan(
        max_organisations=_number(plan, "max_organisations", where, low=1),
        per_organisation=_number(plan, "per_organisation", where, low=1),
        organisation_full=_text(
            waits, "organisation_full", at, frozenset({"organisation", "count", "per_organisation"})
        ),
        too_many_organisations=_text(
            waits, "too_many_organisations", at, frozenset({"organisation", "max_organisations"})
        ),
    )


def _build() -> _Rules:
    """Read and check ``contacts.yaml``."""
    data = read_yaml(FILE)
    where = f"{WHERE}, scoring"
    scoring: dict[str, Any] = section(data, "scoring", WHERE, dict)
    referred: dict[str, Any] = section(scoring, "referred", where, dict)
    level: dict[str, Any] = section(scoring, "level", where, dict)
    endings = sorted(map(fold, text_list(scoring, "word_endings", where)), key=len, reverse=True)
    return _Rules(
        prompts=_brainstorm(data),
        ignore_words=frozenset(w for p in _phrases(scoring, "ignore_words", where) for w in p),
        endings=tuple(endings),
        target=_target_parts(scoring),
        affinity=_affinity(scoring),
        warmth=_warmth(scoring),
        referred=_part(scoring, "referred", where, "referrer"),
        unknown_referrer=_text(referred, "unknown_referrer", f"{where}.referred", frozenset()),
        unranked_words=_phrases(level, "unranked_words", f"{where}.level"),
        levels=_levels(scoring),
        priority=_priority(scoring),
        plan=_plan(data),
    )


_rules = loader(_build)


# -- brainstorming -------------------------------------------------------------------------


def brainstorm_prompts(
    category: ContactCategory | str | None = None,
) -> tuple[PromptGroup, ...]:
    """Questions to help think of names: for every category, or for ``category`` only.

    >>> [group.category.value for group in brainstorm_prompts()][:2]
    ['alumni', 'internship_management']
    >>> brainstorm_prompts("professor")[0].prompts[0]
    "Which professor's class made you want to work in this field?"
    """
    groups = _rules().prompts
    if category is None:
        return groups
    wanted = ContactCategory(category)
    return tuple(group for group in groups if group.category is wanted)


# -- scoring -------------------------------------------------------------------------------


def _stem(word: str, endings: tuple[str, ...]) -> str:
    """``word`` without its endings, so "nursing" and "nurse" compare equal."""
    while True:
        for ending in endings:
            if word.endswith(ending) and len(word) - len(ending) >= SHORTEST_STEM:
                word = word[: -len(ending)]
                break
        else:
            return word


def _stems(text: str, rules: _Rules) -> set[str]:
    return {_stem(word, rules.endings) for word in words(text) if word not in rules.ignore_words}


def _has_any(tokens: Sequence[str], phrases: tuple[Phrase, ...]) -> bool:
    """Whether any phrase appears in ``tokens`` as consecutive whole words."""
    for phrase in phrases:
        size = len(phrase)
        if any(tuple(tokens[i : i + size]) == phrase for i in range(len(tokens) - size + 1)):
            return True
    return False


def _field_reason(contact: Contact, profile: StudentProfile, rules: _Rules) -> Reason:
    parts = rules.target
    if not profile.target_fields:
        return _reason(parts["no_targets"])
    theirs = _stems(f"{contact.field} {contact.role} {contact.organisation}", rules)
    partial = None
    for target in profile.target_fields:
        wanted = _stems(target, rules)
        if wanted and wanted <= theirs:
            return _reason(parts["full"], target=target)
        if partial is None and wanted & theirs:
            partial = target
    if partial is not None:
        return _reason(parts["partial"], target=partial)
    targets = ", ".join(profile.target_fields)
    return _reason(parts["no_match"], targets=targets)


def _affinity_reason(contact: Contact, rules: _Rules) -> Reason | None:
    part = rules.affinity.categories.get(contact.category)
    if part is not None:
        return _reason(part)
    if _has_any(words(contact.connection), rules.affinity.words):
        return _reason(rules.affinity.connection, connection=quote(contact.connection))
    return None


def _warmth_reason(contact: Contact, rules: _Rules) -> Reason:
    warmth = rules.warmth
    if contact.category in warmth.known_categories:
        return _reason(warmth.parts["known"])
    if contact.referred_by is None and _has_any(words(contact.connection), warmth.known_words):
        return _reason(warmth.parts["known"])  # a referral's note tells of the referrer, not them
    if contact.connection or contact.category in warmth.linked_categories:
        return _reason(warmth.parts["linked"])
    return _reason(warmth.parts["cold"])


def _referral_reason(contact: Contact, referrer: str, rules: _Rules) -> Reason | None:
    if contact.referred_by is None:
        return None
    name = referrer.strip() or rules.unknown_referrer
    return _reason(rules.referred, referrer=name)


def _level_reason(contact: Contact, rules: _Rules) -> Reason | None:
    tokens = words(contact.role)
    if not tokens or _has_any(tokens, rules.unranked_words):
        return None
    for phrases, part in rules.levels:
        if _has_any(tokens, phrases):
            return _reason(part, role=contact.role)
    return None


def _priority_reason(contact: Contact, rules: _Rules) -> Reason | None:
    part = rules.priority.get(contact.priority)
    return None if part is None else _reason(part)


def _reason(part: _Part, **values: str) -> Reason:
    """``part`` as a reason, its blanks filled (the values are never read as wording)."""
    return Reason(part.points, part.reason.format(**values))


def score_contact(contact: Contact, profile: StudentProfile, *, referrer: str = "") -> ContactScore:
    """A contact's score for a first conversation, with each reason and its points.

    Parts: a match with the student's target fields, an alum or shared group,
    how well the student knows them, a referral (``referrer`` names who
    referred them), how senior their role is, and the student's own priority.

    >>> from infoview_lib.model import Contact, StudentProfile
    >>> me = StudentProfile(name="Ana Lima", target_fields=("nursing",))
    >>> boss = Contact(name="Kim Park", role="Chief Nursing Officer", connection="met at a fair")
    >>> [reason.points for reason in score_contact(boss, me).reasons]
    [3, 2, -1]
    """
    rules = _rules()
    reasons = (
        _field_reason(contact, profile, rules),
        _affinity_reason(contact, rules),
        _warmth_reason(contact, rules),
        _referral_reason(contact, referrer, rules),
        _level_reason(contact, rules),
        _priority_reason(contact, rules),
    )
    kept = tuple(reason for reason in reasons if reason is not None)
    return ContactScore(contact.id, sum(reason.points for reason in kept), kept)


# -- the outreach plan ---------------------------------------------------------------------


def _group(contact: Contact, index: int) -> str:
    """The organisation a contact belongs to; a contact without one is a group of its own."""
    return organisation_key(contact.organisation) or f"#{index}"


def outreach_order(contacts: Sequence[Contact], profile: StudentProfile) -> OutreachPlan:
    """Whom to write to now and who waits, keeping few organisations in play at once.

    Contacts not yet written to are taken best score first (ties: by name, then
    id). One starts now unless its organisation already has ``per_organisation``
    people in play, or ``max_organisations`` organisations are in play already.
    Contacted and scheduled contacts count as in play; met, thanked, keeping in
    touch, declined and no-reply contacts are not started again.

    >>> from infoview_lib.model import Contact, StudentProfile
    >>> me = StudentProfile(name="Ana Lima")
    >>> people = [Contact(id=n, name=f"Person {n}", organisation="Helix") for n in (1, 2, 3)]
    >>> plan = outreach_order(people, me)
    >>> [entry.contact.id for entry in plan.start_now], [entry.contact.id for entry in plan.later]
    ([1, 2], [3])
    """
    rules = _rules()
    names = {contact.id: contact.name for contact in contacts if contact.id is not None}
    in_play: dict[str, int] = {}
    waiting = []
    for index, contact in enumerate(contacts):
        group = _group(contact, index)
        if contact.status in IN_PLAY:
            in_play[group] = in_play.get(group, 0) + 1
        elif contact.status in NOT_STARTED:
            referrer = names.get(contact.referred_by, "") if contact.referred_by else ""
            score = score_contact(contact, profile, referrer=referrer)
            waiting.append((-score.points, fold(contact.name), contact.id or 0, index, score))
    start_now: list[PlanEntry] = []
    later: list[PlanEntry] = []
    for *_, index, score in sorted(waiting, key=lambda row: row[:4]):
        contact, group = contacts[index], _group(contacts[index], index)
        reason = _wait_reason(contact, in_play.get(group), len(in_play), rules.plan)
        if reason:
            later.append(PlanEntry(contact, score, reason))
        else:
            in_play[group] = in_play.get(group, 0) + 1
            start_now.append(PlanEntry(contact, score))
    return OutreachPlan(tuple(start_now), tuple(later))


def _wait_reason(contact: Contact, count: int | None, organisations: int, plan: _Plan) -> str:
    """Why a contact waits, or ``""`` if it can start now."""
    if count is not None and count >= plan.per_organisation:
        return plan.organisation_full.format(
            organisation=contact.organisation,
            count=count,
            per_organisation=plan.per_organisation,
        )
    if count is None and organisations >= plan.max_organisations:
        return plan.too_many_organisations.format(
            organisation=contact.organisation or contact.name,
            max_organisations=plan.max_organisations,
        )
    return ""
