"""The plain functions the follow-up page is a view of: names in a referral list, the
keep-in-touch answer, a meeting's saved log, which meetings may have a log, and the steps
and letters as HTML."""

from __future__ import annotations

from datetime import date
from html import escape

from infoview_lib.coach.agenda import Action
from infoview_lib.coach.followup import split_referral
from infoview_lib.coach.text import fold
from infoview_lib.model import (
    Contact,
    FollowUp,
    FollowUpStatus,
    InterviewLog,
    Meeting,
    MeetingStatus,
)
from infoview_lib.store import Workbook, when_due
from infoview_lib.ui.components import (
    NOTHING,
    html_text,
    picked,
)
from infoview_lib.workflow.interviews import still_to_come

#: The keep-in-touch drop-down's answers, as the log saves them.
_KEEP_IN_TOUCH = {"yes": True, "no": False}


# -- plain functions the form is a view of ----------------------------------------------------


def split_names(text: str) -> tuple[str, ...]:
    """Names typed one per line, trimmed, empty lines dropped.

    >>> split_names("Fatima Benali\\n\\n  Jonas Lindqvist ")
    ('Fatima Benali', 'Jonas Lindqvist')
    """
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def keep_in_touch_answer(choice: object) -> bool | None:
    """The answer picked in the form's "Willing to keep in touch", as the log saves it.

    >>> keep_in_touch_answer("yes"), keep_in_touch_answer("no"), keep_in_touch_answer(NOTHING)
    (True, False, None)
    """
    answer = picked(choice)
    return _KEEP_IN_TOUCH.get(answer) if isinstance(answer, str) else None


def keep_in_touch_choice(answer: bool | None) -> str | int:
    """A saved answer as the form's drop-down shows it.

    >>> [keep_in_touch_choice(answer) for answer in (True, False, None)]
    ['yes', 'no', 0]
    """
    if answer is None:
        return NOTHING
    return "yes" if answer else "no"


def saved_log(book: Workbook, meeting: Meeting | None) -> InterviewLog | None:
    """The log saved for ``meeting``, if it has one."""
    if meeting is None or meeting.id is None:
        return None
    found = book.all(InterviewLog, meeting_id=meeting.id)
    return found[0] if found else None


def referral_added(book: Workbook, meeting: Meeting, name: str) -> Contact | None:
    """The contact already made for someone suggested in ``meeting``, if there is one."""
    return next(
        (
            contact
            for contact in book.all(Contact, referred_by=meeting.contact_id)
            if fold(contact.name) == fold(split_referral(name)[0])
        ),
        None,
    )


def logged_meetings(meetings: list[Meeting], today: date) -> list[Meeting]:
    """Meetings that may have a log: done, or still planned but on or before ``today``.

    Latest first.
    """
    return sorted(
        (
            meeting
            for meeting in meetings
            if meeting.status is MeetingStatus.DONE
            or (meeting.status is MeetingStatus.SCHEDULED and meeting.starts_at.date() <= today)
        ),
        key=lambda meeting: meeting.starts_at,
        reverse=True,
    )


def meetings_to_come(meetings: list[Meeting], today: date) -> list[Meeting]:
    """Meetings still planned for a day after ``today``, soonest first."""
    return sorted(
        (meeting for meeting in meetings if still_to_come(meeting, today)),
        key=lambda meeting: meeting.starts_at,
    )


def action_html(action: Action, today: date) -> str:
    """One thing to do in words: overdue or due, what, for whom, when, and why."""
    tag = "<b>OVERDUE</b>" if action.overdue else "<b>Due</b>"
    css = "infoview-overdue" if action.overdue else "infoview-due"
    return (
        f"<div class='{css}' style='padding: 0.2em 0.4em'>{tag}: "
        f"{escape(action.kind.label)}, {html_text(action.contact_name)}: "
        f"{escape(when_due(action.due_on, today))}<br>"
        f"<span class='infoview-suggestion'>{html_text(action.reason)}</span></div>"
    )


def done_html(follow_ups: list[FollowUp], names: dict[int, str]) -> str:
    """The follow-ups done, latest first, as a table."""
    done = sorted(
        (item for item in follow_ups if item.status is FollowUpStatus.DONE),
        key=lambda item: (item.done_on or date.min, item.id or 0),
        reverse=True,
    )
    if not done:
        return "<p>Nothing marked done yet.</p>"
    rows = "".join(
        f"<tr><td>{item.done_on.isoformat() if item.done_on else ''}</td>"
        f"<td>{escape(item.kind.label)}</td>"
        f"<td>{html_text(names.get(item.contact_id, ''))}</td>"
        f"<td>{escape(item.channel.label)}</td><td>{html_text(item.note)}</td></tr>"
        for item in done
    )
    return (
        "<table class='infoview-actions'><caption>Done</caption><thead><tr><th>Done on</th>"
        "<th>What</th><th>For</th><th>How</th><th>Note</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def draft_html(draft: str) -> str:
    """A draft letter, escaped, with its line breaks, ready to select and copy."""
    return (
        "<pre style='white-space: pre-wrap; word-break: normal; overflow-wrap: break-word; "
        "font-family: inherit; border: 1px solid #d0d5dd; "
        f"padding: 0.6em; max-width: 48em'>{escape(draft)}</pre>"
    )
