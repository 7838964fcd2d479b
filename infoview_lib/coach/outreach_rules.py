"""What ``outreach.yaml`` holds: the Ally check's declared schema.

The limits, word lists, examples and wording of the check of a first message, each declared
once: :func:`outreach_rules` reads them through the generic loader, and the data README's
tables are made from the same declarations.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from infoview_lib.coach.findings import Finding, Severity, Wording
from infoview_lib.coach.kinds import Amount, PatternLists, Patterns, Section, Text, Wordings, below
from infoview_lib.coach.phrases import Phrases
from infoview_lib.coach.rule_wording import RuleWording
from infoview_lib.coach.schema import Place, entry, schema_loader
from infoview_lib.model import OutreachChannel

FILE = "outreach.yaml"
PROBLEM, SUGGESTION, WELL_DONE = Severity.PROBLEM, Severity.SUGGESTION, Severity.WELL_DONE

#: Each rule the check uses, and the outcomes its wording must cover.
RULES: dict[str, tuple[Severity, ...]] = {
    "language": (SUGGESTION,),
    "empty": (PROBLEM,),
    "initial_contact": (PROBLEM,),
    "identifies_sender": (SUGGESTION,),
    "connection_stated": (SUGGESTION, WELL_DONE),
    "connection_early": (SUGGESTION,),
    "learning_intention": (SUGGESTION, WELL_DONE),
    "asks_for_conversation": (PROBLEM, WELL_DONE),
    "bounded_time": (SUGGESTION,),
    "ask_as_question": (SUGGESTION,),
    "assessor_trap": (PROBLEM, WELL_DONE),
    "length": (PROBLEM, SUGGESTION, WELL_DONE),
    "linkedin_length": (SUGGESTION,),
    "about_them": (PROBLEM, SUGGESTION),
    "generic_greeting": (PROBLEM, SUGGESTION),
    "vague_ask": (PROBLEM,),
    "long_meeting": (PROBLEM,),
    "text_speak": (PROBLEM,),
    "personalised": (SUGGESTION,),
    "attachment": (PROBLEM,),
    "link": (PROBLEM, SUGGESTION),
    "subject_missing": (PROBLEM,),
    "subject_specific": (PROBLEM, SUGGESTION),
    "placeholder": (PROBLEM,),
}

#: The blanks each rule's wording may use.
BLANKS: dict[str, dict[Severity, frozenset[str]]] = {
    "connection_early": {SUGGESTION: frozenset({"excerpt"})},
    "learning_intention": {SUGGESTION: frozenset({"field"})},
    "assessor_trap": {PROBLEM: frozenset({"excerpt"})},
    "length": {
        PROBLEM: frozenset({"words"}),
        SUGGESTION: frozenset({"words"}),
        WELL_DONE: frozenset({"words", "fits"}),
    },
    "linkedin_length": {SUGGESTION: frozenset({"characters"})},
    "about_them": {PROBLEM: frozenset({"me", "you"}), SUGGESTION: frozenset({"me", "you"})},
    "generic_greeting": {
        PROBLEM: frozenset({"excerpt", "greeting"}),
        SUGGESTION: frozenset({"excerpt", "greeting"}),
    },
    "vague_ask": {PROBLEM: frozenset({"excerpt"})},
    "long_meeting": {PROBLEM: frozenset({"excerpt"})},
    "text_speak": {PROBLEM: frozenset({"excerpt"})},
    "personalised": {SUGGESTION: frozenset({"organisation"})},
    "attachment": {PROBLEM: frozenset({"excerpt"})},
    "link": {PROBLEM: frozenset({"excerpt"}), SUGGESTION: frozenset({"excerpt"})},
    "subject_missing": {PROBLEM: frozenset({"subject_example"})},
    "subject_specific": {
        PROBLEM: frozenset({"excerpt", "subject_example"}),
        SUGGESTION: frozenset({"excerpt", "subject_example"}),
    },
    "placeholder": {PROBLEM: frozenset({"excerpt"})},
}
#: What a rule's outcome means, where the README says more than its name.
NOTES: dict[str, dict[Severity, str]] = {
    "language": {SUGGESTION: "the draft is not in English, so it is not checked"},
    "initial_contact": {
        PROBLEM: "none of who you are, your connection, your intention",
    },
    "assessor_trap": {PROBLEM: "`{excerpt}`: the words that ask"},
    "length": {WELL_DONE: "`{fits}` comes from `fits`"},
    "about_them": {PROBLEM: "a pitch"},
    "generic_greeting": {PROBLEM: "a greeting to nobody", SUGGESTION: "a greeting for anyone"},
    "link": {PROBLEM: "a booking link"},
    "subject_specific": {PROBLEM: "a greeting or a few generic words", SUGGESTION: "short"},
}

PATTERNS = (
    "greeting_line",
    "sign_off_line",
    "generic_greeting",
    "anonymous_greeting",
    "reason_to_write",
    "vague_ask",
    "long_meeting",
    "text_speak",
    "sender",
    "connection",
    "learning",
    "conversation",
    "request",
    "connect_request",
    "bounded",
    "assessor_trap",
    "attachment",
    "link",
    "scheduling_link",
    "placeholder",
    "script_cue",
    "pleasantry",
    "first_person",
    "second_person",
    "generic_subject",
    "greeting_subject",
    "subject_trap",
    "generic_subject_word",
)


@dataclass(frozen=True, slots=True)
class OutreachLimits:
    """The Ally check's numbers; each suggestion limit is below its problem limit."""

    words_suggestion: float = field(
        metadata=entry(Amount(), "words, above which shortening is suggested")
    )
    words_problem: float = field(
        metadata=entry(Amount(), "words: far too long on any channel (a problem)")
    )
    linkedin_suggestion: float = field(
        metadata=entry(Amount(), "characters: LinkedIn's cap on a free account's connection note")
    )
    early_sentences: float = field(
        metadata=entry(Amount(), "sentences at the start where the connection belongs")
    )
    about_me_ratio: float = field(
        metadata=entry(
            Amount(whole=False),
            "I/me/my words per you/your word before suggesting the message be more about them",
        )
    )
    about_me_min: float = field(
        metadata=entry(Amount(), "I/me/my words, from which that suggestion is made")
    )
    pitch_ratio: float = field(
        metadata=entry(
            Amount(whole=False),
            "I/me/my words per you/your word that make the message a pitch about the student "
            "(a problem); above `about_me_ratio`",
        )
    )
    pitch_min: float = field(metadata=entry(Amount(), "I/me/my words, from which it is a pitch"))
    subject_min_words: float = field(
        metadata=entry(Amount(), "words, below which a subject is too short")
    )

    def check(self, at: Place) -> None:
        """Refuse limits that would make the check meaningless."""
        below(at, self, ("words_suggestion", "words_problem"), ("about_me_ratio", "pitch_ratio"))


@dataclass(frozen=True, slots=True)
class OutreachRules:
    """The Ally check's word lists, limits and wording, as read from ``outreach.yaml``."""

    limits: OutreachLimits = field(metadata=entry(Section(OutreachLimits), "the numbers"))
    patterns: PatternLists = field(
        metadata=entry(Patterns(PATTERNS), "the word lists, as regular expressions (see below)")
    )
    subject_example: str = field(
        metadata=entry(
            Text(("role", "organisation")),
            "the subject suggested when it is missing or vague (the shipped one uses only the "
            "organisation, as a long role title makes an odd subject)",
        )
    )
    example_role: str = field(
        metadata=entry(Text(), "used in the suggested subject when the role is not known")
    )
    example_organisation: str = field(
        metadata=entry(Text(), "used in the suggested subject when the organisation is not known")
    )
    fits: Mapping[str, str] = field(
        metadata=entry(
            Wordings({channel.value: () for channel in OutreachChannel}),
            'how a message short enough "fits", by channel',
        )
    )
    greeting_known: str = field(
        metadata=entry(
            Text(("contact",)), "the greeting suggested for a message that could go to anyone"
        )
    )
    greeting_example: str = field(
        metadata=entry(Text(), "that greeting when the contact's name is not known")
    )
    wording: Wording = field(
        metadata=entry(
            RuleWording(RULES, BLANKS),
            "the wording of each rule, by outcome (`problem`, `suggestion`, `well_done`), each a "
            "`message` and a `suggestion`",
            key="rules",
        )
    )
    #: The Assessor-trap list, checked as a pattern above, faster to search.
    traps: Phrases = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "traps", Phrases.of(list(self.patterns.entries["assessor_trap"])))

    def finding(self, rule: str, severity: Severity, **values: object) -> Finding:
        """The finding for ``rule`` with ``severity``, in the data file's words."""
        return self.wording[rule][severity].finding(**values)


#: The rules in use, read once per data folder.
outreach_rules = schema_loader(OutreachRules, FILE)
