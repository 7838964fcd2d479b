"""``infoview message``: a student's messages from the command line, through the same
workbook operations as the forms (:mod:`infoview_lib.workflow.messages`), so the same
rules hold: a message marked as sent keeps its words."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import click

from infoview_lib.cli.options import as_of_option, given_day
from infoview_lib.errors import InfoviewError
from infoview_lib.model import Contact, Outreach
from infoview_lib.store import Workbook
from infoview_lib.workflow import messages
from infoview_lib.workflow.messages import message_label

#: The longest message text read from a file or standard input (a workbook keeps less).
MAX_TEXT_BYTES = 100_000

WORKBOOK = click.argument("workbook", type=click.Path(dir_okay=False, path_type=Path))
MESSAGE_ID = click.argument("message_id", type=click.IntRange(min=1), metavar="MESSAGE")
AS_OF = as_of_option(
    "Today's date for the check that the day is not in the future (default: today).",
    today_if_left_out=True,
)


@click.group(name="message")
def message() -> None:
    """List a workbook's messages, change a draft's words, mark one sent, record a reply."""


@message.command(name="list")
@WORKBOOK
def list_messages(workbook: Path) -> None:
    """Print every message: its number, whom it is to, where it stands, its subject."""
    with Workbook.open(workbook) as book:
        names = {contact.id: contact.name for contact in book.all(Contact)}
        shown = book.all(Outreach)
    if not shown:
        click.echo("No messages yet.")
    for item in shown:
        click.echo(f"{item.id:>4}  {names.get(item.contact_id, '?')}: {message_label(item)}")


@message.command()
@WORKBOOK
@MESSAGE_ID
@click.option("--subject", help="The new subject line (default: as saved).")
@click.option(
    "--body-file",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="A UTF-8 text file with the new message ('-' reads standard input).",
)
def edit(workbook: Path, message_id: int, subject: str | None, body_file: Path | None) -> None:
    """Change the words of draft MESSAGE; a message already sent is refused."""
    if subject is None and body_file is None:
        raise click.UsageError("nothing to change: give --subject, --body-file, or both.")
    body = _read_text(body_file) if body_file is not None else None
    with Workbook.open(workbook) as book:
        current = book.get(Outreach, message_id)
        text = messages.MessageText(
            current.contact_id,
            current.channel,
            current.subject if subject is None else subject,
            current.body if body is None else body,
        )
        saved = messages.save_draft(book, text, outreach_id=message_id)
    click.echo(f"Message {saved.id} is saved.")


def _dated_change(day: str) -> Callable[[Callable[[Path, int, date, date], None]], click.Command]:
    """A ``message`` command that records a day (``--on``, passed as ``day``) for MESSAGE."""

    def command(function: Callable[[Path, int, date, date], None]) -> click.Command:
        for option in (  # innermost first: the help lists them from the bottom up
            AS_OF,
            click.option("--on", day, callback=given_day, required=True, metavar="YYYY-MM-DD"),
            MESSAGE_ID,
            WORKBOOK,
        ):
            function = option(function)
        return message.command()(function)

    return command


@_dated_change("sent_on")
def sent(workbook: Path, message_id: int, sent_on: date, as_of: date) -> None:
    """Mark draft MESSAGE as sent on a day (--on); the contact becomes "contacted"."""
    with Workbook.open(workbook) as book:
        saved = messages.mark_sent(book, message_id, sent_on=sent_on, today=as_of)
    click.echo(f"Message {saved.id} is marked as sent on {sent_on.isoformat()}.")


@_dated_change("replied_on")
def reply(workbook: Path, message_id: int, replied_on: date, as_of: date) -> None:
    """Record the day the contact replied to MESSAGE (--on): no more no-reply reminders."""
    with Workbook.open(workbook) as book:
        saved = messages.record_reply(book, message_id, replied_on=replied_on, today=as_of)
    click.echo(f"Reply to message {saved.id} recorded on {replied_on.isoformat()}.")


def _read_text(source: Path) -> str:
    """A message's text from a file or standard input, as UTF-8, with a size limit."""
    try:
        if str(source) == "-":
            data = sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)
        else:
            with source.open("rb") as handle:
                data = handle.read(MAX_TEXT_BYTES + 1)
    except OSError as error:
        raise InfoviewError(f"{source} could not be read: {error.strerror or error}.") from None
    if len(data) > MAX_TEXT_BYTES:
        raise InfoviewError(
            f"{source} is over {MAX_TEXT_BYTES:,} bytes: a message is a few paragraphs."
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InfoviewError(f"{source} is not UTF-8 text: save it as UTF-8.") from None
