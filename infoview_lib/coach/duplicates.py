"""The same person entered twice: same email, same LinkedIn profile, or same name and organisation.

Comparisons ignore case, accents, punctuation and spacing, titles such as "Dr."
and credentials after a comma ("Wei Ng, PhD"); LinkedIn addresses are compared
without their scheme, ``www.`` or mobile host, query string and trailing slash.
Word lists and wording are in the ``duplicates`` section of
``data/coaching/contacts.yaml``.

>>> from infoview_lib.model import Contact
>>> book = [Contact(id=1, name="Zoë Müller", organisation="Helix Bio"),
...         Contact(id=2, name="zoe  muller", organisation="HELIX BIO")]
>>> [(group.contact_ids, group.reason) for group in find_duplicates(book)]
[((1, 2), 'the same name and organisation')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from infoview_lib.coach.contact_rules import KINDS, contact_rules
from infoview_lib.coach.findings import Finding
from infoview_lib.coach.text import fold, tokens
from infoview_lib.model import Contact

_LINKEDIN = "linkedin.com"


@dataclass(frozen=True, slots=True)
class DuplicateGroup:
    """Saved contacts that look like one person, and why."""

    contact_ids: tuple[int, ...]
    names: tuple[str, ...]
    reason: str


@dataclass(frozen=True, slots=True)
class DuplicateMatch:
    """An existing contact a new entry looks like, and why."""

    contact: Contact
    reason: str


def name_key(name: str) -> str:
    """A person's name for comparison: no title, credentials, case, accents or spacing.

    >>> name_key("Dr. Zoë  O'Brien-Müller, PhD") == name_key("zoe obrien muller")
    True
    """
    rules = contact_rules().duplicates
    person, _, after = name.partition(",")
    if not set(tokens(after)) <= rules.credentials:
        person = name
    parts = tokens(person)
    while len(parts) > 1 and parts[0] in rules.titles:
        parts.pop(0)
    return "".join(parts)


def organisation_key(organisation: str) -> str:
    """An organisation's name for comparison and grouping; empty if none is given.

    >>> organisation_key("St. Brendan's Regional Hospital, Inc.")
    'stbrendansregionalhospital'
    """
    ignored = contact_rules().duplicates.organisation_ignored
    return "".join(token for token in tokens(organisation) if token not in ignored)


def linkedin_key(url: str) -> str:
    """A LinkedIn profile address for comparison; empty if it names no profile.

    >>> linkedin_key("http://m.LinkedIn.com/in/Zo%C3%AB-Muller/?trk=abc")
    'linkedin.com/in/zoe-muller'
    >>> linkedin_key("www.linkedin.com/in/zoe-muller/")
    'linkedin.com/in/zoe-muller'
    """
    text = url.strip()
    if not text:
        return ""
    try:
        parts = urlsplit(text if "://" in text else "https://" + text)
        host = (parts.hostname or "").casefold()
    except ValueError:
        return fold(text)
    if host == _LINKEDIN or host.endswith("." + _LINKEDIN):
        host = _LINKEDIN
    path = re.sub(r"/+", "/", fold(unquote(parts.path))).strip("/")
    return f"{host}/{path}" if path else ""


def _keys(contact: Contact) -> dict[str, str]:
    """The values compared for each kind of match; empty ones never match."""
    person = name_key(contact.name)
    return {
        "email": contact.email.strip().casefold(),
        "linkedin": linkedin_key(contact.linkedin_url),
        "name": f"{person}@{organisation_key(contact.organisation)}" if person else "",
    }


def _reason(kinds: Iterable[str]) -> str:
    reasons = contact_rules().duplicates.reasons
    return "; ".join(reasons[kind] for kind in KINDS if kind in set(kinds))


def _root(parents: list[int], index: int) -> int:
    while parents[index] != index:
        parents[index] = parents[parents[index]]
        index = parents[index]
    return index


def find_duplicates(contacts: Sequence[Contact]) -> list[DuplicateGroup]:
    """Groups of saved contacts that look like one person, lowest id first.

    A group is transitive: if A and B share an email and B and C share a name
    and organisation, all three are one group. Contacts without an id (not
    saved yet) are left out; check those with :func:`possible_duplicates`.

    >>> from infoview_lib.model import Contact
    >>> find_duplicates([Contact(id=3, name="Ana Lima", email="ANA@example.org"),
    ...                  Contact(id=1, name="A. Lima", email="ana@example.org")])[0].contact_ids
    (1, 3)
    """
    saved = [contact for contact in contacts if contact.id is not None]
    parents = list(range(len(saved)))
    buckets: dict[tuple[str, str], list[int]] = {}
    for index, contact in enumerate(saved):
        for kind, key in _keys(contact).items():
            if key:
                buckets.setdefault((kind, key), []).append(index)
    for members in buckets.values():
        for other in members[1:]:
            parents[_root(parents, other)] = _root(parents, members[0])
    roots = [_root(parents, index) for index in range(len(saved))]
    kinds: dict[int, set[str]] = {}
    for (kind, _), members in buckets.items():
        if len(members) > 1:
            kinds.setdefault(roots[members[0]], set()).add(kind)
    groups = []
    for root, found in kinds.items():
        people = sorted(
            (contact for contact, mine in zip(saved, roots, strict=True) if mine == root),
            key=lambda contact: contact.id or 0,
        )
        groups.append(
            DuplicateGroup(
                tuple(contact.id or 0 for contact in people),
                tuple(contact.name for contact in people),
                _reason(found),
            )
        )
    return sorted(groups, key=lambda group: group.contact_ids)


def possible_duplicates(candidate: Contact, contacts: Sequence[Contact]) -> list[DuplicateMatch]:
    """The contacts a new or edited entry looks like, in the order given.

    The candidate itself (same id) is skipped, so an edit form can pass the
    whole contact list.

    >>> from infoview_lib.model import Contact
    >>> saved = [Contact(id=1, name="Wei Ng", linkedin_url="https://www.linkedin.com/in/wei-ng")]
    >>> new = Contact(name="W. Ng", linkedin_url="linkedin.com/in/WEI-NG/")
    >>> [(match.contact.id, match.reason) for match in possible_duplicates(new, saved)]
    [(1, 'the same LinkedIn profile')]
    """
    mine = _keys(candidate)
    matches = []
    for contact in contacts:
        if candidate.id is not None and contact.id == candidate.id:
            continue
        theirs = _keys(contact)
        kinds = [kind for kind in KINDS if mine[kind] and mine[kind] == theirs[kind]]
        if kinds:
            matches.append(DuplicateMatch(contact, _reason(kinds)))
    return matches


def new_contact_findings(candidate: Contact, contacts: Sequence[Contact]) -> tuple[Finding, ...]:
    """Findings for a contact form: one ``duplicate_contact`` per existing look-alike.

    >>> from infoview_lib.model import Contact
    >>> saved = [Contact(id=1, name="Zoë Müller", email="zoe@example.org")]
    >>> finding, = new_contact_findings(Contact(name="Zoe Muller", email="Zoe@Example.org"), saved)
    >>> finding.rule, finding.message.split(" (")[0]
    ('duplicate_contact', 'Zoe Muller looks like the same person as Zoë Müller')
    """
    rule = contact_rules().duplicates.rule
    return tuple(
        rule.finding(name=candidate.name, other=match.contact.name, reason=match.reason)
        for match in possible_duplicates(candidate, contacts)
    )


def duplicate_findings(contacts: Sequence[Contact]) -> tuple[Finding, ...]:
    """Findings for the contact list: one ``duplicate_contact`` per group of look-alikes.

    >>> from infoview_lib.model import Contact
    >>> duplicate_findings([Contact(id=1, name="Ana Lima"), Contact(id=2, name="Ana Silva")])
    ()
    """
    rule = contact_rules().duplicates.rule
    return tuple(
        rule.finding(name=group.names[0], other=", ".join(group.names[1:]), reason=group.reason)
        for group in find_duplicates(contacts)
    )
