"""The plain functions the outreach page is a view of: a mailto link, the copy-ready text,
the Ally check's verdict as HTML, where a message stands, and why a sent one cannot be
changed."""

from __future__ import annotations

import unicodedata
from html import escape
from urllib.parse import quote

from infoview_lib.coach.calendar import day_words
from infoview_lib.coach.findings import Severity
from infoview_lib.coach.outreach import OutreachReport
from infoview_lib.model import (
    Contact,
    Outreach,
    OutreachChannel,
    OutreachStatus,
)
from infoview_lib.ui.components import (
    findings_html,
    html_text,
)

#: The entry of the message list for a message not saved yet.
NEW_MESSAGE = "A new message"


# -- plain functions the form is a view of ---------------------------------------------


def mailto_link(address: str, subject: str, body: str) -> str:
    """A ``mailto:`` address that opens an email with this text; everything URL-encoded.

    Line breaks become CRLF, as mail expects. Put it in HTML through :func:`html.escape`.

    >>> mailto_link("wei@example.org", "Hi & bye", "Line 1\\n<b>2</b>")
    'mailto:wei@example.org?subject=Hi%20%26%20bye&body=Line%201%0D%0A%3Cb%3E2%3C%2Fb%3E'
    """
    crlf = "\r\n".join(body.replace("\r\n", "\n").split("\n"))
    return (
        f"mailto:{quote(address.strip(), safe='@')}"
        f"?subject={quote(subject.strip(), safe='')}&body={quote(crlf, safe='')}"
    )


def copy_ready_html(
    channel: OutreachChannel, subject: str, body: str, contact: Contact | None
) -> str:
    """The message as it will be sent, escaped, and for an email a link that opens it."""
    if not body.strip():
        return ""
    text = body.strip()
    if channel is OutreachChannel.EMAIL and subject.strip():
        text = f"Subject: {subject.strip()}\n\n{text}"
    parts = [
        "<h2>Copy-ready text</h2>",
        # Jupyter's own style cuts a <pre> anywhere (break-all): here only a word too long
        # for the line (a link) is broken.
        '<pre class="infoview-copy" style="white-space: pre-wrap; word-break: normal; '
        "overflow-wrap: break-word; font-family: inherit; line-height: 1.4; padding: 0.5em; "
        'border: 1px solid #d0d5dd;">'
        f"{escape(text)}</pre>",
    ]
    if channel is OutreachChannel.EMAIL:
        address = contact.email if contact else ""
        href = escape(mailto_link(address, subject, body.strip()), quote=True)
        to = (
            f" to {html_text(address)}"
            if address
            else f": {html_text(contact.name if contact else 'this contact')} has no email "
            "address in your workbook, so add it in your email program (or in notebook 01)"
        )
        parts.append(
            f'<p><a href="{href}">Open this email in your email program</a>{to}. If it opens '
            "without the text, copy the text above instead.</p>"
        )
    elif channel is OutreachChannel.LINKEDIN:
        parts.append(f"<p>{len(body.strip())} characters.</p>")
    return "".join(parts)


def report_html(report: OutreachReport) -> str:
    """The Ally check's verdict in words, then its findings."""
    problems = sum(finding.severity is Severity.PROBLEM for finding in report.findings)
    if report.verdict == "ready":
        verdict = (
            "<p><b>Ally check: ready.</b> Nothing must be fixed; the suggestions are up to you.</p>"
        )
    else:
        things = "thing" if problems == 1 else "things"
        verdict = (
            f"<p><b>Ally check: revise.</b> Fix the {problems} {things} marked "
            "&ldquo;Fix this&rdquo; before you send it.</p>"
        )
    size = f"<p>{report.words} words, {report.characters} characters.</p>"
    return f'<div aria-live="polite">{verdict}{findings_html(report.findings)}{size}</div>'


def message_state(message: Outreach | None) -> str:
    """Where the message on screen stands, in one sentence."""
    if message is None:
        return "A new message: not saved yet."
    if message.status is OutreachStatus.DRAFT:
        return "Saved as a draft: not sent yet."
    assert message.sent_on is not None  # a sent message always has its day
    sent = f"Sent on {day_words(message.sent_on)}"
    if message.replied_on is None:
        return f"{sent}; no reply recorded yet."
    return f"{sent}; they replied on {day_words(message.replied_on)}."


def sent_note(message: Outreach) -> str:
    """Why a sent message cannot be changed, and how to write another.

    >>> from datetime import date
    >>> sent = Outreach(contact_id=1, status="sent", sent_on=date(2026, 3, 13))
    >>> sent_note(sent).startswith("You sent this message on Friday 13 March 2026.")
    True
    """
    assert message.sent_on is not None  # a sent message always has its day
    reply = (
        " When they reply, pick the day below and click Record the reply."
        if message.replied_on is None
        else ""
    )
    return (
        f"You sent this message on {day_words(message.sent_on)}. It is kept as you sent "
        "it, so it cannot be changed here. To write another message to this contact, pick "
        f'"{NEW_MESSAGE}" in the Message list above.{reply}'
    )


def normal_text(text: str) -> str:
    """Text as a record stores it, to tell whether anything changed since the last save."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n")).strip()
