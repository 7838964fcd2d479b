"""Starting drafts of a first message: an email, a LinkedIn note, or a phone or in-person script.

A draft is filled in from the workbook: who the student is, how they are
connected to the contact (the person who referred them, else the student's own
note, to be rewritten), and what they hope to learn. What the workbook does not
know stays a ``[placeholder]`` that the Ally check reports until it is replaced.
The wording lives in ``data/coaching/outreach-templates.yaml``.

>>> from infoview_lib.model import Contact, StudentProfile
>>> ana = StudentProfile(name="Ana Lima", program="second-year biology")
>>> kim = Contact(id=1, name="Dr. Jae Kim", organisation="Westbrook University")
>>> lopez = Contact(name="Maria Lopez", organisation="St Mary's", role="nurse", referred_by=1)
>>> draft = draft_outreach(ana, lopez, referrer=kim)
>>> draft.subject
"Your nurse experience at St Mary's"
>>> draft.body.splitlines()[2].endswith("Dr. Jae Kim suggested I get in touch with you.")
True

A long role title would make an odd subject, so a shorter one is used instead:

>>> from dataclasses import replace
>>> director = "Senior Director of Clinical Research Operations and Strategic Partnerships"
>>> draft_outreach(ana, replace(lopez, role=director), referrer=kim).subject
"Your experience at St Mary's"
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from infoview_lib.coach.findings import check_template
from infoview_lib.coach.kinds import Text, TextList, Whole, Wordings
from infoview_lib.coach.schema import Place, entry, only_blanks, schema_loader
from infoview_lib.coach.text import first_name, plain
from infoview_lib.model import Contact, OutreachChannel, StudentProfile
from infoview_lib.model.meetings import MEETING_MINUTES

FILE = "outreach-templates.yaml"
#: The blanks every template may use.
TEMPLATE_BLANKS = (
    "contact_name",
    "contact_first_name",
    "organisation",
    "role",
    "field",
    "program",
    "a_program",
    "student_name",
    "student_first_name",
    "student_email",
    "connection_sentence",
    "minutes",
)
CONNECTION_BLANKS: dict[str, tuple[str, ...]] = {
    "referred": ("referrer_name",),
    "noted": ("connection",),
    "unknown": (),
}
#: The limits a data file may set on a subject line: its characters, and its role's words.
SUBJECT_CHARACTERS = (20, 200)
ROLE_WORDS = (1, 20)
PLACEHOLDERS = ("contact_name", "organisation", "role", "field", "program", "student_email")


@dataclass(frozen=True, slots=True)
class OutreachDraft:
    """A filled-in first message: its subject (emails only) and its body."""

    channel: OutreachChannel
    subject: str
    body: str

    def as_text(self) -> str:
        """The draft as a file would hold it: a ``Subject:`` line first for an email.

        >>> OutreachDraft(OutreachChannel.EMAIL, "Hi", "Dear Ana,").as_text()
        'Subject: Hi\\n\\nDear Ana,'
        """
        return f"Subject: {self.subject}\n\n{self.body}" if self.subject else self.body


@dataclass(frozen=True, slots=True)
class SubjectLines:
    """A template's subject line, and shorter ones for when it would be too long.

    ``max_characters`` and ``role_max_words`` are the limits (0: none): the
    first line that is within them is used, else the last.

    >>> lines = SubjectLines(("Your {role} work at {organisation}", "Your work"), 30, 3)
    >>> lines.pick({"role": "nurse", "organisation": "St Mary's"})
    "Your nurse work at St Mary's"
    >>> lines.pick({"role": "nurse", "organisation": "St Mary's Hospital, London"})
    'Your work'
    >>> lines.pick({"role": "Head of Data and AI", "organisation": "Acme"})
    'Your work'
    """

    lines: tuple[str, ...] = ("",)
    max_characters: int = 0
    role_max_words: int = 0

    def pick(self, values: Mapping[str, Any]) -> str:
        """The first line, filled in with ``values``, that is short enough; else the last."""
        filled = ""
        for line in self.lines:
            filled = line.format_map(values)
            if self._fits(line, filled, str(values.get("role", ""))):
                break
        return filled

    def _fits(self, line: str, filled: str, role: str) -> bool:
        if self.max_characters and len(filled) > self.max_characters:
            return False
        long_role = bool(self.role_max_words) and len(role.split()) > self.role_max_words
        return not (long_role and "role" in check_template(line, FILE))


@dataclass(frozen=True, slots=True)
class Templates:
    """Each channel's template: a ``body``, and for an email a ``subject`` with its
    ``shorter_subjects`` and the limits that choose among them."""

    def read(
        self, data: Mapping[str, Any], key: str, at: Place
    ) -> dict[OutreachChannel, tuple[SubjectLines, str]]:
        found = data.get(key)
        if not isinstance(found, dict):
            raise at.error(f"{key!r} is missing or is not a dict.")
        return {
            channel: _template(found.get(channel.value), channel, at.inside(key))
            for channel in OutreachChannel
        }


def _template(entry: object, channel: OutreachChannel, at: Place) -> tuple[SubjectLines, str]:
    """A channel's subject lines and body."""
    at = Place(at.file, f"{at.section}.{channel.value}")
    if not isinstance(entry, dict):
        raise at.error("give the template's body.")
    body = Text(tuple(TEMPLATE_BLANKS)).read(entry, "body", at)
    return _subject_lines(entry, channel, at), body


@dataclass(frozen=True, slots=True)
class DraftTemplates:
    """The templates and the words used where the workbook knows nothing."""

    default_minutes: int = field(
        metadata=entry(Whole(*MEETING_MINUTES), "the length of meeting a draft asks for")
    )
    connection: dict[str, str] = field(
        metadata=entry(Wordings(CONNECTION_BLANKS), "how the draft states the connection")
    )
    placeholders: dict[str, str] = field(
        metadata=entry(
            Wordings(dict.fromkeys(PLACEHOLDERS, ())),
            "put in, in square brackets, where the workbook has nothing to say",
        )
    )
    templates: dict[OutreachChannel, tuple[SubjectLines, str]] = field(
        metadata=entry(Templates(), "one per channel")
    )
    subjects: dict[OutreachChannel, SubjectLines] = field(init=False)
    bodies: dict[OutreachChannel, str] = field(init=False)

    def __post_init__(self) -> None:
        subjects = {channel: lines for channel, (lines, _) in self.templates.items()}
        object.__setattr__(self, "subjects", subjects)
        bodies = {channel: body for channel, (_, body) in self.templates.items()}
        object.__setattr__(self, "bodies", bodies)


def _subject_lines(entry: dict[str, Any], channel: OutreachChannel, at: Place) -> SubjectLines:
    """A template's ``subject``, its ``shorter_subjects`` and the limits that choose one."""
    subject = entry.get("subject", "")
    if channel is OutreachChannel.EMAIL and not (isinstance(subject, str) and subject.strip()):
        raise at.error("an email template needs a subject.")
    if not isinstance(subject, str):
        raise at.error("the subject must be text.")
    shorter = TextList().read(entry, "shorter_subjects", at) if "shorter_subjects" in entry else ()
    lines = (subject.strip(), *shorter)
    for line in lines:
        only_blanks(line, TEMPLATE_BLANKS, at)
    if not shorter:
        return SubjectLines(lines)
    return SubjectLines(
        lines,
        Whole(*SUBJECT_CHARACTERS).read(entry, "subject_max_characters", at),
        Whole(*ROLE_WORDS).read(entry, "subject_role_max_words", at),
    )


#: The templates in use, read once per data folder.
draft_templates = schema_loader(DraftTemplates, FILE)


def draft_outreach(
    profile: StudentProfile,
    contact: Contact,
    *,
    channel: OutreachChannel | str = OutreachChannel.EMAIL,
    referrer: Contact | None = None,
    minutes: int | None = None,
    templates: DraftTemplates | None = None,
) -> OutreachDraft:
    """A first message to ``contact``, filled in from the workbook.

    ``referrer`` is the contact who suggested this one (``contact.referred_by``);
    ``minutes`` is the length of meeting to ask for (default from the data file).

    >>> from infoview_lib.model import Contact, StudentProfile
    >>> note = draft_outreach(StudentProfile(name="Ana Lima"), Contact(name="Wei Ng"),
    ...                       channel="linkedin")
    >>> note.subject, note.body.startswith("Hi Wei, I'm Ana, a [your year and programme")
    ('', True)
    """
    templates = templates or draft_templates()
    channel = OutreachChannel.parse(channel)
    blank = templates.placeholders
    values = {
        "contact_name": plain(contact.name) or blank["contact_name"],
        "contact_first_name": first_name(contact.name) or blank["contact_name"],
        "organisation": contact.organisation or blank["organisation"],
        "role": contact.role or blank["role"],
        "field": contact.field or next(iter(profile.target_fields), "") or blank["field"],
        "program": profile.program or blank["program"],
        "a_program": with_article(profile.program or blank["program"]),
        "student_name": profile.name,
        "student_first_name": first_name(profile.name),
        "student_email": profile.email or blank["student_email"],
        "connection_sentence": _connection(contact, referrer, templates),
        "minutes": minutes or templates.default_minutes,
    }
    return OutreachDraft(
        channel,
        templates.subjects[channel].pick(values),
        templates.bodies[channel].format_map(values),
    )


def _connection(contact: Contact, referrer: Contact | None, templates: DraftTemplates) -> str:
    if referrer is not None and referrer.id is not None and referrer.id == contact.referred_by:
        return templates.connection["referred"].format_map({"referrer_name": plain(referrer.name)})
    if plain(contact.connection):
        return templates.connection["noted"].format_map({"connection": plain(contact.connection)})
    return templates.connection["unknown"].format()


def with_article(words: str) -> str:
    """``words`` after "a" or "an", as it sounds in most cases.

    >>> with_article("BSc Biology"), with_article("Economics"), with_article("[your year]")
    ('a BSc Biology', 'an Economics', 'a [your year]')
    >>> with_article("MSc Nursing"), with_article("university"), with_article("honours history")
    ('an MSc Nursing', 'a university', 'an honours history')
    """
    first = words.split(" ", 1)[0].strip("[(")
    if len(first) > 1 and first[:2].isupper():  # an abbreviation, read letter by letter: an MSc
        vowel_sound = first[0] in "AEFHILMNORSX"
    else:
        lower = first.lower()
        vowel_sound = lower[:1] in tuple("aeiou") and not lower.startswith(_A_WORDS)
        vowel_sound = vowel_sound or lower.startswith(("hon", "hour", "heir"))
    return f"an {words}" if vowel_sound else f"a {words}"


#: Words that start with a vowel letter but not a vowel sound: a university, a one-year.
_A_WORDS = ("uni", "use", "usu", "one", "eu", "ewe", "ur")
