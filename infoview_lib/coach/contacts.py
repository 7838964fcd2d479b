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

from infoview_lib.coach.contact_rules import (
    Part,
    Phrase,
    Plan,
    PromptGroup,
    Scoring,
    contact_rules,
)
from infoview_lib.coach.duplicates import organisation_key
from infoview_lib.coach.text import fold, quote, words
from infoview_lib.model import Contact, ContactCategory, PipelineStatus, StudentProfile

__all__ = [
    "IN_PLAY",
    "NOT_STARTED",
    "ContactScore",
    "OutreachPlan",
    "PlanEntry",
    "PromptGroup",
    "Reason",
    "brainstorm_prompts",
    "outreach_order",
    "score_contact",
]

#: Contacts already written to, or with a meeting planned: they hold a place in the plan.
IN_PLAY = frozenset({PipelineStatus.CONTACTED, PipelineStatus.SCHEDULED})
#: Contacts the plan proposes to write to.
NOT_STARTED = frozenset({PipelineStatus.IDENTIFIED})
#: Fewest letters a word keeps when its ending is set aside.
SHORTEST_STEM = 4


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
    groups = contact_rules().brainstorm
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


def _stems(text: str, rules: Scoring) -> set[str]:
    return {_stem(word, rules.endings) for word in words(text) if word not in rules.ignored}


def _has_any(tokens: Sequence[str], phrases: tuple[Phrase, ...]) -> bool:
    """Whether any phrase appears in ``tokens`` as consecutive whole words."""
    for phrase in phrases:
        size = len(phrase)
        if any(tuple(tokens[i : i + size]) == phrase for i in range(len(tokens) - size + 1)):
            return True
    return False


def _field_reason(contact: Contact, profile: StudentProfile, rules: Scoring) -> Reason:
    parts = rules.target_field
    if not profile.target_fields:
        return _reason(parts.no_targets)
    theirs = _stems(f"{contact.field} {contact.role} {contact.organisation}", rules)
    partial = None
    for target in profile.target_fields:
        wanted = _stems(target, rules)
        if wanted and wanted <= theirs:
            return _reason(parts.full, target=target)
        if partial is None and wanted & theirs:
            partial = target
    if partial is not None:
        return _reason(parts.partial, target=partial)
    targets = ", ".join(profile.target_fields)
    return _reason(parts.no_match, targets=targets)


def _affinity_reason(contact: Contact, rules: Scoring) -> Reason | None:
    affinity = rules.affinity
    reason = affinity.categories.get(contact.category)
    if reason is not None:
        return _reason(Part(affinity.points, reason))
    if _has_any(words(contact.connection), affinity.connection_words):
        part = Part(affinity.points, affinity.connection_reason)
        return _reason(part, connection=quote(contact.connection))
    return None


def _warmth_reason(contact: Contact, rules: Scoring) -> Reason:
    known, linked = rules.warmth.known, rules.warmth.linked
    if contact.category in known.categories:
        return _reason(Part(known.points, known.reason))
    if contact.referred_by is None and _has_any(words(contact.connection), known.connection_words):
        # a referral's note tells of the referrer, not them
        return _reason(Part(known.points, known.reason))
    if contact.connection or contact.category in linked.categories:
        return _reason(Part(linked.points, linked.reason))
    return _reason(rules.warmth.cold)


def _referral_reason(contact: Contact, referrer: str, rules: Scoring) -> Reason | None:
    if contact.referred_by is None:
        return None
    referred = rules.referred
    name = referrer.strip() or referred.unknown_referrer
    return _reason(Part(referred.points, referred.reason), referrer=name)


def _level_reason(contact: Contact, rules: Scoring) -> Reason | None:
    tokens = words(contact.role)
    if not tokens or _has_any(tokens, rules.level.unranked_words):
        return None
    for rung in rules.level.rungs:
        if _has_any(tokens, rung.words):
            return _reason(rung.part, role=contact.role)
    return None


def _priority_reason(contact: Contact, rules: Scoring) -> Reason | None:
    part = rules.your_priority.get(contact.priority)
    return None if part is None else _reason(part)


def _reason(part: Part, **values: str) -> Reason:
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
    rules = contact_rules().scoring
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
    plan = contact_rules().plan
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
        reason = _wait_reason(contact, in_play.get(group), len(in_play), plan)
        if reason:
            later.append(PlanEntry(contact, score, reason))
        else:
            in_play[group] = in_play.get(group, 0) + 1
            start_now.append(PlanEntry(contact, score))
    return OutreachPlan(tuple(start_now), tuple(later))


def _wait_reason(contact: Contact, count: int | None, organisations: int, plan: Plan) -> str:
    """Why a contact waits, or ``""`` if it can start now."""
    if count is not None and count >= plan.per_organisation:
        return plan.waits.organisation_full.format(
            organisation=contact.organisation,
            count=count,
            per_organisation=plan.per_organisation,
        )
    if count is None and organisations >= plan.max_organisations:
        return plan.waits.too_many_organisations.format(
            organisation=contact.organisation or contact.name,
            max_organisations=plan.max_organisations,
        )
    return ""
