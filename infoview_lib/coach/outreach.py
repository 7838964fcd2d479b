"""The Ally check of a first message: the guide's "Initial Contact" and Assessor/Ally advice.

A good first message identifies the sender, states the connection early, says
what the student hopes to learn, and asks for a short conversation as a
question, without ever asking for a job, a referral or a resume review.

>>> draft = '''Dear Ms. D'Arcy,
...
... My name is Siobhan, a journalism student at Westbrook, where you graduated in 2014.
... I would love to hear your story and your advice on investigative work.
... Would you have 20 minutes for a call next week?
...
... Thank you,
... Siobhan'''
>>> check_outreach(draft, subject="Your reporting experience at The Ledger").verdict
'ready'
>>> report = check_outreach(draft.replace("next week?", "next week, and maybe an internship?"))
>>> [f.rule for f in report.findings if f.severity is Severity.PROBLEM]
['assessor_trap', 'subject_missing']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from infoview_lib.coach.findings import Finding, Severity, as_checked, has_problems, ordered
from infoview_lib.coach.outreach_rules import BLANKS, RULES, OutreachRules, outreach_rules
from infoview_lib.coach.text import (
    as_written,
    first_name,
    fold,
    fold_lines,
    mostly_latin,
    plain,
    quote,
    sentences,
    words,
)
from infoview_lib.model import Contact, OutreachChannel, StudentProfile

__all__ = [
    "BLANKS",
    "MAX_READ",
    "RULES",
    "OutreachContext",
    "OutreachReport",
    "OutreachRules",
    "check_outreach",
    "outreach_rules",
    "split_subject",
]

PROBLEM, SUGGESTION, WELL_DONE = Severity.PROBLEM, Severity.SUGGESTION, Severity.WELL_DONE
#: Only this much of a draft is read: twice the longest a workbook stores. Longer text is
#: counted, and the length rule says it is far too long.
MAX_READ = 10_000
#: At most this many separate Assessor-trap phrases are reported for one draft.
MAX_TRAPS_REPORTED = 3
_PARAGRAPH = re.compile(r"\n\s*\n")
#: A negated ask just before a phrase: "I'm not looking for a job" asks for none; "I didn't
#: see any job openings" still talks about openings.
_NEGATED = re.compile(
    r"(\b(not|never|no)\b|n't)[\w' ]{0,12}\b(ask|asking|looking|seeking|requesting|request|"
    r"expecting|expect|after|want|wanting|need|needing|hoping|writing|here|trying|interested)\b"
    r"[\w' ]{0,24}$"
)
#: At most this many words in a subject made only of generic words, for it to be vague.
MAX_VAGUE_SUBJECT_WORDS = 3
_GREETING_WITH_NAME = re.compile(r"^(dear|hi|hello|hey|good (morning|afternoon|evening)),?\s+\w")


@dataclass(frozen=True, slots=True)
class OutreachContext:
    """What the workbook knows about the sender and the reader, to personalise the check."""

    student: str = ""
    contact: str = ""
    organisation: str = ""
    role: str = ""
    field: str = ""

    @classmethod
    def of(cls, contact: Contact | None, profile: StudentProfile | None) -> OutreachContext:
        """What the workbook knows for a message to ``contact`` from ``profile``'s student.

        The field is the contact's, else the student's first target field.
        """
        student = profile.name if profile else ""
        if contact is None:
            return cls(student=student)
        targets = profile.target_fields if profile else ()
        return cls(
            student=student,
            contact=contact.name,
            organisation=contact.organisation,
            role=contact.role,
            field=contact.field or (targets[0] if targets else ""),
        )


@dataclass(frozen=True, slots=True)
class OutreachReport:
    """The findings on one draft, and its size."""

    findings: tuple[Finding, ...]
    words: int
    characters: int

    @property
    def verdict(self) -> Literal["ready", "revise"]:
        """``ready`` when nothing must be fixed, else ``revise``."""
        return "revise" if has_problems(self.findings) else "ready"

    def as_dict(self) -> dict[str, object]:
        """The report as the ``--json`` output has it."""
        return as_checked(self.verdict, self.findings)


@dataclass(frozen=True, slots=True)
class _Parts:
    """A draft cut into greeting, main text and signature; all folded."""

    greeting: str
    main: str
    signature: str
    written: str  # the draft as the student wrote it, for quoting

    @property
    def whole(self) -> str:
        return "\n".join(part for part in (self.greeting, self.main, self.signature) if part)


def split_subject(text: str) -> tuple[str | None, str]:
    """Take a leading ``Subject:`` line off a draft read from a file.

    >>> split_subject("Subject: Your work at Acme\\n\\nDear Ana,")
    ('Your work at Acme', 'Dear Ana,')
    >>> split_subject("Dear Ana,")
    (None, 'Dear Ana,')
    """
    stripped = text.lstrip("\ufeff").lstrip("\n")
    first, _, rest = stripped.partition("\n")
    if first.casefold().startswith("subject:"):
        return first[len("subject:") :].strip(), rest.strip("\n")
    return None, text


def check_outreach(
    body: str,
    *,
    channel: OutreachChannel | str = OutreachChannel.EMAIL,
    subject: str | None = None,
    context: OutreachContext | None = None,
    rules: OutreachRules | None = None,
) -> OutreachReport:
    """Check a first message against the guide's Ally approach.

    ``subject`` is the email's subject line (``None`` or blank: there is none);
    ``context`` names the student and the contact when the workbook knows them.

    >>> check_outreach("").findings[0].rule
    'empty'
    >>> note = "Hi Maria, I'm Ana, a Westbrook biology student. Prof. Kim suggested I reach out."
    >>> note += " I'd love to hear your story. Would you have 20 minutes for a call?"
    >>> check_outreach(note, channel="linkedin").verdict
    'ready'
    """
    rules = rules or outreach_rules()
    channel = OutreachChannel.parse(channel)
    context = context or OutreachContext()
    parts = _split(body[:MAX_READ], rules)
    counted = " ".join(part for part in (parts.greeting, parts.main) if part)
    whole = _split(body, rules) if len(body) > MAX_READ else parts
    word_count = len(words(f"{whole.greeting} {whole.main}"))
    characters = len(body.strip())
    if not parts.whole.strip() or word_count == 0:
        return OutreachReport((rules.finding("empty", PROBLEM),), 0, characters)
    if not mostly_latin(counted):
        return OutreachReport((rules.finding("language", SUGGESTION),), word_count, characters)
    found: list[Finding] = []
    found += _introduction(parts, context, rules)
    found += _ask(channel, parts, rules)
    found += _traps(parts, subject, rules)
    found += _careless_asks(parts, rules)
    found += _length(channel, word_count, characters, rules)
    found += _about_them(parts, rules)
    found += _personalised(parts, context, rules)
    found += _attachments_and_links(channel, parts, rules)
    if channel is OutreachChannel.EMAIL:
        found += _subject(subject, context, rules)
    found += _placeholders(channel, body, subject, rules)
    return OutreachReport(ordered(found), word_count, characters)


def _split(body: str, rules: OutreachRules) -> _Parts:
    """Cut off the greeting line and the sign-off; rejoin lines wrapped within a paragraph."""
    lines = fold_lines(body)
    while lines and not lines[0]:
        lines.pop(0)
    if not lines:
        return _Parts("", "", "", body)
    greeting = ""
    if rules.patterns["greeting_line"].search(lines[0]):
        if any(lines[1:]):
            greeting = lines.pop(0)
        else:  # a one-line note: "Hi Maria, I'm Ana..." keeps its message
            head, comma, rest = lines[0].partition(",")
            if comma and rest.strip():
                greeting, lines[0] = f"{head},", rest.strip()
    signature_at = len(lines)
    for index in range(len(lines) - 1, max(-1, len(lines) - 8), -1):
        if lines[index] and rules.patterns["sign_off_line"].search(lines[index]):
            signature_at = index
            break
    main = "\n".join(lines[:signature_at])
    paragraphs = (" ".join(paragraph.split()) for paragraph in _PARAGRAPH.split(main))
    signature = "\n".join(line for line in lines[signature_at:] if line)
    return _Parts(greeting, "\n\n".join(p for p in paragraphs if p), signature, body)


def _introduction(parts: _Parts, context: OutreachContext, rules: OutreachRules) -> list[Finding]:
    """The guide's "Initial Contact": who you are, your connection, your intention.

    Each one missing is a suggestion; a message with none of the three gives the reader no
    reason to reply, and that is a problem.
    """
    sender = _identifies(parts, context, rules)
    connected = rules.patterns["connection"].search(parts.main) is not None
    learning = rules.patterns["learning"].search(parts.main) is not None
    reason = rules.patterns["reason_to_write"].search(parts.main) is not None
    if not (sender or connected or learning or reason):
        return [rules.finding("initial_contact", PROBLEM)]
    found = [] if sender else [rules.finding("identifies_sender", SUGGESTION)]
    found += _connection(parts, rules)
    found += _learning(parts, context, rules)
    return found


def _identifies(parts: _Parts, context: OutreachContext, rules: OutreachRules) -> bool:
    if rules.patterns["sender"].search(parts.main):
        return True
    return any(
        _mentions(parts.whole, name) or _mentions(parts.whole, first_name(name))
        for name in _name_variants(context.student)
    )


def _connection(parts: _Parts, rules: OutreachRules) -> list[Finding]:
    pattern = rules.patterns["connection"]
    match = pattern.search(parts.main)
    if match is None:
        return [rules.finding("connection_stated", SUGGESTION)]
    pleasantry = rules.patterns["pleasantry"]
    said = [sentence for sentence in sentences(parts.main) if not pleasantry.search(sentence)]
    early = " ".join(said[: int(rules.limits.early_sentences)])
    if pattern.search(early):
        return [rules.finding("connection_stated", WELL_DONE)]
    excerpt = quote(as_written(parts.written, match.group(0)))
    return [rules.finding("connection_early", SUGGESTION, excerpt=excerpt)]


def _learning(parts: _Parts, context: OutreachContext, rules: OutreachRules) -> list[Finding]:
    if rules.patterns["learning"].search(parts.main):
        return [rules.finding("learning_intention", WELL_DONE)]
    field = context.field or "your field"
    return [rules.finding("learning_intention", SUGGESTION, field=field)]


def _ask(channel: OutreachChannel, parts: _Parts, rules: OutreachRules) -> list[Finding]:
    conversation, request = rules.patterns["conversation"], rules.patterns["request"]
    said = sentences(parts.main)
    asks = [s for s in said if conversation.search(s) and request.search(s)]
    if not asks:
        # A LinkedIn note is itself a request to connect: saying so is its ask.
        if channel is OutreachChannel.LINKEDIN and any(
            rules.patterns["connect_request"].search(sentence) for sentence in said
        ):
            return []
        return [rules.finding("asks_for_conversation", PROBLEM)]
    found = []
    if not rules.patterns["bounded"].search(parts.main):
        found.append(rules.finding("bounded_time", SUGGESTION))
    if not any("?" in sentence for sentence in asks):
        found.append(rules.finding("ask_as_question", SUGGESTION))
    return found or [rules.finding("asks_for_conversation", WELL_DONE)]


def _traps(parts: _Parts, subject: str | None, rules: OutreachRules) -> list[Finding]:
    text = parts.whole if not subject else f"{fold(subject)}\n{parts.whole}"
    seen: list[str] = []
    job_subject = rules.patterns["subject_trap"].search(fold(subject)) if subject else None
    if job_subject:  # the first words they read say the email is about a job
        seen.append(job_subject.group(0))
    for match in rules.traps.finditer(text):
        if _NEGATED.search(text, max(0, match.start() - 40), match.start()):
            continue  # "I'm not asking you to refer me" asks for nothing
        excerpt = match.group(0)
        if excerpt not in seen:
            seen.append(excerpt)
    if not seen:
        if rules.patterns["learning"].search(parts.main):
            return [rules.finding("assessor_trap", WELL_DONE)]
        return []
    written = f"{subject or ''}\n{parts.written}"
    return [
        rules.finding("assessor_trap", PROBLEM, excerpt=quote(as_written(written, excerpt)))
        for excerpt in seen[:MAX_TRAPS_REPORTED]
    ]


def _length(
    channel: OutreachChannel, word_count: int, characters: int, rules: OutreachRules
) -> list[Finding]:
    limits = rules.limits
    if word_count > limits.words_problem:  # far too long on any channel
        return [rules.finding("length", PROBLEM, words=word_count)]
    if channel is OutreachChannel.LINKEDIN:
        if characters > limits.linkedin_suggestion:
            return [rules.finding("linkedin_length", SUGGESTION, characters=characters)]
        return []
    if word_count > limits.words_suggestion:
        return [rules.finding("length", SUGGESTION, words=word_count)]
    return [rules.finding("length", WELL_DONE, words=word_count, fits=rules.fits[channel])]


def _careless_asks(parts: _Parts, rules: OutreachRules) -> list[Finding]:
    """An ask that says nothing of what they would talk about ("May I pick your brain?"),
    one for an hour or more of a stranger's time, and text-speak ("can u help")."""
    found = []
    for rule in ("vague_ask", "long_meeting", "text_speak"):
        match = rules.patterns[rule].search(parts.main)
        if match:
            excerpt = quote(as_written(parts.written, match.group(0).strip()))
            found.append(rules.finding(rule, PROBLEM, excerpt=excerpt))
    return found


def _about_them(parts: _Parts, rules: OutreachRules) -> list[Finding]:
    """Far more about the writer than the reader is a pitch (a problem); more, a suggestion."""
    me = len(rules.patterns["first_person"].findall(parts.main))
    you = len(rules.patterns["second_person"].findall(parts.main))
    limits = rules.limits
    if me >= limits.pitch_min and me >= you * limits.pitch_ratio:
        return [rules.finding("about_them", PROBLEM, me=me, you=you)]
    if me >= limits.about_me_min and me > you * limits.about_me_ratio:
        return [rules.finding("about_them", SUGGESTION, me=me, you=you)]
    return []


def _personalised(parts: _Parts, context: OutreachContext, rules: OutreachRules) -> list[Finding]:
    opening = parts.greeting or parts.main
    anonymous = rules.patterns["anonymous_greeting"].search(opening)
    generic = anonymous or rules.patterns["generic_greeting"].search(opening)
    if generic:
        name = plain(context.contact)
        greeting = (
            rules.greeting_known.format_map({"contact": name}) if name else rules.greeting_example
        )
        excerpt = quote(as_written(parts.written, generic.group(0).strip()))
        severity = PROBLEM if anonymous else SUGGESTION  # "Dear Sir": a mistake, guides say
        return [rules.finding("generic_greeting", severity, excerpt=excerpt, greeting=greeting)]
    known = [fold(context.organisation), fold(context.role)]
    for name in _name_variants(context.contact):
        known += [first_name(name), name.rsplit(" ", 1)[-1]]
    if _GREETING_WITH_NAME.search(opening) or any(
        _mentions(parts.whole, value) for value in known if len(value) > 1
    ):
        return []
    organisation = context.organisation or "their organisation"
    return [rules.finding("personalised", SUGGESTION, organisation=organisation)]


def _attachments_and_links(
    channel: OutreachChannel, parts: _Parts, rules: OutreachRules
) -> list[Finding]:
    if channel is OutreachChannel.SCRIPT:
        return []
    found = []
    attachment = rules.patterns["attachment"].search(parts.whole)
    if attachment:
        excerpt = quote(as_written(parts.written, attachment.group(0)))
        found.append(rules.finding("attachment", PROBLEM, excerpt=excerpt))
    scheduling = rules.patterns["scheduling_link"].search(parts.whole)
    link = rules.patterns["link"].search(parts.whole)
    if scheduling:
        excerpt = quote(as_written(parts.written, scheduling.group(0)))
        found.append(rules.finding("link", PROBLEM, excerpt=excerpt))
    elif link:
        excerpt = quote(as_written(parts.written, link.group(0)))
        found.append(rules.finding("link", SUGGESTION, excerpt=excerpt))
    return found


def _subject(subject: str | None, context: OutreachContext, rules: OutreachRules) -> list[Finding]:
    example = rules.subject_example.format_map(
        {
            "role": context.role or rules.example_role,
            "organisation": context.organisation or rules.example_organisation,
        }
    )
    if subject is None or not plain(subject):
        return [rules.finding("subject_missing", PROBLEM, subject_example=example)]
    folded = fold(subject).strip()
    if _vague_subject(folded, rules):
        return [
            rules.finding(
                "subject_specific", PROBLEM, excerpt=quote(subject), subject_example=example
            )
        ]
    if len(words(folded)) < int(rules.limits.subject_min_words):
        return [
            rules.finding(
                "subject_specific", SUGGESTION, excerpt=quote(subject), subject_example=example
            )
        ]
    return []


def _vague_subject(folded: str, rules: OutreachRules) -> bool:
    """Whether a subject says nothing: a greeting, or a few words any email could carry.

    >>> rules = outreach_rules()
    >>> [_vague_subject(s, rules) for s in ("hey jason!", "quick questions", "meeting")]
    [True, True, True]
    >>> [_vague_subject(s, rules) for s in ("your path into epidemiology", "[event] follow-up")]
    [False, False]
    """
    if rules.patterns["generic_subject"].fullmatch(folded):
        return True
    if rules.patterns["greeting_subject"].fullmatch(folded):
        return True
    if "[" in folded or "<" in folded:  # a blank to fill with something specific
        return False
    said = words(folded)
    generic = rules.patterns["generic_subject_word"]
    return 0 < len(said) <= MAX_VAGUE_SUBJECT_WORDS and all(generic.fullmatch(w) for w in said)


def _placeholders(
    channel: OutreachChannel, body: str, subject: str | None, rules: OutreachRules
) -> list[Finding]:
    text = f"{fold(subject or '')}\n{fold(body)}"
    cue = rules.patterns["script_cue"]
    for blank in rules.patterns["placeholder"].finditer(text):
        if channel is OutreachChannel.SCRIPT and cue.match(blank.group(0)):
            continue
        excerpt = quote(as_written(f"{subject or ''}\n{body}", blank.group(0)))
        return [rules.finding("placeholder", PROBLEM, excerpt=excerpt)]
    return []


def _name_variants(name: str) -> list[str]:
    """A name's folded forms: as written without credentials, and any form in brackets.

    >>> _name_variants("Lorena García, LCSW")
    ['lorena garcia']
    >>> _name_variants("Дмитрий Иванов (Dmitry Ivanov)")
    ['дмитрии иванов', 'dmitry ivanov']
    """
    written, _, bracketed = name.partition("(")
    variants = [fold(written.split(",", 1)[0]), fold(bracketed.split(")", 1)[0].split(",", 1)[0])]
    return [variant for variant in variants if variant]


def _mentions(text: str, folded_words: str) -> bool:
    """Whether ``text`` has ``folded_words`` as whole words."""
    if not folded_words:
        return False
    return re.search(rf"(?<![\w]){re.escape(folded_words)}(?![\w])", text) is not None
