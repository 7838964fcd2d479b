"""The read-only panels of the "pick contacts" page: prompts to brainstorm people, the
table of contacts with each one's score and its reasons, and whom to write to first."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

import ipywidgets as widgets

from infoview_lib.coach.contacts import (
    IN_PLAY,
    ContactScore,
    OutreachPlan,
    PlanEntry,
    PromptGroup,
    brainstorm_prompts,
    outreach_order,
    score_contact,
)
from infoview_lib.coach.duplicates import duplicate_findings
from infoview_lib.coach.text import fold
from infoview_lib.model import Contact, PipelineStatus, StudentProfile
from infoview_lib.ui.components import (
    LABEL_STYLE,
    WIDTH,
    findings_html,
    html_text,
    readable,
)

#: How the contact table can be sorted: what the student reads, and the key.
SORT_CHOICES = (
    ("Priority score (best first)", "score"),
    ("Name (A to Z)", "name"),
    ("Organisation (A to Z)", "organisation"),
    ("Status (first steps first)", "status"),
)
#: A table cell of the student's own words (a name, an organisation): a long one wraps,
#: even inside a word, so the table fits; short words stay whole.
_LONG_TEXT_CELL = "overflow-wrap: anywhere; min-width: 7em"
#: The pipeline stages in order, for sorting by stage.
_STAGE = {status: index for index, status in enumerate(PipelineStatus)}


def _points(points: int) -> str:
    """Points with their sign, in words a student reads.

    >>> _points(3), _points(-1), _points(1)
    ('+3 points', '-1 point', '+1 point')
    """
    return f"{points:+d} point{'' if abs(points) == 1 else 's'}"


# -- brainstorming ---------------------------------------------------------------------------


def brainstorm_html(group: PromptGroup, names: Sequence[str]) -> str:
    """One category's advice: why the guide suggests these people, the prompts, who is in."""
    prompts = "".join(f"<li>{html_text(prompt)}</li>" for prompt in group.prompts)
    so_far = (
        f"<p><b>In your list so far ({len(names)}):</b> {html_text(', '.join(names))}</p>"
        if names
        else "<p><b>In your list so far:</b> nobody yet.</p>"
    )
    return readable(
        f"<p><b>Why:</b> {html_text(group.why)}</p>"
        f"<p><b>Questions to jog your memory:</b></p><ul>{prompts}</ul>{so_far}"
    )


class BrainstormPanel:
    """One fold per category of the guide, with its prompts, its reason and who is in it."""

    def __init__(self) -> None:
        self.groups = brainstorm_prompts()
        self.pages = [widgets.HTML() for _ in self.groups]
        self.view = widgets.Accordion(children=self.pages, selected_index=0)
        self.show([])

    def show(self, contacts: Sequence[Contact]) -> None:
        """Fill in each category with the contacts already in it."""
        for index, (group, page) in enumerate(zip(self.groups, self.pages, strict=True)):
            names = [contact.name for contact in contacts if contact.category is group.category]
            page.value = brainstorm_html(group, names)
            self.view.set_title(index, f"{group.category.label} ({len(names)} so far)")


# -- the table of contacts ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ScoredContact:
    """A contact with its score and the reasons for it."""

    contact: Contact
    score: ContactScore


def scored_contacts(contacts: Sequence[Contact], profile: StudentProfile) -> list[ScoredContact]:
    """Each contact with its score; a referral names who referred them."""
    names = {contact.id: contact.name for contact in contacts}
    return [
        ScoredContact(
            contact,
            score_contact(contact, profile, referrer=names.get(contact.referred_by, "")),
        )
        for contact in contacts
    ]


def sort_contacts(rows: Iterable[ScoredContact], by: str) -> list[ScoredContact]:
    """The rows sorted ``by`` one of :data:`SORT_CHOICES`' keys; ties go by name.

    Names and organisations sort ignoring case and accents; contacts without an
    organisation come last; statuses go in the order of the steps.

    >>> from infoview_lib.coach.contacts import ContactScore
    >>> rows = [ScoredContact(Contact(name=n), ContactScore(None, p, ())) for n, p in
    ...         [("Émile", 1), ("ana", 5), ("Bo", 5)]]
    >>> [row.contact.name for row in sort_contacts(rows, "name")]
    ['ana', 'Bo', 'Émile']
    >>> [row.contact.name for row in sort_contacts(rows, "score")]
    ['ana', 'Bo', 'Émile']
    """

    def name(row: ScoredContact) -> tuple[str, int]:
        return fold(row.contact.name), row.contact.id or 0

    keys: dict[str, Callable[[ScoredContact], tuple[Any, ...]]] = {
        "score": lambda row: (-row.score.points, *name(row)),
        "name": name,
        "organisation": lambda row: (
            not row.contact.organisation,
            fold(row.contact.organisation),
            *name(row),
        ),
        "status": lambda row: (_STAGE[row.contact.status], -row.score.points, *name(row)),
    }
    if by not in keys:
        raise ValueError(f"cannot sort by {by!r}: use one of {', '.join(keys)}")
    return sorted(rows, key=keys[by])


def reasons_html(score: ContactScore) -> str:
    """A score's reasons as a list, each with its points."""
    items = "".join(
        f"<li>{_points(reason.points)}: {html_text(reason.text)}</li>" for reason in score.reasons
    )
    return f"<ul>{items}</ul>" if items else ""


def contacts_table_html(rows: Sequence[ScoredContact], sorted_by: str) -> str:
    """The contacts as a table, every piece of student text escaped and shown in full.

    Long names, organisations and reasons wrap in their cells; a table too wide
    for the page scrolls sideways in its box.
    """
    if not rows:
        return (
            "<p>No contacts yet. Use the questions above to think of people, then add them "
            "with the form.</p>"
        )
    body = []
    for row in rows:
        contact = row.contact
        body.append(
            "<tr>"
            f"<td><b>{row.score.points}</b></td>"
            f"<th scope='row' style='{_LONG_TEXT_CELL}'>{html_text(contact.name)}</th>"
            f"<td>{escape(contact.category.label)}</td>"
            f"<td style='{_LONG_TEXT_CELL}'>{html_text(contact.organisation)}</td>"
            f"<td style='{_LONG_TEXT_CELL}'>{html_text(contact.role)}</td>"
            f"<td>{escape(contact.priority.label)}</td>"
            f"<td>{escape(contact.status.label)}</td>"
            f"<td>{reasons_html(row.score)}</td>"
            "</tr>"
        )
    label = {key: text for text, key in SORT_CHOICES}[sorted_by]
    count = f"{len(rows)} contact{'' if len(rows) == 1 else 's'}"
    return readable(
        "<table class='infoview-actions infoview-contacts'>"
        f"<caption>Your {count}, sorted by {escape(label.lower())}</caption>"
        "<thead><tr><th>Score</th><th>Name</th><th>Where from</th><th>Organisation</th>"
        "<th>Role</th><th>Your priority</th><th>Status</th><th>Why this score</th></tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


class ContactTable:
    """Every contact with its score and reasons, sorted as the student chooses."""

    def __init__(self) -> None:
        self.rows: list[ScoredContact] = []
        self.sort = widgets.Dropdown(
            options=list(SORT_CHOICES),
            value="score",
            description="Sort by",
            style=LABEL_STYLE,
            layout=widgets.Layout(width=WIDTH),
        )
        self.sort.observe(lambda _: self.render(), names="value")
        self.duplicates = widgets.HTML()
        self.table = widgets.HTML()
        self.view = widgets.VBox([self.sort, self.duplicates, self.table])
        self.render()

    def show(self, contacts: Sequence[Contact], profile: StudentProfile) -> None:
        """Score the contacts and show them, with any that look entered twice."""
        self.rows = scored_contacts(contacts, profile)
        findings = duplicate_findings(contacts)
        self.duplicates.value = (
            readable(f"<p><b>Possible duplicates in your list:</b></p>{findings_html(findings)}")
            if findings
            else ""
        )
        self.render()

    def render(self) -> None:
        """Show the table in the chosen order."""
        rows = sort_contacts(self.rows, self.sort.value)
        self.table.value = contacts_table_html(rows, self.sort.value)


# -- the outreach order ------------------------------------------------------------------


def _who(contact: Contact) -> str:
    where = f", {html_text(contact.organisation)}" if contact.organisation else ""
    return f"<b>{html_text(contact.name)}</b>{where}"


def _start_now_html(entry: PlanEntry) -> str:
    points = entry.score.points
    return f"<li>{_who(entry.contact)}: score {points}{reasons_html(entry.score)}</li>"


def outreach_html(plan: OutreachPlan, in_play: int = 0) -> str:
    """Whom to write to now, best first, and who waits and why.

    ``in_play`` counts the contacts already written to or with a meeting planned.
    """
    parts = []
    if in_play:
        parts.append(
            f"<p>You already have {in_play} contact{'' if in_play == 1 else 's'} in play "
            "(written to, or with a meeting planned); they count toward the limits below.</p>"
        )
    if not plan.start_now and not plan.later:
        parts.append(
            "<p>Nobody on your list is waiting for a first message: add contacts above, or "
            "set a contact's status back to “Identified” if you have not written yet.</p>"
        )
        return readable("".join(parts))
    if plan.start_now:
        items = "".join(_start_now_html(entry) for entry in plan.start_now)
        parts.append(f"<h3>Start now ({len(plan.start_now)}), best first</h3><ol>{items}</ol>")
    else:
        parts.append("<h3>Start now</h3><p>Nobody yet: see why each contact waits, below.</p>")
    if plan.later:
        items = "".join(
            f"<li>{_who(entry.contact)}: {html_text(entry.wait_reason)}</li>"
            for entry in plan.later
        )
        parts.append(f"<h3>Later ({len(plan.later)})</h3><ul>{items}</ul>")
    return readable("".join(parts))


class OutreachOrder:
    """The suggested order of first messages: who to start with now, who waits and why."""

    def __init__(self) -> None:
        self.view = widgets.HTML()

    def show(self, contacts: Sequence[Contact], profile: StudentProfile) -> None:
        """Plan the order for these contacts."""
        in_play = sum(contact.status in IN_PLAY for contact in contacts)
        self.view.value = outreach_html(outreach_order(contacts, profile), in_play)
