"""What ``contacts.yaml`` holds: brainstorm prompts, scoring, the plan and spotting duplicates.

The file's schema, declared once: :func:`contact_rules` reads it through the generic loader
for :mod:`infoview_lib.coach.contacts` and :mod:`infoview_lib.coach.duplicates`, and the
data README's table of the file's sections is made from the same declarations.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from infoview_lib.coach.findings import RuleText
from infoview_lib.coach.kinds import Section, Text, TextList, Whole
from infoview_lib.coach.rule_wording import RuleTexts
from infoview_lib.coach.schema import Place, entry, schema_loader
from infoview_lib.coach.text import fold, tokens, words
from infoview_lib.model import ContactCategory, Priority

FILE = "contacts.yaml"
#: The rule that says two contacts look like one person.
RULE = "duplicate_contact"
#: The kinds of match, strongest first.
KINDS = ("email", "linkedin", "name")
#: The blanks the rule's wording may use.
BLANKS = ("name", "other", "reason")

Phrase = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PromptGroup:
    """Questions that help a student think of people in one of the guide's categories."""

    category: ContactCategory
    why: str
    prompts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Part:
    """A scoring part's points and the reason shown with them."""

    points: int
    reason: str


def category(value: object, at: Place) -> ContactCategory:
    """``value`` as a contact category; an error at ``at`` if it is none."""
    try:
        return ContactCategory(str(value).strip().replace(" ", "_"))
    except ValueError:
        choices = ", ".join(found.value for found in ContactCategory)
        raise at.error(f"{value!r} is not a contact category (use {choices}).") from None


def _mapping(data: Mapping[str, Any], key: str, at: Place) -> dict[str, Any]:
    found = data.get(key)
    if not isinstance(found, dict):
        raise at.error(f"{key!r} is missing or is not a dict.")
    return found


class Scored(NamedTuple):
    """A part of the score: ``points`` (a whole number) and a ``reason`` using ``blanks``."""

    blanks: tuple[str, ...] = ()

    def read(self, data: Mapping[str, Any], key: str, at: Place) -> Part:
        found = _mapping(data, key, at)
        here = at.inside(key)
        return Part(
            Whole().read(found, "points", here),
            Text(self.blanks, squash=True).read(found, "reason", here),
        )


class Phrases:
    """Words or phrases, each matched as whole words, folded."""

    def read(self, data: Mapping[str, Any], key: str, at: Place) -> tuple[Phrase, ...]:
        found = []
        for text in TextList().read(data, key, at):
            phrase = tuple(words(text))
            if not phrase:
                raise at.error(f"{text!r} under {key!r} has no letters in it.")
            found.append(phrase)
        return tuple(found)


class Categories:
    """A list of contact categories."""

    def read(self, data: Mapping[str, Any], key: str, at: Place) -> frozenset[ContactCategory]:
        here = at.inside(key)
        return frozenset(category(value, here) for value in TextList().read(data, key, at))


class CategoryReasons:
    """A reason per contact category (no blanks)."""

    def read(self, data: Mapping[str, Any], key: str, at: Place) -> dict[ContactCategory, str]:
        found = _mapping(data, key, at)
        here = at.inside(key)
        return {category(name, here): Text(squash=True).read(found, name, here) for name in found}


class Brainstorm:
    """One entry per category, each with ``why`` and ``prompts``; all are needed."""

    def read(self, data: Mapping[str, Any], key: str, at: Place) -> tuple[PromptGroup, ...]:
        entries = _mapping(data, key, at)
        here = at.inside(key)
        for name in entries:
            category(name, here)
        groups = []
        for kind in ContactCategory:
            found = _mapping(entries, kind.value, here)
            inside = here.inside(kind.value)
            prompts = TextList(fewest=1).read(found, "prompts", inside)
            groups.append(PromptGroup(kind, Text(squash=True).read(found, "why", inside), prompts))
        return tuple(groups)


class Priorities:
    """Points and a reason per priority the student may give."""

    def read(self, data: Mapping[str, Any], key: str, at: Place) -> dict[Priority, Part]:
        entries = _mapping(data, key, at)
        here = at.inside(key)
        parts = {}
        for name in entries:
            try:
                priority = Priority(str(name))
            except ValueError:
                raise here.error(f"{name!r} is not a priority (use high, medium or low).") from None
            parts[priority] = Scored().read(entries, str(name), here)
        return parts


@dataclass(frozen=True, slots=True)
class TargetField:
    """Points for a match with the student's target fields."""

    full: Part = field(metadata=entry(Scored(("target",)), "the role or field is a target"))
    partial: Part = field(metadata=entry(Scored(("target",)), "some words of a target match"))
    no_match: Part = field(metadata=entry(Scored(("targets",)), "no target matches"))
    no_targets: Part = field(metadata=entry(Scored(), "the student gave no target fields"))


@dataclass(frozen=True, slots=True)
class Affinity:
    """Points for a shared school or group."""

    points: int = field(metadata=entry(Whole(), "the points"))
    categories: dict[ContactCategory, str] = field(
        metadata=entry(CategoryReasons(), "a reason per category that counts as a shared group")
    )
    connection_words: tuple[Phrase, ...] = field(
        metadata=entry(Phrases(), "a shared group named in the contact's connection")
    )
    connection_reason: str = field(
        metadata=entry(Text(("connection",), squash=True), "the reason for those")
    )


@dataclass(frozen=True, slots=True)
class Known:
    """Points for someone the student knows."""

    points: int = field(metadata=entry(Whole(), "the points"))
    reason: str = field(metadata=entry(Text(squash=True), "why"))
    categories: frozenset[ContactCategory] = field(metadata=entry(Categories(), "known by kind"))
    connection_words: tuple[Phrase, ...] = field(
        metadata=entry(Phrases(), "known by the connection's words")
    )


@dataclass(frozen=True, slots=True)
class Linked:
    """Points for a link the student can name."""

    points: int = field(metadata=entry(Whole(), "the points"))
    reason: str = field(metadata=entry(Text(squash=True), "why"))
    categories: frozenset[ContactCategory] = field(metadata=entry(Categories(), "linked by kind"))


@dataclass(frozen=True, slots=True)
class Warmth:
    """How well the student knows them."""

    known: Known = field(metadata=entry(Section(Known), "someone the student knows"))
    linked: Linked = field(metadata=entry(Section(Linked), "a link to name"))
    cold: Part = field(metadata=entry(Scored(), "no connection written yet"))


@dataclass(frozen=True, slots=True)
class Referred:
    """Points for a referral."""

    points: int = field(metadata=entry(Whole(), "the points"))
    reason: str = field(metadata=entry(Text(("referrer",), squash=True), "why"))
    unknown_referrer: str = field(
        metadata=entry(Text(squash=True), "the words used when the referrer's name is not known")
    )


@dataclass(frozen=True, slots=True)
class Rung:
    """A step of the career ladder: the words of its roles, its points and the reason."""

    points: int = field(metadata=entry(Whole(), "the points"))
    words: tuple[Phrase, ...] = field(metadata=entry(Phrases(), "the roles' words"))
    reason: str = field(metadata=entry(Text(("role",), squash=True), "why"))

    @property
    def part(self) -> Part:
        """The rung's points and reason."""
        return Part(self.points, self.reason)


@dataclass(frozen=True, slots=True)
class Level:
    """Points by how senior the role is; the first list matching the role decides."""

    unranked_words: tuple[Phrase, ...] = field(
        metadata=entry(Phrases(), "roles off the ladder, such as professor: no points")
    )
    very_senior: Rung = field(metadata=entry(Section(Rung), "very senior roles"))
    one_or_two_up: Rung = field(metadata=entry(Section(Rung), "a step or two up"))
    entry_level: Rung = field(metadata=entry(Section(Rung), "entry-level roles", key="entry"))

    @property
    def rungs(self) -> tuple[Rung, ...]:
        """The rungs, tried in order."""
        return (self.very_senior, self.one_or_two_up, self.entry_level)


@dataclass(frozen=True, slots=True)
class Scoring:
    """How contacts are scored."""

    ignore_words: tuple[Phrase, ...] = field(
        metadata=entry(
            Phrases(),
            "words left out when matching a contact's field, role and organisation with the "
            "student's target fields",
        )
    )
    word_endings: tuple[str, ...] = field(
        metadata=entry(
            TextList(),
            'endings set aside when comparing words ("nursing" matches "nurse"); at least 4 '
            "letters always stay",
        )
    )
    target_field: TargetField = field(
        metadata=entry(
            Section(TargetField),
            "`full` (`{target}`), `partial` (`{target}`), `no_match` (`{targets}`), "
            "`no_targets` (no blanks): each `points` and `reason`",
        )
    )
    affinity: Affinity = field(
        metadata=entry(
            Section(Affinity),
            "`points`; `categories` (a reason per category that counts as a shared group, no "
            "blanks); `connection_words` and `connection_reason` (`{connection}`) for a shared "
            "group named in the contact's connection",
        )
    )
    warmth: Warmth = field(
        metadata=entry(
            Section(Warmth),
            "`known` (`categories`, `connection_words`), `linked` (`categories`; any written "
            "connection counts too) and `cold`: each `points` and `reason` (no blanks)",
        )
    )
    referred: Referred = field(
        metadata=entry(
            Section(Referred),
            "`points`, `reason` (`{referrer}`), and `unknown_referrer`, the words used when "
            "the referrer's name is not known",
        )
    )
    level: Level = field(
        metadata=entry(
            Section(Level),
            "`unranked_words` (roles off the ladder, such as professor: no points); then "
            "`very_senior`, `one_or_two_up` and `entry`, each `points`, `words` and `reason` "
            "(`{role}`); the first list matching the role decides",
        )
    )
    your_priority: dict[Priority, Part] = field(
        metadata=entry(
            Priorities(),
            "`high` and `low` (and `medium` if wanted): `points` and `reason` for the priority "
            "the student gave",
        )
    )
    #: ``ignore_words`` as single words.
    ignored: frozenset[str] = field(init=False)
    #: ``word_endings`` folded, longest first.
    endings: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        ignored = frozenset(word for phrase in self.ignore_words for word in phrase)
        object.__setattr__(self, "ignored", ignored)
        endings = sorted(map(fold, self.word_endings), key=len, reverse=True)
        object.__setattr__(self, "endings", tuple(endings))


@dataclass(frozen=True, slots=True)
class Waits:
    """Why a contact waits."""

    organisation_full: str = field(
        metadata=entry(
            Text(("organisation", "count", "per_organisation"), squash=True),
            "the organisation has its starter contacts in play",
        )
    )
    too_many_organisations: str = field(
        metadata=entry(
            Text(("organisation", "max_organisations"), squash=True),
            "enough organisations are in play",
        )
    )


@dataclass(frozen=True, slots=True)
class Plan:
    """How many contacts are in play at once."""

    max_organisations: int = field(metadata=entry(Whole(1), "organisations at a time"))
    per_organisation: int = field(metadata=entry(Whole(1), "starter contacts per organisation"))
    waits: Waits = field(metadata=entry(Section(Waits), "why a contact waits"))


class Tokens:
    """Words, each kept as its folded letters and digits."""

    def read(self, data: Mapping[str, Any], key: str, at: Place) -> frozenset[str]:
        entries = TextList().read(data, key, at)
        return frozenset(token for entry in entries for token in tokens(entry))


class Reasons:
    """How two contacts match, for each kind of match."""

    def read(self, data: Mapping[str, Any], key: str, at: Place) -> dict[str, str]:
        found = data.get(key)
        if not isinstance(found, dict):
            raise at.error(f"{key!r} is missing or is not a dict.")
        for kind in KINDS:
            if not isinstance(found.get(kind), str) or not found[kind].strip():
                raise at.error(f"{key}.{kind} must say how the two match.")
        return {kind: found[kind].strip() for kind in KINDS}


@dataclass(frozen=True, slots=True)
class DuplicateRules:
    """The ``duplicates`` section of ``contacts.yaml``."""

    titles: frozenset[str] = field(
        metadata=entry(Tokens(), "dropped from the front of names", key="name_titles")
    )
    credentials: frozenset[str] = field(
        metadata=entry(
            Tokens(), 'dropped after a comma, as in "Wei Ng, PhD"', key="name_credentials"
        )
    )
    organisation_ignored: frozenset[str] = field(
        metadata=entry(
            Tokens(),
            'dropped from organisation names, as in "Inc."',
            key="organisation_ignore_words",
        )
    )
    reasons: dict[str, str] = field(
        metadata=entry(Reasons(), "how two contacts match: `email`, `linkedin`, `name`")
    )
    rules: dict[str, RuleText] = field(
        metadata=entry(
            RuleTexts({RULE: BLANKS}),
            "the wording of rule `duplicate_contact` (`{name}`, `{other}`, `{reason}`)",
        )
    )

    @property
    def rule(self) -> RuleText:
        """The wording of the ``duplicate_contact`` rule."""
        return self.rules[RULE]


@dataclass(frozen=True, slots=True)
class ContactRules:
    """The brainstorm prompts, the scoring and the outreach plan in ``contacts.yaml``."""

    brainstorm: tuple[PromptGroup, ...] = field(
        metadata=entry(
            Brainstorm(),
            "one entry per category (`alumni`, `internship_management`, `faith_community`, "
            "`family_friend`, `professor`, `other`), each with `why` (no blanks) and `prompts` "
            "(questions that help think of names); all six are needed",
        )
    )
    scoring: Scoring = field(metadata=entry(Section(Scoring), "how contacts are scored"))
    plan: Plan = field(
        metadata=entry(
            Section(Plan),
            "`max_organisations` (5) and `per_organisation` (2), whole numbers of at least 1; "
            "`waits.organisation_full` (`{organisation}`, `{count}`, `{per_organisation}`) and "
            "`waits.too_many_organisations` (`{organisation}`, `{max_organisations}`) say why "
            "a contact waits",
        )
    )
    duplicates: DuplicateRules = field(
        metadata=entry(Section(DuplicateRules), "how the same person entered twice is spotted")
    )


#: The contact rules in use, read once per data folder.
contact_rules = schema_loader(ContactRules, FILE)
