"""Drafts of the notes the guide asks for after a meeting: thank-yous, updates, referral openings.

Each draft quotes something specific from the interview log (the key advice
first, else the notes); where the log has nothing to quote, a visible
placeholder such as ``[something specific they told you]`` is left for the
student to fill in. The templates live in ``data/coaching/follow-up.yaml``.
A student's own text is put into a template as it is and never read as one,
so braces they type stay braces.

>>> from infoview_lib.model import Contact, InterviewLog, StudentProfile
>>> ana = StudentProfile(name="Ana Lima")
>>> ken = Contact(name="Ken Sato")
>>> card = thank_you_note(ana, ken, InterviewLog(meeting_id=1), channel="card").splitlines()
>>> card[0], card[-2:]
('Dear Ken,', ['With thanks,', 'Ana Lima'])
>>> "I especially valued what you told me: [something specific they told you]." in card[2]
True
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from infoview_lib.coach.followup_rules import FollowUpRules, follow_up_rules
from infoview_lib.coach.text import first_name, quote, sentences
from infoview_lib.model import (
    Contact,
    FollowUpChannel,
    InterviewLog,
    StudentProfile,
)

#: Longest quote taken from a log, in characters; a longer sentence is cut at a word.
QUOTE_LENGTH = 120

_TRAILING_SPACES = re.compile(r"[ \t]+$", re.MULTILINE)
_BULLET = re.compile(r"^\s*(?:[-*\u2022]|\d+[.)])\s+")


def thank_you_note(
    profile: StudentProfile,
    contact: Contact,
    log: InterviewLog | None,
    *,
    channel: FollowUpChannel = FollowUpChannel.EMAIL,
    rules: FollowUpRules | None = None,
) -> str:
    """A thank-you draft: a card, or an email with a subject line (any other channel).

    ``channel`` may also be its text, like ``"card"``.

    >>> from infoview_lib.model import Contact, InterviewLog, StudentProfile
    >>> log = InterviewLog(meeting_id=1, key_advice="Build one small service. Then run it.")
    >>> note = thank_you_note(StudentProfile(name="Ana Lima"), Contact(name="Ken Sato"), log)
    >>> note.splitlines()[0]
    'Subject: Thank you for your time, Ken'
    >>> '"Build one small service"' in note
    True
    """
    rules = rules or follow_up_rules()
    card = str(channel).strip().casefold() == FollowUpChannel.CARD.value
    template = rules.letters["thank_you_card" if card else "thank_you_email"]
    values = {**_letter_values(profile, contact), "specific": specific(log, rules)}
    return _fill(template, values)


def update_note(
    profile: StudentProfile,
    contact: Contact,
    log: InterviewLog | None,
    *,
    advice_taken: str = "",
    rules: FollowUpRules | None = None,
) -> str:
    """A keep-in-touch update draft: their advice, and what the student did with it.

    >>> from infoview_lib.model import Contact, InterviewLog, StudentProfile
    >>> log = InterviewLog(meeting_id=1, notes="Joined Kestrel in 2019.")
    >>> note = update_note(StudentProfile(name="Ana Lima"), Contact(name="Ken Sato"), log)
    >>> "you told me: \\"Joined Kestrel in 2019\\"" in note
    True
    >>> "[what you did with their advice, and how it went]" in note
    True
    """
    rules = rules or follow_up_rules()
    values = {
        **_letter_values(profile, contact),
        "specific": specific(log, rules),
        "advice_taken": advice_taken.strip() or rules.placeholders["advice_taken"],
    }
    return _fill(rules.letters["update"], values)


def referral_opening(
    profile: StudentProfile,
    contact: Contact,
    referrer: Contact,
    *,
    rules: FollowUpRules | None = None,
) -> str:
    """The first lines of a message to someone suggested by ``referrer``, naming them first.

    The guide asks you to say who you are and how you are connected: the
    person who suggested them is that connection.

    >>> from infoview_lib.model import Contact, StudentProfile
    >>> ana = StudentProfile(name="Ana Lima", program="BSc Biology", target_fields="public health")
    >>> text = referral_opening(ana, Contact(name="Fatima Benali"), Contact(name="Dr. Ken Sato"))
    >>> text.splitlines()[2].startswith("Dr. Ken Sato suggested I get in touch with you.")
    True
    """
    rules = rules or follow_up_rules()
    values = {
        **_letter_values(profile, contact),
        "program": profile.program or rules.placeholders["program"],
        "field": ", ".join(profile.target_fields) or rules.placeholders["field"],
        "referrer_name": referrer.name,
        "referrer_first_name": first_name(referrer.name),
    }
    return _fill(rules.letters["referral_opening"], values)


def specific(log: InterviewLog | None, rules: FollowUpRules | None = None) -> str:
    """The first sentence of the key advice, else of the notes, quoted; else a placeholder.

    >>> from infoview_lib.model import InterviewLog
    >>> specific(InterviewLog(meeting_id=1, key_advice="Learn to read logs. And metrics."))
    '"Learn to read logs"'
    >>> specific(None)
    '[something specific they told you]'
    """
    for text in (log.key_advice, log.notes) if log is not None else ():
        point = _first_point(text)
        if point:
            return quote(point, limit=QUOTE_LENGTH)
    return (rules or follow_up_rules()).placeholders["specific"]


def _first_point(text: str) -> str:
    """The first sentence (of the first item, in a bulleted list), without its full stop."""
    lines = text.splitlines()
    points = [_BULLET.sub("", line) for line in lines] if any(map(_BULLET.match, lines)) else [text]
    for point in points:
        found = sentences(point)
        if found:
            return found[0].rstrip(". ")
    return ""


def _letter_values(profile: StudentProfile, contact: Contact) -> dict[str, str]:
    return {
        "contact_name": contact.name,
        "first_name": first_name(contact.name),
        "student_name": profile.name,
        "student_email": profile.email,
    }


def _fill(template: str, values: Mapping[str, str]) -> str:
    """The template with its blanks filled; a blank left empty leaves no stray spaces."""
    return _TRAILING_SPACES.sub("", template.format_map(values)).strip()
